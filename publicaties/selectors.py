from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from gemeenten.selectors import viewer_context
from leerkring.core import search
from leerkring.core.models import RenderJob
from leerkring.core.rendering.selectors import render_job

from .documents import KIND
from .models import Download, PdfUpload, Publicatie, PublicatieVersie
from .rules import coordinated_circles


def publicatie_visible_to(user, now=None) -> QuerySet[Publicatie]:
    """What a person may see: everything of the circles they research or coordinate in, and
    elsewhere what is released to them (public, or members' of a circle they take part in)."""
    now = now or timezone.now()
    _gemeente_id, admitted, researched = viewer_context(user)
    coordinated = coordinated_circles(user)
    released = Q(release_at__lte=now) & (
        Q(visibility=Publicatie.Visibility.PUBLIC)
        | Q(visibility=Publicatie.Visibility.MEMBERS, leerkring_id__in=admitted)
    )
    return Publicatie.objects.filter(released | Q(leerkring_id__in=researched | coordinated))


def publicatie_list(*, user) -> QuerySet[Publicatie]:
    return (
        publicatie_visible_to(user)
        .select_related("leerkring")
        .prefetch_related("authors")
        .order_by("-release_at", "title")
    )


def publicatie_public(now=None) -> QuerySet[Publicatie]:
    """What everyone may see, logged in or not: released public publications (the Atom
    feeds, a programme's publications)."""
    now = now or timezone.now()
    return Publicatie.objects.filter(visibility=Publicatie.Visibility.PUBLIC, release_at__lte=now)


def public_feed(*, leerkringen=None) -> QuerySet[Publicatie]:
    """Released public publications, newest first (the Atom feeds): of every circle, or of
    `leerkringen` (circles, or a queryset of them: a programme's, or one)."""
    publicaties = publicatie_public()
    if leerkringen is not None:
        publicaties = publicaties.filter(leerkring__in=leerkringen)
    return (
        publicaties.select_related("leerkring")
        .prefetch_related("authors")
        .order_by("-release_at", "-pk")[:50]
    )


def publicatie_detail(*, slug: str) -> Publicatie:
    return (
        Publicatie.objects.select_related("leerkring")
        .prefetch_related(
            "authors",
            Prefetch(
                "versies",
                queryset=PublicatieVersie.objects.select_related("created_by").order_by("-number"),
            ),
        )
        .get(slug=slug)
    )


def current_versie(publicatie: Publicatie) -> PublicatieVersie | None:
    versies = list(publicatie.versies.all())  # prefetched, newest first
    return versies[0] if versies else None


def pending_upload(
    publicatie: Publicatie, *, current: PublicatieVersie | None, include_refused: bool
) -> PdfUpload | None:
    """The publication's newest uploaded PDF when it has not become a version: still being
    checked, or (for the researchers, `include_refused`) refused after the current version
    was saved."""
    upload = publicatie.uploads.exclude(status=PdfUpload.Status.ACCEPTED).first()
    if upload is None or (upload.status == PdfUpload.Status.REFUSED and not include_refused):
        return None
    if (
        upload.status == PdfUpload.Status.REFUSED
        and current is not None
        and current.created_at > upload.created_at
    ):
        return None  # a version saved since then answers it
    return upload


def upload_for_status(publicatie: Publicatie, upload_id: int) -> PdfUpload | None:
    """One upload of this publication (for the live status box)."""
    return publicatie.uploads.filter(pk=upload_id).first()


def render_job_for(versie: PublicatieVersie | None) -> RenderJob | None:
    """The PDF job of a written version (an uploaded PDF has none)."""
    if versie is None or versie.is_upload:
        return None
    return render_job(kind=KIND, object_id=versie.pk)


def download_figures(*, user) -> list[dict]:
    """Per publication of the circles this person researches: downloads per municipality and
    per partner, and by visitors without an account."""
    researched = viewer_context(user).researched
    publicaties = list(
        Publicatie.objects.filter(leerkring_id__in=researched).order_by("-release_at", "title")
    )
    downloads = Download.objects.filter(publicatie__in=publicaties)
    # A download older than a year no longer says who made it; one of each person's counts as
    # them (publicaties.services.downloads_forget).
    people = Count("user", distinct=True) + Count("id", filter=Q(counts_as_person=True))
    per_gemeente = downloads.values("publicatie_id", "gemeente__name").annotate(
        n=Count("id"), people=people
    )
    per_partner = (
        downloads.filter(partner__isnull=False)
        .values("publicatie_id", "partner__name")
        .annotate(n=Count("id"), people=people)
    )
    figures = {
        p.pk: {"publicatie": p, "gemeenten": [], "partners": [], "total": 0} for p in publicaties
    }
    for row in sorted(
        per_gemeente, key=lambda r: (r["gemeente__name"] is None, r["gemeente__name"] or "")
    ):
        entry = figures[row["publicatie_id"]]
        entry["gemeenten"].append(row)
        entry["total"] += row["n"]
    for row in sorted(per_partner, key=lambda r: r["partner__name"]):
        figures[row["publicatie_id"]]["partners"].append(row)
    return list(figures.values())


def personal_data(*, user) -> dict:
    return {
        "publicaties.download": [
            {"publicatie": d.publicatie.title, "tijdstip": d.created_at.isoformat()}
            for d in Download.objects.filter(user=user).select_related("publicatie")
        ],
        "publicaties.publicatie_authors": list(
            Publicatie.objects.filter(authors=user).values_list("title", flat=True)
        ),
        "publicaties.pdfupload": [
            {
                "publicatie": u.publicatie.title,
                "geupload": u.created_at.isoformat(),
                "status": u.status,
            }
            for u in PdfUpload.objects.filter(created_by=user).select_related("publicatie")
        ],
        "publicaties.publicatieversie": [
            {"publicatie": v.publicatie.title, "versie": v.number}
            for v in PublicatieVersie.objects.filter(created_by=user).select_related("publicatie")
        ],
    }


def publicatie_search(*, user, query: str, limit: int) -> list[Publicatie]:
    """Publications this person may see (publicatie_visible_to) whose title or abstract match
    (leerkring/core/search.py); at most `limit` + 1, best first, each with `snippet` (the
    abstract around the hits). For the site search (leerkring/search.py)."""
    return search.find(
        publicatie_visible_to(user).select_related("leerkring"),
        query,
        vector="search_vector",
        passage=F("abstract"),
        fields=("title", "abstract"),
        text=lambda row: row.abstract,
        order=("-release_at", "-pk"),
        limit=limit,
    )
