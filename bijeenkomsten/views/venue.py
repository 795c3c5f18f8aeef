"""The meeting page's venue, join button and calendar links (issue 18, points 2 and 3); the
templates _locatie.html, _online.html and _agenda_links.html show them."""

from django.urls import reverse
from django.utils import timezone

from leerkring.core.mail import site_url

from ..calendar import google_calendar_url, outlook_calendar_url
from ..models import Bijeenkomst
from ..selectors import online as online_selectors
from ..selectors import venue as venue_selectors


def venue_context(*, user, bijeenkomst: Bijeenkomst, now=None) -> dict:
    now = now or timezone.now()
    venue = venue_selectors.venue_for(user=user, bijeenkomst=bijeenkomst)
    join = online_selectors.join_state(user=user, bijeenkomst=bijeenkomst, now=now)
    links = {}
    if bijeenkomst.status != Bijeenkomst.Status.CANCELLED and now < bijeenkomst.ends_at:
        link = online_selectors.online_link(user=user, bijeenkomst=bijeenkomst)
        page_url = site_url(reverse("bijeenkomsten:bijeenkomst-detail", args=[bijeenkomst.pk]))
        event = {"venue": venue, "link": link, "page_url": page_url}
        links = {
            "outlook": outlook_calendar_url(bijeenkomst, **event),
            "google": google_calendar_url(bijeenkomst, **event),
        }
    return {"venue": venue, "join": join, "calendar_links": links}
