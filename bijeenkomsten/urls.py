from django.urls import path

from . import views

app_name = "bijeenkomsten"

urlpatterns = [
    path("", views.BijeenkomstListView.as_view(), name="bijeenkomst-list"),
    path("nieuw/", views.BijeenkomstFormView.as_view(), name="bijeenkomst-create"),
    path("agenda/", views.AgendaView.as_view(), name="agenda"),
    path("agenda/<str:token>.ics", views.AgendaFeedView.as_view(), name="agenda-feed"),
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
]
