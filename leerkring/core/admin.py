from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Leerkring, Programma, RenderJob, User, WorkerHeartbeat


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["name", "email"]
    list_display = ["name", "email", "is_active", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "is_removed"]
    search_fields = ["name", "email"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        (
            _("Rechten"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Datums"), {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]}),
    ]


@admin.register(Leerkring)
class LeerkringAdmin(admin.ModelAdmin):
    list_display = ["title", "programma", "phase", "starts_on", "ends_on", "max_gemeenten"]
    list_filter = ["programma", "phase"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["researchers"]
    date_hierarchy = "starts_on"


@admin.register(Programma)
class ProgrammaAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["managers"]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["hostname", "seen_at"]
    readonly_fields = ["hostname", "seen_at"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_repr", "detail"]
    list_filter = ["action"]
    search_fields = ["target_repr", "detail", "actor__name"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"

    # The log is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RenderJob)
class RenderJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "object_id", "title", "status", "attempts", "pages", "queued_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "last_error"]
    readonly_fields = [f.name for f in RenderJob._meta.fields]

    def has_add_permission(self, request):
        return False
