"""A person's own registration (issue 18, point 1): seeing it on the meeting page and in
"Mijn overzicht", changing the needs and the work group until registration closes, and
cancelling with a confirmation that says truthfully what will happen (D59)."""

import datetime
import html
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.errors import RegistrationError
from bijeenkomsten.models import Aanmelding
from bijeenkomsten.services import registration, werkgroepen
from leerkring.privacy import personal_data_export
from tests.factories import BijeenkomstFactory, DilemmaFactory, WerkgroepFactory


def register(meeting, user, **needs):
    return registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user, **needs)


def update_url(aanmelding):
    return reverse("bijeenkomsten:aanmelding-update", args=[aanmelding.pk])


def cancel_url(aanmelding):
    return reverse("bijeenkomsten:aanmelding-cancel", args=[aanmelding.pk])


def text(response) -> str:
    return html.unescape(response.content.decode())


def followed(client, response) -> str:
    """The page a POST sent the person to, with its messages."""
    assert response.status_code == 302, response.status_code
    return text(client.get(response["Location"]))


@pytest.fixture
def groups(meeting):
    dilemma = DilemmaFactory(leerkring=meeting.leerkring)
    return (
        WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Tafel Noord", capacity=1),
        WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Tafel Zuid", capacity=3),
    )


# --- Seeing -------------------------------------------------------------------------------------
def test_the_meeting_page_and_the_dashboard_show_seat_group_and_needs(
    client, circle, meeting, groups, django_assert_max_num_queries
):
    mine = register(meeting, circle.member, diet="halal", accessibility="ringleiding")
    werkgroepen.werkgroep_join(aanmelding=mine, werkgroep_id=groups[1].pk)
    client.force_login(circle.member)
    page = text(client.get(f"/bijeenkomsten/{meeting.pk}/"))
    assert "Je bent aangemeld. Je zit in de werkgroep Tafel Zuid." in page
    assert "halal" in page and "ringleiding" in page
    assert update_url(mine) in page and cancel_url(mine) in page
    assert "Wijzig je wensen of werkgroep" in page

    with django_assert_max_num_queries(30):
        dashboard = text(client.get("/overzicht/"))
    assert "Je werkgroep: Tafel Zuid" in dashboard
    assert "halal" in dashboard and "ringleiding" in dashboard
    assert update_url(mine) in dashboard and cancel_url(mine) in dashboard


def test_someone_waiting_sees_their_place_and_can_change_only_their_needs(
    client, circle, meeting, groups, members
):
    for user in members(2):
        register(meeting, user)
    waiting = register(meeting, circle.member, diet="vegan")
    client.force_login(circle.member)
    page = text(client.get(f"/bijeenkomsten/{meeting.pk}/"))
    assert "Je staat op de wachtlijst, op plaats 1." in page
    assert "Wijzig je wensen" in page and "Wijzig je wensen of werkgroep" not in page
    form = text(client.get(update_url(waiting)))
    assert "Werkgroep" not in form.split("<form")[1]
    response = client.post(update_url(waiting), {"diet": "vegetarisch", "accessibility": ""})
    assert "Je aanmelding is gewijzigd." in followed(client, response)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.diet, waiting.werkgroep) == ("wachtlijst", "vegetarisch", None)


def test_the_needs_are_shown_only_to_the_person(client, circle, meeting):
    register(meeting, circle.member, diet="notenallergie")
    for someone in (circle.other_member, circle.coordinator):
        client.force_login(someone)
        assert "notenallergie" not in text(client.get(f"/bijeenkomsten/{meeting.pk}/"))


# --- Changing -----------------------------------------------------------------------------------
def test_changing_the_needs_and_the_work_group(client, circle, meeting, groups):
    mine = register(meeting, circle.member, diet="halal")
    client.force_login(circle.member)
    form = text(client.get(update_url(mine)))
    assert 'value="halal"' in form
    assert "Tafel Noord (0 van 1 plaats bezet)" in form
    assert '<legend class="utrecht-form-fieldset__legend' in form  # a group of radio buttons
    response = client.post(
        update_url(mine),
        {"diet": "vegetarisch", "accessibility": "rolstoel", "werkgroep": groups[0].pk},
    )
    page = followed(client, response)
    assert "Je aanmelding is gewijzigd." in page
    assert "Je zit in de werkgroep Tafel Noord." in page
    mine.refresh_from_db()
    assert (mine.diet, mine.accessibility, mine.werkgroep) == ("vegetarisch", "rolstoel", groups[0])

    # And out of any group again.
    client.post(update_url(mine), {"diet": "", "accessibility": "", "werkgroep": "geen"})
    mine.refresh_from_db()
    assert (mine.diet, mine.werkgroep) == ("", None)


def test_a_full_work_group_is_shown_full_and_refused(client, circle, meeting, groups):
    (other,) = [register(meeting, circle.other_member)]
    werkgroepen.werkgroep_join(aanmelding=other, werkgroep_id=groups[0].pk)
    mine = register(meeting, circle.member, diet="halal")
    werkgroepen.werkgroep_join(aanmelding=mine, werkgroep_id=groups[1].pk)
    client.force_login(circle.member)
    form = text(client.get(update_url(mine)))
    assert "Tafel Noord (vol)" in form
    (radio,) = re.findall(rf'<input[^>]*value="{groups[0].pk}"[^>]*>', form)
    assert "disabled" in radio
    response = client.post(
        update_url(mine), {"diet": "vegan", "accessibility": "", "werkgroep": groups[0].pk}
    )
    assert response.status_code == 200
    assert "De werkgroep Tafel Noord is vol. Kies een andere werkgroep." in text(response)
    assert 'value="vegan"' in text(response)  # what was typed stays
    mine.refresh_from_db()
    assert (mine.werkgroep, mine.diet) == (groups[1], "halal")  # nothing changed


def test_a_group_of_another_meeting_is_not_a_choice(client, circle, meeting, groups):
    mine = register(meeting, circle.member)
    elsewhere = WerkgroepFactory(
        bijeenkomst=BijeenkomstFactory(leerkring=circle.leerkring),
        dilemma=groups[0].dilemma,
    )
    client.force_login(circle.member)
    response = client.post(
        update_url(mine), {"diet": "", "accessibility": "", "werkgroep": elsewhere.pk}
    )
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.werkgroep is None


def test_after_registration_closes_nothing_can_be_changed(client, circle, meeting, groups):
    mine = register(meeting, circle.member, diet="halal")
    meeting.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    meeting.save()
    client.force_login(circle.member)
    page = text(client.get(f"/bijeenkomsten/{meeting.pk}/"))
    assert update_url(mine) not in page
    assert "Wijzigen kon tot" in page
    assert cancel_url(mine) in page  # cancelling is still possible until the start
    form_page = text(client.get(update_url(mine)))
    assert "Wijzigen kon tot" in form_page and "<form" not in form_page.split("<main")[1]
    response = client.post(
        update_url(mine), {"diet": "vegan", "accessibility": "", "werkgroep": groups[1].pk}
    )
    assert "Wijzigen kon tot" in followed(client, response)
    mine.refresh_from_db()
    assert (mine.diet, mine.werkgroep) == ("halal", None)


def test_the_service_checks_the_deadline_too(circle, meeting):
    mine = register(meeting, circle.member, diet="halal")
    meeting.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    meeting.save()
    with pytest.raises(RegistrationError, match="Wijzigen kon tot"):
        registration.aanmelding_update(
            aanmelding_id=mine.pk, deelnemer=circle.member, diet="", accessibility=""
        )


@pytest.mark.parametrize("page", [update_url, cancel_url])
def test_someone_elses_registration_is_404(client, circle, meeting, page):
    theirs = register(meeting, circle.other_member, diet="geheim")
    client.force_login(circle.member)
    assert client.get(page(theirs)).status_code == 404
    assert client.post(page(theirs), {"diet": "x", "gevolg": "plek-vrij:1:0"}).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.status, theirs.diet) == ("aangemeld", "geheim")
    client.logout()
    assert client.get(page(theirs))["Location"].startswith("/account/login/")


# --- Cancelling ---------------------------------------------------------------------------------
def confirm(client, aanmelding, **extra):
    """Open the confirmation page and press its button, as a person would."""
    page = client.get(cancel_url(aanmelding))
    token = page.context["form"]["gevolg"].value()
    return page, client.post(cancel_url(aanmelding), {"gevolg": token, **extra})


def test_cancelling_with_nobody_waiting_says_the_seat_becomes_free(client, circle, meeting):
    mine = register(meeting, circle.member)
    client.force_login(circle.member)
    page, response = confirm(client, mine, reason="Ik ben ziek")
    assert "Er staat niemand op de wachtlijst, dus je plek komt vrij" in text(page)
    assert "Je kunt je daarna opnieuw aanmelden" in text(page)
    assert "wachtlijst. Die krijgt een e-mail" not in text(page)
    after = followed(client, response)
    assert "Je bent afgemeld. Je plek is vrijgekomen voor iemand anders." in after
    assert "eerste op de wachtlijst" not in after
    mine.refresh_from_db()
    assert (mine.status, mine.cancel_reason) == ("geannuleerd", "Ik ben ziek")
    # Registering again is possible, as the page said.
    assert "Aanmelden" in text(client.get(f"/bijeenkomsten/{meeting.pk}/"))


def test_cancelling_gives_the_seat_to_the_first_waiting_who_gets_an_e_mail(
    client, circle, meeting, members, mailoutbox, django_capture_on_commit_callbacks
):
    mine = register(meeting, circle.member)
    (seated, first, second) = members(3)
    for user in (seated, first, second):
        register(meeting, user)
    client.force_login(circle.member)
    with django_capture_on_commit_callbacks(execute=True):
        page, response = confirm(client, mine)
    assert "Die gaat meteen naar de eerste persoon op de wachtlijst" in text(page)
    for person in (first, second):  # never named
        assert person.name not in text(page)
    assert "Je plek gaat naar de eerste op de wachtlijst; die krijgt een e-mail." in followed(
        client, response
    )
    assert Aanmelding.objects.get(deelnemer=first).status == "aangemeld"
    assert Aanmelding.objects.get(deelnemer=second).status == "wachtlijst"
    promoted = [m for m in mailoutbox if m.to == [first.email]]
    assert [m.subject.startswith("[Leerkring] Er is plek voor je") for m in promoted] == [True]


def test_cancelling_from_the_waiting_list(client, circle, meeting, members):
    for user in members(2):
        register(meeting, user)
    waiting = register(meeting, circle.member)
    client.force_login(circle.member)
    page, response = confirm(client, waiting)
    assert "Je staat nu op plaats 1 van de wachtlijst." in text(page)
    assert "sta je niet meer op de wachtlijst" in text(page)
    assert "Je bent afgemeld en staat niet meer op de wachtlijst." in followed(client, response)
    assert Aanmelding.objects.filter(status="aangemeld").count() == 2  # nobody moved


def test_after_registration_closes_the_page_says_registering_again_is_not_possible(
    client, circle, meeting
):
    mine = register(meeting, circle.member)
    meeting.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    meeting.save()
    client.force_login(circle.member)
    page, response = confirm(client, mine)
    assert "Je kunt je daarna niet opnieuw aanmelden" in text(page)
    assert "je plek blijft leeg" in text(page)
    after = followed(client, response)
    assert "Je plek blijft leeg, want aanmelden is gesloten." in after
    assert "Opnieuw aanmelden kan niet meer." in after


def test_a_stale_confirmation_shows_the_new_situation_and_does_nothing(
    client, circle, meeting, members
):
    mine = register(meeting, circle.member)
    client.force_login(circle.member)
    page = client.get(cancel_url(mine))
    assert "dus je plek komt vrij" in text(page)
    token = page.context["form"]["gevolg"].value()
    # Meanwhile the meeting fills up and someone starts waiting.
    for user in members(2):
        register(meeting, user)
    response = client.post(cancel_url(mine), {"gevolg": token, "reason": "Andere afspraak"})
    assert response.status_code == 200
    now = text(response)
    assert "Er is iets veranderd sinds je de vorige pagina opende" in now
    assert "Die gaat meteen naar de eerste persoon op de wachtlijst" in now
    assert 'value="Andere afspraak"' in now  # the reason typed stays
    mine.refresh_from_db()
    assert mine.status == "aangemeld"
    # Confirming what the page shows now works.
    fresh = response.context["form"]["gevolg"].value()
    client.post(cancel_url(mine), {"gevolg": fresh})
    mine.refresh_from_db()
    assert mine.status == "geannuleerd"


def test_a_waiting_person_promoted_meanwhile_reads_that_they_now_have_a_seat(
    client, circle, meeting, members
):
    first, second = members(2)
    seat = register(meeting, first)
    register(meeting, second)
    waiting = register(meeting, circle.member)
    client.force_login(circle.member)
    page = client.get(cancel_url(waiting))
    token = page.context["form"]["gevolg"].value()
    registration.aanmelding_cancel(aanmelding_id=seat.pk, deelnemer=first)
    response = client.post(cancel_url(waiting), {"gevolg": token})
    assert "Er is iets veranderd" in text(response)
    assert "Je geeft je plek op" in text(response)
    waiting.refresh_from_db()
    assert waiting.status == "aangemeld"


def test_cancelling_twice_explains_itself(client, circle, meeting):
    mine = register(meeting, circle.member)
    client.force_login(circle.member)
    page, _response = confirm(client, mine)
    token = page.context["form"]["gevolg"].value()
    again = client.post(cancel_url(mine), {"gevolg": token})
    assert "Je was al afgemeld. Er is niets veranderd." in text(again)
    assert "Er gebeurt niets meer" in text(client.get(cancel_url(mine)))
    assert "Ja, afmelden" not in text(client.get(cancel_url(mine)))


def test_a_post_without_the_confirmation_does_nothing(client, circle, meeting):
    mine = register(meeting, circle.member)
    client.force_login(circle.member)
    response = client.post(cancel_url(mine))
    assert "Kijk eerst wat er gebeurt en bevestig het dan hier." in followed(client, response)
    mine.refresh_from_db()
    assert mine.status == "aangemeld"


def test_a_reason_with_line_breaks_and_too_long_is_handled(client, circle, meeting):
    mine = register(meeting, circle.member)
    client.force_login(circle.member)
    _page, response = confirm(client, mine, reason="x" * 301)
    assert response.status_code == 200
    assert "Reden van afmelden" in text(response)
    mine.refresh_from_db()
    assert mine.status == "aangemeld"
    confirm(client, mine, reason="ziek\r\nsorry\x07")
    mine.refresh_from_db()
    assert (mine.status, mine.cancel_reason) == ("geannuleerd", "ziek sorry")


def test_cancelling_after_the_start_or_when_present_is_refused(client, circle, meeting):
    mine = register(meeting, circle.member)
    Aanmelding.objects.filter(pk=mine.pk).update(status="aanwezig")
    client.force_login(circle.member)
    page = text(client.get(cancel_url(mine)))
    assert "Je bent al aanwezig gemeld. Afmelden kan niet meer." in page
    assert "Ja, afmelden" not in page
    response = client.post(cancel_url(mine), {"gevolg": "plek-vrij:1:0"})
    assert "Je bent al aanwezig gemeld" in text(response)
    mine.refresh_from_db()
    assert mine.status == "aanwezig"


def test_a_seat_only_someone_blocked_by_the_municipality_maximum_waits_for(client, circle, members):
    """One seat per municipality: when a Breda member cancels, a Tilburg person waiting can
    take it, but another Breda person waiting cannot once Breda is full again."""
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, capacity=3, max_per_gemeente=1)
    mine = register(meeting, circle.other_member)  # Tilburg's seat
    (breda,) = members(1, gemeente=circle.breda)
    register(meeting, breda)  # Breda's seat
    (breda_waiting,) = members(1, gemeente=circle.breda)
    assert register(meeting, breda_waiting).status == "wachtlijst"
    client.force_login(circle.other_member)
    page, response = confirm(client, mine)
    assert "zij kunnen je plek niet krijgen" in text(page)
    assert "Je plek is vrijgekomen voor iemand anders." in followed(client, response)
    assert Aanmelding.objects.get(deelnemer=breda_waiting).status == "wachtlijst"


def test_the_reason_is_in_the_personal_data_export(client, circle, meeting):
    mine = register(meeting, circle.member)
    registration.aanmelding_cancel(aanmelding_id=mine.pk, deelnemer=circle.member, reason="Ziek")
    rows = [
        row
        for rows in personal_data_export(user=circle.member).values()
        if isinstance(rows, list)
        for row in rows
        if isinstance(row, dict) and row.get("bijeenkomst") == meeting.title
    ]
    assert any("Ziek" in str(row.values()) for row in rows)


# --- The demo -----------------------------------------------------------------------------------
def test_in_the_demo_fatima_has_a_registration_with_needs_she_can_change(client, db):
    call_command("seed_demo", stdout=io.StringIO())
    fatima = Aanmelding.objects.get(
        deelnemer__email="ambtenaar@breda.nl",
        status="aangemeld",
        bijeenkomst__registration_closes_at__gt=timezone.now(),
    )
    assert fatima.werkgroep is not None and fatima.diet == "vegetarisch"
    client.force_login(fatima.deelnemer)
    page = text(client.get(f"/bijeenkomsten/{fatima.bijeenkomst_id}/"))
    assert "vegetarisch" in page and update_url(fatima) in page
    response = client.post(
        update_url(fatima), {"diet": "veganistisch", "accessibility": "", "werkgroep": ""}
    )
    assert "Je aanmelding is gewijzigd." in followed(client, response)
    assert update_url(fatima) in text(client.get("/overzicht/"))


# --- Concurrency --------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_ten_people_switching_to_the_last_two_places_of_a_group_at_once():
    """The room in a work group is counted with the meeting's row locked (D57): of ten people
    switching at the same moment, two get in and eight are told the group is full."""
    from tests.bijeenkomsten.test_races import _in_threads
    from tests.factories import LeerkringFactory, UserFactory

    leerkring = LeerkringFactory()
    meeting = BijeenkomstFactory(leerkring=leerkring, capacity=20)
    group = WerkgroepFactory(
        bijeenkomst=meeting, dilemma=DilemmaFactory(leerkring=leerkring), capacity=2
    )
    people = UserFactory.create_batch(10)
    mine = [register(meeting, user) for user in people]

    def switch(aanmelding):
        registration.aanmelding_update(
            aanmelding_id=aanmelding.pk,
            deelnemer=aanmelding.deelnemer,
            diet="",
            accessibility="",
            werkgroep_id=group.pk,
        )

    _results, errors = _in_threads(switch, [(a,) for a in mine])
    assert len(errors) == 8
    assert {str(e) for e in errors} == {
        "De werkgroep " + group.title + " is vol. Kies een andere werkgroep."
    }
    assert Aanmelding.objects.filter(werkgroep=group).count() == 2
