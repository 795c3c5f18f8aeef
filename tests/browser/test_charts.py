"""Every kind of chart, with its numbers unfolded, on a page with the site's own styles:
no axe violations, and each table shows once its toggle is opened."""

import pytest
from django.template.loader import render_to_string
from django.templatetags.static import static

from leerkring.core.charts import bar_chart, heatmap_chart, stacked_bar_chart

pytestmark = pytest.mark.browser

LONG = "Leerkringbijeenkomst over loslaten en sturen in de wijk " * 4


def _page_html(base_url: str) -> str:
    gemeenten = ["Amersfoort", "Berkelland", "Breda", "Den Haag", "Súdwest-Fryslân", "Tilburg"]
    rollen = ["loslaten", "faciliteren", "sturen", "procesbegeleider", "netwerker", "verbinder"]
    charts = [
        bar_chart(
            title="Downloads van de slotpublicatie per gemeente",
            rows=[(name, n) for n, name in enumerate(gemeenten)],
            chart_id="grafiek-downloads",
            label_header="Gemeente",
            value_header="Downloads",
        ),
        stacked_bar_chart(
            title="Aanwezig per bijeenkomst, per gemeente",
            label_header="Bijeenkomst",
            series=gemeenten,
            rows=[("Kick-off", [3, 2, 4, 0, 1, 5]), (LONG, [1, 0, 2, 3, 4, 1])],
            chart_id="grafiek-aanwezigheid",
        ),
        heatmap_chart(
            title="Casussen per dilemma en rol",
            label_header="Dilemma",
            series=rollen,
            rows=[("Bemiddelen", [7, 0, 0, 1, 1, 2]), ("<b>Afwegen</b> & kiezen", [2] * 6)],
            chart_id="grafiek-casussen",
        ),
        heatmap_chart(
            title="Nog leeg", label_header="Dilemma", series=rollen, rows=[], chart_id="leeg"
        ),
    ]
    styles = "".join(
        f'<link rel="stylesheet" href="{base_url}{static(path)}">'
        for path in (
            "vendor/nlds/voorbeeld-theme.css",
            "vendor/nlds/utrecht-components.css",
            "css/leerkring.css",
        )
    )
    body = "".join(render_to_string("includes/chart.html", {"chart": c}) for c in charts)
    return (
        f'<!doctype html><html lang="nl" class="utrecht-root"><head><meta charset="utf-8">'
        f"<title>Grafieken</title>{styles}</head>"
        f'<body class="voorbeeld-theme utrecht-body utrecht-document"><main>'
        f'<h1 class="utrecht-heading-1">Grafieken</h1>{body}</main></body></html>'
    )


def test_every_kind_of_chart_is_accessible_with_its_numbers_shown(
    live_server, page, assert_accessible
):
    page.set_content(_page_html(live_server.url), wait_until="load")
    assert page.locator("svg[role=img]").count() == 4
    assert_accessible(page)
    toggles = page.locator("details.leerkring-numbers > summary")
    assert toggles.count() == 3  # the empty chart has no table
    for index in range(toggles.count()):
        toggles.nth(index).click()
    tables = page.locator("details.leerkring-numbers table")
    assert all(tables.nth(i).is_visible() for i in range(3))
    assert page.get_by_role("columnheader", name="Totaal").count() == 2
    assert page.get_by_role("rowheader", name=LONG.strip()).is_visible()
    assert_accessible(page)
