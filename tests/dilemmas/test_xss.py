"""Script in titles, bodies and comments is stored as written and never rendered active."""

from html.parser import HTMLParser

import pytest

from dilemmas import services

CORPUS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "[klik](javascript:window.__xss=3)",
    '<a href="javascript:window.__xss=4">a</a>',
    '<svg onload="window.__xss=5"><circle r=5></svg>',
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    '<b onmouseover="window.__xss=6">hover</b>',
    '<iframe src="javascript:window.__xss=7"></iframe>',
    "<div <img src=x onerror=window.__xss=8>",
    "![plaatje](https://evil.example/track.png)",
    '<a href="JaVaScRiPt:window.__xss=9">x</a>',
    "<style>body{display:none}</style>",
    '"><script>window.__xss=10</script>',
]
PAYLOAD = "\n\n".join(CORPUS)

FORBIDDEN_TAGS = {"script", "img", "svg", "iframe", "style", "object", "embed", "math"}


class _Elements(HTMLParser):
    """Every real element and attribute in a piece of HTML (escaped text is not an element)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def main_html(response) -> str:
    return response.text.split("<main", 1)[1].split("</main>", 1)[0]


def assert_inert(html: str):
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in FORBIDDEN_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction"):
                scheme = (value or "").strip().lower()
                assert not scheme.startswith(("javascript:", "data:", "vbscript:")), (tag, value)


@pytest.fixture
def hostile(circle, make_casus):
    casus = make_casus(title=PAYLOAD[:200], situation=PAYLOAD + "\n\nburger", question=PAYLOAD)
    services.reactie_create(casus=casus, author=circle.other_member, body=PAYLOAD)
    return casus


def test_case_page_renders_the_corpus_inert(client, circle, hostile):
    client.force_login(circle.other_member)
    html = main_html(client.get(f"/dilemmas/casussen/{hostile.pk}/"))
    assert_inert(html)
    assert "window.__xss=1" in html  # shown as text, escaped
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("query", [{}, {"q": "burger"}])
def test_library_and_search_snippets_render_the_corpus_inert(client, circle, hostile, query):
    client.force_login(circle.member)
    html = main_html(client.get("/dilemmas/casussen/", query))
    assert_inert(html)
    if query:
        assert "<mark>burger</mark>" in html


def test_edit_pages_render_the_corpus_inert(client, circle, hostile):
    client.force_login(circle.member)
    assert_inert(main_html(client.get(f"/dilemmas/casussen/{hostile.pk}/bewerken/")))
    client.force_login(circle.other_member)
    reactie = hostile.reacties.get()
    assert_inert(main_html(client.get(f"/dilemmas/reacties/{reactie.pk}/bewerken/")))


def test_the_raw_text_is_stored_as_written(hostile):
    hostile.refresh_from_db()
    assert hostile.situation.startswith("<script>window.__xss=1</script>")


def test_only_safe_links_survive(client, circle, make_casus):
    casus = make_casus(
        situation="[web](https://vng.nl) [mail](mailto:a@b.nl) [rel](/admin/) [ftp](ftp://x.nl)"
    )
    client.force_login(circle.member)
    html = main_html(client.get(f"/dilemmas/casussen/{casus.pk}/"))
    assert 'href="https://vng.nl"' in html and 'href="mailto:a@b.nl"' in html
    assert 'href="/admin/"' not in html and 'href="ftp://x.nl"' not in html
    assert 'rel="noopener noreferrer nofollow ugc"' in html
