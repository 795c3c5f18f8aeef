"""The certificate of participation (deelnamebewijs): a person's PDF of the meetings they
attended in one circle (with date, hours and work group; one per circle since issue 20), the
cases they brought in that the whole circle may read, signed on behalf of the researchers; and a
municipality's certificates in one PDF for its coordinator. Both are PdfKinds rendered by the
worker, made again when what they show changes."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gemeenten.models import Deelnamebewijs, Lidmaatschap
from leerkring import documents
from leerkring.core.models import RenderJob
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    CasusFactory,
    DilemmaFactory,
    LidmaatschapFactory,
    RenderJobFactory,
    UserFactory,
    WerkgroepFactory,
)
from tests.support import pdf_text, poppler

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=AMS)


def meeting(circle, title, day, hours, **kwargs):
    start = at(day, *hours[0])
    end = at(day, *hours[1])
    return BijeenkomstFactory(
        leerkring=circle.leerkring,
        title=title,
        starts_at=start,
        ends_at=end,
        registration_closes_at=start - datetime.timedelta(days=1),
        **kwargs,
    )


def published(circle, title, author=None, **kwargs):
    return CasusFactory(
        leerkring=circle.leerkring,
        author=author or circle.member,
        gemeente=circle.breda,
        dilemma=kwargs.pop("dilemma", None) or DilemmaFactory(leerkring=circle.leerkring),
        title=title,
        status="gepubliceerd",
        published_at=timezone.now(),
        **kwargs,
    )


@pytest.fixture
def did(circle):
    """What the member of Breda did in the circle: two meetings attended (one in a work group),
    one only registered for, one cancelled by them, one that was called off; cases of every
    kind, of which one circle-wide published case of their own counts."""
    second = UserFactory(email="tweede@uni.example", name="Prof. Jansen")
    circle.leerkring.researchers.add(second)
    kickoff = meeting(circle, "Kick-off in Breda", 12, ((13, 30), (16, 30)))
    dilemma = DilemmaFactory(leerkring=circle.leerkring, title="Sturen en loslaten")
    tafel = WerkgroepFactory(bijeenkomst=kickoff, title="Tafel Sturen", dilemma=dilemma)
    AanmeldingFactory(
        bijeenkomst=kickoff,
        deelnemer=circle.member,
        gemeente=circle.breda,
        werkgroep=tafel,
        status="aanwezig",
    )
    tilburg = meeting(circle, "Leerkring in Tilburg", 19, ((9, 0), (12, 15)))
    AanmeldingFactory(
        bijeenkomst=tilburg, deelnemer=circle.member, gemeente=circle.breda, status="aanwezig"
    )
    registered = meeting(circle, "Alleen aangemeld", 20, ((10, 0), (12, 0)))
    AanmeldingFactory(bijeenkomst=registered, deelnemer=circle.member, status="aangemeld")
    cancelled = meeting(circle, "Zelf afgemeld", 21, ((10, 0), (12, 0)))
    AanmeldingFactory(bijeenkomst=cancelled, deelnemer=circle.member, status="geannuleerd")
    called_off = meeting(circle, "Ging niet door", 22, ((10, 0), (12, 0)), status="geannuleerd")
    AanmeldingFactory(bijeenkomst=called_off, deelnemer=circle.member, status="aanwezig")

    published(circle, "Het buurthuis", dilemma=dilemma)
    CasusFactory(leerkring=circle.leerkring, author=circle.member, title="Nog een concept")
    published(circle, "Alleen voor Breda", visibility="gemeente")
    waiting = published(
        circle, "Wacht op goedkeuring", anonymise=True, anon_title="Anoniem", anon_situation="X"
    )
    published(circle, "Van een collega", author=circle.hidden)
    return {"kickoff": kickoff, "tafel": tafel, "waiting": waiting, "registered": registered}


def lid(user) -> Lidmaatschap:
    return Lidmaatschap.objects.get(user=user)


def page(circle, user=None) -> str:
    """The page of a person's certificate for the fixture's circle."""
    return reverse(
        "deelnamebewijs-kring", args=[lid(user or circle.member).pk, circle.leerkring.slug]
    )


def bewijs_pk(circle, user=None) -> int:
    """The id of that certificate (made when its page was first opened)."""
    return Deelnamebewijs.objects.get(
        lidmaatschap=lid(user or circle.member), leerkring=circle.leerkring
    ).pk


def render(client, user, django_capture_on_commit_callbacks, url=None, circle=None):
    """Open the page that asks for the PDF (tasks run at once in these tests)."""
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url or page(circle, user))
    assert response.status_code == 200
    return response


def flat(text: str) -> str:
    return " ".join(text.split())


# --- What the PDF shows -----------------------------------------------------------------------
def test_the_certificate_shows_attended_meetings_groups_cases_and_researchers(
    client, circle, did, django_capture_on_commit_callbacks
):
    response = render(client, circle.member, django_capture_on_commit_callbacks, circle=circle)
    assert "Deelnamebewijs" in response.text and "Kick-off in Breda" in response.text
    job = RenderJob.objects.get(kind="deelnamebewijs", object_id=bewijs_pk(circle))
    assert job.status == "ready" and job.pages == 1
    text = flat(pdf_text(job.file, layout=False))

    assert "Lid Breda" in text and "gemeente Breda" in text
    assert circle.leerkring.title in text
    start, end = circle.leerkring.starts_on, circle.leerkring.ends_on
    assert f"van {start.day} " in text and f"tot en met {end.day} " in text
    assert "Kick-off in Breda" in text and "12 maart 2026" in text and "13:30–16:30" in text
    assert "Tafel Sturen" in text
    assert "Leerkring in Tilburg" in text and "19 maart 2026" in text and "09:00–12:15" in text
    # Only where they were: not a meeting they registered for, cancelled, or that was called off.
    for absent in ("Alleen aangemeld", "Zelf afgemeld", "Ging niet door"):
        assert absent not in text
    # Their own published, circle-wide case; not a draft, one kept within the municipality,
    # one whose anonymised version waits for approval, nor a colleague's.
    assert "Het buurthuis" in text and "Sturen en loslaten" in text
    for absent in ("Nog een concept", "Alleen voor Breda", "Wacht op goedkeuring", "collega"):
        assert absent not in text
    assert "Namens de onderzoekers" in text
    assert "Onderzoeker" in text and "Prof. Jansen" in text


def test_someone_who_attended_nothing_gets_a_sentence_and_no_pdf(
    client, circle, django_capture_on_commit_callbacks
):
    meeting(circle, "Alleen aangemeld", 20, ((10, 0), (12, 0)))
    url = reverse("profile")
    response = render(client, circle.member, django_capture_on_commit_callbacks, url=url)
    assert "Je hebt nog geen deelnamebewijs" in response.text
    assert "Download als PDF" not in response.text
    assert not RenderJob.objects.exists()
    # No page for a circle they attended nothing of.
    assert client.get(page(circle)).status_code == 404
    # Someone without a confirmed membership has no section at all.
    response = render(client, circle.pending_user, django_capture_on_commit_callbacks, url=url)
    assert "Deelnamebewijs" not in response.text


@pytest.mark.usefixtures("file_storage")
def test_the_profile_links_to_the_certificate_and_its_page_to_the_download(
    client, circle, did, django_capture_on_commit_callbacks
):
    profile = render(
        client, circle.member, django_capture_on_commit_callbacks, url="/account/profiel/"
    )
    assert page(circle) in profile.text and "2 bijeenkomsten bijgewoond" in profile.text
    response = render(client, circle.member, django_capture_on_commit_callbacks, circle=circle)
    assert "De PDF staat in de wachtrij" in response.text  # made once the request is done
    response = client.get(page(circle))
    download = reverse("pdf-download", args=["deelnamebewijs", bewijs_pk(circle)])
    assert download in response.text
    pdf_response = client.get(download)
    assert pdf_response.status_code == 200
    slug = circle.leerkring.title.lower().replace(" ", "-")
    assert pdf_response["Content-Disposition"].endswith(f'deelnamebewijs-lid-breda-{slug}.pdf"')
    # The address of issue 13's single certificate leads to it.
    assert client.get(reverse("deelnamebewijs", args=[lid(circle.member).pk]))["Location"] == (
        page(circle)
    )


# --- The version ------------------------------------------------------------------------------
def version_of(lidmaatschap):
    bewijs, _created = Deelnamebewijs.objects.get_or_create(
        lidmaatschap=lidmaatschap, leerkring=lidmaatschap.gemeente.deelnames.get().leerkring
    )
    return documents.deelnamebewijs_version(documents.bewijs.deelnamebewijs_get(pk=bewijs.pk))


def test_the_version_changes_with_what_the_certificate_shows(circle, did):
    member = lid(circle.member)
    first = version_of(member)
    assert version_of(member) == first

    # Marked present at a meeting they only registered for.
    did["registered"].aanmeldingen.filter(deelnemer=circle.member).update(status="aanwezig")
    second = version_of(member)
    assert second != first
    # The anonymised version of a case approved: now the whole circle reads it.
    type(did["waiting"]).objects.filter(pk=did["waiting"].pk).update(
        anon_approved_at=timezone.now()
    )
    third = version_of(member)
    assert third != second
    # A new name; a new work group name; a researcher more.
    type(circle.member).objects.filter(pk=circle.member.pk).update(name="Lid van Breda")
    fourth = version_of(member)
    assert fourth != third
    did["tafel"].title = "Tafel Loslaten"
    did["tafel"].save()
    fifth = version_of(member)
    assert fifth != fourth
    circle.leerkring.researchers.add(UserFactory(name="Dr. Derde"))
    assert version_of(member) != fifth


def test_the_version_is_a_few_queries_however_much_was_done(circle, did):
    for day in range(1, 11):
        extra = meeting(circle, f"Extra {day}", day, ((10, 0), (11, 0)))
        AanmeldingFactory(bijeenkomst=extra, deelnemer=circle.member, status="aanwezig")
        published(circle, f"Casus {day}")
    bewijs = Deelnamebewijs.objects.create(
        lidmaatschap=lid(circle.member), leerkring=circle.leerkring
    )
    bewijs = documents.bewijs.deelnamebewijs_get(pk=bewijs.pk)
    with CaptureQueriesContext(connection) as queries:
        documents.deelnamebewijs_version(bewijs)
    assert len(queries) == 4  # circles, meetings, cases, researchers


def test_an_unchanged_certificate_is_not_made_again(
    client, circle, did, django_capture_on_commit_callbacks
):
    render(client, circle.member, django_capture_on_commit_callbacks, circle=circle)
    job = RenderJob.objects.get(kind="deelnamebewijs")
    render(client, circle.member, django_capture_on_commit_callbacks, circle=circle)
    assert RenderJob.objects.get(pk=job.pk).finished_at == job.finished_at
    did["registered"].aanmeldingen.filter(deelnemer=circle.member).update(status="aanwezig")
    render(client, circle.member, django_capture_on_commit_callbacks, circle=circle)
    job = RenderJob.objects.get(pk=job.pk)
    assert job.status == "ready"
    assert "Alleen aangemeld" in pdf_text(job.file)


# --- Stored text of every kind ----------------------------------------------------------------
def test_control_characters_line_breaks_and_long_titles_survive(
    client, circle, django_capture_on_commit_callbacks
):
    type(circle.member).objects.filter(pk=circle.member.pk).update(
        name="Lid\x07 Breda\r\nde Tweede\x1b"
    )
    long_title = "Bijeenkomst" + "x" * 150 + " " + "Verantwoordelijkheid " * 2
    kickoff = meeting(circle, long_title[:200], 12, ((13, 30), (16, 30)))
    tafel = WerkgroepFactory(bijeenkomst=kickoff, title="W" * 200)
    AanmeldingFactory(
        bijeenkomst=kickoff, deelnemer=circle.member, werkgroep=tafel, status="aanwezig"
    )
    published(circle, "Casus\x0b met\u200b" + "y" * 180)
    render(client, circle.member, django_capture_on_commit_callbacks, circle=circle)
    job = RenderJob.objects.get(kind="deelnamebewijs")
    assert job.status == "ready", job.last_error
    text = pdf_text(job.file, layout=False)
    assert "Lid Breda" in flat(text) and "de Tweede" in text
    assert "xxxxxxxxxx" in text and "WWWWWWWWWW" in text and "yyyyyyyyyy" in text
    info = poppler("pdfinfo", job.file)
    assert "\x07" not in info and "Lid Breda" in info
    # Nothing ran off the page: every line of the text fits in A4's width of characters.
    assert job.pages <= 2


# --- Who may see it ---------------------------------------------------------------------------
def test_who_may_see_a_persons_certificate(client, circle, did, django_capture_on_commit_callbacks):
    render(client, circle.member, django_capture_on_commit_callbacks, circle=circle)
    pk = bewijs_pk(circle)
    urls = [
        page(circle),
        reverse("deelnamebewijs", args=[lid(circle.member).pk]),  # redirects to the page
        reverse("pdf-download", args=["deelnamebewijs", pk]),
    ]
    for user in (circle.member, circle.coordinator, circle.researcher):
        client.force_login(user)
        for url in urls:
            assert client.get(url, follow=True).status_code == 200, (user, url)
    other_coordinator = circle.other_member
    circle.tilburg.deelnames.get().coordinators.add(other_coordinator)
    for user in (other_coordinator, circle.hidden, circle.outsider, circle.pending_user):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert client.get(reverse("pdf-status", args=["deelnamebewijs", pk])).status_code == 404
    client.logout()
    for url in urls:
        assert client.get(url)["Location"].startswith("/account/login/")
    # A membership that is not confirmed has no certificate.
    pending = circle.pending.pk
    client.force_login(circle.researcher)
    assert client.get(reverse("deelnamebewijs", args=[pending])).status_code == 404


def test_only_researchers_may_try_a_failed_certificate_again(client, circle, did):
    pk = Deelnamebewijs.objects.create(
        lidmaatschap=lid(circle.member), leerkring=circle.leerkring
    ).pk
    RenderJobFactory(kind="deelnamebewijs", object_id=pk, status="failed")
    retry = reverse("pdf-retry", args=["deelnamebewijs", pk])
    for user in (circle.member, circle.coordinator):
        client.force_login(user)
        assert client.post(retry).status_code == 404
    client.force_login(circle.researcher)
    assert client.post(retry)["Location"] == page(circle)


def test_a_failed_certificate_is_on_the_researchers_list(circle, did):
    from leerkring.core.rendering.selectors import render_jobs_failed

    pk = Deelnamebewijs.objects.create(
        lidmaatschap=lid(circle.member), leerkring=circle.leerkring
    ).pk
    RenderJobFactory(kind="deelnamebewijs", object_id=pk, status="failed")
    RenderJobFactory(kind="deelnamebewijzen", object_id=circle.deelname_breda.pk, status="failed")
    failed = render_jobs_failed(circles={circle.leerkring.pk}, limit=8)
    assert {item["url"] for item in failed} == {
        page(circle),
        reverse("deelnamebewijzen", args=[circle.deelname_breda.pk]),
    }
    assert render_jobs_failed(circles={circle.leerkring.pk + 1000}, limit=8) == []


# --- The coordinator's list and the combined PDF ----------------------------------------------
def test_the_coordinator_gets_every_certificate_in_one_pdf(
    client, circle, did, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    # A colleague who attended too; the coordinator attended nothing.
    AanmeldingFactory(bijeenkomst=did["kickoff"], deelnemer=circle.hidden, status="aanwezig")
    url = reverse("deelnamebewijzen", args=[circle.deelname_breda.pk])
    client.force_login(circle.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 200
    assert "Lid Breda" in response.text and "Verborgen Breda" in response.text
    assert "Coördinator Breda" in response.text and "niet aanwezig geweest" in response.text
    assert page(circle) in response.text

    job = RenderJob.objects.get(kind="deelnamebewijzen", object_id=circle.deelname_breda.pk)
    assert job.status == "ready" and job.pages == 2  # each on a page of its own
    first = flat(poppler("pdftotext", job.file, "-f", "1", "-l", "1"))
    second = flat(poppler("pdftotext", job.file, "-f", "2", "-l", "2"))
    assert "Lid Breda" in first and "Het buurthuis" in first and "Leerkring in Tilburg" in first
    assert "Verborgen Breda" in second and "Kick-off in Breda" in second
    assert "Leerkring in Tilburg" not in second and "Coördinator Breda" not in first + second

    # The list grows with the municipality, its queries do not (each time the PDF is asked
    # for again, as what it shows changed).
    def colleagues(numbers):
        for n in numbers:
            user = UserFactory(email=f"extra{n}@breda.nl")
            LidmaatschapFactory(user=user, gemeente=circle.breda)
            AanmeldingFactory(bijeenkomst=did["kickoff"], deelnemer=user, status="aanwezig")
            published(circle, f"Casus {n}", author=user)

    colleagues([0])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    colleagues(range(1, 6))
    with django_assert_max_num_queries(len(before)):
        client.get(url)


def test_who_may_see_a_municipalitys_certificates(client, circle, did):
    breda = circle.deelname_breda.pk
    tilburg = circle.tilburg.deelnames.get().pk
    url = reverse("deelnamebewijzen", args=[breda])
    for user in (circle.coordinator, circle.researcher):
        client.force_login(user)
        assert client.get(url).status_code == 200
    for user in (circle.member, circle.other_member, circle.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(circle.coordinator)
    assert client.get(reverse("deelnamebewijzen", args=[tilburg])).status_code == 404
    assert (
        client.get(reverse("pdf-download", args=["deelnamebewijzen", tilburg])).status_code == 404
    )


def test_the_coordinator_finds_the_list_on_the_municipality_page(client, circle):
    client.force_login(circle.coordinator)
    response = client.get(reverse("gemeenten:gemeente-detail", args=["breda"]))
    assert reverse("deelnamebewijzen", args=[circle.deelname_breda.pk]) in response.text


# --- Through the real worker ------------------------------------------------------------------
@pytest.mark.worker
def test_the_worker_makes_the_certificate(celery_worker, client, circle, did):
    from tests.conftest import wait_for

    client.force_login(circle.member)
    response = client.get(page(circle))
    assert "De PDF staat in de wachtrij" in response.text or "wordt nu gemaakt" in response.text
    job = wait_for(
        lambda: RenderJob.objects.filter(kind="deelnamebewijs", status="ready").first(), 90
    )
    assert "Kick-off in Breda" in pdf_text(job.file)
    assert "Download als PDF" in client.get(page(circle)).text
