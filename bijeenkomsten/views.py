from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dilemmas.models import Casus
from leerkring.core.views import PermissionRequiredOr404Mixin

from . import selectors, services
from .calendar import ics_for
from .forms import AanmeldingForm, BijeenkomstForm, DuplicateForm, ProgrammaFormSet, WerkgroepForm
from .models import Aanmelding, Agendakoppeling, Bijeenkomst, Werkgroep

PAGE_SIZE = 20


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class BijeenkomstListView(TemplateView):
    template_name = "bijeenkomsten/bijeenkomst_list.html"

    def get_context_data(self, **kwargs):
        bijeenkomst_filter, qs = selectors.bijeenkomst_list(
            user=self.request.user, data=self.request.GET
        )
        page = Paginator(qs, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            filter=bijeenkomst_filter,
            page=page,
            query=query.urlencode(),
            can_add=self.request.user.has_perm("bijeenkomsten.add_bijeenkomst"),
            **kwargs,
        )


class _BijeenkomstMixin:
    def get_bijeenkomst(self) -> Bijeenkomst:
        if not hasattr(self, "_bijeenkomst"):
            try:
                self._bijeenkomst = selectors.bijeenkomst_detail(pk=self.kwargs["pk"])
            except Bijeenkomst.DoesNotExist as exc:
                raise Http404 from exc
        return self._bijeenkomst

    def get_permission_object(self):
        return self.get_bijeenkomst()


class BijeenkomstDetailView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView):
    template_name = "bijeenkomsten/bijeenkomst_detail.html"
    permission_required = "bijeenkomsten.view_bijeenkomst"

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        user = self.request.user
        mine = selectors.aanmelding_of(bijeenkomst=bijeenkomst, user=user)
        can_attendance = user.has_perm("bijeenkomsten.view_attendance", bijeenkomst)
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            details=user.has_perm("bijeenkomsten.view_details", bijeenkomst),
            can_register=user.has_perm("bijeenkomsten.register", bijeenkomst),
            can_manage=user.has_perm("bijeenkomsten.manage", bijeenkomst),
            problem=services.registration_problem(bijeenkomst),
            mine=mine,
            position=services.waitlist_position(mine) if mine else None,
            form=kwargs.pop("form", None) or AanmeldingForm(),
            attendance=selectors.attendance_per_gemeente(bijeenkomst=bijeenkomst)
            if can_attendance
            else None,
            **kwargs,
        )


class AanmeldingCreateView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, View):
    permission_required = "bijeenkomsten.register"
    http_method_names = ["post"]

    def post(self, request, pk):
        form = AanmeldingForm(request.POST)
        if not form.is_valid():
            view = BijeenkomstDetailView(request=request, kwargs=self.kwargs)
            view._bijeenkomst = self.get_bijeenkomst()
            return view.render_to_response(view.get_context_data(form=form))
        try:
            aanmelding = services.aanmelding_create(
                bijeenkomst_id=pk, deelnemer=request.user, **form.cleaned_data
            )
        except services.RegistrationError as error:
            messages.error(request, str(error))
        else:
            if aanmelding.status == Aanmelding.Status.REGISTERED:
                messages.success(
                    request,
                    _(
                        "Je bent aangemeld. Je krijgt een bevestiging per e-mail, met de "
                        "afspraak voor je agenda."
                    ),
                )
            else:
                messages.info(
                    request,
                    _(
                        "De bijeenkomst is vol. Je staat op de wachtlijst op plaats %(n)s. Komt "
                        "er een plek vrij, dan krijg je die automatisch en mailen we je."
                    )
                    % {"n": services.waitlist_position(aanmelding)},
                )
        return HttpResponseRedirect(reverse("bijeenkomsten:bijeenkomst-detail", args=[pk]))


class AanmeldingCancelView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        aanmelding = get_object_or_404(Aanmelding, pk=pk, deelnemer=request.user)
        try:
            services.aanmelding_cancel(aanmelding_id=aanmelding.pk, deelnemer=request.user)
        except services.RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Je bent afgemeld. Je plek gaat naar de eerste op de wachtlijst.")
            )
        return HttpResponseRedirect(
            reverse("bijeenkomsten:bijeenkomst-detail", args=[aanmelding.bijeenkomst_id])
        )


class WerkgroepJoinView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, View):
    permission_required = "bijeenkomsten.register"
    http_method_names = ["post"]

    def post(self, request, pk):
        mine = selectors.aanmelding_of(bijeenkomst=self.get_bijeenkomst(), user=request.user)
        try:
            werkgroep_id = int(request.POST.get("werkgroep", ""))
        except ValueError:
            werkgroep_id = None
        if (
            mine is None
            or werkgroep_id is None
            or not Werkgroep.objects.filter(pk=werkgroep_id).exists()
        ):
            messages.error(
                request, _("Kies een werkgroep uit de lijst, nadat je je hebt aangemeld.")
            )
        else:
            try:
                aanmelding = services.werkgroep_join(aanmelding=mine, werkgroep_id=werkgroep_id)
            except services.RegistrationError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Je zit in de werkgroep %(name)s.") % {"name": aanmelding.werkgroep.title},
                )
        return HttpResponseRedirect(
            reverse("bijeenkomsten:bijeenkomst-detail", args=[pk]) + "#werkgroepen"
        )


class BijeenkomstIcsView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, View):
    permission_required = "bijeenkomsten.view_bijeenkomst"

    def get(self, request, pk):
        bijeenkomst = self.get_bijeenkomst()
        content = ics_for(
            [bijeenkomst],
            name=bijeenkomst.title,
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        return _ics_response(content, f"bijeenkomst-{pk}.ics")


class AgendaView(LoginRequiredMixin, TemplateView):
    """My calendar feed: its secret address, and a button to make a new one."""

    template_name = "bijeenkomsten/agenda.html"

    def get_context_data(self, **kwargs):
        koppeling = services.agendakoppeling_for(user=self.request.user)
        url = self.request.build_absolute_uri(
            reverse("bijeenkomsten:agenda-feed", args=[koppeling.token])
        )
        return super().get_context_data(feed_url=url, **kwargs)

    def post(self, request):
        services.agendakoppeling_renew(user=request.user)
        messages.success(request, _("Je hebt een nieuwe agendalink. De oude werkt niet meer."))
        return HttpResponseRedirect(reverse("bijeenkomsten:agenda"))


class AgendaFeedView(View):
    def get(self, request, token):
        koppeling = get_object_or_404(
            Agendakoppeling.objects.select_related("user"), token=token, user__is_active=True
        )
        content = ics_for(
            selectors.feed_bijeenkomsten(user=koppeling.user),
            name=_("Mijn bijeenkomsten (Leerkring)"),
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        return _ics_response(content, "leerkring.ics")


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
            bijeenkomst.leerkring = selectors.leerkring_for_new_bijeenkomst(user=self.request.user)
        items = [
            {k: f.cleaned_data[k] for k in ("starts_at", "title", "speaker")}
            for f in programma.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        services.bijeenkomst_save(bijeenkomst=bijeenkomst, programma=items)
        messages.success(self.request, _("De bijeenkomst is opgeslagen."))
        return HttpResponseRedirect(
            reverse("bijeenkomsten:bijeenkomst-detail", args=[bijeenkomst.pk])
        )


class BijeenkomstDuplicateView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, FormView):
    template_name = "bijeenkomsten/bijeenkomst_duplicate.html"
    form_class = DuplicateForm
    permission_required = "bijeenkomsten.manage"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bijeenkomst=self.get_bijeenkomst(), **kwargs)

    def form_valid(self, form):
        copy = services.bijeenkomst_duplicate(
            bijeenkomst=self.get_bijeenkomst(), starts_at=form.cleaned_data["starts_at"]
        )
        messages.success(self.request, _("De kopie is gemaakt. Controleer de gegevens."))
        return HttpResponseRedirect(reverse("bijeenkomsten:bijeenkomst-update", args=[copy.pk]))


class BijeenkomstCancelView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView):
    template_name = "bijeenkomsten/bijeenkomst_cancel.html"
    permission_required = "bijeenkomsten.manage"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bijeenkomst=self.get_bijeenkomst(), **kwargs)

    def post(self, request, pk):
        try:
            services.bijeenkomst_cancel(bijeenkomst_id=pk)
        except services.RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("De bijeenkomst is geannuleerd. Iedereen die was aangemeld, krijgt een e-mail."),
            )
        return HttpResponseRedirect(reverse("bijeenkomsten:bijeenkomst-detail", args=[pk]))


class WerkgroepenView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView):
    """Researchers compose the work groups: add a group, place people by hand, or balance."""

    template_name = "bijeenkomsten/werkgroepen.html"
    permission_required = "bijeenkomsten.manage"

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        kwargs.setdefault("form", WerkgroepForm(bijeenkomst=bijeenkomst))
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            aanmeldingen=selectors.aanmelding_list(bijeenkomst=bijeenkomst),
            casussen=Casus.objects.filter(leerkring=bijeenkomst.leerkring, status="gepubliceerd")
            .select_related("dilemma")
            .order_by("dilemma__position", "title"),
            **kwargs,
        )

    def post(self, request, pk):
        bijeenkomst = self.get_bijeenkomst()
        action = request.POST.get("actie")
        back = HttpResponseRedirect(reverse("bijeenkomsten:werkgroepen", args=[pk]))
        if action == "toevoegen":
            form = WerkgroepForm(request.POST, bijeenkomst=bijeenkomst)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form))
            try:
                services.werkgroep_create(bijeenkomst=bijeenkomst, **form.cleaned_data)
            except services.RegistrationError as error:
                form.add_error("dilemma", str(error))
                return self.render_to_response(self.get_context_data(form=form))
            messages.success(request, _("De werkgroep is toegevoegd."))
        elif action == "verdelen":
            try:
                services.werkgroep_balance(bijeenkomst=bijeenkomst)
            except services.RegistrationError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Iedereen met een plaats zit nu in een werkgroep."))
        elif action in ("casus-koppelen", "casus-ontkoppelen"):
            werkgroep = get_object_or_404(
                Werkgroep, pk=request.POST.get("werkgroep") or 0, bijeenkomst=bijeenkomst
            )
            casus = (
                Casus.objects.filter(pk=request.POST.get("casus") or 0).first()
                if (request.POST.get("casus") or "").isdigit()
                else None
            )
            try:
                if casus is None:
                    raise services.RegistrationError(
                        _("Kies een gepubliceerde casus uit deze leerkring.")
                    )
                services.werkgroep_link_casus(
                    werkgroep=werkgroep, casus=casus, linked=action == "casus-koppelen"
                )
            except services.RegistrationError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("De besproken casussen van %(name)s zijn bijgewerkt.")
                    % {"name": werkgroep.title},
                )
        elif action == "plaatsen":
            aanmelding = get_object_or_404(
                Aanmelding, pk=request.POST.get("aanmelding") or 0, bijeenkomst=bijeenkomst
            )
            try:
                services.werkgroep_join(
                    aanmelding=aanmelding, werkgroep_id=int(request.POST.get("werkgroep") or 0)
                )
            except (services.RegistrationError, Werkgroep.DoesNotExist, ValueError) as error:
                messages.error(
                    request,
                    str(error)
                    if isinstance(error, services.RegistrationError)
                    else _("Kies een werkgroep uit de lijst."),
                )
            else:
                messages.success(
                    request,
                    _("%(name)s is geplaatst.") % {"name": aanmelding.deelnemer.display_name},
                )
        return back


class PresentielijstView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView):
    template_name = "bijeenkomsten/presentielijst.html"
    permission_required = "bijeenkomsten.manage"

    def get_template_names(self):
        if self.request.GET.get("afdrukken"):
            return ["bijeenkomsten/presentielijst_print.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            aanmeldingen=[
                a
                for a in selectors.aanmelding_list(bijeenkomst=bijeenkomst)
                if a.status != "wachtlijst"
            ],
            **kwargs,
        )

    def post(self, request, pk):
        present = set()
        for value in request.POST.getlist("aanwezig"):
            if value.isdigit():
                present.add(int(value))
        services.attendance_mark(bijeenkomst=self.get_bijeenkomst(), present_ids=present)
        messages.success(request, _("De presentielijst is opgeslagen."))
        return HttpResponseRedirect(reverse("bijeenkomsten:presentielijst", args=[pk]))
