"""/.well-known/security.txt (RFC 9116): whom to tell about a vulnerability, readable by anyone,
and never expired."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.conftest import ROOT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/.well-known/security.txt"


def fields(response) -> dict[str, list[str]]:
    """The file's fields by name, each with its values in order (RFC 9116, section 4)."""
    found = {}
    for line in response.content.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, value = line.split(": ", 1)
            found.setdefault(name, []).append(value)
    return found


def expires(response) -> datetime.datetime:
    (value,) = fields(response)["Expires"]
    assert value.endswith("Z")  # RFC 3339 in UTC, as the RFC's examples write it
    return datetime.datetime.fromisoformat(value)


def test_a_logged_out_visitor_gets_the_fields_rfc_9116_asks_for(client):
    before = timezone.now()
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert fields(response) == {
        "Contact": ["mailto:security@leerkring.example"],
        "Expires": [fields(response)["Expires"][0]],
        "Preferred-Languages": ["nl, en"],
        "Canonical": ["http://127.0.0.1:8000/.well-known/security.txt"],
    }
    # In the future, less than a year ahead (the RFC's advice), and renewed on every request.
    assert before + datetime.timedelta(days=89) < expires(response)
    assert expires(response) < before + datetime.timedelta(days=365)


def test_it_sets_no_cookie_and_may_be_cached_briefly(client):
    response = client.get(URL)
    assert response.cookies == {}
    assert response["Cache-Control"] == "public, max-age=3600"
    client.force_login(UserFactory())
    logged_in = client.get(URL)
    assert logged_in.status_code == 200 and logged_in.cookies == {}
    assert logged_in.content.decode().startswith("# Leerkring: how to report a vulnerability")


def test_it_answers_head_but_not_post(client):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


@override_settings(
    SECURITY_CONTACT=["security@gemeente.example", "https://gemeente.example/kwetsbaarheid"],
    SECURITY_POLICY_URL="https://code.gemeente.example/leerkring/SECURITY.md",
    SECURITY_TXT_DAYS=7,
    SITE_URL="https://leerkring.gemeente.example/",
)
def test_the_operator_sets_contacts_policy_and_period(client):
    before = timezone.now()
    response = client.get(URL)
    assert fields(response)["Contact"] == [
        "mailto:security@gemeente.example",
        "https://gemeente.example/kwetsbaarheid",
    ]
    assert fields(response)["Policy"] == ["https://code.gemeente.example/leerkring/SECURITY.md"]
    assert fields(response)["Canonical"] == [
        "https://leerkring.gemeente.example/.well-known/security.txt"
    ]
    after = timezone.now()
    seven_days = datetime.timedelta(days=7)
    assert before.replace(microsecond=0) + seven_days <= expires(response) <= after + seven_days


def test_the_file_has_no_english_or_dutch_variant(client):
    """One address for everyone: the file is not translated, and /en/ has none."""
    assert client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.startswith(b"# Leerkring")
    assert client.get("/en" + URL).status_code == 404


def test_security_md_and_security_txt_name_the_same_contact(client):
    """SECURITY.md sends reports about a site to its security.txt, and the software's own
    address is the contact security.txt gives out of the box."""
    policy = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    (contact,) = fields(client.get(URL))["Contact"]
    assert f"`{contact.removeprefix('mailto:')}`" in policy
    assert "`/.well-known/security.txt`" in policy
