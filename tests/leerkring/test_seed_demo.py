import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from bijeenkomsten.models import Bericht, Evaluatie, EvaluatieIngevuld, Verslag
from bijeenkomsten.selectors import evaluatie as evaluatie_selectors
from dilemmas.models import Kernvraag
from gemeenten.models import Deelname, Lidmaatschap, Partner
from leerkring.core import rendering
from leerkring.core.models import Leerkring, OutgoingEmail, RenderJob
from leerkring.core.rendering.pdf import html_for
from leerkring.documents import DEELNAMEBEWIJS, DEELNAMEBEWIJZEN
from publicaties.models import Download, Publicatie
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

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    verslag = Verslag.objects.select_related("bijeenkomst").get()
    assert verslag.is_published
    assert verslag.bijeenkomst.starts_at.date().isoformat() == "2018-03-14"
    versie = verslag.versies.get()
    assert versie.figures["deelnemers"] == 60 and len(versie.figures["gemeenten"]) == 6
    job = RenderJob.objects.get(kind="verslag", object_id=versie.pk)
    assert job.status == "ready"
    text = pdf_text(job.file, layout=False)
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


def test_every_demo_civil_servant_has_a_certificate_of_participation():
    """Built (not rendered, to stay fast) for every confirmed member, and for every admitted
    municipality in one file: each shows at least one attended meeting."""

    call_command("seed_demo", stdout=io.StringIO())
    members = Lidmaatschap.objects.filter(status="bevestigd").select_related("user")
    assert members.count() > 50
    for lidmaatschap in members:
        document = rendering.build(DEELNAMEBEWIJS, lidmaatschap.pk)
        [bewijs] = document.context["bewijzen"]
        assert bewijs.meetings, lidmaatschap.user.email
        assert "Namens de onderzoekers" in html_for(document)
        if lidmaatschap.user.email == "ambtenaar@breda.nl":
            assert bewijs.cases and bewijs.researchers
    for deelname in Deelname.objects.filter(status="toegelaten"):
        document = rendering.build(DEELNAMEBEWIJZEN, deelname.pk)
        names = {bewijs.name for bewijs in document.context["bewijzen"]}
        assert names == set(
            members.filter(gemeente=deelname.gemeente).values_list("user__name", flat=True)
        )


def test_the_demo_has_a_message_to_the_kickoffs_participants(client):
    """Sent the day after the kick-off, on the site for those who were there; nobody mailed,
    and seeding again adds nothing."""

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    bericht = Bericht.objects.select_related("bijeenkomst", "sender").get()
    kickoff = bericht.bijeenkomst
    assert kickoff.kind == "kickoff" and bericht.audience == "deelnemers"
    assert bericht.subject == "Bedankt voor de kick-off van 14 maart"
    assert bericht.created_at.date().isoformat() == "2018-03-15"
    assert bericht.sender.email == ACCOUNTS[0]
    assert bericht.recipient_count == bericht.ontvangers.count() == 60
    assert not OutgoingEmail.objects.exists()
    participant = kickoff.aanmeldingen.first().deelnemer
    client.force_login(participant)
    assert bericht.subject in client.get(f"/bijeenkomsten/{kickoff.pk}/").text
    page = client.get(f"/berichten/{bericht.pk}/").text
    assert "dia&#x27;s van de sprekers" in page or "dia's van de sprekers" in page
    client.force_login(get_user_model().objects.get(email="ambtenaar@breda.nl"))
    assert client.get(f"/berichten/{bericht.pk}/").status_code == 404  # was not there


def test_the_demo_has_the_kickoffs_evaluation_with_anonymous_answers(client):
    """The default questions, sent the day after the kick-off without mailing anyone, and 17
    answers stored without their people; the researcher sees the results, and they are in the
    report's PDF. Seeding again adds nothing."""

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    evaluatie = Evaluatie.objects.select_related("bijeenkomst").get()
    kickoff = evaluatie.bijeenkomst
    assert kickoff.kind == "kickoff" and kickoff.starts_at.date().isoformat() == "2018-03-14"
    assert evaluatie.sent_at.date().isoformat() == "2018-03-15" and evaluatie.in_report
    assert [v.text for v in evaluatie.vragen.all()] == [
        "De bijeenkomst was nuttig voor mijn werk",
        "Ik heb iets geleerd over het dilemma van mijn werkgroep",
        "Ik zou een collega aanraden om mee te doen",
        "Wat neem je mee naar je werk?",
        "Wat kan beter?",
    ]
    results = evaluatie_selectors.evaluatie_results(evaluatie=evaluatie)
    assert results.count == 17 and results.shown
    assert EvaluatieIngevuld.objects.filter(evaluatie=evaluatie).count() == 17
    assert 3.5 < results.statements[0].average < 4.5
    assert "Dat bemiddelen vooral luisteren is." in results.open_questions[0].answers
    assert not OutgoingEmail.objects.exists()
    client.force_login(get_user_model().objects.get(email=ACCOUNTS[0]))
    page = client.get(f"/bijeenkomsten/{kickoff.pk}/evaluatie/").text
    assert "17 antwoorden" in page and "Dat bemiddelen vooral luisteren is." in page


def test_admitting_zwolle_later_puts_it_on_the_researchers_home(client):
    """The demo keeps its six municipalities; Zwolle's application waits. Admitted with
    "later" for its coordinator, it is work to do on the researcher's home."""
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(email=ACCOUNTS[0]))
    assert "Zwolle (GM0193)" in client.get("/gemeenten/verzoeken/").text
    assert "Gemeenten zonder coördinator" not in client.get("/overzicht/").text

    zwolle = Deelname.objects.get(gemeente__slug="zwolle")
    response = client.post(f"/gemeenten/deelnames/{zwolle.pk}/toelaten/", {"choice": "later"})
    assert response.status_code == 302

    home = client.get("/overzicht/").text
    assert "Gemeenten zonder coördinator" in home
    assert "Coördinator voor Zwolle" in home
