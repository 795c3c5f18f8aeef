"""Meeting reports in the browser: a researcher writes, publishes and downloads a report while a
real worker makes the PDF and the page follows along by itself (htmx); a member without
JavaScript gets the PDF by reloading; a failed PDF is tried again; publishing with the keyboard
alone; and every report page checked with axe in each state it can be in."""

import contextlib
import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bijeenkomsten.documents import VERSLAG
from bijeenkomsten.models import Verslag, VerslagVersie
from bijeenkomsten.services import verslagen
from leerkring.celery import app as celery_app
from leerkring.core.models import RenderJob
from tests.browser.helpers import log_in, tab_to
from tests.conftest import wait_for
from tests.factories import AanmeldingFactory, BijeenkomstFactory, DilemmaFactory, WerkgroepFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Verslag van de kick-off in Breda"
AUTHORS = "Onderzoeker, Tweede Onderzoeker"
BODY = "## Opening\n\nDe dag begon met een **verkenning** van de drie dilemma's."
CONCLUSIONS = "Loslaten vraagt om vertrouwen, en vertrouwen vraagt om afspraken."
GROUP_CONCLUSION = "Bemiddelen is vooral luisteren."
DOWNLOAD = "Download als PDF"
RETRY = "Probeer de PDF opnieuw te maken"
PUBLISH = "Publiceren en deelnemers mailen"
CONFIRM = "Ja, publiceren en deelnemers mailen"
# The project routes no task elsewhere: PDFs and e-mails all wait in the default queue.
QUEUE = celery_app.conf.task_default_queue


# --- Test data --------------------------------------------------------------------------------
@pytest.fixture
def held(circle):
    """A meeting of last week with a work group, attended by two people from Breda and one
    from Tilburg."""
    starts = timezone.now() - datetime.timedelta(days=7)
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Kick-off",
        capacity=10,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        registration_closes_at=starts - datetime.timedelta(days=1),
    )
    dilemma = DilemmaFactory(leerkring=circle.leerkring, title="Bemiddelen")
    groep = WerkgroepFactory(
        bijeenkomst=meeting, title="Werkgroep Bemiddelen", dilemma=dilemma, capacity=5
    )
    for user, gemeente in (
        (circle.member, circle.breda),
        (circle.coordinator, circle.breda),
        (circle.other_member, circle.tilburg),
    ):
        AanmeldingFactory(
            bijeenkomst=meeting,
            deelnemer=user,
            gemeente=gemeente,
            status="aanwezig",
            werkgroep=groep,
        )
    meeting.groep = groep
    return meeting


def _write(circle, held, **changes) -> tuple[Verslag, VerslagVersie]:
    """Save the report through the service, as the form does."""
    fields = {
        "title": TITLE,
        "authors": AUTHORS,
        "body": BODY,
        "conclusions": CONCLUSIONS,
        "werkgroep_conclusies": {held.groep.pk: GROUP_CONCLUSION},
        **changes,
    }
    verslag, versie, _changed = verslagen.verslag_save(
        bijeenkomst=held, user=circle.researcher, **fields
    )
    return verslag, versie


def _published(circle, held) -> tuple[Verslag, VerslagVersie, RenderJob]:
    """A published report whose PDF is made (tasks run eagerly outside `celery_worker`)."""
    verslag, versie = _write(circle, held)
    assert verslagen.verslag_publish(verslag=verslag)
    job = RenderJob.objects.get(kind=VERSLAG, object_id=versie.pk)
    assert job.status == RenderJob.Status.READY, job.last_error
    return verslag, versie, job


@contextlib.contextmanager
def _worker_paused():
    """The worker stops taking tasks from the queue (they wait in Redis) until the block ends,
    so that a test can see a PDF that is still in the queue, whatever the worker's speed."""
    # One worker: with limit=1 the call returns as soon as it has confirmed.
    assert celery_app.control.cancel_consumer(QUEUE, reply=True, timeout=10, limit=1)
    try:
        yield
    finally:
        assert celery_app.control.add_consumer(QUEUE, reply=True, timeout=10, limit=1)


# --- Browser helpers --------------------------------------------------------------------------
def _as(page, live_server, person) -> None:
    log_in(page, live_server, person.email, name=person.name)


def _pdf_box(page):
    return page.get_by_role("region", name="PDF")


def _download(page, link) -> tuple[str, bytes]:
    with page.expect_download() as info:
        link.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


# --- Journey: write, publish, watch the PDF being made, download -----------------------------
def test_researcher_writes_and_publishes_and_the_pdf_appears_without_a_reload(
    transactional_db, circle, held, celery_worker, live_server, page
):
    _as(page, live_server, circle.researcher)
    page.goto(f"{live_server.url}/bijeenkomsten/{held.pk}/")
    page.get_by_role("link", name="Schrijf het verslag van deze dag").click()

    # No report yet: the report page leads to the form.
    expect(page).to_have_url(re.compile(rf"/bijeenkomsten/{held.pk}/verslag/schrijven/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verslag schrijven")
    main = page.get_by_role("main")
    expect(main).to_contain_text("nu 3 deelnemers, uit 2 gemeenten.")
    main.get_by_label("Titel", exact=True).fill(TITLE)
    main.get_by_label("Auteurs", exact=True).fill(AUTHORS)
    main.get_by_label("Verslag", exact=True).fill(BODY)
    main.get_by_label(re.compile(r"^Conclusies van de dag")).fill(CONCLUSIONS)
    main.get_by_label(re.compile(r"^Conclusies van werkgroep Werkgroep Bemiddelen")).fill(
        GROUP_CONCLUSION
    )
    main.get_by_role("button", name="Concept opslaan").click()

    # The draft, as only researchers see it.
    expect(page).to_have_url(re.compile(rf"/bijeenkomsten/{held.pk}/verslag/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text("Het concept is opgeslagen.")
    expect(main).to_contain_text("Dit is een concept")
    expect(main.locator("strong", has_text="verkenning")).to_be_visible()
    expect(page.get_by_role("region", name="Werkgroepen")).to_contain_text(GROUP_CONCLUSION)
    expect(_pdf_box(page)).to_have_count(0)
    assert not RenderJob.objects.exists()

    polls = []

    def count_polls(request):
        # The core's status URL of every kind of PDF (leerkring/core/rendering/urls.py).
        if re.search(r"/pdf/verslag/\d+/status/$", request.url):
            polls.append(request)

    page.on("request", count_polls)
    with _worker_paused():
        page.get_by_role("link", name=PUBLISH).click()
        # Publishing asks first, with the number of people the e-mail goes to.
        expect(main).to_contain_text("3 deelnemers krijgen een e-mail met het verslag.")
        main.get_by_role("button", name=CONFIRM).click()
        expect(main).to_contain_text(
            "Het verslag is gepubliceerd. 3 deelnemers krijgen een e-mail en de PDF wordt gemaakt."
        )
        expect(main).not_to_contain_text("Dit is een concept")
        box = _pdf_box(page)
        expect(box).to_contain_text("De PDF staat in de wachtrij en wordt zo gemaakt.")
        expect(box).to_contain_text("Deze melding werkt zichzelf bij.")
        expect(box.get_by_role("link", name=DOWNLOAD)).to_have_count(0)
        # Anything a reload would wipe out.
        page.evaluate("window.__marker = 1")

    # The worker takes the job; the box follows by itself, without a reload.
    link = box.get_by_role("link", name=DOWNLOAD)
    expect(link).to_be_visible(timeout=30_000)
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    assert polls, "the box never asked for its state"
    assert all(p.headers.get("hx-request") == "true" for p in polls)
    expect(box).not_to_contain_text("wachtrij")
    expect(box).to_contain_text(re.compile(r"\d+ pagina's"))
    job = RenderJob.objects.get(kind=VERSLAG)
    assert job.status == RenderJob.Status.READY
    assert job.attempts == 1

    filename, content = _download(page, link)
    assert filename == "verslag-kick-off-v1.pdf"
    assert content.startswith(b"%PDF-")
    assert len(content) == job.size


# --- Without JavaScript -----------------------------------------------------------------------
def test_member_without_javascript_gets_the_pdf_by_reloading(
    transactional_db, circle, held, celery_worker, live_server, new_context
):
    page = new_context(java_script_enabled=False).new_page()
    assert page.evaluate("1 + 1") == 2  # Playwright itself still runs scripts...
    _as(page, live_server, circle.member)
    url = f"{live_server.url}/bijeenkomsten/{held.pk}/verslag/"

    with _worker_paused():
        verslag, versie = _write(circle, held)
        verslagen.verslag_publish(verslag=verslag)
        page.goto(f"{live_server.url}/bijeenkomsten/{held.pk}/")
        page.get_by_role("link", name="Lees het verslag van deze dag").click()
        expect(page).to_have_url(url)
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        box = _pdf_box(page)
        expect(box).to_contain_text("De PDF staat in de wachtrij en wordt zo gemaakt.")
        expect(box.get_by_role("link", name=DOWNLOAD)).to_have_count(0)
        # ...but the page's own do not: htmx cannot poll, and the link says what to do.
        assert page.evaluate("typeof window.htmx") == "undefined"
        # A member sees neither the researchers' buttons nor the versions.
        expect(page.get_by_role("link", name=PUBLISH)).to_have_count(0)
        expect(page.get_by_role("region", name="Versies")).to_have_count(0)
        # The PDF address, asked for too early, leads back to the page with a word of why.
        page.goto(url + "pdf/")
        expect(page).to_have_url(url)
        expect(page.get_by_role("main")).to_contain_text("De PDF is nog niet klaar.")
        # The link in the box reloads the page; still in the queue.
        box.get_by_role("link", name="Vernieuw de pagina").click()
        expect(page).to_have_url(url)
        expect(box).to_contain_text("De PDF staat in de wachtrij en wordt zo gemaakt.")

    wait_for(
        lambda: RenderJob.objects.filter(
            kind=VERSLAG, object_id=versie.pk, status=RenderJob.Status.READY
        ).exists(),
        timeout=30,
    )
    # Nothing changes by itself; the browser's own reload shows the link.
    expect(box).to_contain_text("De PDF staat in de wachtrij")
    page.reload()
    link = _pdf_box(page).get_by_role("link", name=DOWNLOAD)
    expect(link).to_be_visible()
    expect(box).not_to_contain_text("wachtrij")
    # The status address, opened directly (no htmx), shows the whole page.
    page.goto(url + "status/")
    expect(page).to_have_url(url)
    expect(link).to_be_visible()

    filename, content = _download(page, link)
    assert filename == "verslag-kick-off-v1.pdf"
    assert content.startswith(b"%PDF-")


# --- A PDF that failed ------------------------------------------------------------------------
def test_researcher_sees_a_failed_pdf_and_has_it_made_again(
    transactional_db, circle, held, celery_worker, live_server, page, new_context
):
    verslag, versie = _write(circle, held)
    verslagen.verslag_publish(verslag=verslag)
    job = wait_for(
        lambda: RenderJob.objects.filter(
            kind=VERSLAG, object_id=versie.pk, status=RenderJob.Status.READY
        ).first(),
        timeout=30,
    )
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.FAILED, last_error="Testfout", attempts=3
    )
    url = f"{live_server.url}/bijeenkomsten/{held.pk}/verslag/"

    # A member is told it is not there, without the researchers' details.
    member = new_context().new_page()
    _as(member, live_server, circle.member)
    member.goto(url)
    expect(_pdf_box(member)).to_contain_text(
        "De PDF is nog niet beschikbaar. De onderzoekers weten ervan."
    )
    expect(_pdf_box(member)).not_to_contain_text("Testfout")
    expect(member.get_by_role("button", name=RETRY)).to_have_count(0)

    _as(page, live_server, circle.researcher)
    page.goto(url)
    box = _pdf_box(page)
    expect(box).to_contain_text("Het maken van de PDF is mislukt.")
    expect(box).to_contain_text("Foutmelding: Testfout")
    expect(box).to_contain_text("Na 3 pogingen.")
    expect(box.get_by_role("link", name=DOWNLOAD)).to_have_count(0)
    # The versions list says the same.
    expect(page.get_by_role("region", name="Versies", exact=True)).to_contain_text("mislukt")

    box.get_by_role("button", name=RETRY).click()
    expect(page.get_by_role("main")).to_contain_text("De PDF wordt opnieuw gemaakt.")
    # The worker makes it; the page shows the link (by itself if it was still in the queue).
    link = _pdf_box(page).get_by_role("link", name=DOWNLOAD)
    expect(link).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name=RETRY)).to_have_count(0)
    expect(_pdf_box(page)).not_to_contain_text("Testfout")
    job.refresh_from_db()
    assert (job.status, job.last_error, job.attempts) == (RenderJob.Status.READY, "", 1)
    _filename, content = _download(page, link)
    assert content.startswith(b"%PDF-")

    # The member, reloading, now finds it too.
    member.reload()
    expect(_pdf_box(member).get_by_role("link", name=DOWNLOAD)).to_be_visible()


def test_after_a_retry_the_researcher_is_not_told_the_newest_version_is_an_old_one(
    transactional_db, circle, held, live_server, page
):
    """The retry button of the current version leads to /versies/<n>/; that page must not
    claim to be an older version than the one members see."""
    _verslag, _versie, job = _published(circle, held)
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.FAILED, last_error="Testfout"
    )
    _as(page, live_server, circle.researcher)
    page.goto(f"{live_server.url}/bijeenkomsten/{held.pk}/verslag/")
    page.get_by_role("button", name=RETRY).click()
    expect(_pdf_box(page).get_by_role("link", name=DOWNLOAD)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("main")).not_to_contain_text(
        "Deelnemers zien alleen de nieuwste versie"
    )


def test_screen_readers_hear_that_the_pdf_is_ready(
    transactional_db, circle, held, live_server, page
):
    """The box announces its changes through role="status". A live region is only reliably
    read out when it is already on the page when its text changes, so the polling must change
    what is inside the region, not replace the region itself."""
    _verslag, _versie, job = _published(circle, held)
    RenderJob.objects.filter(pk=job.pk).update(status=RenderJob.Status.QUEUED)
    _as(page, live_server, circle.member)
    page.goto(f"{live_server.url}/bijeenkomsten/{held.pk}/verslag/")
    region = _pdf_box(page).get_by_role("status")
    expect(region).to_contain_text("De PDF staat in de wachtrij")
    region.evaluate("el => { el.dataset.sinceLoad = 'yes'; }")

    RenderJob.objects.filter(pk=job.pk).update(status=RenderJob.Status.READY)
    expect(region.get_by_role("link", name=DOWNLOAD)).to_be_visible(timeout=10_000)
    assert region.evaluate("el => el.dataset.sinceLoad") == "yes", (
        "the role=status element was replaced by a new one, so the change may go unannounced"
    )


# --- Keyboard ---------------------------------------------------------------------------------
def test_publishing_works_with_the_keyboard_alone(
    transactional_db, circle, held, live_server, page
):
    _write(circle, held)
    _as(page, live_server, circle.researcher)
    page.goto(f"{live_server.url}/bijeenkomsten/{held.pk}/verslag/")
    expect(page.get_by_role("main")).to_contain_text("Dit is een concept")

    tab_to(page, page.get_by_role("link", name=PUBLISH))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("button", name=CONFIRM))
    page.keyboard.press("Enter")

    expect(page.get_by_role("main")).to_contain_text("Het verslag is gepubliceerd.")
    expect(page.get_by_role("main")).not_to_contain_text("Dit is een concept")
    expect(page.get_by_role("link", name=PUBLISH)).to_have_count(0)
    assert Verslag.objects.get(bijeenkomst=held).is_published
    expect(_pdf_box(page)).to_be_visible()


# --- Accessibility ----------------------------------------------------------------------------
def _state_draft(circle, held):
    _write(circle, held)
    return SimpleNamespace(path="verslag/", expected="Dit is een concept")


def _state_pending(circle, held):
    _verslag, _versie, job = _published(circle, held)
    # As just after publishing: the job waits for a worker (none takes it in this test).
    RenderJob.objects.filter(pk=job.pk).update(status=RenderJob.Status.QUEUED)
    return SimpleNamespace(path="verslag/", expected="De PDF staat in de wachtrij")


def _state_rendering(circle, held):
    _verslag, _versie, job = _published(circle, held)
    RenderJob.objects.filter(pk=job.pk).update(status=RenderJob.Status.RENDERING)
    return SimpleNamespace(path="verslag/", expected="De PDF wordt nu gemaakt.")


def _state_ready(circle, held):
    _published(circle, held)
    return SimpleNamespace(path="verslag/", expected=DOWNLOAD)


def _state_failed(circle, held):
    _verslag, _versie, job = _published(circle, held)
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.FAILED, last_error="Testfout", attempts=3
    )
    return SimpleNamespace(path="verslag/", expected=RETRY)


def _state_failed_member(circle, held):
    _state_failed(circle, held)
    return SimpleNamespace(path="verslag/", expected="De onderzoekers weten ervan.")


def _state_versions(circle, held):
    _published(circle, held)
    _write(circle, held, conclusions="Een bijgestelde conclusie.")
    return SimpleNamespace(path="verslag/", expected="Versie 2")


def _state_old_version(circle, held):
    _state_versions(circle, held)
    return SimpleNamespace(path="verslag/versies/1/", expected="Je bekijkt versie 1.")


def _state_presentielijst(circle, held):
    return SimpleNamespace(path="presentielijst/pdf/", expected=DOWNLOAD)


# (id, who looks, how the data is set up)
STATES = [
    ("concept", "researcher", _state_draft),
    ("gepubliceerd-pdf-in-wachtrij", "member", _state_pending),
    ("gepubliceerd-pdf-wordt-gemaakt", "member", _state_rendering),
    ("gepubliceerd-pdf-klaar", "member", _state_ready),
    ("gepubliceerd-pdf-klaar-onderzoeker", "researcher", _state_ready),
    ("pdf-mislukt-onderzoeker", "researcher", _state_failed),
    ("pdf-mislukt-lid", "member", _state_failed_member),
    ("versies", "researcher", _state_versions),
    ("oude-versie", "researcher", _state_old_version),
    ("presentielijst-pdf", "researcher", _state_presentielijst),
]


@pytest.mark.parametrize(("who", "state"), [s[1:] for s in STATES], ids=[s[0] for s in STATES])
def test_report_page_has_no_axe_violations(
    transactional_db, circle, held, live_server, page, assert_accessible, who, state
):
    data = state(circle, held)
    _as(page, live_server, getattr(circle, who))
    page.goto(f"{live_server.url}/bijeenkomsten/{held.pk}/{data.path}")
    expect(page.get_by_role("main")).to_contain_text(data.expected)
    assert_accessible(page)


def test_report_form_has_no_axe_violations_empty_and_with_errors(
    transactional_db, circle, held, live_server, page, assert_accessible
):
    _as(page, live_server, circle.researcher)
    page.goto(f"{live_server.url}/bijeenkomsten/{held.pk}/verslag/schrijven/")
    main = page.get_by_role("main")
    expect(main.get_by_label("Verslag", exact=True)).to_be_visible()
    assert_accessible(page)

    # Everything emptied, then saved: the summary lists each missing field.
    main.get_by_label("Titel", exact=True).fill("")
    main.get_by_label("Auteurs", exact=True).fill("")
    main.get_by_role("button", name="Concept opslaan").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Controleer wat je hebt ingevuld")
    for label in ("Titel", "Auteurs", "Verslag"):
        expect(summary.get_by_role("link", name=re.compile(rf"^{label}:"))).to_be_visible()
    assert not Verslag.objects.exists()
    assert_accessible(page)
