"""A meeting's documents: a researcher uploads slides, handouts and photos; a worker checks each
file by its content (never its name) before anyone can download it; each document is seen by
whom the researcher chose (one rule for the meeting page, the report and the download); the
report and its PDF list them; deleting asks first. Tasks run eagerly here, at commit."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from bijeenkomsten import document_checks
from bijeenkomsten.models import Aanmelding, Document, Verslag
from bijeenkomsten.selectors import documenten as documenten_selectors
from bijeenkomsten.services import documenten, verslagen
from leerkring.core.models import AuditEntry, RenderJob
from leerkring.core.uploads import inspect_office
from tests.conftest import wait_for
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DocumentFactory,
    GemeenteFactory,
    LidmaatschapFactory,
    WerkgroepFactory,
)
from tests.publicaties import pdfs
from tests.support import assert_refused, delete_tree, files_under, pdf_text

JS = b" /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"
OOXML = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
}
ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


# --- Files, made in the test ------------------------------------------------------------------
def ooxml(kind: str, *, content_types: bool = True, macro: bool = False) -> bytes:
    """A minimal Word, PowerPoint or Excel file: a zip with [Content_Types].xml naming its main
    part; `macro` makes it macro-enabled, with the VBA project inside."""
    part, main = OOXML[kind]
    main_type = f"application/vnd.openxmlformats-officedocument.{main}"
    if macro:
        main_type = "application/vnd.ms-word.document.macroEnabled.main+xml"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if content_types:
            archive.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/{part}" ContentType="{main_type}"/>'
                "</Types>",
            )
        archive.writestr(part, "<document>Dia's van de opening</document>")
        if macro:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return out.getvalue()


def odf(kind: str) -> bytes:
    """A minimal OpenDocument file: `mimetype` first and stored, then its content."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", ODF[kind], compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>", zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zip_bomb(megabytes: int = 300) -> bytes:
    """A docx whose one extra entry unpacks to `megabytes` of zeros (a few hundred KB packed)."""
    out = io.BytesIO(ooxml("docx"))
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/zeros.bin", "w", force_zip64=True) as entry,
    ):
        chunk = bytes(1024 * 1024)
        for _ in range(megabytes):
            entry.write(chunk)
    return out.getvalue()


def image(fmt: str, size=(60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, fmt)
    return out.getvalue()


PDF = pdfs.write_pdf(pdfs.PAGES)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)


@pytest.fixture(autouse=True)
def _no_stray_files(request):
    if "file_storage" in request.fixturenames:  # on the test's own storage
        request.getfixturevalue("file_storage")
    delete_tree("bijeenkomsten")


def stored_files() -> list[str]:
    return files_under("bijeenkomsten")


@pytest.fixture
def meeting(circle):
    return BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", is_public=True)


def upload(client, meeting, content: bytes, name: str, *, run, **fields):
    """Post the upload form as a researcher would; the check runs at commit (`run` is the
    django_capture_on_commit_callbacks fixture)."""
    data = {
        "title": "Dia's van de opening",
        "visibility": "leerkring",
        "upload": SimpleUploadedFile(name, content, "application/octet-stream"),
        **fields,
    }
    with run(execute=True):
        return client.post(f"/bijeenkomsten/{meeting.pk}/documenten/toevoegen/", data)


# --- Accepted by content ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "name", "kind", "content_type"),
    [
        (PDF, "slides.pdf", "pdf", "application/pdf"),
        (image("JPEG"), "foto.jpg", "jpeg", "image/jpeg"),
        (image("PNG"), "schema.png", "jpeg", "image/jpeg"),  # no transparency: a JPEG
        (image("WEBP"), "foto.webp", "jpeg", "image/jpeg"),
        (ooxml("docx"), "handout.docx", "docx", "wordprocessingml.document"),
        (ooxml("pptx"), "dias.pptx", "pptx", "presentationml.presentation"),
        (ooxml("xlsx"), "cijfers.xlsx", "xlsx", "spreadsheetml.sheet"),
        (odf("odt"), "handout.odt", "odt", "opendocument.text"),
        (odf("odp"), "dias.odp", "odp", "opendocument.presentation"),
        # The name plays no part: a Word file called .pdf is a Word file.
        (ooxml("docx"), "verkeerde-naam.pdf", "docx", "wordprocessingml.document"),
    ],
    ids=["pdf", "jpeg", "png", "webp", "docx", "pptx", "xlsx", "odt", "odp", "docx-named-pdf"],
)
@pytest.mark.usefixtures("file_storage")
def test_each_type_is_accepted_by_its_content(
    client, circle, meeting, django_capture_on_commit_callbacks, content, name, kind, content_type
):
    client.force_login(circle.researcher)
    response = upload(client, meeting, content, name, run=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.status, document.kind) == ("accepted", kind)
    page = client.get(response.url)
    assert "Het document is geüpload en wordt nu gecontroleerd." in page.text
    assert "Gecontroleerd en goedgekeurd." not in page.text  # accepted: no status box
    download = client.get(f"/bijeenkomsten/{meeting.pk}/documenten/{document.pk}/download/")
    assert download.status_code == 200
    assert content_type in download["Content-Type"]
    assert download["Content-Disposition"].endswith(f'.{document.extension}"')
    # One file in the private storage: the checked one (an image's is the re-encoded one).
    assert len(stored_files()) == 1


@pytest.mark.usefixtures("file_storage")
def test_an_image_is_re_encoded_without_what_it_carried(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    glued = image("JPEG", size=(3000, 2000)) + b"PK\x03\x04 a second file glued behind it"
    upload(client, meeting, glued, "foto.jpg", run=django_capture_on_commit_callbacks)
    document = Document.objects.get()
    with document.file.open("rb") as handle:
        stored = handle.read()
    assert b"a second file" not in stored
    assert Image.open(io.BytesIO(stored)).size == (2400, 1600)
    assert document.size == len(stored)


# --- Refused when the name lies ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (EXE, "dias.pdf", "Dit soort bestand nemen we niet aan, wat de naam ook zegt."),
        (EXE, "handout.docx", "Dit soort bestand nemen we niet aan, wat de naam ook zegt."),
        (b"%PDF-1.7\n1 0 obj", "kapot.pdf", "Deze PDF is beschadigd of niet helemaal geüpload."),
    ],
    ids=["exe-named-pdf", "exe-named-docx", "truncated-pdf"],
)
@pytest.mark.usefixtures("file_storage")
def test_what_is_no_document_is_refused_in_the_request(
    client, circle, meeting, django_capture_on_commit_callbacks, content, name, message
):
    client.force_login(circle.researcher)
    response = upload(client, meeting, content, name, run=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert message in response.text
    assert not Document.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (ooxml("docx", content_types=False), "not_office", "geen Word-, PowerPoint-, Excel-"),
        (ooxml("docx", macro=True), "macro", "Dit bestand bevat macro's of andere code"),
        (zip_bomb(), "zip_unpacked", "uitgepakt veel groter dan 200 MB"),
        (pdfs.with_catalog(JS, packed={1, 2, 3}), "javascript", "Deze PDF bevat JavaScript"),
        (pdfs.bomb(streams=8, megabytes=128), "unpacked", "uitgepakt veel groter dan"),
        (pdfs.encrypted(user_password="geheim"), "encrypted", "beveiligd met een wachtwoord"),
    ],
    ids=["zip-without-content-types", "macro-docx", "zip-bomb", "pdf-js", "pdf-bomb", "pdf-enc"],
)
def test_a_hostile_file_is_refused_by_the_worker_with_the_reason(
    client, circle, meeting, django_capture_on_commit_callbacks, content, code, message
):
    client.force_login(circle.researcher)
    response = upload(
        client, meeting, content, "handout.docx", run=django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.status, document.refusal) == ("refused", code)
    assert stored_files() == []  # the file is gone
    page = client.get(response.url)
    assert "Dit bestand nemen we niet aan." in page.text
    assert message in page.text.replace("&#x27;", "'")
    # Nobody can download it, not even the researcher.
    url = f"/bijeenkomsten/{meeting.pk}/documenten/{document.pk}/download/"
    assert client.get(url).status_code == 404
    client.force_login(circle.member)
    assert "Dia&#x27;s van de opening" not in client.get(f"/bijeenkomsten/{meeting.pk}/").text


def test_the_zip_check_keeps_its_limits():
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(30):
            archive.writestr(f"word/part{i}.xml", "<x/>")
    assert inspect_office(many.getvalue(), max_entries=20).code == "zip_entries"
    escaping = io.BytesIO(ooxml("docx"))
    with zipfile.ZipFile(escaping, "a") as archive:
        archive.writestr("../../etc/cron.d/evil", "* * * * * root rm -rf /")
    assert inspect_office(escaping.getvalue()).code == "zip_path"
    absolute = io.BytesIO(ooxml("docx"))
    with zipfile.ZipFile(absolute, "a") as archive:
        archive.writestr(zipfile.ZipInfo("/etc/passwd"), "root")
    assert inspect_office(absolute.getvalue()).code == "zip_path"
    # A document type definition (entities that expand) is not parsed at all.
    doctype = io.BytesIO()
    with zipfile.ZipFile(doctype, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">]><Types>&a;&a;&a;</Types>',
        )
    assert inspect_office(doctype.getvalue()).code == "not_office"
    # A table of contents that lies about the sizes: the real unpacking counts.
    assert inspect_office(zip_bomb(30), max_unpacked=10 * 1024 * 1024).code == "zip_unpacked"


def test_a_file_over_the_size_limit_gets_a_clear_message(
    client, circle, meeting, settings, django_capture_on_commit_callbacks
):
    settings.BIJEENKOMST_DOCUMENT_MAX_BYTES = 1024 * 1024
    client.force_login(circle.researcher)
    big = image("PNG", size=(10, 10)) + bytes(2 * 1024 * 1024)
    response = upload(client, meeting, big, "foto.png", run=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Het bestand is te groot: 2 MB. Het mag hooguit 1 MB zijn." in response.text
    assert not Document.objects.exists()


def test_for_everyone_is_refused_at_a_meeting_that_is_not_public(
    client, circle, django_capture_on_commit_callbacks
):
    private = BijeenkomstFactory(leerkring=circle.leerkring, is_public=False)
    other_group = WerkgroepFactory()
    client.force_login(circle.researcher)
    response = upload(
        client,
        private,
        PDF,
        "slides.pdf",
        run=django_capture_on_commit_callbacks,
        visibility="openbaar",
    )
    assert response.status_code == 200
    assert "Deze bijeenkomst is niet openbaar, dus een document kan niet voor iedereen" in (
        response.text
    )
    WerkgroepFactory(bijeenkomst=private)
    response = upload(
        client,
        private,
        PDF,
        "slides.pdf",
        run=django_capture_on_commit_callbacks,
        werkgroep=other_group.pk,
    )
    assert "Kies een werkgroep van deze bijeenkomst." in response.text
    assert not Document.objects.exists()


# --- Who sees what ----------------------------------------------------------------------------
ROLES = ["anonymous", "other_gemeente", "waiting", "member", "seated", "researcher"]
# visibility: who sees it, in the order of ROLES
SEES = {
    "openbaar": "111111",
    "leerkring": "001111",
    "plek": "000011",
}


@pytest.fixture
def people(circle, meeting):
    zwolle = GemeenteFactory(name="Zwolle", slug="zwolle", cbs_code="GM0193")
    waiting = LidmaatschapFactory(gemeente=circle.tilburg).user
    AanmeldingFactory(
        bijeenkomst=meeting, deelnemer=waiting, status="wachtlijst", waitlisted_at=timezone.now()
    )
    AanmeldingFactory(
        bijeenkomst=meeting, deelnemer=circle.other_member, status="aanwezig"
    )  # seated, by being there
    return {
        "anonymous": None,
        "other_gemeente": LidmaatschapFactory(gemeente=zwolle).user,
        "waiting": waiting,
        "member": circle.member,
        "seated": circle.other_member,
        "researcher": circle.researcher,
    }


@pytest.mark.parametrize("visibility", list(SEES))
@pytest.mark.parametrize("role", ROLES)
def test_each_visibility_for_each_role(client, circle, meeting, people, visibility, role):
    document = DocumentFactory(
        bijeenkomst=meeting, title="Handout Zorgcoöperatie", visibility=visibility
    )
    user = people[role]
    if user is not None:
        client.force_login(user)
    expected = SEES[visibility][ROLES.index(role)] == "1"
    page = client.get(f"/bijeenkomsten/{meeting.pk}/")
    assert ("Handout Zorgcoöperatie" in page.text) is expected
    download = client.get(f"/bijeenkomsten/{meeting.pk}/documenten/{document.pk}/download/")
    if expected:
        assert download.status_code == 200
    else:
        assert_refused(download, anonymous=user is None)
    assert documenten_selectors.document_visible(user=user, document=document) is expected


def test_a_seat_given_up_is_no_seat(client, circle, meeting):
    document = DocumentFactory(bijeenkomst=meeting, visibility="plek")
    aanmelding = AanmeldingFactory(bijeenkomst=meeting, deelnemer=circle.member)
    assert documenten_selectors.document_visible(user=circle.member, document=document)
    Aanmelding.objects.filter(pk=aanmelding.pk).update(status="geannuleerd")
    assert not documenten_selectors.document_visible(user=circle.member, document=document)


def test_for_everyone_at_a_meeting_made_private_is_for_the_members(client, circle, meeting):
    document = DocumentFactory(
        bijeenkomst=meeting, title="Foto's van de dag", visibility="openbaar"
    )
    meeting.is_public = False
    meeting.save()
    assert (
        client.get(f"/bijeenkomsten/{meeting.pk}/documenten/{document.pk}/download/").status_code
        == 302
    )
    client.force_login(circle.member)
    assert "Foto&#x27;s van de dag" in client.get(f"/bijeenkomsten/{meeting.pk}/").text


def test_a_document_of_another_meeting_is_not_found(client, circle, meeting):
    other = DocumentFactory(visibility="openbaar")
    client.force_login(circle.researcher)
    assert (
        client.get(f"/bijeenkomsten/{meeting.pk}/documenten/{other.pk}/download/").status_code
        == 404
    )
    assert (
        client.get(f"/bijeenkomsten/{meeting.pk}/documenten/{other.pk}/verwijderen/").status_code
        == 404
    )


@pytest.mark.usefixtures("file_storage")
def test_the_download_is_an_attachment_that_is_not_sniffed(client, circle, meeting):
    document = DocumentFactory(bijeenkomst=meeting, title="Dia's: de opening!", kind="pdf")
    client.force_login(circle.member)
    response = client.get(f"/bijeenkomsten/{meeting.pk}/documenten/{document.pk}/download/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="dias-de-opening.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_work_group_documents_are_listed_under_their_group(client, circle, meeting):
    groep = WerkgroepFactory(bijeenkomst=meeting, title="Tafel Bemiddelen")
    DocumentFactory(bijeenkomst=meeting, title="Programma van de dag")
    DocumentFactory(bijeenkomst=meeting, werkgroep=groep, title="Casus op tafel")
    client.force_login(circle.member)
    text = client.get(f"/bijeenkomsten/{meeting.pk}/").text
    assert text.index("Programma van de dag") < text.index("Werkgroep Tafel Bemiddelen")
    assert text.index("Werkgroep Tafel Bemiddelen") < text.index("Casus op tafel")


# --- The report -------------------------------------------------------------------------------
@pytest.mark.usefixtures("file_storage")
def test_the_report_lists_the_documents_its_readers_may_see(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    AanmeldingFactory(bijeenkomst=meeting, deelnemer=circle.other_member, status="aanwezig")
    with django_capture_on_commit_callbacks(execute=True):
        DocumentFactory(
            bijeenkomst=meeting, title="Dia's voor de leerkring", visibility="leerkring"
        )
        DocumentFactory(bijeenkomst=meeting, title="Presentielijst met namen", visibility="plek")
        verslagen.verslag_save(
            bijeenkomst=meeting, user=circle.researcher, title="Verslag", authors="A", body="Tekst."
        )
        verslagen.verslag_publish(verslag=Verslag.objects.get(), notify=False)
    job = RenderJob.objects.get(kind="verslag")
    text = pdf_text(job.file)
    assert "Dia's voor de leerkring" in text.replace("’", "'")
    assert "PDF" in text
    assert "Presentielijst met namen" not in text  # a seat's document: not in a PDF for all

    # The web page: what this reader may see.
    client.force_login(circle.member)
    page = client.get(f"/bijeenkomsten/{meeting.pk}/verslag/")
    assert "Dia&#x27;s voor de leerkring" in page.text
    assert "Presentielijst met namen" not in page.text
    client.force_login(circle.other_member)
    assert "Presentielijst met namen" in client.get(f"/bijeenkomsten/{meeting.pk}/verslag/").text

    # A new document for the readers renders the PDF again; one for the seats does not.
    client.force_login(circle.researcher)
    rendered = job.finished_at
    upload(client, meeting, PDF, "a.pdf", run=django_capture_on_commit_callbacks, visibility="plek")
    job.refresh_from_db()
    assert job.finished_at == rendered
    upload(
        client,
        meeting,
        PDF,
        "b.pdf",
        run=django_capture_on_commit_callbacks,
        title="Nagekomen handout",
    )
    job.refresh_from_db()
    assert job.finished_at > rendered
    assert "Nagekomen handout" in pdf_text(job.file)


# --- Progress, deleting, the audit log --------------------------------------------------------
def test_a_document_being_checked_shows_its_progress_to_the_researcher(client, circle, meeting):
    client.force_login(circle.researcher)
    # On-commit hooks do not fire in this test: the check waits, as with a busy worker.
    content, sniffed = documenten.document_read(SimpleUploadedFile("a.pdf", PDF))
    document = documenten.document_upload(
        bijeenkomst=meeting,
        user=circle.researcher,
        title="Nog te controleren",
        visibility="openbaar",
        content=content,
        sniffed=sniffed,
    )
    page = client.get(f"/bijeenkomsten/{meeting.pk}/").text
    status_url = f"/bijeenkomsten/{meeting.pk}/documenten/{document.pk}/status/"
    assert f'hx-get="{status_url}"' in page
    assert "Het bestand wordt gecontroleerd." in page
    fragment = client.get(status_url, headers={"HX-Request": "true"})
    assert "Het bestand wordt gecontroleerd." in fragment.text
    assert client.get(status_url).status_code == 302  # without htmx: back to the page
    # Nobody else sees it yet, and it cannot be downloaded.
    client.logout()
    assert "Nog te controleren" not in client.get(f"/bijeenkomsten/{meeting.pk}/").text

    # The check runs (the sweeper sends what waits too long); the fragment says so.
    assert document_checks.document_check(document_id=document.pk) == "accepted"
    client.force_login(circle.researcher)
    fragment = client.get(status_url, headers={"HX-Request": "true"})
    assert "Gecontroleerd en goedgekeurd." in fragment.text
    assert "hx-get" not in fragment.text
    assert document_checks.document_check(document_id=document.pk) == "accepted"  # twice: no harm


def test_the_sweeper_sends_again_what_waits_too_long(
    circle, meeting, django_capture_on_commit_callbacks
):
    import datetime

    content, sniffed = documenten.document_read(SimpleUploadedFile("a.pdf", PDF))
    document = documenten.document_upload(
        bijeenkomst=meeting,
        user=circle.researcher,
        title="Verloren bericht",
        visibility="leerkring",
        content=content,
        sniffed=sniffed,
    )
    Document.objects.filter(pk=document.pk).update(
        queued_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert documenten.documenten_sweep() == 1
    document.refresh_from_db()
    assert document.status == "accepted"


@pytest.mark.usefixtures("file_storage")
def test_uploading_and_deleting_are_audited_and_deleting_asks_first(
    client, circle, meeting, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    upload(client, meeting, PDF, "a.pdf", run=django_capture_on_commit_callbacks)
    document = Document.objects.get()
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.DOCUMENT_UPLOADED, target_id=document.pk, actor=circle.researcher
    ).exists()
    url = f"/bijeenkomsten/{meeting.pk}/documenten/{document.pk}/verwijderen/"
    confirm = client.get(url)
    assert "Dia&#x27;s van de opening verwijderen?" in confirm.text
    assert "nu zien het: deelnemers van de leerkring" in confirm.text
    assert Document.objects.exists()  # asking deleted nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert stored_files() == []
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.DOCUMENT_DELETED, target_id=document.pk
    ).exists()
    # Members cannot delete.
    other = DocumentFactory(bijeenkomst=meeting)
    client.force_login(circle.member)
    assert (
        client.post(f"/bijeenkomsten/{meeting.pk}/documenten/{other.pk}/verwijderen/").status_code
        == 404
    )
    assert Document.objects.filter(pk=other.pk).exists()


def test_only_researchers_of_the_circle_may_upload(client, circle, meeting):
    url = f"/bijeenkomsten/{meeting.pk}/documenten/toevoegen/"
    for user in (circle.member, circle.coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "x", "visibility": "openbaar"}).status_code == 404
    client.force_login(circle.researcher)
    assert client.get(url).status_code == 200


# --- Query counts -----------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["member", "researcher"])
def test_the_meeting_page_costs_the_same_with_many_documents(client, circle, meeting, role):
    client.force_login(getattr(circle, role))
    groep = WerkgroepFactory(bijeenkomst=meeting)
    DocumentFactory(bijeenkomst=meeting, werkgroep=groep)
    url = f"/bijeenkomsten/{meeting.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(12):
        DocumentFactory(bijeenkomst=meeting, werkgroep=groep if i % 2 else None)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).text.count("/download/") >= 13
    assert len(many) == len(one)


# --- Through the real worker ------------------------------------------------------------------
@pytest.mark.worker
@pytest.mark.usefixtures("file_storage")
def test_through_the_real_worker_documents_are_checked_after_the_request(
    transactional_db, client, circle, celery_worker
):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, is_public=True)
    client.force_login(circle.researcher)
    url = f"/bijeenkomsten/{meeting.pk}/documenten/toevoegen/"
    for title, content, name in (
        ("Dia's", ooxml("pptx"), "dias.pptx"),
        ("Met macro", ooxml("docx", macro=True), "handout.docx"),
    ):
        response = client.post(
            url,
            {
                "title": title,
                "visibility": "leerkring",
                "upload": SimpleUploadedFile(name, content),
            },
        )
        assert response.status_code == 302
    wait_for(lambda: not Document.objects.filter(status__in=Document.PENDING).exists(), 60)
    assert dict(Document.objects.values_list("title", "status")) == {
        "Dia's": "accepted",
        "Met macro": "refused",
    }
    wait_for(lambda: len(stored_files()) == 1, 10)  # the refused file is deleted
    client.force_login(circle.member)
    page = client.get(f"/bijeenkomsten/{meeting.pk}/").text
    assert "Dia&#x27;s" in page and "Met macro" not in page
