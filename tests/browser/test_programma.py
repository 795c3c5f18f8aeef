"""A programme of many circles in the browser (issue 20), on the demo: the programme manager's
journey (a new circle with a shared dilemma, a researcher invited by e-mail who accepts, the
circle opened, a municipality applying from the public programme page, the application on the
manager's page, the combined figures); a civil servant of the follow-up circle finding the
Berkelland case of the pilot, anonymised; and axe and reflow at 320 px on every new page
state (tests/browser/test_reflow.py measures the same way on the pages of the access matrix)."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from dilemmas.models import Casus, DilemmaGedeeld
from gemeenten.models import Deelname, Gemeente
from gemeenten.selectors import uitnodiging_hash
from leerkring.core.models import Leerkring, OnderzoekerUitnodiging, Programma
from leerkring.demo import content
from tests.browser.helpers import enter_as, log_in
from tests.browser.test_reflow import DESCRIBE, NARROW, NEXT_FRAME, REFLOW
from tests.conftest import wait_for
from tests.factories import LeerkringFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MANAGER = ("programma@leerkring.example", "Marloes Verhagen")
ZWOLLE = ("ambtenaar@zwolle.nl", "Lotte Brinkman")
RESEARCHER = ("n.hamdan@leerkring.example", "Noor Hamdan")
SLUG = content.PROGRAMMA["slug"]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=io.StringIO())
    return Programma.objects.get(slug=SLUG)


def _mail_to(mailoutbox, address):
    return next((m for m in mailoutbox if address in m.to), None)


def test_the_programme_manager_creates_a_circle_and_sees_an_application_arrive(
    demo, live_server, page, browser, mailoutbox
):
    log_in(page, live_server, MANAGER[0], name=MANAGER[1], password=content.DEMO_PASSWORD)

    # Her home leads to the programme she manages.
    page.goto(live_server.url + "/overzicht/")
    manager = page.get_by_role("region", name="Voor jou als programmamanager")
    manager.get_by_role("link", name="Beheer Leerkringen lokale democratie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Leerkringen lokale democratie beheren"
    )
    circles = page.get_by_role("table", name="De leerkringen van het programma, met hun cijfers")
    expect(circles).to_contain_text(content.LEERKRING["title"])
    expect(circles).to_contain_text(content.VERVOLG["title"])

    # A new circle, sharing one of the core dilemmas of the pilot.
    page.get_by_role("link", name="Nieuwe leerkring").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe leerkring")
    page.get_by_label("Titel", exact=True).fill("Leerkring lokale democratie 2027–2029")
    page.get_by_label("Korte naam in het webadres").fill("democratie-2027")
    page.get_by_label("Samenvatting").fill("Gemeenten leren samen over burgerbegrotingen.")
    page.get_by_label("Begindatum").fill("2027-09-01")
    page.get_by_label("Einddatum").fill("2029-08-31")
    page.get_by_label("Maximaal aantal gemeenten").fill("6")
    page.get_by_label("Kernvragen").fill("Wie beslist over het budget van de wijk?")
    page.get_by_role("group", name="Loslaten of sturen").get_by_label(
        "Delen: samen aan hetzelfde dilemma werken"
    ).check()
    page.get_by_role("button", name="Leerkring aanmaken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Leerkring lokale democratie 2027–2029"
    )
    expect(page.get_by_role("status").first).to_contain_text("is aangemaakt")
    expect(page.get_by_role("region", name="Fase")).to_contain_text("in voorbereiding")
    circle = Leerkring.objects.get(slug="democratie-2027")
    assert circle.programma == demo and circle.phase == "voorbereiding"
    assert list(DilemmaGedeeld.objects.filter(leerkring=circle).values_list("dilemma__slug")) == [
        ("loslaten-of-sturen",)
    ]

    # She invites a researcher; the e-mail arrives with a link.
    page.get_by_label("E-mailadres").fill(RESEARCHER[0])
    page.get_by_label("Naam (niet verplicht)").fill(RESEARCHER[1])
    page.get_by_role("button", name="Uitnodiging sturen").click()
    expect(page.get_by_role("status").first).to_contain_text(
        f"We hebben een uitnodiging gestuurd naar {RESEARCHER[0]}"
    )
    expect(page.get_by_role("table", name="Uitnodigingen die nog werken")).to_contain_text(
        RESEARCHER[0]
    )
    mail = wait_for(lambda: _mail_to(mailoutbox, RESEARCHER[0]))
    # The link names the site's own address; here the test server serves it.
    link = re.search(r"/programma/uitnodiging/\S+/", mail.body).group(0)

    # The invited researcher opens the link logged out, logs in from it and accepts.
    other = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()
    other.goto(live_server.url + link)
    expect(other.get_by_role("heading", level=1)).to_have_text(
        "Word onderzoeker van Leerkring lokale democratie 2027–2029"
    )
    other.get_by_role("main").get_by_role("link", name="Log in", exact=True).click()
    other.get_by_label("E-mailadres").fill(RESEARCHER[0])
    other.get_by_label("Wachtwoord").fill(content.DEMO_PASSWORD)
    other.get_by_role("button", name="Inloggen").click()
    other.get_by_role("button", name=f"Uitnodiging aannemen als {RESEARCHER[0]}").click()
    expect(other.get_by_role("status").first).to_contain_text(
        "Je bent nu onderzoeker van de leerkring"
    )
    other.context.close()

    # With a researcher, the manager opens the circle for applications.
    page.reload()
    expect(page.get_by_role("region", name="Onderzoekers")).to_contain_text(RESEARCHER[1])
    page.get_by_role("link", name="Openen voor aanmelding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leerkring openen voor aanmelding?")
    page.get_by_role("button", name="Ja, openen voor aanmelding").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "De leerkring is open voor aanmelding."
    )

    # A municipality applies from the programme's public page.
    public = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()
    public.goto(live_server.url + f"/programma/{SLUG}/")
    open_circles = public.get_by_role("region", name="Open voor aanmelding")
    expect(open_circles).to_contain_text("Leerkring lokale democratie 2027–2029")
    open_circles.get_by_role("link", name="Meld je gemeente aan").click()
    expect(public.get_by_label("Leerkring")).to_have_value(str(circle.pk))
    public.get_by_label("Naam van de gemeente").fill("Almelo")
    public.get_by_label("CBS-code").fill("GM0141")
    public.get_by_label("Naam contactpersoon").fill("Ruben Kok")
    public.get_by_label("E-mailadres contactpersoon").fill("r.kok@almelo.example")
    public.get_by_label("Waarom wil je gemeente meedoen?").fill("We willen leren van anderen.")
    public.get_by_role("button", name="Aanmelding versturen").click()
    expect(public.get_by_role("main")).to_contain_text("Almelo")
    public.context.close()
    assert Deelname.objects.get(gemeente__name="Almelo").leerkring == circle

    # The application shows on the manager's page of the circle.
    page.reload()
    expect(page.get_by_role("table", name="Aanmeldingen van gemeenten")).to_contain_text("Almelo")

    # The programme's home: the new circle with its waiting application, and the combined
    # figures of all three circles (each municipality and participant once).
    page.get_by_role("link", name="Terug naar Leerkringen lokale democratie").click()
    row = page.get_by_role("row", name=re.compile("Leerkring lokale democratie 2027–2029"))
    expect(row).to_contain_text("Open voor aanmelding")
    combined = page.get_by_role("region", name="Alle leerkringen samen")
    figure = combined.locator(".leerkring-number")
    expect(figure.filter(has_text="Leerkringen").locator("dd")).to_have_text("3")
    # Amersfoort, Apeldoorn, Berkelland, Breda, Harderwijk, Tilburg, Zwolle and Deventer.
    expect(figure.filter(has_text="Gemeenten").locator("dd")).to_have_text("8")


def test_a_civil_servant_of_the_follow_up_finds_the_berkelland_case_anonymised(
    demo, live_server, page
):
    casus = Casus.objects.get(programme_open=True)
    log_in(page, live_server, ZWOLLE[0], name=ZWOLLE[1], password=content.DEMO_PASSWORD)
    page.goto(live_server.url + "/dilemmas/casussen/")
    filters = page.get_by_role("search", name="Casussen zoeken en filteren")
    filters.get_by_label("Leerkring").select_option(label=content.LEERKRING["title"])
    filters.get_by_role("button", name="Zoeken").click()

    results = page.locator(".leerkring-results")
    expect(results.get_by_role("link")).to_have_text([casus.anon_title])
    expect(results).to_contain_text(content.LEERKRING["title"])  # the circle is named
    expect(results).not_to_contain_text("Berkelland")
    results.get_by_role("link", name=casus.anon_title).click()

    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(casus.anon_title)
    expect(main).to_contain_text("bloemenweiden")
    for name in ("Rekken", "Berkelland", casus.author.name):
        expect(main).not_to_contain_text(name)


# --- axe and reflow on every new page state ---------------------------------------------------
def _reflow(page) -> list[str]:
    """WCAG 1.4.10 at 320 px (as test_reflow.py): the document does not scroll sideways."""
    page.set_viewport_size(NARROW)
    page.evaluate(NEXT_FRAME)
    page.evaluate(DESCRIBE + "; 0")  # defines the function (without calling it)
    result = page.evaluate(REFLOW)
    page.set_viewport_size({"width": 1280, "height": 900})
    if result["scrollWidth"] <= NARROW["width"]:
        return []
    return [f"document is {result['scrollWidth']} px wide", *result["offenders"]]


def test_every_new_page_state_passes_axe_and_reflows(demo, live_server, browser, assert_accessible):
    """The states the walk of every page type does not reach (it visits each page once, as
    one role): the programme's page with a circle open for applications, its publications,
    the manager's home and pages, the create form empty and with errors, the phase
    confirmation (and its refusal), the invitation link logged out, logged in (as the invited
    person and as someone else), expired and used, and the dashboard with the manager's
    section."""
    manager = demo.managers.get()
    researcher = UserFactory(email="wim@universiteit.example", name="Wim de Boer")
    circle = LeerkringFactory(
        programma=demo,
        title="Leerkring lokale democratie 2027–2029",
        slug="democratie-2027",
        phase="open",
        starts_on=timezone.localdate() + datetime.timedelta(days=60),
        ends_on=timezone.localdate() + datetime.timedelta(days=800),
    )
    circle.researchers.add(get_user_model().objects.get(email=RESEARCHER[0]))
    # A circle in preparation without a researcher: opening it is refused on the
    # confirmation page, before anyone presses a button.
    LeerkringFactory(programma=demo, slug="democratie-2029", phase="voorbereiding")
    Deelname.objects.create(
        leerkring=circle,
        gemeente=Gemeente.objects.get(slug="zwolle"),
        status=Deelname.Status.APPLIED,
        contact_name="Petra Kuipers",
        contact_email="p.kuipers@zwolle.example",
        motivation="Demotekst.",
    )
    now = timezone.now()
    tokens = {
        "geldig": "een-token-dat-werkt",
        "verlopen": "een-token-dat-verlopen-is",
        "gebruikt": "een-token-dat-al-gebruikt-is",
    }
    for kind, token in tokens.items():
        OnderzoekerUitnodiging.objects.create(
            leerkring=circle,
            email=researcher.email,
            name=researcher.name,
            token_hash=uitnodiging_hash(token),
            invited_by=manager,
            created_at=now - datetime.timedelta(days=20),
            expires_at=now + datetime.timedelta(days=-6 if kind == "verlopen" else 1),
            accepted_at=now if kind == "gebruikt" else None,
            accepted_by=researcher if kind == "gebruikt" else None,
        )
    base = f"/programma/{SLUG}"
    kring = f"{base}/beheer/kringen/democratie-2027"
    link = "/programma/uitnodiging/"
    states = [
        # (who, path, what shows it is the intended state, a button to press first)
        (None, f"{base}/", "Meld je gemeente aan", None),
        (None, f"{base}/publicaties/", "wat de leerkring ons leerde", None),
        (manager, f"{base}/beheer/", "Alle leerkringen samen", None),
        (manager, f"{base}/beheer/kringen/nieuw/", "Nieuwe dilemma's", None),
        (manager, f"{base}/beheer/kringen/nieuw/", "Geef de leerkring een titel.", "aanmaken"),
        (manager, f"{kring}/", "Petra Kuipers", None),
        (manager, f"{kring}/", "Vul het e-mailadres in van de onderzoeker.", "Uitnodiging sturen"),
        (manager, f"{kring}/fase/lopend/", "Ja, de leerkring starten", None),
        (manager, f"{kring}/fase/afgesloten/", "Ja, afsluiten", None),
        (manager, f"{base}/beheer/kringen/democratie-2029/fase/open/", "Nodig eerst", None),
        (None, link + tokens["geldig"] + "/", "Word onderzoeker van", None),
        (researcher, link + tokens["geldig"] + "/", "Uitnodiging aannemen als", None),
        (manager, link + tokens["geldig"] + "/", "de uitnodiging ging naar", None),
        (None, link + tokens["verlopen"] + "/", "Deze uitnodiging werkt niet", None),
        (researcher, link + tokens["gebruikt"] + "/", "Naar je overzicht", None),
        (manager, "/overzicht/", "Voor jou als programmamanager", None),
    ]
    problems, pages = [], {}
    try:
        for who, path, shows, button in states:
            key = who.pk if who else None
            if key not in pages:
                context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
                pages[key] = context.new_page()
                if who is not None:
                    enter_as(pages[key], live_server, who)
            page = pages[key]
            page.goto(live_server.url + path)
            if button:
                page.get_by_role("main").get_by_role(
                    "button", name=re.compile(button, re.IGNORECASE)
                ).first.click()
                page.wait_for_selector(".leerkring-error-summary")
            expect(page.get_by_role("main")).to_contain_text(shows)
            try:
                assert_accessible(page)
            except AssertionError as error:
                problems.append(f"axe, {path} ({shows}): {error}")
            problems += [f"reflow, {path} ({shows}): {item}" for item in _reflow(page)]
    finally:
        for page in pages.values():
            page.context.close()
    assert problems == [], "\n\n".join(problems)
