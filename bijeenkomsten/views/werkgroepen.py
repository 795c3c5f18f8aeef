"""Work groups: joining one from the meeting page, and the researchers' page
to compose them, with one view per action."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dilemmas.models import Casus
from dilemmas.selectors import casus_visible_to
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..forms import WerkgroepForm
from ..models import Aanmelding, Werkgroep
from ..selectors import registration as registration_selectors
from ..selectors import werkgroepen as werkgroepen_selectors
from ..services import werkgroepen
from .common import BijeenkomstMixin, posted_id


class WerkgroepJoinView(DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, View):
    permission_required = "bijeenkomsten.register"
    http_method_names = ["post"]

    def get_error_url(self) -> str:
        return (
            reverse("bijeenkomsten:bijeenkomst-detail", args=[self.kwargs["pk"]]) + "#werkgroepen"
        )

    def post(self, request, pk):
        mine = registration_selectors.aanmelding_of(
            bijeenkomst=self.get_bijeenkomst(), user=request.user
        )
        werkgroep_id = posted_id(request, "werkgroep")
        if mine is None or not Werkgroep.objects.filter(pk=werkgroep_id).exists():
            messages.error(
                request, _("Kies een werkgroep uit de lijst, nadat je je hebt aangemeld.")
            )
        else:
            aanmelding = werkgroepen.werkgroep_join(aanmelding=mine, werkgroep_id=werkgroep_id)
            messages.success(
                request,
                _("Je zit in de werkgroep %(name)s.") % {"name": aanmelding.werkgroep.title},
            )
        return HttpResponseRedirect(self.get_error_url())


class WerkgroepenView(BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView):
    """Researchers compose the work groups: the page with a form for each action (add a
    group, balance, place someone by hand, link a case); each form posts to its own view."""

    template_name = "bijeenkomsten/werkgroepen.html"
    permission_required = "bijeenkomsten.manage"

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        kwargs.setdefault("form", WerkgroepForm(bijeenkomst=bijeenkomst))
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            aanmeldingen=werkgroepen_selectors.werkgroep_placements(bijeenkomst=bijeenkomst),
            werkgroepen=werkgroepen_selectors.werkgroepen_as_seen(
                user=self.request.user, bijeenkomst=bijeenkomst
            ),
            casussen=casus_visible_to(self.request.user)
            .filter(leerkring=bijeenkomst.leerkring, status=Casus.Status.PUBLISHED)
            .select_related("dilemma")
            .order_by("dilemma__position", "title"),
            **kwargs,
        )


class WerkgroepCreateView(DomainErrorMixin, WerkgroepenView, FormView):
    """Add a work group; a mistake shows the work groups page again with the form's errors."""

    form_class = WerkgroepForm
    http_method_names = ["post"]
    domain_error_field = "dilemma"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bijeenkomst": self.get_bijeenkomst()}

    def form_valid(self, form):
        werkgroepen.werkgroep_create(bijeenkomst=self.get_bijeenkomst(), **form.cleaned_data)
        messages.success(self.request, _("De werkgroep is toegevoegd."))
        return HttpResponseRedirect(reverse("bijeenkomsten:werkgroepen", args=[self.kwargs["pk"]]))


class _WerkgroepActionView(DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, View):
    """One action posted from the work groups page, which the person goes back to."""

    permission_required = "bijeenkomsten.manage"
    http_method_names = ["post"]

    def get_error_url(self) -> str:
        return reverse("bijeenkomsten:werkgroepen", args=[self.kwargs["pk"]])


class WerkgroepBalanceView(_WerkgroepActionView):
    def post(self, request, pk):
        werkgroepen.werkgroep_balance(bijeenkomst=self.get_bijeenkomst())
        messages.success(request, _("Iedereen met een plaats zit nu in een werkgroep."))
        return HttpResponseRedirect(self.get_error_url())


class WerkgroepPlaceView(_WerkgroepActionView):
    """A researcher places one person (with a seat) in a work group by hand, or in none
    ("geen", the first choice of the list)."""

    NONE = "geen"

    def post(self, request, pk):
        aanmelding = get_object_or_404(
            Aanmelding.objects.select_related("deelnemer"),
            pk=posted_id(request, "aanmelding"),
            bijeenkomst=self.get_bijeenkomst(),
        )
        name = aanmelding.deelnemer.display_name
        if request.POST.get("werkgroep") == self.NONE:
            werkgroepen.werkgroep_leave(aanmelding=aanmelding)
            messages.success(request, _("%(name)s zit nu in geen werkgroep.") % {"name": name})
            return HttpResponseRedirect(self.get_error_url())
        werkgroep = Werkgroep.objects.filter(
            pk=posted_id(request, "werkgroep"), bijeenkomst=self.get_bijeenkomst()
        ).first()
        if werkgroep is None:
            messages.error(request, _("Kies een werkgroep uit de lijst."))
            return HttpResponseRedirect(self.get_error_url())
        werkgroepen.werkgroep_join(
            aanmelding=aanmelding, werkgroep_id=werkgroep.pk, by_researcher=True
        )
        messages.success(
            request,
            _("%(name)s zit nu in de werkgroep %(group)s.") % {"name": name, "group": werkgroep},
        )
        return HttpResponseRedirect(self.get_error_url())


class WerkgroepCasusView(_WerkgroepActionView):
    """Link a discussed case to a work group, or (`linked=False`, its own URL) unlink it."""

    linked = True

    def post(self, request, pk):
        werkgroep = get_object_or_404(
            Werkgroep, pk=posted_id(request, "werkgroep"), bijeenkomst=self.get_bijeenkomst()
        )
        werkgroepen.werkgroep_link_casus(
            werkgroep=werkgroep,
            casus=Casus.objects.filter(pk=posted_id(request, "casus")).first(),
            linked=self.linked,
        )
        messages.success(
            request,
            _("De besproken casussen van %(name)s zijn bijgewerkt.") % {"name": werkgroep.title},
        )
        return HttpResponseRedirect(self.get_error_url())
