from django.urls import path

from .views import beheer, kringen, publiek, uitnodigingen

app_name = "programma"

urlpatterns = [
    # The link in a researcher's invitation: the token is the permission (D8's exception).
    path(
        "uitnodiging/<str:token>/",
        uitnodigingen.OnderzoekerUitnodigingView.as_view(),
        name="onderzoeker-uitnodiging",
    ),
    # Public: the programme with its circles and figures, and every circle's publications.
    path("<slug:slug>/", publiek.ProgrammaDetailView.as_view(), name="programma-detail"),
    path(
        "<slug:slug>/publicaties/",
        publiek.ProgrammaPublicatiesView.as_view(),
        name="programma-publicaties",
    ),
    path("<slug:slug>/feed/", publiek.ProgrammaFeed(), name="programma-feed"),
    # The programme manager's pages.
    path("<slug:slug>/beheer/", beheer.ProgrammaBeheerView.as_view(), name="programma-beheer"),
    path(
        "<slug:slug>/beheer/cijfers.csv",
        beheer.ProgrammaCijfersExportView.as_view(),
        name="programma-cijfers-export",
    ),
    path(
        "<slug:slug>/beheer/kringen/nieuw/",
        kringen.LeerkringCreateView.as_view(),
        name="leerkring-create",
    ),
    path(
        "<slug:slug>/beheer/kringen/<slug:kring>/",
        kringen.LeerkringManageView.as_view(),
        name="leerkring-manage",
    ),
    path(
        "<slug:slug>/beheer/kringen/<slug:kring>/fase/<str:phase>/",
        kringen.LeerkringPhaseView.as_view(),
        name="leerkring-phase",
    ),
    path(
        "<slug:slug>/beheer/kringen/<slug:kring>/uitnodigen/",
        uitnodigingen.OnderzoekerInviteView.as_view(),
        name="onderzoeker-invite",
    ),
]
