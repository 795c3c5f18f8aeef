from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.translation import get_language_from_path


class UserLanguageMiddleware:
    """A logged-in person who chose a language other than Dutch sees the site in it also when
    they open a page at its Dutch address, e.g. from a link in an e-mail or a bookmark: a GET
    for a page without a language prefix is sent on to the same page in their language. Dutch
    lives at the plain addresses (D2), so Dutch speakers are never redirected, and someone who
    switches back to Dutch in the header stores Dutch and stays there. After this, the URL
    decides the language as before; htmx fragments and other methods are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.method == "GET"
            and "HX-Request" not in request.headers
            and user is not None
            and user.is_authenticated
            and user.language != settings.LANGUAGE_CODE
            and user.language in dict(settings.LANGUAGES)
            and get_language_from_path(request.path_info) is None
        ):
            here = request.get_full_path()
            there = translate_url(here, user.language)
            if there != here:
                return HttpResponseRedirect(there)
        return self.get_response(request)
