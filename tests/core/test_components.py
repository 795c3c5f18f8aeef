"""The page components (leerkring/core/templatetags/components.py) give the markup that
people and assistive technology depend on, and no page writes its own copy of one again."""

import re

import pytest
from django.template import TemplateSyntaxError, engines

from tests.conftest import ROOT


def render(source: str, **context) -> str:
    template = engines["django"].from_string("{% load i18n components %}" + source)
    return template.render(context)


def test_alert_is_one_message_with_its_kind_and_role():
    html = render(
        '{% alert "warning" role="status" %}Gaat niet door: {{ name }}{% endalert %}',
        name="<b>Utrecht</b>",
    )
    assert html == (
        '<div class="utrecht-alert utrecht-alert--warning" role="status">'
        '<div class="utrecht-alert__content"><p class="utrecht-alert__message utrecht-paragraph">'
        "Gaat niet door: &lt;b&gt;Utrecht&lt;/b&gt;</p></div></div>"
    )


def test_alert_without_role_has_no_role_attribute():
    html = render('{% alert "info" %}Concept{% endalert %}')
    assert 'class="utrecht-alert utrecht-alert--info"' in html
    assert "role=" not in html


def test_alert_with_blocks_holds_paragraphs_and_forms():
    html = render(
        '{% alert "error" blocks=True %}<p class="utrecht-paragraph">Mislukt</p>'
        '<form method="post"><button type="submit">Opnieuw</button></form>{% endalert %}'
    )
    assert html == (
        '<div class="utrecht-alert utrecht-alert--error"><div class="utrecht-alert__content">'
        '<div class="utrecht-alert__message"><p class="utrecht-paragraph">Mislukt</p>'
        '<form method="post"><button type="submit">Opnieuw</button></form></div></div></div>'
    )


def test_error_summary_alert_has_heading_focus_target_and_role_alert():
    html = render(
        '{% alert "error" role="alert" heading=_("Controleer wat je hebt ingevuld") '
        'id="foutmeldingen" extra_class="leerkring-error-summary" focusable=True %}'
        '<ul class="utrecht-unordered-list"><li>Naam: verplicht</li></ul>{% endalert %}'
    )
    assert html.startswith(
        '<div class="utrecht-alert utrecht-alert--error leerkring-error-summary" role="alert" '
        'tabindex="-1" id="foutmeldingen">'
    )
    assert (
        '<div class="utrecht-alert__message"><h2 class="utrecht-heading-2">'
        "Controleer wat je hebt ingevuld</h2><ul" in html
    )


@pytest.mark.parametrize(
    ("level", "kind"),
    [
        ("success", "ok"),
        ("error", "error"),
        ("warning", "warning"),
        ("info", "info"),
        ("debug", "info"),
    ],
)
def test_message_levels_map_to_alert_kinds(level, kind):
    assert render("{% alert level|alert_kind %}x{% endalert %}", level=level).startswith(
        f'<div class="utrecht-alert utrecht-alert--{kind}">'
    )


@pytest.mark.parametrize(
    "source",
    [
        '{% alert "danger" %}x{% endalert %}',
        '{% alert "info" role="dialog" %}x{% endalert %}',
        '{% button_link "/" variant="tertiary" %}x{% endbutton_link %}',
    ],
)
def test_a_mistyped_variant_fails_loudly(source):
    with pytest.raises(TemplateSyntaxError):
        render(source)


def test_button_link_is_a_link_styled_as_a_primary_button():
    html = render("{% button_link href %}Nieuwe casus{% endbutton_link %}", href="/casus?a=1&b=2")
    assert html == (
        '<a class="utrecht-button-link utrecht-button-link--html-a '
        'utrecht-button-link--primary-action" href="/casus?a=1&amp;b=2">Nieuwe casus</a>'
    )


def test_secondary_download_button_link():
    html = render(
        '{% button_link "/export" variant="secondary" download=True id="x" %}'
        "Mijn gegevens downloaden{% endbutton_link %}"
    )
    assert html == (
        '<a class="utrecht-button-link utrecht-button-link--html-a '
        'utrecht-button-link--secondary-action" href="/export" id="x" download>'
        "Mijn gegevens downloaden</a>"
    )


def test_summary_list_pairs_labels_and_values():
    html = render(
        '{% summary_list %}{% summary_item _("Soort") %}{{ kind }}{% endsummary_item %}'
        "{% summary_item label %}<time>1 mei</time>{% endsummary_item %}{% endsummary_list %}",
        kind="<i>kick-off</i>",
        label="Wanneer",
    )
    assert html == (
        '<dl class="leerkring-facts"><dt>Soort</dt><dd>&lt;i&gt;kick-off&lt;/i&gt;</dd>'
        "<dt>Wanneer</dt><dd><time>1 mei</time></dd></dl>"
    )


def test_card_is_a_section_named_by_its_heading():
    html = render(
        '{% card heading=title id="leerkring" key=7 %}<p>Inhoud</p>{% endcard %}',
        title="Leerkring <Noord>",
    )
    assert html == (
        '<section class="leerkring-card" aria-labelledby="leerkring-7">'
        '<h2 class="utrecht-heading-2" id="leerkring-7">Leerkring &lt;Noord&gt;</h2>'
        "<p>Inhoud</p></section>"
    )


def test_card_heading_level_and_markup_from_a_fragment():
    html = render(
        '{% fragment as heading %}<time datetime="2026">1 mei</time> · {{ who }}{% endfragment %}'
        '{% card heading=heading id="versie" level=3 %}x{% endcard %}',
        who="<Ans>",
    )
    assert html == (
        '<section class="leerkring-card" aria-labelledby="versie">'
        '<h3 class="utrecht-heading-3" id="versie"><time datetime="2026">1 mei</time> · '
        "&lt;Ans&gt;</h3>x</section>"
    )


def test_card_without_heading_is_a_plain_frame():
    assert render("{% card %}<p>Formulier</p>{% endcard %}") == (
        '<div class="leerkring-card"><p>Formulier</p></div>'
    )


# Markup that only the component templates may write. E-mail and PDF templates have their own
# markup; none of them writes one of these today, so nothing is allowed beyond the components.
INLINE_COPIES = {
    "alert": re.compile(r'class="utrecht-alert[ "]'),
    "button link": re.compile(r'class="utrecht-button-link[ "]'),
    "summary list": re.compile(r'class="leerkring-facts[ "]'),
    "card": re.compile(r'class="leerkring-card[ "]'),
}
ALLOWED: set[str] = set()  # paths relative to ROOT, e.g. "templates/pdf/base.html"
COMPONENTS = ROOT / "templates" / "components"


def _templates():
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            if COMPONENTS not in path.parents:
                yield path


def test_the_scan_sees_the_templates():
    names = {path.relative_to(ROOT).as_posix() for path in _templates()}
    assert "templates/base.html" in names
    assert "bijeenkomsten/templates/bijeenkomsten/bijeenkomst_detail.html" in names
    assert "templates/allauth/elements/alert.html" in names


@pytest.mark.parametrize("kind", INLINE_COPIES)
def test_no_template_writes_its_own_copy_of_a_component(kind):
    copies = [
        path.relative_to(ROOT).as_posix()
        for path in _templates()
        if path.relative_to(ROOT).as_posix() not in ALLOWED
        and INLINE_COPIES[kind].search(path.read_text())
    ]
    assert copies == [], f"use the {kind} component from templates/components/"


def test_templates_compare_statuses_through_their_choices():
    spelled = re.compile(r"""status\s*(==|!=)\s*["']""")
    found = [
        f"{path.relative_to(ROOT).as_posix()}: {match.group(0)}"
        for path in _templates()
        for match in spelled.finditer(path.read_text())
    ]
    assert found == [], "compare with the model's TextChoices, e.g. aanmelding.Status.WAITLIST"


def test_table_scroll_is_a_named_focusable_region_around_the_table():
    html = render(
        '{% table_scroll labelledby="tabel-gemeenten" key=7 %}<table><caption '
        'id="tabel-gemeenten-7">Per gemeente</caption></table>{% endtable_scroll %}'
    )
    assert html == (
        '<div class="utrecht-table-container leerkring-table-scroll" role="region" '
        'aria-labelledby="tabel-gemeenten-7" tabindex="0"><table><caption '
        'id="tabel-gemeenten-7">Per gemeente</caption></table></div>'
    )
