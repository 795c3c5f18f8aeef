"""The questionnaire after a meeting: the researchers write it, send it and read the results
(with the CSV and the choice to put them in the report's PDF); the people who were there
answer it, once."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from leerkring.core import exports as core_exports
from leerkring.core.fields import id_from
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from .. import exports
from ..evaluatie_forms import EvaluatieAnswerForm, EvaluatieInReportForm, EvaluatieVraagFormSet
from ..selectors import evaluatie as evaluatie_selectors
from ..services import evaluatie as evaluatie_services
from .common import BijeenkomstMixin


class _EvaluatieMixin(BijeenkomstMixin, PermissionRequiredOr404Mixin):
    light = True
    permission_required = "bijeenkomsten.view_evaluatie"

    def get_evaluatie(self):
        if not hasattr(self, "_evaluatie"):
            self._evaluatie = evaluatie_selectors.evaluatie_of(bijeenkomst=self.get_bijeenkomst())
        return self._evaluatie

    def page_url(self) -> str:
        return reverse("bijeenkomsten:evaluatie", args=[self.kwargs["pk"]])

    def edit_url(self) -> str:
        return reverse("bijeenkomsten:evaluatie-edit", args=[self.kwargs["pk"]])


class EvaluatieView(_EvaluatieMixin, TemplateView):
    """The questionnaire: before it is sent its questions, with "change" and "send"; after,
    how many answered and the results (from MIN_RESPONSES answers on)."""

    template_name = "bijeenkomsten/evaluatie_detail.html"

    def get(self, request, *args, **kwargs):
        if self.get_evaluatie() is None:
            return HttpResponseRedirect(self.edit_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        evaluatie = self.get_evaluatie()
        bijeenkomst = self.get_bijeenkomst()
        context = {
            "bijeenkomst": bijeenkomst,
            "evaluatie": evaluatie,
            "vragen": list(evaluatie.vragen.all()),
        }
        if evaluatie.is_sent:
            context.update(
                results=evaluatie_selectors.evaluatie_results(evaluatie=evaluatie),
                attendees=evaluatie_selectors.attendees(bijeenkomst=bijeenkomst).count(),
                in_report_form=EvaluatieInReportForm(initial={"in_report": evaluatie.in_report}),
            )
        else:
            context["problem"] = evaluatie_services.send_problem(evaluatie=evaluatie)
        return super().get_context_data(**context, **kwargs)


class EvaluatieFormView(DomainErrorMixin, _EvaluatieMixin, FormView):
    """Write the questions: the default set to start with, then add, remove and reorder."""

    domain_error_on_form = False  # a formset has no add_error; the message goes on the page
    template_name = "bijeenkomsten/evaluatie_form.html"
    form_class = EvaluatieVraagFormSet

    def dispatch(self, request, *args, **kwargs):
        evaluatie = self.get_evaluatie() if self.has_permission() else None
        if evaluatie is not None and evaluatie.is_sent:
            messages.info(
                request, _("De evaluatie is al verstuurd. De vragen kun je niet meer veranderen.")
            )
            return HttpResponseRedirect(self.page_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["prefix"] = "vragen"
        return kwargs

    def get_initial(self):
        evaluatie = self.get_evaluatie()
        vragen = (
            [{"kind": v.kind, "text": v.text} for v in evaluatie.vragen.all()]
            if evaluatie is not None
            else evaluatie_services.default_questions()
        )
        return [{**vraag, "ORDER": number} for number, vraag in enumerate(vragen, start=1)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            bijeenkomst=self.get_bijeenkomst(), evaluatie=self.get_evaluatie(), **kwargs
        )

    def form_valid(self, form):
        evaluatie_services.evaluatie_save(
            bijeenkomst=self.get_bijeenkomst(), vragen=form.questions()
        )
        messages.success(self.request, _("De vragen zijn opgeslagen."))
        return HttpResponseRedirect(self.page_url())


class EvaluatieSendView(DomainErrorMixin, _EvaluatieMixin, TemplateView):
    """Says exactly who gets an e-mail; the button sends it (POST)."""

    template_name = "bijeenkomsten/evaluatie_send.html"

    def get(self, request, *args, **kwargs):
        if self.get_evaluatie() is None:
            return HttpResponseRedirect(self.edit_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        evaluatie = self.get_evaluatie()
        bijeenkomst = self.get_bijeenkomst()
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            evaluatie=evaluatie,
            problem=evaluatie_services.send_problem(evaluatie=evaluatie),
            recipients=evaluatie_selectors.evaluatie_recipients(bijeenkomst=bijeenkomst),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        evaluatie = self.get_evaluatie()
        if evaluatie is None:
            raise Http404
        sent = evaluatie_services.evaluatie_send(
            evaluatie=evaluatie,
            actor=request.user,
            expected=id_from(request.POST.get("expected", "")),
        )
        messages.success(
            request,
            _("De evaluatie is verstuurd: %(n)s mensen krijgen een e-mail met de link.")
            % {"n": sent},
        )
        return HttpResponseRedirect(self.page_url())


class EvaluatieInReportView(_EvaluatieMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        evaluatie = self.get_evaluatie()
        if evaluatie is None:
            raise Http404
        form = EvaluatieInReportForm(request.POST)
        form.is_valid()  # a checkbox: anything but "on" is no
        wanted = form.cleaned_data.get("in_report", False)
        if evaluatie_services.evaluatie_in_report(evaluatie=evaluatie, in_report=wanted):
            if wanted:
                messages.success(
                    request,
                    _("De uitkomsten komen in de PDF van het verslag (vanaf 5 antwoorden)."),
                )
            else:
                messages.success(request, _("De uitkomsten staan niet meer in de PDF."))
        return HttpResponseRedirect(self.page_url())


class EvaluatieExportView(_EvaluatieMixin, View):
    """The answers as CSV, one row per response and no names (bijeenkomsten.exports), made at
    once: a meeting has at most a few hundred people."""

    def get(self, request, *args, **kwargs):
        params = QueryDict(mutable=True)
        params["bijeenkomst"] = str(self.get_bijeenkomst().pk)
        spec = core_exports.get(exports.EVALUATIE)
        try:
            _count, rows = spec.rows(request.user, params)
        except core_exports.ExportError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(self.page_url())
        return core_exports.spec_response(
            exports.EVALUATIE, user=request.user, rows=rows, params=params
        )


class EvaluatieAnswerView(
    DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, FormView
):
    """The questionnaire for someone who was there; once answered, a thank-you."""

    light = True
    template_name = "bijeenkomsten/evaluatie_answer.html"
    form_class = EvaluatieAnswerForm
    permission_required = "bijeenkomsten.answer_evaluatie"
    domain_error_on_form = False

    def get_evaluatie(self):
        if not hasattr(self, "_evaluatie"):
            evaluatie = evaluatie_selectors.evaluatie_of(bijeenkomst=self.get_bijeenkomst())
            if evaluatie is None or not evaluatie.is_sent:
                raise Http404
            self._evaluatie = evaluatie
        return self._evaluatie

    def has_answered(self) -> bool:
        return evaluatie_selectors.has_answered(
            user=self.request.user, evaluatie=self.get_evaluatie()
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "vragen": list(self.get_evaluatie().vragen.all())}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            bijeenkomst=self.get_bijeenkomst(),
            evaluatie=self.get_evaluatie(),
            has_answered=self.has_answered(),
            **kwargs,
        )

    def form_valid(self, form):
        evaluatie_services.evaluatie_answer(
            evaluatie=self.get_evaluatie(), user=self.request.user, answers=form.answers()
        )
        messages.success(
            self.request,
            _("Bedankt voor je antwoorden. Ze zijn bewaard zonder je naam."),
        )
        return HttpResponseRedirect(
            reverse("bijeenkomsten:bijeenkomst-detail", args=[self.kwargs["pk"]])
        )
