"""Confirmation steps in the browser: publishing a report with its e-mail, cancelling a meeting
(without JavaScript) and hiding a comment ask first, on a page that says what will happen with
the real numbers; the numbers are the e-mails that go out. Hiding is undone with "Weer tonen".
Every confirmation page is checked with axe."""

import pytest
from playwright.sync_api import expect

from bijeenkomsten.models import Bijeenkomst, Verslag
from bijeenkomsten.services import registration, verslagen
from dilemmas import services as dilemma_services
from dilemmas.models import Reactie, Rol, Waarde
from leerkring.core.models import AuditEntry
from tests.browser.helpers import enter_as
from tests.conftest import wait_for
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DilemmaFactory,
    LidmaatschapFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _mails_about(mailoutbox, text: str) -> list[str]:
    return sorted(m.to[0] for m in mailoutbox if text in m.body)


def test_publishing_a_report_asks_first_and_mails_whom_it_said(
    circle, live_server, page, assert_accessible, mailoutbox
):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", capacity=10)
    for user in (circle.member, circle.coordinator, circle.other_member):
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, status="aanwezig")
    verslagen.verslag_save(
        bijeenkomst=meeting,
        user=circle.researcher,
        title="Verslag van de kick-off",
        authors="Onderzoeker",
        body="## Opening\n\nWe begonnen op tijd.",
    )
    report = f"{live_server.url}/bijeenkomsten/{meeting.pk}/verslag/"
    enter_as(page, live_server, circle.researcher)
    page.goto(report)
    main = page.get_by_role("main")

    # The button on the report is a way to the question, not the action itself.
    main.get_by_role("link", name="Publiceren en deelnemers mailen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verslag publiceren en deelnemers mailen?"
    )
    expect(main).to_contain_text("3 deelnemers krijgen een e-mail met het verslag.")
    assert_accessible(page)

    # "No" goes back and changes nothing.
    main.get_by_role("link", name="Nee, terug naar het verslag").click()
    expect(page).to_have_url(report)
    assert not Verslag.objects.get().is_published

    # A second tab with the same question, open before publishing.
    other_tab = page.context.new_page()
    other_tab.goto(f"{report}publiceren/")

    main.get_by_role("link", name="Publiceren en deelnemers mailen").click()
    main.get_by_role("button", name="Ja, publiceren en deelnemers mailen").click()
    expect(page).to_have_url(report)
    expect(main).to_contain_text(
        "Het verslag is gepubliceerd. 3 deelnemers krijgen een e-mail en de PDF wordt gemaakt."
    )
    assert Verslag.objects.get().is_published
    link = f"/bijeenkomsten/{meeting.pk}/verslag/"
    assert wait_for(lambda: len(_mails_about(mailoutbox, link)) == 3)
    assert _mails_about(mailoutbox, link) == ["coord@breda.nl", "lid@breda.nl", "lid@tilburg.nl"]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VERSLAG_PUBLISHED).count() == 1

    # The stale tab's button only says so, and mails nobody again.
    other_tab.get_by_role("button", name="Ja, publiceren en deelnemers mailen").click()
    expect(other_tab.get_by_role("main")).to_contain_text("Het verslag was al gepubliceerd.")
    assert len(_mails_about(mailoutbox, link)) == 3


def test_cancelling_a_meeting_works_without_javascript_and_notices_a_change(
    circle, live_server, page, new_context, assert_accessible, mailoutbox
):
    axe_page = page  # axe needs scripts; the flow itself runs without them
    page = new_context(java_script_enabled=False).new_page()
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Werkgroepsessie", capacity=2)
    people = [LidmaatschapFactory(gemeente=circle.breda).user for _ in range(4)]
    for user in people[:3]:
        registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user)
    mailoutbox.clear()
    enter_as(page, live_server, circle.researcher)
    detail = f"{live_server.url}/bijeenkomsten/{meeting.pk}/"
    page.goto(detail)
    main = page.get_by_role("main")

    main.get_by_role("link", name="Annuleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkgroepsessie annuleren?")
    expect(main).to_contain_text(
        "De bijeenkomst wordt geannuleerd. 2 aangemelde mensen en 1 persoon op de wachtlijst "
        "krijgen een e-mail."
    )
    enter_as(axe_page, live_server, circle.researcher)
    axe_page.goto(page.url)
    expect(axe_page.get_by_role("main")).to_contain_text("1 persoon op de wachtlijst")
    assert_accessible(axe_page)

    # Someone joins the waiting list while the page is open: the button does not cancel.
    registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=people[3])
    mailoutbox.clear()
    main.get_by_role("button", name="Ja, annuleren en iedereen mailen").click()
    expect(main).to_contain_text("Er is iets veranderd sinds je de vorige pagina opende")
    expect(main).to_contain_text(
        "2 aangemelde mensen en 2 mensen op de wachtlijst krijgen een e-mail."
    )
    assert Bijeenkomst.objects.get(pk=meeting.pk).status == "gepland"
    assert mailoutbox == []

    main.get_by_role("button", name="Ja, annuleren en iedereen mailen").click()
    expect(page).to_have_url(detail)
    expect(main).to_contain_text("De bijeenkomst is geannuleerd. 4 mensen krijgen een e-mail.")
    assert Bijeenkomst.objects.get(pk=meeting.pk).status == "geannuleerd"
    subject = "Gaat niet door: Werkgroepsessie"
    assert wait_for(lambda: len([m for m in mailoutbox if subject in m.subject]) == 4)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in people)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.BIJEENKOMST_CANCELLED).count() == 1


def test_hiding_a_comment_asks_first_and_can_be_undone(
    circle, live_server, page, new_context, assert_accessible
):
    dilemma = DilemmaFactory(leerkring=circle.leerkring, title="Bemiddelen", slug="bemiddelen")
    casus = dilemma_services.casus_create(
        author=circle.member,
        leerkring=circle.leerkring,
        dilemma=dilemma,
        rollen=Rol.objects.filter(slug="faciliteren"),
        waarden=Waarde.objects.filter(slug="deliberatie"),
        publish=True,
        title="Een buurthuis",
        situation="Twee groepen willen het buurthuis.",
        question="Wat doe je?",
    )
    body = "De voorzitter van die wijkraad ken ik goed."
    reactie = dilemma_services.reactie_create(casus=casus, author=circle.other_member, body=body)
    case_url = f"{live_server.url}/dilemmas/casussen/{casus.pk}/"
    colleague = new_context().new_page()
    enter_as(colleague, live_server, circle.member)

    enter_as(page, live_server, circle.researcher)
    page.goto(case_url)
    main = page.get_by_role("main")
    comment = main.get_by_role("article", name="Reactie van Lid Tilburg")
    comment.get_by_role("link", name="Verbergen").click()
    expect(main).to_contain_text(
        "De reactie van Lid Tilburg is dan niet meer te zien voor anderen. Je kunt dit "
        "terugdraaien."
    )
    assert_accessible(page)
    main.get_by_label("Waarom verberg je deze reactie?").fill("Noemt een herkenbare inwoner.")
    main.get_by_role("button", name="Verbergen").click()
    expect(main).to_contain_text("De reactie is verborgen.")
    colleague.goto(case_url)
    expect(colleague.get_by_role("main")).not_to_contain_text(body)
    expect(colleague.get_by_role("main")).to_contain_text("Deze reactie is verborgen")

    # The reason can be changed while it is hidden.
    comment = main.get_by_role("article", name="Reactie van Lid Tilburg")
    comment.get_by_role("link", name="Reden aanpassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verborgen reactie")
    assert_accessible(page)
    reason = main.get_by_label("Waarom verberg je deze reactie?")
    expect(reason).to_have_value("Noemt een herkenbare inwoner.")
    reason.fill("Te persoonlijk.")
    main.get_by_role("button", name="Reden opslaan").click()
    expect(main).to_contain_text("De reden is aangepast.")
    assert Reactie.objects.get(pk=reactie.pk).hidden_reason == "Te persoonlijk."

    # "Weer tonen" undoes it: the colleague reads the comment again.
    comment = main.get_by_role("article", name="Reactie van Lid Tilburg")
    comment.get_by_role("button", name="Weer tonen").click()
    expect(main).to_contain_text("De reactie is weer te zien")
    expect(main.get_by_role("article", name="Reactie van Lid Tilburg")).to_contain_text(body)
    colleague.reload()
    expect(colleague.get_by_role("main")).to_contain_text(body)

    actions = list(
        AuditEntry.objects.filter(subject=circle.other_member)
        .order_by("created_at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["reactie.hidden", "reactie.reason", "reactie.shown"]
