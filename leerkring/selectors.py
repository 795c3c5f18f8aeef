"""Reads for the pages that combine several apps: the circle's page, the home of each role
and the circle in numbers."""

import datetime

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Aanmelding, Bijeenkomst, Verslag
from bijeenkomsten.selectors import registration as registration_selectors
from dilemmas.models import Casus, Dilemma, Kernvraag, Reactie, Rol
from dilemmas.selectors import casus_awaiting_anon_approval
from gemeenten.models import Deelname, Lidmaatschap, Partner
from gemeenten.selectors import (
    deelname_pending,
    deelname_without_coordinator,
    lidmaatschap_requests_for,
    viewer_context,
)
from leerkring.core.models import Leerkring, Programma
from leerkring.core.rendering.selectors import render_jobs_failed
from leerkring.core.rules import programmes_managed
from leerkring.core.selectors import leerkring_list
from publicaties.models import Download, Publicatie


def leerkring_list_for_home() -> QuerySet[Leerkring]:
    """Every circle with its programme, core questions and partners, in three queries whatever
    the rows."""
    return (
        leerkring_list()
        .select_related("programma")
        .prefetch_related(
            Prefetch("kernvragen", queryset=Kernvraag.objects.order_by("position", "id")),
            Prefetch("partners", queryset=Partner.objects.order_by("kind", "name")),
        )
    )


# --- Homes per role (DashboardView) -----------------------------------------------------------
# Each function answers "what is there for me now" for one role, in a fixed number of queries
# whatever the number of rows; the lists are capped, with a link to the full page.
RECENT_DAYS = 90
LIST_SIZE = 8


def member_home(*, user, now=None) -> dict:
    """A civil servant's meetings (with work group and waiting-list position), meetings still
    open to them, new reports of their circles and replies on their cases. With more than one
    circle (their municipality took part in several, issue 20) the meetings and cases are also
    grouped by circle, newest circle first (`by_circle`); the same queries either way."""
    now = now or timezone.now()
    admitted = viewer_context(user).admitted
    earlier_waiting = (
        Aanmelding.objects.filter(
            bijeenkomst=OuterRef("bijeenkomst"), status=Aanmelding.Status.WAITLIST
        )
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("bijeenkomst")
        .annotate(n=Count("pk"))
        .values("n")
    )
    mine = list(
        Aanmelding.objects.filter(
            deelnemer=user, status__in=Aanmelding.ACTIVE, bijeenkomst__ends_at__gte=now
        )
        .exclude(bijeenkomst__status=Bijeenkomst.Status.CANCELLED)
        .select_related("bijeenkomst", "werkgroep__dilemma")
        .annotate(position=Coalesce(Subquery(earlier_waiting), 0) + 1)
        .order_by("bijeenkomst__starts_at", "pk")
    )
    for aanmelding in mine:  # may they still change or cancel it (no queries)
        registration_selectors.with_own_actions(aanmelding, now=now)
    taken = [a.bijeenkomst_id for a in mine]
    open_meetings = list(
        Bijeenkomst.objects.filter(
            leerkring_id__in=admitted,
            status=Bijeenkomst.Status.PLANNED,
            starts_at__gte=now,
            registration_closes_at__gte=now,
        )
        .filter(Q(registration_opens_at__isnull=True) | Q(registration_opens_at__lte=now))
        .exclude(pk__in=taken)
        .order_by("starts_at", "pk")[:LIST_SIZE]
    )
    # The newest reports, new ones (of the last RECENT_DAYS days) marked as such; in a circle
    # that has ended there is nothing new, and the last reports are still what people look for.
    reports = list(
        Verslag.objects.filter(
            status=Verslag.Status.PUBLISHED, bijeenkomst__leerkring_id__in=admitted
        )
        .select_related("bijeenkomst__leerkring")
        .order_by("-published_at", "-pk")[:LIST_SIZE]
    )
    for verslag in reports:
        verslag.is_new = verslag.published_at >= now - datetime.timedelta(days=RECENT_DAYS)
    replies = list(
        Reactie.objects.filter(casus__author=user, is_hidden=False)
        .exclude(author=user)
        .select_related("casus", "author")
        .order_by("-created_at", "-pk")[:LIST_SIZE]
    )
    cases = list(
        Casus.objects.filter(author=user)
        .only("pk", "title", "status", "leerkring_id", "updated_at")
        .order_by("-updated_at", "-pk")[:LIST_SIZE]
    )
    return {
        "aanmeldingen": mine,
        "open_meetings": open_meetings,
        "reports": reports,
        "new_reports": sum(verslag.is_new for verslag in reports),
        "replies": replies,
        "recent_days": RECENT_DAYS,
        "cases": cases,
        **_member_circles(
            admitted=admitted, mine=mine, open_meetings=open_meetings, cases=cases, replies=replies
        ),
    }


def _member_circles(*, admitted, mine, open_meetings, cases, replies) -> dict:
    """The circles a member's meetings and cases belong to, each with its own part of them
    (one query: the circles' titles). `by_circle` when there is more than one."""
    ids = (
        set(admitted)
        | {a.bijeenkomst.leerkring_id for a in mine}
        | {b.leerkring_id for b in open_meetings}
        | {c.leerkring_id for c in cases}
        | {r.casus.leerkring_id for r in replies}
    )
    if len(ids) < 2:
        return {"by_circle": False, "circles": []}
    groups = [
        {
            "leerkring": circle,
            "aanmeldingen": [a for a in mine if a.bijeenkomst.leerkring_id == circle.pk],
            "open_meetings": [b for b in open_meetings if b.leerkring_id == circle.pk],
            "cases": [c for c in cases if c.leerkring_id == circle.pk],
            "replies": [r for r in replies if r.casus.leerkring_id == circle.pk],
        }
        for circle in Leerkring.objects.filter(pk__in=ids)
        .only("pk", "title", "slug", "phase", "starts_on", "ends_on")
        .order_by("-starts_on", "-pk")
    ]
    return {"by_circle": True, "circles": groups}


def manager_home(*, user) -> list[dict]:
    """The programmes a programme manager manages, each with its circles (newest first) and
    their phase, in two queries."""
    managed = programmes_managed(user)
    if not managed:
        return []
    circles = Prefetch(
        "leerkringen",
        queryset=Leerkring.objects.only(
            "pk", "title", "slug", "phase", "starts_on", "ends_on", "programma_id"
        ).order_by("-starts_on", "-pk"),
    )
    return [
        {"programma": programma, "circles": list(programma.leerkringen.all())}
        for programma in Programma.objects.filter(pk__in=managed)
        .prefetch_related(circles)
        .order_by("title", "pk")
    ]


def coordinator_home(*, user) -> list[dict]:
    """For each municipality this person coordinates (admitted to a circle): its people with
    how many meetings they attended, requests waiting for a decision and downloads of the
    circle's publications, all by people of that municipality only. (Attendance per meeting
    is the chart of bijeenkomsten.selectors.attendance.attendance_matrix, which is limited the
    same way.)"""
    deelnames = list(
        Deelname.objects.filter(coordinators=user, status=Deelname.Status.ADMITTED)
        .select_related("gemeente", "leerkring")
        .order_by("gemeente__name", "-leerkring__starts_on")
    )
    if not deelnames:
        return []
    gemeente_ids = {d.gemeente_id for d in deelnames}
    circle_ids = {d.leerkring_id for d in deelnames}
    people = (
        Lidmaatschap.objects.filter(
            gemeente_id__in=gemeente_ids, status=Lidmaatschap.Status.CONFIRMED
        )
        .select_related("user")
        .annotate(
            attended=Count(
                "user__aanmeldingen",
                filter=Q(
                    user__aanmeldingen__status=Aanmelding.Status.ATTENDED,
                    user__aanmeldingen__bijeenkomst__leerkring_id__in=circle_ids,
                ),
            ),
        )
        .order_by("user__name", "pk")
    )
    pending = lidmaatschap_requests_for(user=user).filter(gemeente_id__in=gemeente_ids)
    downloads = (
        Publicatie.objects.filter(leerkring_id__in=circle_ids)
        .annotate(
            **{
                f"n_{g}": Count("downloads", filter=Q(downloads__gemeente_id=g))
                for g in gemeente_ids
            },
            **{
                # One forgotten download of each person counts as them (downloads_forget).
                f"people_{g}": Count(
                    "downloads__user", filter=Q(downloads__gemeente_id=g), distinct=True
                )
                + Count(
                    "downloads",
                    filter=Q(downloads__gemeente_id=g, downloads__counts_as_person=True),
                )
                for g in gemeente_ids
            },
        )
        .order_by("-release_at", "title")
    )
    people, pending, downloads = list(people), list(pending), list(downloads)
    sections = []
    for deelname in deelnames:
        g = deelname.gemeente_id
        sections.append(
            {
                "deelname": deelname,
                "gemeente": deelname.gemeente,
                "leerkring": deelname.leerkring,
                "people": [p for p in people if p.gemeente_id == g],
                "pending": [p for p in pending if p.gemeente_id == g],
                "downloads": [
                    {
                        "publicatie": p,
                        "downloads": getattr(p, f"n_{g}"),
                        "people": getattr(p, f"people_{g}"),
                    }
                    for p in downloads
                    if p.leerkring_id == deelname.leerkring_id
                ],
            }
        )
    return sections


def researcher_home(*, user, now=None) -> dict:
    """What waits for a researcher in the circles they run: coming meetings with their seats,
    reports still to write, PDFs that failed, and applications and requests to decide on."""
    now = now or timezone.now()
    researched = viewer_context(user).researched
    seated = Count("aanmeldingen", filter=Q(aanmeldingen__status__in=Aanmelding.SEATED))
    waiting = Count("aanmeldingen", filter=Q(aanmeldingen__status=Aanmelding.Status.WAITLIST))
    upcoming = list(
        Bijeenkomst.objects.filter(leerkring_id__in=researched, ends_at__gte=now)
        .exclude(status=Bijeenkomst.Status.CANCELLED)
        .annotate(seated=seated, waiting=waiting)
        .order_by("starts_at", "pk")[:LIST_SIZE]
    )
    for meeting in upcoming:
        meeting.percent_full = min(100, meeting.seated * 100 // meeting.capacity)
    reports_due = list(
        Bijeenkomst.objects.filter(leerkring_id__in=researched, ends_at__lt=now)
        .exclude(status=Bijeenkomst.Status.CANCELLED)
        .filter(Q(verslag__isnull=True) | Q(verslag__status=Verslag.Status.DRAFT))
        .select_related("verslag")
        .order_by("-starts_at", "-pk")[:LIST_SIZE]
    )
    return {
        "upcoming": upcoming,
        "reports_due": reports_due,
        "failed_jobs": failed_render_jobs(researched=researched),
        "deelnames": list(deelname_pending().filter(leerkring_id__in=researched)[:LIST_SIZE]),
        "lidmaatschappen": list(lidmaatschap_requests_for(user=user)[:LIST_SIZE]),
        "anon_approvals": list(casus_awaiting_anon_approval(user=user)[:LIST_SIZE]),
        "without_coordinator": list(
            deelname_without_coordinator(researched=researched)[:LIST_SIZE]
        ),
    }


def failed_render_jobs(*, researched: frozenset[int]) -> list[dict]:
    """PDF jobs that failed, of documents in these circles, each with the page to retry it
    on: of every kind of PDF, each kind resolved with one query (leerkring/core/rendering)."""
    return render_jobs_failed(circles=researched, limit=LIST_SIZE)


def researched_circles(*, user) -> list[Leerkring]:
    """The circles this person runs as a researcher, newest first."""
    return list(
        Leerkring.objects.filter(pk__in=viewer_context(user).researched).order_by("-starts_on")
    )


def cases_per_dilemma_and_role(
    *, leerkring: Leerkring
) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Published cases of a circle per dilemma (rows) and role (columns); a case with two
    roles counts under both."""
    dilemmas = list(Dilemma.objects.filter(leerkring=leerkring).order_by("position", "pk"))
    rollen = list(Rol.objects.order_by("kind", "position", "pk"))
    counts = {
        (row["casus__dilemma_id"], row["rol_id"]): row["n"]
        for row in Casus.rollen.through.objects.filter(
            casus__leerkring=leerkring, casus__status=Casus.Status.PUBLISHED
        )
        .values("casus__dilemma_id", "rol_id")
        .annotate(n=Count("casus_id"))
        .order_by()
    }
    return [r.name for r in rollen], [
        (d.title, [counts.get((d.pk, r.pk), 0) for r in rollen]) for d in dilemmas
    ]


def closing_downloads_per_gemeente(*, leerkring: Leerkring) -> tuple[Publicatie | None, list]:
    """Downloads of the circle's closing publication per municipality (people without one
    under "zonder gemeente")."""
    publicatie = (
        Publicatie.objects.filter(leerkring=leerkring, kind=Publicatie.Kind.CLOSING)
        .order_by("-release_at", "-pk")
        .first()
    )
    if publicatie is None:
        return None, []
    rows = (
        Download.objects.filter(publicatie=publicatie)
        .values("gemeente__name")
        .annotate(n=Count("pk"))
        .order_by("gemeente__name")
    )
    return publicatie, [
        (row["gemeente__name"] or str(_("zonder gemeente")), row["n"]) for row in rows
    ]


# --- The circle in numbers (public) -----------------------------------------------------------
# The five figures of D30, in the order the pages show them.
FIGURES = ("gemeenten", "meetings", "participants", "cases", "publications")
FIGURE_LABELS = {
    "gemeenten": _("gemeenten"),
    "meetings": _("bijeenkomsten gehouden"),
    "participants": _("deelnemers"),
    "cases": _("casussen"),
    "publications": _("publicaties"),
}


def meetings_held(*, now) -> QuerySet[Bijeenkomst]:
    """Meetings held (D30): over and not cancelled, whether or not a researcher marked them
    held."""
    return Bijeenkomst.objects.filter(
        Q(status=Bijeenkomst.Status.HELD)
        | Q(ends_at__lt=now) & ~Q(status=Bijeenkomst.Status.CANCELLED)
    )


def participations(*, now) -> QuerySet[Aanmelding]:
    """What makes a person a participant (D30): a seat at, or attendance of, a meeting held."""
    return Aanmelding.objects.filter(
        status__in=Aanmelding.SEATED, bijeenkomst__in=meetings_held(now=now)
    )


def admitted_deelnames() -> QuerySet[Deelname]:
    return Deelname.objects.filter(status=Deelname.Status.ADMITTED)


def circle_counts(*, circles, now=None) -> dict[int, dict[str, int]]:
    """Per circle (by id): the five figures of D30 as numbers (FIGURES). Five grouped
    queries, whatever the number of circles; none without circles."""
    now = now or timezone.now()
    ids = [circle.pk for circle in circles]
    if not ids:
        return {}

    def per_circle(queryset, field="leerkring_id", **annotation) -> dict[int, int]:
        return dict(
            queryset.filter(**{f"{field}__in": ids})
            .values(field)
            .annotate(**annotation)
            .order_by()
            .values_list(field, "n")
        )

    counted = {
        "gemeenten": per_circle(admitted_deelnames(), n=Count("pk")),
        "meetings": per_circle(meetings_held(now=now), n=Count("pk")),
        "participants": per_circle(
            participations(now=now),
            field="bijeenkomst__leerkring_id",
            n=Count("deelnemer", distinct=True),
        ),
        "cases": per_circle(Casus.objects.filter(status=Casus.Status.PUBLISHED), n=Count("pk")),
        "publications": per_circle(
            Publicatie.objects.filter(visibility=Publicatie.Visibility.PUBLIC, release_at__lte=now),
            n=Count("pk"),
        ),
    }
    return {pk: {name: counted[name].get(pk, 0) for name in FIGURES} for pk in ids}


def figures_of(counts: dict[str, int]) -> list[tuple[str, int]]:
    """The five numbers with their labels, as the pages show them."""
    return [(FIGURE_LABELS[name], counts[name]) for name in FIGURES]


def circle_numbers(*, circles=None, now=None) -> list[dict]:
    """Per circle (every public circle unless `circles` are given): municipalities taking
    part, meetings held, participants (people who took part in at least one meeting held),
    published cases and released public publications (D30). Five grouped queries (and one for
    the circles when not given), whatever the number of circles."""
    circles = list(leerkring_list() if circles is None else circles)
    counts = circle_counts(circles=circles, now=now)
    return [
        {
            "leerkring": circle,
            "counts": counts[circle.pk],
            "figures": figures_of(counts[circle.pk]),
        }
        for circle in circles
    ]
