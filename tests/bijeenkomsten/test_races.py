"""Concurrency on real PostgreSQL: no overbooking, no duplicate reminders."""

import threading

import pytest
from django.db import connection

from bijeenkomsten.models import Aanmelding
from bijeenkomsten.services import registration
from bijeenkomsten.services.reminders import reminders_send
from tests.factories import BijeenkomstFactory, LeerkringFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20
ROUNDS = 20


def _in_threads(target, args_list):
    barrier = threading.Barrier(len(args_list))
    results, errors = [], []

    def run(*args):
        try:
            barrier.wait(timeout=20)
            results.append(target(*args))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_twenty_people_race_for_the_last_five_seats_twenty_times():
    people = UserFactory.create_batch(THREADS)
    leerkring = LeerkringFactory()
    for round_ in range(ROUNDS):
        meeting = BijeenkomstFactory(leerkring=leerkring, capacity=5, title=f"Ronde {round_}")

        def register(user, meeting=meeting):
            return registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user).status

        statuses, errors = _in_threads(register, [(u,) for u in people])
        assert errors == []
        assert sorted(statuses) == ["aangemeld"] * 5 + ["wachtlijst"] * 15, round_
        assert meeting.aanmeldingen.filter(status="aangemeld").count() == 5


def test_reminders_are_sent_once_even_when_run_twice_or_concurrently(mailoutbox):
    from django.utils import timezone

    leerkring = LeerkringFactory()
    soon = BijeenkomstFactory(
        leerkring=leerkring,
        starts_at=timezone.now() + timezone.timedelta(days=1),
        capacity=10,
        reminder_days=2,
        registration_closes_at=timezone.now() + timezone.timedelta(hours=1),
    )
    later = BijeenkomstFactory(
        leerkring=leerkring, starts_at=timezone.now() + timezone.timedelta(days=5)
    )
    people = UserFactory.create_batch(6)
    for user in people:
        registration.aanmelding_create(bijeenkomst_id=soon.pk, deelnemer=user)
        registration.aanmelding_create(bijeenkomst_id=later.pk, deelnemer=user)
    mailoutbox.clear()

    sent = [reminders_send(), reminders_send()]
    assert sent == [6, 0]
    concurrent, errors = _in_threads(reminders_send, [(), (), ()])
    assert errors == [] and sum(concurrent) == 0

    reminders = [m for m in mailoutbox if "Herinnering" in m.subject]
    assert sorted(m.to[0] for m in reminders) == sorted(u.email for u in people)
    assert all(soon.title in m.subject for m in reminders)


def test_concurrent_first_runs_still_send_each_reminder_once(mailoutbox):
    from django.utils import timezone

    meeting = BijeenkomstFactory(
        starts_at=timezone.now() + timezone.timedelta(hours=20),
        capacity=30,
        registration_closes_at=timezone.now() + timezone.timedelta(hours=1),
    )
    people = UserFactory.create_batch(25)
    for user in people:
        registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user)
    mailoutbox.clear()
    counts, errors = _in_threads(reminders_send, [(), (), (), ()])
    assert errors == []
    assert sum(counts) == 25
    reminders = [m.to[0] for m in mailoutbox if "Herinnering" in m.subject]
    assert len(reminders) == 25 and len(set(reminders)) == 25
    assert Aanmelding.objects.filter(reminder_sent_at__isnull=True).count() == 0


def test_raising_the_capacity_while_twenty_people_register_overbooks_nobody():
    """One researcher raises the capacity from 5 to 10 while 20 people register, ten rounds
    with the raise falling at a different moment. Everything is decided with the meeting's
    row locked, in the order of the ids: the first ten by id have a seat (promoted or seated
    at once), the other ten wait, and the waiting list keeps that order."""
    from bijeenkomsten.models import Bijeenkomst
    from bijeenkomsten.services import planning

    people = UserFactory.create_batch(THREADS)
    leerkring = LeerkringFactory()
    promoted_total = 0
    for round_ in range(10):
        meeting = BijeenkomstFactory(leerkring=leerkring, capacity=5, title=f"Meer {round_}")

        def register(user, meeting=meeting):
            return registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user).status

        def raise_capacity(meeting=meeting, delay=round_ * 0.005):
            import time

            time.sleep(delay)
            copy = Bijeenkomst.objects.get(pk=meeting.pk)
            copy.capacity = 10
            return len(planning.bijeenkomst_save(bijeenkomst=copy, programma=[]).promoted)

        def run(target, *args):
            return target(*args)

        results, errors = _in_threads(run, [(register, u) for u in people] + [(raise_capacity,)])
        assert errors == []
        promoted_total += next(r for r in results if isinstance(r, int))
        rows = list(meeting.aanmeldingen.order_by("id"))
        assert [a.status for a in rows] == ["aangemeld"] * 10 + ["wachtlijst"] * 10, round_
        waiting = [a for a in rows if a.status == "wachtlijst"]
        assert waiting == sorted(waiting, key=lambda a: (a.waitlisted_at, a.id))
    assert promoted_total > 0  # the raise did fall among the registrations in some rounds


def test_each_person_racing_for_the_last_seats_gets_the_e_mail_of_what_they_got(mailoutbox):
    """The e-mail is rendered before the meeting's row is locked, for the outcome there would
    be then; everyone races for five seats of an online meeting, so most of them guessed a
    seat and got the waiting list. Each e-mail still says what happened, and only those with a
    seat get the online link (D32)."""
    link = "https://meet.example/leerkring"
    people = UserFactory.create_batch(THREADS)
    leerkring = LeerkringFactory()
    for round_ in range(3):
        mailoutbox.clear()
        meeting = BijeenkomstFactory(
            leerkring=leerkring, capacity=5, title=f"Online {round_}", online_url=link
        )

        def register(user, meeting=meeting):
            return registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user)

        registrations, errors = _in_threads(register, [(u,) for u in people])
        assert errors == []
        assert sorted(a.status for a in registrations) == ["aangemeld"] * 5 + ["wachtlijst"] * 15
        mail = {m.to[0]: m for m in mailoutbox}
        assert len(mail) == THREADS
        for aanmelding in registrations:
            sent = mail[aanmelding.deelnemer.email]
            if aanmelding.status == "aangemeld":
                assert sent.subject.endswith(f"Je bent aangemeld: Online {round_}")
                assert link in sent.body and link in sent.attachments[0][1]
            else:
                assert sent.subject.endswith(f"Je staat op de wachtlijst: Online {round_}")
                assert link not in sent.body and not sent.attachments
