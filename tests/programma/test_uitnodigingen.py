"""A programme manager invites a researcher by e-mail: the e-mail and its link, the page
behind it (logged out and logged in), accepting, and the links that no longer work."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gemeenten.selectors import uitnodiging_hash
from leerkring.core.models import AuditEntry, OnderzoekerUitnodiging
from tests.factories import LeerkringFactory, ProgrammaFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+/programma/uitnodiging/([^/\s]+)/")


@pytest.fixture
def kring():
    programma = ProgrammaFactory(title="Leerkringen lokale democratie", slug="lokale-democratie")
    manager = UserFactory(name="Paula Programma", email="programma@mail.example")
    programma.managers.add(manager)
    leerkring = LeerkringFactory(
        programma=programma, title="Democratie 2027", slug="democratie-2027", phase="voorbereiding"
    )
    leerkring.manager = manager
    return leerkring


def invite_url(leerkring):
    return reverse("programma:onderzoeker-invite", args=[leerkring.programma.slug, leerkring.slug])


def manage_url(leerkring):
    return reverse("programma:leerkring-manage", args=[leerkring.programma.slug, leerkring.slug])


def link_url(token):
    return reverse("programma:onderzoeker-uitnodiging", args=[token])


def invite(client, kring, capture, email="onderzoeker@uni.example", **extra):
    client.force_login(kring.manager)
    with capture(execute=True):
        response = client.post(
            invite_url(kring), {"email": email, "name": "Olga Onderzoek", **extra}
        )
    return response


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_manager_invites_a_researcher_by_email(
    client, kring, django_capture_on_commit_callbacks
):
    response = invite(client, kring, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response.url == manage_url(kring)
    assert "We hebben een uitnodiging gestuurd naar onderzoeker@uni.example." in " ".join(
        messages_of(response)
    )
    [message] = mail.outbox
    assert message.to == ["onderzoeker@uni.example"]
    assert "Democratie 2027" in message.subject
    assert "Beste Olga Onderzoek" in message.body
    assert "Paula Programma nodigt je uit om onderzoeker te worden" in message.body
    token = LINK.search(message.body).group(1)
    uitnodiging = OnderzoekerUitnodiging.objects.get()
    assert uitnodiging.token_hash == uitnodiging_hash(token) != token
    lifetime = uitnodiging.expires_at - uitnodiging.created_at
    assert abs(lifetime - datetime.timedelta(days=14)) < datetime.timedelta(minutes=1)
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.ONDERZOEKER_INVITED, actor=kring.manager
    ).exists()
    # The manage page lists it.
    page = client.get(manage_url(kring))
    assert "onderzoeker@uni.example" in page.text
    assert "Opnieuw sturen" in page.text

    # The link works, logged out: the circle, who invited, and how to log in or sign up.
    client.logout()
    page = client.get(link_url(token))
    assert page.status_code == 200
    assert "Word onderzoeker van Democratie 2027" in page.text
    assert "Paula Programma nodigt je uit" in page.text
    assert f"{reverse('account_login')}?next=%2F" in page.text
    assert f"{reverse('account_signup')}?next=%2F" in page.text
    assert "Een andere organisatie" in page.text
    assert "Uitnodiging aannemen" not in page.text


def test_accepting_logged_in_makes_the_person_a_researcher(
    client, kring, django_capture_on_commit_callbacks
):
    invite(client, kring, django_capture_on_commit_callbacks)
    token = LINK.search(mail.outbox[0].body).group(1)
    person = UserFactory(email="onderzoeker@uni.example", name="Olga Onderzoek")
    client.force_login(person)

    page = client.get(link_url(token))
    assert "Uitnodiging aannemen als onderzoeker@uni.example" in page.text
    assert "de uitnodiging ging naar" not in page.text
    response = client.post(link_url(token))

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert "Je bent nu onderzoeker van de leerkring ‘Democratie 2027’." in " ".join(
        messages_of(response)
    )
    assert person in kring.researchers.all()
    uitnodiging = OnderzoekerUitnodiging.objects.get()
    assert uitnodiging.accepted_by == person and uitnodiging.accepted_at is not None
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.ONDERZOEKER_ACCEPTED, actor=person, subject=person
    ).exists()

    # The link works once.
    again = client.post(link_url(token))
    assert "Deze uitnodiging is al gebruikt." in " ".join(messages_of(again))
    page = client.get(link_url(token))
    assert "Deze uitnodiging werkt niet" in page.text
    assert kring.researchers.count() == 1

    # The manager now sees the researcher and can open the circle.
    client.force_login(kring.manager)
    page = client.get(manage_url(kring))
    assert "Olga Onderzoek" in page.text
    assert "nog geen onderzoeker" not in page.text


def test_another_account_may_accept_and_the_page_says_which(
    client, kring, django_capture_on_commit_callbacks
):
    invite(client, kring, django_capture_on_commit_callbacks)
    token = LINK.search(mail.outbox[0].body).group(1)
    person = UserFactory(email="olga@prive.example")
    client.force_login(person)
    page = client.get(link_url(token))
    assert (
        "Je bent ingelogd met olga@prive.example; de uitnodiging ging naar onderzoeker@uni.example"
        in page.text
    )
    assert "wordt het account olga@prive.example onderzoeker" in page.text
    client.post(link_url(token))
    assert list(kring.researchers.all()) == [person]


def test_logging_in_from_the_page_comes_back_to_it(
    client, kring, django_capture_on_commit_callbacks
):
    from tests.factories import PASSWORD

    invite(client, kring, django_capture_on_commit_callbacks)
    token = LINK.search(mail.outbox[0].body).group(1)
    UserFactory(email="onderzoeker@uni.example")
    client.logout()
    page = client.get(link_url(token))
    login = re.search(r'href="([^"]*/account/login/\?next=[^"]+)"', page.text).group(1)
    response = client.post(
        login.replace("&amp;", "&"),
        {"login": "onderzoeker@uni.example", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == link_url(token)
    assert "Uitnodiging aannemen als onderzoeker@uni.example" in client.get(response.url).text


def test_someone_without_an_account_signs_up_and_accepts(
    client, kring, django_capture_on_commit_callbacks
):
    """The page's way for someone new: sign up without a municipality, confirm the address,
    log in, open the link again, accept."""
    from tests.factories import PASSWORD

    invite(client, kring, django_capture_on_commit_callbacks)
    token = LINK.search(mail.outbox[0].body).group(1)
    client.logout()
    page = client.get(link_url(token))
    signup = re.search(r'href="([^"]*/account/signup/\?next=[^"]+)"', page.text).group(1)
    form = client.get(signup.replace("&amp;", "&"))
    assert "Een andere organisatie" in form.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            signup.replace("&amp;", "&"),
            {
                "name": "Olga Onderzoek",
                "email": "onderzoeker@uni.example",
                "gemeente": "anders",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert response.status_code == 302
    confirm = re.search(r"https?://\S+(/account/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    client.post(confirm)
    client.logout()
    login = re.search(
        r'href="([^"]*/account/login/\?next=[^"]+)"', client.get(link_url(token)).text
    )
    response = client.post(
        login.group(1).replace("&amp;", "&"),
        {"login": "onderzoeker@uni.example", "password": PASSWORD},
    )
    assert response.url == link_url(token)
    client.post(link_url(token))
    assert [u.email for u in kring.researchers.all()] == ["onderzoeker@uni.example"]


def test_a_logged_out_post_is_sent_to_log_in(client, kring, django_capture_on_commit_callbacks):
    invite(client, kring, django_capture_on_commit_callbacks)
    token = LINK.search(mail.outbox[0].body).group(1)
    client.logout()
    response = client.post(link_url(token))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not kring.researchers.exists()


def test_an_expired_link_says_so(client, kring, django_capture_on_commit_callbacks):
    invite(client, kring, django_capture_on_commit_callbacks)
    token = LINK.search(mail.outbox[0].body).group(1)
    OnderzoekerUitnodiging.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    client.logout()
    page = client.get(link_url(token))
    assert page.status_code == 200
    assert "Deze uitnodiging is verlopen" in page.text
    client.force_login(UserFactory())
    response = client.post(link_url(token))
    assert "Deze uitnodiging is verlopen" in " ".join(messages_of(response))
    assert not kring.researchers.exists()


def test_an_unknown_link_is_a_page_not_the_login(client, kring):
    page = client.get(link_url("niet-bestaand"))
    assert page.status_code == 404
    assert "We kennen deze link niet" in page.text
    client.force_login(UserFactory())
    response = client.post(link_url("x" * 500))
    assert "We kennen deze link niet" in " ".join(messages_of(response))


def test_inviting_a_researcher_of_the_circle_is_refused(
    client, kring, django_capture_on_commit_callbacks
):
    kring.researchers.add(UserFactory(email="Onderzoeker@Uni.example"))
    response = invite(client, kring, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "is al onderzoeker van deze leerkring" in " ".join(
        response.context["form"].errors["email"]
    )
    assert mail.outbox == []
    assert not OnderzoekerUitnodiging.objects.exists()


def test_a_second_invitation_is_refused_and_can_be_sent_again(
    client, kring, django_capture_on_commit_callbacks
):
    invite(client, kring, django_capture_on_commit_callbacks)
    first = LINK.search(mail.outbox[0].body).group(1)

    response = invite(
        client, kring, django_capture_on_commit_callbacks, email="ONDERZOEKER@uni.example"
    )
    assert response.status_code == 200
    assert "heeft al een uitnodiging die nog werkt" in response.text
    assert "Opnieuw sturen" in response.text
    assert len(mail.outbox) == 1

    response = invite(client, kring, django_capture_on_commit_callbacks, resend="1")
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    second = LINK.search(mail.outbox[1].body).group(1)
    assert second != first
    # The first link stops working; the new one works.
    client.force_login(UserFactory())
    assert "Deze uitnodiging is verlopen" in client.get(link_url(first)).text
    assert "Uitnodiging aannemen" in client.get(link_url(second)).text


def test_a_bad_address_gets_a_message(client, kring, django_capture_on_commit_callbacks):
    response = invite(client, kring, django_capture_on_commit_callbacks, email="geen-adres")
    assert response.status_code == 200
    assert "Vul een e-mailadres in" in response.text
    assert not OnderzoekerUitnodiging.objects.exists()


def test_only_the_programmes_managers_invite(client, kring, django_capture_on_commit_callbacks):
    other = ProgrammaFactory()
    other_manager = UserFactory()
    other.managers.add(other_manager)
    researcher = UserFactory()
    kring.researchers.add(researcher)
    for person in (other_manager, researcher):
        client.force_login(person)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(invite_url(kring), {"email": "x@uni.example"})
        assert response.status_code == 404
    assert mail.outbox == []
