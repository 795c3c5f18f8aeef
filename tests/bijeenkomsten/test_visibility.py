"""What a meeting's outputs show of restricted things, per person: the cases its work groups
discussed (named only as the viewer may see them), the online link (people with a seat and the
researchers, in every output) and attendance per municipality (a coordinator's own only)."""

import pytest
from django.core import mail
from django.utils import timezone

from bijeenkomsten.models import Aanmelding
from bijeenkomsten.services import registration, reminders
from dilemmas import services as dilemma_services
from dilemmas.models import Casus, Rol, Waarde
from leerkring.core.models import OutgoingEmail
from tests.factories import (
    BijeenkomstFactory,
    DeelnameFactory,
    DilemmaFactory,
    LidmaatschapFactory,
    UserFactory,
    WerkgroepFactory,
)

LINK = "https://meet.example/leerkring-geheim-7731"


def _casus(circle, author, title, **extra):
    return dilemma_services.casus_create(
        author=author,
        leerkring=circle.leerkring,
        dilemma=DilemmaFactory(leerkring=circle.leerkring),
        rollen=Rol.objects.filter(slug="sturen"),
        waarden=Waarde.objects.none(),
        publish=True,
        title=title,
        situation="Situatie.",
        question="Vraag?",
        **extra,
    )


@pytest.fixture
def discussed(circle):
    """A public meeting whose work group discussed a Breda-only case, a case shared anonymised
    (approved) and a circle-wide case."""
    only_breda = _casus(
        circle, circle.member, "Een straatfeest zonder vergunning", visibility="gemeente"
    )
    anonymised = _casus(
        circle,
        circle.member,
        "Zorgcoöperatie Breda-Noord",
        anonymise=True,
        anon_title="Een zorgcoöperatie in een wijk",
        anon_situation="Een wijk.",
        anon_question="Wat nu?",
    )
    Casus.objects.filter(pk=anonymised.pk).update(
        anon_approved_at=timezone.now(), anon_approved_by=circle.researcher
    )
    open_case = _casus(circle, circle.other_member, "Burgerbegroting in Tilburg")
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, is_public=True)
    group = WerkgroepFactory(
        bijeenkomst=meeting, dilemma=open_case.dilemma, title="Tafel van het dilemma", capacity=10
    )
    group.casussen.add(only_breda, anonymised, open_case)
    return meeting


def test_a_meeting_page_names_cases_only_as_the_viewer_may_see_them(client, circle, discussed):
    client.force_login(circle.other_member)  # Tilburg
    page = client.get(f"/bijeenkomsten/{discussed.pk}/").text
    assert "Een straatfeest zonder vergunning" not in page
    assert "Zorgcoöperatie Breda-Noord" not in page
    assert "Een zorgcoöperatie in een wijk" in page
    assert "Burgerbegroting in Tilburg" in page
    assert "1 casus die je niet kunt bekijken" in page

    client.force_login(circle.member)  # Breda: the author's own municipality
    page = client.get(f"/bijeenkomsten/{discussed.pk}/").text
    assert "Een straatfeest zonder vergunning" in page
    assert "Zorgcoöperatie Breda-Noord" in page
    assert "die je niet kunt bekijken" not in page

    client.logout()  # the public sees the meeting, not its work groups
    page = client.get(f"/bijeenkomsten/{discussed.pk}/").text
    assert "Burgerbegroting in Tilburg" not in page and "Tafel van het dilemma" not in page


def test_the_work_groups_page_lists_the_researchers_cases_through_the_same_rule(
    client, circle, discussed
):
    client.force_login(circle.researcher)
    page = client.get(f"/bijeenkomsten/{discussed.pk}/werkgroepen/").text
    assert "Een straatfeest zonder vergunning" in page
    assert "Zorgcoöperatie Breda-Noord" in page


@pytest.fixture
def online(circle):
    """A public, online-only meeting with one seat: Breda's member has it, Tilburg's waits."""
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring, is_public=True, location="", online_url=LINK, capacity=1
    )
    seated = registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=circle.member)
    waiting = registration.aanmelding_create(
        bijeenkomst_id=meeting.pk, deelnemer=circle.other_member
    )
    assert (seated.status, waiting.status) == ("aangemeld", "wachtlijst")
    return meeting


def _feed(client, user):
    client.force_login(user)
    client.post("/bijeenkomsten/agenda/")
    token = type(user).objects.get(pk=user.pk).agendakoppeling.token
    client.logout()
    return client.get(f"/bijeenkomsten/agenda/{token}.ics").content.decode()


def test_the_online_link_goes_to_seats_and_researchers_in_every_output(client, circle, online):
    ics = f"/bijeenkomsten/{online.pk}/bijeenkomst.ics"
    page = f"/bijeenkomsten/{online.pk}/"
    unfolded = lambda text: text.replace("\r\n ", "")  # noqa: E731 - iCalendar folds lines

    # The public: the page and the .ics of a public meeting, never the link.
    assert LINK not in client.get(page).text
    public_ics = client.get(ics)
    assert public_ics.status_code == 200 and LINK not in unfolded(public_ics.content.decode())

    # The waiting list: not on the page, not in the .ics, not in the personal feed.
    client.force_login(circle.other_member)
    assert LINK not in client.get(page).text
    assert LINK not in unfolded(client.get(ics).content.decode())
    assert "SUMMARY" in _feed(client, circle.other_member)
    assert LINK not in unfolded(_feed(client, circle.other_member))

    # A seat: the page, the .ics (as location and conference) and the feed.
    client.force_login(circle.member)
    assert LINK in client.get(page).text
    seat_ics = client.get(ics)
    assert f"CONFERENCE;FEATURE=VIDEO;VALUE=URI:{LINK}" in unfolded(seat_ics.content.decode())
    assert seat_ics["Cache-Control"] == "private, no-store"
    assert LINK in unfolded(_feed(client, circle.member))

    # The circle's researchers, with or without a seat.
    client.force_login(circle.researcher)
    assert LINK in client.get(page).text
    assert LINK in unfolded(client.get(ics).content.decode())


def test_e_mails_carry_the_link_for_a_seat_and_a_promotion_not_for_the_waiting_list(
    circle, online, django_capture_on_commit_callbacks
):
    def mail_to(user):
        return [
            m
            for m in OutgoingEmail.objects.order_by("pk")
            if m.to == [user.email] or user.email in m.to
        ]

    (confirmed,) = mail_to(circle.member)
    assert LINK in confirmed.body and LINK in confirmed.attachments[0][1].replace("\r\n ", "")
    (waitlisted,) = mail_to(circle.other_member)
    assert LINK not in waitlisted.body and not waitlisted.attachments

    # The seat frees up: the person who waited is promoted and now gets the link.
    with django_capture_on_commit_callbacks(execute=True):
        registration.aanmelding_cancel(
            aanmelding_id=Aanmelding.objects.get(deelnemer=circle.member).pk,
            deelnemer=circle.member,
        )
    promoted = [m for m in mail.outbox if m.to == [circle.other_member.email]][-1]
    assert LINK in promoted.body
    assert LINK in promoted.attachments[0][1].replace("\r\n ", "")

    # Reminders go to seats only, with the link.
    mail.outbox.clear()
    type(online).objects.filter(pk=online.pk).update(reminder_days=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.reminders_send() == 1
    (reminder,) = mail.outbox
    assert reminder.to == [circle.other_member.email] and LINK in reminder.body


def test_a_coordinator_sees_attendance_of_their_own_municipality_only(client, circle, members):
    tilburg_coordinator = LidmaatschapFactory(
        gemeente=circle.tilburg, user=UserFactory(email="coord@tilburg.nl")
    ).user
    DeelnameFactory._meta.model.objects.get(
        leerkring=circle.leerkring, gemeente=circle.tilburg
    ).coordinators.add(tilburg_coordinator)
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, capacity=10)
    for person in [*members(3, circle.breda), *members(2, circle.tilburg)]:
        registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=person)

    def rows(user):
        client.force_login(user)
        response = client.get(f"/bijeenkomsten/{meeting.pk}/")
        return [(r["gemeente__name"], r["registered"]) for r in response.context["attendance"]]

    assert rows(tilburg_coordinator) == [("Tilburg", 2)]
    assert rows(circle.coordinator) == [("Breda", 3)]
    assert rows(circle.researcher) == [("Breda", 3), ("Tilburg", 2)]
    client.force_login(tilburg_coordinator)
    page = client.get(f"/bijeenkomsten/{meeting.pk}/").text
    assert "Breda" not in page.split('id="aanwezigheid"')[-1]
