"""Planning a meeting: create or edit it with its programme, duplicate, cancel."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from leerkring.core.selectors import leerkring_newest_researched
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..forms import BijeenkomstForm, CancelConfirmForm, DuplicateForm, ProgrammaFormSet
from ..models import Bijeenkomst
from ..selectors import cancellation as cancellation_selectors
from ..selectors import waitlist as waitlist_selectors
from ..services import planning
from .common import BijeenkomstMixin


class BijeenkomstFormView(PermissionRequiredOr404Mixin, FormView):
    """Create (no pk) or edit a meeting with its programme."""

    template_name = "bijeenkomsten/bijeenkomst_form.html"
    form_class = BijeenkomstForm

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        if "pk" in kwargs:
            self.object = get_object_or_404(
                Bijeenkomst.objects.select_related("leerkring"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_required(self):
        return ["bijeenkomsten.manage"] if self.object else ["bijeenkomsten.add_bijeenkomst"]

    def get_permission_object(self):
        return self.object

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def get_programma(self):
        initial = [
            {"starts_at": p.starts_at, "title": p.title, "speaker": p.speaker}
            for p in (self.object.programma.all() if self.object else [])
        ]
        return ProgrammaFormSet(self.request.POST or None, initial=initial, prefix="programma")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("programma", self.get_programma())
        if self.object:
            kwargs["seats"] = waitlist_selectors.seats(self.object)
        return super().get_context_data(object=self.object, **kwargs)

    def form_valid(self, form):
        programma = self.get_programma()
        if not programma.is_valid():
            return self.render_to_response(self.get_context_data(form=form, programma=programma))
        bijeenkomst = form.save(commit=False)
        if not self.object:
            bijeenkomst.leerkring = leerkring_newest_researched(user=self.request.user)
        items = [
            {k: f.cleaned_data[k] for k in ("starts_at", "title", "speaker")}
            for f in programma.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        saved = planning.bijeenkomst_save(
            bijeenkomst=bijeenkomst, programma=items, actor=self.request.user
        )
        messages.success(self.request, _("De bijeenkomst is opgeslagen."))
        seats_messages(self.request, saved)
        return HttpResponseRedirect(
            reverse("bijeenkomsten:bijeenkomst-detail", args=[bijeenkomst.pk])
        )


def seats_messages(request, saved: planning.Saved) -> None:
    """What a change of capacity did: who got a seat, or how many are over the limit."""
    if saved.promoted:
        messages.success(
            request,
            ngettext(
                "%(n)s persoon van de wachtlijst heeft nu een plaats en krijgt een e-mail.",
                "%(n)s mensen van de wachtlijst hebben nu een plaats en krijgen een e-mail.",
                len(saved.promoted),
            )
            % {"n": len(saved.promoted)},
        )
    if saved.over:
        messages.warning(
            request,
            ngettext(
                "Er is nu %(n)s persoon meer aangemeld dan er plaatsen zijn. Niemand is afgemeld.",
                "Er zijn nu %(n)s mensen meer aangemeld dan er plaatsen zijn. Niemand is afgemeld.",
                saved.over,
            )
            % {"n": saved.over},
        )


class BijeenkomstDuplicateView(BijeenkomstMixin, PermissionRequiredOr404Mixin, FormView):
    template_name = "bijeenkomsten/bijeenkomst_duplicate.html"
    form_class = DuplicateForm
    permission_required = "bijeenkomsten.manage"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bijeenkomst": self.get_bijeenkomst()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(bijeenkomst=self.get_bijeenkomst(), **kwargs)

    def form_valid(self, form):
        copy = planning.bijeenkomst_duplicate(
            bijeenkomst=self.get_bijeenkomst(), **form.cleaned_data
        )
        messages.success(self.request, _("De kopie is gemaakt. Controleer de gegevens."))
        return HttpResponseRedirect(reverse("bijeenkomsten:bijeenkomst-update", args=[copy.pk]))


class BijeenkomstCancelView(
    DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView
):
    """Cancelling asks first: the page says how many people get an e-mail, counted from the
    list the service mails (selectors.cancellation). The button sends those numbers along;
    when they changed in between, or the meeting was cancelled or held already, the person
    reads why on this page again."""

    light = True
    template_name = "bijeenkomsten/bijeenkomst_cancel.html"
    permission_required = "bijeenkomsten.manage"

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            recipients=cancellation_selectors.cancel_recipients(bijeenkomst=bijeenkomst),
            **kwargs,
        )

    def post(self, request, pk):
        form = CancelConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kijk eerst wat er gebeurt en bevestig het dan hier."))
            return HttpResponseRedirect(request.path)
        expected = (form.cleaned_data["seated"], form.cleaned_data["waiting"])
        planning.bijeenkomst_cancel(bijeenkomst_id=pk, actor=request.user, expected=expected)
        messages.success(
            request,
            ngettext(
                "De bijeenkomst is geannuleerd. %(n)s persoon krijgt een e-mail.",
                "De bijeenkomst is geannuleerd. %(n)s mensen krijgen een e-mail.",
                sum(expected),
            )
            % {"n": sum(expected)},
        )
        return HttpResponseRedirect(reverse("bijeenkomsten:bijeenkomst-detail", args=[pk]))
