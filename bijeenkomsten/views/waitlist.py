"""The waiting list of a meeting for its researchers, and giving one person a seat by hand."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..selectors import waitlist as waitlist_selectors
from ..services import waitlist
from .common import BijeenkomstMixin, posted_id


class WaitlistView(BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView):
    """Who waits, in order, each with a button that says what giving them a seat does."""

    template_name = "bijeenkomsten/wachtlijst.html"
    permission_required = "bijeenkomsten.manage"
    light = True

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            seats=waitlist_selectors.seats(bijeenkomst),
            wachtenden=waitlist_selectors.waitlist(bijeenkomst),
            **kwargs,
        )


class WaitlistPromoteView(DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, View):
    """Give one person on the waiting list a seat, also beyond the capacity."""

    permission_required = "bijeenkomsten.manage"
    http_method_names = ["post"]
    light = True

    def get_error_url(self) -> str:
        return reverse("bijeenkomsten:wachtlijst", args=[self.kwargs["pk"]])

    def post(self, request, pk):
        aanmelding = waitlist.waitlist_promote_one(
            bijeenkomst_id=self.get_bijeenkomst().pk,
            aanmelding_id=posted_id(request, "aanmelding"),
            actor=request.user,
        )
        messages.success(
            request,
            _("%(name)s heeft een plaats en krijgt een e-mail met de afspraak.")
            % {"name": aanmelding.deelnemer.display_name},
        )
        return HttpResponseRedirect(self.get_error_url())
