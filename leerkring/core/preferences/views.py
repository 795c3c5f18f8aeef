from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.generic import FormView

from . import language_store, preferences_update
from .forms import PreferencesForm


def language_cookie(response, language: str) -> None:
    """Django's own language cookie, as its set_language view writes it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class PreferencesView(LoginRequiredMixin, FormView):
    """My settings: reminders, e-mail about news for me, the weekly digest and my language.
    Choosing another language shows this page again at once in that language."""

    template_name = "leerkring/preferences.html"
    form_class = PreferencesForm

    def get_initial(self):
        return PreferencesForm.initial_for(self.request.user)

    def form_valid(self, form):
        user = preferences_update(user=self.request.user, **form.cleaned_data)
        url = translate_url(reverse("account-preferences"), user.language)
        with translation.override(user.language):
            messages.success(self.request, _("Je instellingen zijn opgeslagen."))
        response = HttpResponseRedirect(url)
        language_cookie(response, user.language)
        return response


def set_language(request):
    """The header's language switch: Django's set_language (cookie, and back to the same page
    in the other language), and for a logged-in person their stored language as well, so that
    their e-mails and their next log-in follow the switch."""
    response = i18n.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        language_store(user=request.user, language=request.POST.get("language", ""))
    return response
