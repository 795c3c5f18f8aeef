from django.contrib import admin

from .models import Download, Publicatie, PublicatieVersie


class VersieInline(admin.TabularInline):
    model = PublicatieVersie
    extra = 0
    fields = ["number", "note", "created_by", "created_at", "file"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # new versions go through the site, which checks uploads


@admin.register(Publicatie)
class PublicatieAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "leerkring", "release_at", "visibility"]
    list_filter = ["kind", "visibility", "leerkring"]
    search_fields = ["title", "abstract", "author_names"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["authors"]
    readonly_fields = ["cover"]
    date_hierarchy = "release_at"
    inlines = [VersieInline]


@admin.register(Download)
class DownloadAdmin(admin.ModelAdmin):
    list_display = ["created_at", "publicatie", "gemeente", "partner", "user"]
    list_filter = ["publicatie", "gemeente", "partner"]
    list_select_related = ["publicatie", "gemeente", "partner", "user"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Download._meta.fields]

    def has_add_permission(self, request):
        return False
