from django.urls import path

from leerkring.core.rendering.views import PdfDownloadView, PdfRetryView

from .documents import PRESENTIELIJST
from .views import (
    agenda,
    attendance,
    berichten,
    detail,
    documenten,
    evaluatie,
    lists,
    planning,
    registration,
    verslagen,
    waitlist,
    werkgroepen,
)

app_name = "bijeenkomsten"

urlpatterns = [
    path("", lists.BijeenkomstListView.as_view(), name="bijeenkomst-list"),
    path("nieuw/", planning.BijeenkomstFormView.as_view(), name="bijeenkomst-create"),
    path("agenda/", agenda.AgendaView.as_view(), name="agenda"),
    path("agenda/<str:token>.ics", agenda.AgendaFeedView.as_view(), name="agenda-feed"),
    path("aanmeldingen/", lists.AanmeldingListView.as_view(), name="aanmelding-list"),
    path("aanmeldingen/export/", lists.AanmeldingExportView.as_view(), name="aanmelding-export"),
    path(
        "aanwezigheid/export/", attendance.AttendanceExportView.as_view(), name="attendance-export"
    ),
    path(
        "aanmeldingen/<int:pk>/afmelden/",
        registration.AanmeldingCancelView.as_view(),
        name="aanmelding-cancel",
    ),
    path(
        "aanmeldingen/<int:pk>/wijzigen/",
        registration.AanmeldingUpdateView.as_view(),
        name="aanmelding-update",
    ),
    path("<int:pk>/", detail.BijeenkomstDetailView.as_view(), name="bijeenkomst-detail"),
    path("<int:pk>/bijeenkomst.ics", agenda.BijeenkomstIcsView.as_view(), name="bijeenkomst-ics"),
    path(
        "<int:pk>/aanmelden/", registration.AanmeldingCreateView.as_view(), name="aanmelding-create"
    ),
    path("<int:pk>/werkgroep/", werkgroepen.WerkgroepJoinView.as_view(), name="werkgroep-join"),
    path(
        "<int:pk>/berichten/schrijven/",
        berichten.BijeenkomstBerichtWriteView.as_view(),
        name="bericht-write",
    ),
    path(
        "<int:pk>/berichten/versturen/",
        berichten.BijeenkomstBerichtSendView.as_view(),
        name="bericht-send",
    ),
    path(
        "<int:pk>/documenten/toevoegen/",
        documenten.DocumentCreateView.as_view(),
        name="document-create",
    ),
    path(
        "<int:pk>/documenten/<int:document>/download/",
        documenten.DocumentDownloadView.as_view(),
        name="document-download",
    ),
    path(
        "<int:pk>/documenten/<int:document>/status/",
        documenten.DocumentStatusView.as_view(),
        name="document-status",
    ),
    path(
        "<int:pk>/documenten/<int:document>/verwijderen/",
        documenten.DocumentDeleteView.as_view(),
        name="document-delete",
    ),
    path("<int:pk>/bewerken/", planning.BijeenkomstFormView.as_view(), name="bijeenkomst-update"),
    path(
        "<int:pk>/dupliceren/",
        planning.BijeenkomstDuplicateView.as_view(),
        name="bijeenkomst-duplicate",
    ),
    path(
        "<int:pk>/annuleren/", planning.BijeenkomstCancelView.as_view(), name="bijeenkomst-cancel"
    ),
    path("<int:pk>/wachtlijst/", waitlist.WaitlistView.as_view(), name="wachtlijst"),
    path(
        "<int:pk>/wachtlijst/plaats-geven/",
        waitlist.WaitlistPromoteView.as_view(),
        name="wachtlijst-promote",
    ),
    path("<int:pk>/werkgroepen/", werkgroepen.WerkgroepenView.as_view(), name="werkgroepen"),
    path(
        "<int:pk>/werkgroepen/toevoegen/",
        werkgroepen.WerkgroepCreateView.as_view(),
        name="werkgroep-create",
    ),
    path(
        "<int:pk>/werkgroepen/verdelen/",
        werkgroepen.WerkgroepBalanceView.as_view(),
        name="werkgroep-balance",
    ),
    path(
        "<int:pk>/werkgroepen/plaatsen/",
        werkgroepen.WerkgroepPlaceView.as_view(),
        name="werkgroep-place",
    ),
    path(
        "<int:pk>/werkgroepen/casus-koppelen/",
        werkgroepen.WerkgroepCasusView.as_view(linked=True),
        name="werkgroep-casus-link",
    ),
    path(
        "<int:pk>/werkgroepen/casus-ontkoppelen/",
        werkgroepen.WerkgroepCasusView.as_view(linked=False),
        name="werkgroep-casus-unlink",
    ),
    path(
        "<int:pk>/presentielijst/", attendance.PresentielijstView.as_view(), name="presentielijst"
    ),
    path(
        "<int:pk>/presentielijst/niet-aangemeld/",
        attendance.WalkInView.as_view(),
        name="presentielijst-walk-in",
    ),
    path(
        "<int:pk>/presentielijst/pdf/",
        verslagen.PresentielijstPdfView.as_view(),
        name="presentielijst-pdf",
    ),
    # The PDFs' older addresses, which people may hold, served by the core's views (the pages
    # link the core's own: leerkring/core/rendering/urls.py).
    path(
        "<int:pk>/presentielijst/pdf/download/",
        PdfDownloadView.as_view(kind=PRESENTIELIJST),
        name="presentielijst-pdf-download",
    ),
    path(
        "<int:pk>/presentielijst/pdf/opnieuw/",
        PdfRetryView.as_view(kind=PRESENTIELIJST),
        name="presentielijst-pdf-retry",
    ),
    path("<int:pk>/evaluatie/", evaluatie.EvaluatieView.as_view(), name="evaluatie"),
    path(
        "<int:pk>/evaluatie/vragen/",
        evaluatie.EvaluatieFormView.as_view(),
        name="evaluatie-edit",
    ),
    path(
        "<int:pk>/evaluatie/versturen/",
        evaluatie.EvaluatieSendView.as_view(),
        name="evaluatie-send",
    ),
    path(
        "<int:pk>/evaluatie/in-verslag/",
        evaluatie.EvaluatieInReportView.as_view(),
        name="evaluatie-in-report",
    ),
    path(
        "<int:pk>/evaluatie/export/",
        evaluatie.EvaluatieExportView.as_view(),
        name="evaluatie-export",
    ),
    path(
        "<int:pk>/evaluatie/invullen/",
        evaluatie.EvaluatieAnswerView.as_view(),
        name="evaluatie-answer",
    ),
    path("<int:pk>/verslag/", verslagen.VerslagView.as_view(), name="verslag"),
    path("<int:pk>/verslag/status/", verslagen.VerslagStatusView.as_view(), name="verslag-status"),
    path("<int:pk>/verslag/pdf/", verslagen.VerslagPdfView.as_view(), name="verslag-pdf"),
    path("<int:pk>/verslag/schrijven/", verslagen.VerslagFormView.as_view(), name="verslag-edit"),
    path(
        "<int:pk>/verslag/publiceren/",
        verslagen.VerslagPublishView.as_view(),
        name="verslag-publish",
    ),
    path(
        "<int:pk>/verslag/versies/<int:number>/",
        verslagen.VerslagView.as_view(),
        name="verslag-versie",
    ),
    path(
        "<int:pk>/verslag/versies/<int:number>/status/",
        verslagen.VerslagStatusView.as_view(),
        name="verslag-versie-status",
    ),
    path(
        "<int:pk>/verslag/versies/<int:number>/pdf/",
        verslagen.VerslagPdfView.as_view(),
        name="verslag-versie-pdf",
    ),
    path(
        "<int:pk>/verslag/versies/<int:number>/opnieuw/",
        verslagen.VerslagRetryView.as_view(),
        name="verslag-retry",
    ),
]
