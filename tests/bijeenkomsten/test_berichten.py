"""Writing to participants: who gets a message (per audience), the preview and its count, the
limits, hostile subjects, who may read a message afterwards, and the list's queries. Tasks run
eagerly here; test_berichten_worker.py sends through Redis to a real worker and kills it."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bijeenkomsten.models import Bericht, BerichtOntvanger
from leerkring.core.models import AuditEntry, OutgoingEmail
from tests.factories import (
    AanmeldingFactory,
    BerichtFactory,
    BerichtOntvangerFactory,
    BijeenkomstFactory,
    DeelnameFactory,
    GemeenteFactory,
    LidmaatschapFactory,
    UserFactory,
    WerkgroepFactory,
)

pytestmark = pytest.mark.django_db

SUBJECT = "Bedankt voor de kick-off"
BODY = "Fijn dat je er was.\n\n- De **dia's** staan op de site.\n- Tot de volgende keer!"


@pytest.fixture
def meeting(circle):
    """A meeting with two seated people (one present already), one on the waiting list,
    one who cancelled, and two work groups."""
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", capacity=2)
    meeting.groep_a = WerkgroepFactory(bijeenkomst=meeting, title="Tafel A")
    meeting.groep_b = WerkgroepFactory(bijeenkomst=meeting, title="Tafel B")
    AanmeldingFactory(
        bijeenkomst=meeting,
        deelnemer=circle.member,
        gemeente=circle.breda,
        status="aangemeld",
        werkgroep=meeting.groep_a,
    )
    AanmeldingFactory(
        bijeenkomst=meeting,
        deelnemer=circle.other_member,
        gemeente=circle.tilburg,
        status="aanwezig",
        werkgroep=meeting.groep_b,
    )
    AanmeldingFactory(
        bijeenkomst=meeting,
        deelnemer=circle.hidden,
        gemeente=circle.breda,
        status="wachtlijst",
        waitlisted_at=timezone.now(),
    )
    AanmeldingFactory(
        bijeenkomst=meeting,
        deelnemer=circle.coordinator,
        gemeente=circle.breda,
        status="geannuleerd",
    )
    return meeting


def recipients_of(bericht: Bericht) -> set[str]:
    return set(bericht.ontvangers.values_list("user__email", flat=True))


def mailed() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def preview(client, url, **data):
    return client.post(url, {"subject": SUBJECT, "body": BODY, **data})


def send(client, url, django_capture_on_commit_callbacks, **data):
    """Post what the preview posts ("Versturen"), taking the count the preview showed."""
    shown = preview(client, url.replace("versturen", "schrijven"), **data)
    assert shown.status_code == 200, shown.content
    expected = re.search(rb'name="expected" value="(\d+)"', shown.content)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"subject": SUBJECT, "body": BODY, "expected": expected[1].decode(), **data},
        )
    return response


def meeting_url(meeting, action="versturen"):
    return f"/bijeenkomsten/{meeting.pk}/berichten/{action}/"


# --- Who gets it -----------------------------------------------------------------------------
def test_the_seated_people_get_it_and_the_waiting_list_does_not(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    response = send(
        client, meeting_url(meeting), django_capture_on_commit_callbacks, aan="deelnemers"
    )
    bericht = Bericht.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/berichten/{bericht.pk}/"
    assert recipients_of(bericht) == {"lid@breda.nl", "lid@tilburg.nl"}
    assert mailed() == ["lid@breda.nl", "lid@tilburg.nl"]
    assert "verborgen@breda.nl" not in mailed()  # on the waiting list
    assert "coord@breda.nl" not in mailed()  # cancelled
    message = mail.outbox[0]
    assert message.subject == f"[Leerkring] {SUBJECT}"
    assert "Fijn dat je er was." in message.body
    assert "Je krijgt deze e-mail omdat je een plek hebt bij Kick-off." in message.body
    html = message.alternatives[0][0]
    assert "<strong>dia's</strong>" in html or "<strong>dia&#x27;s</strong>" in html
    assert f"/berichten/{bericht.pk}/" in message.body
    # Both versions point to the settings, where e-mail from the circle is turned off.
    assert "/account/instellingen/" in message.body
    assert "/account/instellingen/" in html
    assert not OutgoingEmail.objects.exists()  # sent and gone from the outbox


def test_the_waiting_list_gets_its_own_message(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    send(client, meeting_url(meeting), django_capture_on_commit_callbacks, aan="wachtlijst")
    assert recipients_of(Bericht.objects.get()) == {"verborgen@breda.nl"}
    assert mailed() == ["verborgen@breda.nl"]
    assert "op de wachtlijst staat van Kick-off" in mail.outbox[0].body


def test_one_work_group_gets_it_and_the_other_does_not(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    aan = f"werkgroep-{meeting.groep_b.pk}"
    send(client, meeting_url(meeting), django_capture_on_commit_callbacks, aan=aan)
    bericht = Bericht.objects.get()
    assert (bericht.audience, bericht.werkgroep) == ("werkgroep", meeting.groep_b)
    assert mailed() == ["lid@tilburg.nl"]


def test_a_work_group_of_another_meeting_cannot_be_chosen(client, circle, meeting):
    other = WerkgroepFactory(bijeenkomst=BijeenkomstFactory(leerkring=circle.leerkring))
    client.force_login(circle.researcher)
    response = preview(client, meeting_url(meeting, "schrijven"), aan=f"werkgroep-{other.pk}")
    assert response.status_code == 200
    assert "Kies een van de groepen hieronder." in response.content.decode()
    assert not Bericht.objects.exists()


def test_the_circle_means_confirmed_members_of_admitted_municipalities(
    client, circle, django_capture_on_commit_callbacks
):
    applied = GemeenteFactory(name="Zundert", slug="zundert")
    DeelnameFactory(leerkring=circle.leerkring, gemeente=applied, status="aangemeld")
    LidmaatschapFactory(gemeente=applied, user=UserFactory(email="lid@zundert.nl"))
    client.force_login(circle.researcher)
    response = send(
        client,
        f"/berichten/leerkring/{circle.leerkring.slug}/versturen/",
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert mailed() == ["coord@breda.nl", "lid@breda.nl", "lid@tilburg.nl", "verborgen@breda.nl"]
    assert Bericht.objects.get().audience == "leerkring"


def test_a_coordinator_writes_to_the_people_of_their_own_municipality(
    client, circle, django_capture_on_commit_callbacks
):
    client.force_login(circle.coordinator)
    url = f"/berichten/gemeente/{circle.deelname_breda.pk}/versturen/"
    response = send(client, url, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert mailed() == ["coord@breda.nl", "lid@breda.nl", "verborgen@breda.nl"]
    bericht = Bericht.objects.get()
    assert (bericht.audience, bericht.gemeente, bericht.sender) == (
        "gemeente",
        circle.breda,
        circle.coordinator,
    )
    assert "namens Breda meedoet" in mail.outbox[0].body


def test_the_coordinators_home_links_to_writing(client, circle):
    client.force_login(circle.coordinator)
    page = client.get("/overzicht/").content.decode()
    assert f'href="/berichten/gemeente/{circle.deelname_breda.pk}/schrijven/"' in page
    assert 'href="/berichten/"' in page


@pytest.mark.parametrize("action", ["schrijven", "versturen"])
def test_nobody_else_writes_to_a_municipality(client, circle, action):
    tilburg = circle.tilburg.deelnames.get()
    url = f"/berichten/gemeente/{tilburg.pk}/{action}/"
    data = {"subject": SUBJECT, "body": BODY, "expected": "1"}
    for user in (circle.coordinator, circle.member, circle.outsider):
        client.force_login(user)
        assert client.post(url, data).status_code == 404, user
    client.force_login(circle.member)
    own = f"/berichten/gemeente/{circle.deelname_breda.pk}/{action}/"
    assert client.post(own, data).status_code == 404  # a member, not its coordinator
    assert not Bericht.objects.exists()


@pytest.mark.parametrize("action", ["schrijven", "versturen"])
def test_only_the_meetings_researchers_write_to_its_people(client, circle, meeting, action):
    data = {"aan": "deelnemers", "subject": SUBJECT, "body": BODY}
    for user in (circle.coordinator, circle.member, circle.outsider, UserFactory()):
        client.force_login(user)
        assert client.post(meeting_url(meeting, action), data).status_code == 404
        assert (
            client.get(f"/berichten/leerkring/{circle.leerkring.slug}/schrijven/").status_code
            == 404
        )
    assert not Bericht.objects.exists()


# --- Preview and sending ---------------------------------------------------------------------
def test_the_preview_shows_the_message_and_the_number_that_is_sent(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    circle.other_member.email_notifications = False
    circle.other_member.save()
    client.force_login(circle.researcher)
    form = client.get(meeting_url(meeting, "schrijven")).content.decode()
    assert "Iedereen op de wachtlijst" in form and "Werkgroep Tafel A" in form

    page = preview(client, meeting_url(meeting, "schrijven"), aan="deelnemers").content.decode()
    assert "Dit bericht gaat naar 2 mensen" in page
    assert "1 van hen krijgt het ook per e-mail" in page
    assert "<strong>dia" in page  # rendered Markdown
    assert "Versturen" in page and "Aanpassen" in page
    assert not Bericht.objects.exists() and not OutgoingEmail.objects.exists()

    send(client, meeting_url(meeting), django_capture_on_commit_callbacks, aan="deelnemers")
    bericht = Bericht.objects.get()
    assert bericht.recipient_count == 2 == BerichtOntvanger.objects.count()
    assert mailed() == ["lid@breda.nl"]  # the other chose no e-mail and reads it on the site
    entry = AuditEntry.objects.get(action=AuditEntry.Action.BERICHT_SENT)
    assert (entry.actor, entry.detail, entry.target_id) == (
        circle.researcher,
        "2 ontvangers",
        bericht.pk,
    )
    detail = client.get(f"/berichten/{bericht.pk}/", follow=True).content.decode()
    assert "Je bericht is verstuurd naar 2 mensen." in detail


def test_aanpassen_brings_back_the_form_with_the_text(client, circle, meeting):
    client.force_login(circle.researcher)
    response = preview(client, meeting_url(meeting, "schrijven"), aan="wachtlijst", aanpassen="1")
    page = response.content.decode()
    assert "Bekijk het bericht" in page and SUBJECT in page
    assert (
        'value="wachtlijst" checked' in page
        or 'checked value="wachtlijst"' in page
        or (re.search(r'value="wachtlijst"[^>]*checked', page))
    )


def test_a_group_that_changed_since_the_preview_is_shown_again(client, circle, meeting):
    client.force_login(circle.researcher)
    AanmeldingFactory(bijeenkomst=meeting, deelnemer=UserFactory(), status="aangemeld")
    response = client.post(
        meeting_url(meeting),
        {"aan": "deelnemers", "subject": SUBJECT, "body": BODY, "expected": "2"},
    )
    assert response.status_code == 200
    assert "het gaat nu naar 3 mensen" in response.content.decode()
    assert not Bericht.objects.exists() and not OutgoingEmail.objects.exists()


def test_nobody_to_send_to_is_said_in_the_preview(client, circle):
    empty = BijeenkomstFactory(leerkring=circle.leerkring)
    client.force_login(circle.researcher)
    response = preview(client, meeting_url(empty, "schrijven"), aan="deelnemers")
    assert "Er is niemand om dit bericht naar te sturen." in response.content.decode()


# --- Limits ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"subject": "x" * 201}, "Het onderwerp is te lang: 201 tekens. Het mag hooguit 200"),
        ({"subject": "\r\n\x00 "}, "Geef het bericht een onderwerp."),
        ({"body": "a" * 20_001}, "Het bericht is te lang: 20001 tekens. Het mag hooguit 20000"),
        ({"body": "  \n "}, "Schrijf een bericht; het is nu leeg."),
        ({"aan": ""}, "Kies aan wie je schrijft."),
    ],
)
def test_limits_have_clear_messages(client, circle, meeting, data, message):
    client.force_login(circle.researcher)
    for action in ("schrijven", "versturen"):
        response = client.post(
            meeting_url(meeting, action),
            {"aan": "deelnemers", "subject": SUBJECT, "body": BODY, **data},
        )
        assert response.status_code == 200
        assert message in response.content.decode(), action
    assert not Bericht.objects.exists()


def test_at_most_so_many_messages_per_hour(
    client, circle, meeting, settings, django_capture_on_commit_callbacks
):
    settings.BERICHTEN_PER_HOUR = 2
    BerichtFactory(
        bijeenkomst=meeting,
        sender=circle.researcher,
        created_at=timezone.now() - datetime.timedelta(minutes=61),
    )  # longer than an hour ago: does not count
    client.force_login(circle.researcher)
    for _ in range(2):
        assert (
            send(
                client, meeting_url(meeting), django_capture_on_commit_callbacks, aan="deelnemers"
            ).status_code
            == 302
        )
    for action in ("schrijven", "versturen"):
        response = client.post(
            meeting_url(meeting, action),
            {"aan": "deelnemers", "subject": SUBJECT, "body": BODY, "expected": "2"},
        )
        assert "Je hebt het afgelopen uur al 2 berichten verstuurd; meer kan niet." in (
            response.content.decode()
        )
    assert Bericht.objects.count() == 3
    # Another researcher has their own limit.
    other = UserFactory()
    circle.leerkring.researchers.add(other)
    client.force_login(other)
    assert (
        send(
            client, meeting_url(meeting), django_capture_on_commit_callbacks, aan="deelnemers"
        ).status_code
        == 302
    )


def test_at_most_so_many_recipients(client, circle, meeting, settings):
    settings.BERICHT_RECIPIENTS_MAX = 1
    client.force_login(circle.researcher)
    response = preview(client, meeting_url(meeting, "schrijven"), aan="deelnemers")
    assert "Dit bericht zou naar 2 mensen gaan; dat is meer dan 1." in response.content.decode()


def test_a_hostile_subject_stays_one_line(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    hostile = "Hallo\r\nBcc: evil@example.com\u2028\x00\x07\u202eTot dan"
    client.force_login(circle.researcher)
    send(
        client,
        meeting_url(meeting),
        django_capture_on_commit_callbacks,
        aan="deelnemers",
        subject=hostile,
    )
    bericht = Bericht.objects.get()
    assert bericht.subject == "Hallo Bcc: evil@example.com Tot dan"
    for message in mail.outbox:
        assert message.subject == "[Leerkring] Hallo Bcc: evil@example.com Tot dan"
        assert message.bcc == [] and len(message.to) == 1
        assert "\n" not in message.message()["Subject"]


def test_a_script_in_the_body_is_not_run(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    body = "Hallo <script>alert(1)</script> [klik](javascript:alert(2))"
    send(
        client,
        meeting_url(meeting),
        django_capture_on_commit_callbacks,
        aan="deelnemers",
        body=body,
    )
    bericht = Bericht.objects.get()
    client.force_login(circle.member)
    page = client.get(f"/berichten/{bericht.pk}/").content.decode()
    html = mail.outbox[0].alternatives[0][0]
    for output in (page, html):
        assert "<script>alert(1)" not in output and "javascript:" not in output


# --- Who reads it ----------------------------------------------------------------------------
def test_the_meeting_page_shows_a_message_only_to_its_recipients(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    send(client, meeting_url(meeting), django_capture_on_commit_callbacks, aan="deelnemers")
    bericht = Bericht.objects.get()
    page = f"/bijeenkomsten/{meeting.pk}/"
    for user in (circle.researcher, circle.member, circle.other_member):
        client.force_login(user)
        assert SUBJECT in client.get(page).content.decode(), user
        assert client.get(f"/berichten/{bericht.pk}/").status_code == 200
        assert SUBJECT in client.get("/berichten/").content.decode()
    # On the waiting list, cancelled, members who were not there, outsiders, visitors.
    for user in (circle.hidden, circle.coordinator, circle.pending_user, circle.outsider, None):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        assert SUBJECT not in client.get(page).content.decode(), user
        # A 404, or for a visitor the log-in page (D8).
        assert client.get(f"/berichten/{bericht.pk}/").status_code == (404 if user else 302)
        assert SUBJECT not in client.get("/berichten/").content.decode()
    # A researcher of another circle does not see it either.
    elsewhere = UserFactory()
    BijeenkomstFactory().leerkring.researchers.add(elsewhere)
    client.force_login(elsewhere)
    assert client.get(f"/berichten/{bericht.pk}/").status_code == 404


def test_the_meeting_page_links_researchers_to_writing(client, circle, meeting):
    client.force_login(circle.researcher)
    page = client.get(f"/bijeenkomsten/{meeting.pk}/").content.decode()
    assert f'href="/bijeenkomsten/{meeting.pk}/berichten/schrijven/"' in page
    client.force_login(circle.member)
    assert "berichten/schrijven" not in client.get(f"/bijeenkomsten/{meeting.pk}/").content.decode()


def test_a_message_to_the_circle_is_in_the_members_list(
    client, circle, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    send(
        client,
        f"/berichten/leerkring/{circle.leerkring.slug}/versturen/",
        django_capture_on_commit_callbacks,
    )
    client.force_login(circle.other_member)
    page = client.get("/berichten/").content.decode()
    assert SUBJECT in page and "1 ontvanger" not in page


def test_the_list_takes_the_same_queries_for_many_messages(
    client, circle, meeting, django_assert_max_num_queries
):
    def make(n):
        for i in range(n):
            bericht = BerichtFactory(
                bijeenkomst=meeting,
                werkgroep=meeting.groep_a if i % 2 else None,
                audience="werkgroep" if i % 2 else "deelnemers",
                sender=circle.researcher,
            )
            BerichtOntvangerFactory(bericht=bericht, user=circle.member)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.force_login(circle.member)
    make(1)
    one = (queries("/berichten/"), queries(f"/bijeenkomsten/{meeting.pk}/"))
    make(29)
    BerichtOntvangerFactory(
        user=circle.member, bericht__audience="gemeente", bericht__gemeente=circle.breda
    )
    many = (queries("/berichten/"), queries(f"/bijeenkomsten/{meeting.pk}/"))
    assert many == one
    page = client.get("/berichten/").content.decode()
    assert page.count('href="/berichten/') == 25 and "Pagina 1 van 2" in page
    with django_assert_max_num_queries(one[0]):
        assert "Bericht" in client.get("/berichten/?pagina=2").content.decode()


def test_personal_data_lists_messages_and_erasing_removes_the_receipts(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    from leerkring.privacy import account_delete, personal_data_export

    client.force_login(circle.researcher)
    send(client, meeting_url(meeting), django_capture_on_commit_callbacks, aan="deelnemers")
    assert (
        personal_data_export(user=circle.member)["bijeenkomsten.berichtontvanger"][0]["onderwerp"]
        == SUBJECT
    )
    assert (
        personal_data_export(user=circle.researcher)["bijeenkomsten.bericht"][0]["onderwerp"]
        == SUBJECT
    )
    account_delete(user=circle.member)
    assert recipients_of(Bericht.objects.get()) == {"lid@tilburg.nl"}
