import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from bijeenkomsten.models import Agendakoppeling
from bijeenkomsten.services import registration
from tests.factories import BijeenkomstFactory

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("day", "offset"),
    [
        (datetime.date(2027, 3, 27), 1),
        (datetime.date(2027, 3, 29), 2),  # CET -> CEST on 28 March
        (datetime.date(2027, 10, 30), 2),
        (datetime.date(2027, 11, 1), 1),
    ],  # CEST -> CET on 31 Oct
)
def test_the_ics_keeps_local_time_on_both_sides_of_a_dst_change(client, circle, day, offset):
    starts = datetime.datetime.combine(day, datetime.time(14, 0), tzinfo=AMS)
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        registration_closes_at=starts - datetime.timedelta(days=1),
    )
    response = client.get(f"/bijeenkomsten/{meeting.pk}/bijeenkomst.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (14, 0)
    assert start.utcoffset() == datetime.timedelta(hours=offset)
    assert start.astimezone(datetime.UTC).hour == 14 - offset
    assert "TZID=Europe/Amsterdam" in response.content.decode()
    assert event["UID"] == f"bijeenkomst-{meeting.pk}@leerkring"


def test_the_personal_feed_holds_my_meetings_and_its_token_can_be_revoked(client, circle):
    mine = BijeenkomstFactory(leerkring=circle.leerkring, title="Mijn bijeenkomst")
    BijeenkomstFactory(leerkring=circle.leerkring, title="Niet de mijne")
    registration.aanmelding_create(bijeenkomst_id=mine.pk, deelnemer=circle.member)
    client.force_login(circle.member)
    page = client.get("/bijeenkomsten/agenda/").text
    token = Agendakoppeling.objects.get(user=circle.member).token
    assert f"/bijeenkomsten/agenda/{token}.ics" in page
    client.logout()  # a calendar app has no session
    feed = icalendar.Calendar.from_ical(client.get(f"/bijeenkomsten/agenda/{token}.ics").content)
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == ["Mijn bijeenkomst"]

    client.force_login(circle.member)
    client.post("/bijeenkomsten/agenda/")
    client.logout()
    assert client.get(f"/bijeenkomsten/agenda/{token}.ics").status_code == 404
    new = Agendakoppeling.objects.get(user=circle.member).token
    assert new != token and client.get(f"/bijeenkomsten/agenda/{new}.ics").status_code == 200


def test_a_wrong_feed_token_is_a_404(client, db):
    assert client.get("/bijeenkomsten/agenda/niet-geldig.ics").status_code == 404
