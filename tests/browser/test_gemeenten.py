"""Municipalities in the browser: joining through sign-up, a coordinator admitting a colleague,
and every page of this part of the site checked with axe as the role that can see it."""

import datetime
import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from gemeenten import services
from gemeenten.models import Deelname, Lidmaatschap
from tests.browser.helpers import log_in as _log_in
from tests.conftest import wait_for
from tests.factories import (
    DeelnameFactory,
    EmaildomeinFactory,
    GemeenteFactory,
    LeerkringFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONFIRMATION_LINK = re.compile(r"http://\S+/account/confirm-email/\S+/")
NEW_PASSWORD = "een-lange-zin-als-wachtwoord"


# --- Test data --------------------------------------------------------------------------------
def _apeldoorn(*, with_requests: bool = False) -> SimpleNamespace:
    """An open circle with Apeldoorn admitted, its coordinator, a member and a researcher.

    With `with_requests`, also someone waiting for the coordinator and a municipality waiting
    for the researchers, so the pages that list decisions have something to show."""
    leerkring = LeerkringFactory(title="Leerkring Vakmanschap", ends_on=datetime.date(2030, 1, 1))
    gemeente = GemeenteFactory(name="Apeldoorn", slug="apeldoorn", cbs_code="GM0200")
    EmaildomeinFactory(gemeente=gemeente, domain="apeldoorn.nl")
    deelname = DeelnameFactory(
        leerkring=leerkring, gemeente=gemeente, status=Deelname.Status.ADMITTED
    )

    coordinator = UserFactory(email="coordinator@apeldoorn.nl", name="Ruud Kamphuis")
    LidmaatschapFactory(
        user=coordinator,
        gemeente=gemeente,
        job_title="coördinator leerkring",
        status=Lidmaatschap.Status.CONFIRMED,
    )
    deelname.coordinators.add(coordinator)

    member = UserFactory(email="iris.dejong@apeldoorn.nl", name="Iris de Jong")
    LidmaatschapFactory(
        user=member,
        gemeente=gemeente,
        job_title="wijkregisseur",
        status=Lidmaatschap.Status.CONFIRMED,
    )

    researcher = UserFactory(email="onderzoeker@leerkring.example", name="Eva Jansen")
    leerkring.researchers.add(researcher)

    data = SimpleNamespace(
        leerkring=leerkring,
        gemeente=gemeente,
        deelname=deelname,
        coordinator=coordinator,
        member=member,
        researcher=researcher,
        waiting=None,
    )
    if with_requests:
        data.waiting = UserFactory(email="sanne.bakker@mail.example", name="Sanne Bakker")
        services.lidmaatschap_request(
            user=data.waiting, gemeente=gemeente, job_title="stagiair participatie"
        )
        services.deelname_apply(
            leerkring=leerkring,
            name="Zwolle",
            cbs_code="GM0193",
            contact_name="Pieter Dijkstra",
            contact_email="p.dijkstra@zwolle.nl",
            motivation="Wij willen leren van andere gemeenten.",
        )
    return data


# --- Browser helpers --------------------------------------------------------------------------


def _sign_up_verify_and_log_in(page, live_server, mailoutbox, *, name, email, job_title):
    """Sign up choosing Apeldoorn, follow the link in the mail, and log in."""
    page.goto(live_server.url + "/account/signup/")
    page.get_by_label("Volledige naam").fill(name)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Voor welke gemeente werk je?").select_option(label="Apeldoorn")
    page.get_by_label("Functie").fill(job_title)
    page.get_by_label("Wachtwoord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bevestig je e-mailadres")

    mail = wait_for(lambda: _mail_to(mailoutbox, email, CONFIRMATION_LINK))
    page.goto(CONFIRMATION_LINK.search(mail.body).group(0))
    page.get_by_role("button", name="Bevestigen").click()

    _log_in(page, live_server, email, name=name, password=NEW_PASSWORD)


def _mail_to(mailoutbox, address: str, pattern):
    """The first mail to `address` whose subject contains `pattern` (a string) or whose body
    matches it (a compiled regex)."""
    for mail in mailoutbox:
        if address not in mail.to:
            continue
        if isinstance(pattern, str) and pattern in mail.subject:
            return mail
        if isinstance(pattern, re.Pattern) and pattern.search(mail.body):
            return mail
    return None


def _my_gemeente(page):
    return page.get_by_role("region", name="Mijn gemeente")


# --- Journeys ---------------------------------------------------------------------------------
def test_civil_servant_with_a_municipal_address_is_a_member_at_once(live_server, page, mailoutbox):
    _apeldoorn()

    _sign_up_verify_and_log_in(
        page,
        live_server,
        mailoutbox,
        name="Karin Visser",
        email="karin.visser@apeldoorn.nl",
        job_title="beleidsadviseur participatie",
    )

    page.goto(live_server.url + "/account/profiel/")
    expect(_my_gemeente(page)).to_contain_text("Je doet mee namens gemeente Apeldoorn.")
    expect(_my_gemeente(page)).not_to_contain_text("wacht op de coördinator")

    welcome = wait_for(
        lambda: _mail_to(mailoutbox, "karin.visser@apeldoorn.nl", "Je bent lid van de leerkring")
    )
    assert "gemeente Apeldoorn" in welcome.body
    # Nobody had to decide, so the coordinator was not bothered.
    assert _mail_to(mailoutbox, "coordinator@apeldoorn.nl", "wacht op toelating") is None


def test_coordinator_admits_a_colleague_with_a_private_address(
    live_server, page, new_context, mailoutbox
):
    _apeldoorn()
    name, email = "Bas de Boer", "bas.deboer@mail.example"

    _sign_up_verify_and_log_in(
        page, live_server, mailoutbox, name=name, email=email, job_title="wijkregisseur"
    )

    page.goto(live_server.url + "/account/profiel/")
    expect(_my_gemeente(page)).to_contain_text("wacht op de coördinator")
    expect(_my_gemeente(page)).not_to_contain_text("Je doet mee namens")
    assert _mail_to(mailoutbox, email, "Je bent lid van de leerkring") is None

    notice = wait_for(
        lambda: _mail_to(mailoutbox, "coordinator@apeldoorn.nl", f"{name} wacht op toelating")
    )
    assert email in notice.body

    # The coordinator, in a browser of their own.
    coordinator = new_context().new_page()
    _log_in(coordinator, live_server, "coordinator@apeldoorn.nl", name="Ruud Kamphuis")
    coordinator.goto(live_server.url + "/gemeenten/apeldoorn/")
    waiting = coordinator.get_by_role("region", name="Wachten op toelating")
    expect(waiting).to_contain_text(name)
    expect(waiting).to_contain_text("wijkregisseur")
    waiting.get_by_role("link", name=f"{name} toelaten").click()
    # Admitting asks first: who becomes a member and gets an e-mail.
    expect(coordinator.get_by_role("main")).to_contain_text(
        f"{name} wordt lid van de leerkring voor Apeldoorn en krijgt een e-mail."
    )
    coordinator.get_by_role("button", name=f"Ja, {name} toelaten").click()

    expect(coordinator.get_by_role("status")).to_contain_text(
        f"{name} is toegelaten. We hebben een e-mail gestuurd."
    )
    expect(coordinator.get_by_role("region", name="Wachten op toelating")).to_have_count(0)
    expect(coordinator.get_by_role("region", name="Alle deelnemers")).to_contain_text(name)

    welcome = wait_for(lambda: _mail_to(mailoutbox, email, "Je bent lid van de leerkring"))
    assert "gemeente Apeldoorn" in welcome.body

    page.goto(live_server.url + "/account/profiel/")
    expect(_my_gemeente(page)).to_contain_text("Je doet mee namens gemeente Apeldoorn.")


# --- Accessibility ----------------------------------------------------------------------------
def _visit_as(page, live_server, data, role: str) -> None:
    people = {
        "lid": data.member,
        "wachtend": data.waiting,
        "coordinator": data.coordinator,
        "onderzoeker": data.researcher,
    }
    if role != "anoniem":
        person = people[role]
        _log_in(page, live_server, person.email, name=person.name)


PAGES = [
    ("anoniem", "/gemeenten/"),
    ("anoniem", "/gemeenten/apeldoorn/"),
    ("lid", "/gemeenten/apeldoorn/"),
    ("coordinator", "/gemeenten/apeldoorn/"),
    ("onderzoeker", "/gemeenten/apeldoorn/"),
    ("anoniem", "/gemeenten/aanmelden/"),
    ("onderzoeker", "/gemeenten/verzoeken/"),
    ("lid", "/account/profiel/"),
    ("wachtend", "/account/profiel/"),
    ("lid", "/account/profiel/verwijderen/"),
    ("onderzoeker", "/logboek/"),
    ("anoniem", "/account/signup/"),
]

# What shows that the page rendered the role's view, not a 404 or the login page.
EXPECTED = {
    ("anoniem", "/gemeenten/"): "Deelnemende gemeenten",
    ("anoniem", "/gemeenten/apeldoorn/"): "Gemeente Apeldoorn",
    ("lid", "/gemeenten/apeldoorn/"): "Collega's in de leerkring",
    ("coordinator", "/gemeenten/apeldoorn/"): "Wachten op toelating",
    ("onderzoeker", "/gemeenten/apeldoorn/"): "Coördinator toevoegen",
    ("anoniem", "/gemeenten/aanmelden/"): "Aanmelding versturen",
    ("onderzoeker", "/gemeenten/verzoeken/"): "Zwolle (GM0193)",
    ("lid", "/account/profiel/"): "Je doet mee namens gemeente Apeldoorn.",
    ("wachtend", "/account/profiel/"): "wacht op de coördinator",
    ("lid", "/account/profiel/verwijderen/"): "Mijn account definitief verwijderen",
    ("onderzoeker", "/logboek/"): "lidmaatschap aangevraagd",
    ("anoniem", "/account/signup/"): "Voor welke gemeente werk je?",
}


@pytest.mark.parametrize(("role", "path"), PAGES, ids=[f"{r}:{p}" for r, p in PAGES])
def test_page_has_no_axe_violations(live_server, page, assert_accessible, role, path):
    data = _apeldoorn(with_requests=True)
    _visit_as(page, live_server, data, role)

    page.goto(live_server.url + path)
    expect(page.get_by_role("main")).to_contain_text(EXPECTED[role, path])
    assert_accessible(page)


def test_coordinator_view_of_the_municipality_has_no_axe_violations(
    live_server, page, assert_accessible
):
    """The richest view: pending requests, every member and the project card."""
    data = _apeldoorn(with_requests=True)
    _visit_as(page, live_server, data, "coordinator")

    page.goto(live_server.url + "/gemeenten/apeldoorn/")
    expect(page.get_by_role("region", name="Wachten op toelating")).to_contain_text("Sanne Bakker")
    expect(page.get_by_role("region", name="Alle deelnemers")).to_contain_text("Iris de Jong")
    expect(page.get_by_role("region", name="Projectkaart: Leerkring Vakmanschap")).to_contain_text(
        "Portefeuillehouder"
    )
    assert_accessible(page)


@pytest.mark.parametrize("submit_empty", [False, True], ids=["leeg", "met-fouten"])
def test_refuse_reason_page_has_no_axe_violations(
    live_server, page, assert_accessible, submit_empty
):
    data = _apeldoorn(with_requests=True)
    _visit_as(page, live_server, data, "coordinator")
    page.goto(live_server.url + "/gemeenten/apeldoorn/")
    page.get_by_role("link", name="Sanne Bakker weigeren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvraag voor lidmaatschap weigeren")
    if submit_empty:
        page.get_by_role("button", name="Weigeren en e-mail sturen").click()
        expect(page.locator(".leerkring-error-summary")).to_contain_text(
            "Schrijf op waarom, zodat de ontvanger het begrijpt."
        )
    assert_accessible(page)


def test_project_card_edit_page_has_no_axe_violations(live_server, page, assert_accessible):
    data = _apeldoorn(with_requests=True)
    _visit_as(page, live_server, data, "coordinator")
    page.goto(live_server.url + "/gemeenten/apeldoorn/")
    page.get_by_role("link", name="Projectkaart bewerken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Projectkaart van Apeldoorn")
    assert_accessible(page)


@pytest.mark.parametrize(
    ("role", "path", "button"),
    [
        ("anoniem", "/gemeenten/aanmelden/", "Aanmelding versturen"),
        ("lid", "/account/profiel/verwijderen/", "Mijn account definitief verwijderen"),
        ("anoniem", "/account/signup/", "Account aanmaken"),
    ],
    ids=["aanmelden", "verwijderen", "signup"],
)
def test_form_submitted_empty_has_no_axe_violations(
    live_server, page, assert_accessible, role, path, button
):
    data = _apeldoorn(with_requests=True)
    _visit_as(page, live_server, data, role)

    page.goto(live_server.url + path)
    page.get_by_role("main").get_by_role("button", name=button).click()
    expect(page.locator(".leerkring-error-summary")).to_contain_text(
        "Controleer wat je hebt ingevuld"
    )
    assert_accessible(page)
