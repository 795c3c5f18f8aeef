from django.urls import path

from . import views

app_name = "dilemmas"

urlpatterns = [
    path("", views.DilemmaListView.as_view(), name="dilemma-list"),
    path("casussen/", views.CasusLibraryView.as_view(), name="casus-list"),
    path("casussen/export/", views.CasusExportView.as_view(), name="casus-export"),
    path("casussen/mijn/", views.CasusMineView.as_view(), name="casus-mine"),
    path(
        "casussen/te-keuren/", views.CasusApprovalQueueView.as_view(), name="casus-approval-queue"
    ),
    path("casussen/nieuw/", views.CasusCreateView.as_view(), name="casus-create"),
    path("casussen/<int:pk>/", views.CasusDetailView.as_view(), name="casus-detail"),
    path("casussen/<int:pk>/bewerken/", views.CasusUpdateView.as_view(), name="casus-update"),
    path("casussen/<int:pk>/geschiedenis/", views.CasusHistoryView.as_view(), name="casus-history"),
    path("casussen/<int:pk>/publiceren/", views.CasusPublishView.as_view(), name="casus-publish"),
    path(
        "casussen/<int:pk>/goedkeuren/", views.CasusAnonApproveView.as_view(), name="casus-approve"
    ),
    path("casussen/<int:pk>/reacties/", views.ReactieCreateView.as_view(), name="reactie-create"),
    path("reacties/<int:pk>/bewerken/", views.ReactieUpdateView.as_view(), name="reactie-update"),
    path(
        "reacties/<int:pk>/verwijderen/", views.ReactieDeleteView.as_view(), name="reactie-delete"
    ),
    path("reacties/<int:pk>/verbergen/", views.ReactieHideView.as_view(), name="reactie-hide"),
    path("reacties/<int:pk>/reden/", views.ReactieReasonView.as_view(), name="reactie-reason"),
    path("reacties/<int:pk>/weer-tonen/", views.ReactieShowView.as_view(), name="reactie-show"),
    path("<slug:leerkring>/<slug:slug>/", views.DilemmaDetailView.as_view(), name="dilemma-detail"),
    path(
        "<slug:leerkring>/<slug:slug>/bewerken/",
        views.DilemmaUpdateView.as_view(),
        name="dilemma-update",
    ),
]
