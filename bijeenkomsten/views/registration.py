"""Registering for a meeting, changing one's registration and cancelling it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..aanmelding_forms import NO_GROUP, AanmeldingCancelForm, AanmeldingUpdateForm
from ..errors import WerkgroepError
from ..forms import AanmeldingForm
from ..models import Aanmelding
from ..selectors import detail as detail_selectors
from ..selectors import registration as registration_selectors
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
    # The permission needs the meeting's row alone; the meeting page, with its programme and
    # work groups, is loaded only to show a mistake in the form (make bench, registrations).
    light = True

    def get_error_url(self) -> str:
        return reverse("bijeenkomsten:bijeenkomst-detail", args=[self.kwargs["pk"]])

    def get_context_data(self, **kwargs):
        page = bijeenkomst_page_context(
            user=self.request.user,
            bijeenkomst=detail_selectors.bijeenkomst_detail(pk=self.kwargs["pk"]),
            form=kwargs.pop("form"),
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


class AanmeldingUpdateView(DomainErrorMixin, LoginRequiredMixin, FormView):
    """A person changes their needs and work group ("Wijzig je aanmelding") until registration
    closes. After that the page says why and offers no form; a POST gets the same message.
    Someone else's registration is a 404."""

    template_name = "bijeenkomsten/aanmelding_update.html"
    form_class = AanmeldingUpdateForm
    domain_error_field = "werkgroep"

    def get_aanmelding(self) -> Aanmelding:
        if not hasattr(self, "_aanmelding"):
            self._aanmelding = registration_selectors.aanmelding_own(
                user=self.request.user, pk=self.kwargs["pk"]
            )
        return self._aanmelding

    def get_form_kwargs(self):
        aanmelding = self.get_aanmelding()
        seated = aanmelding.status in Aanmelding.SEATED
        return {
            **super().get_form_kwargs(),
            "initial": {
                "diet": aanmelding.diet,
                "accessibility": aanmelding.accessibility,
                "werkgroep": str(aanmelding.werkgroep_id or NO_GROUP),
            },
            "seated": seated,
            "werkgroepen": registration_selectors.werkgroep_choices(aanmelding=aanmelding)
            if seated
            else (),
        }

    def get_context_data(self, **kwargs):
        aanmelding = self.get_aanmelding()
        return super().get_context_data(
            aanmelding=aanmelding,
            bijeenkomst=aanmelding.bijeenkomst,
            problem=registration_selectors.change_problem(aanmelding),
            position=waitlist_selectors.waitlist_position(aanmelding),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        problem = registration_selectors.change_problem(self.get_aanmelding())
        if problem:
            messages.error(request, problem)
            return HttpResponseRedirect(request.path)
        return super().post(request, *args, **kwargs)

    def domain_error_response(self, error):
        if isinstance(error, WerkgroepError):
            return super().domain_error_response(error)
        messages.error(self.request, error.message)
        return HttpResponseRedirect(self.request.path)

    def form_valid(self, form):
        aanmelding = self.get_aanmelding()
        registration.aanmelding_update(
            aanmelding_id=aanmelding.pk,
            deelnemer=self.request.user,
            diet=form.cleaned_data["diet"],
            accessibility=form.cleaned_data["accessibility"],
            werkgroep_id=form.werkgroep_id(registration.KEEP),
        )
        messages.success(self.request, _("Je aanmelding is gewijzigd."))
        return HttpResponseRedirect(_mijn_aanmelding_url(aanmelding.bijeenkomst_id))


def _mijn_aanmelding_url(bijeenkomst_id: int) -> str:
    return reverse("bijeenkomsten:bijeenkomst-detail", args=[bijeenkomst_id]) + "#mijn-aanmelding"


class AanmeldingCancelView(DomainErrorMixin, LoginRequiredMixin, FormView):
    """Cancelling asks first. The page says what will happen: whether the seat goes to the
    first person on the waiting list (never named) or becomes free, or that the person leaves
    the waiting list; and whether they can register again. The button sends that outcome
    along; when it changed in between, nothing happens and the page shows the new one (D59).
    Someone else's registration is a 404."""

    template_name = "bijeenkomsten/aanmelding_cancel.html"
    form_class = AanmeldingCancelForm

    def get_aanmelding(self) -> Aanmelding:
        if not hasattr(self, "_aanmelding"):
            self._aanmelding = registration_selectors.aanmelding_own(
                user=self.request.user, pk=self.kwargs["pk"]
            )
        return self._aanmelding

    def get_outcome(self) -> registration_selectors.CancelOutcome:
        if not hasattr(self, "_outcome"):
            self._outcome = registration_selectors.cancel_outcome(self.get_aanmelding())
        return self._outcome

    def get_initial(self):
        return {"gevolg": self.get_outcome().token}

    def get_context_data(self, **kwargs):
        aanmelding = self.get_aanmelding()
        return super().get_context_data(
            aanmelding=aanmelding,
            bijeenkomst=aanmelding.bijeenkomst,
            outcome=self.get_outcome(),
            **kwargs,
        )

    def form_invalid(self, form):
        if "gevolg" in form.errors:
            messages.error(self.request, _("Kijk eerst wat er gebeurt en bevestig het dan hier."))
            return HttpResponseRedirect(self.request.path)
        return super().form_invalid(form)

    def domain_error_response(self, error):
        """The situation changed: say so, and show the page again as it is now, keeping the
        reason that was typed."""
        messages.error(self.request, error.message)
        self._aanmelding.refresh_from_db()
        self.__dict__.pop("_outcome", None)
        form = AanmeldingCancelForm(
            initial={**self.get_initial(), "reason": self.request.POST.get("reason", "")}
        )
        return self.render_to_response(self.get_context_data(form=form))

    def form_valid(self, form):
        aanmelding = self.get_aanmelding()
        done = registration.aanmelding_cancel(
            aanmelding_id=aanmelding.pk,
            deelnemer=self.request.user,
            reason=form.cleaned_data["reason"],
            expected=form.cleaned_data["gevolg"],
        )
        messages.success(self.request, cancelled_message(done))
        return HttpResponseRedirect(_mijn_aanmelding_url(aanmelding.bijeenkomst_id))


def cancelled_message(done: registration.Cancelled) -> str:
    """What happened, in words for the person who cancelled."""
    outcome = done.outcome
    if outcome.key == registration_selectors.ALREADY_CANCELLED:
        return _("Je was al afgemeld. Er is niets veranderd.")
    if outcome.key == registration_selectors.LEAVE_WAITLIST:
        text = _("Je bent afgemeld en staat niet meer op de wachtlijst.")
    elif done.promoted:
        text = _(
            "Je bent afgemeld. Je plek gaat naar de eerste op de wachtlijst; die krijgt een e-mail."
        )
    elif outcome.register_again:
        text = _("Je bent afgemeld. Je plek is vrijgekomen voor iemand anders.")
    else:
        text = _("Je bent afgemeld. Je plek blijft leeg, want aanmelden is gesloten.")
    if outcome.register_again:
        return text + " " + _("Je kunt je opnieuw aanmelden zolang het aanmelden open is.")
    return text + " " + _("Opnieuw aanmelden kan niet meer.")
