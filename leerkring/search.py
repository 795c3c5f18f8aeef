"""The site search: one box in the header, every kind of content a person may read, grouped by
kind (docs/architecture.md, "Search"). Each app finds its own rows through its own visibility
selector (bijeenkomsten.selectors.search, publicaties.selectors.publicatie_search,
dilemmas.selectors.dilemma_search and casus_search); the matching and the snippets are
leerkring/core/search.py's. One query per kind, whatever the number of rows."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.selectors import search as bijeenkomsten_search
from dilemmas.models import Casus
from dilemmas.selectors import (
    casus_as_seen,
    casus_search,
    casus_several_circles,
    casus_visible_to,
    dilemma_search,
)
from leerkring.core import search
from publicaties.selectors import publicatie_search

# Hits shown per kind; when there are more, the page says so (and links the case library).
PER_KIND = 10


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: SafeString | str
    meta: str = ""
    when: object = None


@dataclass
class Group:
    key: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False
    more_url: str = ""


def _meetings(user, query):
    for row in bijeenkomsten_search.bijeenkomst_search(user=user, query=query, limit=PER_KIND):
        yield Hit(
            title=row.title,
            url=reverse("bijeenkomsten:bijeenkomst-detail", args=[row.pk]),
            snippet=row.snippet,
            meta=row.get_kind_display(),
            when=row.starts_at,
        )


def _reports(user, query):
    for row in bijeenkomsten_search.verslag_search(user=user, query=query, limit=PER_KIND):
        meeting = row.verslag.bijeenkomst
        yield Hit(
            title=row.title,
            url=reverse("bijeenkomsten:verslag", args=[meeting.pk]),
            snippet=row.snippet,
            meta=str(_("Verslag van %(title)s") % {"title": meeting.title}),
            when=meeting.starts_at,
        )


def _publications(user, query):
    for row in publicatie_search(user=user, query=query, limit=PER_KIND):
        yield Hit(
            title=row.title,
            url=reverse("publicaties:publicatie-detail", args=[row.slug]),
            snippet=row.snippet,
            meta=row.get_kind_display(),
            when=row.release_at,
        )


def _dilemmas(user, query):
    for row in dilemma_search(query=query, limit=PER_KIND):
        yield Hit(
            title=row.title,
            url=reverse("dilemmas:dilemma-detail", args=[row.leerkring.slug, row.slug]),
            snippet=row.snippet,
            meta=row.leerkring.title,
        )


def _cases(user, query):
    """Published cases this person may open (casus_visible_to), searched and quoted as they
    may read them (casus_search: the anonymised text for outsiders, such as readers from
    another circle of the programme). When cases of more than one circle can show, each hit
    names its circle, as the library does."""
    if not user.is_authenticated:
        return
    base = (
        casus_visible_to(user)
        .filter(status=Casus.Status.PUBLISHED)
        .select_related("dilemma", "gemeente", "author", "leerkring")
        .order_by("-published_at", "-pk")
    )
    several_circles = casus_several_circles(user)
    for row in casus_search(base, query=query, user=user)[: PER_KIND + 1]:
        seen = casus_as_seen(user, row)
        if search.on_postgresql():
            snippet = search.highlight(row.snippet)
        else:
            snippet = search.python_snippet(seen.situation, query)
        yield Hit(
            title=seen.title,
            url=reverse("dilemmas:casus-detail", args=[row.pk]),
            snippet=snippet,
            meta=f"{row.leerkring.title} · {row.dilemma.title}"
            if several_circles
            else row.dilemma.title,
            when=row.published_at,
        )


KINDS = [
    ("bijeenkomsten", _("Bijeenkomsten"), _meetings),
    ("verslagen", _("Verslagen"), _reports),
    ("publicaties", _("Publicaties"), _publications),
    ("dilemmas", _("Dilemma's"), _dilemmas),
    ("casussen", _("Casussen"), _cases),
]


def site_search(*, user, query: str) -> list[Group]:
    """Every kind with at least one hit, in a fixed order; at most PER_KIND hits each."""
    query = search.normalise(query)
    if not search.words(query):
        return []
    groups = []
    for key, label, find in KINDS:
        hits = list(find(user, query))
        if not hits:
            continue
        group = Group(key=key, label=str(label), hits=hits[:PER_KIND], more=len(hits) > PER_KIND)
        if key == "casussen" and group.more:
            group.more_url = reverse("dilemmas:casus-list") + "?" + urlencode({"q": query})
        groups.append(group)
    return groups
