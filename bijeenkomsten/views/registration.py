"""Registering for a meeting and cancelling a registration."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..forms import AanmeldingForm
from ..models import Aanmelding
from ..selectors import waitlist as waitlist_selectors
from ..services import registration
from .common import BijeenkomstMixin
from .detail import bijeenkomst_page_context


class AanmeldingCreateView(
    DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, FormView
):
    """Registering, posted from the meeting page. A mistake in the form shows the meeting page
    again with the form's errors; a refusal (full, closed, already registered) is a message
    on the meeting page, as is the outcome."""

    template_name = "bijeenkomsten/bijeenkomst_detail.html"
    form_class = AanmeldingForm
    permission_required = "bijeenkomsten.register"
    http_method_names = ["post"]
    domain_error_on_form = False

    def get_error_url(self) -> str:
        return reverse("bijeenkomsten:bijeenkomst-detail", args=[self.kwargs["pk"]])

    def get_context_data(self, **kwargs):
        page = bijeenkomst_page_context(
            user=self.request.user, bijeenkomst=self.get_bijeenkomst(), form=kwargs.pop("form")
        )
        return super().get_context_data(**page, **kwargs)

    def form_valid(self, form):
        aanmelding = registration.aanmelding_create(
            bijeenkomst_id=self.kwargs["pk"], deelnemer=self.request.user, **form.cleaned_data
        )
        if aanmelding.status == Aanmelding.Status.REGISTERED:
            messages.success(
                self.request,
                _(
                    "Je bent aangemeld. Je krijgt een bevestiging per e-mail, met de "
                    "afspraak voor je agenda."
                ),
            )
        else:
            messages.info(
                self.request,
                _(
                    "De bijeenkomst is vol. Je staat op de wachtlijst op plaats %(n)s. Komt "
                    "er een plek vrij, dan krijg je die automatisch en mailen we je."
                )
                % {"n": waitlist_selectors.waitlist_position(aanmelding)},
            )
        return HttpResponseRedirect(self.get_error_url())


class AanmeldingCancelView(DomainErrorMixin, LoginRequiredMixin, View):
    http_method_names = ["post"]

    def get_error_url(self) -> str:
        return reverse("bijeenkomsten:bijeenkomst-detail", args=[self.aanmelding.bijeenkomst_id])

    def post(self, request, pk):
        self.aanmelding = get_object_or_404(Aanmelding, pk=pk, deelnemer=request.user)
        registration.aanmelding_cancel(aanmelding_id=self.aanmelding.pk, deelnemer=request.user)
        messages.success(
            request, _("Je bent afgemeld. Je plek gaat naar de eerste op de wachtlijst.")
        )
        return HttpResponseRedirect(self.get_error_url())
