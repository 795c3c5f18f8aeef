"""The weekly digest e-mail: what it lists for whom, once per person per week, and the link
that stops it."""

import datetime
import logging
import re
import threading
from types import SimpleNamespace

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.models import Bijeenkomst, Verslag
from bijeenkomsten.services import registration, verslagen
from dilemmas import services as dilemma_services
from dilemmas.models import Casus, Rol, Waarde
from leerkring import digest, tasks
from leerkring.celery import app as celery_app
from leerkring.core.mail.outbox import email_send
from leerkring.core.models import OutgoingEmail
from leerkring.tasks import digest_send
from tests.factories import (
    BijeenkomstFactory,
    DeelnameFactory,
    DilemmaFactory,
    GemeenteFactory,
    LeerkringFactory,
    LidmaatschapFactory,
    PublicatieFactory,
    ReactieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

WEEK = datetime.timedelta(days=7)


def _casus(circle, dilemma, author, **fields):
    data = {"situation": "Twee groepen willen het buurthuis.", "question": "Wat doe je?"}
    return dilemma_services.casus_create(
        author=author,
        leerkring=circle.leerkring,
        dilemma=dilemma,
        rollen=Rol.objects.filter(slug="faciliteren"),
        waarden=Waarde.objects.filter(slug="deliberatie"),
        publish=True,
        **(data | fields),
    )


def _publicatie(leerkring, slug, title, release_at, visibility="openbaar"):
    return PublicatieFactory(
        leerkring=leerkring,
        slug=slug,
        kind="essay",
        title=title,
        abstract="Samenvatting.",
        release_at=release_at,
        visibility=visibility,
    )


@pytest.fixture
def news(circle):
    """A week in the circle: new things Breda's member may see, things they may not, things
    from another circle and things older than a week."""
    now = timezone.now()
    long_ago = now - datetime.timedelta(days=10)
    for person in (circle.member, circle.researcher):
        person.weekly_digest = True
        person.save(update_fields=["weekly_digest"])
    dilemma = DilemmaFactory(leerkring=circle.leerkring, title="Bemiddelen")
    start = now + datetime.timedelta(days=20)
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Leerkring in Breda <b>",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        registration_closes_at=start - datetime.timedelta(days=2),
    )
    old_meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Eerder gepland")
    Bijeenkomst.objects.filter(pk=old_meeting.pk).update(created_at=long_ago)
    closed = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Aanmelden gesloten",
        registration_closes_at=now - datetime.timedelta(hours=1),
    )
    held = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Kick-off in Tilburg",
        starts_at=now - WEEK / 7,
        ends_at=now - WEEK / 7 + datetime.timedelta(hours=3),
        registration_closes_at=now - WEEK / 3.5,
    )
    verslagen.verslag_save(
        bijeenkomst=held, user=circle.researcher, title="Verslag", authors="A", body="Tekst."
    )
    verslagen.verslag_publish(verslag=Verslag.objects.get(), notify=False)

    shared = _casus(circle, dilemma, circle.other_member, title="Een parkeerplaats in de wijk")
    tilburg_only = _casus(
        circle, dilemma, circle.other_member, title="Alleen voor Tilburg", visibility="gemeente"
    )
    anonymised = _casus(
        circle,
        dilemma,
        circle.other_member,
        title="Ruzie met wethouder Jansen",
        anonymise=True,
        anon_title="Een conflict over een subsidie",
        anon_situation="Een gemeente en een zorgcoöperatie.",
    )
    dilemma_services.casus_anon_approve(casus=anonymised, actor=circle.researcher)
    own = _casus(circle, dilemma, circle.member, title="Mijn eigen buurthuis")
    old_casus = _casus(circle, dilemma, circle.other_member, title="Oude casus")
    Casus.objects.filter(pk=old_casus.pk).update(published_at=long_ago)
    ReactieFactory(casus=own, author=circle.other_member, body="Herkenbaar <i>echt</i>!")
    ReactieFactory(
        casus=own, author=circle.other_member, body="Verborgen tekst", is_hidden=True,
        hidden_reason="Persoonlijk.",
    )  # fmt: skip
    ReactieFactory(casus=own, author=circle.member, body="Mijn eigen aanvulling")
    ReactieFactory(casus=shared, author=circle.member, body="Op andermans casus")

    _publicatie(circle.leerkring, "essay-een", "Essay over vertrouwen", now - WEEK / 7)
    _publicatie(circle.leerkring, "later", "Nog onder embargo", now + WEEK)
    _publicatie(circle.leerkring, "oud", "Oud essay", long_ago)

    other = LeerkringFactory(title="Andere leerkring")
    DeelnameFactory(leerkring=other, gemeente=GemeenteFactory(name="Zwolle", slug="zwolle"))
    BijeenkomstFactory(leerkring=other, title="Bijeenkomst elders", is_public=True)
    _publicatie(other, "elders", "Essay van elders", now - WEEK / 7)
    return SimpleNamespace(
        circle=circle,
        meeting=meeting,
        closed=closed,
        held=held,
        shared=shared,
        tilburg_only=tilburg_only,
        anonymised=anonymised,
        own=own,
    )


def _send(capture, now=None) -> int:
    with capture(execute=True):
        return digest.digest_send_all(now=now)


def _html(message) -> str:
    assert len(message.alternatives) == 1
    content, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return content


def _for(mailoutbox, email) -> list:
    return [m for m in mailoutbox if m.to == [email]]


def test_a_member_gets_one_email_with_text_and_html_listing_what_they_may_see(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    circle = news.circle
    assert _send(django_capture_on_commit_callbacks) == 2  # the member and the researcher
    [message] = _for(mailoutbox, circle.member.email)
    html = _html(message)
    assert "Nieuw in je leerkring" in message.subject
    for text in (message.body, html):
        assert "Hallo Lid Breda," in text
        # New and visible
        assert "Leerkring in Breda" in text
        assert "Verslag van Kick-off in Tilburg" in text
        assert "Een parkeerplaats in de wijk" in text
        assert "Een conflict over een subsidie" in text
        assert "Lid Tilburg reageerde op" in text and "Mijn eigen buurthuis" in text
        assert "Essay over vertrouwen" in text
        # Not for this person: another municipality's own case, the original of an
        # anonymised case, their own case and comments, hidden comments
        for hidden in (
            "Alleen voor Tilburg",
            "Ruzie met wethouder Jansen",
            "Mijn eigen aanvulling",
            "Op andermans casus",
            "Verborgen tekst",
        ):
            assert hidden not in text
        # Not new, not open any more, not released yet, or from another circle
        for other in (
            "Eerder gepland",
            "Aanmelden gesloten",
            "Oude casus",
            "Oud essay",
            "Nog onder embargo",
            "Bijeenkomst elders",
            "Essay van elders",
        ):
            assert other not in text
    # Every item links to its page on the site, with a full address.
    site = settings.SITE_URL.rstrip("/")
    for path in (
        reverse("bijeenkomsten:bijeenkomst-detail", args=[news.meeting.pk]),
        reverse("bijeenkomsten:verslag", args=[news.held.pk]),
        reverse("dilemmas:casus-detail", args=[news.shared.pk]),
        reverse("dilemmas:casus-detail", args=[news.anonymised.pk]),
        reverse("dilemmas:casus-detail", args=[news.own.pk]),
        reverse("publicaties:publicatie-detail", args=["essay-een"]),
    ):
        assert site + path in message.body
        assert f'href="{site}{path}' in html
    assert "wekelijkse overzicht" in message.body and site + "/account/overzicht-stoppen/" in (
        message.body
    )


def test_the_researcher_sees_the_original_of_an_anonymised_case_and_municipality_only_cases(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks)
    [message] = _for(mailoutbox, news.circle.researcher.email)
    assert "Ruzie met wethouder Jansen" in message.body
    assert "Alleen voor Tilburg" in message.body
    assert "Mijn eigen buurthuis" in message.body
    assert "Bijeenkomst elders" not in message.body


def test_the_html_part_is_a_safe_self_contained_page(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks)
    [message] = _for(mailoutbox, news.circle.member.email)
    html = _html(message)
    assert re.search(r'<html lang="nl">', html)
    # Everything people typed is escaped; the plain text shows it as typed.
    assert "Leerkring in Breda &lt;b&gt;" in html and "<b>" not in html
    assert "Herkenbaar &lt;i&gt;echt&lt;/i&gt;!" in html
    assert "Herkenbaar <i>echt</i>!" in message.body
    # No scripts, no external images or stylesheets: inline styles only.
    assert "<script" not in html and "<img" not in html and "<link" not in html
    assert "<style" not in html and 'style="' in html


def test_people_who_did_not_ask_for_it_or_take_no_part_get_nothing(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    circle = news.circle
    circle.member.weekly_digest = False
    circle.member.save(update_fields=["weekly_digest"])
    # Asked for it, but outside the circle, waiting for admission, or no longer active.
    for person in (circle.outsider, circle.pending_user, circle.coordinator):
        person.weekly_digest = True
        person.save(update_fields=["weekly_digest"])
    circle.coordinator.is_active = False
    circle.coordinator.save(update_fields=["is_active"])

    assert _send(django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mailoutbox] == [[circle.researcher.email]]


def test_running_twice_sends_one_email_per_person(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    assert _send(django_capture_on_commit_callbacks, now) == 2
    assert _send(django_capture_on_commit_callbacks, now + datetime.timedelta(hours=3)) == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [news.circle.member.email, news.circle.researcher.email]
    )


def test_the_next_week_sends_again_with_only_what_is_new(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    circle = news.circle
    now = timezone.now()
    _send(django_capture_on_commit_callbacks, now)
    mailoutbox.clear()
    _casus(circle, news.shared.dilemma, circle.other_member, title="Een nieuwe week, een casus")

    assert _send(django_capture_on_commit_callbacks, now + WEEK) == 2
    [message] = _for(mailoutbox, circle.member.email)
    assert "Een nieuwe week, een casus" in message.body
    assert "Een parkeerplaats in de wijk" not in message.body


def test_nothing_new_means_no_email_until_something_happens(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    circle.member.weekly_digest = True
    circle.member.save(update_fields=["weekly_digest"])
    now = timezone.now()
    assert _send(django_capture_on_commit_callbacks, now) == 0
    assert mailoutbox == []
    # The week was not used up: news later that week still reaches them, once.
    _casus(circle, DilemmaFactory(leerkring=circle.leerkring), circle.other_member, title="Later")
    later = timezone.now() + datetime.timedelta(minutes=1)
    assert _send(django_capture_on_commit_callbacks, later) == 1
    assert _send(django_capture_on_commit_callbacks, later) == 0
    assert [m.to for m in mailoutbox] == [[circle.member.email]]


def test_a_busy_week_links_to_the_full_list_and_says_when_registration_opens(
    circle, mailoutbox, django_capture_on_commit_callbacks
):
    circle.member.weekly_digest = True
    circle.member.save(update_fields=["weekly_digest"])
    dilemma = DilemmaFactory(leerkring=circle.leerkring)
    for i in range(digest.MAX_ITEMS + 1):
        _casus(circle, dilemma, circle.other_member, title=f"Casus nummer {i}")
    opens = timezone.now() + datetime.timedelta(days=3)
    BijeenkomstFactory(leerkring=circle.leerkring, title="Straks open", registration_opens_at=opens)
    _send(django_capture_on_commit_callbacks)
    [message] = mailoutbox
    assert message.body.count("Casus nummer") == digest.MAX_ITEMS
    library = settings.SITE_URL.rstrip("/") + reverse("dilemmas:casus-list")
    assert library in message.body and f'href="{library}"' in _html(message)
    assert "Straks open" in message.body
    assert "Aanmelden kan vanaf" in message.body and "Aanmelden kan vanaf" in _html(message)


def test_the_task_sends_the_digest_and_beat_runs_it_on_monday_morning(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    [entry] = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == digest_send.name]
    assert digest_send.name == "leerkring.digest_send"
    assert digest_send.name in celery_app.tasks
    assert entry["schedule"] == crontab(minute=0, hour=7, day_of_week=1)
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
    with django_capture_on_commit_callbacks(execute=True):
        digest_send.delay()
    assert len(mailoutbox) == 2


def test_the_queries_grow_by_a_constant_per_person(
    news, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """Each person sees every item of the week; the number of queries does not depend on
    the number of items, and grows by at most PER_PERSON for each person."""
    circle = news.circle
    dilemma = news.shared.dilemma
    for i in range(6):
        casus = _casus(circle, dilemma, circle.other_member, title=f"Casus {i}")
        ReactieFactory(casus=news.own, author=circle.other_member, body=f"Reactie {i}")
        _publicatie(circle.leerkring, f"essay-{i}", f"Essay {i}", timezone.now())
        BijeenkomstFactory(leerkring=circle.leerkring, title=f"Bijeenkomst {i}")
        assert casus
    # who gets one, then those of the batch (one more per person since issue 20: the programmes
    # the person belongs to, for the cases opened to a programme)
    base, per_person = 2, 14
    now = timezone.now()
    with django_assert_max_num_queries(base + per_person * 2):
        assert digest.digest_send_all(now=now) == 2

    for i in range(10):
        gemeente = circle.breda if i % 2 else circle.tilburg
        LidmaatschapFactory(gemeente=gemeente, user=UserFactory(weekly_digest=True))
    with django_assert_max_num_queries(base + per_person * 12):
        assert digest.digest_send_all(now=now + WEEK) == 12


def test_existing_text_only_emails_stay_text_only(circle, mailoutbox):
    """An e-mail without an HTML template is sent as before: plain text, no alternative."""
    meeting = BijeenkomstFactory(leerkring=circle.leerkring)
    registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=circle.member)
    [email] = OutgoingEmail.objects.all()
    assert email.html == ""
    email_send(email_id=email.pk)
    [message] = mailoutbox
    assert message.alternatives == [] and message.body == email.body


# --- Stopping it from the e-mail ---------------------------------------------------------------
def _stop_link(message) -> str:
    site = settings.SITE_URL.rstrip("/")
    match = re.search(re.escape(site) + r"(/account/overzicht-stoppen/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_the_link_in_the_email_stops_the_digest_without_logging_in(
    news, client, mailoutbox, django_capture_on_commit_callbacks
):
    member = news.circle.member
    _send(django_capture_on_commit_callbacks)
    [message] = _for(mailoutbox, member.email)
    link = _stop_link(message)
    assert f'href="{settings.SITE_URL.rstrip("/")}{link}"' in _html(message)

    page = client.get(link)
    assert page.status_code == 200
    assert "Stop het wekelijkse overzicht" in page.content.decode()
    member.refresh_from_db()
    assert member.weekly_digest  # looking at the page changes nothing

    done = client.post(link)
    assert done.status_code == 200
    assert "Je krijgt het wekelijkse overzicht niet meer." in done.content.decode()
    member.refresh_from_db()
    assert not member.weekly_digest
    assert "staat al uit" in client.get(link).content.decode()

    # And next week there is no digest for them.
    mailoutbox.clear()
    _send(django_capture_on_commit_callbacks, timezone.now() + WEEK)
    assert _for(mailoutbox, member.email) == []


def test_a_forged_or_outdated_stop_link_answers_404(circle, client):
    member = circle.member
    member.weekly_digest = True
    member.save(update_fields=["weekly_digest"])
    token = digest.unsubscribe_token(member)
    pk_part, signature = token.rsplit(":", 1)
    forged = [
        "ongeldig",
        f"{pk_part}:{signature[:-2]}xx",
        # Signed with another purpose's salt, or for another person.
        signing.Signer(salt="iets-anders").sign_object([member.pk, "x"]),
        token.replace(pk_part, digest.unsubscribe_token(circle.other_member).rsplit(":", 1)[0]),
        signing.dumps(member.pk),
        "😀" * 10,
    ]
    for bad in forged:
        url = reverse("digest-unsubscribe", kwargs={"token": bad})
        assert client.get(url).status_code == 404, bad
        assert client.post(url).status_code == 404, bad
    # A link sent to an address the account no longer has stops working.
    member.email = "nieuw@breda.nl"
    member.save(update_fields=["email"])
    url = reverse("digest-unsubscribe", kwargs={"token": token})
    assert client.post(url).status_code == 404
    member.refresh_from_db()
    assert member.weekly_digest


def test_my_settings_say_what_the_digest_is_and_when_it_comes(circle, client):
    client.force_login(circle.member)
    page = client.get(reverse("account-preferences")).content.decode()
    assert "Stuur me elke week een overzicht" in page
    assert "Elke maandagochtend een e-mail" in page


# --- Two runs at the same time ----------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_the_weekly_task_divides_people_into_batches_and_reaches_each_once(
    news, mailoutbox, monkeypatch, caplog
):
    """The beat task spreads the people over tasks of DIGEST_BATCH (so that every worker
    takes part); everyone still gets one e-mail, and a second run sends nothing."""
    circle = news.circle
    for _ in range(8):
        LidmaatschapFactory(gemeente=circle.breda, user=UserFactory(weekly_digest=True))
    monkeypatch.setattr(digest, "DIGEST_BATCH", 3)
    with caplog.at_level(logging.INFO, logger="leerkring.tasks"):
        tasks.digest_send()
    assert "4 batch(es)" in caplog.text  # 10 people in batches of 3
    recipients = [m.to[0] for m in mailoutbox]
    assert len(recipients) == 10 and len(set(recipients)) == 10
    tasks.digest_send()
    assert len(mailoutbox) == 10


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_time_send_one_email_per_person(news, mailoutbox):
    circle = news.circle
    for _ in range(8):
        LidmaatschapFactory(gemeente=circle.breda, user=UserFactory(weekly_digest=True))
    now = timezone.now()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=20)
            results.append(digest.digest_send_all(now=now))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sum(results) == 10
    recipients = [m.to[0] for m in mailoutbox]
    assert len(recipients) == 10 and len(set(recipients)) == 10
