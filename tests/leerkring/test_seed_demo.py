import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dilemmas.models import Kernvraag
from gemeenten.models import Partner
from leerkring.core.models import Leerkring

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
