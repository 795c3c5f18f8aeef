from django import template

from leerkring.core.markdown import render_markdown
from leerkring.core.search import highlight

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, top=2):
    """Render stored Markdown safely (see leerkring/core/markdown.py); `|markdown:3` for a
    text inside a section that has its own h2."""
    return render_markdown(text, top=int(top))


@register.filter
def snippet(text):
    """A search snippet from ts_headline (leerkring/core/search.py): everything escaped, only
    the hits in <mark>."""
    return highlight(text)
