"""The text cleaning shared by every form and every output (leerkring/core/text.py,
leerkring/core/forms.py); its use over HTTP is in tests/security/test_hostile_input.py."""

import importlib
import pkgutil

import django_filters
import pytest
from django import forms

from leerkring.core import exports
from leerkring.core.forms import CleanTextMixin
from leerkring.core.text import clean_line, clean_text


@pytest.mark.parametrize(
    ("typed", "line", "text"),
    [
        ("a\r\nb", "a b", "a\nb"),
        ("a\rb\nc", "a b c", "a\nb\nc"),
        ("a\x0bb\x0cc", "a b c", "a\nb\nc"),
        ("a\u2028b\u2029c\x85d", "a b c d", "a\nb\nc\nd"),
        ("a\x00b\x07c\x1bd\x7f", "abcd", "abcd"),
        ("tab\there", "tab here", "tab\there"),
        ("\u202eevil\u202c \u2066x\u2069", "evil x", "evil x"),
        ("zero\u200bwidth\u2060\ufeff", "zerowidth", "zerowidth"),
        # Kept: joiners for emoji and scripts, marks for names in Arabic or Hebrew.
        ("👩\u200d💻 می\u200cخواهم", "👩\u200d💻 می\u200cخواهم", "👩\u200d💻 می\u200cخواهم"),
        ("\u05e9\u05dc\u05d5\u05dd\u200f!", "\u05e9\u05dc\u05d5\u05dd\u200f!", None),
        ("  Zoë ", "Zoë", "  Zoë "),
    ],
)
def test_single_lines_lose_breaks_and_controls_and_texts_keep_their_lines(typed, line, text):
    assert clean_line(typed) == line
    if text is not None:
        assert clean_text(typed) == text


OURS = ("leerkring", "gemeenten", "dilemmas", "bijeenkomsten", "publicaties")


def _import_every_module():
    """Every module of the project's apps except migrations, so that a form defined anywhere
    (not only in a forms.py) is found."""
    for package in OURS:
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            if ".migrations" not in module.name and ".settings." not in module.name:
                importlib.import_module(module.name)


def _subclasses_in_our_apps(base) -> dict[str, type]:
    seen, stack = set(), [base]
    while stack:
        for sub in stack.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return {
        f"{cls.__module__}.{cls.__qualname__}": cls
        for cls in seen
        if cls.__module__.split(".")[0] in OURS and cls.__module__ != "leerkring.core.forms"
    }


def test_every_form_of_every_app_cleans_its_text():
    _import_every_module()
    classes = _subclasses_in_our_apps(forms.BaseForm)
    assert "leerkring.accounts.SignupForm" in classes  # allauth's sign-up, with our name field
    assert "bijeenkomsten.forms.BijeenkomstForm" in classes
    missing = sorted(name for name, cls in classes.items() if not issubclass(cls, CleanTextMixin))
    assert missing == [], "give these forms CleanTextMixin (leerkring/core/forms.py)"


def test_every_filter_form_cleans_its_text():
    _import_every_module()
    filtersets = _subclasses_in_our_apps(django_filters.FilterSet)
    assert "dilemmas.selectors.CasusFilter" in filtersets
    missing = sorted(
        name for name, cls in filtersets.items() if not issubclass(cls._meta.form, CleanTextMixin)
    )
    assert missing == [], "set Meta.form = CleanTextForm (leerkring/core/forms.py)"


def test_csv_cells_lose_control_characters_and_stay_defused():
    assert exports.cell("Naam\x07 met\x00 tab") == "Naam met tab"
    assert exports.cell("Word\x0bregel") == "Word\nregel"  # Word's line break
    assert exports.cell("\x00=1+1") == "'=1+1"
    assert exports.cell("regel\r\nregel") == "regel\nregel"


class _Form(CleanTextMixin, forms.Form):
    title = forms.CharField()
    body = forms.CharField(widget=forms.Textarea)
    password = forms.CharField(widget=forms.PasswordInput, strip=False)
    number = forms.IntegerField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["later"] = forms.CharField(required=False)  # added after the mixin ran


def test_the_mixin_cleans_text_inputs_and_text_areas_but_not_passwords():
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.update(
        {
            "p-title": "Een\r\ntitel\u202e",
            "p-body": "Regel\r\nRegel\x07",
            "p-password": "geheim\x01\n",
            "p-number": "7",
            "p-later": "a\u2028b",
        }
    )
    data._mutable = False  # as a request's data is
    form = _Form(data, prefix="p")
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "title": "Een titel",
        "body": "Regel\nRegel",
        "password": "geheim\x01\n",
        "number": 7,
        "later": "a b",
    }
    assert form["title"].value() == "Een titel"  # shown back cleaned when there is an error


def test_a_required_field_of_only_control_characters_is_empty():
    form = _Form({"title": "\x0b\u200b\r\n", "body": "x", "password": "x"})
    assert not form.is_valid()
    assert "title" in form.errors
