"""The page's building blocks: alert, button link, summary list, card and table frame.

Each block is written once, as a template under templates/components/, so that a change to
its markup (the visual design of issue 12, an accessibility fix) lands in one place instead of
in every page that shows one. They are block tags rather than includes because their content
usually holds translated text with variables, links or forms, and a block keeps that text at
the call site, where makemessages finds it:

    {% load components %}
    {% alert "warning" role="status" %}{% translate "Gaat niet door." %}{% endalert %}
    {% url "profile-export" as export_url %}
    {% button_link export_url variant="secondary" download=True %}...{% endbutton_link %}
    {% summary_list %}
      {% summary_item _("Soort") %}{{ bijeenkomst.get_kind_display }}{% endsummary_item %}
    {% endsummary_list %}
    {% card heading=_("PDF") id="pdf-kop" %}...{% endcard %}
    {% table_scroll labelledby="tabel-kop" %}<table>...</table>{% endtable_scroll %}

Labels and headings are arguments: `_("...")` there is found by makemessages like
`{% translate %}`, and `{% blocktranslate ... asvar heading %}` or `{% fragment as heading %}`
give one with variables or markup.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALERT_KINDS = ("info", "ok", "warning", "error")
ALERT_ROLES = (None, "status", "alert")
BUTTON_VARIANTS = ("primary", "secondary")

# Django's message levels and allauth's alert levels, in the words of the alert component.
_LEVEL_TO_KIND = {"error": "error", "warning": "warning", "success": "ok"}


def _render(context, name: str, values: dict) -> str:
    """Render a component template with only its own values, the way inclusion tags do, so a
    component never depends on what happens to be in the page's context."""
    component = context.render_context.get(name)
    if component is None:
        component = context.template.engine.get_template(f"components/{name}.html")
        context.render_context[name] = component
    # strip() drops the newline after the template's comment; it would also drop the
    # safe mark, hence mark_safe: the text was escaped while rendering.
    return mark_safe(component.render(context.new(values)).strip())  # noqa: S308


def _check(value, allowed, what: str):
    if value not in allowed:
        raise template.TemplateSyntaxError(f"{what} must be one of {allowed}, not {value!r}")


@register.filter
def alert_kind(level: str) -> str:
    """The alert kind for a message level ("success" is "ok"; debug and info are "info")."""
    return _LEVEL_TO_KIND.get(level, "info")


@register.simple_block_tag(takes_context=True)
def alert(
    context,
    content,
    kind="info",
    role=None,
    heading=None,
    blocks=False,
    id=None,
    extra_class=None,
    focusable=False,
):
    """An NL Design System alert.

    The content is one message (a paragraph) unless `blocks` is true or a `heading` is given:
    then it may hold paragraphs, lists and forms. `role` is "status" for news the page gives
    by itself, "alert" for errors that need attention now, and none inside a region that
    already has a role. `focusable` lets a script move the focus to it (the error summary).
    """
    _check(kind, ALERT_KINDS, "alert kind")
    _check(role, ALERT_ROLES, "alert role")
    return _render(
        context,
        "alert",
        {
            "kind": kind,
            "role": role,
            "heading": heading,
            "blocks": blocks or heading is not None,
            "id": id,
            "extra_class": extra_class,
            "focusable": focusable,
            "content": content,
        },
    )


@register.simple_block_tag(takes_context=True)
def button_link(context, content, href, variant="primary", download=False, id=None):
    """A link that looks like a button: for going somewhere (or downloading), not for doing
    something; a form with a button does that."""
    _check(variant, BUTTON_VARIANTS, "button link variant")
    return _render(
        context,
        "button_link",
        {"href": href, "variant": variant, "download": download, "id": id, "content": content},
    )


@register.simple_block_tag(takes_context=True)
def summary_list(context, content):
    """Label and value pairs about one thing; the pairs are summary_item tags."""
    return _render(context, "summary_list", {"content": content})


@register.simple_block_tag(takes_context=True)
def summary_item(context, content, label):
    """One label and its value, inside a summary_list."""
    return _render(context, "summary_item", {"label": label, "content": content})


@register.simple_block_tag(takes_context=True)
def card(context, content, heading=None, id=None, key=None, level=2):
    """A framed block of the page. With a heading it is a section named by that heading
    (when it has an `id`, written "<id>-<key>" when a key is given); without one it is a plain
    frame, such as one form of a formset."""
    heading_id = f"{id}-{key}" if id and key is not None else id
    return _render(
        context,
        "card",
        {"heading": heading, "heading_id": heading_id, "level": level, "content": content},
    )


@register.simple_block_tag(takes_context=True)
def table_scroll(context, content, labelledby, key=None):
    """The frame around every data table: a wide table scrolls sideways inside it instead of
    the page (WCAG 1.4.10 reflow). A keyboard user must be able to scroll it, so it is focusable,
    and a focusable region needs a name: `labelledby` is the id of the table's caption (written
    "<labelledby>-<key>" when a key is given, for a table in a loop)."""
    if key is not None:
        labelledby = f"{labelledby}-{key}"
    return _render(context, "table_scroll", {"labelledby": labelledby, "content": content})


@register.simple_block_tag
def fragment(content):
    """Keep a piece of markup for a component argument: `{% fragment as heading %}<time
    ...>...</time>{% endfragment %}`, for a heading that holds more than text."""
    return content
