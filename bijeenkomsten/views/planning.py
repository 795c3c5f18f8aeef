"""Planning a meeting: create or edit it with its programme, duplicate, cancel."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from leerkring.core.selectors import leerkring_newest_researched
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..forms import BijeenkomstForm, DuplicateForm, ProgrammaFormSet
from ..models import Bijeenkomst
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
        planning.bijeenkomst_save(bijeenkomst=bijeenkomst, programma=items)
        messages.success(self.request, _("De bijeenkomst is opgeslagen."))
        return HttpResponseRedirect(
            reverse("bijeenkomsten:bijeenkomst-detail", args=[bijeenkomst.pk])
        )


class BijeenkomstDuplicateView(BijeenkomstMixin, PermissionRequiredOr404Mixin, FormView):
    template_name = "bijeenkomsten/bijeenkomst_duplicate.html"
    form_class = DuplicateForm
    permission_required = "bijeenkomsten.manage"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bijeenkomst=self.get_bijeenkomst(), **kwargs)

    def form_valid(self, form):
        copy = planning.bijeenkomst_duplicate(
            bijeenkomst=self.get_bijeenkomst(), starts_at=form.cleaned_data["starts_at"]
        )
        messages.success(self.request, _("De kopie is gemaakt. Controleer de gegevens."))
        return HttpResponseRedirect(reverse("bijeenkomsten:bijeenkomst-update", args=[copy.pk]))


class BijeenkomstCancelView(
    DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView
):
    template_name = "bijeenkomsten/bijeenkomst_cancel.html"
    permission_required = "bijeenkomsten.manage"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bijeenkomst=self.get_bijeenkomst(), **kwargs)

    def get_error_url(self) -> str:
        """Cancelled or refused (already held), the person goes back to the meeting page."""
        return reverse("bijeenkomsten:bijeenkomst-detail", args=[self.kwargs["pk"]])

    def post(self, request, pk):
        planning.bijeenkomst_cancel(bijeenkomst_id=pk)
        messages.success(
            request,
            _("De bijeenkomst is geannuleerd. Iedereen die was aangemeld, krijgt een e-mail."),
        )
        return HttpResponseRedirect(self.get_error_url())
