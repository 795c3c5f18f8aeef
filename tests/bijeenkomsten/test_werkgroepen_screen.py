"""The researchers' work groups page: each person's current group shown and pre-selected,
people without a group first, moving someone to another group or to none, and a full group
refused with a clear message."""

import re

import pytest

from bijeenkomsten.models import Aanmelding
from bijeenkomsten.services import registration, werkgroepen
from tests.factories import BijeenkomstFactory, WerkgroepFactory


@pytest.fixture
def groups(circle, members):
    """A meeting with Tafel A (room for 2) and Tafel B (room for 1); Anna and Bram in A,
    Cees in B, Dirk and Els in none."""
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, capacity=10)
    tafel_a = WerkgroepFactory(bijeenkomst=meeting, title="Tafel A", capacity=2)
    tafel_b = WerkgroepFactory(bijeenkomst=meeting, title="Tafel B", capacity=1)
    people = {}
    for name, group in (
        ("Anna", tafel_a),
        ("Bram", tafel_a),
        ("Cees", tafel_b),
        ("Dirk", None),
        ("Els", None),
    ):
        (user,) = members(1, gemeente=circle.breda)
        user.name = name
        user.save()
        seat = registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user)
        if group:
            werkgroepen.werkgroep_join(aanmelding=seat, werkgroep_id=group.pk)
        people[name] = seat
    return meeting, tafel_a, tafel_b, people


def _row(html: str, name: str) -> str:
    match = re.search(rf"<tr[^>]*>\s*<td[^>]*>{name}</td>.*?</tr>", html, re.S)
    assert match, name
    return match.group(0)


def _selected(row: str) -> str:
    return re.search(r"<option [^>]*selected[^>]*>([^<]*)<", row).group(1)


def test_each_person_shows_their_group_pre_selected_and_those_without_come_first(
    client, circle, groups
):
    meeting, _a, _b, _people = groups
    client.force_login(circle.researcher)
    html = client.get(f"/bijeenkomsten/{meeting.pk}/werkgroepen/").text
    order = [html.index(f">{name}</td>") for name in ("Dirk", "Els", "Anna", "Bram", "Cees")]
    assert order == sorted(order)
    assert "Werkgroep nu" in html
    assert "<strong>Geen werkgroep</strong>" in _row(html, "Dirk")
    assert _selected(_row(html, "Dirk")) == "Geen werkgroep"
    assert ">Tafel A</td>" in _row(html, "Anna")
    assert _selected(_row(html, "Anna")).startswith("Tafel A (2 van 2)")
    assert _selected(_row(html, "Cees")).startswith("Tafel B (1 van 1)")
    # A full group says so, except to the people in it.
    assert "Tafel B (1 van 1) – vol" in _row(html, "Anna")


def test_a_person_moves_to_another_group_and_to_none(client, circle, groups):
    meeting, _a, tafel_b, people = groups
    client.force_login(circle.researcher)
    url = f"/bijeenkomsten/{meeting.pk}/werkgroepen/plaatsen/"
    response = client.post(url, {"aanmelding": people["Cees"].pk, "werkgroep": "geen"}, follow=True)
    assert "Cees zit nu in geen werkgroep." in response.text
    response = client.post(
        url, {"aanmelding": people["Dirk"].pk, "werkgroep": tafel_b.pk}, follow=True
    )
    assert "Dirk zit nu in de werkgroep Tafel B." in response.text
    people["Cees"].refresh_from_db()
    people["Dirk"].refresh_from_db()
    assert people["Cees"].werkgroep is None and people["Cees"].status == "aangemeld"
    assert people["Dirk"].werkgroep == tafel_b
    assert _selected(_row(response.text, "Dirk")).startswith("Tafel B")


def test_a_full_group_is_refused_with_a_clear_message(client, circle, groups):
    meeting, tafel_a, _b, people = groups
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{meeting.pk}/werkgroepen/plaatsen/",
        {"aanmelding": people["Dirk"].pk, "werkgroep": tafel_a.pk},
        follow=True,
    )
    assert (
        "De werkgroep Tafel A is vol: 2 van 2 plaatsen. Dirk is niet verplaatst." in response.text
    )
    people["Dirk"].refresh_from_db()
    assert people["Dirk"].werkgroep is None


@pytest.mark.parametrize("value", ["", "abc", "999999", "other"])
def test_a_group_that_is_not_on_the_list_says_so(client, circle, groups, value):
    meeting, _a, _b, people = groups
    elsewhere = WerkgroepFactory(bijeenkomst=BijeenkomstFactory(leerkring=circle.leerkring))
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{meeting.pk}/werkgroepen/plaatsen/",
        {"aanmelding": people["Dirk"].pk, "werkgroep": elsewhere.pk if value == "other" else value},
        follow=True,
    )
    assert "Kies een werkgroep uit de lijst." in response.text
    assert Aanmelding.objects.get(pk=people["Dirk"].pk).werkgroep is None


def test_someone_waiting_cannot_be_placed(client, circle, members):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, capacity=1)
    group = WerkgroepFactory(bijeenkomst=meeting, title="Tafel")
    first, waiting = members(2)
    registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=first)
    seat = registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=waiting)
    client.force_login(circle.researcher)
    page = client.get(f"/bijeenkomsten/{meeting.pk}/werkgroepen/").text
    assert waiting.name not in page  # only people with a seat are listed
    response = client.post(
        f"/bijeenkomsten/{meeting.pk}/werkgroepen/plaatsen/",
        {"aanmelding": seat.pk, "werkgroep": group.pk},
        follow=True,
    )
    assert "heeft nog geen plaats bij de bijeenkomst" in response.text


def test_the_work_groups_page_takes_a_fixed_number_of_queries(
    client, circle, groups, members, django_assert_max_num_queries
):
    meeting, _a, _b, _people = groups
    for user in members(5):  # the meeting's ten seats are taken
        registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user)
    client.force_login(circle.researcher)
    with django_assert_max_num_queries(20):
        html = client.get(f"/bijeenkomsten/{meeting.pk}/werkgroepen/").text
    assert html.count('name="aanmelding"') == 10
