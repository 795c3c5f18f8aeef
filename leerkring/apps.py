from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class LeerkringConfig(AppConfig):
    """The project package: pages that combine every app, and the demo data command."""

    # The default config of the app "leerkring" (apps.py also holds StaticFilesConfig).
    default = True
    name = "leerkring"
    verbose_name = "Leerkring"

    def ready(self):
        from leerkring.core import rendering

        from . import documents

        # Certificates of participation (they combine meetings, cases and municipalities).
        rendering.register(documents.DEELNAMEBEWIJS_PDF)
        rendering.register(documents.DEELNAMEBEWIJZEN_PDF)
        # A person's own data, readably (issue 18).
        from .mijn_gegevens import MIJN_GEGEVENS_PDF

        rendering.register(MIJN_GEGEVENS_PDF)

        from leerkring.core import exports as core_exports

        from . import people

        # The people of a municipality with the meetings they attended (helper h6).
        core_exports.register(people.DEELNEMERS, people.DEELNEMERS_SPEC)


class StaticFilesConfig(BaseStaticFilesConfig):
    # The npm manifest of the vendored NL Design System CSS is source, not a static file.
    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "package.json", "package-lock.json"]
