"""The attendance list as PDF is a sheet to be signed at the door (issue 16): it has no cover,
so its first page holds the table, and it is set in the site's own font."""

from bijeenkomsten.documents import PRESENTIELIJST
from leerkring.core.models import RenderJob
from tests.factories import AanmeldingFactory, BijeenkomstFactory
from tests.support import poppler


def _page_text(pdf, page: int) -> str:
    return poppler("pdftotext", pdf, "-layout", "-f", str(page), "-l", str(page))


def test_the_attendance_pdf_starts_with_its_table_in_noto(
    client, circle, django_capture_on_commit_callbacks
):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", capacity=10)
    AanmeldingFactory(bijeenkomst=meeting, deelnemer=circle.member, gemeente=circle.breda)
    client.force_login(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/bijeenkomsten/{meeting.pk}/presentielijst/pdf/")
    job = RenderJob.objects.get(kind=PRESENTIELIJST)
    assert job.status == "ready"
    assert job.pages == 1

    first = _page_text(job.file, 1)
    assert "Presentielijst: Kick-off" in first
    assert "Handtekening" in first  # the table's header, on page 1: no cover before it
    assert "Lid Breda" in first
    assert "pagina 1 van 1" in first  # an ordinary page, numbered (the cover is not)

    fonts = poppler("pdffonts", job.file)
    assert "+Noto-Sans " in fonts and "+Noto-Serif-Bold " in fonts, fonts
