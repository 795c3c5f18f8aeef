"""The status, download and retry of every kind of PDF (included in leerkring/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("pdf/<slug:kind>/<int:pk>/status/", views.PdfStatusView.as_view(), name="pdf-status"),
    path(
        "pdf/<slug:kind>/<int:pk>/download/", views.PdfDownloadView.as_view(), name="pdf-download"
    ),
    path("pdf/<slug:kind>/<int:pk>/opnieuw/", views.PdfRetryView.as_view(), name="pdf-retry"),
]
