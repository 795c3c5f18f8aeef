"""Uploaded PDFs are checked by a worker, with pikepdf in a child process with limits, before
anyone can read them: active content is refused wherever it hides (object streams, filter
chains, name escapes), as are encryption and decompression bombs, each with its own message;
an ordinary PDF passes unchanged. Until the check is done the page says "wordt
gecontroleerd"; nothing is lost when the message to the worker is."""

import contextlib
import datetime
import resource
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from weasyprint import HTML

from leerkring.celery import app as celery_app
from leerkring.core import tasks as core_tasks
from publicaties import upload_checks, uploads
from publicaties.models import PdfUpload, Publicatie, PublicatieVersie
from tests.conftest import wait_for
from tests.publicaties import pdfs
from tests.publicaties.test_publicaties import form_data
from tests.support import delete_tree, files_under, pdf_text

JS = b" /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"
HOW_TO_FIX = "Sla het document opnieuw op als gewone PDF, bijvoorbeeld met 'Afdrukken als PDF'"
PENDING = "De geüploade PDF wordt gecontroleerd."


def private_files() -> list[str]:
    return files_under("publicaties")


@pytest.fixture(autouse=True)
def _no_stray_files(request):
    if "file_storage" in request.fixturenames:  # on the test's own storage
        request.getfixturevalue("file_storage")
    delete_tree("publicaties")


def upload(client, content: bytes, *, slug="slot", run_check=None, **changes):
    """Post the new-publication form with `content` as its PDF; `run_check` is the
    django_capture_on_commit_callbacks fixture when the check is to run at commit (eager)."""
    data = form_data(
        slug=slug, upload=SimpleUploadedFile("essay.pdf", content, "application/pdf"), **changes
    )
    context = run_check(execute=True) if run_check else contextlib.nullcontext()
    with context:
        response = client.post("/publicaties/nieuw/", data)
    assert response.status_code == 302, response.context["form"].errors
    return response


def weasyprint_pdf() -> bytes:
    """A PDF as the project's own pipeline makes them: tagged, with links and an outline."""
    return HTML(
        string='<h1>Essay</h1><p>Zie <a href="https://example.org/">de bron</a> en '
        '<a href="#slot">het slot</a>.</p><h2 id="slot">Slot</h2><p>Einde.</p>'
    ).write_pdf(pdf_variant="pdf/ua-1")


# --- Active content, wherever it sits ---------------------------------------------------------
HOSTILE = {
    "javascript-in-object-stream": (
        pdfs.with_catalog(JS, packed={1, 2, 3}),
        "javascript",
    ),
    "javascript-behind-flate-twice": (
        pdfs.with_catalog(JS, packed={1}, filters=("/FlateDecode", "/FlateDecode")),
        "javascript",
    ),
    "javascript-behind-asciihex": (
        pdfs.with_catalog(JS, packed={1}, filters=("/ASCIIHexDecode",)),
        "javascript",
    ),
    "javascript-behind-asciihex-and-flate": (
        pdfs.with_catalog(JS, packed={1}, filters=("/ASCIIHexDecode", "/FlateDecode")),
        "javascript",
    ),
    "javascript-name-escaped": (
        pdfs.with_catalog(
            b" /OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>", packed={1}
        ),
        "javascript",
    ),
    "javascript-name-tree": (
        pdfs.write_pdf(
            {
                **pdfs.PAGES,
                1: b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 4 0 R >> >>",
                4: b"<< /Names [(a) << /S /JavaScript /JS 5 0 R >>] >>",
                5: pdfs.stream(b"app.alert(1)", ("/FlateDecode",)),
            },
            packed={4},
        ),
        "javascript",
    ),
    "open-action": (
        pdfs.with_catalog(b" /OpenAction << /S /URI /URI (https://example.org/) >>"),
        "action",
    ),
    "additional-actions": (
        pdfs.with_page(b" /AA << /O << /S /URI /URI (https://example.org/) >> >>"),
        "action",
    ),
    "submit-form": (
        pdfs.with_page(
            b" /Annots [<< /Type /Annot /Subtype /Widget /Rect [0 0 9 9]"
            b" /A << /S /SubmitForm /F (https://example.org/) >> >>]"
        ),
        "action",
    ),
    "launch": (
        pdfs.with_page(
            b" /Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9]"
            b" /A << /S /Launch /F (calc.exe) >> >>]",
            packed={3},
            filters=("/FlateDecode", "/FlateDecode"),
        ),
        "launch",
    ),
    "embedded-files": (
        pdfs.write_pdf(
            {
                **pdfs.PAGES,
                1: b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>",
                4: b"<< /Names [(a.exe) << /Type /Filespec /F (a.exe) >>] >>",
            },
            packed={4},
        ),
        "embedded_files",
    ),
    "embedded-file-stream": (
        pdfs.write_pdf(
            {**pdfs.PAGES, 4: pdfs.stream(b"MZ", ("/FlateDecode",), b" /Type /EmbeddedFile")}
        ),
        "embedded_files",
    ),
    "file-attachment-annotation": (
        pdfs.with_page(
            b" /Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] >>]",
            packed={3},
            filters=("/ASCIIHexDecode",),
        ),
        "embedded_files",
    ),
    "xfa": (
        pdfs.with_catalog(b" /AcroForm << /Fields [] /XFA (<xdp:xdp/>) >>", packed={1}),
        "xfa",
    ),
    "richmedia": (
        pdfs.with_page(b" /Annots [<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] >>]"),
        "richmedia",
    ),
    "encrypted": (pdfs.encrypted(), "encrypted"),
    "encrypted-with-password": (pdfs.encrypted(user_password="geheim"), "encrypted"),
    "damaged": (b"%PDF-1.7\nnothing here\n%%EOF\n", "damaged"),
    "bomb": (pdfs.bomb(), "unpacked"),
}
MESSAGES = {
    "javascript": "Deze PDF bevat JavaScript",
    "action": "Deze PDF doet vanzelf iets bij het openen of bij een pagina",
    "launch": "Deze PDF bevat een opdracht die een programma of een ander bestand start.",
    "embedded_files": "Deze PDF bevat ingesloten bestanden (bijlagen).",
    "xfa": "Deze PDF is een XFA-formulier.",
    "richmedia": "Deze PDF bevat multimedia",
    "encrypted": "Deze PDF is beveiligd met een wachtwoord of versleuteld.",
    "damaged": "We kunnen deze PDF niet lezen.",
    "unpacked": "Deze PDF is uitgepakt veel groter dan 300 MB.",
}


@pytest.mark.parametrize(("content", "code"), HOSTILE.values(), ids=HOSTILE.keys())
def test_active_content_is_refused_wherever_it_hides_and_the_file_is_not_kept(
    client, circle, django_capture_on_commit_callbacks, content, code
):
    client.force_login(circle.researcher)
    response = upload(client, content, run_check=django_capture_on_commit_callbacks)

    row = PdfUpload.objects.get()
    assert (row.status, row.refusal) == ("refused", code)
    assert not PublicatieVersie.objects.exists()
    assert private_files() == []  # a refused file is not kept
    page = client.get(response["Location"])
    assert "De geüploade PDF nemen we niet aan." in page.text
    assert MESSAGES[code] in page.text
    fix = "Sla hem op zonder wachtwoord" if code == "encrypted" else HOW_TO_FIX
    assert fix in page.text.replace("&#x27;", "'")
    assert client.get("/publicaties/slot/download/").status_code == 404


def test_the_message_says_what_was_found():
    verdict = uploads.inspect_pdf(HOSTILE["javascript-name-escaped"][0])
    assert (verdict.code, verdict.found) == ("javascript", "/JS, /S /JavaScript")
    message = uploads.refusal_message(verdict.code, verdict.found)
    assert "Gevonden: /JS, /S /JavaScript." in message


@pytest.mark.parametrize(
    "content",
    [
        pdfs.write_pdf(pdfs.PAGES, packed={1, 2, 3}),
        pdfs.with_catalog(b" /OpenAction [3 0 R /Fit]"),  # a first view, not an action
        pdfs.with_catalog(b" /OpenAction << /S /GoTo /D [3 0 R /Fit] >>"),
        pdfs.with_page(
            b" /Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9]"
            b" /A << /S /URI /URI (https://example.org/) >> >>]"
        ),
        weasyprint_pdf(),
    ],
    ids=["object-streams", "open-at-page", "open-go-to", "web-link", "weasyprint-tagged"],
)
def test_what_ordinary_pdfs_contain_passes(content):
    verdict = uploads.inspect_pdf(content)
    assert verdict.accepted, verdict
    assert verdict.pages == 1


# --- Decompression bombs ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "stop"),
    [
        (pdfs.bomb(streams=8, megabytes=128), "the total"),  # 1 GB in eight streams
        (pdfs.bomb(streams=4, megabytes=100, twice=False), "the total"),  # 400 KB → 400 MB
        (pdfs.bomb(streams=1, megabytes=4096), "the memory limit"),  # 4 GB in one stream
    ],
    ids=["many-streams", "flate-once", "one-stream"],
)
def test_a_decompression_bomb_is_refused_within_seconds_in_bounded_memory(content, stop):
    assert len(content) < 500_000
    own_peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    verdict = uploads.inspect_pdf(content)
    elapsed = time.monotonic() - started

    assert verdict.code == "unpacked", stop
    assert elapsed < 15
    # The child's own high-water mark of resident memory (VmHWM; its ru_maxrss would include
    # this process's memory, copied before exec): far below what the file unpacks to, and
    # below the address-space limit it runs under.
    limit_kb = settings.PUBLICATIE_PDF_CHECK_MEMORY_MB * 1024
    assert verdict.peak_kb is not None and verdict.peak_kb < limit_kb
    # And nothing was unpacked in this process (the web request or the worker).
    own_growth_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - own_peak_before
    assert own_growth_kb < 100 * 1024


def test_a_check_that_takes_too_long_is_stopped(settings):
    settings.PUBLICATIE_PDF_CHECK_SECONDS = 1
    settings.PUBLICATIE_PDF_MAX_UNPACKED_MB = 100_000  # only time stops it
    settings.PUBLICATIE_PDF_CHECK_MEMORY_MB = 4096
    started = time.monotonic()
    verdict = uploads.inspect_pdf(pdfs.bomb(streams=40, megabytes=256))
    assert verdict.code == "timeout"
    assert time.monotonic() - started < 8
    assert "langer dan 1 seconden" in uploads.refusal_message("timeout")


# --- An ordinary PDF passes unchanged ---------------------------------------------------------
def libreoffice_pdf(tmp_path: Path) -> bytes:
    """A two-page document exported by LibreOffice Writer: headings, a list, a table, a link
    and a page break (a flat OpenDocument file written here)."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    fo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
    xlink = "http://www.w3.org/1999/xlink"
    source = tmp_path / "essay.fodt"
    source.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="{office}" xmlns:text="{text}" xmlns:table="{table}"
  xmlns:style="{style}" xmlns:fo="{fo}" xmlns:xlink="{xlink}" office:version="1.3"
  office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="Breek" style:family="paragraph">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:h text:outline-level="1">Loslaten en vasthouden</text:h>
  <text:p>Gemeenten leerden samen van hun dilemma's. Zie
   <text:a xlink:type="simple" xlink:href="https://example.org/">de bron</text:a>.</text:p>
  <text:list><text:list-item><text:p>Eerste les</text:p></text:list-item>
   <text:list-item><text:p>Tweede les</text:p></text:list-item></text:list>
  <table:table table:name="Cijfers"><table:table-column table:number-columns-repeated="2"/>
   <table:table-row><table:table-cell><text:p>Breda</text:p></table:table-cell>
    <table:table-cell><text:p>12</text:p></table:table-cell></table:table-row>
  </table:table>
  <text:h text:style-name="Breek" text:outline-level="1">Slot</text:h>
  <text:p>Tot slot: wat bleef er hangen?</text:p>
 </office:text></office:body>
</office:document>
""",
        encoding="utf-8",
    )
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profiel",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return (tmp_path / "essay.pdf").read_bytes()


def pdf_info(path: Path) -> dict[str, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(
        (key, value.strip())
        for key, _, value in (line.partition(":") for line in info.stdout.splitlines())
    )


def test_a_pdf_exported_by_libreoffice_passes_unchanged(
    client, circle, django_capture_on_commit_callbacks, tmp_path
):
    original = libreoffice_pdf(tmp_path)
    assert "LibreOffice" in pdf_info(tmp_path / "essay.pdf")["Producer"]
    client.force_login(circle.researcher)
    upload(client, original, run_check=django_capture_on_commit_callbacks)

    row = PdfUpload.objects.get()
    assert row.status == "accepted" and row.file == ""
    versie = PublicatieVersie.objects.get()
    assert row.versie == versie and versie.number == 1
    downloaded = b"".join(client.get("/publicaties/slot/download/").streaming_content)
    assert downloaded == original  # stored and served as uploaded, byte for byte
    served = tmp_path / "served.pdf"
    served.write_bytes(downloaded)
    assert pdf_info(served)["Pages"] == pdf_info(tmp_path / "essay.pdf")["Pages"] == "2"
    text = pdf_text(served)
    assert "Loslaten en vasthouden" in text and "Tot slot: wat bleef er hangen?" in text
    assert pdf_text(served) == pdf_text(tmp_path / "essay.pdf")


# --- Waiting for the check --------------------------------------------------------------------
@pytest.mark.usefixtures("file_storage")
def test_until_it_is_checked_nobody_can_read_the_upload_and_the_page_says_so(
    client, circle, django_capture_on_commit_callbacks
):
    """No callbacks run here, so the check never starts: as when no worker has taken it."""
    client.force_login(circle.researcher)
    response = upload(client, weasyprint_pdf())
    assert response["Location"] == "/publicaties/slot/"
    row = PdfUpload.objects.get()
    assert row.status == "queued"
    assert private_files() == [row.file.name]

    page = client.get("/publicaties/slot/")
    assert "De publicatie is opgeslagen. De PDF wordt nu gecontroleerd" in page.text
    assert PENDING in page.text and 'role="status"' in page.text
    assert f'hx-get="/publicaties/slot/controle/?id={row.pk}"' in page.text
    assert "Download als PDF" not in page.text
    assert client.get("/publicaties/slot/download/").status_code == 404
    status = client.get(f"/publicaties/slot/controle/?id={row.pk}", headers={"HX-Request": "true"})
    assert PENDING in status.text and "hx-get" in status.text
    plain = client.get(f"/publicaties/slot/controle/?id={row.pk}")
    assert plain.status_code == 302 and plain["Location"] == "/publicaties/slot/"
    for bad in ("", "abc", "99999999999999999999", str(row.pk + 1)):
        answer = client.get(f"/publicaties/slot/controle/?id={bad}", headers={"HX-Request": "true"})
        assert answer.status_code == 404

    # The check runs (as a worker would): the same box now offers the file.
    with django_capture_on_commit_callbacks(execute=True):
        assert upload_checks.pdf_upload_check(upload_id=row.pk) == "accepted"
    status = client.get(f"/publicaties/slot/controle/?id={row.pk}", headers={"HX-Request": "true"})
    assert "De PDF is gecontroleerd en staat klaar." in status.text
    assert "hx-get" not in status.text and 'href="/publicaties/slot/download/"' in status.text
    page = client.get("/publicaties/slot/")
    assert PENDING not in page.text and "Download als PDF" in page.text


@pytest.mark.usefixtures("file_storage")
def test_readers_keep_the_current_version_while_a_new_pdf_is_checked(
    client, circle, django_capture_on_commit_callbacks
):
    first = pdfs.write_pdf(pdfs.PAGES)
    client.force_login(circle.researcher)
    upload(
        client, first, run_check=django_capture_on_commit_callbacks, release_at="2019-07-01T10:00"
    )
    second = weasyprint_pdf()
    data = form_data(
        release_at="2019-07-01T10:00",
        note="De opgemaakte versie",
        upload=SimpleUploadedFile("nieuw.pdf", second, "application/pdf"),
    )
    assert client.post("/publicaties/slot/bewerken/", data).status_code == 302
    pending = PdfUpload.objects.get(status="queued")

    client.force_login(circle.member)
    page = client.get("/publicaties/slot/")
    assert PENDING in page.text and "Download als PDF" in page.text
    assert b"".join(client.get("/publicaties/slot/download/").streaming_content) == first

    with django_capture_on_commit_callbacks(execute=True):
        upload_checks.pdf_upload_check(upload_id=pending.pk)
    assert b"".join(client.get("/publicaties/slot/download/").streaming_content) == second
    versie = Publicatie.objects.get().versies.first()
    assert (versie.number, versie.note, versie.created_by) == (
        2,
        "De opgemaakte versie",
        circle.researcher,
    )


def test_a_refusal_is_shown_to_the_researchers_only_until_a_newer_version(
    client, circle, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    upload(client, pdfs.write_pdf(pdfs.PAGES), run_check=django_capture_on_commit_callbacks,
           release_at="2019-07-01T10:00")  # fmt: skip
    data = form_data(
        release_at="2019-07-01T10:00",
        upload=SimpleUploadedFile("js.pdf", HOSTILE["launch"][0], "application/pdf"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/publicaties/slot/bewerken/", data)
    assert "Deze PDF bevat een opdracht" in client.get("/publicaties/slot/").text
    client.force_login(circle.member)
    page = client.get("/publicaties/slot/")
    assert "Deze PDF bevat een opdracht" not in page.text and "Download als PDF" in page.text

    client.force_login(circle.researcher)
    data["upload"] = SimpleUploadedFile("goed.pdf", weasyprint_pdf(), "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/publicaties/slot/bewerken/", data)
    page = client.get("/publicaties/slot/")
    assert "Deze PDF bevat een opdracht" not in page.text
    assert "Download versie 2" in page.text


# --- Nothing is lost --------------------------------------------------------------------------
@pytest.mark.usefixtures("file_storage")
def test_the_sweeper_sends_again_what_waits_too_long_and_gives_up_after_the_attempts(
    client, circle, django_capture_on_commit_callbacks, settings
):
    settings.SWEEP_STUCK_AFTER = 60
    client.force_login(circle.researcher)
    upload(client, weasyprint_pdf(), slug="verloren")
    upload(client, weasyprint_pdf(), slug="gestorven")
    upload(client, weasyprint_pdf(), slug="vers")
    upload(client, weasyprint_pdf(), slug="te-vaak")
    rows = {row.publicatie.slug: row for row in PdfUpload.objects.select_related("publicatie")}
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    PdfUpload.objects.filter(pk=rows["verloren"].pk).update(queued_at=long_ago)
    PdfUpload.objects.filter(pk=rows["gestorven"].pk).update(
        status="checking", attempts=1, task_id="gestorven", started_at=long_ago
    )
    PdfUpload.objects.filter(pk=rows["te-vaak"].pk).update(
        queued_at=long_ago, attempts=settings.RENDER_MAX_ATTEMPTS
    )

    with django_capture_on_commit_callbacks(execute=True):
        core_tasks.sweep()  # what beat runs every minute (tasks run in-process here)

    status = dict(PdfUpload.objects.values_list("publicatie__slug", "status"))
    assert status == {
        "verloren": "accepted",
        "gestorven": "accepted",
        "vers": "queued",  # not waiting long yet
        "te-vaak": "refused",
    }
    assert PdfUpload.objects.get(pk=rows["gestorven"].pk).attempts == 2
    page = client.get("/publicaties/te-vaak/")
    assert "Het controleren van deze PDF is een paar keer begonnen en niet afgekomen." in page.text
    assert len(private_files()) == 3  # two versions, one still waiting; the refused one gone


@pytest.mark.worker
def test_through_the_real_worker_the_page_goes_from_being_checked_to_available(
    transactional_db, client, circle, celery_worker
):
    content = weasyprint_pdf()
    client.force_login(circle.researcher)
    queue = celery_app.conf.task_default_queue
    # The worker takes nothing from the queue until the page has been seen waiting.
    assert celery_app.control.cancel_consumer(queue, reply=True, timeout=10, limit=1)
    try:
        upload(client, content)
        row = PdfUpload.objects.get()
        page = client.get("/publicaties/slot/")
        assert PENDING in page.text and "Download als PDF" not in page.text
        assert client.get("/publicaties/slot/download/").status_code == 404
    finally:
        assert celery_app.control.add_consumer(queue, reply=True, timeout=10, limit=1)

    wait_for(lambda: PdfUpload.objects.filter(pk=row.pk, status="accepted").exists(), 60)
    status = client.get(f"/publicaties/slot/controle/?id={row.pk}", headers={"HX-Request": "true"})
    assert "De PDF is gecontroleerd en staat klaar." in status.text
    page = client.get("/publicaties/slot/")
    assert PENDING not in page.text and "Download als PDF" in page.text
    assert b"".join(client.get("/publicaties/slot/download/").streaming_content) == content
