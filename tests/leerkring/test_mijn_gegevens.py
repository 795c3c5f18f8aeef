"""My data, readable (issue 18): next to the JSON, a page and a PDF in plain Dutch with who you
are, your memberships, registrations, cases, comments, downloads and settings, for the person
themselves only."""

import json

import pytest
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bijeenkomsten.models import Aanmelding
from dilemmas import services as dilemmas_services
from dilemmas.models import Rol, Waarde
from leerkring import mijn_gegevens, privacy
from leerkring.core.models import RenderJob
from leerkring.privacy import personal_data_export
from tests.factories import (
    AanmeldingFactory,
    AgendakoppelingFactory,
    BerichtFactory,
    BerichtOntvangerFactory,
    BijeenkomstFactory,
    DilemmaFactory,
    DocumentFactory,
    DownloadFactory,
    ExportJobFactory,
    PdfUploadFactory,
    PublicatieFactory,
    PublicatieVersieFactory,
    ReactieFactory,
    UitnodigingFactory,
)
from tests.leerkring.test_privacy import NOT_PERSONAL, _models_referring_to_users
from tests.support import pdf_text

pytestmark = pytest.mark.django_db

PAGE = "/account/profiel/mijn-gegevens/"
# Control characters, line breaks of every kind and markup, as stored text may hold them.
HOSTILE = "Regel een\r\nregel twee\u2028\x07\x1b[31m <b>vet</b> & \u202e"


def give(circle, user, n: int = 1, *, text: str = "") -> None:
    """`n` of every kind of data a person can have."""
    dilemma = DilemmaFactory(leerkring=circle.leerkring, title=f"Dilemma van {user.name}")
    for i in range(n):
        meeting = BijeenkomstFactory(leerkring=circle.leerkring, title=f"Dag {i} {user.name}")
        AanmeldingFactory(
            bijeenkomst=meeting,
            deelnemer=user,
            diet=f"Vegetarisch {user.name}{text}",
            accessibility=f"Rolstoel {user.name}",
            status=Aanmelding.Status.CANCELLED,
            cancel_reason=f"Ziek {user.name}{text}",
        )
        casus = dilemmas_services.casus_create(
            author=user,
            leerkring=circle.leerkring,
            dilemma=dilemma,
            rollen=Rol.objects.filter(slug="sturen"),
            waarden=Waarde.objects.all()[:1],
            publish=True,
            title=f"Casus {i} van {user.name}",
            situation=f"Situatie {user.name}{text}",
            question="Wat doe je?",
        )
        ReactieFactory(casus=casus, author=user, body=f"Reactie {i} van {user.name}{text}")
        publicatie = PublicatieFactory(leerkring=circle.leerkring, title=f"Essay {i} {user.name}")
        DownloadFactory(
            publicatie=publicatie,
            versie=PublicatieVersieFactory(publicatie=publicatie),
            user=user,
        )
        ExportJobFactory(user=user, title=f"Overzicht {i}")
        BerichtOntvangerFactory(
            user=user, bericht=BerichtFactory(bijeenkomst=meeting, subject=f"Bericht {i}")
        )
    # A draft with only a title (issue 18, point 6).
    dilemmas_services.casus_create(
        author=user,
        leerkring=circle.leerkring,
        dilemma=None,
        rollen=[],
        waarden=[],
        publish=False,
        title=f"Concept van {user.name}",
    )


def chapters_text(response) -> str:
    return " ".join(response.text.split())


def test_the_page_shows_each_section_in_dutch_with_only_the_persons_data(client, circle):
    member = circle.member
    member.reminders, member.reminder_days, member.weekly_digest = False, 3, True
    member.save()
    give(circle, member)
    give(circle, circle.other_member)
    client.force_login(member)
    response = client.get(PAGE)
    assert response.status_code == 200
    text = chapters_text(response)
    for title in (
        "Wie je bent",
        "Je instellingen",
        "Je lidmaatschappen",
        "Je aanmeldingen",
        "Je casussen en reacties",
        "Je downloads",
        "Berichten",
        "Het logboek",
    ):
        assert f">{title}</h2>" in response.text
    for label, value in (
        ("Naam", "Lid Breda"),
        ("E-mailadres", "lid@breda.nl"),
        ("Gemeente", "Breda"),
        ("Status", "bevestigd"),
        ("Dieetwensen", "Vegetarisch Lid Breda"),
        ("Reden van afmelden", "Ziek Lid Breda"),
        ("Titel", "Casus 0 van Lid Breda"),
        ("Tekst", "Reactie 0 van Lid Breda"),
        ("Publicatie", "Essay 0 Lid Breda"),
        ("Herinneringen aan bijeenkomsten", "nee"),
        ("Herinnering hoeveel dagen van tevoren", "3"),
        ("Wekelijks overzicht per e-mail", "ja"),
        ("Taal", "Nederlands"),
        ("Wie mag de casus zien", "de hele leerkring"),
    ):
        assert f'<dt>{label}</dt><dd><span class="leerkring-pre-line">{value}' in text, label
    # The draft with only a title is there, its empty fields as a dash.
    assert "Concept van Lid Breda" in text
    # No model names, and nothing of anyone else.
    for machine in ("core.user", "dilemmas.casus", "gemeenten.lidmaatschap", "_op<"):
        assert machine not in response.text
    for theirs in ("Lid Tilburg", "lid@tilburg.nl"):
        assert theirs not in response.text
    # The JSON is offered next to it.
    assert reverse("profile-export") in response.text


def test_only_the_person_sees_their_data(client, circle):
    member = circle.member
    assert client.get(PAGE).status_code == 302  # to the login page
    client.force_login(member)
    client.get(PAGE)
    for action in ("status", "download"):
        url = f"/pdf/mijn-gegevens/{member.pk}/{action}/"
        client.force_login(circle.researcher)
        assert client.get(url).status_code == 404
        client.force_login(circle.other_member)
        assert client.get(url).status_code == 404
    client.force_login(circle.researcher)
    assert client.post(f"/pdf/mijn-gegevens/{member.pk}/opnieuw/").status_code == 404
    # The person's own: the status box, and before the PDF is ready, back to the page.
    client.force_login(member)
    assert client.get(f"/pdf/mijn-gegevens/{member.pk}/status/").status_code == 302


def test_every_kind_of_data_has_a_chapter_and_every_field_a_dutch_label(circle):
    """The guarantee of test_privacy (every model that refers to a person is exported),
    carried over to the readable version: each key of the export has its place here, each
    field a label."""
    researcher = circle.researcher
    meeting = BijeenkomstFactory(leerkring=circle.leerkring)
    DocumentFactory(bijeenkomst=meeting, created_by=researcher)
    PdfUploadFactory(created_by=researcher)
    BerichtFactory(bijeenkomst=meeting, sender=researcher)
    AgendakoppelingFactory(user=circle.member)
    UitnodigingFactory(gemeente=circle.breda, accepted_by=circle.member)
    give(circle, circle.member)
    placed = {part.key: part for _s, _t, parts in mijn_gegevens.CHAPTERS for part in parts}
    core_user_fields = set(mijn_gegevens.ACCOUNT_FIELDS) | set(mijn_gegevens.SETTINGS_FIELDS)
    for person in (researcher, circle.member, circle.coordinator):
        data = personal_data_export(user=person)
        assert set(data) - {"export"} <= set(placed), "add them to mijn_gegevens.CHAPTERS"
        assert set(data["core.user"]) == core_user_fields
        for key, value in data.items():
            rows = value if isinstance(value, list) else [value]
            for row in rows:
                if isinstance(row, dict):
                    nested = {k for v in row.values() if isinstance(v, dict) for k in v}
                    unlabelled = (set(row) | nested) - set(mijn_gegevens.LABELS)
                    assert not unlabelled, f"{key}: label {unlabelled} in mijn_gegevens.LABELS"
    covered = {key.split("_")[0] for key in placed}
    assert _models_referring_to_users() - covered - set(NOT_PERSONAL) == set()


def test_the_page_costs_the_same_number_of_queries_as_data_grows(client, circle):
    member = circle.member
    client.force_login(member)
    give(circle, member, 1)
    client.get(PAGE)  # the PDF job exists from now on

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        return len(queries)

    few = count()
    give(circle, member, 6)
    client.get(PAGE)  # the data changed: this visit asks for a new PDF (one UPDATE more)
    assert count() == few
    # The export twice (once for the PDF's fingerprint), the session, the user, the PDF job.
    assert few <= 60


def test_every_stored_string_survives_the_page_and_the_pdf(
    client, circle, django_capture_on_commit_callbacks
):
    member = circle.member
    give(circle, member, text=HOSTILE)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(PAGE)
    assert page.status_code == 200
    assert "&lt;b&gt;vet&lt;/b&gt;" in page.text and "<b>vet</b>" not in page.text
    job = RenderJob.objects.get(kind="mijn-gegevens", object_id=member.pk)
    assert job.status == "ready", job.last_error
    text = " ".join(pdf_text(job.file).split())
    assert "Gegevens van Lid Breda" in text
    assert "Ziek Lid Breda" in text and "Reactie 0 van Lid Breda" in text
    assert "Concept van Lid Breda" in text
    assert "<b>vet</b>" in text
    download = client.get(f"/pdf/mijn-gegevens/{member.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_the_pdf_is_made_again_only_when_the_data_changed(
    client, circle, django_capture_on_commit_callbacks
):
    member = circle.member
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(PAGE)
    job = RenderJob.objects.get(kind="mijn-gegevens", object_id=member.pk)
    first = job.rendered_hash
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.get(PAGE)
    assert callbacks == []  # nothing changed, nothing queued
    member.weekly_digest = not member.weekly_digest
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.get(PAGE)
    job.refresh_from_db()
    assert job.status == "ready" and job.rendered_hash != first


@pytest.mark.usefixtures("file_storage")
def test_deleting_the_account_deletes_the_pdf(client, circle, django_capture_on_commit_callbacks):
    from leerkring.privacy import account_delete

    member = circle.member
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(PAGE)
    job = RenderJob.objects.get(kind="mijn-gegevens", object_id=member.pk)
    name = job.file.name
    assert storages["private"].exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=member)
    assert not RenderJob.objects.filter(kind="mijn-gegevens", object_id=member.pk).exists()
    assert not storages["private"].exists(name)


def test_the_json_has_dutch_keys_and_the_settings(client, circle):
    member = circle.member
    member.reminder_days = 2
    member.save()
    client.force_login(member)
    data = json.loads(client.get(reverse("profile-export")).content)
    assert data["account"]["dagen_van_tevoren"] == 2
    assert data["account"]["herinneringen"] is True
    assert data["account"]["taal"] == "nl"
    # No model names as keys: each kind of data has its Dutch key, also a new one.
    inside = personal_data_export(user=member)
    assert set(inside) <= set(privacy.JSON_KEYS), "give them a Dutch key in privacy.JSON_KEYS"
    assert set(data) == {privacy.JSON_KEYS[key] for key in inside}
    assert not any("." in key for key in data)


# --- Through the real worker ------------------------------------------------------------------
@pytest.mark.worker
@pytest.mark.usefixtures("file_storage")
def test_the_worker_makes_the_pdf_of_my_data(celery_worker, client, circle):
    from tests.conftest import wait_for

    member = circle.member
    give(circle, member)
    client.force_login(member)
    response = client.get(PAGE)
    assert "De PDF staat in de wachtrij" in response.text or "wordt nu gemaakt" in response.text
    job = wait_for(
        lambda: RenderJob.objects.filter(
            kind="mijn-gegevens", object_id=member.pk, status="ready"
        ).first(),
        90,
    )
    text = " ".join(pdf_text(job.file).split())
    for expected in ("Gegevens van Lid Breda", "Je aanmeldingen", "Ziek Lid Breda", "Essay 0"):
        assert expected in text
    assert "Download als PDF" in client.get(PAGE).text
