"""Dilemmas and cases in the browser: a member brings in a case and a colleague from another
municipality finds it and responds; hostile text in cases and comments stays text; and every
page of this part of the site checked with axe as the role that can see it."""

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from dilemmas import services
from dilemmas.models import Casus, Dilemma, Reactie, Rol, Waarde
from tests.browser.helpers import log_in as _log_in
from tests.conftest import wait_for
from tests.factories import DilemmaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# --- Test data --------------------------------------------------------------------------------
def _dilemma(circle) -> Dilemma:
    return DilemmaFactory(
        leerkring=circle.leerkring,
        slug="bemiddelen",
        title="Bemiddelen",
        summary="Tussen inwoners en de gemeenteraad in staan zonder partij te kiezen.",
        description="Als ambtenaar sta je **tussen** initiatiefnemers en het bestuur.",
        questions="- Wanneer kies je partij?\n- Wie bepaalt de agenda?",
        conclusions="Wees vooraf open over wat de gemeente wel en niet kan beloven.",
    )


def _rollen(*slugs):
    return list(Rol.objects.filter(slug__in=slugs))


def _waarden(*slugs):
    return list(Waarde.objects.filter(slug__in=slugs))


def _library(circle) -> SimpleNamespace:
    """A case for every state a page can show: an open case with comments (one of them hidden),
    a draft, an anonymised case that was approved and one that waits for a researcher."""
    dilemma = _dilemma(circle)
    DilemmaFactory(
        leerkring=circle.leerkring,
        slug="loslaten",
        title="Loslaten",
        summary="Wanneer laat je een initiatief aan inwoners over?",
        description="Ruimte geven zonder de verantwoordelijkheid kwijt te raken.",
    )
    common = {"author": circle.member, "leerkring": circle.leerkring, "dilemma": dilemma}
    open_casus = services.casus_create(
        **common,
        rollen=_rollen("faciliteren", "verbinder"),
        waarden=_waarden("deliberatie"),
        publish=True,
        title="Moestuin in het Valkenbergpark",
        situation="Een burger wilde een moestuin beginnen in het park. De wijkraad was tegen.",
        question="Hoe had ik beide partijen kunnen betrekken?",
        visibility=Casus.Visibility.CIRCLE,
    )
    draft = services.casus_create(
        **common,
        rollen=_rollen("sturen"),
        waarden=[],
        publish=False,
        title="Subsidie voor het buurthuis",
        situation="Het buurthuis vroeg een subsidie aan die niet in de regels paste.",
        question="Mocht ik daar ruimte in zoeken?",
        visibility=Casus.Visibility.CIRCLE,
    )
    anon_approved = services.casus_create(
        **common,
        rollen=_rollen("loslaten", "netwerker"),
        waarden=_waarden("verantwoording"),
        publish=True,
        title="Speeltuin aan de Haagweg",
        situation="Ouders aan de Haagweg bouwden zelf een speeltuin op gemeentegrond.",
        question="Wie is er aansprakelijk?",
        visibility=Casus.Visibility.CIRCLE,
        anonymise=True,
        anon_title="Een speeltuin van ouders",
        anon_situation="Ouders in een wijk bouwden zelf een speeltuin op gemeentegrond.",
        anon_question="Wie is er aansprakelijk?",
    )
    services.casus_anon_approve(casus=anon_approved, actor=circle.researcher)
    anon_waiting = services.casus_create(
        **common,
        rollen=_rollen("analist"),
        waarden=_waarden("gelijkheid-en-inclusie"),
        publish=True,
        title="Inspraakavond in de Hoge Vucht",
        situation="Op de inspraakavond in de Hoge Vucht kwamen alleen huiseigenaren.",
        question="Hoe bereik ik huurders?",
        visibility=Casus.Visibility.CIRCLE,
        anonymise=True,
        anon_title="Een inspraakavond zonder huurders",
        anon_situation="Op een inspraakavond kwamen alleen huiseigenaren.",
        anon_question="Hoe bereik ik huurders?",
    )
    hidden = services.reactie_create(
        casus=open_casus,
        author=circle.other_member,
        body="De voorzitter van die wijkraad is een bekende van mij.",
    )
    services.reactie_hide(
        reactie=hidden, actor=circle.researcher, reason="Deze reactie noemt een herkenbare inwoner."
    )
    reactie = services.reactie_create(
        casus=open_casus,
        author=circle.other_member,
        body="Wij nodigden de wijkraad uit om **mee** te tuinieren.",
    )
    return SimpleNamespace(
        dilemma=dilemma,
        open=open_casus,
        draft=draft,
        anon_approved=anon_approved,
        anon_waiting=anon_waiting,
        reactie=reactie,
        hidden=hidden,
    )


# --- Browser helpers --------------------------------------------------------------------------


def _visit_as(page, live_server, circle, role: str) -> None:
    people = {
        "lid": circle.member,
        "tilburg": circle.other_member,
        "onderzoeker": circle.researcher,
    }
    if role != "anoniem":
        person = people[role]
        _log_in(page, live_server, person.email, name=person.name)


def _mail_to(mailoutbox, address: str, subject: str):
    for mail in mailoutbox:
        if address in mail.to and subject in mail.subject:
            return mail
    return None


# --- Journey ----------------------------------------------------------------------------------
def test_member_brings_in_a_case_and_a_colleague_elsewhere_responds(
    transactional_db, circle, live_server, page, new_context, mailoutbox
):
    _dilemma(circle)
    title = "Bewonersinitiatief voor een buurtmoestuin"

    # Lid Breda writes the case.
    _log_in(page, live_server, "lid@breda.nl", name="Lid Breda")
    page.goto(live_server.url + "/dilemmas/casussen/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Casus inbrengen")
    page.get_by_label("Titel", exact=True).fill(title)
    page.get_by_label("Welk dilemma speelde?").select_option(label="Bemiddelen")
    page.get_by_label("Wat speelde er?").fill(
        "Een burger vroeg of de gemeente een braakliggend stuk grond beschikbaar wilde "
        "stellen. De wijkraad wilde eerst zelf overleggen."
    )
    page.get_by_label("Wat wil je aan de leerkring vragen?").fill(
        "Hoe houd je iedereen betrokken zonder het initiatief over te nemen?"
    )
    rollen = page.get_by_role("group", name="Welke rol nam je?")
    rollen.get_by_label("faciliteren", exact=True).check()
    rollen.get_by_label("verbinder", exact=True).check()
    page.get_by_role("group", name="Welke democratische waarden speelden mee?").get_by_label(
        "deliberatie", exact=True
    ).check()
    page.get_by_role("group", name="Wie mag deze casus zien?").get_by_label(
        "de hele leerkring"
    ).check()
    page.get_by_role("button", name="Publiceren").click()

    expect(page.get_by_role("status")).to_contain_text("Je casus is gepubliceerd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Lid Breda, gemeente Breda")
    expect(main).to_contain_text("faciliteren, verbinder")
    expect(main).to_contain_text("deliberatie")
    expect(main).to_contain_text("de hele leerkring")
    expect(main).not_to_contain_text("Dit is een concept")
    casus = Casus.objects.get(title=title)
    assert casus.status == Casus.Status.PUBLISHED
    assert casus.gemeente == circle.breda

    # Lid Tilburg, in a browser of their own, finds it with another form of a word.
    other = new_context().new_page()
    _log_in(other, live_server, "lid@tilburg.nl", name="Lid Tilburg")
    other.goto(live_server.url + "/dilemmas/casussen/")
    search = other.get_by_role("search", name="Casussen zoeken en filteren")
    search.get_by_role("textbox", name="Zoeken").fill("burgers")
    search.get_by_role("button", name="Zoeken").click()
    expect(other).to_have_url(re.compile(r"[?&]q=burgers"))
    expect(other.get_by_role("heading", level=2, name="1 casus gevonden")).to_be_visible()
    result = other.locator(".leerkring-result")
    expect(result).to_have_count(1)
    expect(result.locator("mark")).to_have_text(re.compile(r"^burger$", re.IGNORECASE))
    expect(result).to_contain_text("gemeente Breda")
    result.get_by_role("link", name=title).click()

    expect(other.get_by_role("heading", level=1)).to_have_text(title)
    expect(other.get_by_role("main")).to_contain_text("Nog geen reacties.")
    comment = "Wij lieten de wijkraad en de initiatiefnemer samen het plan schrijven."
    other.get_by_label("Je reactie").fill(comment)
    other.get_by_role("button", name="Reactie plaatsen").click()

    expect(other.get_by_role("status")).to_contain_text("Je reactie is geplaatst.")
    posted = other.get_by_role("article", name="Reactie van Lid Tilburg")
    expect(posted).to_contain_text(comment)

    # Lid Breda hears of it.
    mail = wait_for(lambda: _mail_to(mailoutbox, "lid@breda.nl", "Nieuwe reactie op je casus"))
    assert title in mail.subject
    assert comment in mail.body
    assert "Lid Tilburg" in mail.body

    page.reload()
    expect(page.get_by_role("article", name="Reactie van Lid Tilburg")).to_contain_text(comment)


# --- Hostile text -----------------------------------------------------------------------------
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "[klik](javascript:window.__xss=3)",
    '<a href="javascript:window.__xss=4">a</a>',
    '<svg onload="window.__xss=5"><circle r=5></svg>',
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    '<b onmouseover="window.__xss=6">hover</b>',
    '<iframe src="javascript:window.__xss=7">',
    "<div <img src=x onerror=window.__xss=8>",
]
SEARCH_WORD = "wijkbewoners"
# The search word before every payload, so whichever fragment the snippet picks holds some.
HOSTILE = "\n\n".join(f"De {SEARCH_WORD} schreven {payload} terug." for payload in PAYLOADS)
HOSTILE_TITLE = " ".join(PAYLOADS[:3])[:200]

# Watches for policy violations: a blocked inline script would also mean hostile markup
# reached the page, even though the Content Security Policy stopped it from running.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""

DANGEROUS_DOM = """
() => {
    const main = document.querySelector("main");
    const found = [];
    for (const el of main.querySelectorAll("*")) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase();
            const value = attr.value.trim().toLowerCase();
            if (name.startsWith("on")) found.push(`${el.tagName} ${name}`);
            if (["href", "src", "action", "formaction", "xlink:href"].includes(name)
                && /^(javascript|data|vbscript):/.test(value)) {
                found.push(`${el.tagName} ${name}=${value}`);
            }
        }
    }
    for (const el of main.querySelectorAll("script, iframe, object, embed, img, svg, style")) {
        found.push(`<${el.tagName.toLowerCase()}>`);
    }
    for (const el of main.querySelectorAll('a[href^="javascript" i], a[href^="data" i]')) {
        found.push(`a href=${el.getAttribute("href")}`);
    }
    return found;
}
"""


def _watch(page) -> list[str]:
    """Record every dialog the page opens (and dismiss it)."""
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(WATCH_CSP)
    return dialogs


def _poke(page, selector: str) -> None:
    """Hover over and click whatever the user's text became, as a curious reader would."""
    for element in page.locator(selector).all():
        if element.is_visible():
            element.hover()
            element.click()
    # Event handlers and failed image loads fire asynchronously; give them a moment.
    page.wait_for_timeout(300)


def _assert_nothing_ran(page, dialogs: list[str]) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined", page.url
    assert dialogs == [], f"{page.url}: {dialogs}"
    assert page.evaluate(DANGEROUS_DOM) == [], page.url
    assert page.evaluate("window.__cspViolations") == [], page.url


def _hostile_case(circle) -> tuple[Casus, Reactie]:
    casus = services.casus_create(
        author=circle.member,
        leerkring=circle.leerkring,
        dilemma=_dilemma(circle),
        rollen=_rollen("faciliteren"),
        waarden=_waarden("deliberatie"),
        publish=True,
        title=HOSTILE_TITLE,
        situation=HOSTILE,
        question=HOSTILE,
        visibility=Casus.Visibility.CIRCLE,
    )
    reactie = services.reactie_create(casus=casus, author=circle.other_member, body=HOSTILE)
    return casus, reactie


def test_hostile_text_in_a_case_and_a_comment_stays_text(
    transactional_db, circle, live_server, page
):
    casus, reactie = _hostile_case(circle)
    dialogs = _watch(page)
    _log_in(page, live_server, "lid@tilburg.nl", name="Lid Tilburg")

    # The case page, as a member of another municipality.
    page.goto(f"{live_server.url}/dilemmas/casussen/{casus.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HOSTILE_TITLE)
    expect(page.get_by_role("heading", level=1)).to_contain_text("<script>window.__xss=1</script>")
    expect(page.get_by_role("article", name="Reactie van Lid Tilburg")).to_contain_text(
        f"De {SEARCH_WORD} schreven"
    )
    _poke(page, "main .leerkring-rich-text :is(a, b, strong, em, p)")
    _assert_nothing_ran(page, dialogs)

    # The library, without a search and with one, so the snippet is shown.
    page.goto(f"{live_server.url}/dilemmas/casussen/")
    card = page.locator(".leerkring-result")
    expect(card.get_by_role("link")).to_have_text(HOSTILE_TITLE)
    _poke(page, "main .leerkring-result p")
    _assert_nothing_ran(page, dialogs)

    page.goto(f"{live_server.url}/dilemmas/casussen/?q={SEARCH_WORD}")
    expect(page.get_by_role("heading", level=2, name="1 casus gevonden")).to_be_visible()
    snippet = page.locator(".leerkring-result p", has=page.locator("mark"))
    expect(snippet).to_contain_text(SEARCH_WORD)
    expect(card.get_by_role("link")).to_contain_text("window.__xss")
    _poke(page, "main .leerkring-result p :is(mark, a, b)")
    _assert_nothing_ran(page, dialogs)

    # The comment's edit page, as its author: the text comes back exactly as written.
    page.goto(f"{live_server.url}/dilemmas/reacties/{reactie.pk}/bewerken/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reactie aanpassen")
    expect(page.get_by_label("Je reactie")).to_have_value(HOSTILE)
    _assert_nothing_ran(page, dialogs)

    # And its delete page, which quotes it.
    page.goto(f"{live_server.url}/dilemmas/reacties/{reactie.pk}/verwijderen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reactie verwijderen?")
    expect(page.locator("main blockquote")).to_contain_text(f"De {SEARCH_WORD} schreven")
    _poke(page, "main blockquote :is(a, b, strong, em, p)")
    _assert_nothing_ran(page, dialogs)


def test_hostile_text_stays_text_for_the_author_and_the_researcher(
    transactional_db, circle, live_server, page, new_context
):
    """The author's history, the researcher's approval section and hide page, and the
    anonymised version a colleague elsewhere reads."""
    casus, reactie = _hostile_case(circle)
    casus = services.casus_update(
        casus=casus,
        editor=circle.member,
        rollen=_rollen("faciliteren"),
        waarden=_waarden("deliberatie"),
        anonymise=True,
        anon_title=HOSTILE_TITLE,
        anon_situation=HOSTILE,
        anon_question=HOSTILE,
    )

    # The author: the case page and its history, where the old and new text are compared.
    dialogs = _watch(page)
    _log_in(page, live_server, "lid@breda.nl", name="Lid Breda")
    page.goto(f"{live_server.url}/dilemmas/casussen/{casus.pk}/geschiedenis/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geschiedenis van deze casus")
    expect(page.locator("main ins", has_text="window.__xss").first).to_be_visible()
    _assert_nothing_ran(page, dialogs)

    # The researcher: the anonymised version awaiting approval, and the hide page.
    researcher = new_context().new_page()
    researcher_dialogs = _watch(researcher)
    _log_in(researcher, live_server, "onderzoeker@uni.example", name="Onderzoeker")
    researcher.goto(f"{live_server.url}/dilemmas/casussen/{casus.pk}/")
    approval = researcher.get_by_role("region", name="Geanonimiseerde versie")
    expect(approval).to_contain_text("<script>window.__xss=1</script>")
    expect(approval.get_by_role("button", name="Geanonimiseerde versie goedkeuren")).to_be_visible()
    _poke(researcher, "main .leerkring-rich-text :is(a, b, strong, em, p)")
    _assert_nothing_ran(researcher, researcher_dialogs)

    researcher.goto(f"{live_server.url}/dilemmas/casussen/te-keuren/")
    expect(researcher.get_by_role("main").get_by_role("link", name=HOSTILE_TITLE)).to_be_visible()
    _assert_nothing_ran(researcher, researcher_dialogs)

    researcher.goto(f"{live_server.url}/dilemmas/reacties/{reactie.pk}/verbergen/")
    expect(researcher.get_by_role("heading", level=1)).to_have_text("Reactie verbergen")
    _poke(researcher, "main blockquote :is(a, b, strong, em, p)")
    _assert_nothing_ran(researcher, researcher_dialogs)

    approval_button = "Geanonimiseerde versie goedkeuren"
    researcher.goto(f"{live_server.url}/dilemmas/casussen/{casus.pk}/")
    researcher.get_by_role("button", name=approval_button).click()
    expect(researcher.get_by_role("status")).to_contain_text("goedgekeurd")

    # A colleague elsewhere now reads the anonymised version, in the library and on its page.
    other = new_context().new_page()
    other_dialogs = _watch(other)
    _log_in(other, live_server, "lid@tilburg.nl", name="Lid Tilburg")
    other.goto(f"{live_server.url}/dilemmas/casussen/?q={SEARCH_WORD}")
    expect(other.get_by_role("heading", level=2, name="1 casus gevonden")).to_be_visible()
    expect(other.locator(".leerkring-result")).to_contain_text("een deelnemende gemeente")
    _poke(other, "main .leerkring-result p :is(mark, a, b)")
    _assert_nothing_ran(other, other_dialogs)

    other.goto(f"{live_server.url}/dilemmas/casussen/{casus.pk}/")
    expect(other.get_by_role("main")).to_contain_text("een deelnemer uit een andere gemeente")
    expect(other.get_by_role("heading", level=1)).to_contain_text("window.__xss")
    _poke(other, "main .leerkring-rich-text :is(a, b, strong, em, p)")
    _assert_nothing_ran(other, other_dialogs)


# --- Accessibility ----------------------------------------------------------------------------
# (id, role, path, texts only that view shows). Paths are filled in with the test data.
PAGES = [
    ("dilemmalijst", "anoniem", "/dilemmas/", ["De dilemma's van de leerkring", "Bemiddelen"]),
    (
        "dilemma-anoniem",
        "anoniem",
        "/dilemmas/{leerkring}/bemiddelen/",
        ["Wat de leerkring concludeerde", "Over dit dilemma zijn 3 casussen ingebracht."],
    ),
    (
        "dilemma-lid",
        "lid",
        "/dilemmas/{leerkring}/bemiddelen/",
        ["Bekijk de casussen", "Toon de cijfers bij deze grafiek"],
    ),
    (
        "dilemma-bewerken",
        "onderzoeker",
        "/dilemmas/{leerkring}/bemiddelen/bewerken/",
        ["Bemiddelen bewerken", "Terug zonder op te slaan"],
    ),
    ("bibliotheek", "lid", "/dilemmas/casussen/", ["3 casussen", "Breng zelf een casus in"]),
    (
        "bibliotheek-zoeken",
        "lid",
        "/dilemmas/casussen/?q=burgers",
        ["1 casus gevonden", "Moestuin in het Valkenbergpark"],
    ),
    (
        "bibliotheek-filter",
        "lid",
        "/dilemmas/casussen/?waarde=deliberatie",
        ["1 casus", "Moestuin in het Valkenbergpark"],
    ),
    (
        "bibliotheek-onderzoeker",
        "onderzoeker",
        "/dilemmas/casussen/",
        ["Geanonimiseerde casussen keuren", "Inspraakavond in de Hoge Vucht"],
    ),
    ("nieuwe-casus", "lid", "/dilemmas/casussen/nieuw/", ["Casus inbrengen", "Welke rol nam je?"]),
    (
        "concept-auteur",
        "lid",
        "/dilemmas/casussen/{draft}/",
        ["Subsidie voor het buurthuis", "Dit is een concept. Alleen jij ziet het."],
    ),
    (
        "geanonimiseerd-andere-gemeente",
        "tilburg",
        "/dilemmas/casussen/{anon_approved}/",
        ["Een speeltuin van ouders", "een deelnemer uit een andere gemeente"],
    ),
    (
        "goedkeuren-onderzoeker",
        "onderzoeker",
        "/dilemmas/casussen/{anon_waiting}/",
        ["Geanonimiseerde versie goedkeuren", "Een inspraakavond zonder huurders"],
    ),
    (
        "casus-bewerken",
        "lid",
        "/dilemmas/casussen/{open}/bewerken/",
        ["Casus bewerken", "Wijzigingen opslaan"],
    ),
    (
        "mijn-casussen",
        "lid",
        "/dilemmas/casussen/mijn/",
        ["Mijn casussen", "Subsidie voor het buurthuis", "geanonimiseerd, wacht op goedkeuring"],
    ),
    (
        "te-keuren",
        "onderzoeker",
        "/dilemmas/casussen/te-keuren/",
        ["Geanonimiseerde casussen keuren", "Inspraakavond in de Hoge Vucht"],
    ),
    (
        "reactie-aanpassen",
        "tilburg",
        "/dilemmas/reacties/{reactie}/bewerken/",
        ["Reactie aanpassen", "Terug zonder op te slaan"],
    ),
    (
        "reactie-verwijderen",
        "tilburg",
        "/dilemmas/reacties/{reactie}/verwijderen/",
        ["Reactie verwijderen?", "Ja, verwijderen"],
    ),
    (
        "reactie-verbergen",
        "onderzoeker",
        "/dilemmas/reacties/{reactie}/verbergen/",
        ["Reactie verbergen", "Waarom verberg je deze reactie?"],
    ),
    (
        "verborgen-reactie-auteur",
        "tilburg",
        "/dilemmas/casussen/{open}/",
        [
            "Deze reactie is verborgen door een onderzoeker.",
            "Reden: Deze reactie noemt een herkenbare inwoner.",
            "Aanpassen",
        ],
    ),
]


def _path(template: str, circle, data) -> str:
    return template.format(
        leerkring=circle.leerkring.slug,
        open=data.open.pk,
        draft=data.draft.pk,
        anon_approved=data.anon_approved.pk,
        anon_waiting=data.anon_waiting.pk,
        reactie=data.reactie.pk,
    )


@pytest.mark.parametrize(
    ("role", "path", "texts"),
    [(role, path, texts) for _, role, path, texts in PAGES],
    ids=[page_id for page_id, *_ in PAGES],
)
def test_page_has_no_axe_violations(
    transactional_db, circle, live_server, page, assert_accessible, role, path, texts
):
    data = _library(circle)
    _visit_as(page, live_server, circle, role)

    page.goto(live_server.url + _path(path, circle, data))
    main = page.get_by_role("main")
    for text in texts:
        expect(main).to_contain_text(text)
    assert_accessible(page)


def test_filtered_library_shows_only_matching_cases(transactional_db, circle, live_server, page):
    """The filter view checked above really filters, so axe saw a narrowed list."""
    _library(circle)
    _visit_as(page, live_server, circle, "lid")
    page.goto(live_server.url + "/dilemmas/casussen/?waarde=deliberatie")
    expect(page.get_by_role("heading", level=2, name="1 casus", exact=True)).to_be_visible()
    expect(page.locator(".leerkring-result")).to_have_count(1)


@pytest.mark.parametrize(
    ("role", "path", "button", "error"),
    [
        ("lid", "/dilemmas/casussen/nieuw/", "Publiceren", "Kies minstens één rol."),
        (
            "onderzoeker",
            "/dilemmas/reacties/{reactie}/verbergen/",
            "Verbergen",
            "Schrijf op waarom je de reactie verbergt.",
        ),
        ("tilburg", "/dilemmas/casussen/{open}/", "Reactie plaatsen", "Schrijf eerst je reactie."),
    ],
    ids=["nieuwe-casus", "reactie-verbergen", "reactie-plaatsen"],
)
def test_form_submitted_empty_has_no_axe_violations(
    transactional_db, circle, live_server, page, assert_accessible, role, path, button, error
):
    data = _library(circle)
    _visit_as(page, live_server, circle, role)

    page.goto(live_server.url + _path(path, circle, data))
    page.get_by_role("main").get_by_role("button", name=button, exact=True).click()
    summary = page.locator(".leerkring-error-summary")
    expect(summary).to_contain_text("Controleer wat je hebt ingevuld")
    expect(summary).to_contain_text(error)
    assert_accessible(page)


def test_case_history_after_an_edit_has_no_axe_violations(
    transactional_db, circle, live_server, page, assert_accessible
):
    data = _library(circle)
    _visit_as(page, live_server, circle, "lid")

    page.goto(f"{live_server.url}/dilemmas/casussen/{data.open.pk}/bewerken/")
    page.get_by_label("Titel", exact=True).fill("Moestuin in het park")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Je wijzigingen zijn opgeslagen.")

    page.get_by_role("main").get_by_role("link", name="Geschiedenis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geschiedenis van deze casus")
    main = page.get_by_role("main")
    expect(main.locator("section")).to_have_count(2)
    expect(main).to_contain_text("Eerste versie.")
    expect(main.locator("del")).to_contain_text("Moestuin in het Valkenbergpark")
    expect(main.locator("ins")).to_contain_text("Moestuin in het park")
    assert_accessible(page)
