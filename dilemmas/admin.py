from django.contrib import admin

from .models import Kernvraag


@admin.register(Kernvraag)
class KernvraagAdmin(admin.ModelAdmin):
    list_display = ["text", "leerkring", "position"]
    list_filter = ["leerkring"]
    search_fields = ["text"]
    list_select_related = ["leerkring"]
