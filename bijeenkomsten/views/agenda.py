"""Calendars: a meeting's .ics, the personal feed and its page."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from leerkring.core.views import PermissionRequiredOr404Mixin

from ..calendar import ics_for
from ..models import Agendakoppeling
from ..selectors import agenda as agenda_selectors
from ..selectors import online as online_selectors
from ..selectors import venue as venue_selectors
from ..services import agenda
from .common import BijeenkomstMixin


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class BijeenkomstIcsView(BijeenkomstMixin, PermissionRequiredOr404Mixin, View):
    permission_required = "bijeenkomsten.view_bijeenkomst"

    def get(self, request, pk):
        bijeenkomst = self.get_bijeenkomst()
        links = online_selectors.online_links(user=request.user, bijeenkomsten=[bijeenkomst])
        venues = venue_selectors.venues(user=request.user, bijeenkomsten=[bijeenkomst])
        content = ics_for(
            [bijeenkomst],
            name=bijeenkomst.title,
            base_url=request.build_absolute_uri("/").rstrip("/"),
            online_links=links,
            venues=venues,
        )
        response = _ics_response(content, f"bijeenkomst-{pk}.ics")
        if links or venues[bijeenkomst.pk].contact:  # this file is for this person only
            response["Cache-Control"] = "private, no-store"
        return response


class AgendaView(LoginRequiredMixin, TemplateView):
    """My calendar feed: its secret address, and a button to make a new one."""

    template_name = "bijeenkomsten/agenda.html"

    def get_context_data(self, **kwargs):
        koppeling = agenda.agendakoppeling_for(user=self.request.user)
        url = self.request.build_absolute_uri(
            reverse("bijeenkomsten:agenda-feed", args=[koppeling.token])
        )
        return super().get_context_data(feed_url=url, **kwargs)

    def post(self, request):
        agenda.agendakoppeling_renew(user=request.user)
        messages.success(request, _("Je hebt een nieuwe agendalink. De oude werkt niet meer."))
        return HttpResponseRedirect(reverse("bijeenkomsten:agenda"))


class AgendaFeedView(View):
    # Read by calendar apps, not people: an unknown token is a plain 404, never a log-in page.
    login_instead_of_404 = False

    def get(self, request, token):
        koppeling = get_object_or_404(
            Agendakoppeling.objects.select_related("user"), token=token, user__is_active=True
        )
        bijeenkomsten = list(agenda_selectors.feed_bijeenkomsten(user=koppeling.user))
        content = ics_for(
            bijeenkomsten,
            name=_("Mijn bijeenkomsten (Leerkring)"),
            base_url=request.build_absolute_uri("/").rstrip("/"),
            online_links=online_selectors.online_links(
                user=koppeling.user, bijeenkomsten=bijeenkomsten
            ),
            venues=venue_selectors.venues(user=koppeling.user, bijeenkomsten=bijeenkomsten),
        )
        return _ics_response(content, "leerkring.ics")
