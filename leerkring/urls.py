from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from . import views

admin.site.site_header = "Leerkring – beheer"
admin.site.site_title = "Leerkring"

urlpatterns = [
    path("health/", views.health_view, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Dutch lives at the plain URLs, English under /en/ (docs/decisions.md, D2).
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path(
        "toegankelijkheid/",
        TemplateView.as_view(template_name="leerkring/toegankelijkheid.html"),
        name="toegankelijkheid",
    ),
    path("privacy/", TemplateView.as_view(template_name="leerkring/privacy.html"), name="privacy"),
    path("account/", include("allauth.urls")),
    path("gemeenten/", include("gemeenten.urls")),
    path("dilemmas/", include("dilemmas.urls")),
    path("bijeenkomsten/", include("bijeenkomsten.urls")),
    path("publicaties/", include("publicaties.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
