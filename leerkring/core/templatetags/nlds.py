"""Render Django form widgets with NL Design System (Utrecht) classes, and link each field
to its description and error message for screen readers."""

import copy

from django import template

register = template.Library()

_WIDGET_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


@register.simple_tag
def nlds_widget(bound_field):
    widget_type = bound_field.widget_type
    css = [_WIDGET_CLASSES.get(widget_type, _TEXTBOX)]
    attrs = {}
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        css.append(css[0].split(" ")[0] + "--invalid")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    widget = copy.copy(bound_field.field.widget)
    # A placeholder that repeats the label is noise for screen readers and vanishes on typing.
    widget.attrs = {k: v for k, v in widget.attrs.items() if k != "placeholder"}
    existing = widget.attrs.get("class")
    attrs["class"] = " ".join([*css, existing] if existing else css)
    return bound_field.as_widget(widget=widget, attrs=attrs)


@register.filter
def is_checkbox(bound_field) -> bool:
    return bound_field.widget_type == "checkbox"


@register.filter
def is_choice_group(bound_field) -> bool:
    """Checkbox groups and radio buttons: rendered as a fieldset with a legend."""
    return bound_field.widget_type in ("checkboxselectmultiple", "radioselect")


@register.simple_tag
def nlds_option(bound_field, subwidget):
    """One checkbox or radio button of a group, with its NL Design System class."""
    kind = "radio-button" if bound_field.widget_type == "radioselect" else "checkbox"
    attrs = dict(subwidget.data["attrs"])
    attrs["class"] = f"utrecht-{kind} utrecht-{kind}--html-input"
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{bound_field.auto_id}_error"
    subwidget.data["attrs"] = attrs
    return subwidget.tag()
