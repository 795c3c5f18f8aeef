from django.contrib import admin

from .models import Deelname, Emaildomein, Gemeente, Lidmaatschap, Partner, Uitnodiging


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind", "leerkringen"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["leerkringen"]


class EmaildomeinInline(admin.TabularInline):
    model = Emaildomein
    extra = 1


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "website"]
    search_fields = ["name", "cbs_code", "domeinen__domain"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [EmaildomeinInline]


@admin.register(Deelname)
class DeelnameAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "leerkring", "status", "decided_at", "portfolio_holder"]
    list_filter = ["status", "leerkring", "quality_status", "time_status", "money_status"]
    search_fields = ["gemeente__name", "contact_name", "contact_email"]
    list_select_related = ["gemeente", "leerkring"]
    autocomplete_fields = ["coordinators"]
    readonly_fields = ["decided_at", "decided_by", "created_at", "updated_at"]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "gemeente",
        "job_title",
        "status",
        "visible_to_colleagues",
        "created_at",
    ]
    list_filter = ["status", "gemeente", "visible_to_colleagues"]
    search_fields = ["user__name", "user__email", "job_title"]
    list_select_related = ["user", "gemeente"]
    autocomplete_fields = ["user"]
    readonly_fields = ["decided_at", "decided_by", "created_at"]


@admin.register(Uitnodiging)
class UitnodigingAdmin(admin.ModelAdmin):
    """Invitations, to look up; they are sent from the site (the link's token is not stored,
    so an invitation cannot be made or resent here)."""

    list_display = ["email", "gemeente", "role", "invited_by", "created_at", "expires_at"]
    list_filter = ["role", "gemeente"]
    search_fields = ["email", "name", "gemeente__name"]
    list_select_related = ["gemeente", "invited_by"]
    readonly_fields = [
        "gemeente",
        "deelname",
        "email",
        "name",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]

    def has_add_permission(self, request):
        return False
