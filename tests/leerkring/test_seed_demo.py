import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from bijeenkomsten.models import Bericht, Evaluatie, EvaluatieIngevuld, Verslag
from bijeenkomsten.selectors import evaluatie as evaluatie_selectors
from dilemmas.models import Casus, DilemmaGedeeld, Kernvraag
from dilemmas.selectors import casus_visible_to, sees_original
from gemeenten.models import Deelname, Lidmaatschap, Partner
from leerkring import deelnamebewijs
from leerkring.core import rendering
from leerkring.core.models import Leerkring, OutgoingEmail, Programma, RenderJob
from leerkring.core.rendering.pdf import html_for
from leerkring.documents import DEELNAMEBEWIJS, DEELNAMEBEWIJZEN
from publicaties.models import Download, Publicatie
from tests.support import pdf_text

pytestmark = pytest.mark.django_db

ACCOUNTS = [
    "onderzoeker@leerkring.example",
    "coordinator@breda.nl",
    "ambtenaar@breda.nl",
    "programma@leerkring.example",
    "ambtenaar@zwolle.nl",
]
PILOT = "ambtelijk-vakmanschap"
VERVOLG = "vervolgkring-2020"


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
    assert counts() == first == (2, 10, 5, 80)
    for email in ACCOUNTS:
        assert email in out.getvalue()
        response = client.post(
            "/account/login/", {"login": email, "password": "leerkring-demo"}, follow=True
        )
        assert "Ingelogd als" in response.text, email
        client.post("/account/logout/")


def test_seed_demo_makes_the_researcher_a_researcher_of_the_circle():
    call_command("seed_demo", stdout=io.StringIO())
    circle = Leerkring.objects.get(slug=PILOT)
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
    municipality in one file: each shows at least one attended meeting. One per circle: the
    Berkelland people at the follow-up's kick-off have two."""

    call_command("seed_demo", stdout=io.StringIO())
    members = Lidmaatschap.objects.filter(status="bevestigd").select_related("user", "gemeente")
    assert members.count() > 50
    twice = []
    for lidmaatschap in members:
        circles = [row.leerkring.slug for row in deelnamebewijs.circles_attended(lidmaatschap)]
        assert circles, lidmaatschap.user.email
        if lidmaatschap.gemeente.slug == "berkelland" and len(circles) == 2:
            twice.append(lidmaatschap.user.email)
        for slug in circles:
            certificate = deelnamebewijs.deelnamebewijs_keep(
                deelnamebewijs.deelnamebewijs_for(lidmaatschap=lidmaatschap, slug=slug)
            )
            document = rendering.build(DEELNAMEBEWIJS, certificate.pk)
            [bewijs] = document.context["bewijzen"]
            assert bewijs.meetings, lidmaatschap.user.email
            assert "Namens de onderzoekers" in html_for(document)
            if lidmaatschap.user.email == "ambtenaar@breda.nl":
                assert bewijs.cases and bewijs.researchers
    assert len(twice) == 3  # Berkelland's three at the follow-up's kick-off
    for deelname in Deelname.objects.filter(status="toegelaten"):
        document = rendering.build(DEELNAMEBEWIJZEN, deelname.pk)
        names = {bewijs.name for bewijs in document.context["bewijzen"]}
        attendees = members.filter(
            gemeente=deelname.gemeente,
            user__aanmeldingen__status="aanwezig",
            user__aanmeldingen__bijeenkomst__leerkring=deelname.leerkring,
        )
        assert names == set(attendees.values_list("user__name", flat=True)), deelname
        if deelname.leerkring.slug == PILOT:  # everybody was at a meeting of the pilot
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

    zwolle = Deelname.objects.get(gemeente__slug="zwolle", leerkring__slug=PILOT)
    response = client.post(f"/gemeenten/deelnames/{zwolle.pk}/toelaten/", {"choice": "later"})
    assert response.status_code == 302

    home = client.get("/overzicht/").text
    assert "Gemeenten zonder coördinator" in home
    assert "Coördinator voor Zwolle" in home


def test_the_demo_has_a_programme_with_the_pilot_and_an_invented_follow_up():
    """Issue 20: the programme holds the pilot (ended) and a follow-up circle of 2020–2022,
    marked as invented, with partly other municipalities, its researchers, the three core
    dilemmas without conclusions yet, one meeting held and one open for registration."""
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    programma = Programma.objects.get()
    assert programma.title == "Leerkringen lokale democratie"
    assert list(programma.managers.values_list("email", flat=True)) == [
        "programma@leerkring.example"
    ]
    pilot, vervolg = programma.leerkringen.order_by("starts_on")
    assert (pilot.slug, pilot.phase) == (PILOT, "afgesloten")
    assert (vervolg.slug, vervolg.phase) == (VERVOLG, "lopend")
    assert (vervolg.starts_on.year, vervolg.ends_on.year) == (2020, 2022)
    assert "(demo)" in vervolg.title
    assert vervolg.summary.startswith("Verzonnen vervolg voor de demo")
    # The pilot's funders and knowledge partner, the existing rows.
    assert set(vervolg.partners.values_list("slug", flat=True)) == {
        "ao-fonds-gemeenten",
        "bzk",
        "vng",
        "ontwikkelagenda-lokale-democratie",
    }
    assert set(vervolg.researchers.values_list("email", flat=True)) == {
        "onderzoeker@leerkring.example",
        "n.hamdan@leerkring.example",
    }
    admitted = set(
        vervolg.deelnames.filter(status="toegelaten").values_list("gemeente__name", flat=True)
    )
    assert admitted == {"Berkelland", "Deventer", "Zwolle"}
    assert vervolg.deelnames.filter(coordinators__isnull=True).count() == 0
    shared = DilemmaGedeeld.objects.filter(leerkring=vervolg).select_related("dilemma")
    assert [row.dilemma.title for row in shared] == [
        "Loslaten of sturen",
        "Bemiddelen",
        "Afwegen van belangen",
    ]
    assert all(row.dilemma.leerkring_id == pilot.pk and not row.conclusions for row in shared)

    held, upcoming = vervolg.bijeenkomsten.order_by("starts_at")
    assert held.status == "gehouden"
    assert vervolg.starts_on <= held.starts_at.date() <= vervolg.ends_on
    assert held.aanmeldingen.filter(status="aanwezig").count() == 13
    assert upcoming.status == "gepland" and upcoming.registration_closes_at > timezone.now()
    assert upcoming.aanmeldingen.filter(status="aangemeld").count() == 5
    # Nobody was mailed.
    assert not OutgoingEmail.objects.exists()


def test_the_programme_manager_logs_in_and_manages_both_circles(client):
    call_command("seed_demo", stdout=io.StringIO())
    response = client.post(
        "/account/login/",
        {"login": "programma@leerkring.example", "password": "leerkring-demo"},
        follow=True,
    )
    assert "Ingelogd als" in response.text and "Marloes Verhagen" in response.text
    manager = get_user_model().objects.get(email="programma@leerkring.example")
    assert manager.emailaddress_set.get().verified
    programma = Programma.objects.get()
    assert manager.has_perm("core.manage_programma", programma)
    for circle in programma.leerkringen.all():
        assert manager.has_perm("core.manage_programma", circle)
    # A manager, not a member nor a researcher: no municipality, no circle's own cases.
    assert not Lidmaatschap.objects.filter(user=manager).exists()
    assert not Leerkring.objects.filter(researchers=manager).exists()


def test_zwolles_civil_servant_finds_the_berkelland_case_opened_to_the_programme(client):
    """The anonymised Berkelland case of 2018 in the pilot, opened to the whole programme and
    approved by the researcher, is found by a civil servant of Zwolle, which takes part only in
    the follow-up circle: anonymised, and no other case of the pilot."""
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    casus = Casus.objects.get(programme_open=True)
    assert (casus.gemeente.name, casus.leerkring.slug) == ("Berkelland", PILOT)
    assert casus.published_at.year == 2018 and casus.status == "gepubliceerd"
    assert casus.anonymise and casus.anon_title and casus.anon_situation and casus.anon_question
    assert casus.anon_approved_by.email == "onderzoeker@leerkring.example"
    assert "Berkelland" not in casus.anon_situation and "Rekken" not in casus.anon_situation

    lotte = get_user_model().objects.get(email="ambtenaar@zwolle.nl")
    assert list(
        Deelname.objects.filter(gemeente__slug="zwolle", status="toegelaten").values_list(
            "leerkring__slug", flat=True
        )
    ) == [VERVOLG]
    pilot_cases = casus_visible_to(lotte).filter(leerkring__slug=PILOT)
    assert list(pilot_cases) == [casus]
    assert not sees_original(lotte, casus)

    client.force_login(lotte)
    page = client.get("/dilemmas/casussen/", {"leerkring": PILOT}).text
    assert casus.anon_title in page
    assert casus.title not in page and "Rekken" not in page
    detail = client.get(f"/dilemmas/casussen/{casus.pk}/").text
    assert casus.anon_title in detail and "Rekken" not in detail
