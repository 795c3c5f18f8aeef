from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    Casus,
    CasusVersie,
    Dilemma,
    DilemmaGedeeld,
    Kernvraag,
    Reactie,
    Rol,
    Waarde,
)


@admin.register(Kernvraag)
class KernvraagAdmin(admin.ModelAdmin):
    list_display = ["text", "leerkring", "position"]
    list_filter = ["leerkring"]
    search_fields = ["text"]
    list_select_related = ["leerkring"]


class DilemmaGedeeldInline(admin.StackedInline):
    """The other circles that work on the dilemma, each with its own conclusions (Markdown).
    Researchers write them on the site too (dilemmas:dilemma-update at that circle's address)."""

    model = DilemmaGedeeld
    extra = 0
    fields = ["leerkring", "position", "conclusions"]


# A field per language for the names and summaries (translation.py, django-modeltranslation).
@admin.register(Dilemma)
class DilemmaAdmin(TranslationAdmin):
    list_display = ["title", "leerkring", "position", "updated_at"]
    list_filter = ["leerkring", "shared_with"]
    search_fields = ["title", "summary", "description", "conclusions"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["leerkring"]
    inlines = [DilemmaGedeeldInline]


@admin.register(Rol)
class RolAdmin(TranslationAdmin):
    list_display = ["name", "kind", "position"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Waarde)
class WaardeAdmin(TranslationAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]


class ReactieInline(admin.TabularInline):
    model = Reactie
    extra = 0
    fields = ["author", "body", "is_hidden", "hidden_reason"]
    raw_id_fields = ["author"]


@admin.register(Casus)
class CasusAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "gemeente",
        "dilemma",
        "status",
        "visibility",
        "anonymise",
        "programme_open",
        "published_at",
    ]
    list_filter = [
        "status",
        "visibility",
        "anonymise",
        "programme_open",
        "dilemma",
        "gemeente",
        "rollen",
        "waarden",
    ]
    search_fields = ["title", "situation", "question", "author__name"]
    list_select_related = ["gemeente", "dilemma"]
    raw_id_fields = ["author", "anon_approved_by"]
    filter_horizontal = ["rollen", "waarden"]
    readonly_fields = ["published_at", "anon_approved_at", "created_at", "updated_at"]
    inlines = [ReactieInline]


@admin.register(Reactie)
class ReactieAdmin(admin.ModelAdmin):
    list_display = ["casus", "author", "created_at", "is_hidden"]
    list_filter = ["is_hidden"]
    search_fields = ["body", "author__name", "casus__title"]
    list_select_related = ["casus", "author"]
    raw_id_fields = ["author", "casus", "hidden_by"]


@admin.register(CasusVersie)
class CasusVersieAdmin(admin.ModelAdmin):
    list_display = ["casus", "editor", "created_at"]
    search_fields = ["casus__title"]
    list_select_related = ["casus", "editor"]
    readonly_fields = ["casus", "editor", "created_at", "changed_fields", "snapshot"]
