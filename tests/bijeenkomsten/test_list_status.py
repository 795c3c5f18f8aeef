"""The meeting list says where the visitor stands at each meeting. That status is an annotation
on the meeting (my_status), so the template compares it with Aanmelding.Status handed over by
the view; without it every status would read "Je bent aangemeld"."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.models import Aanmelding, Bijeenkomst
from bijeenkomsten.selectors import registration as registration_selectors
from tests.factories import AanmeldingFactory, BijeenkomstFactory

TEXTS = {
    Aanmelding.Status.WAITLIST: "Je staat op de wachtlijst",
    Aanmelding.Status.ATTENDED: "Je was erbij",
    Aanmelding.Status.REGISTERED: "Je bent aangemeld",
}


@pytest.mark.parametrize("status", list(TEXTS))
def test_the_list_names_the_visitors_own_status(client, circle, status):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off Noord")
    AanmeldingFactory(bijeenkomst=meeting, deelnemer=circle.member, status=status)
    client.force_login(circle.member)
    html = client.get(reverse("bijeenkomsten:bijeenkomst-list")).content.decode()
    assert "Kick-off Noord" in html
    assert [text for text in TEXTS.values() if text in html] == [TEXTS[status]]


def _label(meeting, seated=0, **changes):
    for name, value in changes.items():
        setattr(meeting, name, value)
    return registration_selectors.bijeenkomst_status_label(meeting, seated=seated)


@pytest.mark.django_db
def test_one_selector_labels_each_meeting_open_full_closed_past_or_cancelled(circle):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, capacity=10)
    now = timezone.now()
    assert _label(meeting).key == "open"
    assert _label(meeting, seated=10) == ("vol", "vol – wachtlijst")
    assert _label(meeting, registration_closes_at=now - timedelta(hours=1)).key == "gesloten"
    assert _label(meeting, status=Bijeenkomst.Status.HELD).key == "afgelopen"
    assert _label(meeting, status=Bijeenkomst.Status.CANCELLED).key == "geannuleerd"


def test_the_list_shows_each_meeting_as_a_card_with_badge_label_and_seats_meter(client, circle):
    BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off Noord", capacity=10)
    html = client.get(reverse("bijeenkomsten:bijeenkomst-list")).content.decode()
    assert "leerkring-date-badge" in html
    assert '<span class="leerkring-status-label leerkring-status-label--open">open</span>' in html
    assert re.search(r'<meter [^>]*min="0" max="10" value="0"', html)
    assert "0 van 10 plaatsen bezet" in html
