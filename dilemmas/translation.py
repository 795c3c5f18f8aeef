"""Which row fields have a version per language (django-modeltranslation, D69).

Only the fixed vocabulary that people choose from or filter on: the names of the dilemmas and
their one-line summaries, the stances and working roles, and the democratic values. What
researchers write at length (descriptions, conclusions, reports) stays as written.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Dilemma, Rol, Waarde


@register(Dilemma)
class DilemmaTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ("nl",)


@register(Rol)
class RolTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("nl",)


@register(Waarde)
class WaardeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("nl",)
