"""Switching to English translates the fixed vocabulary (issue 18): meeting kinds and statuses
(gettext), the names of roles, values and dilemmas (django-modeltranslation rows, D69), on
pages, in charts, filters and the CSV export. What researchers write stays as written, and the
Dutch text stays what is searched."""

import pytest
from django.db import connection
from django.utils import translation

from bijeenkomsten.models import Bijeenkomst
from dilemmas import selectors, services
from dilemmas.models import Dilemma, Rol, Waarde
from tests.factories import BijeenkomstFactory, DilemmaFactory
from tests.support import csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(circle):
    translation.activate("nl")  # a request of an earlier test may have left English active
    dilemma = DilemmaFactory(
        leerkring=circle.leerkring,
        slug="loslaten-of-sturen",
        title="Loslaten of sturen",
        title_en="Letting go or steering",
        summary="Wanneer laat je los?",
        summary_en="When do you let go?",
        description="Gemeenten willen vaker loslaten.",
    )
    casus = services.casus_create(
        author=circle.member,
        leerkring=circle.leerkring,
        dilemma=dilemma,
        rollen=Rol.objects.filter(slug__in=["faciliteren", "verbinder"]),
        waarden=Waarde.objects.filter(slug="deliberatie"),
        publish=True,
        title="Een moestuin op het plein",
        situation="Bewoners willen een moestuin.",
        question="Laat je het los?",
    )
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring, kind=Bijeenkomst.Kind.STUDIO, title="Atelier in Breda"
    )
    return dilemma, casus, meeting


def test_the_vocabulary_rows_have_english_names():
    with translation.override("en"):
        names = {r.slug: r.name for r in Rol.objects.all()}
        assert (names["faciliteren"], names["loslaten"], names["verbinder"]) == (
            "facilitating",
            "letting go",
            "connector",
        )
        assert Waarde.objects.get(slug="deliberatie").name == "deliberation"
    with translation.override("nl"):
        assert Rol.objects.get(slug="faciliteren").name == "faciliteren"


def test_english_pages_show_the_fixed_vocabulary_in_english(client, circle, world):
    dilemma, casus, meeting = world
    client.force_login(circle.member)

    page = client.get(f"/en/dilemmas/casussen/{casus.pk}/").text
    for english in ("Letting go or steering", "facilitating", "connector", "deliberation"):
        assert english in page
    for dutch in ("Loslaten of sturen", "faciliteren", "verbinder", "deliberatie"):
        assert dutch not in page
    # What the member wrote stays as written.
    assert "Bewoners willen een moestuin." in page

    page = client.get(f"/en/dilemmas/{circle.leerkring.slug}/{dilemma.slug}/").text
    assert "Letting go or steering" in page and "When do you let go?" in page
    assert "Gemeenten willen vaker loslaten." in page  # the description, as written
    # The charts' labels.
    assert "facilitating" in page and "deliberation" in page

    page = client.get("/en/dilemmas/").text
    assert "Letting go or steering" in page

    page = client.get("/en/dilemmas/casussen/").text
    assert "Letting go or steering" in page
    assert ">facilitating</option>" in page or "facilitating" in page
    assert ">faciliteren<" not in page

    page = client.get(f"/en/bijeenkomsten/{meeting.pk}/").text
    assert "learning studio" in page
    assert "Atelier in Breda" in page
    page = client.get("/en/bijeenkomsten/").text
    assert "learning studio" in page.lower()


def test_dutch_pages_stay_dutch(client, circle, world):
    _dilemma, casus, _meeting = world
    client.force_login(circle.member)
    page = client.get(f"/dilemmas/casussen/{casus.pk}/").text
    assert "Loslaten of sturen" in page and "faciliteren" in page
    assert "Letting go or steering" not in page and "facilitating" not in page


def test_the_csv_export_names_roles_and_values_in_the_language_of_the_page(client, circle, world):
    client.force_login(circle.researcher)
    english = csv_rows(client.get("/en/dilemmas/casussen/export/").content)
    dutch = csv_rows(client.get("/dilemmas/casussen/export/").content)
    english_row = " | ".join(english[1])
    dutch_row = " | ".join(dutch[1])
    assert "Letting go or steering" in english_row
    assert "facilitating" in english_row and "deliberation" in english_row
    assert "Loslaten of sturen" in dutch_row and "faciliteren" in dutch_row


def test_a_researcher_edits_a_dilemma_on_the_english_page_and_dutch_stays_dutch(
    client, circle, world
):
    dilemma, _casus, _meeting = world
    client.force_login(circle.researcher)
    url = f"/en/dilemmas/{circle.leerkring.slug}/{dilemma.slug}/bewerken/"
    form = client.get(url).text
    # The Dutch name in its own field, the English one beside it.
    assert 'value="Loslaten of sturen"' in form and 'value="Letting go or steering"' in form
    response = client.post(
        url,
        {
            "title": "Loslaten of sturen?",
            "title_en": "Letting go, or steering?",
            "summary": "Wanneer laat je los?",
            "summary_en": "",
            "description": "Nieuwe beschrijving.",
            "questions": "",
            "conclusions": "",
        },
    )
    assert response.status_code == 302
    row = Dilemma.objects.filter(pk=dilemma.pk).values("title_nl", "title_en", "summary_en")[0]
    assert row == {
        "title_nl": "Loslaten of sturen?",
        "title_en": "Letting go, or steering?",
        "summary_en": None,
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM dilemmas_dilemma WHERE id = %s", [dilemma.pk])
        assert cursor.fetchone()[0] == "Loslaten of sturen?"
    with translation.override("en"):
        shown = Dilemma.objects.get(pk=dilemma.pk)
        assert (shown.title, shown.summary) == ("Letting go, or steering?", "Wanneer laat je los?")


def test_saving_a_row_while_english_is_active_keeps_the_dutch_text_searchable(circle, world):
    dilemma, _casus, _meeting = world
    with translation.override("en"):
        row = Dilemma.objects.get(pk=dilemma.pk)
        row.position = 3
        row.save()
        found = selectors.dilemma_search(query="sturen", limit=5)
        assert [d.pk for d in found] == [dilemma.pk]
        assert selectors.dilemma_search(query="steering", limit=5) == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM dilemmas_dilemma WHERE id = %s", [dilemma.pk])
        assert cursor.fetchone()[0] == "Loslaten of sturen"


def test_the_admin_has_a_field_per_language_and_saves_dutch_as_the_original(
    client, circle, world, admin_user
):
    dilemma, _casus, _meeting = world
    client.force_login(admin_user)
    url = f"/en/admin/dilemmas/dilemma/{dilemma.pk}/change/"
    form = client.get(url).text
    assert 'name="title_nl"' in form and 'name="title_en"' in form
    assert 'name="title"' not in form
    rol = Rol.objects.get(slug="faciliteren")
    page = client.get(f"/en/admin/dilemmas/rol/{rol.pk}/change/").text
    assert 'value="facilitating"' in page and 'value="faciliteren"' in page


def test_a_row_made_while_english_is_active_keeps_what_it_was_given_as_dutch(circle):
    with translation.override("en"):
        dilemma = DilemmaFactory(leerkring=circle.leerkring, title="Bemiddelen", summary="Kort.")
        assert dilemma.title == "Bemiddelen"
    row = Dilemma.objects.filter(pk=dilemma.pk).values("title_nl", "summary_nl")[0]
    assert row == {"title_nl": "Bemiddelen", "summary_nl": "Kort."}
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM dilemmas_dilemma WHERE id = %s", [dilemma.pk])
        assert cursor.fetchone()[0] == "Bemiddelen"


def test_the_report_names_its_work_groups_dilemmas_in_the_language_of_the_page(
    client, circle, world
):
    from bijeenkomsten.models import Verslag
    from bijeenkomsten.services import verslagen
    from tests.factories import WerkgroepFactory

    dilemma, _casus, meeting = world
    groep = WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Tafel Noord")
    verslagen.verslag_save(
        bijeenkomst=meeting,
        user=circle.researcher,
        title="Verslag van het atelier",
        authors="Onderzoeker",
        body="Het verloop.",
        werkgroep_conclusies={groep.pk: "Loslaten vraagt om kaders."},
    )
    verslagen.verslag_publish(verslag=Verslag.objects.get(), notify=False)
    client.force_login(circle.researcher)
    english = client.get(f"/en/bijeenkomsten/{meeting.pk}/verslag/").text
    assert "Dilemma: Letting go or steering" in english
    assert "Loslaten vraagt om kaders." in english  # the conclusions, as written
    dutch = client.get(f"/bijeenkomsten/{meeting.pk}/verslag/").text
    assert "Dilemma: Loslaten of sturen" in dutch
