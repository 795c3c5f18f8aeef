"""Sign-up, verification and log-in: every mistake a person can make gets a Dutch message."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/account/signup/"
LOGIN = "/account/login/"


def signup(client, **overrides):
    data = {
        "name": "Anna de Vries",
        "email": "anna@voorbeeld.nl",
        "gemeente": "anders",
        "password1": "lange-zin-als-wachtwoord",
        "password2": "lange-zin-als-wachtwoord",
        **overrides,
    }
    return client.post(SIGNUP, data)


def confirmation_link(mail) -> str:
    return re.search(r"https?://\S+/account/confirm-email/\S+/", mail.body).group(0)


def test_signup_stores_the_name_and_sends_a_verification_mail(client, mailoutbox):
    response = signup(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="anna@voorbeeld.nl")
    assert user.name == "Anna de Vries"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["anna@voorbeeld.nl"]
    assert "/account/confirm-email/" in mailoutbox[0].body


def test_an_address_already_in_use_is_refused_with_a_clear_message(client, mailoutbox):
    UserFactory(email="anna@voorbeeld.nl")
    response = signup(client, email="Anna@Voorbeeld.nl")
    assert response.status_code == 200
    assert "Er is al een gebruiker geregistreerd met dit e-mailadres." in response.text
    assert get_user_model().objects.filter(email__iexact="anna@voorbeeld.nl").count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-1", "Dit wachtwoord is te kort. Het moet minstens 12 tekens lang zijn."),
        ("password1234", "Dit wachtwoord is te makkelijk te raden: veel mensen gebruiken het."),
        ("384729104857362", "Dit wachtwoord bestaat alleen uit cijfers."),
    ],
)
def test_a_weak_password_is_refused_with_a_clear_message(client, password, message):
    response = signup(client, password1=password, password2=password)
    assert response.status_code == 200
    assert message in response.text
    assert not get_user_model().objects.exists()


def test_two_different_passwords_are_refused(client):
    response = signup(client, password2="een-andere-lange-zin")
    assert "Je moet hetzelfde wachtwoord twee keer intoetsen." in response.text


def test_a_missing_name_is_refused(client):
    response = signup(client, name="   ")
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.text
    # The error is linked to its field for screen readers.
    assert 'aria-describedby="id_name_helptext id_name_error"' in response.text


def test_a_wrong_verification_link_explains_what_to_do(client):
    response = client.get("/account/confirm-email/dit-is-geen-sleutel/")
    assert response.status_code == 200
    assert "Deze bevestigingslink werkt niet (meer)." in response.text


def test_a_used_verification_link_does_not_fail(client, mailoutbox):
    signup(client)
    link = confirmation_link(mailoutbox[0])
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(email="anna@voorbeeld.nl").verified

    again = client.get(link)
    assert again.status_code == 200
    assert "Deze bevestigingslink werkt niet (meer)." in again.text
    assert client.post(link).status_code in (200, 302, 404)


def test_login_is_refused_until_the_address_is_verified(client, mailoutbox):
    signup(client)
    client.logout()
    mailoutbox.clear()
    response = client.post(
        LOGIN, {"login": "anna@voorbeeld.nl", "password": "lange-zin-als-wachtwoord"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/account/confirm-email/")
    assert len(mailoutbox) in (0, 1)  # allauth re-sends after its cooldown only
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_gets_a_clear_message(client):
    UserFactory(email="anna@voorbeeld.nl")
    response = client.post(LOGIN, {"login": "anna@voorbeeld.nl", "password": "fout-wachtwoord-1"})
    assert response.status_code == 200
    assert "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct." in response.text


def test_a_verified_person_logs_in_and_sees_their_name(client):
    UserFactory(email="anna@voorbeeld.nl", name="Anna de Vries")
    response = client.post(LOGIN, {"login": "ANNA@voorbeeld.nl", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Ingelogd als <strong>Anna de Vries</strong>" in response.text


def test_failed_logins_for_one_account_are_limited_to_20_an_hour(client):
    UserFactory(email="anna@voorbeeld.nl")
    too_many = "Te veel inlogpogingen. Probeer het later nogmaals."
    answers = [
        client.post(
            LOGIN,
            {"login": "anna@voorbeeld.nl", "password": f"fout-{n}"},
            REMOTE_ADDR=f"10.0.0.{n}",  # spread over addresses: the per-account limit must hold
        )
        for n in range(21)
    ]
    assert [too_many in a.text for a in answers] == [False] * 20 + [True]
    assert all(a.status_code == 200 for a in answers)
    # Even the right password is refused now, with the same message.
    blocked = client.post(
        LOGIN, {"login": "anna@voorbeeld.nl", "password": PASSWORD}, REMOTE_ADDR="10.0.1.1"
    )
    assert too_many in blocked.text
    assert "_auth_user_id" not in client.session


def test_failed_logins_from_one_address_are_limited_to_10_a_minute(client):
    UserFactory(email="anna@voorbeeld.nl")
    answers = [
        client.post(LOGIN, {"login": f"iemand{n}@voorbeeld.nl", "password": "fout"}).text
        for n in range(11)
    ]
    assert ["Te veel inlogpogingen" in a for a in answers] == [False] * 10 + [True]


def test_password_reset_for_an_unknown_address_says_so(client, mailoutbox):
    response = client.post("/account/password/reset/", {"email": "niemand@voorbeeld.nl"})
    assert response.status_code == 200
    assert "Dit e-mailadres is niet bij ons bekend." in response.text
    assert mailoutbox == []


def test_password_reset_mails_a_link_to_a_known_address(client, mailoutbox):
    UserFactory(email="anna@voorbeeld.nl")
    response = client.post("/account/password/reset/", {"email": "anna@voorbeeld.nl"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/account/password/reset/key/" in mailoutbox[0].body
