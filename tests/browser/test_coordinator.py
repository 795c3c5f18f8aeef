"""The coordinator's people in the browser: a coordinator invites a colleague, who signs up
through the link; a researcher admits a municipality choosing its coordinator, or later, and
then finds it on the home page. Every new page is checked with axe."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from gemeenten import services
from gemeenten.models import Deelname, Lidmaatschap
from tests.browser.helpers import log_in
from tests.conftest import wait_for
from tests.factories import (
    DeelnameFactory,
    GemeenteFactory,
    LeerkringFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INVITATION_LINK = re.compile(r"http://\S+/gemeenten/uitnodiging/\S+/")
NEW_PASSWORD = "een-lange-zin-als-wachtwoord"


def _circle():
    leerkring = LeerkringFactory(title="Leerkring Vakmanschap", ends_on=datetime.date(2030, 1, 1))
    apeldoorn = GemeenteFactory(name="Apeldoorn", slug="apeldoorn", cbs_code="GM0200")
    deelname = DeelnameFactory(leerkring=leerkring, gemeente=apeldoorn)
    coordinator = LidmaatschapFactory(
        gemeente=apeldoorn,
        user=UserFactory(email="coordinator@apeldoorn.nl", name="Ruud Kamphuis"),
    ).user
    deelname.coordinators.add(coordinator)
    researcher = UserFactory(email="onderzoeker@leerkring.example", name="Eva Jansen")
    leerkring.researchers.add(researcher)
    return leerkring, apeldoorn, coordinator, researcher


def _mail_to(mailoutbox, address):
    return next((m for m in mailoutbox if address in m.to), None)


def test_a_coordinator_invites_a_colleague_who_signs_up_through_the_link(
    live_server, page, browser, mailoutbox, assert_accessible
):
    _leerkring, apeldoorn, coordinator, _researcher = _circle()
    log_in(page, live_server, coordinator.email, name=coordinator.name)

    page.goto(live_server.url + "/gemeenten/apeldoorn/")
    page.get_by_role("link", name="Een collega uitnodigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Een collega van Apeldoorn uitnodigen"
    )
    assert_accessible(page)
    page.get_by_label("E-mailadres van je collega").fill("nina@gmail.example")
    page.get_by_label("Naam van je collega").fill("Nina Nieuw")
    page.get_by_role("button", name="Uitnodiging sturen").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "We hebben een uitnodiging gestuurd naar nina@gmail.example"
    )
    expect(page.get_by_role("table")).to_contain_text("nina@gmail.example")
    assert_accessible(page)

    mail = wait_for(lambda: _mail_to(mailoutbox, "nina@gmail.example"))
    # The e-mail links to SITE_URL; the same path on the test server.
    link = live_server.url + urlsplit(INVITATION_LINK.search(mail.body).group(0)).path
    colleague = browser.new_context(locale="nl-NL").new_page()
    try:
        colleague.goto(link)
        expect(colleague.get_by_role("heading", level=1)).to_have_text("Account aanmaken")
        gemeente = colleague.get_by_label("Voor welke gemeente werk je?")
        expect(gemeente).to_be_disabled()
        expect(gemeente).to_have_value("apeldoorn")
        expect(colleague.get_by_label("E-mailadres")).to_have_value("nina@gmail.example")
        assert_accessible(colleague)
        colleague.get_by_label("Volledige naam").fill("Nina Nieuw")
        colleague.get_by_label("Functie").fill("wijkregisseur")
        colleague.get_by_label("Wachtwoord", exact=True).fill(NEW_PASSWORD)
        colleague.get_by_label("Wachtwoord (bevestigen)").fill(NEW_PASSWORD)
        colleague.get_by_role("button", name="Account aanmaken").click()
        expect(colleague.get_by_role("banner")).to_contain_text("Ingelogd als Nina Nieuw")
        expect(colleague.get_by_role("main")).to_contain_text(
            "Welkom! Je bent nu lid namens gemeente Apeldoorn."
        )
        lidmaatschap = Lidmaatschap.objects.get(user__email="nina@gmail.example")
        assert (lidmaatschap.gemeente, lidmaatschap.status) == (apeldoorn, "bevestigd")

        # The link works once.
        colleague.context.clear_cookies()
        colleague.goto(link)
        expect(colleague.get_by_role("main")).to_contain_text("Deze uitnodiging is al gebruikt")
        assert_accessible(colleague)
        colleague.goto(live_server.url + "/gemeenten/uitnodiging/afgeknipt/")
        expect(colleague.get_by_role("main")).to_contain_text("We kennen deze link niet")
        assert_accessible(colleague)
    finally:
        colleague.context.close()


def test_a_researcher_admits_a_municipality_choosing_its_coordinator(
    live_server, page, mailoutbox, assert_accessible
):
    leerkring, _apeldoorn, _coordinator, researcher = _circle()
    # Deventer takes part in another circle already, so it has confirmed members.
    deventer = GemeenteFactory(name="Deventer", slug="deventer", cbs_code="GM0150")
    DeelnameFactory(gemeente=deventer)
    lotte = LidmaatschapFactory(
        gemeente=deventer, user=UserFactory(email="lotte@deventer.nl", name="Lotte Smit")
    ).user
    applied = DeelnameFactory(
        leerkring=leerkring,
        gemeente=deventer,
        status=Deelname.Status.APPLIED,
        contact_name="Jeroen Smit",
        contact_email="j.smit@deventer.example",
    )
    log_in(page, live_server, researcher.email, name=researcher.name)

    page.goto(live_server.url + "/gemeenten/verzoeken/")
    page.get_by_role("link", name="Deventer toelaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deventer toelaten?")
    expect(page.get_by_role("main")).to_contain_text(
        "De contactpersoon Jeroen Smit (j.smit@deventer.example) krijgt een e-mail"
    )
    assert_accessible(page)
    page.get_by_label("Een deelnemer van de gemeente die er al is").check()
    page.get_by_label("Deelnemer die coördinator wordt").select_option(
        label="Lotte Smit (lotte@deventer.nl)"
    )
    page.get_by_role("button", name="Ja, Deventer toelaten").click()

    expect(page.get_by_role("status").first).to_contain_text("Deventer is toegelaten.")
    applied.refresh_from_db()
    assert applied.status == "toegelaten"
    assert list(applied.coordinators.all()) == [lotte]
    assert wait_for(lambda: _mail_to(mailoutbox, "lotte@deventer.nl"))
    assert wait_for(lambda: _mail_to(mailoutbox, "j.smit@deventer.example"))


def test_a_municipality_admitted_without_coordinator_waits_on_the_home(
    live_server, page, mailoutbox, assert_accessible
):
    leerkring, _apeldoorn, _coordinator, researcher = _circle()
    zwolle = services.deelname_apply(
        leerkring=leerkring,
        name="Zwolle",
        cbs_code="GM0193",
        contact_name="Petra Kuipers",
        contact_email="p.kuipers@zwolle.example",
        motivation="Wij willen leren.",
    )
    log_in(page, live_server, researcher.email, name=researcher.name)

    # Declining asks the reason on a page that says who reads it; go back without declining.
    page.goto(live_server.url + "/gemeenten/verzoeken/")
    page.get_by_role("link", name="Zwolle afwijzen").click()
    expect(page.get_by_role("main")).to_contain_text("krijgt een e-mail met de reden")
    assert_accessible(page)

    page.goto(live_server.url + f"/gemeenten/deelnames/{zwolle.pk}/toelaten/")
    page.get_by_label("Later: nu nog niemand").check()
    page.get_by_role("button", name="Ja, Zwolle toelaten").click()
    expect(page.get_by_role("status").first).to_contain_text("Zwolle is toegelaten.")

    page.goto(live_server.url + "/overzicht/")
    work = page.get_by_role("region", name="Gemeenten zonder coördinator")
    expect(work).to_contain_text("Coördinator voor Zwolle")
    assert_accessible(page)
    work.get_by_role("link", name="Coördinator voor Zwolle (Leerkring Vakmanschap)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coördinator voor Zwolle")
    assert_accessible(page)
    page.get_by_label("Iemand uitnodigen via e-mail").check()
    page.get_by_label("E-mailadres voor de uitnodiging").fill("karin@zwolle.nl")
    page.get_by_role("button", name="Coördinator maken of uitnodigen").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "We hebben karin@zwolle.nl uitgenodigd"
    )

    mail = wait_for(lambda: _mail_to(mailoutbox, "karin@zwolle.nl"))
    assert "Word coördinator van gemeente Zwolle" in mail.subject
    page.goto(live_server.url + "/overzicht/")
    expect(page.get_by_role("region", name="Gemeenten zonder coördinator")).to_contain_text(
        "1 uitnodiging staat open"
    )
