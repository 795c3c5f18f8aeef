import nh3
from django import template
from django.utils.safestring import mark_safe

from leerkring.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, top=2):
    """Render stored Markdown safely (see leerkring/core/markdown.py); `|markdown:3` for a
    text inside a section that has its own h2."""
    return render_markdown(text, top=int(top))


@register.filter
def snippet(text):
    """A search snippet: raw user text with <mark> around the hits. Only <mark> survives."""
    return mark_safe(nh3.clean(text or "", tags={"mark"}, attributes={}))  # noqa: S308
