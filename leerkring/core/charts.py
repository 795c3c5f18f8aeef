"""Charts as SVG drawn on the server, so the same picture works on a page, in a PDF and
without JavaScript. Every chart comes with the numbers as a table (its text alternative)."""

from dataclasses import dataclass
from xml.sax.saxutils import escape

BAR_HEIGHT = 28
GAP = 10
LABEL_WIDTH = 210
VALUE_WIDTH = 48
WIDTH = 640
COLOUR = "#1d0857"  # the theme's accent; contrast 15:1 on white
TEXT = "#001a40"


@dataclass(frozen=True)
class Chart:
    svg: str
    rows: list[tuple[str, int]]
    title: str


def bar_chart(*, title: str, rows: list[tuple[str, int]], chart_id: str) -> Chart:
    """A horizontal bar chart: one bar per (label, count)."""
    largest = max((value for _, value in rows), default=0) or 1
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="leerkring-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(bar_space * value / largest)
        middle = y + BAR_HEIGHT / 2
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" '
            f'dominant-baseline="middle" font-family="sans-serif" font-size="15" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{COLOUR}" data-value="{value}"/>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6}" y="{middle}" dominant-baseline="middle" '
            f'font-family="sans-serif" font-size="15" fill="{TEXT}">{value}</text>'
        )
    parts.append("</svg>")
    return Chart(svg="".join(parts), rows=rows, title=title)
