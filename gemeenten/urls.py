from django.urls import path

from . import invitation_views, views

app_name = "gemeenten"

urlpatterns = [
    path("", views.GemeenteListView.as_view(), name="gemeente-list"),
    path("aanmelden/", views.DeelnameApplyView.as_view(), name="deelname-apply"),
    path("verzoeken/", views.RequestQueueView.as_view(), name="request-queue"),
    path("deelnames/<int:pk>/toelaten/", views.DeelnameAdmitView.as_view(), name="deelname-admit"),
    path(
        "deelnames/<int:pk>/afwijzen/", views.DeelnameDeclineView.as_view(), name="deelname-decline"
    ),
    path(
        "deelnames/<int:pk>/projectkaart/",
        views.DeelnameCardUpdateView.as_view(),
        name="deelname-card",
    ),
    path("coordinatoren/", views.CoordinatorSetView.as_view(), name="coordinator-set"),
    path(
        "deelnames/<int:pk>/coordinator/",
        invitation_views.CoordinatorChooseView.as_view(),
        name="coordinator-choose",
    ),
    # The link in an invitation e-mail; the token is the permission.
    path(
        "uitnodiging/<str:token>/",
        invitation_views.UitnodigingLinkView.as_view(),
        name="uitnodiging",
    ),
    path(
        "lidmaatschappen/<int:pk>/toelaten/",
        views.LidmaatschapConfirmView.as_view(),
        name="lidmaatschap-confirm",
    ),
    path(
        "lidmaatschappen/<int:pk>/weigeren/",
        views.LidmaatschapRefuseView.as_view(),
        name="lidmaatschap-refuse",
    ),
    path(
        "<slug:slug>/uitnodigen/",
        invitation_views.UitnodigingCreateView.as_view(),
        name="uitnodiging-create",
    ),
    path("<slug:slug>/", views.GemeenteDetailView.as_view(), name="gemeente-detail"),
]
