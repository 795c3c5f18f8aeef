"""/berichten/: the messages a person received, one message, and writing to a whole circle or
(for a coordinator) to the people of a municipality. Writing to a meeting's people lives with
the meeting (bijeenkomsten/urls.py)."""

from django.urls import path

from .views import berichten

app_name = "berichten"

urlpatterns = [
    path("", berichten.BerichtListView.as_view(), name="list"),
    path("<int:pk>/", berichten.BerichtDetailView.as_view(), name="detail"),
    path(
        "leerkring/<slug:slug>/schrijven/",
        berichten.LeerkringBerichtWriteView.as_view(),
        name="leerkring-write",
    ),
    path(
        "leerkring/<slug:slug>/versturen/",
        berichten.LeerkringBerichtSendView.as_view(),
        name="leerkring-send",
    ),
    path(
        "gemeente/<int:pk>/schrijven/",
        berichten.GemeenteBerichtWriteView.as_view(),
        name="gemeente-write",
    ),
    path(
        "gemeente/<int:pk>/versturen/",
        berichten.GemeenteBerichtSendView.as_view(),
        name="gemeente-send",
    ),
]
