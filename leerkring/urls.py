from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from leerkring.core.exports import views as export_views
from leerkring.core.preferences import views as preferences_views

from . import (
    deelnamebewijs_views,
    mijn_gegevens_views,
    people,
    profile_views,
    search_views,
    signup_views,
    views,
)
from .retention import views as retention_views

admin.site.site_header = "Leerkring – beheer"
admin.site.site_title = "Leerkring"

urlpatterns = [
    path("health/", views.health_view, name="health"),
    # Where to report a vulnerability (RFC 9116); one address for every language.
    path(".well-known/security.txt", views.security_txt_view, name="security-txt"),
    # Django's language switch, which also stores a logged-in person's choice (issue 18).
    path("i18n/setlang/", preferences_views.set_language, name="set_language"),
]

# Dutch lives at the plain URLs, English under /en/ (docs/decisions.md, D2).
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("overzicht/", views.DashboardView.as_view(), name="dashboard"),
    path("zoeken/", search_views.SearchView.as_view(), name="search"),
    path("in-cijfers/", views.CircleNumbersView.as_view(), name="numbers"),
    path(
        "toegankelijkheid/",
        TemplateView.as_view(template_name="leerkring/toegankelijkheid.html"),
        name="toegankelijkheid",
    ),
    path("privacy/", retention_views.PrivacyStatementView.as_view(), name="privacy"),
    path("account/profiel/", profile_views.ProfileView.as_view(), name="profile"),
    path(
        "account/instellingen/",
        preferences_views.PreferencesView.as_view(),
        name="account-preferences",
    ),
    path(
        "account/profiel/gegevens/", profile_views.DataExportView.as_view(), name="profile-export"
    ),
    path(
        "account/profiel/mijn-gegevens/",
        mijn_gegevens_views.PersonalDataView.as_view(),
        name="profile-data",
    ),
    path(
        "account/profiel/verwijderen/",
        profile_views.AccountDeleteView.as_view(),
        name="profile-delete",
    ),
    path(
        "account/overzicht-stoppen/<str:token>/",
        profile_views.DigestUnsubscribeView.as_view(),
        name="digest-unsubscribe",
    ),
    # allauth's pages around confirming an address, saying what comes next (leerkring/signup.py).
    path(
        "account/confirm-email/",
        signup_views.VerificationSentView.as_view(),
        name="account_email_verification_sent",
    ),
    path(
        "account/confirm-email/opnieuw-sturen/",
        signup_views.VerificationResendView.as_view(),
        name="account_email_verification_resend",
    ),
    re_path(
        r"^account/confirm-email/(?P<key>[-:\w]+)/$",
        signup_views.EmailConfirmView.as_view(),
        name="account_confirm_email",
    ),
    # allauth's sign-up, knowing the invitation this browser followed (gemeenten:uitnodiging).
    path("account/signup/", signup_views.SignupView.as_view(), name="account_signup"),
    path("account/", include("allauth.urls")),
    path("logboek/", profile_views.AuditLogView.as_view(), name="auditlog"),
    # Certificates of participation: a person's (by membership) and a municipality's in a
    # circle (by participation), with their PDFs at the core's addresses.
    path(
        "deelnamebewijs/<int:pk>/",
        deelnamebewijs_views.DeelnamebewijsView.as_view(),
        name="deelnamebewijs",
    ),
    path(
        "deelnamebewijs/<int:pk>/<slug:kring>/",
        deelnamebewijs_views.DeelnamebewijsKringView.as_view(),
        name="deelnamebewijs-kring",
    ),
    path(
        "deelnamebewijzen/<int:pk>/",
        deelnamebewijs_views.DeelnamebewijzenView.as_view(),
        name="deelnamebewijzen",
    ),
    # Large CSV exports made in the background; only the person who asked sees them.
    path("exports/<int:pk>/", export_views.ExportJobDetailView.as_view(), name="export-detail"),
    path(
        "exports/<int:pk>/status/",
        export_views.ExportJobStatusView.as_view(),
        name="export-status",
    ),
    path(
        "exports/<int:pk>/download/",
        export_views.ExportJobDownloadView.as_view(),
        name="export-download",
    ),
    path(
        "exports/<int:pk>/opnieuw/", export_views.ExportJobRetryView.as_view(), name="export-retry"
    ),
    # The status, download and retry of every kind of PDF (leerkring/core/rendering).
    path("", include("leerkring.core.rendering.urls")),
    # The people of a municipality as CSV (leerkring/people.py).
    path(
        "gemeenten/<slug:slug>/deelnemers/export/",
        people.PeopleExportView.as_view(),
        name="gemeente-people-export",
    ),
    path("gemeenten/", include("gemeenten.urls")),
    path("dilemmas/", include("dilemmas.urls")),
    path("bijeenkomsten/", include("bijeenkomsten.urls")),
    path("berichten/", include("bijeenkomsten.berichten_urls")),
    path("publicaties/", include("publicaties.urls")),
    # A programme of circles: its public page and feed, the manager's pages (issue 20).
    path("programma/", include("leerkring.programma.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
