from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicatiesConfig(AppConfig):
    name = "publicaties"
    verbose_name = _("Publicaties")

    def ready(self):
        from leerkring.core import rendering

        from . import documents

        rendering.register(documents.KIND, documents.publicatie_document)
