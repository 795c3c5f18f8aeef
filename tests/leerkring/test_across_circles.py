"""Municipalities and people across circles (issue 20, point 2): a confirmed membership carries
over to every circle the municipality is admitted to; "Mijn overzicht" groups meetings and cases
by circle; the certificate of participation is one per circle; the programme manager's section
on the dashboard; and the programme's personal data in the export, the readable version, the
deletion of an account and the retention table."""

import datetime
import hashlib
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.models import Aanmelding
from gemeenten.models import Deelnamebewijs, Lidmaatschap, Uitnodiging
from leerkring import privacy
from leerkring.core.models import OnderzoekerUitnodiging, RenderJob
from leerkring.retention import services as retention
from leerkring.retention.table import PERSONAL_FIELDS, RULES_BY_KEY
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    CasusFactory,
    DeelnameFactory,
    DilemmaFactory,
    LeerkringFactory,
    ProgrammaFactory,
    UitnodigingFactory,
    UserFactory,
)
from tests.support import pdf_text

pytestmark = pytest.mark.django_db

DASHBOARD = "/overzicht/"


def lid(user) -> Lidmaatschap:
    return Lidmaatschap.objects.get(user=user)


def follow_up(circle, n: int = 1, **kwargs):
    """A later circle that Breda is admitted to as well (Tilburg is not)."""
    later = LeerkringFactory(
        title=kwargs.pop("title", f"Vervolgkring {n}"),
        starts_on=datetime.date(2020 + n, 1, 1),
        ends_on=datetime.date(2030 + n, 12, 31),
        **kwargs,
    )
    DeelnameFactory(leerkring=later, gemeente=circle.breda)
    return later


def coming(leerkring, title, days=10, **kwargs):
    starts = timezone.now() + datetime.timedelta(days=days)
    return BijeenkomstFactory(
        leerkring=leerkring,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        registration_closes_at=starts - datetime.timedelta(days=1),
        **kwargs,
    )


def attended(leerkring, user, title, days_ago):
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    meeting = BijeenkomstFactory(
        leerkring=leerkring,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        registration_closes_at=starts - datetime.timedelta(days=1),
    )
    AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, status="aanwezig")
    return meeting


def published_case(leerkring, user, gemeente, title):
    return CasusFactory(
        leerkring=leerkring,
        author=user,
        gemeente=gemeente,
        dilemma=DilemmaFactory(leerkring=leerkring),
        title=title,
        status="gepubliceerd",
        published_at=timezone.now(),
    )


# --- 1. The membership carries over ----------------------------------------------------------
def test_a_member_registers_for_a_meeting_of_another_circle_without_signing_up_again(
    client, circle
):
    later = follow_up(circle, title="Vervolgkring Democratie")
    first = coming(circle.leerkring, "Terugkomdag eerste kring")
    second = coming(later, "Kick-off vervolgkring", days=12)
    client.force_login(circle.member)

    listing = client.get(reverse("bijeenkomsten:bijeenkomst-list")).text
    assert "Terugkomdag eerste kring" in listing and "Kick-off vervolgkring" in listing
    # More than one circle: each meeting names its own.
    assert circle.leerkring.title in listing and "Vervolgkring Democratie" in listing

    detail = client.get(reverse("bijeenkomsten:bijeenkomst-detail", args=[second.pk]))
    assert reverse("bijeenkomsten:aanmelding-create", args=[second.pk]) in detail.text
    response = client.post(reverse("bijeenkomsten:aanmelding-create", args=[second.pk]), {})
    assert response.status_code == 302
    registration = Aanmelding.objects.get(bijeenkomst=second, deelnemer=circle.member)
    assert registration.status == "aangemeld" and registration.gemeente == circle.breda
    # Their membership is the one they had: no new request, no second membership.
    assert Lidmaatschap.objects.filter(user=circle.member).count() == 1
    client.post(reverse("bijeenkomsten:aanmelding-create", args=[first.pk]), {})
    assert Aanmelding.objects.filter(deelnemer=circle.member).count() == 2

    # Tilburg is not in the later circle: its member cannot register there.
    client.force_login(circle.other_member)
    refused = client.post(reverse("bijeenkomsten:aanmelding-create", args=[second.pk]), {})
    assert refused.status_code == 404
    assert not Aanmelding.objects.filter(deelnemer=circle.other_member).exists()


def test_with_one_circle_the_meeting_list_names_no_circle(client, circle):
    coming(circle.leerkring, "Terugkomdag")
    client.force_login(circle.member)
    listing = client.get(reverse("bijeenkomsten:bijeenkomst-list")).text
    assert "Terugkomdag" in listing and "leerkring-meeting-card__circle" not in listing


# --- 2. "Mijn overzicht" by circle -----------------------------------------------------------
def test_my_overview_groups_meetings_and_cases_by_circle(client, circle):
    later = follow_up(circle, title="Vervolgkring Democratie")
    mine_first = coming(circle.leerkring, "Terugkomdag eerste kring")
    AanmeldingFactory(bijeenkomst=mine_first, deelnemer=circle.member)
    coming(later, "Kick-off vervolgkring", days=12)
    published_case(circle.leerkring, circle.member, circle.breda, "Casus van toen")
    published_case(later, circle.member, circle.breda, "Casus van nu")
    client.force_login(circle.member)
    html = client.get(DASHBOARD).text

    first_heading = html.index(f'id="home-member-kring-{circle.leerkring.pk}"')
    later_heading = html.index(f'id="home-member-kring-{later.pk}"')
    assert later_heading < first_heading  # the newest circle first
    later_part, first_part = html[later_heading:first_heading], html[first_heading:]
    assert "Vervolgkring Democratie" in later_part
    assert "Kick-off vervolgkring" in later_part and "Casus van nu" in later_part
    assert "Terugkomdag eerste kring" not in later_part and "Casus van toen" not in later_part
    assert "Terugkomdag eerste kring" in first_part and "Casus van toen" in first_part
    assert "Je bent aangemeld." in first_part


def test_with_one_circle_my_overview_looks_as_before(client, circle):
    AanmeldingFactory(bijeenkomst=coming(circle.leerkring, "Terugkomdag"), deelnemer=circle.member)
    client.force_login(circle.member)
    html = client.get(DASHBOARD).text
    assert "Terugkomdag" in html
    assert "home-member-kring-" not in html and 'id="home-member-bijeenkomsten"' in html
    assert 'id="home-member-reacties"' in html


def _dashboard_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def test_my_overview_costs_the_same_queries_with_one_circle_and_with_many(client, circle):
    def busy(leerkring, n):
        AanmeldingFactory(
            bijeenkomst=coming(leerkring, f"Bijeenkomst {n}"), deelnemer=circle.member
        )
        coming(leerkring, f"Open {n}", days=20)
        published_case(leerkring, circle.member, circle.breda, f"Casus {n}")

    busy(circle.leerkring, 0)
    one = _dashboard_queries(client, circle.member)
    busy(follow_up(circle, 1), 1)
    two = _dashboard_queries(client, circle.member)
    for n in range(2, 6):
        busy(follow_up(circle, n), n)
    six = _dashboard_queries(client, circle.member)
    assert "Vervolgkring 5" in client.get(DASHBOARD).text
    assert six == two
    assert two == one + 1  # the circles' titles, once there is more than one


# --- 3. One certificate per circle -------------------------------------------------------------
@pytest.fixture
def two_circles(circle):
    later = follow_up(circle, title="Vervolgkring Democratie")
    attended(circle.leerkring, circle.member, "Kick-off eerste kring", 400)
    attended(circle.leerkring, circle.member, "Slotdag eerste kring", 300)
    attended(later, circle.member, "Kick-off vervolgkring", 20)
    published_case(later, circle.member, circle.breda, "Casus in de vervolgkring")
    return later


def page(circle, leerkring, user=None) -> str:
    return reverse("deelnamebewijs-kring", args=[lid(user or circle.member).pk, leerkring.slug])


def test_each_circle_has_its_own_certificate_and_pdf(
    client, circle, two_circles, django_capture_on_commit_callbacks
):
    later = two_circles
    client.force_login(circle.member)
    profile = client.get(reverse("profile")).text
    assert page(circle, circle.leerkring) in profile and page(circle, later) in profile
    # The address of the single certificate (issue 13) now lists them.
    listing = client.get(reverse("deelnamebewijs", args=[lid(circle.member).pk]))
    assert listing.status_code == 200
    assert page(circle, circle.leerkring) in listing.text and page(circle, later) in listing.text

    for leerkring, present, absent in (
        (circle.leerkring, ("Kick-off eerste kring", "Slotdag eerste kring"), "vervolgkring"),
        (later, ("Kick-off vervolgkring", "Casus in de vervolgkring"), "eerste kring"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(page(circle, leerkring))
        assert response.status_code == 200
        assert leerkring.title in response.text
        bewijs = Deelnamebewijs.objects.get(lidmaatschap=lid(circle.member), leerkring=leerkring)
        job = RenderJob.objects.get(kind="deelnamebewijs", object_id=bewijs.pk)
        assert job.status == "ready", job.last_error
        assert job.pages == 1 and leerkring.title in job.title
        text = " ".join(pdf_text(job.file, layout=False).split())
        assert leerkring.title in text and f"tot en met {leerkring.ends_on.day} " in text
        for title in present:
            assert title in text and title in response.text
        assert absent not in text
    assert RenderJob.objects.filter(kind="deelnamebewijs").count() == 2


def test_a_circle_without_attendance_has_no_certificate(client, circle, two_circles):
    never = follow_up(circle, 3, title="Kring zonder bezoek")
    client.force_login(circle.member)
    assert client.get(page(circle, never)).status_code == 404
    assert page(circle, never) not in client.get(reverse("profile")).text
    # A circle Breda is not admitted to, and a slug that does not exist.
    other = LeerkringFactory()
    attended(other, circle.member, "Elders", 10)
    assert client.get(page(circle, other)).status_code == 404
    url = reverse("deelnamebewijs-kring", args=[lid(circle.member).pk, "bestaat-niet"])
    assert client.get(url).status_code == 404


def test_who_may_see_a_certificate_depends_on_its_circle(client, circle, two_circles):
    later = two_circles
    researcher_later = UserFactory(name="Onderzoeker vervolg")
    later.researchers.add(researcher_later)
    coordinator_later = circle.hidden
    later.deelnames.get().coordinators.add(coordinator_later)
    first, second = page(circle, circle.leerkring), page(circle, later)

    allowed = {
        circle.member: {first, second},
        circle.researcher: {first},
        circle.coordinator: {first},
        researcher_later: {second},
        coordinator_later: {second},
        circle.outsider: set(),
        circle.other_member: set(),
    }
    for user, may in allowed.items():
        client.force_login(user)
        for url in (first, second):
            expected = 200 if url in may else 404
            assert client.get(url).status_code == expected, (user.name, url)
    # The list shows a researcher of one circle only that circle's certificate.
    client.force_login(researcher_later)
    response = client.get(reverse("deelnamebewijs", args=[lid(circle.member).pk]))
    assert response.status_code == 302 and response["Location"] == second


def test_the_coordinators_certificates_are_per_circle(
    client, circle, two_circles, django_capture_on_commit_callbacks
):
    later = two_circles
    deelname = later.deelnames.get(gemeente=circle.breda)
    deelname.coordinators.add(circle.coordinator)
    client.force_login(circle.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("deelnamebewijzen", args=[deelname.pk]))
    assert response.status_code == 200 and "Vervolgkring Democratie" in response.text
    assert page(circle, later) in response.text
    job = RenderJob.objects.get(kind="deelnamebewijzen", object_id=deelname.pk)
    text = " ".join(pdf_text(job.file, layout=False).split())
    assert "Kick-off vervolgkring" in text and "Kick-off eerste kring" not in text


def test_deleting_the_account_deletes_the_certificates_pdfs(
    client, circle, two_circles, django_capture_on_commit_callbacks
):
    client.force_login(circle.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(page(circle, two_circles))
    assert RenderJob.objects.filter(kind="deelnamebewijs").exists()
    with django_capture_on_commit_callbacks(execute=True):
        privacy.account_delete(user=circle.member)
    assert not RenderJob.objects.filter(kind="deelnamebewijs").exists()
    assert not Deelnamebewijs.objects.exists()


# --- 4. The programme manager and a circle in preparation ------------------------------------
def test_a_programme_manager_sees_their_programmes_with_circles_and_phases(client, circle):
    manager = UserFactory(name="Programmamanager")
    programma = ProgrammaFactory(title="Leerkringen lokale democratie", slug="lokale-democratie")
    programma.managers.add(manager)
    circle.leerkring.programma = programma
    circle.leerkring.save()
    LeerkringFactory(programma=programma, title="Kring in voorbereiding", phase="voorbereiding")
    ProgrammaFactory(title="Een ander programma")
    client.force_login(manager)
    html = client.get(DASHBOARD).text
    assert "Voor jou als programmamanager" in html
    assert "Leerkringen lokale democratie" in html and "Een ander programma" not in html
    assert circle.leerkring.title in html and "Kring in voorbereiding" in html
    assert "open" in html and "voorbereiding" in html
    assert reverse("programma:programma-beheer", args=["lokale-democratie"]) in html
    # Not a member: no "you do not take part yet" card for a manager.
    assert "Je doet nog niet mee namens een gemeente" not in html

    client.force_login(circle.member)
    assert "Voor jou als programmamanager" not in client.get(DASHBOARD).text


def test_a_researcher_of_a_circle_in_preparation_sees_it_on_their_home(client, db):
    researcher = UserFactory()
    preparing = LeerkringFactory(title="Kring in voorbereiding", phase="voorbereiding")
    preparing.researchers.add(researcher)
    client.force_login(researcher)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert "Voor jou als onderzoeker" in response.text
    assert "In voorbereiding: Kring in voorbereiding" in response.text


# --- 5. The programme's personal data --------------------------------------------------------
def invitation(leerkring, email, **kwargs):
    return OnderzoekerUitnodiging.objects.create(
        leerkring=leerkring,
        email=email,
        name=kwargs.pop("name", "Nieuwe Onderzoeker"),
        token_hash=hashlib.sha256(f"{email}{kwargs}".encode()).hexdigest(),
        expires_at=kwargs.pop("expires_at", timezone.now() + datetime.timedelta(days=14)),
        **kwargs,
    )


def test_the_export_holds_programmes_and_researcher_invitations(client, circle):
    manager = UserFactory(email="manager@fonds.example")
    programma = ProgrammaFactory(title="Leerkringen lokale democratie")
    programma.managers.add(manager)
    sent = invitation(circle.leerkring, "nieuw@uni.example", invited_by=manager)
    for_them = invitation(circle.leerkring, "manager@fonds.example", invited_by=circle.researcher)
    for_them.accepted_by, for_them.accepted_at = manager, timezone.now()
    for_them.save()
    client.force_login(manager)
    data = json.loads(client.get("/account/profiel/gegevens/").content)
    assert data["programmas_als_manager"] == ["Leerkringen lokale democratie"]
    assert [u["e-mailadres"] for u in data["uitnodigingen_als_onderzoeker"]] == [
        "manager@fonds.example"
    ]
    assert data["uitnodigingen_als_onderzoeker"][0]["leerkring"] == circle.leerkring.title
    assert data["uitnodigingen_als_onderzoeker_die_je_stuurde"] == [
        {
            "leerkring": circle.leerkring.title,
            "verstuurd_op": sent.created_at.isoformat(),
            "aangenomen": False,
        }
    ]
    # Not whom they invited: that is the other person's data.
    assert "nieuw@uni.example" not in json.dumps(data)

    readable = client.get("/account/profiel/mijn-gegevens/").text
    assert "Programma&#x27;s die je beheert" in readable or "Programma's die je beheert" in readable
    assert "Uitnodigingen om onderzoeker te worden" in readable
    assert "Leerkringen lokale democratie" in readable


def test_deleting_an_account_removes_it_from_programmes_and_invitations(circle):
    manager = UserFactory(email="manager@fonds.example")
    programma = ProgrammaFactory()
    programma.managers.add(manager)
    sent = invitation(circle.leerkring, "nieuw@uni.example", invited_by=manager)
    for_them = invitation(circle.leerkring, "manager@fonds.example")
    colleague = UitnodigingFactory(gemeente=circle.breda, invited_by=manager)
    privacy.account_delete(user=manager)
    assert not programma.managers.exists()
    assert not OnderzoekerUitnodiging.objects.filter(pk=for_them.pk).exists()
    # What they sent still works for whom it was for, without their name.
    sent.refresh_from_db()
    assert sent.invited_by is None and sent.email == "nieuw@uni.example"
    assert Uitnodiging.objects.get(pk=colleague.pk).invited_by is None


def test_used_or_expired_researcher_invitations_go_after_their_period(circle):
    now = timezone.now()
    days = RULES_BY_KEY["onderzoeker_uitnodiging"].period_days
    old = now - datetime.timedelta(days=days + 1)
    recent = now - datetime.timedelta(days=days - 1)
    used_long_ago = invitation(circle.leerkring, "a@uni.example", accepted_at=old)
    used_recently = invitation(circle.leerkring, "b@uni.example", accepted_at=recent)
    expired_long_ago = invitation(circle.leerkring, "c@uni.example", expires_at=old)
    expired_recently = invitation(circle.leerkring, "d@uni.example", expires_at=recent)
    still_open = invitation(circle.leerkring, "e@uni.example")
    assert retention.APPLY["onderzoeker_uitnodiging"](now=now) == 2
    left = set(OnderzoekerUitnodiging.objects.values_list("pk", flat=True))
    assert left == {used_recently.pk, expired_recently.pk, still_open.pk}
    assert used_long_ago.pk not in left and expired_long_ago.pk not in left
    # Declared in the privacy statement's table.
    for name in ("email", "name", "invited_by", "accepted_by"):
        assert PERSONAL_FIELDS[f"core.OnderzoekerUitnodiging.{name}"] == "onderzoeker_uitnodigingen"
    assert PERSONAL_FIELDS["core.Programma.managers"] == "programmamanagers"
