from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicatiesConfig(AppConfig):
    name = "publicaties"
    verbose_name = _("Publicaties")

    def ready(self):
        from leerkring.core import rendering, sweepers

        from . import documents, services

        rendering.register(documents.PUBLICATIE_PDF)
        sweepers.register("publicaties.pdf_uploads", services.pdf_uploads_sweep)
