"""Publishing a report and cancelling a meeting ask first: the page says how many people get
an e-mail, counted from the list the service mails, and only the button on that page acts.
A stale page (the numbers changed) or a second click changes nothing and says why."""

import pytest
from django.core import mail

from bijeenkomsten.models import Bijeenkomst, Verslag
from bijeenkomsten.services import registration, verslagen
from leerkring.core.models import AuditEntry
from tests.bijeenkomsten.test_views import ROLES, login
from tests.factories import AanmeldingFactory, BijeenkomstFactory, UserFactory
from tests.support import assert_answer


# --- Publishing a report ----------------------------------------------------------------------
@pytest.fixture
def drafted(circle, members):
    """A held meeting with a draft report. Of its registrations, four get the e-mail: two
    present, two registered. Not: someone waiting, someone who cancelled, someone who wants no
    e-mail and someone whose account is closed."""
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", capacity=10)
    people = members(8)
    for user, status in zip(
        people[:6],
        ["aanwezig", "aanwezig", "aangemeld", "aangemeld", "wachtlijst", "geannuleerd"],
        strict=True,
    ):
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, status=status)
    quiet, closed = people[6:]
    type(quiet).objects.filter(pk=quiet.pk).update(email_notifications=False)
    type(closed).objects.filter(pk=closed.pk).update(is_active=False)
    AanmeldingFactory(bijeenkomst=meeting, deelnemer=quiet, status="aanwezig")
    AanmeldingFactory(bijeenkomst=meeting, deelnemer=closed, status="aanwezig")
    verslagen.verslag_save(
        bijeenkomst=meeting, user=circle.researcher, title="Verslag", authors="A", body="Tekst."
    )
    meeting.expected = sorted(u.email for u in people[:4])
    return meeting


def publish_url(meeting) -> str:
    return f"/bijeenkomsten/{meeting.pk}/verslag/publiceren/"


def test_the_report_page_links_to_the_confirmation_instead_of_publishing(client, circle, drafted):
    client.force_login(circle.researcher)
    html = client.get(f"/bijeenkomsten/{drafted.pk}/verslag/").text
    assert f'href="{publish_url(drafted)}"' in html
    assert f'action="{publish_url(drafted)}"' not in html


def test_publishing_says_how_many_are_mailed_and_mails_exactly_them(
    client, circle, drafted, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    page = client.get(publish_url(drafted))
    assert page.status_code == 200
    assert "4 deelnemers krijgen een e-mail met het verslag." in page.text
    assert page.context["recipients"] == 4
    assert not Verslag.objects.get().is_published

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(drafted), {"recipients": 4}, follow=True)
    assert "Het verslag is gepubliceerd. 4 deelnemers krijgen een e-mail" in response.text
    assert Verslag.objects.get().is_published
    assert sorted(m.to[0] for m in mail.outbox) == drafted.expected
    entry = AuditEntry.objects.get(action=AuditEntry.Action.VERSLAG_PUBLISHED)
    assert entry.actor == circle.researcher
    assert entry.detail == "versie 1; 4 deelnemers gemaild"


def test_a_stale_count_publishes_nothing_and_shows_the_new_one(
    client, circle, drafted, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    assert client.get(publish_url(drafted)).context["recipients"] == 4
    AanmeldingFactory(bijeenkomst=drafted, deelnemer=UserFactory(), status="aanwezig")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(drafted), {"recipients": 4}, follow=True)
    assert response.redirect_chain[-1][0] == publish_url(drafted)
    assert "nu krijgen 5 deelnemers een e-mail" in response.text
    assert "5 deelnemers krijgen een e-mail met het verslag." in response.text
    assert not Verslag.objects.get().is_published
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.VERSLAG_PUBLISHED).exists()


def test_a_second_click_mails_nobody_again(
    client, circle, drafted, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(publish_url(drafted), {"recipients": 4})
        response = client.post(publish_url(drafted), {"recipients": 4}, follow=True)
    assert "Het verslag was al gepubliceerd. Er is niemand gemaild." in response.text
    assert len(mail.outbox) == 4
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VERSLAG_PUBLISHED).count() == 1
    # The page itself now says there is nothing left to do, and offers no button.
    page = client.get(publish_url(drafted)).text
    assert "Dit verslag is al gepubliceerd" in page and "Ja, publiceren" not in page


@pytest.mark.parametrize("posted", [{}, {"recipients": "veel"}, {"recipients": "-1"}])
def test_a_post_without_the_confirmation_publishes_nothing(client, circle, drafted, posted):
    client.force_login(circle.researcher)
    response = client.post(publish_url(drafted), posted, follow=True)
    assert response.status_code == 200
    assert "Kijk eerst wat er gebeurt en bevestig het dan hier." in response.text
    assert not Verslag.objects.get().is_published


@pytest.mark.parametrize("role", ROLES)
def test_only_researchers_reach_the_publishing_confirmation(client, circle, drafted, role):
    login(client, circle, role)
    expected = 200 if role == "researcher" else 404
    anonymous = role == "anonymous"
    assert_answer(client.get(publish_url(drafted)), expected, anonymous=anonymous)
    if role != "researcher":
        posted = client.post(publish_url(drafted), {"recipients": 4})
        assert_answer(posted, 404, anonymous=anonymous)
        assert not Verslag.objects.get().is_published


def test_a_researcher_of_another_circle_gets_a_404(client, circle, drafted):
    from tests.factories import LeerkringFactory

    stranger = UserFactory()
    LeerkringFactory().researchers.add(stranger)
    client.force_login(stranger)
    assert client.get(publish_url(drafted)).status_code == 404
    assert client.post(publish_url(drafted), {"recipients": 4}).status_code == 404


# --- Cancelling a meeting ---------------------------------------------------------------------
def cancel_url(meeting) -> str:
    return f"/bijeenkomsten/{meeting.pk}/annuleren/"


@pytest.fixture
def busy(meeting, members):
    """The meeting (two seats) with two people registered and one waiting."""
    for user in members(3):
        registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user)
    mail.outbox.clear()
    return meeting


def test_cancelling_says_who_is_mailed_and_mails_exactly_them(
    client, circle, busy, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    page = client.get(cancel_url(busy))
    assert (
        "De bijeenkomst wordt geannuleerd. 2 aangemelde mensen en 1 persoon op de wachtlijst "
        "krijgen een e-mail."
    ) in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(busy), {"seated": 2, "waiting": 1}, follow=True)
    assert response.redirect_chain[-1][0] == f"/bijeenkomsten/{busy.pk}/"
    assert "De bijeenkomst is geannuleerd. 3 mensen krijgen een e-mail." in response.text
    assert Bijeenkomst.objects.get(pk=busy.pk).status == "geannuleerd"
    registered = busy.aanmeldingen.filter(status__in=["aangemeld", "wachtlijst"])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        registered.values_list("deelnemer__email", flat=True)
    )
    assert len(mail.outbox) == 3
    entry = AuditEntry.objects.get(action=AuditEntry.Action.BIJEENKOMST_CANCELLED)
    assert (entry.actor, entry.target_id) == (circle.researcher, busy.pk)
    assert entry.detail == "gemaild: 2 aangemeld, 1 op de wachtlijst"


def test_a_meeting_nobody_registered_for_says_nobody_is_mailed(client, circle, meeting):
    client.force_login(circle.researcher)
    page = client.get(cancel_url(meeting)).text
    assert "Er is niemand aangemeld, dus niemand krijgt een e-mail." in page
    client.post(cancel_url(meeting), {"seated": 0, "waiting": 0})
    assert Bijeenkomst.objects.get(pk=meeting.pk).status == "geannuleerd"


def test_a_stale_count_cancels_nothing_and_shows_the_new_numbers(
    client, circle, busy, members, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    client.get(cancel_url(busy))
    registration.aanmelding_create(bijeenkomst_id=busy.pk, deelnemer=members(1)[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(busy), {"seated": 2, "waiting": 1}, follow=True)
    assert response.redirect_chain[-1][0] == cancel_url(busy)
    assert "Er is iets veranderd sinds je de vorige pagina opende" in response.text
    assert "2 aangemelde mensen en 2 mensen op de wachtlijst krijgen een e-mail." in response.text
    assert Bijeenkomst.objects.get(pk=busy.pk).status == "gepland"
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.BIJEENKOMST_CANCELLED).exists()


def test_a_second_click_mails_nobody_again_and_says_so(
    client, circle, busy, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url(busy), {"seated": 2, "waiting": 1})
        response = client.post(cancel_url(busy), {"seated": 2, "waiting": 1}, follow=True)
    assert "Deze bijeenkomst was al geannuleerd. Er is niemand opnieuw gemaild." in response.text
    assert "Deze bijeenkomst is al geannuleerd. Er gebeurt niets meer." in response.text
    assert "Ja, annuleren" not in response.text
    assert len(mail.outbox) == 3
    assert AuditEntry.objects.filter(action=AuditEntry.Action.BIJEENKOMST_CANCELLED).count() == 1


def test_a_held_meeting_cannot_be_cancelled(client, circle, meeting):
    Bijeenkomst.objects.filter(pk=meeting.pk).update(status="gehouden")
    client.force_login(circle.researcher)
    page = client.get(cancel_url(meeting)).text
    assert "Deze bijeenkomst is al gehouden. Annuleren kan niet meer." in page
    assert "Ja, annuleren" not in page
    response = client.post(cancel_url(meeting), {"seated": 0, "waiting": 0}, follow=True)
    assert "Deze bijeenkomst is al gehouden." in response.text
    assert Bijeenkomst.objects.get(pk=meeting.pk).status == "gehouden"


@pytest.mark.parametrize("posted", [{}, {"seated": "2"}, {"seated": "x", "waiting": "1"}])
def test_a_post_without_the_confirmation_cancels_nothing(client, circle, busy, posted):
    client.force_login(circle.researcher)
    response = client.post(cancel_url(busy), posted, follow=True)
    assert "Kijk eerst wat er gebeurt en bevestig het dan hier." in response.text
    assert Bijeenkomst.objects.get(pk=busy.pk).status == "gepland"


@pytest.mark.parametrize("role", [r for r in ROLES if r != "researcher"])
def test_only_researchers_can_cancel(client, circle, busy, role):
    login(client, circle, role)
    anonymous = role == "anonymous"
    assert_answer(client.get(cancel_url(busy)), 404, anonymous=anonymous)
    response = client.post(cancel_url(busy), {"seated": 2, "waiting": 1})
    assert_answer(response, 404, anonymous=anonymous)
    assert Bijeenkomst.objects.get(pk=busy.pk).status == "gepland"
