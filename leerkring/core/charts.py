"""Charts as SVG drawn on the server, so the same picture works on a page, in a PDF and
without JavaScript. Every chart comes with the numbers as a table (its text alternative):
render a chart with `{% include "includes/chart.html" with chart=... %}`.

The SVG is standalone and uses presentation attributes only (no classes, styles, scripts or
external references), so WeasyPrint draws it as a browser does. Every drawn number carries
`data-value` (series charts also `data-row` and `data-series`, with the full labels), so tests
can read the numbers back. Labels are user data: they are escaped, and shortened with an
ellipsis when they do not fit; the table keeps the full text."""

import re
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape as _escape

from django.utils.translation import gettext as _

WIDTH = 640
BAR_HEIGHT = 28
GAP = 10
LABEL_WIDTH = 210
VALUE_WIDTH = 48
FONT = "sans-serif"
FONT_SIZE = 15
SMALL = 13
COLOUR = "#1d0857"  # the theme's accent; contrast 17:1 on white
TEXT = "#001a40"
WHITE = "#ffffff"
GRID = "#5c6b80"  # cell borders; 5.4:1 on white

# Series colours, each at least 4.5:1 against white (so white numbers on them are readable
# and the bars themselves pass the 3:1 of WCAG 1.4.11), neighbours far apart in hue and
# lightness. Segments are separated by a white line, which also has 4.5:1 against each.
PALETTE = (
    "#1d0857",  # indigo (the accent)
    "#c75000",  # orange
    "#0b7a75",  # teal
    "#b8206f",  # magenta
    "#2e6fd1",  # blue
    "#7d6a00",  # ochre
    "#6e2c8c",  # purple
    "#b42318",  # red
    "#3d7a1e",  # green
    "#5c6b80",  # slate
)

# The heat map's shades, from "a few" to "the most": the accent mixed with white. Zero is
# white. The number in a cell is drawn in whichever of TEXT and white contrasts most; the
# shares are chosen so that is always at least 4.5:1.
HEAT_SHARES = (0.12, 0.28, 0.45, 0.68, 1.0)

# XML 1.0 forbids these characters even when escaped; they are dropped from labels.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NARROW = set("fijlrtI1.,:;'!|() ")
_WIDE = set("mwMW@%")


def _text(value) -> str:
    return _escape(_FORBIDDEN.sub("", str(value)))


def _attr(value) -> str:
    return _escape(_FORBIDDEN.sub("", str(value)), {'"': "&quot;", "\n": "&#10;"})


def text_width(text: str, size: float) -> float:
    """A generous estimate of the drawn width of a text (DejaVu Sans is a wide font)."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 0.34
        elif char in _WIDE or char.isupper():
            width += 0.78
        else:
            width += 0.62
    return width * size


def shorten(text: str, width: float, size: float) -> str:
    """The text, cut and ended with an ellipsis when it is wider than `width`."""
    text = " ".join(str(text).split())
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip(" ,.;:-") + "…"


def mix(colour: str, share: float, base: str = WHITE) -> str:
    """`colour` laid over `base` with opacity `share`, as a solid colour."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(base[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(y + share * (x - y)):02x}" for x, y in zip(a, b, strict=True))


def luminance(colour: str) -> float:
    """The WCAG relative luminance of an #rrggbb colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on(fill: str) -> str:
    """The text colour (TEXT or white) that contrasts most with `fill`."""
    return TEXT if contrast(TEXT, fill) >= contrast(WHITE, fill) else WHITE


def series_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def heat_levels() -> list[tuple[str, str]]:
    """(fill, text colour) per shade, the first for zero."""
    fills = [WHITE, *(mix(COLOUR, share) for share in HEAT_SHARES)]
    return [(fill, readable_on(fill)) for fill in fills]


@dataclass(frozen=True)
class Chart:
    """One number per row: drawn as bars, told as a two-column table."""

    svg: str
    rows: list[tuple[str, int]]
    title: str
    label_header: str = ""  # the table's first column header, e.g. "Gemeente"
    value_header: str = ""  # the table's number column header, e.g. "Downloads"

    is_series = False

    @property
    def is_empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class SeriesChart:
    """Several numbers per row, one per series: drawn stacked or as a grid, told as a table
    with one column per series and a total."""

    svg: str
    title: str
    label_header: str  # the header of the row labels, e.g. "Bijeenkomst"
    series: list[str]  # column names, e.g. municipalities or roles
    rows: list[tuple[str, list[int]]]  # (row label, one count per series, same order)

    is_series = True

    @property
    def is_empty(self) -> bool:
        return not self.rows or not self.series

    @property
    def totals(self) -> list[int]:
        return [sum(values) for _label, values in self.rows]

    @property
    def table_rows(self) -> list[tuple[str, list[int], int]]:
        """(label, counts, total) per row, for the table."""
        return [(label, values, sum(values)) for label, values in self.rows]


def _open(*, chart_id: str, title: str, width: float, height: float, labelledby: str = "") -> str:
    ids = f"{chart_id}-title" + (f" {labelledby}" if labelledby else "")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="leerkring-chart" role="img" '
        f'viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}" '
        f'aria-labelledby="{_attr(ids)}">'
        f'<title id="{_attr(chart_id)}-title">{_text(title)}</title>'
    )


def _words(x: float, y: float, text: str, *, size: int, anchor: str, fill: str = TEXT, more=""):
    return (
        f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" dominant-baseline="middle" '
        f'font-family="{FONT}" font-size="{size}" fill="{fill}"{more}>{_text(text)}</text>'
    )


def _tooltip(full: str, shown: str) -> str:
    """The full label as a tooltip when the drawn one is shortened."""
    return f"<title>{_text(full)}</title>" if full != shown else ""


def _empty(*, chart_id: str, title: str) -> str:
    height = 2 * BAR_HEIGHT + GAP
    return (
        _open(
            chart_id=chart_id,
            title=title,
            width=WIDTH,
            height=height,
            labelledby=f"{chart_id}-leeg",
        )
        + _words(
            WIDTH / 2,
            height / 2,
            _("Nog geen gegevens"),
            size=FONT_SIZE,
            anchor="middle",
            more=f' id="{_attr(chart_id)}-leeg"',
        )
        + "</svg>"
    )


def _check(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"A chart draws counts (whole numbers of 0 or more), not {value!r}")
    return value


def bar_chart(
    *,
    title: str,
    rows: list[tuple[str, int]],
    chart_id: str,
    label_header: str = "",
    value_header: str = "",
) -> Chart:
    """A horizontal bar chart: one bar per (label, count)."""
    rows = [(str(label), _check(value)) for label, value in rows]
    chart = Chart(
        svg="",
        rows=rows,
        title=str(title),
        label_header=str(label_header),
        value_header=str(value_header),
    )
    if not rows:
        return replace(chart, svg=_empty(chart_id=chart_id, title=title))
    largest = max(value for _, value in rows) or 1
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = [_open(chart_id=chart_id, title=title, width=WIDTH, height=height)]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(bar_space * value / largest)
        middle = y + BAR_HEIGHT / 2
        shown = shorten(label, LABEL_WIDTH - 12, FONT_SIZE)
        parts.append(f"<g>{_tooltip(label, shown)}")
        parts.append(_words(LABEL_WIDTH - 8, middle, shown, size=FONT_SIZE, anchor="end"))
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{COLOUR}" data-value="{value}"/>'
        )
        parts.append(
            _words(LABEL_WIDTH + width + 6, middle, str(value), size=FONT_SIZE, anchor="start")
        )
        parts.append("</g>")
    parts.append("</svg>")
    return replace(chart, svg="".join(parts))


def _series_input(series, rows) -> tuple[list[str], list[tuple[str, list[int]]]]:
    series = [str(name) for name in series]
    checked = []
    for label, values in rows:
        values = [_check(value) for value in values]
        if len(values) != len(series):
            raise ValueError(f"Row {label!r} has {len(values)} counts for {len(series)} series")
        checked.append((str(label), values))
    return series, checked


def _legend(series: list[str], *, top: float) -> tuple[list[str], float]:
    """Each series' colour beside its name, wrapped over as many lines as needed.
    Returns the parts and the height used."""
    swatch, line, spacing = 14, 22, 20
    parts, x, y = [], 0.0, top
    for index, name in enumerate(series):
        shown = shorten(name, 220, SMALL)
        width = swatch + 6 + text_width(shown, SMALL)
        if x and x + width > WIDTH:
            x, y = 0.0, y + line
        parts.append(
            f"<g>{_tooltip(name, shown)}"
            f'<rect x="{x:g}" y="{y + (line - swatch) / 2:g}" width="{swatch}" height="{swatch}" '
            f'fill="{series_colour(index)}"/>'
            + _words(x + swatch + 6, y + line / 2, shown, size=SMALL, anchor="start")
            + "</g>"
        )
        x += width + spacing
    return parts, (y - top) + line


def stacked_bar_chart(
    *,
    title: str,
    label_header: str,
    series: list[str],
    rows: list[tuple[str, list[int]]],
    chart_id: str,
) -> SeriesChart:
    """One horizontal bar per row (in the order given), made of one segment per series, with
    a legend above and the row's total after the bar."""
    series, rows = _series_input(series, rows)
    chart = SeriesChart(
        svg="", title=str(title), label_header=str(label_header), series=series, rows=rows
    )
    if chart.is_empty:
        return replace(chart, svg=_empty(chart_id=chart_id, title=title))
    legend, legend_height = _legend(series, top=0)
    top = legend_height + GAP
    largest = max(chart.totals) or 1
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = top + len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = [_open(chart_id=chart_id, title=title, width=WIDTH, height=height), *legend]
    for index, (label, values) in enumerate(rows):
        y = top + GAP + index * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2
        shown = shorten(label, LABEL_WIDTH - 12, FONT_SIZE)
        parts.append(f"<g>{_tooltip(label, shown)}")
        parts.append(_words(LABEL_WIDTH - 8, middle, shown, size=FONT_SIZE, anchor="end"))
        # Positions from the running sum, so rounding never adds up past the total.
        running, start = 0, LABEL_WIDTH
        for number, (name, value) in enumerate(zip(series, values, strict=True)):
            running += value
            end = LABEL_WIDTH + round(bar_space * running / largest)
            width = end - start
            separator = f' stroke="{WHITE}" stroke-width="1"' if width else ""
            parts.append(
                f'<rect x="{start}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
                f'fill="{series_colour(number)}"{separator} data-value="{value}" '
                f'data-series="{_attr(name)}" data-row="{_attr(label)}"/>'
            )
            if value and text_width(str(value), SMALL) + 8 <= width:
                parts.append(
                    _words(
                        start + width / 2,
                        middle,
                        str(value),
                        size=SMALL,
                        anchor="middle",
                        fill=WHITE,
                    )
                )
            start = end
        parts.append(
            _words(
                start + 6,
                middle,
                str(sum(values)),
                size=FONT_SIZE,
                anchor="start",
                more=f' data-total="{sum(values)}"',
            )
        )
        parts.append("</g>")
    parts.append("</svg>")
    return replace(chart, svg="".join(parts))


def heatmap_chart(
    *,
    title: str,
    label_header: str,
    series: list[str],
    rows: list[tuple[str, list[int]]],
    chart_id: str,
) -> SeriesChart:
    """A grid of rows × series; each cell shows its count as a number and is shaded darker
    the larger the count is, so it reads without colour as well."""
    series, rows = _series_input(series, rows)
    chart = SeriesChart(
        svg="", title=str(title), label_header=str(label_header), series=series, rows=rows
    )
    if chart.is_empty:
        return replace(chart, svg=_empty(chart_id=chart_id, title=title))
    levels = heat_levels()
    largest = max(max(values) for _label, values in rows) or 1
    cell_height = 30
    cell_width = max(48.0, min(96.0, (WIDTH - LABEL_WIDTH) / len(series)))
    headers = [shorten(name, 150, SMALL) for name in series]
    header_widths = [text_width(shown, SMALL) for shown in headers]
    upright = all(width + 8 <= cell_width for width in header_widths)
    if upright:
        header_height, overhang = 28.0, 0.0
    else:  # slanted at 45°, starting at the bottom middle of their column
        header_height = max(header_widths) * 0.71 + 16
        overhang = max(
            (i + 0.5) * cell_width + w * 0.71 - len(series) * cell_width
            for i, w in enumerate(header_widths)
        )
    grid_width = len(series) * cell_width
    width = round(LABEL_WIDTH + grid_width + max(overhang, 0) + 8)
    height = round(header_height + len(rows) * cell_height + GAP)
    parts = [_open(chart_id=chart_id, title=title, width=width, height=height)]
    for index, (name, shown) in enumerate(zip(series, headers, strict=True)):
        x = LABEL_WIDTH + (index + 0.5) * cell_width
        if upright:
            parts.append(
                f"<g>{_tooltip(name, shown)}"
                + _words(x, header_height / 2, shown, size=SMALL, anchor="middle")
                + "</g>"
            )
        else:
            y = header_height - 8
            parts.append(
                f"<g>{_tooltip(name, shown)}"
                + _words(
                    x,
                    y,
                    shown,
                    size=SMALL,
                    anchor="start",
                    more=f' transform="rotate(-45 {x:g} {y:g})"',
                )
                + "</g>"
            )
    for row, (label, values) in enumerate(rows):
        y = header_height + row * cell_height
        middle = y + cell_height / 2
        shown = shorten(label, LABEL_WIDTH - 12, FONT_SIZE)
        parts.append(f"<g>{_tooltip(label, shown)}")
        parts.append(_words(LABEL_WIDTH - 8, middle, shown, size=FONT_SIZE, anchor="end"))
        for column, (name, value) in enumerate(zip(series, values, strict=True)):
            level = 0 if value == 0 else max(1, -(-value * (len(levels) - 1) // largest))
            fill, ink = levels[level]
            x = LABEL_WIDTH + column * cell_width
            parts.append(
                f'<rect x="{x:g}" y="{y:g}" width="{cell_width:g}" height="{cell_height}" '
                f'fill="{fill}" stroke="{GRID}" stroke-width="1" data-value="{value}" '
                f'data-series="{_attr(name)}" data-row="{_attr(label)}"/>'
            )
            parts.append(
                _words(
                    x + cell_width / 2, middle, str(value), size=SMALL, anchor="middle", fill=ink
                )
            )
        parts.append("</g>")
    parts.append("</svg>")
    return replace(chart, svg="".join(parts))
