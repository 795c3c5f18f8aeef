"""Writing to participants: write a message, see it as it will arrive with the number of
recipients, send it; and read the messages you received.

Three places to write from, one flow: a meeting (its researchers, to the seated people, the
waiting list or one work group), a circle (its researchers, to all its members) and a
municipality's participation (its coordinator, to the municipality's people). The form posts
to itself and gets the preview back; the preview's "Versturen" posts the same fields to the
send view, with the number it showed."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from gemeenten.models import Deelname
from leerkring.core.models import Leerkring
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..forms import BerichtForm
from ..models import Bericht, Werkgroep
from ..selectors import berichten as berichten_selectors
from ..services import berichten
from .common import BijeenkomstMixin


class _WriteMixin(DomainErrorMixin, PermissionRequiredOr404Mixin):
    """What the three places share. A subclass says who the message can go to
    (`audiences`, `doelgroep`), what it is about (`about`) and where the writer came from
    (`back_url`)."""

    form_class = BerichtForm
    template_name = "bijeenkomsten/bericht_form.html"
    send_url_name = ""
    write_url_name = ""

    def audiences(self) -> list[tuple[str, str]]:
        """The choices of "Aan wie"; none when there is only one group."""
        return []

    def doelgroep(self, aan: str | None) -> berichten.Doelgroep:
        raise NotImplementedError

    def url_args(self) -> list:
        return [self.kwargs["pk"]]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "audiences": self.audiences()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            about=self.about(),
            back_url=self.back_url(),
            write_url=reverse(self.write_url_name, args=self.url_args()),
            send_url=reverse(self.send_url_name, args=self.url_args()),
            limits=berichten.limits(),
            **kwargs,
        )


class _WriteView(_WriteMixin, FormView):
    """GET: the empty form. POST: the preview, or the form again with what was typed
    ("Aanpassen" from the preview, or a mistake)."""

    def form_valid(self, form):
        if "aanpassen" in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        doelgroep = self.doelgroep(form.cleaned_data.get("aan"))
        telling = berichten.bericht_preview(sender=self.request.user, doelgroep=doelgroep)
        self.template_name = "bijeenkomsten/bericht_preview.html"
        return self.render_to_response(
            self.get_context_data(
                form=form,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                telling=telling,
                doelgroep=doelgroep,
                audience_label=self.audience_label(doelgroep),
            )
        )

    def audience_label(self, doelgroep) -> str:
        return _audience_label(doelgroep)


class _SendView(_WriteMixin, FormView):
    """POST only, from the preview: send, then show the message as sent. A mistake (the text
    changed to something not allowed, the hourly limit, the group changed since the preview)
    shows the form again with the message."""

    http_method_names = ["post"]

    def form_valid(self, form):
        bericht = berichten.bericht_send(
            sender=self.request.user,
            doelgroep=self.doelgroep(form.cleaned_data.get("aan")),
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            expected=form.cleaned_data.get("expected"),
        )
        messages.success(
            self.request,
            ngettext(
                "Je bericht is verstuurd naar %(n)s persoon.",
                "Je bericht is verstuurd naar %(n)s mensen.",
                bericht.recipient_count,
            )
            % {"n": bericht.recipient_count},
        )
        return HttpResponseRedirect(reverse("berichten:detail", args=[bericht.pk]))


def _audience_label(doelgroep) -> str:
    """In words, to whom: "iedereen met een plek bij Kick-off" and so on. Takes a Doelgroep
    or a sent Bericht (whose work group or municipality may have gone since)."""
    A = Bericht.Audience
    bijeenkomst, werkgroep, gemeente = (
        doelgroep.bijeenkomst,
        doelgroep.werkgroep,
        doelgroep.gemeente,
    )
    if doelgroep.audience == A.SEATED:
        return _("iedereen met een plek bij %(title)s") % {"title": bijeenkomst.title}
    if doelgroep.audience == A.WAITLIST:
        return _("de wachtlijst van %(title)s") % {"title": bijeenkomst.title}
    if doelgroep.audience == A.WERKGROEP and werkgroep is not None:
        return _("werkgroep %(name)s van %(title)s") % {
            "name": werkgroep.title,
            "title": bijeenkomst.title,
        }
    if doelgroep.audience == A.WERKGROEP:
        return _("een werkgroep van %(title)s") % {"title": bijeenkomst.title}
    if doelgroep.audience == A.LEERKRING:
        return _("alle deelnemers van %(title)s") % {"title": doelgroep.leerkring.title}
    if gemeente is not None:
        return _("de deelnemers uit %(name)s") % {"name": gemeente.name}
    return _("de deelnemers van een gemeente")


# --- A meeting ----------------------------------------------------------------------------
class _MeetingMixin(BijeenkomstMixin):
    light = True
    permission_required = "bijeenkomsten.manage"
    write_url_name = "bijeenkomsten:bericht-write"
    send_url_name = "bijeenkomsten:bericht-send"

    def werkgroepen(self) -> list[Werkgroep]:
        if not hasattr(self, "_werkgroepen"):
            self._werkgroepen = list(self.get_bijeenkomst().werkgroepen.order_by("title"))
        return self._werkgroepen

    def audiences(self):
        A = Bericht.Audience
        return [
            (A.SEATED, _("Iedereen met een plek (aangemeld of aanwezig geweest)")),
            (A.WAITLIST, _("Iedereen op de wachtlijst")),
            *[
                (f"werkgroep-{g.pk}", _("Werkgroep %(name)s") % {"name": g.title})
                for g in self.werkgroepen()
            ],
        ]

    def doelgroep(self, aan):
        bijeenkomst = self.get_bijeenkomst()
        werkgroep = None
        audience = aan
        if aan.startswith("werkgroep-"):
            audience = Bericht.Audience.WERKGROEP
            werkgroep = next(g for g in self.werkgroepen() if f"werkgroep-{g.pk}" == aan)
        return berichten.Doelgroep(
            audience=audience,
            leerkring=bijeenkomst.leerkring,
            bijeenkomst=bijeenkomst,
            werkgroep=werkgroep,
        )

    def about(self) -> str:
        return self.get_bijeenkomst().title

    def back_url(self) -> str:
        return reverse("bijeenkomsten:bijeenkomst-detail", args=[self.kwargs["pk"]])

    def get_initial(self):
        return {"aan": Bericht.Audience.SEATED}


class BijeenkomstBerichtWriteView(_MeetingMixin, _WriteView):
    pass


class BijeenkomstBerichtSendView(_MeetingMixin, _SendView):
    pass


# --- A circle -----------------------------------------------------------------------------
class _LeerkringMixin:
    permission_required = "bijeenkomsten.write_leerkring"
    write_url_name = "berichten:leerkring-write"
    send_url_name = "berichten:leerkring-send"

    def get_leerkring(self) -> Leerkring:
        if not hasattr(self, "_leerkring"):
            self._leerkring = get_object_or_404(Leerkring, slug=self.kwargs["slug"])
        return self._leerkring

    def get_permission_object(self):
        return self.get_leerkring()

    def url_args(self):
        return [self.kwargs["slug"]]

    def doelgroep(self, aan):
        return berichten.Doelgroep(
            audience=Bericht.Audience.LEERKRING, leerkring=self.get_leerkring()
        )

    def about(self) -> str:
        return self.get_leerkring().title

    def back_url(self) -> str:
        return reverse("dashboard")


class LeerkringBerichtWriteView(_LeerkringMixin, _WriteView):
    pass


class LeerkringBerichtSendView(_LeerkringMixin, _SendView):
    pass


# --- A municipality (its coordinator) -----------------------------------------------------
class _GemeenteMixin:
    """The participation (municipality in a circle) from the URL, if this person coordinates
    it; a 404 for anyone else, also for the coordinator of another municipality."""

    permission_required = "bijeenkomsten.write_gemeente"
    write_url_name = "berichten:gemeente-write"
    send_url_name = "berichten:gemeente-send"

    def get_deelname(self) -> Deelname:
        if not hasattr(self, "_deelname"):
            self._deelname = get_object_or_404(
                Deelname.objects.select_related("gemeente", "leerkring"), pk=self.kwargs["pk"]
            )
        return self._deelname

    def get_permission_object(self):
        return self.get_deelname()

    def doelgroep(self, aan):
        deelname = self.get_deelname()
        return berichten.Doelgroep(
            audience=Bericht.Audience.GEMEENTE,
            leerkring=deelname.leerkring,
            gemeente=deelname.gemeente,
        )

    def about(self) -> str:
        deelname = self.get_deelname()
        return f"{deelname.gemeente.name} · {deelname.leerkring.title}"

    def back_url(self) -> str:
        return reverse("gemeenten:gemeente-detail", args=[self.get_deelname().gemeente.slug])


class GemeenteBerichtWriteView(_GemeenteMixin, _WriteView):
    pass


class GemeenteBerichtSendView(_GemeenteMixin, _SendView):
    pass


# --- Reading ------------------------------------------------------------------------------
class BerichtListView(TemplateView):
    """The messages I may read (bericht_visible_to): received, sent, or, for a researcher,
    every message in their circles. Logged-out visitors get a 404, like every page that
    shows nothing to them."""

    template_name = "bijeenkomsten/bericht_list.html"
    page_size = 25

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        page = Paginator(
            berichten_selectors.bericht_list(user=self.request.user), self.page_size
        ).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(page=page, berichten=page.object_list, **kwargs)


class BerichtDetailView(TemplateView):
    template_name = "bijeenkomsten/bericht_detail.html"

    def get_context_data(self, **kwargs):
        try:
            bericht = berichten_selectors.bericht_detail(
                user=self.request.user, pk=self.kwargs["pk"]
            )
        except Bericht.DoesNotExist as exc:
            raise Http404 from exc
        return super().get_context_data(
            bericht=bericht, audience_label=_audience_label(bericht), **kwargs
        )
