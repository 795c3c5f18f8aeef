from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DilemmasConfig(AppConfig):
    name = "dilemmas"
    verbose_name = _("Kernvragen, dilemma's en casussen")

    def ready(self):
        from leerkring.core import exports as core_exports

        from . import exports

        core_exports.register(exports.CASUSSEN, exports.CASUSSEN_SPEC)
