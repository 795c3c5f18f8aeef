"""The questionnaire after a meeting in the browser: someone who was there answers it from the
meeting page, without knowing anything of forms; the researcher then sees a chart per statement
(with its numbers behind a toggle) and the open answers. Both pages are checked with axe."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bijeenkomsten.models import EvaluatieIngevuld
from bijeenkomsten.selectors import evaluatie as evaluatie_selectors
from bijeenkomsten.services import evaluatie as evaluatie_services
from tests.browser.helpers import log_in
from tests.factories import AanmeldingFactory, BijeenkomstFactory, EvaluatieFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def evaluatie(circle):
    """Last week's kick-off, its questionnaire sent; Breda's member was there, and so were five
    others, who have answered already."""
    starts = timezone.now() - datetime.timedelta(days=7)
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Kick-off",
        capacity=20,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        registration_closes_at=starts - datetime.timedelta(days=1),
    )
    AanmeldingFactory(
        bijeenkomst=meeting, deelnemer=circle.member, gemeente=circle.breda, status="aanwezig"
    )
    evaluatie = EvaluatieFactory(bijeenkomst=meeting, sent_at=timezone.now())
    vragen = list(evaluatie.vragen.all())
    for score in (5, 4, 4, 3, 2):
        user = UserFactory()
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, status="aanwezig")
        answers = {v.pk: score for v in vragen if v.kind == "stelling"}
        answers[vragen[3].pk] = f"Les nummer {score} <b>vet</b>"
        evaluatie_services.evaluatie_answer(evaluatie=evaluatie, user=user, answers=answers)
    return evaluatie


def test_an_attendee_answers_and_the_researcher_sees_the_charts(
    live_server, page, circle, evaluatie, assert_accessible
):
    meeting = evaluatie.bijeenkomst
    log_in(page, live_server, circle.member.email, name=circle.member.name)
    page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/")
    page.get_by_role("link", name="Vul de evaluatie in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluatie van Kick-off")
    assert_accessible(page)

    # Sending without choosing says which statement needs an answer.
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(
        page.get_by_text("Kies bij deze stelling een antwoord van 1 tot 5.").first
    ).to_be_visible()
    assert_accessible(page)

    for statement, choice in (
        ("De bijeenkomst was nuttig voor mijn werk", "5 – helemaal eens"),
        ("Ik heb iets geleerd over het dilemma van mijn werkgroep", "4 – eens"),
        ("Ik zou een collega aanraden om mee te doen", "3 – neutraal"),
    ):
        group = page.get_by_role("group", name=statement)
        group.get_by_role("radio", name=choice).check()
    page.get_by_label("Wat neem je mee naar je werk?").fill("De vier rollen van het kader.")
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_text("Bedankt voor je antwoorden.")).to_be_visible()
    expect(page.get_by_text("Je hebt de evaluatie ingevuld. Bedankt!")).to_be_visible()
    assert EvaluatieIngevuld.objects.filter(user=circle.member).exists()
    assert evaluatie_selectors.evaluatie_results(evaluatie=evaluatie).count == 6

    page.context.clear_cookies()
    log_in(page, live_server, circle.researcher.email, name=circle.researcher.name)
    page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/")
    page.get_by_role("link", name="Bekijk de uitkomsten").click()
    expect(page.get_by_text("6 antwoorden, van de 6 mensen die er waren.")).to_be_visible()
    charts = page.locator("svg.leerkring-chart")
    expect(charts).to_have_count(3)
    first = charts.first.locator("[data-value]")
    assert [int(v) for v in first.evaluate_all("els => els.map(e => e.dataset.value)")] == [
        0,
        1,
        1,
        2,
        2,
    ]
    page.get_by_text("Toon de cijfers bij deze grafiek").first.click()
    expect(page.get_by_role("cell", name="2").first).to_be_visible()
    # Open answers as written, not as markup.
    expect(page.get_by_text("Les nummer 5 <b>vet</b>")).to_be_visible()
    expect(page.get_by_text("De vier rollen van het kader.")).to_be_visible()
    assert_accessible(page)


def test_the_question_form_has_no_axe_violations(live_server, page, circle, assert_accessible):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Reflectie")
    log_in(page, live_server, circle.researcher.email, name=circle.researcher.name)
    page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/evaluatie/vragen/")
    expect(page.get_by_label("Stelling of vraag").first).to_have_value(
        "De bijeenkomst was nuttig voor mijn werk"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De vragen zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Versturen kan pas als de bijeenkomst voorbij is")).to_be_visible()
    assert_accessible(page)
