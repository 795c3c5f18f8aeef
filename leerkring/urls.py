from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from . import profile_views, views

admin.site.site_header = "Leerkring – beheer"
admin.site.site_title = "Leerkring"

urlpatterns = [
    path("health/", views.health_view, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Dutch lives at the plain URLs, English under /en/ (docs/decisions.md, D2).
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path(
        "toegankelijkheid/",
        TemplateView.as_view(template_name="leerkring/toegankelijkheid.html"),
        name="toegankelijkheid",
    ),
    path("privacy/", TemplateView.as_view(template_name="leerkring/privacy.html"), name="privacy"),
    path("account/profiel/", profile_views.ProfileView.as_view(), name="profile"),
    path(
        "account/profiel/gegevens/", profile_views.DataExportView.as_view(), name="profile-export"
    ),
    path(
        "account/profiel/verwijderen/",
        profile_views.AccountDeleteView.as_view(),
        name="profile-delete",
    ),
    path("account/", include("allauth.urls")),
    path("logboek/", profile_views.AuditLogView.as_view(), name="auditlog"),
    path("gemeenten/", include("gemeenten.urls")),
    path("dilemmas/", include("dilemmas.urls")),
    path("bijeenkomsten/", include("bijeenkomsten.urls")),
    path("publicaties/", include("publicaties.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
