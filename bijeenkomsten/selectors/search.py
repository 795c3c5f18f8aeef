"""What the site search (leerkring/search.py) finds among meetings and reports, as far as the
person may read them (leerkring/core/search.py does the matching and the snippets)."""

from django.contrib.postgres.search import SearchRank
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, TextField, Value, When

from gemeenten.selectors import viewer_context
from leerkring.core import search

from ..models import Bijeenkomst, Verslag, VerslagVersie
from .lists import bijeenkomst_visible_to


def _circles_read(user) -> frozenset:
    """The circles whose meetings' details and published reports this person reads: those
    they take part in or research (rules: view_details, view_verslag)."""
    _gemeente_id, admitted, researched = viewer_context(user)
    return admitted | researched


def bijeenkomst_search(*, user, query: str, limit: int) -> list[Bijeenkomst]:
    """Meetings this person sees (bijeenkomst_visible_to) whose title matches, or, for the
    circle's members and researchers, who read the description, title or description. At
    most `limit` + 1 (the caller says "more"), best first, each with `snippet` (the
    description around the hits, for those who read it; empty for others)."""
    details = Q(leerkring_id__in=_circles_read(user))
    rows = bijeenkomst_visible_to(user).select_related("leerkring")
    if search.on_postgresql():
        terms = search.search_query(query)
        if terms is None:
            return []
        found = list(
            rows.filter(Q(search_title=terms) | (details & Q(search_vector=terms)))
            .annotate(
                rank=Case(
                    When(details, then=SearchRank(F("search_vector"), terms)),
                    default=SearchRank(F("search_title"), terms),
                ),
                passage=Case(
                    When(details, then=search.headline(F("description"), terms)),
                    default=Value(""),
                    output_field=TextField(),
                ),
            )
            .order_by("-rank", "-starts_at", "-pk")[: limit + 1]
        )
        for row in found:
            row.snippet = search.highlight(row.passage) if row.passage else ""
        return found
    in_title, in_all = search.matches("found_title", query), search.matches("found_all", query)
    if in_title is None:
        return []
    found = list(
        rows.annotate(
            found_title=search.folded("title"), found_all=search.folded("title", "description")
        )
        .filter(in_title | (details & in_all))
        .order_by("-starts_at", "-pk")[: limit + 1]
    )
    circles = _circles_read(user)
    for row in found:
        reads = row.leerkring_id in circles and row.description
        row.snippet = search.python_snippet(row.description, query) if reads else ""
    return found


def verslag_readable_by(user) -> QuerySet[VerslagVersie]:
    """The report texts this person reads: the newest version of each published report of
    the circles they take part in or research (rules: view_verslag, reads_published_verslag;
    drafts and older versions are the researchers' pages, not searched)."""
    newer = VerslagVersie.objects.filter(
        verslag_id=OuterRef("verslag_id"), number__gt=OuterRef("number")
    )
    return VerslagVersie.objects.filter(
        ~Exists(newer),
        verslag__status=Verslag.Status.PUBLISHED,
        verslag__bijeenkomst__leerkring_id__in=_circles_read(user),
    )


def verslag_search(*, user, query: str, limit: int) -> list[VerslagVersie]:
    """Published reports this person reads whose title, text or conclusions match; at most
    `limit` + 1, best first, each with `snippet` (the text around the hits)."""
    return search.find(
        verslag_readable_by(user).select_related("verslag__bijeenkomst"),
        query,
        vector="search_vector",
        passage=F("body"),
        fields=("title", "body", "conclusions"),
        text=lambda row: f"{row.body} {row.conclusions}",
        order=("-published_at", "-pk"),
        limit=limit,
    )
