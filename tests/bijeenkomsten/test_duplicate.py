"""Duplicating a meeting: the form asks for the new title, start and end, and shows what the
meeting has now ("Was: ...")."""

import datetime

from django.utils import timezone

from bijeenkomsten.models import Bijeenkomst
from tests.factories import BijeenkomstFactory, ProgrammaonderdeelFactory

LOCAL = "%Y-%m-%dT%H:%M"


def _original(circle):
    start = timezone.make_aware(datetime.datetime(2031, 3, 4, 13, 30))
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Werkgroep <Loslaten>",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        registration_closes_at=start - datetime.timedelta(days=2),
    )
    ProgrammaonderdeelFactory(bijeenkomst=meeting, starts_at=datetime.time(13, 30), title="Inloop")
    return meeting


def test_the_form_asks_for_a_new_title_and_times_and_shows_the_old_ones(client, circle):
    meeting = _original(circle)
    client.force_login(circle.researcher)
    html = client.get(f"/bijeenkomsten/{meeting.pk}/dupliceren/").text
    for label in ("Nieuwe titel", "Nieuw begin", "Nieuw einde"):
        assert label in html
    assert "Was: Werkgroep &lt;Loslaten&gt;" in html  # escaped, as every help text must be
    assert "Was: dinsdag 4 maart 2031, 13:30" in html
    assert "Was: dinsdag 4 maart 2031, 16:30" in html


def test_the_copy_gets_the_new_title_and_times(client, circle):
    meeting = _original(circle)
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{meeting.pk}/dupliceren/",
        {
            "title": "Werkgroep Loslaten, deel 2",
            "starts_at": "2031-04-01T10:00",
            "ends_at": "2031-04-01T12:00",
        },
        follow=True,
    )
    assert "De kopie is gemaakt. Controleer de gegevens." in response.text
    copy = Bijeenkomst.objects.exclude(pk=meeting.pk).get()
    assert copy.title == "Werkgroep Loslaten, deel 2"
    start = timezone.localtime(copy.starts_at)
    assert (start.date(), start.hour, start.minute) == (datetime.date(2031, 4, 1), 10, 0)
    assert copy.ends_at - copy.starts_at == datetime.timedelta(hours=2)
    assert copy.starts_at - copy.registration_closes_at == datetime.timedelta(days=2)
    assert list(copy.programma.values_list("title", flat=True)) == ["Inloop"]
    meeting.refresh_from_db()
    assert meeting.title == "Werkgroep <Loslaten>"


def test_mistakes_in_the_copy_get_a_clear_message(client, circle):
    meeting = _original(circle)
    client.force_login(circle.researcher)
    url = f"/bijeenkomsten/{meeting.pk}/dupliceren/"
    empty = client.post(url, {"title": "", "starts_at": "", "ends_at": ""}).text
    assert "Geef de kopie een titel." in empty
    assert "Kies het begin van de kopie." in empty and "Kies het einde van de kopie." in empty
    backwards = client.post(
        url, {"title": "X", "starts_at": "2031-04-01T10:00", "ends_at": "2031-04-01T09:00"}
    ).text
    assert "Het einde moet na het begin liggen." in backwards
    past = client.post(
        url, {"title": "X", "starts_at": "2020-01-01T10:00", "ends_at": "2020-01-01T12:00"}
    ).text
    assert "Kies een moment in de toekomst." in past
    assert Bijeenkomst.objects.count() == 1
