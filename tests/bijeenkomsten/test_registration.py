import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from bijeenkomsten import errors
from bijeenkomsten.models import Aanmelding
from bijeenkomsten.selectors import waitlist as waitlist_selectors
from bijeenkomsten.services import attendance, planning, registration, werkgroepen
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DilemmaFactory,
    ProgrammaonderdeelFactory,
    WerkgroepFactory,
)


def register(meeting, user, **kwargs):
    return registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user, **kwargs)


def test_registration_seats_then_waitlists_in_order(circle, meeting, members):
    a, b, c, d = members(4)
    assert [register(meeting, u).status for u in (a, b, c, d)] == [
        "aangemeld",
        "aangemeld",
        "wachtlijst",
        "wachtlijst",
    ]
    waiting = Aanmelding.objects.filter(status="wachtlijst").order_by("waitlisted_at", "id")
    assert [waitlist_selectors.waitlist_position(x) for x in waiting] == [1, 2]


def test_cancelling_promotes_the_first_on_the_waiting_list_and_emails_them(
    circle, meeting, members, mailoutbox, django_capture_on_commit_callbacks
):
    a, b, c, d = members(4)
    for user in (a, b, c, d):
        register(meeting, user)
    first_seat = Aanmelding.objects.get(deelnemer=a)
    with django_capture_on_commit_callbacks(execute=True):
        registration.aanmelding_cancel(aanmelding_id=first_seat.pk, deelnemer=a)
    assert Aanmelding.objects.get(deelnemer=c).status == "aangemeld"
    assert Aanmelding.objects.get(deelnemer=d).status == "wachtlijst"
    assert waitlist_selectors.waitlist_position(Aanmelding.objects.get(deelnemer=d)) == 1
    promoted = [m for m in mailoutbox if m.to == [c.email]]
    assert len(promoted) == 1 and promoted[0].subject.startswith("[Leerkring] Er is plek voor je")
    assert promoted[0].attachments[0][0] == "bijeenkomst.ics"


def test_the_confirmation_and_the_waiting_list_e_mail_come_in_each_persons_language(
    circle, meeting, members, mailoutbox, django_capture_on_commit_callbacks
):
    """The e-mail is rendered before the meeting's row is locked; it is still in the language
    the person chose (issue 18)."""
    people = members(3)
    for person in people[1:]:
        person.language = "en"
        person.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        for person in people:
            register(meeting, person)
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects[people[0].email] == "[Leerkring] Je bent aangemeld: Werkgroepsessie"
    assert subjects[people[1].email] == "[Leerkring] You are registered: Werkgroepsessie"
    assert subjects[people[2].email] == "[Leerkring] You are on the waiting list: Werkgroepsessie"


def test_registering_twice_is_refused_and_writes_no_e_mail(
    circle, meeting, members, mailoutbox, django_capture_on_commit_callbacks
):
    (person,) = members(1)
    register(meeting, person)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(errors.RegistrationError):
        register(meeting, person)
    from leerkring.core.models import OutgoingEmail

    assert meeting.aanmeldingen.count() == 1 and OutgoingEmail.objects.count() == 1


def test_the_confirmation_carries_an_ics(
    circle, meeting, members, mailoutbox, django_capture_on_commit_callbacks
):
    (a,) = members(1)
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, a, diet="vegetarisch")
    name, content, mimetype = mailoutbox[0].attachments[0]
    assert (name, mimetype) == ("bijeenkomst.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content and "Werkgroepsessie" in content
    assert Aanmelding.objects.get().diet == "vegetarisch"


def test_the_maximum_per_municipality_sends_the_rest_to_the_waiting_list(circle, members):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, capacity=10, max_per_gemeente=1)
    breda = members(2, gemeente=circle.breda)
    tilburg = members(1, gemeente=circle.tilburg)
    assert [register(meeting, u).status for u in (*breda, *tilburg)] == [
        "aangemeld",
        "wachtlijst",
        "aangemeld",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"registration_closes_at": "past"}, "Aanmelden kon tot"),
        ({"status": "geannuleerd"}, "Deze bijeenkomst gaat niet door."),
        ({"registration_opens_at": "future"}, "Aanmelden kan vanaf"),
    ],
)
def test_registration_outside_its_window_is_refused_with_a_reason(circle, members, change, message):
    now = timezone.now()
    values = {
        key: (
            now - datetime.timedelta(hours=1) if v == "past" else now + datetime.timedelta(days=2)
        )
        if v in ("past", "future")
        else v
        for key, v in change.items()
    }
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, **values)
    (a,) = members(1)
    with pytest.raises(errors.RegistrationError, match=message):
        register(meeting, a)
    assert not Aanmelding.objects.exists()


def test_registering_twice_is_refused_and_the_database_forbids_it_too(circle, meeting, members):
    (a,) = members(1)
    register(meeting, a)
    with pytest.raises(errors.RegistrationError, match="al aangemeld"):
        register(meeting, a)
    with pytest.raises(IntegrityError):
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=a, status="wachtlijst")


def test_after_cancelling_one_can_register_again(circle, meeting, members):
    (a,) = members(1)
    first = register(meeting, a)
    registration.aanmelding_cancel(aanmelding_id=first.pk, deelnemer=a)
    assert register(meeting, a).status == "aangemeld"


def test_one_work_group_per_meeting_and_switching_while_there_is_room(circle, meeting, members):
    dilemma = DilemmaFactory(leerkring=circle.leerkring)
    small = WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Klein", capacity=1)
    other = WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Ander", capacity=2)
    a, b = members(2)
    mine, theirs = register(meeting, a), register(meeting, b)
    werkgroepen.werkgroep_join(aanmelding=mine, werkgroep_id=small.pk)
    with pytest.raises(errors.WerkgroepError, match="De werkgroep Klein is vol"):
        werkgroepen.werkgroep_join(aanmelding=theirs, werkgroep_id=small.pk)
    werkgroepen.werkgroep_join(aanmelding=mine, werkgroep_id=other.pk)  # switch
    mine.refresh_from_db()
    assert mine.werkgroep == other
    assert Aanmelding.objects.filter(deelnemer=a, werkgroep__isnull=False).count() == 1
    werkgroepen.werkgroep_join(aanmelding=theirs, werkgroep_id=small.pk)  # room again


def test_a_work_group_of_another_meeting_or_a_waiting_place_is_refused(circle, meeting, members):
    dilemma = DilemmaFactory(leerkring=circle.leerkring)
    elsewhere = WerkgroepFactory(
        bijeenkomst=BijeenkomstFactory(leerkring=circle.leerkring),
        dilemma=dilemma,
        title="Elders",
        capacity=5,
    )
    a, b, c = members(3)
    mine = register(meeting, a)
    register(meeting, b)
    waiting = register(meeting, c)
    with pytest.raises(errors.WerkgroepError, match="andere bijeenkomst"):
        werkgroepen.werkgroep_join(aanmelding=mine, werkgroep_id=elsewhere.pk)
    group = WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Hier", capacity=5)
    with pytest.raises(errors.WerkgroepError, match="zodra je een plaats hebt"):
        werkgroepen.werkgroep_join(aanmelding=waiting, werkgroep_id=group.pk)
    with pytest.raises(IntegrityError):
        Aanmelding.objects.filter(pk=waiting.pk).update(werkgroep=group)


def test_balance_keeps_first_choices_and_spreads_municipalities(circle, members):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, capacity=12)
    dilemma = DilemmaFactory(leerkring=circle.leerkring)
    g1 = WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Een", capacity=6)
    g2 = WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Twee", capacity=6)
    people = members(6, gemeente=circle.breda) + members(6, gemeente=circle.tilburg)
    registrations = [register(meeting, u) for u in people]
    werkgroepen.werkgroep_join(aanmelding=registrations[0], werkgroep_id=g2.pk)
    counts = werkgroepen.werkgroep_balance(bijeenkomst=meeting)
    assert counts == {g1.pk: 6, g2.pk: 6}
    registrations[0].refresh_from_db()
    assert registrations[0].werkgroep == g2  # first choice honoured
    for group in (g1, g2):
        per_gemeente = sorted(group.aanmeldingen.values_list("gemeente__slug", flat=True))
        assert per_gemeente.count("breda") == 3 and per_gemeente.count("tilburg") == 3


def test_cancelling_a_meeting_emails_everyone_registered_or_waiting(
    circle, meeting, members, mailoutbox, django_capture_on_commit_callbacks
):
    people = members(3)
    for user in people:
        register(meeting, user)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        planning.bijeenkomst_cancel(bijeenkomst_id=meeting.pk)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in people)
    assert all("Gaat niet door" in m.subject for m in mailoutbox)
    assert "STATUS:CANCELLED" in mailoutbox[0].attachments[0][1]


def test_duplicate_copies_programme_and_groups_but_nobody_registered(circle, meeting, members):
    import datetime as dt

    ProgrammaonderdeelFactory(bijeenkomst=meeting, starts_at=dt.time(10), title="Opening")
    WerkgroepFactory(
        bijeenkomst=meeting,
        dilemma=DilemmaFactory(leerkring=circle.leerkring),
        title="G",
        capacity=3,
    )
    register(meeting, members(1)[0])
    copy = planning.bijeenkomst_duplicate(
        bijeenkomst=meeting,
        title="Kopie",
        starts_at=meeting.starts_at + dt.timedelta(days=28),
        ends_at=meeting.ends_at + dt.timedelta(days=28),
    )
    assert copy.pk != meeting.pk and copy.status == "gepland" and copy.title == "Kopie"
    assert copy.ends_at - copy.starts_at == meeting.ends_at - meeting.starts_at
    assert copy.registration_closes_at == meeting.registration_closes_at + dt.timedelta(days=28)
    assert list(copy.programma.values_list("title", flat=True)) == ["Opening"]
    assert list(copy.werkgroepen.values_list("title", flat=True)) == ["G"]
    assert not copy.aanmeldingen.exists()


def test_attendance_is_marked_and_counted_per_municipality(client, circle, meeting, members):
    people = members(2)
    registrations = [register(meeting, u) for u in people]
    # Attendance is taken from the meeting's day on.
    meeting.starts_at = timezone.now()
    meeting.registration_closes_at = meeting.starts_at
    meeting.save()
    attendance.attendance_mark(bijeenkomst=meeting, present_ids={registrations[0].pk})
    assert sorted(Aanmelding.objects.values_list("status", flat=True)) == ["aangemeld", "aanwezig"]
    client.force_login(circle.coordinator)
    html = client.get(f"/bijeenkomsten/{meeting.pk}/").text
    assert "Aanmeldingen en aanwezigheid per gemeente" in html
    client.force_login(circle.member)
    assert (
        "Aanmeldingen en aanwezigheid per gemeente"
        not in client.get(f"/bijeenkomsten/{meeting.pk}/").text
    )
