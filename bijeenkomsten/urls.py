from django.urls import path

from . import views

app_name = "bijeenkomsten"

urlpatterns = [
    path("", views.BijeenkomstListView.as_view(), name="bijeenkomst-list"),
    path("nieuw/", views.BijeenkomstFormView.as_view(), name="bijeenkomst-create"),
    path("agenda/", views.AgendaView.as_view(), name="agenda"),
    path("agenda/<str:token>.ics", views.AgendaFeedView.as_view(), name="agenda-feed"),
    path("aanmeldingen/", views.AanmeldingListView.as_view(), name="aanmelding-list"),
    path("aanmeldingen/export/", views.AanmeldingExportView.as_view(), name="aanmelding-export"),
    path("aanwezigheid/export/", views.AttendanceExportView.as_view(), name="attendance-export"),
    path(
        "aanmeldingen/<int:pk>/afmelden/",
        views.AanmeldingCancelView.as_view(),
        name="aanmelding-cancel",
    ),
    path("<int:pk>/", views.BijeenkomstDetailView.as_view(), name="bijeenkomst-detail"),
    path("<int:pk>/bijeenkomst.ics", views.BijeenkomstIcsView.as_view(), name="bijeenkomst-ics"),
    path("<int:pk>/aanmelden/", views.AanmeldingCreateView.as_view(), name="aanmelding-create"),
    path("<int:pk>/werkgroep/", views.WerkgroepJoinView.as_view(), name="werkgroep-join"),
    path("<int:pk>/bewerken/", views.BijeenkomstFormView.as_view(), name="bijeenkomst-update"),
    path(
        "<int:pk>/dupliceren/",
        views.BijeenkomstDuplicateView.as_view(),
        name="bijeenkomst-duplicate",
    ),
    path("<int:pk>/annuleren/", views.BijeenkomstCancelView.as_view(), name="bijeenkomst-cancel"),
    path("<int:pk>/werkgroepen/", views.WerkgroepenView.as_view(), name="werkgroepen"),
    path("<int:pk>/presentielijst/", views.PresentielijstView.as_view(), name="presentielijst"),
    path(
        "<int:pk>/presentielijst/pdf/",
        views.PresentielijstPdfView.as_view(),
        name="presentielijst-pdf",
    ),
    path(
        "<int:pk>/presentielijst/pdf/download/",
        views.PresentielijstPdfView.as_view(),
        {"download": True},
        name="presentielijst-pdf-download",
    ),
    path(
        "<int:pk>/presentielijst/pdf/opnieuw/",
        views.PresentielijstPdfView.as_view(),
        name="presentielijst-pdf-retry",
    ),
    path("<int:pk>/verslag/", views.VerslagView.as_view(), name="verslag"),
    path("<int:pk>/verslag/status/", views.VerslagStatusView.as_view(), name="verslag-status"),
    path("<int:pk>/verslag/pdf/", views.VerslagPdfView.as_view(), name="verslag-pdf"),
    path("<int:pk>/verslag/schrijven/", views.VerslagFormView.as_view(), name="verslag-edit"),
    path(
        "<int:pk>/verslag/publiceren/", views.VerslagPublishView.as_view(), name="verslag-publish"
    ),
    path(
        "<int:pk>/verslag/versies/<int:number>/",
        views.VerslagView.as_view(),
        name="verslag-versie",
    ),
    path(
        "<int:pk>/verslag/versies/<int:number>/status/",
        views.VerslagStatusView.as_view(),
        name="verslag-versie-status",
    ),
    path(
        "<int:pk>/verslag/versies/<int:number>/pdf/",
        views.VerslagPdfView.as_view(),
        name="verslag-versie-pdf",
    ),
    path(
        "<int:pk>/verslag/versies/<int:number>/opnieuw/",
        views.VerslagRetryView.as_view(),
        name="verslag-retry",
    ),
]
