"""Publications in the browser: a coordinator reads and downloads the closing publication while
it is still under embargo, and an anonymous visitor cannot; a researcher publishes through the
form, once in Markdown (a real worker makes the PDF and the page follows along by itself) and
once as an uploaded PDF, and a picture that only pretends to be a PDF is refused in plain
Dutch; editing an existing publication (details only, or its text replaced by a PDF); the
researcher's download figures per municipality; the Atom feed is discoverable; and every
publication page checked with axe in each state it can be in."""

import contextlib
import datetime
import functools
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from leerkring.celery import app as celery_app
from leerkring.core.models import RenderJob
from publicaties import services
from publicaties.documents import KIND
from publicaties.models import Download, PdfUpload, Publicatie, PublicatieVersie
from tests.browser.helpers import log_in
from tests.factories import PartnerFactory, PdfUploadFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Loslaten en vasthouden"
SLUG = "slotpublicatie-2030"
ABSTRACT = "Wat drie jaar leerkring opleverde: de dilemma's, de keuzes en wat gemeenten leerden."
BODY = "## Inleiding\n\nGemeenten leerden **samen** van hun dilemma's.\n\n## Slot\n\nTot slot."
DOWNLOAD = "Download als PDF"
NOT_A_PDF = (
    "Dit bestand is geen PDF, ook al eindigt de naam misschien op .pdf. Sla het document "
    "opnieuw op als PDF en kies het dan nog een keer."
)
ATOM = "{http://www.w3.org/2005/Atom}"
# The project routes no task elsewhere: PDFs and e-mails all wait in the default queue.
QUEUE = celery_app.conf.task_default_queue


# --- Test data --------------------------------------------------------------------------------
@functools.cache
def _pdf_bytes() -> bytes:
    """A small, valid PDF, as a word processor would make it."""
    import weasyprint

    return weasyprint.HTML(
        string="<h1>Essay over bemiddelen</h1><p>Een eerder gemaakte PDF.</p>"
    ).write_pdf()


@functools.cache
def _png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(out, "PNG")
    return out.getvalue()


def _minute(delta: datetime.timedelta) -> datetime.datetime:
    """Now plus `delta`, to the minute (the form and the pages show no seconds)."""
    return (timezone.now() + delta).replace(second=0, microsecond=0)


def _publicatie(
    circle,
    *,
    title=TITLE,
    slug=SLUG,
    kind=Publicatie.Kind.CLOSING,
    released=True,
    visibility=Publicatie.Visibility.PUBLIC,
    body=BODY,
    upload=None,
    cover=False,
    user=None,
) -> tuple[Publicatie, PublicatieVersie]:
    """A publication saved through the service, as the form does; a Markdown body gets its
    PDF at once, and an uploaded PDF its check (tasks run eagerly outside `celery_worker`)."""
    publicatie = Publicatie(
        leerkring=circle.leerkring,
        kind=kind,
        title=title,
        slug=slug,
        abstract=ABSTRACT,
        author_names="Tweede Onderzoeker",
        release_at=_minute(datetime.timedelta(days=-3 if released else 30)),
        visibility=visibility,
        cover_alt="Een blauw vlak" if cover else "",
    )
    publicatie, versie, _new = services.publicatie_save(
        publicatie=publicatie,
        user=user or circle.researcher,
        authors=[circle.researcher],
        body="" if upload else body,
        upload=ContentFile(upload) if upload else None,
        cover=ContentFile(_png_bytes(), name="omslag.png") if cover else None,
    )
    if upload:
        # Checked when the service's transaction committed; now it is the current version.
        versie = publicatie.versies.first()
        assert versie is not None and versie.is_upload, publicatie.uploads.first()
    else:
        job = RenderJob.objects.get(kind=KIND, object_id=versie.pk)
        assert job.status == RenderJob.Status.READY, job.last_error
    return publicatie, versie


def _local(moment: datetime.datetime, fmt: str) -> str:
    """A moment as the Dutch pages show it."""
    with translation.override("nl"):
        return formats.date_format(timezone.localtime(moment), fmt)


@contextlib.contextmanager
def _worker_paused():
    """The worker stops taking tasks from the queue (they wait in Redis) until the block ends,
    so that a test can see a PDF that is still in the queue, whatever the worker's speed."""
    assert celery_app.control.cancel_consumer(QUEUE, reply=True, timeout=10, limit=1)
    try:
        yield
    finally:
        assert celery_app.control.add_consumer(QUEUE, reply=True, timeout=10, limit=1)


def _stored_files() -> set[Path]:
    """The publications' files in private storage (it is emptied once per session only)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "publicaties"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


# --- Browser helpers --------------------------------------------------------------------------
def _as(page, live_server, person) -> None:
    log_in(page, live_server, person.email, name=person.name)


def _read_box(page):
    """The part of a publication's page where it can be read (downloaded)."""
    return page.get_by_role("region", name="Lezen")


def _download(page, link) -> tuple[str, bytes]:
    with page.expect_download() as info:
        link.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def _fill_details(main, *, title, slug, kind="essay", visibility="openbaar", release_at=None):
    main.get_by_label("Soort").select_option(kind)
    main.get_by_label("Titel").fill(title)
    main.get_by_label("Korte naam").fill(slug)
    main.get_by_label("Samenvatting").fill(ABSTRACT)
    main.get_by_role("checkbox", name="Onderzoeker").check()
    main.get_by_label("Andere auteurs").fill("Tweede Onderzoeker")
    release_at = release_at or _minute(datetime.timedelta(days=-1))
    main.get_by_label("Vrijgeven op").fill(
        timezone.localtime(release_at).strftime("%Y-%m-%dT%H:%M")
    )
    main.get_by_label("Zichtbaar voor").select_option(visibility)


def _table_rows(table) -> list[list[str]]:
    return table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )


# --- Journey: the coordinator downloads the closing publication under embargo -----------------
def test_coordinator_downloads_the_closing_publication_before_its_release(
    transactional_db, circle, live_server, page, new_context
):
    publicatie, versie = _publicatie(circle, released=False)
    assert not publicatie.is_released()
    detail = f"{live_server.url}/publicaties/{SLUG}/"

    _as(page, live_server, circle.coordinator)
    page.goto(f"{live_server.url}/publicaties/")
    item = page.locator(".leerkring-result", has_text=TITLE)
    expect(item).to_contain_text(f"onder embargo tot {_local(publicatie.release_at, 'j F Y, H:i')}")
    expect(item).to_contain_text("Slotpublicatie")
    item.get_by_role("link", name=TITLE).click()

    expect(page).to_have_url(detail)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    main = page.get_by_role("main")
    expect(main).to_contain_text(
        f"Onder embargo tot {_local(publicatie.release_at, 'l j F Y, H:i')}. Tot dan zien "
        "alleen coördinatoren en onderzoekers deze publicatie. Deel haar nog niet."
    )
    expect(main).to_contain_text("Verschijnt")
    # A coordinator reads; managing is for the researchers.
    expect(main.get_by_role("link", name="Bewerken of nieuwe versie")).to_have_count(0)
    expect(page.get_by_role("table", name="Versies")).to_have_count(0)

    assert not Download.objects.exists()
    filename, content = _download(page, _read_box(page).get_by_role("link", name=DOWNLOAD))
    assert filename == "loslaten-en-vasthouden-v1.pdf"
    assert content.startswith(b"%PDF-")
    download = Download.objects.get()
    assert (download.publicatie, download.versie) == (publicatie, versie)
    assert download.user == circle.coordinator
    assert download.gemeente == circle.breda

    # Anyone else: as if it did not exist, also its file; a logged-out visitor is asked to log in.
    anonymous = new_context().new_page()
    anonymous.goto(f"{live_server.url}/publicaties/")
    expect(anonymous.get_by_role("main")).not_to_contain_text(TITLE)
    for url in (detail, detail + "download/"):
        anonymous.goto(url)
        expect(anonymous).to_have_url(re.compile(r"/account/login/\?next="))
        expect(anonymous.get_by_role("main")).not_to_contain_text(TITLE)
    assert Download.objects.count() == 1


# --- Journey: the researcher publishes through the form ---------------------------------------
@pytest.mark.worker
def test_researcher_writes_a_publication_in_markdown_and_the_pdf_appears_without_a_reload(
    transactional_db, circle, celery_worker, live_server, page
):
    _as(page, live_server, circle.researcher)
    page.goto(f"{live_server.url}/publicaties/")
    page.get_by_role("link", name="Nieuwe publicatie", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/publicaties/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe publicatie")
    main = page.get_by_role("main")
    _fill_details(main, title=TITLE, slug=SLUG, kind="slotpublicatie")
    main.get_by_label(re.compile(r"^Tekst")).fill(BODY)

    polls = []
    page.on(
        "request",
        lambda request: polls.append(request) if request.url.endswith("/status/") else None,
    )
    with _worker_paused():
        main.get_by_role("button", name="Opslaan").click()
        expect(page).to_have_url(f"{live_server.url}/publicaties/{SLUG}/")
        expect(main).to_contain_text("De publicatie is opgeslagen.")
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(main).to_contain_text("Onderzoeker, Tweede Onderzoeker")
        status = _read_box(page).get_by_role("status")
        expect(status).to_contain_text("De PDF staat in de wachtrij en wordt zo gemaakt.")
        expect(status).to_contain_text("Deze melding werkt zichzelf bij.")
        expect(status.get_by_role("link", name=DOWNLOAD)).to_have_count(0)
        # Anything a reload would wipe out.
        page.evaluate("window.__marker = 1")

    # The worker takes the job; the box follows by itself, without a reload.
    link = status.get_by_role("link", name=DOWNLOAD)
    expect(link).to_be_visible(timeout=30_000)
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    assert polls, "the box never asked for its state"
    assert all(p.headers.get("hx-request") == "true" for p in polls)
    expect(status).not_to_contain_text("wachtrij")
    expect(status).to_contain_text(re.compile(r"\d+ pagina"))

    publicatie = Publicatie.objects.get()
    assert (publicatie.kind, publicatie.visibility) == ("slotpublicatie", "openbaar")
    assert list(publicatie.authors.all()) == [circle.researcher]
    versie = publicatie.versies.get()
    # Browsers send a textarea's line breaks as CRLF.
    assert (versie.number, versie.body.replace("\r\n", "\n"), versie.file.name) == (1, BODY, "")
    job = RenderJob.objects.get(kind=KIND, object_id=versie.pk)
    assert job.status == RenderJob.Status.READY

    filename, content = _download(page, link)
    assert filename == "loslaten-en-vasthouden-v1.pdf"
    assert content.startswith(b"%PDF-")
    assert len(content) == job.size
    # The researchers see the version they just made in the list.
    expect(page.get_by_role("table", name="Versies")).to_contain_text("Versie 1")


def test_researcher_uploads_a_pdf_and_readers_get_exactly_that_file(
    transactional_db, circle, live_server, page
):
    _as(page, live_server, circle.researcher)
    page.goto(f"{live_server.url}/publicaties/nieuw/")
    main = page.get_by_role("main")
    _fill_details(main, title="Essay over bemiddelen", slug="essay-bemiddelen")
    main.get_by_label("Of: een PDF").set_input_files(
        files=[{"name": "essay.pdf", "mimeType": "application/pdf", "buffer": _pdf_bytes()}]
    )
    main.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(f"{live_server.url}/publicaties/essay-bemiddelen/")
    expect(main).to_contain_text("De publicatie is opgeslagen.")
    # Tasks run eagerly here, so the check was done before the page showed: no status box,
    # straight a link (tests/publicaties/test_uploads.py follows a real worker).
    box = _read_box(page)
    expect(box.get_by_role("status")).to_have_count(0)
    filename, content = _download(page, box.get_by_role("link", name=DOWNLOAD))
    assert filename == "essay-over-bemiddelen-v1.pdf"
    assert content == _pdf_bytes()
    versie = PublicatieVersie.objects.get()
    assert versie.is_upload and versie.body == ""
    assert not RenderJob.objects.exists()
    assert Download.objects.get().user == circle.researcher


def test_a_picture_named_pdf_is_refused_with_a_clear_message_and_nothing_is_stored(
    transactional_db, circle, live_server, page
):
    _as(page, live_server, circle.researcher)
    page.goto(f"{live_server.url}/publicaties/nieuw/")
    main = page.get_by_role("main")
    _fill_details(main, title="Essay over bemiddelen", slug="essay-bemiddelen")
    upload = main.get_by_label("Of: een PDF")
    upload.set_input_files(
        files=[{"name": "essay.pdf", "mimeType": "application/pdf", "buffer": _png_bytes()}]
    )
    stored_before = _stored_files()
    main.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(f"{live_server.url}/publicaties/nieuw/")
    # Next to the field, tied to it for screen readers, and in the summary at the top.
    error = page.locator("#id_upload_error")
    expect(error).to_have_text(NOT_A_PDF)
    expect(upload).to_have_attribute("aria-invalid", "true")
    expect(upload).to_have_attribute("aria-describedby", re.compile(r"\bid_upload_error\b"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Controleer wat je hebt ingevuld")
    expect(summary.get_by_role("link", name=f"Of: een PDF: {NOT_A_PDF}")).to_be_visible()
    # Only that: not also "write the text or choose a PDF".
    expect(main).not_to_contain_text("Schrijf de tekst of kies een PDF.")
    # What was typed stays.
    expect(main.get_by_label("Titel")).to_have_value("Essay over bemiddelen")

    assert not Publicatie.objects.exists()
    assert not PublicatieVersie.objects.exists()
    assert _stored_files() == stored_before


def test_changing_only_the_details_of_a_publication_makes_no_new_version(
    transactional_db, circle, live_server, page
):
    """The demo data (and anything saved outside the browser) has its Markdown with plain
    newlines; the browser sends the unchanged text back with CRLF."""
    publicatie, _versie = _publicatie(circle)
    _as(page, live_server, circle.researcher)
    page.goto(f"{live_server.url}/publicaties/{SLUG}/")
    page.get_by_role("link", name="Bewerken of nieuwe versie").click()
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Publicatie bewerken")
    expect(main.get_by_label(re.compile(r"^Tekst"))).to_have_value(BODY)
    main.get_by_label("Titel").fill("Loslaten en vasthouden (herziene titel)")
    main.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Loslaten en vasthouden (herziene titel)"
    )
    expect(main).to_contain_text("De publicatie is opgeslagen.")
    expect(main).not_to_contain_text("Versie 2 is opgeslagen")
    assert list(publicatie.versies.values_list("number", flat=True)) == [1]


def test_replacing_the_markdown_text_by_an_uploaded_pdf_makes_version_2(
    transactional_db, circle, live_server, page
):
    """The edit form shows the current text; choosing a PDF while leaving that text as it is
    must make the PDF the new version (the form allows exactly this)."""
    publicatie, _versie = _publicatie(circle)
    _as(page, live_server, circle.researcher)
    page.goto(f"{live_server.url}/publicaties/{SLUG}/bewerken/")
    main = page.get_by_role("main")
    expect(main.get_by_label(re.compile(r"^Tekst"))).to_have_value(BODY)
    main.get_by_label("Of: een PDF").set_input_files(
        files=[{"name": "opgemaakt.pdf", "mimeType": "application/pdf", "buffer": _pdf_bytes()}]
    )
    main.get_by_label("Wat is er veranderd?").fill("De opgemaakte versie van de vormgever.")
    main.get_by_role("button", name="Opslaan").click()

    expect(main).to_contain_text("Versie 2 is opgeslagen. De vorige blijft bewaard.")
    expect(page.get_by_role("table", name="Versies")).to_contain_text(
        "De opgemaakte versie van de vormgever."
    )
    _filename, content = _download(page, _read_box(page).get_by_role("link", name=DOWNLOAD))
    assert content == _pdf_bytes()
    assert [v.is_upload for v in publicatie.versies.order_by("number")] == [False, True]


# --- The researcher's figures ----------------------------------------------------------------
def test_researcher_sees_the_downloads_per_municipality(
    transactional_db, circle, live_server, page, new_context
):
    _publicatie(circle, title="Essay over bemiddelen", slug="essay", upload=_pdf_bytes())
    detail = f"{live_server.url}/publicaties/essay/"

    _as(page, live_server, circle.member)
    page.goto(detail)
    for _ in range(2):
        _download(page, _read_box(page).get_by_role("link", name=DOWNLOAD))
    tilburg = new_context().new_page()
    _as(tilburg, live_server, circle.other_member)
    tilburg.goto(detail)
    _download(tilburg, _read_box(tilburg).get_by_role("link", name=DOWNLOAD))
    anonymous = new_context().new_page()
    anonymous.goto(detail)
    _download(anonymous, _read_box(anonymous).get_by_role("link", name=DOWNLOAD))
    assert Download.objects.count() == 4

    researcher = new_context().new_page()
    _as(researcher, live_server, circle.researcher)
    researcher.goto(f"{live_server.url}/publicaties/")
    researcher.get_by_role("link", name="Downloads per gemeente en partner").click()
    expect(researcher).to_have_url(f"{live_server.url}/publicaties/downloads/")
    section = researcher.get_by_role("region", name="Essay over bemiddelen")
    expect(section).to_contain_text("4 downloads in totaal.")
    table = section.get_by_role("table", name="Per gemeente")
    expect(table).to_be_visible()
    assert _table_rows(table) == [
        ["Breda", "2", "1"],
        ["Tilburg", "1", "1"],
        ["zonder gemeente of zonder account", "1", "0"],
    ]
    expect(section.get_by_role("table", name="Per partner")).to_have_count(0)

    # The figures are for the researchers only.
    assert page.goto(f"{live_server.url}/publicaties/downloads/").status == 404


# --- The Atom feed ----------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["", "essay/"], ids=["lijst", "publicatie"])
def test_the_atom_feed_is_found_from_the_page_head(
    transactional_db, circle, live_server, page, path
):
    _publicatie(circle, title="Essay over bemiddelen", slug="essay", upload=_pdf_bytes())
    _publicatie(circle, released=False)  # under embargo: not in the feed
    page.goto(f"{live_server.url}/publicaties/{path}")

    link = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("title", re.compile(r"\S"))
    href = link.evaluate("el => el.href")  # resolved against the page, as a reader does
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.body())
    assert feed.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Essay over bemiddelen"]
    entry_link = next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert entry_link.endswith("/publicaties/essay/")


# --- Accessibility ----------------------------------------------------------------------------
def _state_list(circle):
    _publicatie(circle, title="Essay over bemiddelen", slug="essay", kind="essay")
    _publicatie(circle, released=False)
    _publicatie(
        circle,
        title="Werkboek voor deelnemers",
        slug="werkboek",
        kind="overig",
        visibility=Publicatie.Visibility.MEMBERS,
        upload=_pdf_bytes(),
    )
    return SimpleNamespace(path="", expected="Essay over bemiddelen")


def _state_list_researcher(circle):
    _state_list(circle)
    return SimpleNamespace(path="", expected="onder embargo tot")


def _state_released(circle):
    _publicatie(circle, cover=True, upload=_pdf_bytes())
    return SimpleNamespace(path=f"{SLUG}/", expected=DOWNLOAD)


def _state_embargo(circle):
    _publicatie(circle, released=False)
    return SimpleNamespace(path=f"{SLUG}/", expected="Onder embargo tot")


def _state_versions(circle):
    publicatie, _versie = _publicatie(circle, released=False, cover=True)
    services.publicatie_save(
        publicatie=publicatie,
        user=circle.researcher,
        upload=ContentFile(_pdf_bytes()),
        note="De opgemaakte versie van de vormgever.",
    )
    return SimpleNamespace(path=f"{SLUG}/", expected="Download versie 1")


def _state_pending(circle):
    _pub, versie = _publicatie(circle, visibility=Publicatie.Visibility.MEMBERS)
    # As just after saving: the job waits for a worker (none takes it in this test).
    RenderJob.objects.filter(kind=KIND, object_id=versie.pk).update(status=RenderJob.Status.QUEUED)
    return SimpleNamespace(path=f"{SLUG}/", expected="De PDF staat in de wachtrij")


def _state_rendering(circle):
    _pub, versie = _publicatie(circle)
    RenderJob.objects.filter(kind=KIND, object_id=versie.pk).update(
        status=RenderJob.Status.RENDERING
    )
    return SimpleNamespace(path=f"{SLUG}/", expected="De PDF wordt nu gemaakt.")


def _state_ready(circle):
    _publicatie(circle, visibility=Publicatie.Visibility.MEMBERS)
    return SimpleNamespace(path=f"{SLUG}/", expected=DOWNLOAD)


def _state_failed(circle):
    _pub, versie = _publicatie(circle)
    RenderJob.objects.filter(kind=KIND, object_id=versie.pk).update(
        status=RenderJob.Status.FAILED, last_error="Testfout", attempts=3
    )
    return SimpleNamespace(path=f"{SLUG}/", expected="Probeer de PDF opnieuw te maken")


def _state_upload_checking(circle):
    publicatie, _versie = _publicatie(circle, visibility=Publicatie.Visibility.MEMBERS)
    # As just after saving a new PDF: it waits for a worker (none takes it in this test).
    PdfUploadFactory(publicatie=publicatie, file="publicaties/controle/x.pdf")
    return SimpleNamespace(path=f"{SLUG}/", expected="De geüploade PDF wordt gecontroleerd.")


def _state_upload_refused(circle):
    publicatie, _versie = _publicatie(circle)
    PdfUploadFactory(
        publicatie=publicatie, status=PdfUpload.Status.REFUSED, refusal="javascript", found="/JS"
    )
    return SimpleNamespace(path=f"{SLUG}/", expected="De geüploade PDF nemen we niet aan.")


def _state_edit(circle):
    _publicatie(circle, cover=True)
    return SimpleNamespace(path=f"{SLUG}/bewerken/", expected="Publicatie bewerken")


def _state_figures(circle):
    publicatie, versie = _publicatie(circle, upload=_pdf_bytes())
    _publicatie(circle, title="Essay zonder downloads", slug="essay", kind="essay")
    PartnerFactory(
        name="Universiteit", slug="universiteit", kind="kennispartner", email_domain="uni.example"
    )
    for user in (circle.member, circle.other_member, circle.researcher, AnonymousUser()):
        services.download_record(publicatie=publicatie, versie=versie, user=user)
    return SimpleNamespace(path="downloads/", expected="Per partner")


# (id, who looks (None: nobody logged in), how the data is set up)
STATES = [
    ("lijst-anoniem", None, _state_list),
    ("lijst-onderzoeker", "researcher", _state_list_researcher),
    ("openbaar-verschenen-anoniem", None, _state_released),
    ("embargo-coordinator", "coordinator", _state_embargo),
    ("versies-onderzoeker", "researcher", _state_versions),
    ("pdf-in-wachtrij-lid", "member", _state_pending),
    ("pdf-wordt-gemaakt-anoniem", None, _state_rendering),
    ("pdf-klaar-lid", "member", _state_ready),
    ("pdf-mislukt-onderzoeker", "researcher", _state_failed),
    ("upload-wordt-gecontroleerd-lid", "member", _state_upload_checking),
    ("upload-geweigerd-onderzoeker", "researcher", _state_upload_refused),
    ("bewerken-onderzoeker", "researcher", _state_edit),
    ("downloads-onderzoeker", "researcher", _state_figures),
]


@pytest.mark.parametrize(("who", "state"), [s[1:] for s in STATES], ids=[s[0] for s in STATES])
def test_publication_page_has_no_axe_violations(
    transactional_db, circle, live_server, page, assert_accessible, who, state
):
    data = state(circle)
    if who:
        _as(page, live_server, getattr(circle, who))
    page.goto(f"{live_server.url}/publicaties/{data.path}")
    expect(page.get_by_role("main")).to_contain_text(data.expected)
    assert_accessible(page)


def test_publication_form_has_no_axe_violations_empty_and_with_errors(
    transactional_db, circle, live_server, page, assert_accessible
):
    _as(page, live_server, circle.researcher)
    page.goto(f"{live_server.url}/publicaties/nieuw/")
    main = page.get_by_role("main")
    expect(main.get_by_label(re.compile(r"^Tekst"))).to_be_visible()
    assert_accessible(page)

    # Saved empty: the summary lists each missing field.
    main.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Controleer wat je hebt ingevuld")
    for label in ("Soort", "Titel", "Korte naam", "Samenvatting", "Vrijgeven op", "Tekst"):
        expect(summary.get_by_role("link", name=re.compile(rf"^{label}:"))).to_be_visible()
    expect(summary).to_contain_text("Schrijf de tekst of kies een PDF.")
    assert not Publicatie.objects.exists()
    assert_accessible(page)
