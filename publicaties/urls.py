from django.urls import path

from . import views
from .feeds import LeerkringPublicatieFeed, PublicatieFeed

app_name = "publicaties"

urlpatterns = [
    path("", views.PublicatieListView.as_view(), name="publicatie-list"),
    path("feed/", PublicatieFeed(), name="feed"),
    path("nieuw/", views.PublicatieFormView.as_view(), name="publicatie-create"),
    path("downloads/", views.DownloadFiguresView.as_view(), name="download-figures"),
    # One circle's publications and feed ("kring" is reserved for publication slugs by this).
    path(
        "kring/<slug:slug>/",
        views.LeerkringPublicatiesView.as_view(),
        name="leerkring-publicaties",
    ),
    path("kring/<slug:slug>/feed/", LeerkringPublicatieFeed(), name="leerkring-feed"),
    path("<slug:slug>/", views.PublicatieDetailView.as_view(), name="publicatie-detail"),
    path("<slug:slug>/bewerken/", views.PublicatieFormView.as_view(), name="publicatie-update"),
    path("<slug:slug>/status/", views.PublicatieStatusView.as_view(), name="publicatie-status"),
    path(
        "<slug:slug>/controle/",
        views.PublicatieUploadStatusView.as_view(),
        name="publicatie-upload-status",
    ),
    path(
        "<slug:slug>/download/", views.PublicatieDownloadView.as_view(), name="publicatie-download"
    ),
    path("<slug:slug>/omslag/", views.PublicatieCoverView.as_view(), name="publicatie-cover"),
    path(
        "<slug:slug>/citeer.<str:format>",
        views.CitationView.as_view(),
        name="publicatie-cite",
    ),
    path(
        "<slug:slug>/versies/<int:number>/download/",
        views.PublicatieDownloadView.as_view(),
        name="publicatie-versie-download",
    ),
    # The PDF's older addresses of the status and retry, which people may hold; the page links
    # the core's own (leerkring/core/rendering/urls.py).
    path(
        "<slug:slug>/versies/<int:number>/opnieuw/",
        views.PublicatieRetryView.as_view(),
        name="publicatie-retry",
    ),
]
