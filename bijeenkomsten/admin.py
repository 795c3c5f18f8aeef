from django.contrib import admin

from .models import Aanmelding, Agendakoppeling, Bijeenkomst, Programmaonderdeel, Werkgroep


class ProgrammaInline(admin.TabularInline):
    model = Programmaonderdeel
    extra = 1


class WerkgroepInline(admin.TabularInline):
    model = Werkgroep
    extra = 0
    fields = ["title", "dilemma", "facilitator", "capacity"]


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "status", "capacity", "host_gemeente"]
    list_filter = ["kind", "status", "leerkring", "host_gemeente", "is_public"]
    search_fields = ["title", "description", "location"]
    date_hierarchy = "starts_at"
    list_select_related = ["host_gemeente"]
    inlines = [ProgrammaInline, WerkgroepInline]


@admin.register(Werkgroep)
class WerkgroepAdmin(admin.ModelAdmin):
    list_display = ["title", "bijeenkomst", "dilemma", "capacity"]
    list_filter = ["dilemma"]
    search_fields = ["title", "conclusions", "bijeenkomst__title"]
    list_select_related = ["bijeenkomst", "dilemma"]
    filter_horizontal = ["casussen"]


@admin.register(Aanmelding)
class AanmeldingAdmin(admin.ModelAdmin):
    list_display = ["deelnemer", "bijeenkomst", "gemeente", "status", "werkgroep", "created_at"]
    list_filter = ["status", "gemeente"]
    search_fields = ["deelnemer__name", "deelnemer__email", "bijeenkomst__title"]
    list_select_related = ["deelnemer", "bijeenkomst", "gemeente", "werkgroep"]
    raw_id_fields = ["deelnemer", "bijeenkomst", "werkgroep"]


@admin.register(Agendakoppeling)
class AgendakoppelingAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = ["user__name", "user__email"]
    readonly_fields = ["token"]
