"""Who sees which publication, before and after its release, on every page that shows one."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from publicaties.forms import PublicatieForm
from tests.bijeenkomsten.test_views import ROLES, login
from tests.factories import DeelnameFactory, GemeenteFactory, LeerkringFactory, LidmaatschapFactory
from tests.support import assert_answer

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# role → the (visibility, released) pairs it may see
SEES = {
    "anonymous": {("openbaar", True)},
    "pending": {("openbaar", True)},
    "other": {("openbaar", True)},
    "member": {("openbaar", True), ("deelnemers", True)},
    "coordinator": {(v, r) for v in ("openbaar", "deelnemers", "coordinatoren") for r in (1, 0)},
    "researcher": {(v, r) for v in ("openbaar", "deelnemers", "coordinatoren") for r in (1, 0)},
}


@pytest.mark.parametrize("role", ROLES)
def test_the_visibility_matrix(
    client, circle, publicaties, role, django_capture_on_commit_callbacks
):
    login(client, circle, role)
    listing = client.get("/publicaties/").text
    for (visibility, released), publicatie in publicaties.items():
        may = (visibility, released) in SEES[role]
        expected = 200 if may else 404
        for url in (
            f"/publicaties/{publicatie.slug}/",
            f"/publicaties/{publicatie.slug}/download/",
            f"/publicaties/{publicatie.slug}/citeer.bib",
            f"/publicaties/{publicatie.slug}/citeer.ris",
        ):
            assert_answer(client.get(url), expected, anonymous=role == "anonymous")
        assert (publicatie.title in listing) is may, (role, visibility, released)


def test_a_member_of_another_circle_does_not_see_members_publications(client, circle, publicaties):
    other_circle = LeerkringFactory(slug="andere-kring")
    elders = GemeenteFactory(name="Elders", slug="elders")
    DeelnameFactory(leerkring=other_circle, gemeente=elders)
    client.force_login(LidmaatschapFactory(gemeente=elders).user)
    assert client.get("/publicaties/deelnemers-vrij/").status_code == 404
    assert client.get("/publicaties/openbaar-vrij/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_writing_and_the_figures_are_for_researchers(client, circle, publicaties, role):
    login(client, circle, role)
    expected = 200 if role == "researcher" else 404
    anonymous = role == "anonymous"
    assert_answer(client.get("/publicaties/nieuw/"), expected, anonymous=anonymous)
    assert_answer(client.get("/publicaties/openbaar-vrij/bewerken/"), expected, anonymous=anonymous)
    assert_answer(client.get("/publicaties/downloads/"), expected, anonymous=anonymous)
    assert_answer(
        client.get("/publicaties/openbaar-vrij/versies/1/download/"), expected, anonymous=anonymous
    )
    retry = client.post("/publicaties/openbaar-vrij/versies/1/opnieuw/")
    assert_answer(retry, 302 if role == "researcher" else 404, anonymous=anonymous)


def test_unknown_addresses_are_404(client, circle, publicaties):
    client.force_login(circle.researcher)
    for url in (
        "/publicaties/bestaat-niet/",
        "/publicaties/bestaat-niet/download/",
        "/publicaties/openbaar-vrij/citeer.docx",
        "/publicaties/openbaar-vrij/versies/9/download/",
        "/publicaties/openbaar-vrij/omslag/",  # it has no cover
    ):
        assert client.get(url).status_code == 404, url


# --- The embargo boundary, in Amsterdam time, across daylight-saving changes ------------------
@pytest.mark.parametrize(
    "local",
    [
        # Clocks go forward at 02:00 on 31 March 2019: 03:00 CEST is 01:00 UTC.
        datetime.datetime(2019, 3, 31, 3, 0),
        # Clocks go back at 03:00 on 27 October 2019: 03:30 CET is 02:30 UTC.
        datetime.datetime(2019, 10, 27, 3, 30),
        # An ordinary summer morning.
        datetime.datetime(2019, 7, 1, 10, 0),
    ],
)
def test_the_embargo_ends_exactly_at_the_release_time(client, circle, make, local):
    # Minutes are counted in UTC: wall-clock arithmetic in Amsterdam would land one minute
    # before 03:00 CEST on 02:59, an hour that did not exist that night.
    release = local.replace(tzinfo=AMSTERDAM).astimezone(datetime.UTC)
    publicatie = make(slug="grens", release_at=release)
    url = f"/publicaties/{publicatie.slug}/"
    for moment, public in (
        (release - datetime.timedelta(minutes=1), 404),
        (release + datetime.timedelta(minutes=1), 200),
    ):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            client.logout()
            assert_answer(client.get(url), public, anonymous=True)
            assert_answer(client.get(url + "download/"), public, anonymous=True)
            client.force_login(circle.coordinator)
            assert client.get(url).status_code == 200  # coordinators read it before
    # One minute before is a different UTC hour on the day the clocks change.
    assert publicatie.is_released(release + datetime.timedelta(seconds=1))
    assert not publicatie.is_released(release - datetime.timedelta(seconds=1))


def _form(release: str):
    return PublicatieForm(
        data={
            "kind": "slotpublicatie",
            "title": "Slot",
            "slug": "slot",
            "abstract": "Samenvatting.",
            "release_at": release,
            "visibility": "openbaar",
            "body": "Tekst.",
        },
        leerkring=None,
    )


def test_a_release_time_is_read_as_amsterdam_time(db):
    summer = _form("2019-03-31T03:00")
    assert summer.is_valid(), summer.errors
    assert summer.cleaned_data["release_at"] == datetime.datetime(
        2019, 3, 31, 1, 0, tzinfo=datetime.UTC
    )
    winter = _form("2019-01-16T13:00")
    assert winter.is_valid()
    assert winter.cleaned_data["release_at"] == datetime.datetime(
        2019, 1, 16, 12, 0, tzinfo=datetime.UTC
    )


def test_a_time_that_does_not_exist_in_amsterdam_gets_a_clear_message(db):
    # 02:30 on 31 March 2019 was skipped when the clocks went forward.
    form = _form("2019-03-31T02:30")
    assert not form.is_valid()
    assert "release_at" in form.errors
    assert form.errors["release_at"] == [
        "02:30 bestaat niet op deze datum: die nacht gaat de klok een uur vooruit. Kies "
        "bijvoorbeeld een uur later."
    ]
    # 02:30 on 27 October 2019 happened twice when the clocks went back.
    form = _form("2019-10-27T02:30")
    assert not form.is_valid()
    assert "komt op deze datum twee keer voor" in form.errors["release_at"][0]


def test_an_embargoed_publication_is_not_in_the_feed(client, circle, publicaties):
    feed = client.get("/publicaties/feed/").text
    assert publicaties[("openbaar", True)].title in feed
    for key, publicatie in publicaties.items():
        if key != ("openbaar", True):
            assert publicatie.title not in feed, key
    assert timezone.now()  # the clock was not patched here
