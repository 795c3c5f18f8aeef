import datetime

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import TemplateView

from bijeenkomsten.selectors import attendance as attendance_selectors
from gemeenten.selectors import lidmaatschap_of, viewer_context
from leerkring.core import health
from leerkring.core.charts import bar_chart, heatmap_chart, stacked_bar_chart
from leerkring.core.mail import site_url
from leerkring.core.selectors import heartbeat_latest

from . import selectors
from .programma.selectors.publiek import home_programmes
from .selectors import leerkring_list_for_home


class HomeView(TemplateView):
    template_name = "leerkring/home.html"

    def get_context_data(self, **kwargs):
        # With more than one circle, the programmes they belong to come first (issue 20);
        # with one circle, or none in a programme, the page is the list of circles.
        leerkringen = list(leerkring_list_for_home())
        return super().get_context_data(
            leerkringen=leerkringen,
            programmes=home_programmes(circles=leerkringen),
            **kwargs,
        )


class DashboardView(LoginRequiredMixin, TemplateView):
    """Where a person lands after logging in: "what is there for me now", one section per
    role they have (a coordinator is usually a civil servant too)."""

    template_name = "leerkring/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        _gemeente_id, admitted, researched = viewer_context(user)
        context = {
            "member": None,
            "coordinator": [],
            "researcher": None,
            "lidmaatschap": None,
            "manager": selectors.manager_home(user=user),
        }
        if admitted:
            context["member"] = selectors.member_home(user=user)
        else:
            context["lidmaatschap"] = lidmaatschap_of(user=user)
        for section in selectors.coordinator_home(user=user):
            series, rows = attendance_selectors.attendance_matrix(
                user=user, leerkring=section["leerkring"]
            )
            section["attendance_chart"] = stacked_bar_chart(
                title=_("Aanwezig per bijeenkomst uit %(gemeente)s")
                % {"gemeente": section["gemeente"].name},
                label_header=_("Bijeenkomst"),
                series=series,
                rows=rows,
                chart_id=f"grafiek-aanwezig-{section['deelname'].pk}",
            )
            context["coordinator"].append(section)
        if researched:
            context["researcher"] = self.researcher_context(user)
        return super().get_context_data(**context, **kwargs)

    def researcher_context(self, user) -> dict:
        home = selectors.researcher_home(user=user)
        # The charts cover one circle: the one asked for, else (also for a slug of a circle
        # this person does not run) the newest.
        circles = selectors.researched_circles(user=user)
        asked = self.request.GET.get("leerkring")
        circle = next((c for c in circles if c.slug == asked), circles[0])
        series, rows = attendance_selectors.attendance_matrix(user=user, leerkring=circle)
        roles, dilemma_rows = selectors.cases_per_dilemma_and_role(leerkring=circle)
        closing, downloads = selectors.closing_downloads_per_gemeente(leerkring=circle)
        charts = [
            stacked_bar_chart(
                title=_("Aanwezig per bijeenkomst, per gemeente"),
                label_header=_("Bijeenkomst"),
                series=series,
                rows=rows,
                chart_id="grafiek-aanwezigheid",
            ),
            heatmap_chart(
                title=_("Casussen per dilemma en rol"),
                label_header=_("Dilemma"),
                series=roles,
                rows=dilemma_rows,
                chart_id="grafiek-casussen",
            ),
        ]
        if closing is not None:
            charts.append(
                bar_chart(
                    title=_("Downloads van de slotpublicatie per gemeente"),
                    rows=downloads,
                    chart_id="grafiek-downloads",
                    label_header=_("Gemeente"),
                    value_header=_("Downloads"),
                )
            )
        return {
            **home,
            "circle": circle,
            "circles": circles,
            "charts": charts,
            "closing": closing,
        }


class CircleNumbersView(TemplateView):
    """The circle in numbers, for everyone: how many municipalities, meetings, people, cases
    and publications."""

    template_name = "leerkring/numbers.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(circles=selectors.circle_numbers(), **kwargs)


@never_cache
@require_GET
def health_view(request):
    """For load balancers and people on call: 200 when the database and broker answer."""
    database = health.database_status()
    broker = health.broker_status()
    healthy = database == health.OK and broker in (health.OK, health.NOT_CONFIGURED)
    worker = None
    if database == health.OK:
        heartbeat = heartbeat_latest()
        if heartbeat:
            worker = {"hostname": heartbeat.hostname, "last_seen": heartbeat.seen_at.isoformat()}
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": database,
            "broker": broker,
            "worker": worker,
        },
        status=200 if healthy else 503,
    )


def _contact_uri(contact: str) -> str:
    """RFC 9116 wants a URI; an operator who writes a bare e-mail address means mailto:."""
    if ":" not in contact and "@" in contact:
        return f"mailto:{contact}"
    return contact


@require_safe
@cache_control(public=True, max_age=3600)
def security_txt_view(request):
    """/.well-known/security.txt (RFC 9116): whom to tell about a vulnerability, in which
    languages, and until when this holds. Expires is always SECURITY_TXT_DAYS ahead of the
    request, so the file never goes stale; an hour in a cache moves it by at most an hour. Plain
    text for everyone, not translated; the view reads neither the session nor the database."""
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(
        days=settings.SECURITY_TXT_DAYS
    )
    lines = [
        "# Leerkring: how to report a vulnerability (SECURITY.md in the source code).",
        *(f"Contact: {_contact_uri(contact)}" for contact in settings.SECURITY_CONTACT),
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {site_url(reverse('security-txt'))}",
    ]
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
