import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from gemeenten import services as gemeenten_services
from gemeenten.models import Lidmaatschap
from gemeenten.selectors import lidmaatschap_of
from leerkring.core.models import AuditEntry
from leerkring.core.views import PermissionRequiredOr404Mixin

from . import digest, privacy
from .deelnamebewijs_views import deelnamebewijs_status
from .forms import AccountDeleteForm, ProfileForm


class ProfileView(LoginRequiredMixin, FormView):
    template_name = "leerkring/profile.html"
    form_class = ProfileForm

    def dispatch(self, request, *args, **kwargs):
        self.lidmaatschap = (
            lidmaatschap_of(user=request.user) if request.user.is_authenticated else None
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "has_membership": self.lidmaatschap is not None}

    def get_initial(self):
        user = self.request.user
        initial = {"name": user.name}
        if self.lidmaatschap:
            initial |= {
                "job_title": self.lidmaatschap.job_title,
                "visible_to_colleagues": self.lidmaatschap.visible_to_colleagues,
            }
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(lidmaatschap=self.lidmaatschap, **kwargs)
        # A confirmed member's certificate of participation, asked for once they attended.
        lidmaatschap = self.lidmaatschap
        if lidmaatschap and lidmaatschap.status == Lidmaatschap.Status.CONFIRMED:
            status = deelnamebewijs_status(lidmaatschap=lidmaatschap, user=self.request.user)
            context |= {"show_deelnamebewijs": True, "own": True, **status}
        return context

    @transaction.atomic
    def form_valid(self, form):
        user = self.request.user
        data = form.cleaned_data
        user.name = data["name"]
        user.save(update_fields=["name"])
        if self.lidmaatschap:
            gemeenten_services.lidmaatschap_update(
                lidmaatschap=self.lidmaatschap,
                job_title=data["job_title"],
                visible=data["visible_to_colleagues"],
            )
        messages.success(self.request, _("Je gegevens zijn opgeslagen."))
        return HttpResponseRedirect(reverse("profile"))


class DataExportView(LoginRequiredMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        data = privacy.personal_data_json(user=request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-leerkring.json"'
        return response


class AccountDeleteView(LoginRequiredMixin, FormView):
    template_name = "leerkring/account_delete.html"
    form_class = AccountDeleteForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        user = self.request.user
        logout(self.request)
        privacy.account_delete(user=user)
        messages.success(
            self.request,
            _("Je account is verwijderd. Wat je schreef blijft staan onder ‘voormalig deelnemer’."),
        )
        return HttpResponseRedirect(reverse("home"))


class DigestUnsubscribeView(TemplateView):
    """Stop the weekly digest from the link in the e-mail, without logging in: the signed
    token is the permission. GET asks for confirmation (so that a mail scanner following the
    link changes nothing); POST stops it. A forged or outdated token answers 404."""

    login_instead_of_404 = False

    template_name = "leerkring/digest_unsubscribe.html"

    def dispatch(self, request, *args, token, **kwargs):
        self.person = digest.digest_recipient_from_token(token=token)
        if self.person is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subscribed=self.person.weekly_digest, **kwargs)

    def post(self, request, *args, **kwargs):
        digest.digest_unsubscribe(user=self.person)
        return self.render_to_response(self.get_context_data(done=True))


class AuditLogView(PermissionRequiredOr404Mixin, TemplateView):
    template_name = "leerkring/auditlog.html"
    permission_required = "core.view_auditentry"

    def get_context_data(self, **kwargs):
        entries = AuditEntry.objects.select_related("actor").order_by("-created_at", "-id")
        page = Paginator(entries, 50).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(page=page, **kwargs)
