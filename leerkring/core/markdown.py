"""Markdown that is safe to show: the raw text is stored, the rendering is sanitised with an
allow-list (nh3). Links only to http, https and mailto; no images, so nothing is fetched from
elsewhere when a page or PDF is opened."""

import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "hr",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str, *, top: int = 2) -> SafeString:
    """`top` is the level of the text's highest heading: 2 on a page that owns its h1, 3 for
    a text that sits inside a section with its own h2 (a report's parts)."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists", "tables"])
    # The page owns its h1: a heading above level `top` becomes level `top` (at most h4).
    html = re.sub(
        r"<(/?)h([1-6])(\s|>)",
        lambda m: f"<{m[1]}h{min(max(int(m[2]), top), 4)}{m[3]}",
        html,
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        clean_content_tags={"script", "style", "svg", "math", "iframe", "object", "embed"},
        link_rel="noopener noreferrer nofollow ugc",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 above
