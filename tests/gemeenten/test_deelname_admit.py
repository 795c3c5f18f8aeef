"""Admitting a municipality asks first: the page says who gets an e-mail and who will
coordinate it (a confirmed member, an invitation, or later). Declining asks the reason on a
page that says who is told. A municipality without a coordinator is work on the researcher's
home until one is chosen."""

import re

import pytest
from django.core import mail

from gemeenten.models import Uitnodiging
from leerkring.core.models import AuditEntry
from tests.factories import PASSWORD, DeelnameFactory, GemeenteFactory, LidmaatschapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied(circle):
    return DeelnameFactory(
        leerkring=circle.leerkring,
        gemeente=GemeenteFactory(name="Zwolle", slug="zwolle", cbs_code="GM0193"),
        status="aangemeld",
        contact_name="Petra Kuipers",
        contact_email="petra@zwolle.example",
    )


def url(deelname):
    return f"/gemeenten/deelnames/{deelname.pk}/toelaten/"


def admit(client, circle, deelname, data, django_capture_on_commit_callbacks):
    client.force_login(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url(deelname), data)


def test_the_page_says_what_happens_and_admits_nothing(client, circle, applied):
    client.force_login(circle.researcher)

    page = client.get(url(applied)).text

    assert "Zwolle toelaten?" in page
    assert "De contactpersoon Petra Kuipers (petra@zwolle.example) krijgt een e-mail" in page
    assert "Later: nu nog niemand" in page
    # Zwolle has no members yet: the choice of an existing one is not offered.
    assert "Een deelnemer van de gemeente die er al is" not in page
    applied.refresh_from_db()
    assert applied.status == "aangemeld"
    assert mail.outbox == []


def test_the_queue_links_to_the_page_instead_of_admitting(client, circle, applied):
    client.force_login(circle.researcher)

    queue = client.get("/gemeenten/verzoeken/").text

    assert f'href="{url(applied)}"' in queue
    assert f'action="{url(applied)}"' not in queue


def test_admit_and_choose_later(client, circle, applied, django_capture_on_commit_callbacks):
    response = admit(
        client, circle, applied, {"choice": "later"}, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    applied.refresh_from_db()
    assert applied.status == "toegelaten"
    assert not applied.coordinators.exists()
    assert [m.to for m in mail.outbox] == [["petra@zwolle.example"]]
    assert "De onderzoekers maken een of twee coördinatoren aan" in mail.outbox[0].body


def test_admit_and_choose_an_existing_member(client, circle, django_capture_on_commit_callbacks):
    # Eindhoven is admitted to another circle and applies to this one: its members exist.
    other = DeelnameFactory(gemeente=GemeenteFactory(name="Eindhoven"), status="toegelaten")
    member = LidmaatschapFactory(gemeente=other.gemeente).user
    applied = DeelnameFactory(
        leerkring=circle.leerkring, gemeente=other.gemeente, status="aangemeld"
    )
    client.force_login(circle.researcher)
    assert member.email in client.get(url(applied)).text

    admit(
        client,
        circle,
        applied,
        {"choice": "deelnemer", "user": member.pk},
        django_capture_on_commit_callbacks,
    )

    applied.refresh_from_db()
    assert applied.status == "toegelaten"
    assert list(applied.coordinators.all()) == [member]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([applied.contact_email, member.email])
    told = next(m for m in mail.outbox if m.to == [member.email])
    assert "Je bent coördinator van gemeente Eindhoven" in told.subject
    admitted = next(m for m in mail.outbox if m.to == [applied.contact_email])
    assert f"{member.display_name} is de coördinator van je gemeente" in admitted.body
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ROLE_GRANTED, subject=member).exists()


def test_someone_who_is_not_a_member_cannot_be_chosen(
    client, circle, django_capture_on_commit_callbacks
):
    other = DeelnameFactory(gemeente=GemeenteFactory(name="Eindhoven"), status="toegelaten")
    LidmaatschapFactory(gemeente=other.gemeente)
    applied = DeelnameFactory(
        leerkring=circle.leerkring, gemeente=other.gemeente, status="aangemeld"
    )

    response = admit(
        client,
        circle,
        applied,
        {"choice": "deelnemer", "user": circle.member.pk},  # Breda's, not Eindhoven's
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert "Kies een deelnemer uit de lijst." in response.text
    applied.refresh_from_db()
    assert applied.status == "aangemeld" and mail.outbox == []


def test_admit_and_invite_the_coordinator_who_becomes_it_on_signing_up(
    client, circle, applied, django_capture_on_commit_callbacks
):
    admit(
        client,
        circle,
        applied,
        {"choice": "uitnodigen", "email": "Coordinator@Zwolle.nl", "name": "Karin"},
        django_capture_on_commit_callbacks,
    )

    applied.refresh_from_db()
    assert applied.status == "toegelaten" and not applied.coordinators.exists()
    invitation = next(m for m in mail.outbox if m.to == ["coordinator@zwolle.nl"])
    assert "Word coördinator van gemeente Zwolle" in invitation.subject
    contact = next(m for m in mail.outbox if m.to == ["petra@zwolle.example"])
    assert "We hebben coordinator@zwolle.nl uitgenodigd" in contact.body
    uitnodiging = Uitnodiging.objects.get()
    assert (uitnodiging.role, uitnodiging.deelname) == ("coordinator", applied)

    client.logout()
    token = re.search(r"/gemeenten/uitnodiging/([^/\s]+)/", invitation.body).group(1)
    client.get(f"/gemeenten/uitnodiging/{token}/")
    client.post(
        "/account/signup/",
        {
            "name": "Karin Zwolle",
            "email": "coordinator@zwolle.nl",
            "job_title": "projectleider",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert [u.email for u in applied.coordinators.all()] == ["coordinator@zwolle.nl"]
    assert client.get("/gemeenten/zwolle/uitnodigen/").status_code == 200


def test_a_refused_invitation_admits_nothing(
    client, circle, applied, django_capture_on_commit_callbacks
):
    response = admit(
        client,
        circle,
        applied,
        {"choice": "uitnodigen", "email": "lid@breda.nl"},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert "Er is al een account met het e-mailadres lid@breda.nl" in response.text
    applied.refresh_from_db()
    assert applied.status == "aangemeld"
    assert mail.outbox == [] and not Uitnodiging.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Kies wie coördinator wordt, of kies ‘later’."),
        ({"choice": "uitnodigen"}, "Vul het e-mailadres in waar de uitnodiging heen moet."),
        ({"choice": "uitnodigen", "email": "geen-adres"}, "Dit is geen geldig e-mailadres."),
        ({"choice": "iets"}, "Kies een van de mogelijkheden."),
        ({"choice": "deelnemer"}, "Kies een van de mogelijkheden."),  # Zwolle has no members
    ],
)
def test_a_wrong_choice_gets_a_clear_message(
    client, circle, applied, data, error, django_capture_on_commit_callbacks
):
    response = admit(client, circle, applied, data, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert error in response.text
    applied.refresh_from_db()
    assert applied.status == "aangemeld"


def test_a_full_circle_says_so_on_the_page(
    client, circle, applied, django_capture_on_commit_callbacks
):
    circle.leerkring.max_gemeenten = 2
    circle.leerkring.save()

    response = admit(
        client, circle, applied, {"choice": "later"}, django_capture_on_commit_callbacks
    )

    assert response.status_code == 200
    assert "al het maximum van 2 gemeenten" in response.text


def test_an_admitted_municipality_is_not_admitted_again(client, circle):
    client.force_login(circle.researcher)

    response = client.get(url(circle.deelname_breda))

    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["coordinator", "member", "outsider"])
def test_only_researchers_admit(client, circle, applied, role):
    client.force_login(getattr(circle, role))

    assert client.get(url(applied)).status_code == 404
    assert client.post(url(applied), {"choice": "later"}).status_code == 404
    applied.refresh_from_db()
    assert applied.status == "aangemeld"


def test_declining_says_who_gets_the_reason(
    client, circle, applied, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    page = client.get(f"/gemeenten/deelnames/{applied.pk}/afwijzen/").text
    assert "De aanmelding van Zwolle afwijzen?" in page
    assert "De contactpersoon Petra Kuipers (petra@zwolle.example) krijgt een e-mail" in page

    empty = client.post(f"/gemeenten/deelnames/{applied.pk}/afwijzen/", {"reason": ""})
    assert "Schrijf op waarom" in empty.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/gemeenten/deelnames/{applied.pk}/afwijzen/", {"reason": "Vol."})

    applied.refresh_from_db()
    assert applied.status == "afgewezen"
    assert [m.to for m in mail.outbox] == [["petra@zwolle.example"]]


# --- A municipality without a coordinator -------------------------------------------------------
def home_work(client, circle) -> str:
    client.force_login(circle.researcher)
    page = client.get("/overzicht/").text
    match = re.search(r'id="home-researcher-coordinatoren".*?</section>|$', page, re.S)
    return match.group(0)


def test_the_home_shows_an_admitted_municipality_without_coordinator_until_one_is_set(
    client, circle, applied, django_capture_on_commit_callbacks
):
    assert "Zwolle" not in home_work(client, circle)  # applied, not admitted
    admit(client, circle, applied, {"choice": "later"}, django_capture_on_commit_callbacks)

    work = home_work(client, circle)
    assert "Coördinator voor Zwolle" in work
    assert f"/gemeenten/deelnames/{applied.pk}/coordinator/" in work
    # Tilburg (in the fixture) has no coordinator either; Breda has one.
    assert "Coördinator voor Tilburg" in work and "Breda" not in work

    # An invitation is shown as waiting; the municipality stays until someone is coordinator.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/gemeenten/deelnames/{applied.pk}/coordinator/",
            {"choice": "uitnodigen", "email": "c@zwolle.nl"},
        )
    assert "1 uitnodiging staat open" in home_work(client, circle)

    member = LidmaatschapFactory(gemeente=applied.gemeente).user
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/gemeenten/deelnames/{applied.pk}/coordinator/",
            {"choice": "deelnemer", "user": member.pk},
        )
    assert response["Location"] == "/gemeenten/zwolle/"
    assert list(applied.coordinators.all()) == [member]
    assert "Zwolle" not in home_work(client, circle)
    assert "Coördinator voor Tilburg" in home_work(client, circle)


def test_the_coordinator_page_offers_no_later_and_is_for_researchers(client, circle):
    client.force_login(circle.researcher)
    page = client.get(f"/gemeenten/deelnames/{circle.deelname_breda.pk}/coordinator/").text
    assert "Later: nu nog niemand" not in page
    assert "Coördinator nu: Coördinator Breda" in page
    assert "lid@breda.nl" in page and "coord@breda.nl" not in page  # already coordinator

    client.force_login(circle.coordinator)
    assert (
        client.get(f"/gemeenten/deelnames/{circle.deelname_breda.pk}/coordinator/").status_code
        == 404
    )


def test_the_home_list_costs_the_same_queries_however_many_municipalities(
    client, circle, django_assert_max_num_queries
):
    client.force_login(circle.researcher)
    client.get("/overzicht/")
    for n in range(5):
        DeelnameFactory(leerkring=circle.leerkring, gemeente=GemeenteFactory(name=f"G{n}"))
    with django_assert_max_num_queries(60) as captured:
        client.get("/overzicht/")
    many = len(captured.captured_queries)
    DeelnameFactory(leerkring=circle.leerkring, gemeente=GemeenteFactory(name="Nog een"))
    with django_assert_max_num_queries(many):
        assert "Coördinator voor Nog een" in client.get("/overzicht/").text
