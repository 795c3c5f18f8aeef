from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dilemmas.models import Casus
from dilemmas.selectors import casus_visible_to
from gemeenten.selectors import viewer_context
from leerkring.core import exports as core_exports
from leerkring.core.downloads import job_file_response
from leerkring.core.export_views import ExportView
from leerkring.core.fields import id_from
from leerkring.core.models import Leerkring
from leerkring.core.selectors import render_job
from leerkring.core.services import render_retry
from leerkring.core.views import PermissionRequiredOr404Mixin, render_status_context

from . import documents, exports, selectors, services
from .calendar import ics_for
from .documents import PRESENTIELIJST, VERSLAG
from .forms import (
    AanmeldingForm,
    BijeenkomstForm,
    DuplicateForm,
    ProgrammaFormSet,
    VerslagForm,
    WerkgroepForm,
)
from .models import Aanmelding, Agendakoppeling, Bijeenkomst, Verslag, VerslagVersie, Werkgroep

PAGE_SIZE = 20


def _posted_id(request, name: str) -> int:
    """An id from a form; 0 (which matches nothing) for anything that is not one (id_from)."""
    return id_from(request.POST.get(name, "")) or 0


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


class AanmeldingListView(PermissionRequiredOr404Mixin, TemplateView):
    """The screen "Aanmeldingen en aanwezigheid": every registration a researcher (their
    circles) or a coordinator (their own municipality) may see, filtered, with the CSV
    downloads."""

    template_name = "bijeenkomsten/aanmelding_list.html"
    permission_required = "bijeenkomsten.view_aanmeldingen"
    page_size = 50

    def get_context_data(self, **kwargs):
        user = self.request.user
        aanmelding_filter, qs = selectors.aanmelding_export_list(user=user, data=self.request.GET)
        page = Paginator(qs, self.page_size).get_page(self.request.GET.get("pagina"))
        query = self.request.GET.copy()
        query.pop("pagina", None)
        researched = viewer_context(user).researched
        return super().get_context_data(
            filter=aanmelding_filter,
            page=page,
            # Each registration with its needs (researchers only), as the CSV has them.
            rows=[
                (a, exports.aanmelding_cells(a, researched=researched)[len(exports.COLUMNS) :])
                for a in page
            ],
            columns=exports.aanmelding_columns(user),
            query=query.urlencode(),
            **kwargs,
        )


class AanmeldingExportView(ExportView):
    kind = exports.AANMELDINGEN
    permission_required = "bijeenkomsten.view_aanmeldingen"


class AttendanceExportView(PermissionRequiredOr404Mixin, View):
    """Attendance per meeting (rows, in programme order) per municipality (columns) as CSV:
    the numbers of the attendance chart (selectors.attendance_matrix)."""

    permission_required = "bijeenkomsten.view_aanmeldingen"

    def get(self, request):
        leerkring = None
        if request.GET.get("leerkring"):
            leerkring = get_object_or_404(Leerkring, slug=request.GET["leerkring"])
        series, rows = selectors.attendance_matrix(user=request.user, leerkring=leerkring)
        return core_exports.csv_response(
            filename=f"aanwezigheid-per-gemeente-{timezone.localdate():%Y-%m-%d}.csv",
            headers=[_("Bijeenkomst"), *series, _("Totaal")],
            rows=[(label, *counts, sum(counts)) for label, counts in rows],
        )


class _BijeenkomstMixin:
    # Views that only check permission and show a title need the meeting row alone, not the
    # programme, work groups and counts of the meeting page.
    light = False

    def get_bijeenkomst(self) -> Bijeenkomst:
        if not hasattr(self, "_bijeenkomst"):
            try:
                if self.light:
                    self._bijeenkomst = Bijeenkomst.objects.select_related("leerkring").get(
                        pk=self.kwargs["pk"]
                    )
                else:
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
            attendance=selectors.attendance_per_gemeente(bijeenkomst=bijeenkomst, user=user)
            if can_attendance
            else None,
            online_url=selectors.online_link(user=user, bijeenkomst=bijeenkomst),
            werkgroepen=selectors.werkgroepen_as_seen(user=user, bijeenkomst=bijeenkomst),
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
        werkgroep_id = _posted_id(request, "werkgroep")
        if mine is None or not Werkgroep.objects.filter(pk=werkgroep_id).exists():
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
        links = selectors.online_links(user=request.user, bijeenkomsten=[bijeenkomst])
        content = ics_for(
            [bijeenkomst],
            name=bijeenkomst.title,
            base_url=request.build_absolute_uri("/").rstrip("/"),
            online_links=links,
        )
        response = _ics_response(content, f"bijeenkomst-{pk}.ics")
        if links:  # this file is for this person only
            response["Cache-Control"] = "private, no-store"
        return response


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
    # Read by calendar apps, not people: an unknown token is a plain 404, never a log-in page.
    login_instead_of_404 = False

    def get(self, request, token):
        koppeling = get_object_or_404(
            Agendakoppeling.objects.select_related("user"), token=token, user__is_active=True
        )
        bijeenkomsten = list(selectors.feed_bijeenkomsten(user=koppeling.user))
        content = ics_for(
            bijeenkomsten,
            name=_("Mijn bijeenkomsten (Leerkring)"),
            base_url=request.build_absolute_uri("/").rstrip("/"),
            online_links=selectors.online_links(user=koppeling.user, bijeenkomsten=bijeenkomsten),
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
            werkgroepen=selectors.werkgroepen_as_seen(
                user=self.request.user, bijeenkomst=bijeenkomst
            ),
            casussen=casus_visible_to(self.request.user)
            .filter(leerkring=bijeenkomst.leerkring, status=Casus.Status.PUBLISHED)
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
                Werkgroep, pk=_posted_id(request, "werkgroep"), bijeenkomst=bijeenkomst
            )
            casus = Casus.objects.filter(pk=_posted_id(request, "casus")).first()
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
                Aanmelding, pk=_posted_id(request, "aanmelding"), bijeenkomst=bijeenkomst
            )
            try:
                services.werkgroep_join(
                    aanmelding=aanmelding, werkgroep_id=_posted_id(request, "werkgroep")
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
                if a.status != Aanmelding.Status.WAITLIST
            ],
            **kwargs,
        )

    def post(self, request, pk):
        present = {id_from(value) for value in request.POST.getlist("aanwezig")} - {None}
        services.attendance_mark(bijeenkomst=self.get_bijeenkomst(), present_ids=present)
        messages.success(request, _("De presentielijst is opgeslagen."))
        return HttpResponseRedirect(reverse("bijeenkomsten:presentielijst", args=[pk]))


# --- Reports and their PDFs -------------------------------------------------------------------
class _VerslagMixin(_BijeenkomstMixin, PermissionRequiredOr404Mixin):
    """A report is for members of the circle once published; its draft and older versions
    are for the researchers. Everyone else gets a 404."""

    light = True

    permission_required = "bijeenkomsten.view_verslag"

    def can_manage(self) -> bool:
        return self.request.user.has_perm("bijeenkomsten.manage", self.get_bijeenkomst())

    def get_versie(self) -> VerslagVersie:
        number = self.kwargs.get("number")
        versies = VerslagVersie.objects.filter(verslag__bijeenkomst_id=self.kwargs["pk"])
        if number is not None:
            if not self.can_manage():
                raise Http404
            versie = versies.filter(number=number).select_related("verslag").first()
        else:
            versie = versies.select_related("verslag").order_by("-number").first()
        if versie is None or not (versie.verslag.is_published or self.can_manage()):
            raise Http404
        return versie

    def status_context(self, versie: VerslagVersie) -> dict:
        pk = self.kwargs["pk"]
        job = render_job(kind=VERSLAG, object_id=versie.pk)
        current = "number" not in self.kwargs
        args = [pk] if current else [pk, versie.number]
        suffix = "" if current else "-versie"
        return render_status_context(
            job=job,
            page_url=reverse(f"bijeenkomsten:verslag{suffix}", args=args),
            status_url=reverse(f"bijeenkomsten:verslag{suffix}-status", args=args),
            download_url=reverse(f"bijeenkomsten:verslag{suffix}-pdf", args=args),
            retry_url=reverse("bijeenkomsten:verslag-retry", args=[pk, versie.number]),
            can_retry=self.can_manage(),
        )


class VerslagView(_VerslagMixin, TemplateView):
    template_name = "bijeenkomsten/verslag.html"

    def get(self, request, *args, **kwargs):
        if (
            "number" not in kwargs
            and self.can_manage()
            and not VerslagVersie.objects.filter(verslag__bijeenkomst_id=kwargs["pk"]).exists()
        ):
            return HttpResponseRedirect(reverse("bijeenkomsten:verslag-edit", args=[kwargs["pk"]]))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        versie = self.get_versie()
        manage = self.can_manage()
        latest = services.verslag_current(bijeenkomst=self.get_bijeenkomst())
        return super().get_context_data(
            bijeenkomst=self.get_bijeenkomst(),
            verslag=versie.verslag,
            versie=versie,
            groups=[g for g in versie.werkgroepen if g.get("conclusions")],
            versies=selectors.verslag_versies(verslag=versie.verslag) if manage else [],
            can_manage=manage,
            is_current=versie.pk == latest.pk,
            **self.status_context(versie),
            **kwargs,
        )


class VerslagStatusView(_VerslagMixin, View):
    """The PDF status box alone, for htmx to swap in; without htmx, the whole page."""

    def get(self, request, *args, **kwargs):
        versie = self.get_versie()
        context = self.status_context(versie)
        if not request.htmx:
            return HttpResponseRedirect(context["page_url"])
        return render(request, "includes/render_status_body.html", context)


class VerslagPdfView(_VerslagMixin, View):
    def get(self, request, *args, **kwargs):
        versie = self.get_versie()
        job = render_job(kind=VERSLAG, object_id=versie.pk)
        if job is None or not job.is_ready:
            messages.info(request, _("De PDF is nog niet klaar. Hieronder zie je hoe ver hij is."))
            return HttpResponseRedirect(self.status_context(versie)["page_url"])
        return job_file_response(job, documents.verslag_document(versie.pk).filename)


class VerslagFormView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, FormView):
    light = True
    template_name = "bijeenkomsten/verslag_form.html"
    form_class = VerslagForm
    permission_required = "bijeenkomsten.manage"

    def get_werkgroepen(self):
        return list(self.get_bijeenkomst().werkgroepen.all())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "werkgroepen": self.get_werkgroepen()}

    def get_initial(self):
        bijeenkomst = self.get_bijeenkomst()
        versie = services.verslag_current(bijeenkomst=bijeenkomst)
        if versie is None:
            return {
                "title": _("Verslag van %(title)s") % {"title": bijeenkomst.title},
                "authors": ", ".join(
                    r.display_name for r in bijeenkomst.leerkring.researchers.order_by("name")
                ),
                **{f"werkgroep_{g.pk}": g.conclusions for g in self.get_werkgroepen()},
            }
        saved = {g.get("werkgroep"): g.get("conclusions", "") for g in versie.werkgroepen}
        return {
            "title": versie.title,
            "authors": versie.authors,
            "body": versie.body,
            "conclusions": versie.conclusions,
            **{f"werkgroep_{pk}": text for pk, text in saved.items()},
        }

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            verslag=getattr(bijeenkomst, "verslag", None),
            figures=services.verslag_figures(bijeenkomst=bijeenkomst),
            **kwargs,
        )

    def form_valid(self, form):
        verslag, versie, changed = services.verslag_save(
            bijeenkomst=self.get_bijeenkomst(),
            user=self.request.user,
            werkgroep_conclusies=form.werkgroep_conclusies(),
            **{k: form.cleaned_data[k] for k in ("title", "authors", "body", "conclusions")},
        )
        if not changed:
            messages.info(self.request, _("Er was niets veranderd; het verslag is hetzelfde."))
        elif verslag.is_published:
            messages.success(
                self.request,
                _(
                    "Versie %(n)s is gepubliceerd. De PDF wordt gemaakt; de vorige versie blijft "
                    "bewaard."
                )
                % {"n": versie.number},
            )
        else:
            messages.success(
                self.request,
                _("Het concept is opgeslagen. Alleen onderzoekers zien het tot je het publiceert."),
            )
        return HttpResponseRedirect(reverse("bijeenkomsten:verslag", args=[self.kwargs["pk"]]))


class VerslagPublishView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, View):
    light = True
    permission_required = "bijeenkomsten.manage"
    http_method_names = ["post"]

    def post(self, request, pk):
        verslag = get_object_or_404(Verslag, bijeenkomst_id=pk)
        try:
            published = services.verslag_publish(verslag=verslag)
        except services.RegistrationError as error:
            messages.error(request, str(error))
        else:
            if published:
                messages.success(
                    request,
                    _(
                        "Het verslag is gepubliceerd. De deelnemers krijgen een e-mail en de PDF "
                        "wordt gemaakt."
                    ),
                )
            else:
                messages.info(request, _("Het verslag was al gepubliceerd."))
        return HttpResponseRedirect(reverse("bijeenkomsten:verslag", args=[pk]))


class VerslagRetryView(_VerslagMixin, View):
    permission_required = "bijeenkomsten.manage"
    http_method_names = ["post"]

    def post(self, request, pk, number):
        versie = self.get_versie()
        job = render_job(kind=VERSLAG, object_id=versie.pk)
        if job is None:
            services.verslag_render(versie=versie)
        else:
            render_retry(job=job)
        messages.success(request, _("De PDF wordt opnieuw gemaakt."))
        latest = services.verslag_current(bijeenkomst=self.get_bijeenkomst())
        if versie.pk == latest.pk:
            return HttpResponseRedirect(reverse("bijeenkomsten:verslag", args=[pk]))
        return HttpResponseRedirect(reverse("bijeenkomsten:verslag-versie", args=[pk, number]))


class PresentielijstPdfView(_BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView):
    """Asks for the attendance list as PDF (made again only when the list changed) and shows
    how far it is, with the download once it is ready."""

    light = True

    template_name = "bijeenkomsten/presentielijst_pdf.html"
    permission_required = "bijeenkomsten.manage"

    def get(self, request, *args, **kwargs):
        if self.kwargs.get("download"):
            job = render_job(kind=PRESENTIELIJST, object_id=self.kwargs["pk"])
            return job_file_response(
                job, documents.presentielijst_document(self.kwargs["pk"]).filename
            )
        job = services.presentielijst_pdf_request(bijeenkomst=self.get_bijeenkomst())
        context = render_status_context(
            job=job,
            page_url=reverse("bijeenkomsten:presentielijst-pdf", args=[self.kwargs["pk"]]),
            status_url=reverse("bijeenkomsten:presentielijst-pdf", args=[self.kwargs["pk"]]),
            download_url=reverse(
                "bijeenkomsten:presentielijst-pdf-download", args=[self.kwargs["pk"]]
            ),
            retry_url=reverse("bijeenkomsten:presentielijst-pdf-retry", args=[self.kwargs["pk"]]),
            can_retry=True,
        )
        if request.htmx:
            return render(request, "includes/render_status_body.html", context)
        return self.render_to_response(
            self.get_context_data(bijeenkomst=self.get_bijeenkomst(), **context)
        )

    def post(self, request, pk):
        job = render_job(kind=PRESENTIELIJST, object_id=pk)
        if job is not None:
            render_retry(job=job)
        return HttpResponseRedirect(reverse("bijeenkomsten:presentielijst-pdf", args=[pk]))
