import nh3
from django import template
from django.utils.safestring import mark_safe

from leerkring.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render stored Markdown safely (see leerkring/core/markdown.py)."""
    return render_markdown(text)


@register.filter
def snippet(text):
    """A search snippet: raw user text with <mark> around the hits. Only <mark> survives."""
    return mark_safe(nh3.clean(text or "", tags={"mark"}, attributes={}))  # noqa: S308
