"""Writing publications, checked uploads, versions, the download log, citations and the feed."""

import datetime
import io
import re
from xml.etree import ElementTree

import bibtexparser
import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from weasyprint import HTML

from publicaties.models import Download, Publicatie, PublicatieVersie
from tests.factories import LidmaatschapFactory, PartnerFactory, UserFactory
from tests.support import assert_refused, delete_tree, files_under, pdf_text, poppler

ATOM = "{http://www.w3.org/2005/Atom}"


def real_pdf(text: str = "Een echte PDF") -> bytes:
    return HTML(string=f"<p>{text}</p>").write_pdf()


def png_bytes(size=(40, 30), **info) -> bytes:
    out = io.BytesIO()
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    for key, value in info.items():
        meta.add_text(key, value)
    Image.new("RGB", size, (21, 66, 115)).save(out, "PNG", pnginfo=meta)
    return out.getvalue()


def form_data(**changes):
    data = {
        "kind": "slotpublicatie",
        "title": "Wat de leerkring ons leerde",
        "slug": "slot",
        "abstract": "De uitkomsten van het onderzoek.",
        "author_names": "Wieke Blijleven",
        "release_at": "2031-07-01T10:00",
        "visibility": "openbaar",
        "body": "",
        "note": "",
        "cover_alt": "",
    }
    data.update(changes)
    return data


def private_files() -> list[str]:
    return files_under("publicaties")


@pytest.fixture(autouse=True)
def _no_stray_files(request):
    if "file_storage" in request.fixturenames:  # on the test's own storage
        request.getfixturevalue("file_storage")
    delete_tree("publicaties")


# --- Uploads ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content,name,message",
    [
        (
            png_bytes(),
            "essay.pdf",
            "Dit bestand is geen PDF, ook al eindigt de naam misschien op .pdf.",
        ),
        (real_pdf()[:-200], "half.pdf", "Deze PDF is beschadigd of niet helemaal geüpload."),
    ],
)
@pytest.mark.usefixtures("file_storage")
def test_a_file_that_is_no_pdf_at_all_is_refused_at_once_and_nothing_is_stored(
    client, circle, content, name, message
):
    """What needs no parsing is checked in the request; the rest by a worker
    (tests/publicaties/test_uploads.py)."""
    client.force_login(circle.researcher)
    response = client.post(
        "/publicaties/nieuw/",
        form_data(upload=SimpleUploadedFile(name, content, "application/pdf")),
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Publicatie.objects.exists() and not PublicatieVersie.objects.exists()
    assert private_files() == []


@pytest.mark.usefixtures("file_storage")
def test_an_oversized_pdf_is_refused(client, circle, settings):
    settings.PUBLICATIE_MAX_PDF_BYTES = 1024 * 1024
    pdf = real_pdf()
    # A valid PDF grown to 1.5 MB with a comment before its end marker.
    big = pdf[:-6] + b"%" + b"0" * (1536 * 1024 - len(pdf)) + b"\n%%EOF\n"
    client.force_login(circle.researcher)
    response = client.post(
        "/publicaties/nieuw/",
        form_data(upload=SimpleUploadedFile("groot.pdf", big, "application/pdf")),
    )
    assert "Het bestand is te groot: 1,5 MB. Het mag hooguit 1 MB zijn." in response.text
    assert not Publicatie.objects.exists() and private_files() == []


@pytest.mark.usefixtures("file_storage")
def test_a_good_pdf_is_stored_privately_and_served_to_whoever_may_read_it(
    client, circle, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    content = real_pdf("De slotpublicatie")
    with django_capture_on_commit_callbacks(execute=True):  # the check, run at once here
        response = client.post(
            "/publicaties/nieuw/",
            form_data(upload=SimpleUploadedFile("slot.pdf", content, "application/pdf")),
        )
    assert response.status_code == 302, response.context["form"].errors
    versie = PublicatieVersie.objects.get()
    assert versie.is_upload and versie.file.read() == content
    # In the private storage, which no URL serves; nothing in the public one.
    assert storages["private"].exists(versie.file.name)
    assert not storages["default"].exists(versie.file.name)
    client.force_login(circle.coordinator)  # before the release (2031)
    download = client.get("/publicaties/slot/download/")
    assert b"".join(download.streaming_content) == content
    client.logout()
    assert_refused(client.get("/publicaties/slot/download/"), anonymous=True)


def test_text_or_pdf_not_both_and_not_neither(client, circle):
    client.force_login(circle.researcher)
    neither = client.post("/publicaties/nieuw/", form_data())
    assert "Schrijf de tekst of kies een PDF." in neither.text
    both = client.post(
        "/publicaties/nieuw/",
        form_data(body="Tekst", upload=SimpleUploadedFile("a.pdf", real_pdf(), "application/pdf")),
    )
    assert "Schrijf de tekst óf kies een PDF, niet allebei." in both.text
    assert not Publicatie.objects.exists()


@pytest.mark.usefixtures("file_storage")
def test_a_cover_image_is_checked_and_re_encoded(client, circle):
    client.force_login(circle.researcher)
    fake = client.post(
        "/publicaties/nieuw/",
        form_data(
            body="Tekst",
            cover_alt="Het stadhuis",
            cover_upload=SimpleUploadedFile("omslag.png", b"GIF89a not really", "image/png"),
        ),
    )
    assert "Dit bestand is geen afbeelding die we kunnen lezen." in fake.text
    no_alt = client.post(
        "/publicaties/nieuw/",
        form_data(body="Tekst", cover_upload=SimpleUploadedFile("o.png", png_bytes(), "image/png")),
    )
    assert "Beschrijf in een paar woorden wat er op de afbeelding staat." in no_alt.text
    assert not Publicatie.objects.exists()

    good = client.post(
        "/publicaties/nieuw/",
        form_data(
            body="Tekst",
            cover_alt="Het stadhuis",
            cover_upload=SimpleUploadedFile(
                "o.png", png_bytes(Comment="geheime opmerking"), "image/png"
            ),
        ),
    )
    assert good.status_code == 302
    publicatie = Publicatie.objects.get()
    stored = publicatie.cover.read()
    assert b"geheime opmerking" not in stored  # re-encoded: nothing else came along
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (40, 30)
    cover = client.get("/publicaties/slot/omslag/")
    assert cover["Content-Type"] == "image/jpeg"
    client.logout()
    assert_refused(client.get("/publicaties/slot/omslag/"), anonymous=True)  # under embargo


@pytest.mark.usefixtures("file_storage")
def test_a_replaced_or_removed_cover_leaves_no_file_behind(
    client, circle, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)

    def save(url, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, form_data(body="Tekst", **changes))
        assert response.status_code == 302
        return Publicatie.objects.get().cover

    first = save(
        "/publicaties/nieuw/",
        cover_alt="Het stadhuis",
        cover_upload=SimpleUploadedFile("o.png", png_bytes(), "image/png"),
    )
    storage = storages["private"]
    assert storage.exists(first.name)
    second = save(
        "/publicaties/slot/bewerken/",
        cover_alt="De markt",
        cover_upload=SimpleUploadedFile("n.png", png_bytes(size=(50, 20)), "image/png"),
    )
    assert second.name != first.name
    assert storage.exists(second.name) and not storage.exists(first.name)
    assert not save("/publicaties/slot/bewerken/", remove_cover="on")
    assert not storage.exists(second.name)


# --- Versions ---------------------------------------------------------------------------------
@pytest.mark.usefixtures("file_storage")
def test_a_new_text_is_a_new_version_and_the_old_stays_for_researchers(
    client, circle, make, django_capture_on_commit_callbacks
):
    publicatie = make(slug="essay", body="## Eerste\n\nDe eerste tekst.")
    client.force_login(circle.researcher)
    data = form_data(
        slug="essay",
        kind="essay",
        title=publicatie.title,
        release_at="2019-07-01T10:00",
        body="## Tweede\n\nDe tweede tekst.",
        note="Tikfouten verbeterd",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/publicaties/essay/bewerken/", data)
    assert response.status_code == 302
    assert list(publicatie.versies.values_list("number", flat=True)) == [2, 1]
    page = client.get("/publicaties/essay/")
    assert "Tikfouten verbeterd" in page.text and "Download versie 1" in page.text
    old = client.get("/publicaties/essay/versies/1/download/")
    assert old.status_code == 200
    # Saving the same text again makes no version.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/publicaties/essay/bewerken/", data)
    assert publicatie.versies.count() == 2
    client.force_login(circle.member)
    assert client.get("/publicaties/essay/versies/1/download/").status_code == 404


@pytest.mark.usefixtures("file_storage")
def test_the_pdf_of_a_written_publication_has_cover_contents_and_metadata(circle, make):
    from leerkring.core.models import RenderJob

    make(slug="pdf", title="Het essay", body="## Een\n\nTekst een.\n\n## Twee\n\nTekst twee.")
    job = RenderJob.objects.get(kind="publicatie")
    assert job.status == "ready"
    text = pdf_text(job.file, layout=False)
    assert "Het essay" in text and "Inhoud" in text and "Twee" in text
    info = poppler("pdfinfo", job.file)
    assert re.search(r"Title:\s+Het essay", info)
    assert re.search(r"Author:\s+Wieke Blijleven, Merlijn van Hulst", info)
    assert re.search(r"Tagged:\s+yes", info)


# --- The download log -------------------------------------------------------------------------
def test_download_counts_per_municipality_and_partner(client, circle, make):
    publicatie = make(slug="slot", kind="slotpublicatie")
    PartnerFactory(name="VNG", slug="vng", kind="financier", email_domain="vng.nl")
    breda_people = [
        circle.member,
        circle.coordinator,
        LidmaatschapFactory(gemeente=circle.breda).user,
    ]
    tilburg = circle.other_member
    vng = UserFactory(email="iemand@vng.nl")
    for person, times in ((breda_people[0], 2), (breda_people[1], 1), (breda_people[2], 1),
                          (tilburg, 3), (vng, 1)):  # fmt: skip
        client.force_login(person)
        for _ in range(times):
            assert client.get("/publicaties/slot/download/").status_code == 200
    client.logout()
    client.get("/publicaties/slot/download/")  # someone without an account

    assert Download.objects.filter(publicatie=publicatie).count() == 9
    client.force_login(circle.researcher)
    page = client.get("/publicaties/downloads/")
    [entry] = page.context["figures"]
    per_gemeente = {row["gemeente__name"]: (row["n"], row["people"]) for row in entry["gemeenten"]}
    assert per_gemeente == {"Breda": (4, 3), "Tilburg": (3, 1), None: (2, 1)}
    assert [(r["partner__name"], r["n"]) for r in entry["partners"]] == [("VNG", 1)]
    assert entry["total"] == 9
    assert "9 downloads in totaal." in page.text
    # The researcher's own download of an old version is not a reader's download.
    client.get("/publicaties/slot/versies/1/download/")
    assert Download.objects.count() == 9


# --- Citations and the feed -------------------------------------------------------------------
def test_the_citation_exports_parse(client, circle, make):
    make(
        slug="slot",
        kind="slotpublicatie",
        title="Vakmanschap & {democratie}: 100% participatie_test",
        release_at=datetime.datetime(2019, 7, 1, 8, 0, tzinfo=datetime.UTC),
    )
    bib = client.get("/publicaties/slot/citeer.bib")
    assert bib["Content-Type"].startswith("application/x-bibtex")
    library = bibtexparser.parse_string(bib.content.decode())
    assert library.failed_blocks == []
    [entry] = library.entries
    assert entry.entry_type == "techreport" and entry.key == "blijleven2019"
    fields = {field.key: field.value for field in entry.fields}
    assert fields["author"] == "Wieke Blijleven and Merlijn van Hulst"
    assert fields["year"] == "2019"
    assert fields["url"] == "http://testserver/publicaties/slot/"
    assert "\\&" in fields["title"] and "\\%" in fields["title"] and "\\{" in fields["title"]

    ris = client.get("/publicaties/slot/citeer.ris").content.decode()
    tags = [re.match(r"^([A-Z][A-Z0-9])  - ?(.*)$", line) for line in ris.splitlines()]
    assert all(tags), ris
    pairs = [(m[1], m[2]) for m in tags]
    assert pairs[0] == ("TY", "RPRT") and pairs[-1] == ("ER", "")
    assert ("AU", "Wieke Blijleven") in pairs and ("AU", "Merlijn van Hulst") in pairs
    assert ("PY", "2019") in pairs and ("DA", "2019/07/01") in pairs
    assert dict(pairs)["TI"] == "Vakmanschap & {democratie}: 100% participatie_test"


def test_the_feed_is_valid_atom(client, circle, make):
    make(slug="een", title="Eerste essay")
    make(slug="twee", title="Tweede <essay> & meer")
    response = client.get("/publicaties/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287: a feed and each entry have exactly one id, title and updated; an entry without
    # a feed-level author has its own.
    for element in [feed, *feed.findall(f"{ATOM}entry")]:
        for name in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{name}")) == 1, (element.tag, name)
        datetime.datetime.fromisoformat(element.find(f"{ATOM}updated").text)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Tweede <essay> & meer",
        "Eerste essay",
    ]
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    for entry in entries:
        assert entry.find(f"{ATOM}author/{ATOM}name").text
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/publicaties/")


def test_pages_cost_the_same_with_few_and_many_publications(
    client, circle, make, django_assert_max_num_queries
):
    def count(url):
        with django_assert_max_num_queries(25) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    make(slug="p0")
    client.force_login(circle.researcher)
    small = (count("/publicaties/"), count("/publicaties/downloads/"), count("/publicaties/p0/"))
    for n in range(1, 12):
        make(slug=f"p{n}")
    for _ in range(4):
        client.get("/publicaties/p0/download/")
    assert (
        count("/publicaties/"),
        count("/publicaties/downloads/"),
        count("/publicaties/p0/"),
    ) == small
    assert timezone.now()
