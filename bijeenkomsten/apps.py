from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BijeenkomstenConfig(AppConfig):
    name = "bijeenkomsten"
    verbose_name = _("Bijeenkomsten")

    def ready(self):
        from leerkring.core import rendering

        from . import documents

        rendering.register(documents.VERSLAG_PDF)
        rendering.register(documents.PRESENTIELIJST_PDF)

        from leerkring.core import sweepers

        from .services import documenten

        sweepers.register("bijeenkomsten.documenten", documenten.documenten_sweep)

        from leerkring.core import exports as core_exports

        from . import exports

        core_exports.register(exports.AANMELDINGEN, exports.AANMELDINGEN_SPEC)
        core_exports.register(exports.EVALUATIE, exports.EVALUATIE_SPEC)

        from django.core.cache import cache
        from django.db.models.signals import post_delete, post_save

        from gemeenten.models import Gemeente
        from leerkring.core.models import Leerkring

        from .selectors.lists import FILTER_CHOICES_KEY

        def forget_filter_choices(**kwargs):
            cache.delete(FILTER_CHOICES_KEY)

        for model in (Gemeente, Leerkring):
            post_save.connect(forget_filter_choices, sender=model, weak=False)
            post_delete.connect(forget_filter_choices, sender=model, weak=False)
