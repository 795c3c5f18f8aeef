import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dilemmas.models import Kernvraag
from gemeenten.models import Partner
from leerkring.core.models import Leerkring
from tests.support import pdf_text

pytestmark = pytest.mark.django_db

ACCOUNTS = ["onderzoeker@leerkring.example", "coordinator@breda.nl", "ambtenaar@breda.nl"]


def counts():
    return (
        Leerkring.objects.count(),
        Kernvraag.objects.count(),
        Partner.objects.count(),
        get_user_model().objects.count(),
    )


def test_seed_demo_is_idempotent_and_the_demo_logins_work(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first == (1, 7, 5, 68)
    for email in ACCOUNTS:
        assert email in out.getvalue()
        response = client.post(
            "/account/login/", {"login": email, "password": "leerkring-demo"}, follow=True
        )
        assert "Ingelogd als" in response.text, email
        client.post("/account/logout/")


def test_seed_demo_makes_the_researcher_a_researcher_of_the_circle():
    call_command("seed_demo", stdout=io.StringIO())
    circle = Leerkring.objects.get()
    assert list(circle.researchers.values_list("email", flat=True)) == [ACCOUNTS[0]]
    assert circle.starts_on.year == 2017 and circle.ends_on.year == 2019


def test_the_demo_has_the_kickoff_report_rendered(client, django_capture_on_commit_callbacks):
    from bijeenkomsten.models import Verslag
    from leerkring.core.models import RenderJob

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    verslag = Verslag.objects.select_related("bijeenkomst").get()
    assert verslag.is_published
    assert verslag.bijeenkomst.starts_at.date().isoformat() == "2018-03-14"
    versie = verslag.versies.get()
    assert versie.figures["deelnemers"] == 60 and len(versie.figures["gemeenten"]) == 6
    job = RenderJob.objects.get(kind="verslag", object_id=versie.pk)
    assert job.status == "ready"
    text = pdf_text(job.file.path, layout=False)
    for conclusion in (
        "heldere visie en duidelijke kaders",
        "het belang van de overheid",
        "rugdekking, steun en ruimte voor creativiteit",
    ):
        assert conclusion in " ".join(text.split()), conclusion
    # Seeding again does not add a version or render again.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert verslag.versies.count() == 1
    assert list(RenderJob.objects.values_list("attempts", flat=True)) == [1, 1, 1]
    client.force_login(verslag.bijeenkomst.aanmeldingen.first().deelnemer)
    page = client.get(f"/bijeenkomsten/{verslag.bijeenkomst.pk}/")
    assert "Lees het verslag van deze dag" in page.text


def test_the_demo_has_the_invitation_and_the_closing_publication(client):
    from publicaties.models import Download, Publicatie

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    invitation = Publicatie.objects.get(slug="uitnodiging-leerkring-2017")
    closing = Publicatie.objects.get(slug="slotpublicatie-2019")
    assert (invitation.kind, closing.kind) == ("overig", "slotpublicatie")
    assert (
        invitation.release_at.year == 2017 and closing.release_at.date().isoformat() == "2019-07-01"
    )
    assert closing.versies.count() == 1  # seeding again made no new version
    assert "demotekst" in closing.versies.get().body.lower()  # invented text says so
    # The six coordinators fetched it; the researchers see that per municipality.
    assert Download.objects.filter(publicatie=closing).count() == 6
    assert client.get("/publicaties/").status_code == 200
    assert "wat de leerkring ons leerde" in client.get("/publicaties/").text
