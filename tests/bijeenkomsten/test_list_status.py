"""The meeting list says where the visitor stands at each meeting. That status is an annotation
on the meeting (my_status), so the template compares it with Aanmelding.Status handed over by
the view; without it every status would read "Je bent aangemeld"."""

import pytest
from django.urls import reverse

from bijeenkomsten.models import Aanmelding
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
