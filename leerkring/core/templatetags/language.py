from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code: str) -> str:
    """This page's URL in another language. Computed while rendering, where the active
    language matches the path: set_language cannot map /en/... back to the unprefixed
    Dutch URL itself, because it resolves the path in the default language."""
    request = context["request"]
    return translate_url(request.get_full_path(), language_code)
