"""Admitting or refusing a person asks first: the page says who becomes (or does not become) a
member and gets an e-mail; only the button on it decides. A stale page or a second click
changes nothing and says why."""

import pytest
from django.core import mail

from gemeenten import services
from gemeenten.models import Lidmaatschap
from leerkring.core.models import AuditEntry
from tests.factories import LeerkringFactory, LidmaatschapFactory, UserFactory
from tests.support import assert_answer


def confirm_url(lidmaatschap) -> str:
    return f"/gemeenten/lidmaatschappen/{lidmaatschap.pk}/toelaten/"


def refuse_url(lidmaatschap) -> str:
    return f"/gemeenten/lidmaatschappen/{lidmaatschap.pk}/weigeren/"


def status(lidmaatschap) -> str:
    return Lidmaatschap.objects.get(pk=lidmaatschap.pk).status


def test_the_municipality_page_links_to_the_confirmation(client, circle):
    client.force_login(circle.coordinator)
    html = client.get("/gemeenten/breda/").text
    assert f'href="{confirm_url(circle.pending)}?next=/gemeenten/breda/"' in html
    assert f'action="{confirm_url(circle.pending)}"' not in html


def test_admitting_says_who_becomes_a_member_and_mails_them(
    client, circle, django_capture_on_commit_callbacks
):
    client.force_login(circle.coordinator)
    page = client.get(confirm_url(circle.pending), {"next": "/gemeenten/breda/"})
    assert "Wacht Breda wordt lid van de leerkring voor Breda en krijgt een e-mail." in page.text
    assert "De e-mail gaat naar wacht@mail.example." in page.text
    assert status(circle.pending) == "aangevraagd"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            confirm_url(circle.pending),
            {"status": "aangevraagd", "next": "/gemeenten/breda/"},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == "/gemeenten/breda/"
    assert "Wacht Breda is toegelaten. We hebben een e-mail gestuurd." in response.text
    assert status(circle.pending) == "bevestigd"
    assert [m.to for m in mail.outbox] == [["wacht@mail.example"]]
    entry = AuditEntry.objects.get(action="lidmaatschap.confirmed")
    assert (entry.actor, entry.subject) == (circle.coordinator, circle.pending.user)


def test_a_coordinator_without_a_next_goes_back_to_the_municipality_page(client, circle):
    client.force_login(circle.coordinator)
    page = client.get(confirm_url(circle.pending))
    assert page.context["next"] == "/gemeenten/breda/"


def test_a_second_click_mails_nobody_again(client, circle, django_capture_on_commit_callbacks):
    client.force_login(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url(circle.pending), {"status": "aangevraagd"})
        response = client.post(confirm_url(circle.pending), {"status": "aangevraagd"}, follow=True)
    assert "Wacht Breda is al lid. Er is geen e-mail meer gestuurd." in response.text
    assert "Wacht Breda is al lid. Er gebeurt niets meer." in response.text  # the page now
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="lidmaatschap.confirmed").count() == 1


def test_a_request_refused_in_the_meantime_is_not_admitted(
    client, circle, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    client.get(confirm_url(circle.pending))
    services.lidmaatschap_refuse(
        lidmaatschap_id=circle.pending.pk, actor=circle.coordinator, reason="Onbekend."
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url(circle.pending), {"status": "aangevraagd"}, follow=True)
    assert "De aanvraag van Wacht Breda is al geweigerd." in response.text
    assert status(circle.pending) == "geweigerd"
    assert mail.outbox == []


@pytest.mark.parametrize("posted", [{}, {"status": "onzin"}])
def test_a_post_without_the_confirmation_admits_nobody(client, circle, posted):
    client.force_login(circle.coordinator)
    response = client.post(confirm_url(circle.pending), posted, follow=True)
    assert "Kijk eerst wat er gebeurt en bevestig het dan hier." in response.text
    assert status(circle.pending) == "aangevraagd"


def test_an_unconfirmed_address_gets_no_button(client, circle):
    unconfirmed = LidmaatschapFactory(
        gemeente=circle.breda,
        status="aangevraagd",
        user=UserFactory(email="typo@gmial.example", name="Onbevestigd", verified=False),
    )
    client.force_login(circle.coordinator)
    page = client.get(confirm_url(unconfirmed)).text
    assert "Onbevestigd heeft het e-mailadres nog niet bevestigd." in page
    assert "Ja, Onbevestigd toelaten" not in page


@pytest.mark.parametrize("who", ["member", "other_member", "outsider", "pending_user", "stranger"])
def test_others_get_a_404_and_decide_nothing(client, circle, who):
    if who == "stranger":
        user = UserFactory()
        LeerkringFactory().researchers.add(user)
    else:
        user = getattr(circle, who)
    client.force_login(user)
    assert client.get(confirm_url(circle.pending)).status_code == 404
    assert client.post(confirm_url(circle.pending), {"status": "aangevraagd"}).status_code == 404
    assert client.get(refuse_url(circle.pending)).status_code == 404
    assert client.post(refuse_url(circle.pending), {"reason": "Nee."}).status_code == 404
    assert status(circle.pending) == "aangevraagd"


def test_anonymous_visitors_are_sent_to_log_in(client, circle):
    assert_answer(client.get(confirm_url(circle.pending)), 404, anonymous=True)
    assert_answer(
        client.post(confirm_url(circle.pending), {"status": "aangevraagd"}), 404, anonymous=True
    )


# --- Refusing -----------------------------------------------------------------------------------
def test_refusing_says_what_happens(client, circle, django_capture_on_commit_callbacks):
    client.force_login(circle.coordinator)
    page = client.get(refuse_url(circle.pending)).text
    assert (
        "Wacht Breda wordt geen lid van de leerkring voor Breda en krijgt een e-mail met jouw "
        "reden."
    ) in page
    assert "De e-mail gaat naar wacht@mail.example." in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(refuse_url(circle.pending), {"reason": "Je werkt niet bij Breda."})
    assert status(circle.pending) == "geweigerd"
    assert len(mail.outbox) == 1 and "Je werkt niet bij Breda." in mail.outbox[0].body


def test_refusing_twice_mails_once_and_says_so(client, circle, django_capture_on_commit_callbacks):
    client.force_login(circle.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(refuse_url(circle.pending), {"reason": "Onbekend."})
        response = client.post(refuse_url(circle.pending), {"reason": "Onbekend."}, follow=True)
    assert "De aanvraag van Wacht Breda is al geweigerd." in response.text
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="lidmaatschap.refused").count() == 1
