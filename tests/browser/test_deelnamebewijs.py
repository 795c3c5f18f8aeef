"""The certificate of participation in the browser: a member finds it on their profile, sees the
status box while the real worker makes it and then downloads it; the coordinator's list of their
municipality's certificates; both pages checked with axe."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect

from leerkring.core.models import RenderJob
from tests.browser.helpers import log_in
from tests.browser.test_verslagen import _worker_paused
from tests.factories import AanmeldingFactory, BijeenkomstFactory, DilemmaFactory, WerkgroepFactory
from tests.support import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOWNLOAD = "Download als PDF"


@pytest.fixture
def attended(circle):
    """A meeting of last week that the member of Breda attended, in a work group."""
    starts = timezone.now() - datetime.timedelta(days=7)
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Kick-off",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        registration_closes_at=starts - datetime.timedelta(days=1),
    )
    groep = WerkgroepFactory(
        bijeenkomst=meeting,
        title="Werkgroep Bemiddelen",
        dilemma=DilemmaFactory(leerkring=circle.leerkring),
    )
    AanmeldingFactory(
        bijeenkomst=meeting,
        deelnemer=circle.member,
        gemeente=circle.breda,
        werkgroep=groep,
        status="aanwezig",
    )
    return meeting


def test_a_member_downloads_their_certificate_from_the_profile(
    transactional_db, circle, attended, celery_worker, live_server, page, assert_accessible
):
    log_in(page, live_server, circle.member.email, name=circle.member.name)
    page.goto(live_server.url + reverse("profile"))
    # The profile lists one certificate per circle the person attended (issue 20).
    section = page.get_by_role("region", name="Deelnamebewijs")
    expect(section).to_contain_text("1 bijeenkomst bijgewoond")
    with _worker_paused():
        section.get_by_role("link", name=f"Deelnamebewijs {circle.leerkring.title}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Deelnamebewijs van Lid Breda")
        # The status box of the PDF (the page may hold other status messages).
        box = page.get_by_role("status").filter(has_text="PDF")
        expect(box).to_contain_text("De PDF staat in de wachtrij en wordt zo gemaakt.")
        expect(box.get_by_role("link", name=DOWNLOAD)).to_have_count(0)
        assert_accessible(page)

    # The worker makes it; the box follows by itself, without a reload.
    link = box.get_by_role("link", name=DOWNLOAD)
    expect(link).to_be_visible(timeout=30_000)
    expect(box).to_contain_text("1 pagina")
    assert_accessible(page)
    with page.expect_download() as info:
        link.click()
    download = info.value
    circle_name = slugify(circle.leerkring.title)
    assert download.suggested_filename == f"deelnamebewijs-lid-breda-{circle_name}.pdf"
    text = pdf_text(download.path())
    assert "Kick-off" in text and "Werkgroep Bemiddelen" in text and "Onderzoeker" in text
    assert Path(download.path()).stat().st_size == RenderJob.objects.get().size


def test_a_member_who_attended_nothing_reads_why(
    transactional_db, circle, live_server, page, assert_accessible
):
    log_in(page, live_server, circle.member.email, name=circle.member.name)
    page.goto(live_server.url + reverse("profile"))
    section = page.get_by_role("region", name="Deelnamebewijs")
    expect(section).to_contain_text("want je was nog bij geen enkele bijeenkomst aanwezig")
    expect(section.get_by_role("link", name=DOWNLOAD)).to_have_count(0)
    assert_accessible(page)


def test_the_coordinator_lists_and_downloads_their_municipalitys_certificates(
    transactional_db, circle, attended, live_server, page, assert_accessible
):
    log_in(page, live_server, circle.coordinator.email, name=circle.coordinator.name)
    page.goto(live_server.url + reverse("gemeenten:gemeente-detail", args=["breda"]))
    page.get_by_role("link", name="Deelnamebewijzen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deelnamebewijzen van Breda")
    table = page.get_by_role("table", name="Deelnamebewijzen per persoon")
    expect(table).to_contain_text("Lid Breda")
    expect(table).to_contain_text("niet aanwezig geweest")  # the coordinator themselves
    # Made while the page was asked for (tasks run at once outside `celery_worker`).
    link = page.get_by_role("link", name=DOWNLOAD)
    expect(link).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as info:
        link.click()
    assert "Lid Breda" in pdf_text(info.value.path())

    # One person's certificate, from the list.
    page.get_by_role("link", name="Deelnamebewijs van Lid Breda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deelnamebewijs van Lid Breda")
    expect(page.get_by_role("link", name=DOWNLOAD)).to_be_visible()
    assert_accessible(page)
