"""After sign-up: the page, the e-mail and the confirmation page say what happens next, and
the person who just signed up can correct a mistyped address (leerkring/signup.py)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache

from gemeenten.models import Lidmaatschap
from tests.factories import UserFactory

SIGNUP = "/account/signup/"
SENT = "/account/confirm-email/"
RESEND = "/account/confirm-email/opnieuw-sturen/"
PASSWORD = "een-lange-zin-als-wachtwoord"

DOMAIN = (
    "Je e-mailadres hoort bij gemeente Breda. Zodra je het hebt bevestigd, ben je lid namens "
    "gemeente Breda."
)
COORDINATOR = (
    "Daarom beslist een coördinator van gemeente Breda of je lid wordt, nadat je je "
    "e-mailadres hebt bevestigd."
)
NONE = "Je hebt geen gemeente gekozen."
CASES = {
    "domain": ("anna@breda.nl", "breda", DOMAIN),
    "coordinator": ("anna@gmail.example", "breda", COORDINATOR),
    "none": ("anna@gmail.example", "anders", NONE),
}


def signup(client, email, gemeente="breda"):
    return client.post(
        SIGNUP,
        {
            "name": "Anna de Vries",
            "email": email,
            "gemeente": gemeente,
            "job_title": "wijkregisseur",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def main(html: str) -> str:
    return " ".join(html.split("<main", 1)[1].split("</main>", 1)[0].split())


def link_in(mail) -> str:
    return re.search(r"https?://\S+/account/confirm-email/\S+/", mail.body).group(0)


@pytest.mark.parametrize("case", CASES)
def test_the_page_after_sign_up_says_what_comes_next(client, circle, mailoutbox, case):
    email, gemeente, expected = CASES[case]
    response = signup(client, email, gemeente)
    assert response["Location"] == SENT
    page = main(client.get(SENT).text)
    assert f"We hebben een e-mail gestuurd naar <strong>{email}</strong>" in page
    assert expected in page
    assert [text for text in CASES.values() if text[2] in page] == [CASES[case]]
    assert 'name="email"' in page  # the address can be corrected here
    # The e-mail says the same, and so does the page its link opens.
    (mail,) = mailoutbox
    assert expected in " ".join(mail.body.split())
    assert "Hallo Anna de Vries," in mail.body
    assert expected in main(client.get(link_in(mail)).text)


@pytest.mark.parametrize("case", ["domain", "coordinator"])
def test_confirming_says_what_happened(client, circle, mailoutbox, case):
    email, gemeente, _expected = CASES[case]
    signup(client, email, gemeente)
    response = client.post(link_in(mailoutbox[0]), follow=True)
    page = main(response.text)
    status = Lidmaatschap.objects.get(user__email=email).status
    if case == "domain":
        assert status == "bevestigd"
        assert "Je bent nu lid namens gemeente Breda. Log in om mee te doen." in page
    else:
        assert status == "aangevraagd"
        assert "Een coördinator van gemeente Breda beslist nu of je lid wordt." in page


def test_a_mistyped_address_is_corrected_and_the_old_link_stops_working(client, circle, mailoutbox):
    signup(client, "anna@bredaa.nl")  # the typo: not Breda's domain, not Anna's mailbox
    assert COORDINATOR in main(client.get(SENT).text)
    old_link = link_in(mailoutbox[0])

    response = client.post(SENT, {"email": "Anna@Breda.nl"}, follow=True)
    page = main(response.text)
    assert "Je e-mailadres is gewijzigd in anna@breda.nl." in page
    assert "We hebben een e-mail gestuurd naar <strong>anna@breda.nl</strong>" in page
    assert DOMAIN in page  # the next step follows the corrected address
    user = get_user_model().objects.get(name="Anna de Vries")
    assert user.email == "anna@breda.nl"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("anna@breda.nl", False)
    ]
    assert [m.to for m in mailoutbox] == [["anna@bredaa.nl"], ["anna@breda.nl"]]
    new_link = link_in(mailoutbox[1])

    # Whoever owns the mistyped mailbox cannot confirm anything with the first link.
    other = client_class_of(client)()
    assert "Deze bevestigingslink werkt niet (meer)." in other.get(old_link).text
    other.post(old_link)
    assert not EmailAddress.objects.filter(user=user, verified=True).exists()
    assert Lidmaatschap.objects.get(user=user).status == "aangevraagd"

    other.post(new_link)
    assert EmailAddress.objects.get(user=user).verified
    assert Lidmaatschap.objects.get(user=user).status == "bevestigd"  # by Breda's domain


def client_class_of(client):
    return type(client)


@pytest.mark.parametrize(
    ("email", "message"),
    [
        (
            "anna@",
            "Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl.",
        ),
        ("", "Vul je e-mailadres in."),
        ("lid@breda.nl", "Er is al een gebruiker geregistreerd met dit e-mailadres."),
        ("LID@Breda.nl", "Er is al een gebruiker geregistreerd met dit e-mailadres."),
        (
            "anna@gmail.example",
            "Dit is het adres dat je al had opgegeven. Vul het juiste e-mailadres in.",
        ),
        ("anna@gmail.example\r\nBcc: x@evil.example", "Dit is geen geldig e-mailadres."),
    ],
)
def test_a_wrong_correction_gets_a_clear_message_and_changes_nothing(
    client, circle, mailoutbox, email, message
):
    signup(client, "anna@gmail.example")
    response = client.post(SENT, {"email": email})
    assert response.status_code == 200
    page = main(response.text)
    assert message in page
    assert "Controleer wat je hebt ingevuld" in page  # the error summary
    assert 'aria-describedby="id_email_error"' in page
    assert get_user_model().objects.get(name="Anna de Vries").email == "anna@gmail.example"
    assert len(mailoutbox) == 1


def test_another_browser_cannot_change_the_address(client, circle, mailoutbox):
    signup(client, "anna@gmail.example")
    stranger = client_class_of(client)()
    page = main(stranger.get(SENT).text)
    assert 'name="email"' not in page and "anna@gmail.example" not in page
    assert "log in met het e-mailadres en wachtwoord die je hebt opgegeven" in page.lower()
    response = stranger.post(SENT, {"email": "boef@evil.example"}, follow=True)
    assert "Dit kan nu niet meer op deze pagina." in main(response.text)
    assert get_user_model().objects.get(name="Anna de Vries").email == "anna@gmail.example"
    assert stranger.post(RESEND).status_code == 302
    assert len(mailoutbox) == 1


def test_someone_logged_in_or_confirmed_cannot_change_it_here(client, circle, mailoutbox):
    signup(client, "anna@gmail.example")
    client.post(link_in(mailoutbox[0]))  # confirmed in this very browser
    assert 'name="email"' not in client.get(SENT).text
    client.post(SENT, {"email": "ander@gmail.example"})
    assert get_user_model().objects.get(name="Anna de Vries").email == "anna@gmail.example"

    client.force_login(circle.member)
    assert 'name="email"' not in main(client.get(SENT).text)
    client.post(SENT, {"email": "ander@gmail.example"})
    circle.member.refresh_from_db()
    assert circle.member.email == "lid@breda.nl"


def test_logging_in_with_the_mistyped_address_leads_back_to_the_form(client, circle, mailoutbox):
    """Later, in another browser: the password proves it is their sign-up."""
    signup(client, "anna@gmail.exampel")
    other = client_class_of(client)()
    response = other.post("/account/login/", {"login": "anna@gmail.exampel", "password": PASSWORD})
    assert response["Location"] == SENT
    other.post(SENT, {"email": "anna@gmail.example"})
    assert get_user_model().objects.get(name="Anna de Vries").email == "anna@gmail.example"
    # A wrong password leads nowhere near it.
    third = client_class_of(client)()
    third.post("/account/login/", {"login": "anna@gmail.example", "password": "fout-wachtwoord"})
    assert 'name="email"' not in third.get(SENT).text


def test_corrections_are_rate_limited(client, circle, mailoutbox):
    signup(client, "anna@gmail.example")
    for n in range(5):
        client.post(SENT, {"email": f"anna{n}@gmail.example"})
    assert get_user_model().objects.get(name="Anna de Vries").email == "anna4@gmail.example"
    response = client.post(SENT, {"email": "anna9@gmail.example"})
    assert "Je hebt je e-mailadres al vaak gewijzigd. Probeer het over een uur opnieuw." in (
        response.text
    )
    assert get_user_model().objects.get(name="Anna de Vries").email == "anna4@gmail.example"
    assert len(mailoutbox) == 6


def test_the_mail_is_sent_again_at_most_once_in_three_minutes(client, circle, mailoutbox):
    signup(client, "anna@gmail.example")
    response = client.post(RESEND, follow=True)
    assert "We hebben je net al een e-mail gestuurd." in main(response.text)
    assert len(mailoutbox) == 1
    cache.clear()  # three minutes later: allauth's cooldown is counted in the cache
    response = client.post(RESEND, follow=True)
    assert "We hebben de e-mail opnieuw gestuurd naar anna@gmail.example." in main(response.text)
    assert [m.to for m in mailoutbox] == [["anna@gmail.example"]] * 2


def test_a_taken_address_cannot_slip_in_at_the_same_moment(client, circle, mailoutbox, monkeypatch):
    """The database's case-insensitive unique address is the last word: a sign-up with the
    same address that lands between the check and the write still loses."""
    from leerkring import signup as signup_module

    signup(client, "anna@gmail.example")
    user = get_user_model().objects.get(name="Anna de Vries")
    UserFactory(email="bezet@gmail.example", verified=False)
    monkeypatch.setattr(signup_module, "assess_unique_email", lambda email, user=None: True)
    with pytest.raises(signup_module.SignupEmailError, match="al een gebruiker"):
        signup_module.signup_email_change(user=user, email="Bezet@gmail.example")
    user.refresh_from_db()
    assert user.email == "anna@gmail.example"
    assert EmailAddress.objects.filter(user=user, email="anna@gmail.example").exists()
