import io

import pytest
from django.core.management import call_command
from django.urls import get_resolver

from tests.factories import KernvraagFactory, LeerkringFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_circle_its_core_questions_and_partners(client):
    call_command("seed_demo", stdout=io.StringIO())
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="nl"' in html
    assert "Ambtelijk vakmanschap in de participatiemaatschappij" in html
    assert "Waar liggen de grenzen tussen loslaten, faciliteren en sturen" in html
    assert "A+O fonds Gemeenten" in html
    assert "Vereniging van Nederlandse Gemeenten" in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert 'href="/toegankelijkheid/"' in html and 'href="/privacy/"' in html


def test_home_without_a_circle_says_so(client):
    response = client.get("/")
    assert "Er is nog geen leerkring." in response.text


def _circles(n):
    for circle in LeerkringFactory.create_batch(n):
        for position in range(1, 4):
            KernvraagFactory(leerkring=circle, position=position, text=f"Vraag {position}")
        partner = PartnerFactory(
            name=f"Partner {circle.pk}", slug=f"partner-{circle.pk}", kind="financier"
        )
        partner.leerkringen.add(circle)


@pytest.mark.parametrize("circles", [1, 12])
def test_home_makes_three_queries_whatever_the_number_of_circles(
    client, django_assert_num_queries, circles
):
    _circles(circles)
    with django_assert_num_queries(3):
        response = client.get("/")
    assert response.text.count("Vraag 3") == circles


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/toegankelijkheid/", "Toegankelijkheidsverklaring"),
        ("/privacy/", "Privacyverklaring"),
    ],
)
def test_statements_are_real_pages(client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    assert f'<h1 class="utrecht-heading-1">{heading}</h1>' in response.text


def test_an_unknown_page_answers_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in response.text


def test_the_language_switch_shows_english_and_back(client):
    dutch = client.get("/privacy/?x=1").text
    assert '<input type="hidden" name="next" value="/en/privacy/?x=1">' in dutch
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/privacy/"
    english = client.get("/en/privacy/")
    assert '<html lang="en"' in english.text
    assert "Privacy statement" in english.text
    assert 'lang="nl"' in english.text  # the button back to Dutch names its own language

    assert '<input type="hidden" name="next" value="/privacy/">' in english.text
    back = client.post("/i18n/setlang/", {"language": "nl", "next": "/privacy/"})
    assert back["Location"] == "/privacy/"
    assert "Privacyverklaring" in client.get("/privacy/").text


def test_plain_urls_stay_dutch_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="nl"' in response.text


@pytest.mark.parametrize("app", ["gemeenten", "dilemmas", "bijeenkomsten", "publicaties"])
def test_each_app_is_mounted_under_its_own_name(app):
    prefix, _resolver = get_resolver().namespace_dict[app]
    assert prefix == f"{app}/"
