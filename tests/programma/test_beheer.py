"""The programme manager's home: every circle with its phase, researchers and waiting
applications, the figures per circle and combined, the figures as CSV and the downloads across
circles; nothing a circle keeps to itself, and nobody else reaches it."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    CasusFactory,
    DeelnameFactory,
    DownloadFactory,
    GemeenteFactory,
    LeerkringFactory,
    ProgrammaFactory,
    PublicatieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CLOSED_AT = datetime.datetime(2019, 9, 1, tzinfo=datetime.UTC)


@pytest.fixture
def programme():
    programma = ProgrammaFactory(title="Leerkringen lokale democratie", slug="lokale-democratie")
    manager = UserFactory(name="Paula Programma")
    programma.managers.add(manager)
    pilot = LeerkringFactory(
        programma=programma, title="Pilot", slug="pilot", phase="afgesloten", closed_at=CLOSED_AT
    )
    preparing = LeerkringFactory(
        programma=programma,
        title='=HYPERLINK("http://kwaad.example")',
        slug="voorbereid",
        phase="voorbereiding",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
    )
    other = LeerkringFactory(title="Kring van een ander programma", slug="anders")
    pilot.researchers.add(UserFactory(), UserFactory())
    preparing.researchers.add(UserFactory())
    berkelland = GemeenteFactory(name="Berkelland")
    DeelnameFactory(leerkring=pilot, gemeente=berkelland)
    DeelnameFactory(leerkring=preparing, gemeente=berkelland)
    DeelnameFactory(leerkring=preparing, status="aangemeld")
    DeelnameFactory(leerkring=preparing, status="aangemeld")
    DeelnameFactory(leerkring=other, status="aangemeld")
    past = timezone.now() - datetime.timedelta(days=30)
    meeting = BijeenkomstFactory(
        leerkring=pilot,
        starts_at=past,
        ends_at=past + datetime.timedelta(hours=2),
        registration_closes_at=past - datetime.timedelta(days=1),
    )
    AanmeldingFactory(
        bijeenkomst=meeting,
        status="aanwezig",
        diet="GEHEIM-DIEET glutenvrij",
        accessibility="GEHEIM-TOEGANG rolstoel",
    )
    now = timezone.now()
    CasusFactory(
        leerkring=pilot,
        status="gepubliceerd",
        published_at=now,
        visibility="gemeente",
        title="GEHEIM-GEMEENTE casus",
    )
    CasusFactory(leerkring=pilot, status="concept", title="GEHEIM-CONCEPT casus")
    publicatie = PublicatieFactory(leerkring=pilot, title="Slotpublicatie", kind="slot")
    downloader = UserFactory(name="Dora Downloader")
    DownloadFactory(publicatie=publicatie, user=downloader)
    DownloadFactory(publicatie=publicatie, user=downloader)
    DownloadFactory(publicatie=publicatie)
    PublicatieFactory(leerkring=pilot, title="GEHEIM-LEDEN publicatie", visibility="leden")
    programma.manager = manager
    programma.pilot = pilot
    programma.preparing = preparing
    return programma


def beheer_url(programma):
    return reverse("programma:programma-beheer", args=[programma.slug])


def export_url(programma):
    return reverse("programma:programma-cijfers-export", args=[programma.slug])


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_manager_sees_every_circle_with_phase_researchers_and_applications(client, programme):
    client.force_login(programme.manager)
    response = client.get(beheer_url(programme))
    assert response.status_code == 200
    html = response.text
    assert "Kring van een ander programma" not in html
    rows = {item["leerkring"].slug: item["leerkring"] for item in response.context["circles"]}
    assert set(rows) == {"pilot", "voorbereid"}
    assert (rows["pilot"].n_researchers, rows["pilot"].n_applied) == (2, 0)
    assert (rows["voorbereid"].n_researchers, rows["voorbereid"].n_applied) == (1, 2)
    assert "In voorbereiding" in html and "Afgelopen" in html
    for circle in (programme.pilot, programme.preparing):
        assert reverse("programma:leerkring-manage", args=[programme.slug, circle.slug]) in html
    assert reverse("programma:leerkring-create", args=[programme.slug]) in html
    assert export_url(programme) in html


def test_the_manager_sees_the_figures_per_circle_and_combined(client, programme):
    client.force_login(programme.manager)
    response = client.get(beheer_url(programme))
    per_circle = {item["leerkring"].slug: item["counts"] for item in response.context["circles"]}
    assert per_circle["pilot"] == {
        "gemeenten": 1,
        "meetings": 1,
        "participants": 1,
        "cases": 1,
        "publications": 1,
    }
    assert per_circle["voorbereid"]["gemeenten"] == 1
    # Berkelland, in both circles, counts once.
    assert dict((str(label), n) for label, n in response.context["combined"]) == {
        "gemeenten": 1,
        "leerkringen": 2,
        "bijeenkomsten gehouden": 1,
        "deelnemers": 1,
        "casussen": 1,
    }


def test_the_downloads_across_circles_are_counts_without_names(client, programme):
    client.force_login(programme.manager)
    response = client.get(beheer_url(programme))
    (publicatie,) = response.context["downloads"]
    assert publicatie.title == "Slotpublicatie"
    assert (publicatie.n_downloads, publicatie.n_people) == (3, 1)
    assert "Dora Downloader" not in response.text


def test_the_manager_sees_nothing_a_circle_keeps_to_itself(client, programme):
    client.force_login(programme.manager)
    outputs = [client.get(beheer_url(programme)).text, client.get(export_url(programme)).text]
    for output in outputs:
        for marker in ("GEHEIM-GEMEENTE", "GEHEIM-CONCEPT", "GEHEIM-DIEET", "GEHEIM-TOEGANG"):
            assert marker not in output
        assert "GEHEIM-LEDEN" not in output


def test_the_figures_download_as_csv_with_a_total_row(client, programme):
    client.force_login(programme.manager)
    response = client.get(export_url(programme))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    assert rows[0] == [
        "Leerkring",
        "Fase",
        "Gemeenten",
        "Bijeenkomsten gehouden",
        "Deelnemers",
        "Casussen",
        "Publicaties",
    ]
    by_title = {row[0]: row[1:] for row in rows[1:]}
    assert by_title["Pilot"] == ["afgelopen", "1", "1", "1", "1", "1"]
    assert rows[-1][0].startswith("Totaal")
    assert rows[-1][2:] == ["1", "1", "1", "1", "1"]


def test_a_csv_cell_that_starts_like_a_formula_is_neutralised(client, programme):
    client.force_login(programme.manager)
    rows = rows_of(client.get(export_url(programme)))
    titles = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://kwaad.example")' in titles
    assert not any(title.startswith("=") for title in titles)


@pytest.mark.parametrize("who", ["researcher", "other_manager", "member", "anonymous"])
def test_nobody_but_the_programme_s_managers_reaches_its_home(client, programme, who):
    if who == "researcher":
        client.force_login(programme.pilot.researchers.first())
    elif who == "other_manager":
        other = ProgrammaFactory()
        person = UserFactory()
        other.managers.add(person)
        client.force_login(person)
    elif who == "member":
        client.force_login(UserFactory())
    for url in (beheer_url(programme), export_url(programme)):
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302 and "/account/login/" in response["Location"]
        else:
            assert response.status_code == 404


def test_an_unknown_programme_has_no_home(client, programme):
    client.force_login(programme.manager)
    assert client.get("/programma/bestaat-niet/beheer/").status_code == 404
    assert client.get("/programma/bestaat-niet/beheer/cijfers.csv").status_code == 404


def test_a_circle_title_with_line_breaks_stays_on_one_row_of_the_csv(client, programme):
    programme.pilot.title = "Pilot\r\nmet\x0bregels"
    programme.pilot.save()
    client.force_login(programme.manager)
    rows = rows_of(client.get(export_url(programme)))
    assert {len(row) for row in rows} == {7}
    assert "Pilot met regels" in [row[0] for row in rows]
