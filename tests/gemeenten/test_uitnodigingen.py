"""Inviting a colleague: the e-mail with its link, signing up through it (the municipality
chosen and fixed, the membership confirmed, the invitation used), the links that no longer
work, and the limits."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from gemeenten import services
from gemeenten.errors import UitnodigingError
from gemeenten.models import Lidmaatschap, Uitnodiging
from gemeenten.selectors import uitnodiging_hash
from leerkring.core.models import AuditEntry
from tests.factories import PASSWORD, DeelnameFactory, UitnodigingFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+/gemeenten/uitnodiging/([^/\s]+)/")


def invite(client, circle, django_capture_on_commit_callbacks, email="nieuw@mail.example"):
    client.force_login(circle.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/gemeenten/breda/uitnodigen/", {"email": email, "name": "Nina Nieuw"}
        )
    client.logout()
    return response


def token_from(message) -> str:
    return LINK.search(message.body).group(1)


def signup(client, email, **extra):
    return client.post(
        "/account/signup/",
        {
            "name": "Nina Nieuw",
            "email": email,
            "job_title": "wijkregisseur",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **extra,
        },
    )


def test_a_coordinator_invites_a_colleague_by_email(
    client, circle, django_capture_on_commit_callbacks
):
    response = invite(client, circle, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["nieuw@mail.example"]
    assert "Breda" in message.subject
    assert "Beste Nina Nieuw" in message.body
    assert "Coördinator Breda nodigt je uit" in message.body
    token = token_from(message)
    uitnodiging = Uitnodiging.objects.get()
    # Only the hash of the link's token is stored.
    assert uitnodiging.token_hash == uitnodiging_hash(token) != token
    assert uitnodiging.invited_by == circle.coordinator
    assert uitnodiging.role == "collega"
    lifetime = uitnodiging.expires_at - uitnodiging.created_at
    assert abs(lifetime - datetime.timedelta(days=14)) < datetime.timedelta(minutes=1)
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.UITNODIGING_SENT, actor=circle.coordinator
    ).exists()


def test_the_invitation_page_lists_open_invitations(client, circle):
    UitnodigingFactory(
        gemeente=circle.breda, email="open@mail.example", invited_by=circle.coordinator
    )
    UitnodigingFactory(
        gemeente=circle.breda,
        email="verlopen@mail.example",
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    UitnodigingFactory(gemeente=circle.tilburg, email="tilburg@mail.example")
    client.force_login(circle.coordinator)

    page = client.get("/gemeenten/breda/uitnodigen/").text

    assert "open@mail.example" in page
    assert "verlopen@mail.example" not in page
    assert "tilburg@mail.example" not in page


def test_signing_up_through_the_link_makes_a_confirmed_member_at_once(
    client, circle, django_capture_on_commit_callbacks
):
    invite(client, circle, django_capture_on_commit_callbacks)
    token = token_from(mail.outbox[0])

    landing = client.get(f"/gemeenten/uitnodiging/{token}/")
    assert landing.status_code == 302 and landing["Location"] == "/account/signup/"
    form = client.get("/account/signup/").text
    # Breda is the only choice, chosen and fixed; the invited address is filled in.
    assert re.search(r'<select[^>]*name="gemeente"[^>]*disabled', form)
    assert '<option value="breda" selected>Breda</option>' in form
    assert "tilburg" not in form
    assert 'value="nieuw@mail.example"' in form

    response = signup(client, "nieuw@mail.example")

    assert response.status_code == 302
    user = get_user_model().objects.get(email="nieuw@mail.example")
    lidmaatschap = Lidmaatschap.objects.get(user=user)
    assert lidmaatschap.gemeente == circle.breda
    assert lidmaatschap.status == Lidmaatschap.Status.CONFIRMED
    assert lidmaatschap.decided_by == circle.coordinator
    assert lidmaatschap.job_title == "wijkregisseur"
    # Following the link proved the address: no confirmation e-mail, logged in at once.
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/overzicht/").status_code == 200
    uitnodiging = Uitnodiging.objects.get()
    assert uitnodiging.accepted_by == user and uitnodiging.accepted_at is not None
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.UITNODIGING_ACCEPTED, subject=user
    ).exists()
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.LIDMAATSCHAP_CONFIRMED, subject=user, actor=circle.coordinator
    ).exists()


def test_the_gemeente_cannot_be_changed_by_posting_another(
    client, circle, django_capture_on_commit_callbacks
):
    invite(client, circle, django_capture_on_commit_callbacks)
    client.get(f"/gemeenten/uitnodiging/{token_from(mail.outbox[0])}/")

    signup(client, "nieuw@mail.example", gemeente="tilburg")

    user = get_user_model().objects.get(email="nieuw@mail.example")
    assert Lidmaatschap.objects.get(user=user).gemeente == circle.breda


def test_signing_up_with_another_address_is_refused_with_a_reason(
    client, circle, django_capture_on_commit_callbacks
):
    invite(client, circle, django_capture_on_commit_callbacks)
    client.get(f"/gemeenten/uitnodiging/{token_from(mail.outbox[0])}/")

    response = signup(client, "iemand.anders@mail.example")

    assert response.status_code == 200
    assert "De uitnodiging is gestuurd naar nieuw@mail.example" in response.text
    assert not get_user_model().objects.filter(email="iemand.anders@mail.example").exists()
    assert Uitnodiging.objects.get().accepted_at is None


def test_a_used_link_says_so_and_cannot_be_used_again(
    client, circle, django_capture_on_commit_callbacks
):
    invite(client, circle, django_capture_on_commit_callbacks)
    token = token_from(mail.outbox[0])
    client.get(f"/gemeenten/uitnodiging/{token}/")
    signup(client, "nieuw@mail.example")
    client.logout()

    response = client.get(f"/gemeenten/uitnodiging/{token}/")

    assert response.status_code == 200
    assert "Deze uitnodiging is al gebruikt" in response.text
    assert services.uitnodiging_accept(token=token, user=UserFactory(), job_title="") is None


def test_an_expired_link_says_so(client, circle):
    UitnodigingFactory(
        gemeente=circle.breda,
        token="verlopen-token-0123456789",
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )

    response = client.get("/gemeenten/uitnodiging/verlopen-token-0123456789/")

    assert response.status_code == 200
    assert "Deze uitnodiging is verlopen" in response.text
    assert "nieuwe uitnodiging" in response.text
    assert "gemeenten_uitnodiging" not in client.session


@pytest.mark.parametrize(
    "token", ["bestaat-niet", "x" * 500, "%00", "geldig-token-0123456789-maar-afgeknipt"[:-3]]
)
def test_an_unknown_or_tampered_link_is_a_clear_404(client, circle, token):
    UitnodigingFactory(gemeente=circle.breda, token="geldig-token-0123456789-maar-afgeknipt")

    response = client.get(f"/gemeenten/uitnodiging/{token}/")

    assert response.status_code == 404
    assert "We kennen deze link niet" in response.text


def test_a_link_that_expires_before_signing_up_gives_an_ordinary_sign_up(client, circle):
    uitnodiging = UitnodigingFactory(
        gemeente=circle.breda, email="laat@mail.example", token="laat-token-0123456789"
    )
    client.get("/gemeenten/uitnodiging/laat-token-0123456789/")
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(expires_at=timezone.now())

    response = client.get("/account/signup/")
    assert "werkt niet meer" in response.text
    signup(client, "laat@mail.example", gemeente="breda")

    user = get_user_model().objects.get(email="laat@mail.example")
    # A request like any other: not confirmed, the address still to be confirmed.
    assert Lidmaatschap.objects.get(user=user).status == Lidmaatschap.Status.PENDING
    assert not EmailAddress.objects.get(user=user).verified


def test_a_logged_in_person_following_a_link_is_told_it_is_for_a_new_account(client, circle):
    UitnodigingFactory(gemeente=circle.breda, token="ingelogd-token-0123456789")
    client.force_login(circle.member)

    response = client.get("/gemeenten/uitnodiging/ingelogd-token-0123456789/")

    assert response.status_code == 200
    assert "Je bent ingelogd als Lid Breda" in response.text
    assert "gemeenten_uitnodiging" not in client.session


def test_at_most_n_invitations_per_hour(
    client, circle, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "UITNODIGINGEN_PER_HOUR", 2)
    for n in range(2):
        invite(client, circle, django_capture_on_commit_callbacks, email=f"collega{n}@mail.example")
    # One sent earlier than the last hour does not count.
    old = UitnodigingFactory(
        gemeente=circle.breda, invited_by=circle.coordinator, email="oud@mail.example"
    )
    Uitnodiging.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=61)
    )
    mail.outbox.clear()

    client.force_login(circle.coordinator)
    response = client.post("/gemeenten/breda/uitnodigen/", {"email": "derde@mail.example"})

    assert response.status_code == 200
    assert "al 2 uitnodigingen gestuurd" in response.text
    assert mail.outbox == []
    assert not Uitnodiging.objects.filter(email="derde@mail.example").exists()


def test_an_address_with_an_account_or_an_open_invitation_is_not_invited(client, circle):
    UitnodigingFactory(gemeente=circle.breda, email="al@mail.example")
    client.force_login(circle.coordinator)

    existing = client.post("/gemeenten/breda/uitnodigen/", {"email": "LID@breda.nl"})
    again = client.post("/gemeenten/breda/uitnodigen/", {"email": "al@mail.example"})
    wrong = client.post("/gemeenten/breda/uitnodigen/", {"email": "geen adres"})

    assert "Er is al een account met het e-mailadres lid@breda.nl" in existing.text
    assert "al een uitnodiging die nog werkt" in again.text
    assert "Dit is geen geldig e-mailadres" in wrong.text
    assert Uitnodiging.objects.count() == 1


def test_a_municipality_admitted_nowhere_cannot_invite(circle):
    deelname = DeelnameFactory(leerkring=circle.leerkring, status="aangemeld")

    with pytest.raises(UitnodigingError, match="doet nog niet mee"):
        services.uitnodiging_send(
            gemeente=deelname.gemeente, email="x@mail.example", actor=circle.researcher
        )


@pytest.mark.parametrize("role", ["anonymous", "member", "other_member", "outsider"])
def test_only_its_coordinators_and_researchers_may_invite(client, circle, role):
    user = {
        "anonymous": None,
        "member": circle.member,
        "other_member": circle.other_member,
        "outsider": circle.outsider,
    }[role]
    if user is not None:
        client.force_login(user)

    get = client.get("/gemeenten/breda/uitnodigen/")
    post = client.post("/gemeenten/breda/uitnodigen/", {"email": "x@mail.example"})

    assert get.status_code == post.status_code == (302 if user is None else 404)
    assert not Uitnodiging.objects.exists()


def test_a_coordinator_of_tilburg_cannot_invite_for_breda(client, circle):
    tilburg_coordinator = circle.other_member
    circle.tilburg.deelnames.get().coordinators.add(tilburg_coordinator)
    client.force_login(tilburg_coordinator)

    assert client.get("/gemeenten/breda/uitnodigen/").status_code == 404
    assert client.get("/gemeenten/tilburg/uitnodigen/").status_code == 200


def test_a_removed_coordinators_open_invitations_stop_working(client, circle):
    UitnodigingFactory(gemeente=circle.breda, invited_by=circle.coordinator, token="weg-0123456789")

    services.coordinator_set(
        deelname=circle.deelname_breda,
        user=circle.coordinator,
        actor=circle.researcher,
        is_coordinator=False,
    )

    assert client.get("/gemeenten/uitnodiging/weg-0123456789/").status_code == 404


def test_deleting_an_account_deletes_invitations_to_its_address(circle):
    UitnodigingFactory(gemeente=circle.breda, email="lid@breda.nl")

    services.personal_data_erase(user=circle.member)

    assert not Uitnodiging.objects.exists()


def test_the_accepted_invitation_is_in_the_persons_data_export(
    client, circle, django_capture_on_commit_callbacks
):
    invite(client, circle, django_capture_on_commit_callbacks)
    client.get(f"/gemeenten/uitnodiging/{token_from(mail.outbox[0])}/")
    signup(client, "nieuw@mail.example")

    data = client.get("/account/profiel/gegevens/").json()

    [entry] = data["uitnodigingen_die_je_aannam"]
    assert (entry["gemeente"], entry["e-mailadres"]) == ("Breda", "nieuw@mail.example")


def test_unused_invitations_are_deleted_a_month_after_they_expired(circle):
    now = timezone.now()
    old = UitnodigingFactory(gemeente=circle.breda, expires_at=now - datetime.timedelta(days=31))
    recent = UitnodigingFactory(gemeente=circle.breda, expires_at=now - datetime.timedelta(days=29))
    used = UitnodigingFactory(
        gemeente=circle.breda,
        expires_at=now - datetime.timedelta(days=60),
        accepted_at=now - datetime.timedelta(days=70),
        accepted_by=circle.member,
    )

    assert services.uitnodigingen_expire(now=now) == 1

    assert set(Uitnodiging.objects.all()) == {recent, used}
    assert not Uitnodiging.objects.filter(pk=old.pk).exists()


def test_the_sweeper_runs_it():
    from leerkring.core import sweepers

    assert sweepers._sweepers["gemeenten.uitnodigingen_expire"] is services.uitnodigingen_expire
