from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GemeentenConfig(AppConfig):
    name = "gemeenten"
    verbose_name = _("Gemeenten en partners")

    def ready(self):
        from leerkring.core import sweepers

        from . import services

        # Invitations that were never used are deleted some weeks after they expire.
        sweepers.register("gemeenten.uitnodigingen_expire", services.uitnodigingen_expire)
