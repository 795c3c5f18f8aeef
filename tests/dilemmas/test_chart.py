import re
import xml.etree.ElementTree as ET

from leerkring.core.charts import bar_chart


def test_the_chart_is_valid_svg_whose_bars_match_the_table(client, circle, make_casus):
    make_casus(rollen=("faciliteren", "verbinder"), waarden=("deliberatie",))
    make_casus(rollen=("verbinder",), waarden=("deliberatie", "verantwoording"))
    make_casus(rollen=("sturen",), waarden=(), publish=False)  # drafts are not counted
    html = client.get(f"/dilemmas/{circle.leerkring.slug}/bemiddelen/").text
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 2
    tables = re.findall(r"<tbody.*?</tbody>", html, re.S)
    for svg, table in zip(svgs, tables[-2:], strict=True):
        root = ET.fromstring(svg)  # raises if the SVG is not well-formed XML
        ns = "{http://www.w3.org/2000/svg}"
        bars = [int(rect.get("data-value")) for rect in root.iter(f"{ns}rect")]
        labels = [t.text for t in root.iter(f"{ns}text")][::2]
        rows = re.findall(r'scope="row">([^<]+)</th><td[^>]*>(\d+)</td>', table)
        assert [(label, value) for label, value in zip(labels, bars, strict=True)] == [
            (name, int(n)) for name, n in rows
        ]
    roles = dict(re.findall(r'scope="row">([^<]+)</th><td[^>]*>(\d+)</td>', tables[-2]))
    assert (roles["verbinder"], roles["faciliteren"], roles["sturen"]) == ("2", "1", "0")
    values = dict(re.findall(r'scope="row">([^<]+)</th><td[^>]*>(\d+)</td>', tables[-1]))
    assert values == {"gelijkheid en inclusie": "0", "verantwoording": "1", "deliberatie": "2"}


def test_labels_are_escaped_in_the_svg():
    chart = bar_chart(title="<b>t</b>", rows=[("<script>", 1), ("a & b", 0)], chart_id="x")
    root = ET.fromstring(chart.svg)
    assert "<script>" not in chart.svg and "&lt;script&gt;" in chart.svg
    assert root.get("role") == "img"
