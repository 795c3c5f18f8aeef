"""The case library as CSV for researchers: exactly the cases of the library screen for the same
filters and in its order (read from the HTML, page by page), anonymised where the author asked,
and a large one through a job."""

import html
import re
from urllib.parse import urlencode

import pytest

from dilemmas import services
from dilemmas.models import Rol, Waarde
from leerkring.core.models import ExportJob
from tests.factories import DilemmaFactory
from tests.support import csv_rows

LIBRARY = "/dilemmas/casussen/"
EXPORT = "/dilemmas/casussen/export/"
HEADERS = [
    "Titel",
    "Dilemma",
    "Gemeente",
    "Rollen",
    "Democratische waarden",
    "Situatie",
    "Vraag",
    "Gepubliceerd op",
    "Aantal reacties",
    "Geanonimiseerd",
    "Leerkring",
]
CARD = re.compile(
    r'<li class="leerkring-result">\s*<h3 class="utrecht-heading-3"><a class="utrecht-link" '
    r'href="/dilemmas/casussen/(\d+)/">(.*?)</a></h3>\s*'
    r'<p class="utrecht-paragraph leerkring-meta">(.*?) · .*? · (\d+) reacties?</p>',
    re.S,
)


def screen(client, query: str = "") -> list[tuple[int, str, str, str]]:
    """(id, title, dilemma, number of comments) of every case card, every page."""
    cards, page = [], 1
    while True:
        response = client.get(f"{LIBRARY}?{query}&pagina={page}")
        assert response.status_code == 200
        cards += [
            (int(pk), html.unescape(title), html.unescape(dilemma), count)
            for pk, title, dilemma, count in CARD.findall(response.text)
        ]
        if 'rel="next"' not in response.text:
            return cards
        page += 1


def export(client, query: str = "") -> list[list[str]]:
    response = client.get(f"{EXPORT}?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="casussen-')
    return csv_rows(response.content)


@pytest.fixture
def library(circle, make_casus, dilemma):
    """23 cases (two pages) over two dilemmas, from Breda and Tilburg, some with comments,
    three whose authors asked to share them anonymised (one not anonymised yet)."""
    other = DilemmaFactory(leerkring=circle.leerkring, title="Loslaten of sturen", slug="sturen")
    cases = {}
    for i in range(20):
        cases[f"gewoon-{i}"] = services.casus_create(
            author=circle.other_member if i % 4 == 0 else circle.member,
            leerkring=circle.leerkring,
            dilemma=other if i % 3 == 0 else dilemma,
            title=f"Casus {i:02d}",
            situation=("Het buurthuis. " * (i % 5)) + f"Situatie {i}.",
            question="Wat doe je?",
            rollen=Rol.objects.filter(
                slug__in=["sturen"] if i % 2 else ["faciliteren", "verbinder"]
            ),
            waarden=Waarde.objects.filter(
                slug="deliberatie" if i % 3 else "gelijkheid-en-inclusie"
            ),
            publish=True,
        )
    for i in range(3):
        services.reactie_create(casus=cases["gewoon-1"], author=circle.other_member, body=f"R{i}")
    services.reactie_create(casus=cases["gewoon-2"], author=circle.member, body="Herkenbaar.")
    cases["anoniem"] = make_casus(
        title="Jansen en het buurthuis aan de Dorpsstraat",
        situation="Meneer Jansen wil het buurthuis van Breda-Noord.",
        question="Mag wethouder De Vries dit beslissen?",
        anonymise=True,
        anon_title="Een bewoner en het buurthuis",
        anon_situation="Een bewoner wil het buurthuis.",
        anon_question="Mag de wethouder dit beslissen?",
    )
    cases["nog-niet"] = make_casus(
        title="Het buurthuis van mevrouw Bakker",
        situation="Mevrouw Bakker van de Kerkstraat.",
        question="Wat zegt burgemeester Pieters?",
        anonymise=True,
    )
    cases["half"] = make_casus(
        author=circle.other_member,
        title="Tilburgse wijkraad en meneer Smit",
        situation="Meneer Smit zit in de wijkraad.",
        question="Hoe verder?",
        anonymise=True,
        anon_title="Een wijkraad",
        anon_situation="Een lid van de wijkraad.",
    )
    return cases


def expected(casus, title_on_screen: str) -> str:
    if not casus.anonymise:
        assert title_on_screen == casus.title
        return casus.title
    return casus.anon_title or "(nog niet geanonimiseerd)"


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"q": "buurthuis"},
        {"dilemma": "other"},
        {"rol": "sturen"},
        {"gemeente": "tilburg", "waarde": "deliberatie"},
        {"q": "buurthuis", "rol": "faciliteren"},
    ],
)
def test_the_csv_holds_the_cases_of_the_screen_in_its_order(client, circle, library, filters):
    from dilemmas.models import Casus, Dilemma

    if filters.get("dilemma"):
        filters = {"dilemma": Dilemma.objects.get(slug="sturen").pk}
    query = urlencode(filters)
    client.force_login(circle.researcher)
    cards = screen(client, query)
    table = export(client, query)
    assert table[0] == HEADERS
    assert len(cards) > 1
    cases = Casus.objects.in_bulk([pk for pk, *_ in cards])
    assert [row[0] for row in table[1:]] == [
        expected(cases[pk], title) for pk, title, _dilemma, _n in cards
    ]
    assert [(row[1], row[8]) for row in table[1:]] == [(d, n) for _pk, _t, d, n in cards]
    if not filters:
        assert len(cards) == 23  # both pages
    if "q" in filters:  # ranked by relevance, not by date: the export kept that order
        pks = [pk for pk, *_ in cards]
        by_date = sorted(pks, key=lambda pk: (cases[pk].published_at, pk), reverse=True)
        assert pks != by_date


def test_anonymised_cases_leave_the_platform_anonymised(client, circle, library):
    client.force_login(circle.researcher)
    # The researcher reads the originals on the screen...
    assert "Jansen en het buurthuis aan de Dorpsstraat" in client.get(LIBRARY).text
    response = client.get(EXPORT)
    text = response.content.decode("utf-8")
    rows = {row[0]: row for row in csv_rows(response.content)[1:]}
    # ...but the file has the anonymised text, and neither municipality nor author.
    assert rows["Een bewoner en het buurthuis"] == [
        "Een bewoner en het buurthuis",
        "Bemiddelen",
        "(geanonimiseerd)",
        "faciliteren",
        "deliberatie",
        "Een bewoner wil het buurthuis.",
        "Mag de wethouder dit beslissen?",
        rows["Een bewoner en het buurthuis"][7],
        "0",
        "ja",
        circle.leerkring.title,
    ]
    assert rows["(nog niet geanonimiseerd)"][2:3] + rows["(nog niet geanonimiseerd)"][5:7] == [
        "(geanonimiseerd)",
        "(nog niet geanonimiseerd)",
        "(nog niet geanonimiseerd)",
    ]
    assert rows["Een wijkraad"][2] == "(geanonimiseerd)"
    assert rows["Een wijkraad"][6] == "(nog niet geanonimiseerd)"
    for original in (
        "Jansen",
        "Dorpsstraat",
        "De Vries",
        "Bakker",
        "Pieters",
        "Smit",
        "Breda-Noord",
    ):
        assert original not in text
    assert circle.member.name not in text and circle.other_member.name not in text
    plain = rows["Casus 01"]
    assert plain[2] == "Breda" and plain[8] == "3" and plain[9] == "nee"
    assert plain[3] == "sturen" and plain[7][:4].isdigit()  # YYYY-MM-DD HH:MM


def test_only_researchers_export_and_see_the_link(client, circle, library):
    for user in (circle.member, circle.other_member, circle.coordinator):
        client.force_login(user)
        assert client.get(EXPORT).status_code == 404
        assert EXPORT not in client.get(LIBRARY).text
    client.force_login(circle.researcher)
    assert f'href="{EXPORT}?rol=sturen"' in client.get(f"{LIBRARY}?rol=sturen").text


def test_invalid_filters_send_back_to_the_librarys_error(client, circle, library):
    client.force_login(circle.researcher)
    response = client.get(f"{EXPORT}?rol=bestaat-niet&q=buurthuis")
    assert response.status_code == 302
    assert response["Location"] == f"{LIBRARY}?rol=bestaat-niet&q=buurthuis"
    assert "leerkring-field-error" in client.get(response["Location"]).text


def test_a_large_export_goes_through_a_job_with_the_same_rows(
    client, circle, library, settings, django_capture_on_commit_callbacks
):
    client.force_login(circle.researcher)
    inline = export(client, "q=buurthuis")
    settings.EXPORT_INLINE_MAX_ROWS = 5
    page = client.get(f"{EXPORT}?q=buurthuis")
    assert f"Dit is een grote export ({len(inline) - 1} regels)" in page.text
    assert not ExportJob.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{EXPORT}?q=buurthuis")
    job = ExportJob.objects.get()
    assert response["Location"] == f"/exports/{job.pk}/"
    assert "Zoeken: buurthuis" in client.get(response["Location"]).text
    download = client.get(f"/exports/{job.pk}/download/")
    assert csv_rows(b"".join(download.streaming_content)) == inline


@pytest.mark.parametrize("query", ["", "?q=burger", "?rol=sturen"])
def test_the_export_costs_the_same_for_5_and_45_cases(
    client, circle, make_casus, django_assert_max_num_queries, query
):
    def grow(n):
        for i in range(n):
            make_casus(
                title=f"Burger {i}",
                rollen=("sturen", "faciliteren"),
                waarden=("deliberatie", "verantwoording"),
                anonymise=i % 2 == 0,
                anon_title="Anoniem",
                anon_situation="Zonder namen.",
            )

    def count():
        with django_assert_max_num_queries(20) as captured:
            assert client.get(EXPORT + query).status_code == 200
        return len(captured)

    client.force_login(circle.researcher)
    grow(5)
    small = count()
    grow(40)
    assert count() == small
