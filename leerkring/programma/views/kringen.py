"""The programme manager's pages about one circle: creating it, managing it (phase,
researchers, invitations, applications, municipalities) and moving it to another phase.
Every page needs core.manage_programma on the programme in the URL (a 404 otherwise), and the
circle must be one of that programme's."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from leerkring.core.models import Leerkring
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..forms import LeerkringCreateForm, OnderzoekerInviteForm
from ..selectors import kringen as selectors
from ..services import kringen as services
from ..services.uitnodigingen import ONDERZOEKER_UITNODIGING_DAYS

Phase = Leerkring.Phase


class ProgrammaManagerMixin(PermissionRequiredOr404Mixin):
    """The programme of the URL (and its circle, when the URL names one) for its managers."""

    permission_required = "core.manage_programma"
    with_leerkring = True

    def dispatch(self, request, *args, **kwargs):
        self.programma = selectors.programma_get(slug=kwargs["slug"])
        self.leerkring = None
        if self.with_leerkring and request.user.has_perm(self.permission_required, self.programma):
            self.leerkring = selectors.leerkring_of_programma(
                programma=self.programma, slug=kwargs["kring"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.programma

    def manage_url(self) -> str:
        return reverse(
            "programma:leerkring-manage", args=[self.programma.slug, self.leerkring.slug]
        )


# What the confirmation page says will happen, per phase the circle goes to.
PHASE_TEXTS = {
    Phase.OPEN: {
        "title": gettext_lazy("Leerkring openen voor aanmelding?"),
        "button": gettext_lazy("Ja, openen voor aanmelding"),
        "done": gettext_lazy("De leerkring is open voor aanmelding."),
    },
    Phase.PREPARING: {
        "title": gettext_lazy("Aanmelden pauzeren?"),
        "button": gettext_lazy("Ja, aanmelden pauzeren"),
        "done": gettext_lazy("Aanmelden is gepauzeerd. De leerkring is weer in voorbereiding."),
    },
    Phase.RUNNING: {
        "title": gettext_lazy("Leerkring starten?"),
        "button": gettext_lazy("Ja, de leerkring starten"),
        "done": gettext_lazy("De leerkring loopt. Aanmelden kan niet meer."),
    },
    Phase.CLOSED: {
        "title": gettext_lazy("Leerkring afsluiten?"),
        "button": gettext_lazy("Ja, afsluiten"),
        "done": gettext_lazy("De leerkring is afgesloten."),
    },
}

# The buttons on the manage page, in the order shown.
PHASE_BUTTONS = [
    (Phase.OPEN, gettext_lazy("Openen voor aanmelding")),
    (Phase.RUNNING, gettext_lazy("Starten")),
    (Phase.PREPARING, gettext_lazy("Aanmelden pauzeren")),
    (Phase.CLOSED, gettext_lazy("Afsluiten")),
]


def manage_context(programma, leerkring) -> dict:
    """Everything on the manage page: a fixed number of queries, whatever the number of
    applications, municipalities, researchers or invitations."""
    return {
        "programma": programma,
        "leerkring": leerkring,
        "phase_buttons": [
            (phase, label)
            for phase, label in PHASE_BUTTONS
            if phase in services.PHASE_TRANSITIONS[leerkring.phase]
        ],
        "researchers": list(selectors.researchers_of(leerkring=leerkring)),
        "open_invitations": list(selectors.onderzoeker_uitnodiging_open_for(leerkring=leerkring)),
        "applied": list(selectors.deelname_applied_for(leerkring=leerkring)),
        "admitted": list(selectors.deelname_admitted_for(leerkring=leerkring)),
        "days": ONDERZOEKER_UITNODIGING_DAYS,
    }


class LeerkringCreateView(DomainErrorMixin, ProgrammaManagerMixin, FormView):
    """A new circle of the programme, in preparation."""

    template_name = "programma/leerkring_create.html"
    form_class = LeerkringCreateForm
    with_leerkring = False

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "dilemmas": selectors.dilemmas_of_programma(programma=self.programma),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(programma=self.programma, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        leerkring = services.leerkring_create(
            programma=self.programma,
            actor=self.request.user,
            title=data["title"],
            slug=data["slug"],
            subtitle=data["subtitle"],
            summary=data["summary"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            max_gemeenten=data["max_gemeenten"],
            kernvragen=form.kernvragen_list(),
            framework=data["framework"],
            dilemmas=services.DilemmaChoices(**form.dilemma_choices()),
        )
        messages.success(
            self.request,
            _(
                "De leerkring ‘%(title)s’ is aangemaakt. Hij is in voorbereiding: alleen jij, "
                "de andere programmamanagers en de onderzoekers zien hem. Nodig nu de "
                "onderzoekers uit."
            )
            % {"title": leerkring.title},
        )
        return HttpResponseRedirect(
            reverse("programma:leerkring-manage", args=[self.programma.slug, leerkring.slug])
        )


class LeerkringManageView(ProgrammaManagerMixin, TemplateView):
    template_name = "programma/leerkring_manage.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=OnderzoekerInviteForm(),
            **manage_context(self.programma, self.leerkring),
            **kwargs,
        )


class LeerkringPhaseView(DomainErrorMixin, ProgrammaManagerMixin, TemplateView):
    """GET: what moving the circle to this phase does; POST: do it and go back to the manage
    page. The POST carries the phase the person saw, checked again under the row lock."""

    template_name = "programma/leerkring_phase.html"
    domain_error_on_form = False

    def dispatch(self, request, *args, **kwargs):
        if kwargs["phase"] not in Phase.values:
            raise Http404
        self.phase = kwargs["phase"]
        return super().dispatch(request, *args, **kwargs)

    def get_error_url(self):
        return self.manage_url()

    def get_context_data(self, **kwargs):
        leerkring = self.leerkring
        return super().get_context_data(
            programma=self.programma,
            leerkring=leerkring,
            phase=self.phase,
            phase_label=Phase(self.phase).label,
            texts=PHASE_TEXTS[self.phase],
            refusal=services.phase_refusal(leerkring, self.phase),
            applied_count=selectors.deelname_applied_for(leerkring=leerkring).count(),
            admitted_count=selectors.deelname_admitted_for(leerkring=leerkring).count(),
        )

    def post(self, request, *args, **kwargs):
        expected = request.POST.get("expected", "")
        services.leerkring_phase_set(
            leerkring=self.leerkring,
            phase=self.phase,
            actor=request.user,
            expected=expected if expected in Phase.values else "",
        )
        messages.success(request, str(PHASE_TEXTS[self.phase]["done"]))
        return HttpResponseRedirect(self.manage_url())
