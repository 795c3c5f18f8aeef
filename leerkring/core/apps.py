from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "leerkring.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .search import register_sqlite_functions

        # Search folds accents on the SQLite demo with a Python function (core/search.py).
        connection_created.connect(register_sqlite_functions, dispatch_uid="core.search.fold")

        # The core's own work that the sweeper (`core.sweep`) sends again, registered as the
        # apps register theirs; the sweep task imports none of them.
        from . import mail, sweepers
        from .exports import services as exports_services
        from .rendering import services as rendering_services

        sweepers.register("core.render_jobs", rendering_services.render_jobs_sweep)
        sweepers.register("core.export_jobs", exports_services.export_jobs_sweep)
        sweepers.register("core.emails", mail.emails_sweep)
        sweepers.register("core.exports_expire", exports_services.exports_expire)
