"""Drafts (issue 18): a case can be kept with only a title; what sharing needs is asked for
when it is published, and the form and the case page say what is still missing."""

import re

import pytest
from django.db import IntegrityError, transaction

from dilemmas import errors, services
from dilemmas.models import Casus, Rol
from tests.factories import CasusFactory

pytestmark = pytest.mark.django_db

NEW = "/dilemmas/casussen/nieuw/"


def title_only(client, circle, title="Alleen een titel") -> Casus:
    client.force_login(circle.member)
    response = client.post(NEW, {"title": title, "concept": "1"}, follow=True)
    assert "Je casus is bewaard als concept." in response.text
    return Casus.objects.get(title=title)


def test_a_draft_is_kept_with_only_a_title(client, circle, dilemma):
    casus = title_only(client, circle)
    assert casus.status == "concept" and casus.published_at is None
    assert casus.dilemma is None and casus.situation == "" and casus.question == ""
    assert not casus.rollen.exists()
    assert casus.versies.count() == 1
    assert casus.versies.get().snapshot["dilemma"] == ""


def test_an_empty_draft_asks_only_for_the_title(client, circle, dilemma):
    client.force_login(circle.member)
    response = client.post(NEW, {"concept": "1"})
    assert response.status_code == 200
    summary = response.text.split('id="foutmeldingen"')[1].split("</ul>")[0]
    assert summary.count("<li") == 1
    assert "Geef je casus een titel." in summary
    assert not Casus.objects.exists()


def test_sharing_an_unfinished_case_lists_what_is_missing(client, circle, dilemma):
    client.force_login(circle.member)
    response = client.post(NEW, {"title": "Te vroeg", "publiceren": "1"})
    assert response.status_code == 200
    summary = response.text.split('id="foutmeldingen"')[1].split("</ul>")[0]
    for anchor, message in (
        ("#id_dilemma", "Kies het dilemma dat speelde."),
        ("#id_situation", "Beschrijf wat er speelde."),
        ("#id_question", "Schrijf op wat je aan de leerkring wilt vragen."),
        ("#id_rollen", "Kies minstens één rol."),
    ):
        assert f'href="{anchor}"' in summary and message in summary
    assert "titel" not in summary.lower()
    assert not Casus.objects.exists()


def test_the_draft_says_what_is_missing_and_links_to_each_field(client, circle, dilemma):
    casus = title_only(client, circle)
    page = client.get(f"/dilemmas/casussen/{casus.pk}/")
    assert page.status_code == 200
    assert "Voordat je deze casus publiceert, vul je nog in:" in page.text
    assert "Nu publiceren" not in page.text  # nothing to press that will be refused
    assert "nog niet gekozen" in page.text and "Nog niet ingevuld." in page.text
    edit = f"/dilemmas/casussen/{casus.pk}/bewerken/"
    for name in ("dilemma", "situation", "question", "rollen"):
        assert f'href="{edit}#id_{name}"' in page.text

    form = client.get(edit)
    block = form.text.split('id="nog-in-te-vullen"')[1].split("</ul>")[0]
    anchors = re.findall(r'href="#([\w-]+)"', block)
    assert anchors == ["id_dilemma", "id_situation", "id_question", "id_rollen"]
    for anchor in anchors:
        assert f'id="{anchor}"' in form.text  # each link lands on its field


def test_publishing_an_unfinished_draft_is_refused_and_it_stays_a_draft(client, circle, dilemma):
    casus = title_only(client, circle)
    response = client.post(f"/dilemmas/casussen/{casus.pk}/publiceren/", follow=True)
    assert "Je casus kan nog niet gedeeld worden. Vul eerst in:" in response.text
    assert "Welk dilemma speelde?" in response.text and "Welke rol nam je?" in response.text
    casus.refresh_from_db()
    assert casus.status == "concept"
    with pytest.raises(errors.CasusError):
        services.casus_publish(casus=casus, actor=circle.member)


def test_sharing_after_filling_in_works(client, circle, dilemma):
    casus = title_only(client, circle, title="Het buurthuis aan de Kerkstraat")
    edit = f"/dilemmas/casussen/{casus.pk}/bewerken/"
    # Saving more as a draft keeps it a draft; nothing is asked yet.
    client.post(
        edit, {"title": casus.title, "situation": "De buurt wil het buurthuis.", "concept": "1"}
    )
    casus.refresh_from_db()
    assert casus.status == "concept" and casus.situation == "De buurt wil het buurthuis."
    response = client.post(
        edit,
        {
            "title": casus.title,
            "dilemma": dilemma.pk,
            "situation": "De buurt wil het buurthuis.",
            "question": "Wat doe je?",
            "rollen": [Rol.objects.get(slug="sturen").pk],
            "visibility": "leerkring",
            "publiceren": "1",
        },
        follow=True,
    )
    assert response.status_code == 200
    casus.refresh_from_db()
    assert casus.status == "gepubliceerd" and casus.published_at is not None
    assert "Voordat je deze casus publiceert" not in response.text
    # The search vectors were filled on the way: colleagues find it.
    client.force_login(circle.other_member)
    assert (
        "Het buurthuis aan de Kerkstraat"
        in client.get("/dilemmas/casussen/", {"q": "buurthuizen"}).text
    )


def test_a_published_case_cannot_be_emptied(client, circle, make_casus):
    casus = make_casus()
    client.force_login(circle.member)
    response = client.post(
        f"/dilemmas/casussen/{casus.pk}/bewerken/",
        {"title": casus.title, "visibility": "leerkring"},
    )
    assert response.status_code == 200
    assert "Beschrijf wat er speelde." in response.text
    casus.refresh_from_db()
    assert casus.situation == "Twee groepen willen het buurthuis."


def test_the_database_refuses_an_incomplete_published_case(circle):
    with pytest.raises(IntegrityError), transaction.atomic():
        CasusFactory(
            leerkring=circle.leerkring,
            author=circle.member,
            gemeente=circle.breda,
            dilemma=None,
            situation="",
            status="gepubliceerd",
            published_at="2026-01-01T10:00:00+01:00",
        )


def test_an_anonymised_draft_asks_for_its_text_only_when_shared(client, circle, dilemma):
    client.force_login(circle.member)
    client.post(NEW, {"title": "Anoniem straks", "anonymise": "on", "concept": "1"})
    casus = Casus.objects.get(title="Anoniem straks")
    assert casus.anonymise and casus.anon_situation == ""
    page = client.get(f"/dilemmas/casussen/{casus.pk}/")
    assert "Situatie (geanonimiseerd)" in page.text
    refused = client.post(
        f"/dilemmas/casussen/{casus.pk}/bewerken/",
        {
            "title": "Anoniem straks",
            "dilemma": dilemma.pk,
            "situation": "Mevrouw Bakker.",
            "question": "Wat nu?",
            "rollen": [Rol.objects.get(slug="sturen").pk],
            "visibility": "leerkring",
            "anonymise": "on",
            "publiceren": "1",
        },
    )
    assert "Schrijf de geanonimiseerde situatie" in refused.text
    casus.refresh_from_db()
    assert casus.status == "concept"


def test_a_draft_with_empty_fields_shows_in_every_list_of_its_author(client, circle, dilemma):
    casus = title_only(client, circle, title="Leeg concept")
    for url in (
        "/dilemmas/casussen/mijn/",
        f"/dilemmas/casussen/{casus.pk}/geschiedenis/",
        f"/dilemmas/casussen/{casus.pk}/bewerken/",
        "/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Leeg concept" in client.get("/dilemmas/casussen/mijn/").text
    # The personal data export (JSON; the readable page and its PDF are in
    # tests/leerkring/test_mijn_gegevens.py) holds it with its empty fields.
    [mine] = client.get("/account/profiel/gegevens/").json()["casussen"]
    assert (mine["titel"], mine["dilemma"], mine["vraag"]) == ("Leeg concept", None, "")
    assert "Leeg concept" in client.get("/account/profiel/mijn-gegevens/").text
    # Nobody else sees it, in the library or its search.
    client.force_login(circle.other_member)
    assert client.get(f"/dilemmas/casussen/{casus.pk}/").status_code == 404
    assert "Leeg concept" not in client.get("/dilemmas/casussen/", {"q": "leeg"}).text
