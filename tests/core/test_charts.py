"""The server-drawn charts: valid standalone SVG whose numbers are the table's numbers,
escaped and shortened labels, empty data, and colours that meet WCAG contrast."""

import itertools
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string

from leerkring.core import charts
from leerkring.core.charts import bar_chart, heatmap_chart, stacked_bar_chart

NS = "{http://www.w3.org/2000/svg}"
GEMEENTEN = ["Amersfoort", "Berkelland", "Breda", "Den Haag", "Tilburg"]
MEETINGS = [
    ("Kick-off", [3, 2, 4, 0, 1]),
    ("Leerkringbijeenkomst over bemiddelen", [1, 0, 2, 3, 4]),
    ("Reflectie", [0, 0, 0, 0, 0]),
]
ROLES = ["loslaten", "faciliteren", "sturen", "procesbegeleider", "netwerker", "verbinder"]
DILEMMAS = [
    ("Loslaten of sturen", [0, 1, 2, 3, 4, 5]),
    ("Bemiddelen", [7, 0, 0, 1, 1, 2]),
    ("Afwegen van belangen", [2, 2, 2, 0, 0, 12]),
]


def bars():
    return bar_chart(
        title="Downloads per gemeente",
        rows=[("Breda", 12), ("Tilburg", 0), ("Den Haag", 3)],
        chart_id="grafiek-downloads",
        label_header="Gemeente",
        value_header="Downloads",
    )


def stacked(series=GEMEENTEN, rows=MEETINGS):
    return stacked_bar_chart(
        title="Aanwezig per bijeenkomst",
        label_header="Bijeenkomst",
        series=series,
        rows=rows,
        chart_id="grafiek-aanwezig",
    )


def heatmap(series=ROLES, rows=DILEMMAS):
    return heatmap_chart(
        title="Casussen per dilemma en rol",
        label_header="Dilemma",
        series=series,
        rows=rows,
        chart_id="grafiek-casussen",
    )


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises when the SVG is not well-formed XML
    assert root.tag == f"{NS}svg"
    return root


def drawn(root) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{NS}rect") if rect.get("data-value") is not None]


def cells(root) -> dict[tuple[str, str], int]:
    """(row, series) -> the number the chart carries for it."""
    found = {}
    for rect in drawn(root):
        key = (rect.get("data-row"), rect.get("data-series"))
        assert key not in found
        found[key] = int(rect.get("data-value"))
    return found


def expected(series, rows) -> dict[tuple[str, str], int]:
    return {
        (label, name): value
        for label, values in rows
        for name, value in zip(series, values, strict=True)
    }


# --- WCAG 2.1 relative luminance and contrast, computed here independently ---------------
def luminance(colour: str) -> float:
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65), to say how different two colours look."""

    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


# --- The table, as the include renders it --------------------------------------------------
class Tables(HTMLParser):
    """Every table's caption, column headers and body rows (as cell texts)."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._in = [], None, ""

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "head": [], "rows": [], "scopes": []})
        elif tag in ("thead", "tbody"):
            self._in = tag
        elif tag == "tr" and self._in == "tbody":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self._cell = ""
            if tag == "th":
                self.tables[-1]["scopes"].append(dict(attrs).get("scope"))
        elif tag == "caption":
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            table = self.tables[-1]
            (table["head"] if self._in == "thead" else table["rows"][-1]).append(self._cell.strip())
            self._cell = None
        elif tag == "caption":
            self.tables[-1]["caption"] = self._cell.strip()
            self._cell = None


def render(chart, **extra) -> str:
    return render_to_string("includes/chart.html", {"chart": chart, **extra})


def table_of(html: str) -> dict:
    parser = Tables()
    parser.feed(html)
    assert len(parser.tables) == 1
    return parser.tables[0]


def svg_in(html: str) -> ET.Element:
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 1
    return parse(svgs[0])


# --- Each kind: valid SVG whose numbers are the rows ----------------------------------------
def test_a_bar_chart_is_standalone_svg_whose_bars_are_the_rows():
    chart = bars()
    root = parse(chart.svg)
    assert root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    title = root.find(f"{NS}title")
    assert title.text == "Downloads per gemeente"
    assert root.get("aria-labelledby") == title.get("id")
    values = [int(rect.get("data-value")) for rect in drawn(root)]
    assert values == [12, 0, 3]
    widths = [float(rect.get("width")) for rect in drawn(root)]
    assert widths[1] == 0 and widths[0] > widths[2] > 0  # zero is drawn, as nothing
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert texts == ["Breda", "12", "Tilburg", "0", "Den Haag", "3"]


def test_a_stacked_bar_chart_carries_every_count_with_its_row_and_series():
    chart = stacked()
    root = parse(chart.svg)
    assert cells(root) == expected(GEMEENTEN, MEETINGS)
    assert chart.totals == [10, 10, 0]
    totals = [int(t.get("data-total")) for t in root.iter(f"{NS}text") if t.get("data-total")]
    assert totals == [10, 10, 0]
    # One bar per meeting in the order given; segments lie side by side in series order,
    # as long as their count (scaled), and never with a negative width.
    for label, values in MEETINGS:
        segments = [rect for rect in drawn(root) if rect.get("data-row") == label]
        assert [rect.get("data-series") for rect in segments] == GEMEENTEN
        xs = [float(rect.get("x")) for rect in segments]
        widths = [float(rect.get("width")) for rect in segments]
        assert all(width >= 0 for width in widths)
        assert all(a + w == b for a, w, b in zip(xs, widths, xs[1:], strict=False))
        for value, width in zip(values, widths, strict=True):
            assert (width == 0) == (value == 0)
    # The two meetings with 10 people have bars of the same length.
    ends = {
        label: max(
            float(r.get("x")) + float(r.get("width"))
            for r in drawn(root)
            if r.get("data-row") == label
        )
        for label, _values in MEETINGS
    }
    assert ends["Kick-off"] == ends["Leerkringbijeenkomst over bemiddelen"]


def test_the_legend_shows_each_series_beside_the_colour_of_its_segments():
    root = parse(stacked().svg)
    colour_of = {rect.get("data-series"): rect.get("fill") for rect in drawn(root)}
    assert len(set(colour_of.values())) == len(GEMEENTEN)
    legend = {}
    for group in root.iter(f"{NS}g"):
        children = list(group)
        if (
            len(children) == 2
            and children[0].tag == f"{NS}rect"
            and children[0].get("data-value") is None
        ):
            legend[children[1].text] = children[0].get("fill")
    assert legend == colour_of


def test_a_heatmap_shows_each_count_as_a_number_on_a_shade_that_grows_with_it():
    root = parse(heatmap().svg)
    assert cells(root) == expected(ROLES, DILEMMAS)
    rects = drawn(root)
    numbers = [t for t in root.iter(f"{NS}text") if t.text and t.text.isdigit()]
    # Every cell also shows its number as text (readable without colour), in order.
    assert [t.text for t in numbers] == [r.get("data-value") for r in rects]
    for rect, text in zip(rects, numbers, strict=True):
        assert contrast(rect.get("fill"), text.get("fill")) >= 4.5
    # A larger count is never lighter; zero is white; the largest is the darkest.
    shades = sorted((int(r.get("data-value")), luminance(r.get("fill"))) for r in rects)
    assert all(a[1] >= b[1] for a, b in itertools.pairwise(shades))
    assert shades[0] == (0, 1.0)
    assert shades[-1][1] == min(luminance(r.get("fill")) for r in rects) < 0.05
    # The column headers are the roles.
    assert set(ROLES) <= {t.text for t in root.iter(f"{NS}text")}


@pytest.mark.parametrize("make", [bars, stacked, heatmap], ids=["bar", "stacked", "heatmap"])
def test_the_svg_uses_no_styles_scripts_or_outside_references(make):
    chart = make()
    root = parse(chart.svg)
    for element in root.iter():
        assert element.tag.split("}")[1] not in ("script", "style", "image", "use", "a")
        assert not {"style", "href", "{http://www.w3.org/1999/xlink}href"} & set(element.attrib)
        assert not any(name.startswith("on") for name in element.attrib)
    assert "url(" not in chart.svg and "http://" not in chart.svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


# --- Through the include: the table holds exactly the chart's numbers ---------------------
def test_the_table_of_a_bar_chart_holds_the_bars_numbers():
    chart = bars()
    html = render(chart)
    root = svg_in(html)
    table = table_of(html)
    assert table["caption"] == "Downloads per gemeente"
    assert table["head"] == ["Gemeente", "Downloads"]
    assert table["scopes"] == ["col", "col", "row", "row", "row"]
    labels = [t.text for t in root.iter(f"{NS}text")][::2]
    values = [rect.get("data-value") for rect in drawn(root)]
    assert table["rows"] == [list(pair) for pair in zip(labels, values, strict=True)]
    assert "Toon de cijfers bij deze grafiek" in html
    assert html.count("utrecht-table__cell--numeric-data") == 3


@pytest.mark.parametrize("make", [stacked, heatmap], ids=["stacked", "heatmap"])
def test_the_table_of_a_series_chart_has_a_column_per_series_and_a_total(make):
    chart = make()
    html = render(chart)
    table = table_of(html)
    assert table["head"] == [chart.label_header, *chart.series, "Totaal"]
    assert table["scopes"] == ["col"] * (len(chart.series) + 2) + ["row"] * len(chart.rows)
    from_table = {
        (row[0], name): int(value)
        for row in table["rows"]
        for name, value in zip(chart.series, row[1:-1], strict=True)
    }
    assert from_table == cells(svg_in(html))
    assert [int(row[-1]) for row in table["rows"]] == [sum(v) for _l, v in chart.rows]


def test_in_a_pdf_the_table_is_printed_not_folded_away():
    html = render(bars(), pdf=True)
    assert "<details" not in html and "Toon de cijfers" not in html
    assert table_of(html)["caption"] == "Downloads per gemeente, in cijfers"


# --- Labels are user data --------------------------------------------------------------------
HOSTILE = "<script>alert(\"x\")</script> & 'Ruinen'\x0b"


def test_hostile_labels_are_escaped_everywhere():
    title = "<b>Titel</b> & meer"
    charts_ = [
        bar_chart(title=title, rows=[(HOSTILE, 2)], chart_id="a"),
        stacked_bar_chart(
            title=title, label_header="B", series=[HOSTILE], rows=[(HOSTILE, [2])], chart_id="b"
        ),
        heatmap_chart(
            title=title, label_header="D", series=[HOSTILE], rows=[(HOSTILE, [2])], chart_id="c"
        ),
    ]
    clean = HOSTILE.replace("\x0b", "")
    for chart in charts_:
        root = parse(chart.svg)  # the vertical tab, not allowed in XML, was dropped
        assert not list(root.iter(f"{NS}script")) and "<script" not in chart.svg
        assert root.find(f"{NS}title").text == title
        # Drawn whole, or shortened with the whole label as its tooltip.
        assert clean in {t.text for t in [*root.iter(f"{NS}text"), *root.iter(f"{NS}title")]}
        if chart.is_series:
            assert cells(root) == {(clean, clean): 2}
        html = render(chart)
        assert "<script" not in html and "<b>" not in html
        assert "&lt;script&gt;" in html.split("</svg>")[1]  # in the table, escaped too


def test_long_labels_are_shortened_in_the_svg_but_kept_whole_in_the_table():
    long = "Leerkringbijeenkomst over " + "loslaten en sturen in de wijk, " * 6 + "slot"
    assert len(long) > 200
    for chart in (
        bar_chart(title="t", rows=[(long, 4)], chart_id="a"),
        stacked(series=["Breda"], rows=[(long, [4])]),
        heatmap(series=[long], rows=[(long, [4])]),
    ):
        root = parse(chart.svg)
        texts = [t.text for t in root.iter(f"{NS}text")]
        shown = [t for t in texts if t.startswith("Leerkringbijeenkomst")]
        assert shown and all(t.endswith("…") and len(t) < 40 for t in shown)
        assert long not in texts
        # The whole text stays a tooltip and in the table.
        assert long in {t.text for t in root.iter(f"{NS}title")}
        assert table_of(render(chart))["rows"][0][0] == long
        assert int(root.get("width")) <= 800


# --- No data ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "chart",
    [
        lambda: bar_chart(title="Downloads", rows=[], chart_id="leeg"),
        lambda: stacked(series=[], rows=[]),
        lambda: stacked(series=["Breda"], rows=[]),
        lambda: heatmap(rows=[]),
    ],
    ids=["bar", "stacked", "stacked-no-series", "heatmap"],
)
def test_a_chart_without_data_is_valid_svg_that_says_so(chart):
    chart = chart()
    root = parse(chart.svg)
    assert [t.text for t in root.iter(f"{NS}text")] == ["Nog geen gegevens"]
    assert drawn(root) == []
    ids = {element.get("id") for element in root.iter()}
    assert set(root.get("aria-labelledby").split()) <= ids
    html = render(chart)
    assert "<table" not in html and "Nog geen gegevens" in html


def test_counts_must_be_whole_and_one_per_series():
    with pytest.raises(ValueError):
        stacked(series=["Breda", "Tilburg"], rows=[("Kick-off", [1])])
    with pytest.raises(ValueError):
        bar_chart(title="t", rows=[("Breda", -1)], chart_id="x")


# --- Colours ---------------------------------------------------------------------------------
def test_every_series_colour_stands_out_against_white_and_from_the_others():
    assert len(charts.PALETTE) >= 8  # a circle has at most 8 municipalities
    for colour in charts.PALETTE:
        assert contrast(colour, "#ffffff") >= 3  # WCAG 1.4.11, graphics
        assert contrast(colour, "#ffffff") >= 4.5  # the white numbers drawn on segments
    for one, other in itertools.combinations(charts.PALETTE, 2):
        assert math.dist(lab(one), lab(other)) >= 20  # clearly different colours
    for one, other in itertools.pairwise(charts.PALETTE):
        assert math.dist(lab(one), lab(other)) >= 50  # neighbouring segments differ more
    # The charts draw with these colours and the theme's text colour.
    root = parse(stacked().svg)
    assert {rect.get("fill") for rect in drawn(root)} == set(charts.PALETTE[: len(GEMEENTEN)])
    assert {t.get("fill") for t in root.iter(f"{NS}text") if t.get("fill") != "#ffffff"} == {
        "#001a40"
    }
    assert contrast("#001a40", "#ffffff") >= 4.5
