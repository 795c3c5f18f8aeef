from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BijeenkomstenConfig(AppConfig):
    name = "bijeenkomsten"
    verbose_name = _("Bijeenkomsten")

    def ready(self):
        from leerkring.core import rendering

        from . import documents

        rendering.register(documents.VERSLAG, documents.verslag_document)
        rendering.register(documents.PRESENTIELIJST, documents.presentielijst_document)
