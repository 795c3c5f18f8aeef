"""A request for membership whose e-mail address is not confirmed yet is shown, marked, and
cannot be decided on; and every list of requests shows only what its reader may decide."""

import re

import pytest
from allauth.account.models import EmailAddress

from gemeenten import errors, services
from gemeenten.models import Lidmaatschap
from leerkring.core.models import AuditEntry, OutgoingEmail
from tests.factories import EmailAddressFactory, LeerkringFactory, LidmaatschapFactory, UserFactory

MARKER = "E-mailadres nog niet bevestigd"


@pytest.fixture
def unconfirmed(circle):
    """Someone who signed up for Breda with an address they have not confirmed (yet)."""
    user = UserFactory(email="typo@gmial.example", name="Onbevestigd Breda", verified=False)
    EmailAddressFactory(user=user, email=user.email, primary=True, verified=False)
    return LidmaatschapFactory(gemeente=circle.breda, user=user, status="aangevraagd")


def _item(html: str, name: str) -> str:
    """The <li> of the decisions list about one person."""
    match = re.search(
        rf'<li class="leerkring-decision">((?:(?!</li>).)*{name}.*?)</li>', html, re.S
    )
    assert match, f"{name} is not listed"
    return match.group(1)


def test_admitting_an_unconfirmed_address_is_refused_with_a_clear_message(circle, unconfirmed):
    with pytest.raises(errors.LidmaatschapError) as error:
        services.lidmaatschap_confirm(lidmaatschap_id=unconfirmed.pk, actor=circle.coordinator)
    assert str(error.value) == (
        "Onbevestigd Breda heeft het e-mailadres typo@gmial.example nog niet bevestigd. Je kunt "
        "pas besluiten als dat is gebeurd: zo weet je zeker dat het adres van deze persoon is."
    )
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == "aangevraagd" and unconfirmed.decided_by is None
    assert not AuditEntry.objects.filter(action="lidmaatschap.confirmed").exists()
    assert not OutgoingEmail.objects.exists()


def test_refusing_an_unconfirmed_address_is_refused_too(circle, unconfirmed):
    # The refusal would be e-mailed to an address nobody has shown to be theirs.
    with pytest.raises(errors.LidmaatschapError, match="nog niet bevestigd"):
        services.lidmaatschap_refuse(
            lidmaatschap_id=unconfirmed.pk, actor=circle.coordinator, reason="Onbekend."
        )
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == "aangevraagd"
    assert not OutgoingEmail.objects.exists()


def test_once_the_address_is_confirmed_the_coordinator_can_admit(circle, unconfirmed):
    EmailAddress.objects.filter(user=unconfirmed.user).update(verified=True)
    services.lidmaatschap_confirm(lidmaatschap_id=unconfirmed.pk, actor=circle.coordinator)
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == "bevestigd"


def test_only_the_address_one_logs_in_with_counts(circle, unconfirmed):
    """A confirmed address that is no longer the person's login does not vouch for the new one."""
    EmailAddressFactory(
        user=unconfirmed.user, email="oud@breda.example", primary=False, verified=True
    )
    with pytest.raises(errors.LidmaatschapError):
        services.lidmaatschap_confirm(lidmaatschap_id=unconfirmed.pk, actor=circle.researcher)


def test_the_queue_marks_the_request_and_offers_no_buttons(client, circle, unconfirmed):
    client.force_login(circle.researcher)
    html = client.get("/gemeenten/verzoeken/").text
    waiting = _item(html, "Onbevestigd Breda")
    assert MARKER in waiting
    assert f"/gemeenten/lidmaatschappen/{unconfirmed.pk}/toelaten/" not in waiting
    assert f"/gemeenten/lidmaatschappen/{unconfirmed.pk}/weigeren/" not in waiting
    assert "Onbevestigd Breda toelaten" not in html
    # The confirmed request next to it keeps its buttons and has no marker.
    ready = _item(html, "Wacht Breda")
    assert MARKER not in ready
    assert f"/gemeenten/lidmaatschappen/{circle.pending.pk}/toelaten/" in ready
    assert f"/gemeenten/lidmaatschappen/{circle.pending.pk}/weigeren/" in ready


def test_the_municipality_page_marks_the_request_for_its_coordinator(client, circle, unconfirmed):
    client.force_login(circle.coordinator)
    html = client.get("/gemeenten/breda/").text
    waiting = _item(html, "Onbevestigd Breda")
    assert MARKER in waiting and "toelaten</a>" not in waiting
    assert "Wacht Breda toelaten</a>" in _item(html, "Wacht Breda")


@pytest.mark.parametrize("role", ["coordinator", "researcher"])
def test_the_homes_mark_the_request(client, circle, unconfirmed, role):
    client.force_login(getattr(circle, role))
    html = client.get("/overzicht/").text
    line = re.search(r"<li[^>]*>[^<]*Onbevestigd Breda.*?</li>", html, re.S).group(0)
    assert MARKER in line
    wacht = re.search(r"<li[^>]*>[^<]*Wacht Breda.*?</li>", html, re.S).group(0)
    assert MARKER not in wacht


def test_posting_the_admit_button_anyway_changes_nothing_and_says_why(client, circle, unconfirmed):
    client.force_login(circle.coordinator)
    response = client.post(
        f"/gemeenten/lidmaatschappen/{unconfirmed.pk}/toelaten/",
        {"next": "/gemeenten/breda/", "status": "aangevraagd"},
        follow=True,
    )
    assert response.status_code == 200
    assert "heeft het e-mailadres typo@gmial.example nog niet bevestigd" in response.text
    assert Lidmaatschap.objects.get(pk=unconfirmed.pk).status == "aangevraagd"
    response = client.post(
        f"/gemeenten/lidmaatschappen/{unconfirmed.pk}/weigeren/", {"reason": "Ken ik niet."}
    )
    assert response.status_code == 302
    assert Lidmaatschap.objects.get(pk=unconfirmed.pk).status == "aangevraagd"


def test_requests_are_seen_and_decided_only_by_who_may(client, circle):
    """The queue of a researcher of another circle and a coordinator of another municipality
    show nothing of Breda's requests, and a decision by them is a 404, from the same selector."""
    elsewhere = LeerkringFactory()
    stranger = UserFactory(name="Andere Onderzoeker")
    elsewhere.researchers.add(stranger)
    tilburg_coordinator = LidmaatschapFactory(gemeente=circle.tilburg).user
    circle.tilburg.deelnames.get().coordinators.add(tilburg_coordinator)

    client.force_login(stranger)
    html = client.get("/gemeenten/verzoeken/").text
    assert "Wacht Breda" not in html and "0 aanvragen voor lidmaatschap" in html
    assert "Wacht Breda" not in client.get("/overzicht/").text
    url = f"/gemeenten/lidmaatschappen/{circle.pending.pk}/toelaten/"
    assert client.post(url).status_code == 404

    client.force_login(tilburg_coordinator)
    assert "Wacht Breda" not in client.get("/overzicht/").text
    assert "Wacht Breda" not in client.get("/gemeenten/tilburg/").text
    assert client.post(url).status_code == 404
    assert Lidmaatschap.objects.get(pk=circle.pending.pk).status == "aangevraagd"

    client.force_login(circle.researcher)
    assert "Wacht Breda" in client.get("/gemeenten/verzoeken/").text
    assert client.post(url, {"status": "aangevraagd"}).status_code == 302
    assert Lidmaatschap.objects.get(pk=circle.pending.pk).status == "bevestigd"


def _grow(circle, n):
    for i in range(n):
        user = UserFactory(verified=False)
        EmailAddressFactory(user=user, email=user.email, primary=True, verified=i % 2 == 0)
        LidmaatschapFactory(gemeente=circle.breda, user=user, status="aangevraagd")


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("researcher", "/gemeenten/verzoeken/"),
        ("coordinator", "/gemeenten/breda/"),
        ("coordinator", "/overzicht/"),
        ("researcher", "/overzicht/"),
    ],
)
def test_the_marker_costs_no_query_per_request(
    client, circle, unconfirmed, django_assert_max_num_queries, role, url
):
    client.force_login(getattr(circle, role))
    with django_assert_max_num_queries(30) as small:
        before = client.get(url).text
    _grow(circle, 20)
    with django_assert_max_num_queries(30) as large:
        after = client.get(url).text
    assert before.count(MARKER) == 1 and after.count(MARKER) > 1
    assert len(large) == len(small)
