"""Access to the meeting pages, and every mistake a person can make: a clear message, no 500."""

import datetime

import pytest
from django.utils import timezone

from bijeenkomsten.models import Aanmelding, Bijeenkomst
from bijeenkomsten.services import planning, registration
from tests.factories import BijeenkomstFactory, DilemmaFactory, LidmaatschapFactory
from tests.support import assert_answer, assert_refused

ROLES = ["anonymous", "pending", "other", "member", "coordinator", "researcher"]


def login(client, circle, role):
    user = {
        "anonymous": None,
        "pending": circle.pending_user,
        "other": circle.outsider,
        "member": circle.member,
        "coordinator": circle.coordinator,
        "researcher": circle.researcher,
    }[role]
    if user:
        client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_public_meeting_details_only_for_the_circle(client, circle, meeting, role):
    login(client, circle, role)
    response = client.get(f"/bijeenkomsten/{meeting.pk}/")
    assert response.status_code == 200
    in_circle = role in ("member", "coordinator", "researcher")
    assert ("Jouw aanmelding" in response.text) is in_circle


@pytest.mark.parametrize("role", ROLES)
def test_a_closed_meeting_is_404_outside_the_circle(client, circle, role):
    closed = BijeenkomstFactory(leerkring=circle.leerkring, is_public=False)
    login(client, circle, role)
    expected = 200 if role in ("member", "coordinator", "researcher") else 404
    anonymous = role == "anonymous"
    assert_answer(client.get(f"/bijeenkomsten/{closed.pk}/"), expected, anonymous=anonymous)
    ics = client.get(f"/bijeenkomsten/{closed.pk}/bijeenkomst.ics")
    assert_answer(ics, expected, anonymous=anonymous)


MANAGE = [
    "bewerken/",
    "dupliceren/",
    "annuleren/",
    "werkgroepen/",
    "presentielijst/",
    "presentielijst/?afdrukken=1",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", MANAGE)
def test_managing_a_meeting_is_for_its_researchers(client, circle, meeting, role, page):
    login(client, circle, role)
    expected = 200 if role == "researcher" else 404
    response = client.get(f"/bijeenkomsten/{meeting.pk}/{page}")
    assert_answer(response, expected, anonymous=role == "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_registering_is_for_members(client, circle, meeting, role):
    user = login(client, circle, role)
    response = client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/", {"diet": ""})
    if role in ("member", "coordinator"):
        assert response.status_code == 302
        assert Aanmelding.objects.filter(deelnemer=user).exists()
    else:
        assert_refused(response, anonymous=user is None)


def _message(client, response):
    return client.get(response["Location"]).text


def test_registration_after_the_deadline_says_so(client, circle):
    late = BijeenkomstFactory(
        leerkring=circle.leerkring,
        registration_closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    client.force_login(circle.member)
    response = client.post(f"/bijeenkomsten/{late.pk}/aanmelden/")
    assert "Aanmelden kon tot" in _message(client, response)
    assert not Aanmelding.objects.exists()


def test_registration_for_a_cancelled_meeting_says_so(client, circle, meeting):
    planning.bijeenkomst_cancel(bijeenkomst_id=meeting.pk)
    client.force_login(circle.member)
    response = client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/")
    assert "Deze bijeenkomst gaat niet door." in _message(client, response)


def test_registering_twice_says_so(client, circle, meeting):
    client.force_login(circle.member)
    client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/")
    response = client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/")
    assert "Je bent al aangemeld voor deze bijeenkomst." in _message(client, response)
    assert Aanmelding.objects.count() == 1


def test_another_persons_registration_cannot_be_cancelled(client, circle, meeting):
    theirs = registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=circle.coordinator)
    client.force_login(circle.member)
    assert client.post(f"/bijeenkomsten/aanmeldingen/{theirs.pk}/afmelden/").status_code == 404
    assert client.post("/bijeenkomsten/aanmeldingen/999999/afmelden/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "aangemeld"


def test_a_work_group_choice_that_makes_no_sense_says_so(client, circle, meeting):
    client.force_login(circle.member)
    for value in ("", "abc", "999999"):
        response = client.post(f"/bijeenkomsten/{meeting.pk}/werkgroep/", {"werkgroep": value})
        assert "Kies een werkgroep uit de lijst" in _message(client, response)


def test_too_long_needs_are_refused_with_a_message(client, circle, meeting):
    client.force_login(circle.member)
    response = client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/", {"diet": "x" * 301})
    assert response.status_code == 200
    assert "Zorg dat deze waarde niet meer dan 300 tekens bevat" in response.text


def _meeting_form(**overrides):
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(second=0, microsecond=0)
    data = {
        "kind": "werkgroep",
        "title": "Nieuwe werkgroep",
        "description": "",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Breda",
        "online_url": "",
        "host_gemeente": "",
        "capacity": "20",
        "max_per_gemeente": "",
        "registration_opens_at": "",
        "registration_closes_at": (start - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "reminder_days": "2",
        "is_public": "on",
        "programma-TOTAL_FORMS": "1",
        "programma-INITIAL_FORMS": "0",
        "programma-0-starts_at": "10:00",
        "programma-0-title": "Opening",
        "programma-0-speaker": "",
    }
    data.update(overrides)
    return data


def test_a_researcher_schedules_a_meeting_with_its_programme(client, circle):
    client.force_login(circle.researcher)
    response = client.post("/bijeenkomsten/nieuw/", _meeting_form(), follow=True)
    assert "De bijeenkomst is opgeslagen." in response.text
    meeting = Bijeenkomst.objects.get()
    assert meeting.leerkring == circle.leerkring
    assert list(meeting.programma.values_list("title", flat=True)) == ["Opening"]
    assert timezone.localtime(meeting.starts_at).tzname() in ("CET", "CEST")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": "2020-01-01T10:00"}, "Het einde moet na het begin liggen."),
        ({"location": ""}, "Vul een plaats in, een link voor online deelname, of allebei."),
        ({"capacity": "0"}, "Zorg ervoor dat deze waarde minstens 1 is."),
        ({"max_per_gemeente": "50"}, "Het maximum per gemeente is groter dan het aantal plaatsen."),
        ({"starts_at": "gisteren"}, "Voer een geldige datum/tijd in."),
        ({"programma-0-starts_at": "25:99"}, "Voer een geldige tijd in."),
    ],
)
def test_scheduling_mistakes_get_a_clear_message(client, circle, overrides, message):
    client.force_login(circle.researcher)
    response = client.post("/bijeenkomsten/nieuw/", _meeting_form(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert not Bijeenkomst.objects.exists()


def test_duplicating_into_the_past_is_refused(client, circle, meeting):
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{meeting.pk}/dupliceren/", {"starts_at": "2020-01-01T10:00"}
    )
    assert "Kies een moment in de toekomst." in response.text


def test_researchers_compose_work_groups_and_mark_attendance(client, circle, meeting):
    dilemma = DilemmaFactory(leerkring=circle.leerkring)
    client.force_login(circle.researcher)
    client.post(
        f"/bijeenkomsten/{meeting.pk}/werkgroepen/toevoegen/",
        {
            "title": "Tafel 1",
            "dilemma": dilemma.pk,
            "facilitator": "",
            "capacity": "5",
        },
    )
    group = meeting.werkgroepen.get()
    seat = registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=circle.member)
    client.post(
        f"/bijeenkomsten/{meeting.pk}/werkgroepen/plaatsen/",
        {
            "aanmelding": seat.pk,
            "werkgroep": group.pk,
        },
    )
    seat.refresh_from_db()
    assert seat.werkgroep == group
    Bijeenkomst.objects.filter(pk=meeting.pk).update(  # attendance: from the meeting's day on
        starts_at=timezone.now(), registration_closes_at=timezone.now()
    )
    client.post(f"/bijeenkomsten/{meeting.pk}/presentielijst/", {"aanwezig": [str(seat.pk), "x"]})
    seat.refresh_from_db()
    assert seat.status == "aanwezig"
    printable = client.get(f"/bijeenkomsten/{meeting.pk}/presentielijst/?afdrukken=1").text
    assert "Handtekening" in printable and circle.member.name in printable


def test_a_member_of_a_municipality_not_in_the_circle_cannot_register(client, circle, meeting):
    from tests.factories import GemeenteFactory

    elsewhere = LidmaatschapFactory(gemeente=GemeenteFactory()).user
    client.force_login(elsewhere)
    assert client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/").status_code == 404


def test_page_links_keep_the_filters(client, circle):
    for _ in range(25):
        BijeenkomstFactory(leerkring=circle.leerkring, kind="werkgroep")
    client.force_login(circle.member)
    first = client.get("/bijeenkomsten/", {"soort": "werkgroep"}).text
    assert 'href="?soort=werkgroep&amp;pagina=2"' in first and "Pagina 1 van 2" in first
    second = client.get("/bijeenkomsten/", {"soort": "werkgroep", "pagina": "2"}).text
    assert 'href="?soort=werkgroep&amp;pagina=1"' in second and "Pagina 2 van 2" in second


def test_a_meeting_in_the_hour_the_clocks_skip_gets_a_clear_message(client, circle):
    client.force_login(circle.researcher)
    response = client.post(
        "/bijeenkomsten/nieuw/",
        {
            "kind": "werkgroep",
            "title": "Nachtsessie",
            "starts_at": "2031-03-30T02:30",
            "ends_at": "2031-03-30T04:00",
            "capacity": 10,
            "registration_closes_at": "2031-03-29T12:00",
            "reminder_days": 2,
            "programma-TOTAL_FORMS": 0,
            "programma-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "02:30 bestaat niet op deze datum" in response.text
    assert not Bijeenkomst.objects.filter(title="Nachtsessie").exists()


def test_a_programme_of_thousands_of_items_is_refused_without_building_them(client, circle):
    client.force_login(circle.researcher)
    response = client.post(
        "/bijeenkomsten/nieuw/",
        {"title": "Veel", "programma-TOTAL_FORMS": 100000, "programma-INITIAL_FORMS": 0},
    )
    assert response.status_code == 200
    programma = response.context["programma"]
    assert len(programma.forms) <= 30
    [error] = programma.non_form_errors()
    assert error in response.text and "30" in error  # "Verstuur maximaal 30 formulieren."
