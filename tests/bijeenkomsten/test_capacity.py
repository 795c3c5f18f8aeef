"""Changing a meeting's capacity, and the waiting list: more seats go to the waiting list in
its order (with the e-mail and .ics of a promotion), fewer seats never take one away, and a
researcher can give one person a seat by hand."""

import datetime
import html

import pytest
from django.utils import timezone

from bijeenkomsten.models import Aanmelding
from bijeenkomsten.services import planning, registration
from leerkring.core.models import AuditEntry, OutgoingEmail
from tests.factories import BijeenkomstFactory

LOCAL = "%Y-%m-%dT%H:%M"


def register(meeting, user):
    return registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user)


def form_data(meeting, **overrides) -> dict:
    """The meeting form as the edit page fills it in, with changes."""

    def local(value):
        return timezone.localtime(value).strftime(LOCAL) if value else ""

    data = {
        "kind": meeting.kind,
        "title": meeting.title,
        "description": meeting.description,
        "starts_at": local(meeting.starts_at),
        "ends_at": local(meeting.ends_at),
        "location": meeting.location,
        "online_url": meeting.online_url,
        "host_gemeente": "",
        "capacity": str(meeting.capacity),
        "max_per_gemeente": meeting.max_per_gemeente or "",
        "registration_opens_at": local(meeting.registration_opens_at),
        "registration_closes_at": local(meeting.registration_closes_at),
        "reminder_days": str(meeting.reminder_days),
        "is_public": "on",
        "programma-TOTAL_FORMS": "0",
        "programma-INITIAL_FORMS": "0",
    }
    data.update({key: str(value) for key, value in overrides.items()})
    return data


def status_of(user) -> str:
    return Aanmelding.objects.get(deelnemer=user).status


def _whole_minutes(meeting):
    """The form works in whole minutes; a factory's times have seconds."""
    start = meeting.starts_at.replace(second=0, microsecond=0)
    meeting.starts_at = start
    meeting.ends_at = start + datetime.timedelta(hours=3)
    meeting.registration_closes_at = start - datetime.timedelta(days=1)
    meeting.save()
    return meeting


@pytest.fixture
def full(circle, members):
    """One seat, taken; three people waiting, in the order a, b, c."""
    meeting = _whole_minutes(
        BijeenkomstFactory(leerkring=circle.leerkring, capacity=1, title="Leeratelier")
    )
    seated, *waiting = members(4)
    for user in (seated, *waiting):
        register(meeting, user)
    meeting.seated_user, meeting.waiting_users = seated, waiting
    return meeting


def test_raising_the_capacity_promotes_the_waiting_list_in_order_with_mail_and_ics(
    client, circle, full, mailoutbox, django_capture_on_commit_callbacks
):
    a, b, c = full.waiting_users
    mailoutbox.clear()
    client.force_login(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/bijeenkomsten/{full.pk}/bewerken/", form_data(full, capacity=3), follow=True
        )
    assert "2 mensen van de wachtlijst hebben nu een plaats en krijgen een e-mail." in (
        response.text
    )
    assert [status_of(u) for u in (a, b, c)] == ["aangemeld", "aangemeld", "wachtlijst"]
    assert "3 van 3 bezet, 1 op de wachtlijst" in response.text

    promoted = sorted(m.to[0] for m in mailoutbox if m.subject.startswith("[Leerkring] Er is plek"))
    assert promoted == sorted([a.email, b.email])
    mail = next(m for m in mailoutbox if m.to == [a.email])
    assert mail.attachments[0][0] == "bijeenkomst.ics" and "BEGIN:VEVENT" in mail.attachments[0][1]

    entries = AuditEntry.objects.filter(target_id=full.pk)
    assert entries.filter(action=AuditEntry.Action.BIJEENKOMST_CAPACITY).count() == 1
    assert set(
        entries.filter(action=AuditEntry.Action.AANMELDING_PROMOTED).values_list(
            "subject", flat=True
        )
    ) == {a.pk, b.pk}


def test_the_researcher_reads_the_seats_and_what_a_change_does_on_the_form(client, circle, full):
    client.force_login(circle.researcher)
    page = client.get(f"/bijeenkomsten/{full.pk}/bewerken/").text
    assert "Nu zijn 1 van de 1 plaatsen bezet en staan 3 mensen op de wachtlijst." in page
    assert "Minder plaatsen meldt niemand af." in page


def test_raising_the_capacity_respects_the_maximum_per_municipality(circle, members):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, capacity=1, max_per_gemeente=1)
    first, second_breda = members(2, gemeente=circle.breda)
    (tilburg,) = members(1, gemeente=circle.tilburg)
    for user in (first, second_breda, tilburg):
        register(meeting, user)
    meeting.capacity = 3
    saved = planning.bijeenkomst_save(bijeenkomst=meeting, programma=[])
    assert [a.deelnemer for a in saved.promoted] == [tilburg]
    assert status_of(second_breda) == "wachtlijst"

    # A higher maximum lets the next from Breda in, too.
    meeting.max_per_gemeente = 2
    saved = planning.bijeenkomst_save(bijeenkomst=meeting, programma=[])
    assert [a.deelnemer for a in saved.promoted] == [second_breda]


def test_lowering_the_capacity_takes_nobody_s_seat_and_says_how_many_are_over(
    client, circle, members
):
    meeting = _whole_minutes(BijeenkomstFactory(leerkring=circle.leerkring, capacity=5))
    people = members(5)
    for user in people:
        register(meeting, user)
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{meeting.pk}/bewerken/", form_data(meeting, capacity=2), follow=True
    )
    assert (
        "Er zijn nu 3 mensen meer aangemeld dan er plaatsen zijn. Niemand is afgemeld."
        in response.text
    )
    assert [status_of(u) for u in people] == ["aangemeld"] * 5
    assert "5 van 2 bezet" in response.text
    # Someone new waits; nobody is promoted while the meeting is over its capacity.
    (late,) = members(1)
    assert register(meeting, late).status == "wachtlijst"
    registration.aanmelding_cancel(
        aanmelding_id=Aanmelding.objects.get(deelnemer=people[0]).pk, deelnemer=people[0]
    )
    assert status_of(late) == "wachtlijst"


def test_the_promotions_and_their_e_mails_are_one_transaction(circle, full, monkeypatch):
    """A failure after the promotion (here: writing the audit log) leaves everyone waiting
    and no e-mail in the outbox."""
    from bijeenkomsten.services import planning as planning_module

    def broken(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(planning_module, "audit_record", broken)
    OutgoingEmail.objects.all().delete()
    full.capacity = 4
    with pytest.raises(RuntimeError):
        planning.bijeenkomst_save(bijeenkomst=full, programma=[])
    assert [status_of(u) for u in full.waiting_users] == ["wachtlijst"] * 3
    assert not OutgoingEmail.objects.exists()


@pytest.mark.parametrize("state", ["cancelled", "begun"])
def test_more_seats_at_a_cancelled_or_begun_meeting_promote_nobody(circle, full, state):
    if state == "cancelled":
        planning.bijeenkomst_cancel(bijeenkomst_id=full.pk)
        full.refresh_from_db()
    else:
        full.starts_at = timezone.now() - datetime.timedelta(minutes=5)
        full.registration_closes_at = full.starts_at - datetime.timedelta(days=1)
    full.capacity = 10
    saved = planning.bijeenkomst_save(bijeenkomst=full, programma=[])
    assert saved.promoted == []
    assert Aanmelding.objects.filter(status="wachtlijst").count() == 3


def test_saving_keeps_a_cancellation_made_while_the_form_was_open(circle, full):
    stale = type(full).objects.get(pk=full.pk)  # the form's copy, loaded before cancelling
    planning.bijeenkomst_cancel(bijeenkomst_id=full.pk)
    stale.capacity = 10
    planning.bijeenkomst_save(bijeenkomst=stale, programma=[])
    full.refresh_from_db()
    assert full.status == "geannuleerd"
    assert Aanmelding.objects.filter(status="wachtlijst").count() == 3  # nobody promoted


# --- By hand ----------------------------------------------------------------------------------
def test_the_waiting_list_page_shows_the_order_and_what_a_seat_by_hand_does(client, circle, full):
    a, b, c = full.waiting_users
    client.force_login(circle.researcher)
    # Unescaped: Dutch names such as "Daan 't Hart" reach the page as &#x27;.
    page = html.unescape(client.get(f"/bijeenkomsten/{full.pk}/wachtlijst/").text)
    assert page.index(a.name) < page.index(b.name) < page.index(c.name)
    assert f"Geef {b.name} een plaats" in page
    assert "De bijeenkomst is vol: wie je nu een plaats geeft, komt boven de 1 plaatsen." in page
    assert "krijgt dan meteen een e-mail" in page


def test_a_researcher_gives_the_second_person_a_seat_beyond_the_capacity(
    client, circle, full, mailoutbox, django_capture_on_commit_callbacks
):
    a, b, c = full.waiting_users
    aanmelding = Aanmelding.objects.get(deelnemer=b)
    mailoutbox.clear()
    client.force_login(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/bijeenkomsten/{full.pk}/wachtlijst/plaats-geven/",
            {"aanmelding": aanmelding.pk},
            follow=True,
        )
    assert f"{b.name} heeft een plaats en krijgt een e-mail met de afspraak." in response.text
    assert [status_of(u) for u in (a, b, c)] == ["wachtlijst", "aangemeld", "wachtlijst"]
    [mail] = mailoutbox
    assert mail.to == [b.email] and mail.subject.startswith("[Leerkring] Er is plek voor je")
    assert mail.attachments[0][0] == "bijeenkomst.ics"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.AANMELDING_PROMOTED)
    assert entry.subject == b and entry.actor == circle.researcher and entry.target_id == full.pk
    assert "2 van 1 plaatsen bezet" in entry.detail


@pytest.mark.parametrize("value", ["", "abc", "999999", "seated", "other meeting"])
def test_a_seat_by_hand_for_someone_not_waiting_says_so(client, circle, full, value):
    other = BijeenkomstFactory(leerkring=circle.leerkring)
    posted = {
        "seated": Aanmelding.objects.get(deelnemer=full.seated_user).pk,
        "other meeting": register(other, circle.member).pk,
    }.get(value, value)
    client.force_login(circle.researcher)
    response = client.post(
        f"/bijeenkomsten/{full.pk}/wachtlijst/plaats-geven/", {"aanmelding": posted}, follow=True
    )
    assert response.status_code == 200
    assert "Deze persoon staat niet (meer) op de wachtlijst." in response.text
    assert Aanmelding.objects.filter(bijeenkomst=full, status="wachtlijst").count() == 3
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.AANMELDING_PROMOTED).exists()


def test_an_empty_waiting_list_says_so(client, circle):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring)
    client.force_login(circle.researcher)
    assert (
        "Er staat niemand op de wachtlijst."
        in client.get(f"/bijeenkomsten/{meeting.pk}/wachtlijst/").text
    )


def test_the_waiting_list_page_takes_a_fixed_number_of_queries(
    client, circle, full, members, django_assert_max_num_queries
):
    for user in members(20):
        register(full, user)
    client.force_login(circle.researcher)
    with django_assert_max_num_queries(12):
        page = client.get(f"/bijeenkomsten/{full.pk}/wachtlijst/")
    assert page.text.count("een plaats</button>") == 23
