"""Meeting reports: drafts, publishing, versions, e-mail, access and their PDFs (tasks run
eagerly here; tests/core/test_render_worker.py sends them through Redis to a real worker)."""

import contextlib
import datetime
import re

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.utils import timezone

from bijeenkomsten.documents import PRESENTIELIJST, VERSLAG
from bijeenkomsten.models import Verslag, VerslagVersie
from bijeenkomsten.selectors import verslagen as verslagen_selectors
from bijeenkomsten.services import verslagen
from leerkring.core.models import RenderJob
from tests.bijeenkomsten.test_views import ROLES, login
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DilemmaFactory,
    VerslagFactory,
    WerkgroepFactory,
)
from tests.support import assert_answer, pdf_text, poppler, stored_bytes

BODY = "## Opening\n\nDe dag begon met een **verkenning** van de drie dilemma's."
CONCLUSION = "Loslaten vraagt om vertrouwen, en vertrouwen vraagt om afspraken."


@pytest.fixture
def held(circle):
    """A meeting that took place, with a work group and people from Breda and Tilburg."""
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Kick-off",
        capacity=10,
        starts_at=timezone.now() - datetime.timedelta(days=2),
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
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, gemeente=gemeente, status="aanwezig")
    meeting.groep = groep
    return meeting


def write(client, meeting, **changes):
    data = {
        "title": "Verslag van de kick-off",
        "authors": "Onderzoeker, Tweede Onderzoeker",
        "body": BODY,
        "conclusions": CONCLUSION,
        f"werkgroep_{meeting.groep.pk}": "Bemiddelen is vooral luisteren.",
        **changes,
    }
    return client.post(f"/bijeenkomsten/{meeting.pk}/verslag/schrijven/", data)


def test_a_researcher_writes_a_draft_that_only_researchers_see(client, circle, held):
    client.force_login(circle.researcher)
    # No report yet: the report page leads the researcher to the form.
    assert client.get(f"/bijeenkomsten/{held.pk}/verslag/").url.endswith("/verslag/schrijven/")
    form = client.get(f"/bijeenkomsten/{held.pk}/verslag/schrijven/")
    assert "Conclusies van werkgroep Werkgroep Bemiddelen" in form.text
    assert "nu 3 deelnemers" in form.text

    response = write(client, held)
    assert response.status_code == 302
    page = client.get(f"/bijeenkomsten/{held.pk}/verslag/")
    assert "Dit is een concept" in page.text
    assert "<strong>verkenning</strong>" in page.text
    assert "Bemiddelen is vooral luisteren." in page.text

    client.force_login(circle.member)
    assert client.get(f"/bijeenkomsten/{held.pk}/verslag/").status_code == 404
    assert "Lees het verslag" not in client.get(f"/bijeenkomsten/{held.pk}/").text
    # A draft is not rendered.
    assert not RenderJob.objects.exists()


def test_the_figures_come_from_the_meeting(circle, held):
    figures = verslagen_selectors.verslag_figures(bijeenkomst=held)
    assert figures == {
        "deelnemers": 3,
        "gemeenten": [{"naam": "Breda", "aantal": 2}, {"naam": "Tilburg", "aantal": 1}],
    }


@pytest.mark.usefixtures("file_storage")
def test_publishing_mails_the_participants_and_renders_once(
    client, circle, held, django_capture_on_commit_callbacks
):
    circle.other_member.email_notifications = False
    circle.other_member.save()
    client.force_login(circle.researcher)
    write(client, held)
    url = f"/bijeenkomsten/{held.pk}/verslag/publiceren/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"recipients": 2})  # as the confirmation page says
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"recipients": 2})  # a second click

    # Who asked for no e-mail gets none; the others exactly one, with the link.
    assert sorted(m.to[0] for m in mail.outbox) == ["coord@breda.nl", "lid@breda.nl"]
    assert f"/bijeenkomsten/{held.pk}/verslag/" in mail.outbox[0].body
    job = RenderJob.objects.get()
    assert job.status == "ready"
    assert job.attempts == 1
    text = pdf_text(job.file)
    assert "Verslag van de kick-off" in text
    assert "Loslaten vraagt om vertrouwen" in text
    assert f"pagina 1 van {job.pages}" not in text  # the cover has no page number
    assert f"pagina 2 van {job.pages}" in text

    client.force_login(circle.member)
    page = client.get(f"/bijeenkomsten/{held.pk}/verslag/")
    assert "Download als PDF" in page.text
    download = client.get(f"/bijeenkomsten/{held.pk}/verslag/pdf/")
    assert download["Content-Type"] == "application/pdf"
    assert "verslag-kick-off-v1.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_saving_without_a_change_makes_no_version_and_no_render(
    client, circle, held, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    write(client, held)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bijeenkomsten/{held.pk}/verslag/publiceren/", {"recipients": 3})
    first = RenderJob.objects.get()
    rendered_at = first.finished_at

    with django_capture_on_commit_callbacks(execute=True):
        response = write(client, held)
    assert "Er was niets veranderd" in client.get(response.url).text
    assert VerslagVersie.objects.count() == 1
    first.refresh_from_db()
    assert (RenderJob.objects.count(), first.finished_at) == (1, rendered_at)


@pytest.mark.usefixtures("file_storage")
def test_editing_a_published_report_makes_a_new_version_and_keeps_the_old(
    client, circle, held, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    write(client, held)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bijeenkomsten/{held.pk}/verslag/publiceren/", {"recipients": 3})
    with django_capture_on_commit_callbacks(execute=True):
        write(client, held, conclusions="Een bijgestelde conclusie.")
    mail_count = len(mail.outbox)

    assert list(VerslagVersie.objects.values_list("number", flat=True)) == [2, 1]
    assert RenderJob.objects.filter(kind=VERSLAG, status="ready").count() == 2
    page = client.get(f"/bijeenkomsten/{held.pk}/verslag/")
    assert "Een bijgestelde conclusie." in page.text
    assert "Versie 1" in page.text  # the researcher's list of versions
    old = client.get(f"/bijeenkomsten/{held.pk}/verslag/versies/1/")
    assert CONCLUSION in old.text
    assert client.get(f"/bijeenkomsten/{held.pk}/verslag/versies/1/pdf/").status_code == 200
    # A correction is not news: nobody is mailed again.
    assert len(mail.outbox) == mail_count

    client.force_login(circle.member)
    assert "Een bijgestelde conclusie." in client.get(f"/bijeenkomsten/{held.pk}/verslag/").text
    assert client.get(f"/bijeenkomsten/{held.pk}/verslag/versies/1/").status_code == 404
    assert client.get(f"/bijeenkomsten/{held.pk}/verslag/versies/1/pdf/").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_only_the_circle_reads_a_published_report(
    client, circle, held, role, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        verslagen.verslag_save(
            bijeenkomst=held, user=circle.researcher, title="Verslag", authors="A", body=BODY
        )
        verslagen.verslag_publish(verslag=Verslag.objects.get())
    login(client, circle, role)
    expected = 200 if role in ("member", "coordinator", "researcher") else 404
    anonymous = role == "anonymous"
    assert_answer(client.get(f"/bijeenkomsten/{held.pk}/verslag/"), expected, anonymous=anonymous)
    pdf = client.get(f"/bijeenkomsten/{held.pk}/verslag/pdf/")
    assert_answer(pdf, expected, anonymous=anonymous)
    status = client.get(f"/bijeenkomsten/{held.pk}/verslag/status/", headers={"HX-Request": "true"})
    assert_answer(status, expected, anonymous=anonymous)
    manage = 302 if role == "researcher" else 404
    publish = client.post(f"/bijeenkomsten/{held.pk}/verslag/publiceren/")
    assert_answer(publish, manage, anonymous=anonymous)
    write = client.get(f"/bijeenkomsten/{held.pk}/verslag/schrijven/")
    assert_answer(write, 200 if role == "researcher" else 404, anonymous=anonymous)


@pytest.mark.usefixtures("file_storage")
def test_no_public_url_serves_a_report(client, circle, held, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        verslagen.verslag_save(
            bijeenkomst=held, user=circle.researcher, title="Verslag", authors="A", body=BODY
        )
        verslagen.verslag_publish(verslag=Verslag.objects.get())
    job = RenderJob.objects.get()
    # The file is in the private storage, not the public one; no URL of ours serves it.
    assert storages["private"].exists(job.file.name)
    assert not storages["default"].exists(job.file.name)
    for url in (f"/media/{job.file.name}", f"/static/{job.file.name}", job.file.url):
        assert client.get(url).status_code == 404


def test_bad_numbers_and_missing_reports_are_404(client, circle, held):
    client.force_login(circle.researcher)
    for url in (
        f"/bijeenkomsten/{held.pk}/verslag/versies/7/",
        f"/bijeenkomsten/{held.pk}/verslag/versies/7/pdf/",
        f"/bijeenkomsten/{held.pk}/verslag/pdf/",
        "/bijeenkomsten/999999/verslag/",
        "/bijeenkomsten/999999/verslag/pdf/",
        "/bijeenkomsten/999999/presentielijst/pdf/download/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/bijeenkomsten/{held.pk}/verslag/publiceren/").status_code == 404


def test_an_empty_form_says_what_is_missing(client, circle, held):
    client.force_login(circle.researcher)
    response = write(client, held, title="", body="")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "body"}
    assert "Dit veld is verplicht" in response.text
    assert not Verslag.objects.exists()


def test_publishing_a_report_that_has_no_text_yet_is_explained(client, circle, held):
    VerslagFactory(bijeenkomst=held)
    client.force_login(circle.researcher)
    response = client.post(f"/bijeenkomsten/{held.pk}/verslag/publiceren/", follow=True)
    assert "Schrijf eerst het verslag" in response.text


def test_the_attendance_list_as_pdf(client, circle, held, django_capture_on_commit_callbacks):
    client.force_login(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(f"/bijeenkomsten/{held.pk}/presentielijst/pdf/")
    assert page.status_code == 200
    job = RenderJob.objects.get(kind=PRESENTIELIJST)
    assert job.status == "ready"
    text = pdf_text(job.file)
    assert "Presentielijst" in text
    assert "Lid Tilburg" in text and "Coördinator Breda" in text

    # Asking again with the same list renders nothing new; a change does.
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/bijeenkomsten/{held.pk}/presentielijst/pdf/")
    job.refresh_from_db()
    assert job.attempts == 1
    first = job.content_hash
    response = client.post(f"/bijeenkomsten/{held.pk}/presentielijst/", {"aanwezig": []})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/bijeenkomsten/{held.pk}/presentielijst/pdf/")
    job.refresh_from_db()
    assert job.status == "ready"
    assert job.content_hash != first
    assert "nog af te vinken" not in pdf_text(job.file)  # the label is for screen readers only
    download = client.get(f"/bijeenkomsten/{held.pk}/presentielijst/pdf/download/")
    assert download.status_code == 200
    assert "presentielijst-" in download["Content-Disposition"]

    client.force_login(circle.member)
    assert client.get(f"/bijeenkomsten/{held.pk}/presentielijst/pdf/").status_code == 404
    assert client.get(f"/bijeenkomsten/{held.pk}/presentielijst/pdf/download/").status_code == 404


def _catalogue(stored_file) -> bytes:
    """The PDF's objects, with its compressed object streams unpacked."""
    import re
    import zlib

    data = stored_bytes(stored_file)
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(data[match.end() : end]))
    return b"".join(parts)


def test_the_pdf_is_a4_tagged_and_carries_title_authors_and_language(
    circle, held, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        verslagen.verslag_save(
            bijeenkomst=held,
            user=circle.researcher,
            title="Verslag van de kick-off",
            authors="Merlijn van Hulst, Wieke Blijleven",
            body=BODY,
        )
        verslagen.verslag_publish(verslag=Verslag.objects.get())
    job = RenderJob.objects.get()
    info = poppler("pdfinfo", job.file)
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == "Verslag van de kick-off"
    assert fields["Author"].strip() == "Merlijn van Hulst, Wieke Blijleven"
    assert fields["Tagged"].strip() == "yes"
    assert "(A4)" in fields["Page size"]
    meta = poppler("pdfinfo", job.file, "-meta")
    assert 'pdfuaid:part="1"' in meta  # declared PDF/UA-1
    catalogue = _catalogue(job.file)
    assert b"/Lang (nl)" in catalogue and b"/StructTreeRoot" in catalogue
    # Fonts are embedded, the site's own (issue 16): Noto, from the vendored static files.
    fonts = poppler("pdffonts", job.file)
    assert "+Noto-Sans " in fonts and "+Noto-Serif-Bold " in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
    text = pdf_text(job.file)
    assert "Inhoud" in text and "Verloop van de dag" in text  # the table of contents


def test_the_report_page_costs_the_same_with_2_and_12_versions(
    client, circle, held, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def grow(n):
        for i in range(n):
            with django_capture_on_commit_callbacks(execute=False):
                verslagen.verslag_save(
                    bijeenkomst=held,
                    user=circle.researcher,
                    title="Verslag",
                    authors="A",
                    body=f"Tekst {Verslag.objects.count()} {i} {VerslagVersie.objects.count()}",
                )
                if not Verslag.objects.filter(status="gepubliceerd").exists():
                    verslagen.verslag_publish(verslag=Verslag.objects.get())

    def count(user):
        client.force_login(user)
        with django_assert_max_num_queries(30) as captured:
            assert client.get(f"/bijeenkomsten/{held.pk}/verslag/").status_code == 200
        return len(captured)

    grow(2)
    small = {role: count(getattr(circle, role)) for role in ("member", "researcher")}
    grow(10)
    assert VerslagVersie.objects.count() == 12
    assert {role: count(getattr(circle, role)) for role in ("member", "researcher")} == small


def test_the_same_text_with_windows_line_breaks_is_no_change(client, circle, held):
    client.force_login(circle.researcher)
    write(client, held, body="Regel een.\nRegel twee.")
    response = write(client, held, body="Regel een.\r\nRegel twee.")
    assert "Er was niets veranderd" in client.get(response.url).text
    assert VerslagVersie.objects.get().body == "Regel een.\nRegel twee."


def test_the_pdf_draws_participants_per_municipality_with_the_numbers_as_a_table(
    circle, held, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        verslagen.verslag_save(
            bijeenkomst=held, user=circle.researcher, title="Verslag", authors="", body=BODY
        )
        verslagen.verslag_publish(verslag=Verslag.objects.get(), notify=False)
    job = RenderJob.objects.get()
    assert job.status == "ready"
    text = pdf_text(job.file)
    figures = text[text.rindex("In cijfers") :]
    # Each municipality with its number twice: drawn in the chart, then in its table.
    assert len(re.findall(r"Breda +2\n", figures)) == 2
    assert len(re.findall(r"Tilburg +1\n", figures)) == 2
    assert "Deelnemers per gemeente\n" in figures  # the chart's caption
    assert "Deelnemers per gemeente, in cijfers" in figures  # the table's
    assert re.search(r"Gemeente +Deelnemers", figures)
    # The bars are painted in the theme's accent, #1d0857, which nothing else in a report uses.
    assert b"0.113725 0.031373 0.341176 rg" in _catalogue(job.file)
