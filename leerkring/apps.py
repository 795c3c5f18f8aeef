from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class LeerkringConfig(AppConfig):
    """The project package: pages that combine every app, and the demo data command."""

    name = "leerkring"
    verbose_name = "Leerkring"


class StaticFilesConfig(BaseStaticFilesConfig):
    # The npm manifest of the vendored NL Design System CSS is source, not a static file.
    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "package.json", "package-lock.json"]
