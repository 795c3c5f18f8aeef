"""Reads about dilemmas and cases. `casus_visible_to` is the one place that decides which
cases a person may see; the permission rules and every list use it."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.postgres.search import SearchRank, SearchVector
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Deelname, Gemeente
from gemeenten.selectors import programmes_of, viewer_context
from leerkring.core import search
from leerkring.core.forms import CleanTextForm, IdFilter
from leerkring.core.models import Leerkring

from .models import Casus, CasusVersie, Dilemma, DilemmaGedeeld, Reactie, Rol, Waarde


def dilemma_list() -> QuerySet[Dilemma]:
    return Dilemma.objects.select_related("leerkring").order_by("-leerkring__starts_on", "position")


def dilemma_get(*, leerkring_slug: str, slug: str) -> Dilemma:
    """The dilemma with this slug that the circle brought in, or else (when none did) the one
    shared with that circle; the page's view sends the latter to the dilemma's own address."""
    qs = Dilemma.objects.select_related("leerkring")
    found = list(
        qs.filter(Q(leerkring__slug=leerkring_slug) | Q(shared_with__slug=leerkring_slug))
        .filter(slug=slug)
        .distinct()
    )
    if not found:
        raise Dilemma.DoesNotExist
    own = [d for d in found if d.leerkring.slug == leerkring_slug]
    return (own or found)[0]


@dataclass(frozen=True)
class KringDilemmas:
    """One circle on the dilemma list: the dilemmas it brought in and those shared with it."""

    leerkring: Leerkring
    dilemmas: list


def dilemma_list_by_circle() -> list[KringDilemmas]:
    """Every circle with dilemmas (its own, then those shared with it), newest circle first.
    Two queries, whatever the number of circles."""
    dilemmas = list(dilemma_list())
    shared = list(
        DilemmaGedeeld.objects.select_related("dilemma__leerkring", "leerkring").order_by(
            "position", "dilemma__position", "pk"
        )
    )
    circles: dict[int, Leerkring] = {}
    rows: dict[int, list] = {}
    for dilemma in dilemmas:
        circles.setdefault(dilemma.leerkring_id, dilemma.leerkring)
        rows.setdefault(dilemma.leerkring_id, []).append(dilemma)
    for row in shared:
        circles.setdefault(row.leerkring_id, row.leerkring)
        rows.setdefault(row.leerkring_id, []).append(row.dilemma)
    order = sorted(circles.values(), key=lambda c: (c.starts_on, c.pk), reverse=True)
    return [KringDilemmas(c, rows[c.pk]) for c in order]


def dilemma_choices_for(*, leerkring) -> QuerySet[Dilemma]:
    """The dilemmas a case of this circle may be about: its own and those shared with it."""
    return (
        Dilemma.objects.filter(Q(leerkring=leerkring) | Q(shared_with=leerkring))
        .select_related("leerkring")
        .distinct()
        .order_by(Case(When(leerkring=leerkring, then=Value(0)), default=Value(1)), "position")
    )


def dilemma_belongs_to(*, dilemma: Dilemma, leerkring) -> bool:
    """Whether a case of `leerkring` may be about `dilemma` (see dilemma_choices_for)."""
    return dilemma.leerkring_id == leerkring.pk or (
        DilemmaGedeeld.objects.filter(dilemma=dilemma, leerkring=leerkring).exists()
    )


def casus_visible_to(user) -> QuerySet[Casus]:
    """The cases a person may open: their own drafts; published cases of circles they
    research; published cases of their municipality; other municipalities' published,
    circle-wide cases of circles their municipality takes part in (when the author asked for
    an anonymised version, only once a researcher approved it); and the cases opened to a
    programme they belong to (programmes_of: a member's, a researcher's or a manager's),
    anonymised and approved (casus_open_to_programme)."""
    if not user.is_authenticated:
        return Casus.objects.none()
    gemeente_id, admitted, researched = viewer_context(user)
    programmes = programmes_of(user)
    published = Q(status=Casus.Status.PUBLISHED)
    visible = Q(leerkring_id__in=researched)
    if gemeente_id:
        visible |= Q(gemeente_id=gemeente_id, leerkring_id__in=admitted)
        visible |= Q(leerkring_id__in=admitted) & casus_shared_with_circle()
    if programmes:
        visible |= Q(leerkring__programma_id__in=programmes) & casus_open_to_programme()
    return Casus.objects.filter(Q(status=Casus.Status.DRAFT, author=user) | (published & visible))


def casus_open_to_programme() -> Q:
    """The cases every circle of their circle's programme may read: shared with the circle,
    opened to the programme by the author, and anonymised with the version approved by a
    researcher. Who reads them this way sees the anonymised version (casus_original_q)."""
    return casus_shared_with_circle() & Q(
        programme_open=True, anonymise=True, anon_approved_at__isnull=False
    )


def casus_several_circles(user) -> bool:
    """Whether cases of more than one circle may show to this person, without a query (the
    site search): more than one circle of their own, or a programme. The library, which lists
    the circles anyway, asks casus_circles_for."""
    _gemeente_id, admitted, researched = viewer_context(user)
    return len(admitted | researched) > 1 or bool(programmes_of(user))


def casus_circles_for(user) -> QuerySet[Leerkring]:
    """The circles whose cases this person may see some of (the library's circle filter):
    those their municipality is admitted to, those they research, and the circles of their
    programmes (programmes_of), oldest first. Whether a case of a circle in a programme shows
    is casus_visible_to's to say."""
    if not user.is_authenticated:
        return Leerkring.objects.none()
    _gemeente_id, admitted, researched = viewer_context(user)
    circles = Q(pk__in=admitted | researched)
    programmes = programmes_of(user)
    if programmes:
        # Another circle of the programme counts once it is public: one in preparation is seen
        # only by its researchers (admitted | researched above) and the programme's managers.
        circles |= Q(programma_id__in=programmes) & ~Q(phase=Leerkring.Phase.PREPARING)
    return Leerkring.objects.filter(circles).order_by("starts_on", "pk")


# What a case needs before it is shared (published), by field, with the label the form asks
# it by. A draft may be only a title (issue 18); casus_missing says what it still lacks.
NEEDED_TO_SHARE = {
    "title": _("Titel"),
    "dilemma": _("Welk dilemma speelde?"),
    "situation": _("Wat speelde er?"),
    "question": _("Wat wil je aan de leerkring vragen?"),
    "rollen": _("Welke rol nam je?"),
    "anon_situation": _("Situatie (geanonimiseerd)"),
}


def casus_missing_fields(
    *, title, dilemma, situation, question, rollen, anonymise, anon_situation
) -> list[str]:
    """The names (of NEEDED_TO_SHARE) of what is still empty, in the order of the form. The
    anonymised situation is needed only when the author asks to share an anonymised version."""
    filled = {
        "title": bool((title or "").strip()),
        "dilemma": dilemma is not None,
        "situation": bool((situation or "").strip()),
        "question": bool((question or "").strip()),
        "rollen": bool(rollen),
        "anon_situation": not anonymise or bool((anon_situation or "").strip()),
    }
    return [name for name in NEEDED_TO_SHARE if not filled[name]]


def casus_missing(casus: Casus) -> list[str]:
    """What a saved case still lacks before it can be shared (uses prefetched roles)."""
    return casus_missing_fields(
        title=casus.title,
        dilemma=casus.dilemma_id,
        situation=casus.situation,
        question=casus.question,
        rollen=list(casus.rollen.all()),
        anonymise=casus.anonymise,
        anon_situation=casus.anon_situation,
    )


def casus_shared_with_circle() -> Q:
    """The cases the whole circle may read: published, circle-wide, and when the author asked
    for an anonymised version, only once a researcher approved it. casus_visible_to shows these
    to other municipalities; a certificate of participation lists its holder's among them."""
    return Q(status=Casus.Status.PUBLISHED, visibility=Casus.Visibility.CIRCLE) & (
        Q(anonymise=False) | Q(anon_approved_at__isnull=False)
    )


def casus_original_q(user) -> Q:
    """The cases (of those this person may open) they read as written rather than anonymised:
    not anonymised, their own, of a circle they research, or of their municipality in a
    circle it takes part in. Everyone else, such as a reader from another circle of the
    programme, reads the anonymised version. sees_original says the same for one case; the
    search (casus_search) filters and quotes by this."""
    gemeente_id, admitted, researched = viewer_context(user)
    original = Q(anonymise=False) | Q(leerkring_id__in=researched)
    if user.is_authenticated:
        original |= Q(author=user)
    if gemeente_id:
        original |= Q(gemeente_id=gemeente_id, leerkring_id__in=admitted)
    return original


def sees_original(user, casus: Casus) -> bool:
    """Whether this person sees the case as written, rather than its anonymised version (the
    rule of casus_original_q, for one case)."""
    if not casus.anonymise or (user.is_authenticated and casus.author_id == user.pk):
        return True
    gemeente_id, admitted, researched = viewer_context(user)
    if casus.leerkring_id in researched:
        return True
    return bool(gemeente_id) and (
        casus.gemeente_id == gemeente_id and casus.leerkring_id in admitted
    )


@dataclass(frozen=True)
class CasusTekst:
    """A case's words as one person may read them: as written, with its author and
    municipality, or the anonymised version without them. Pages, lists, e-mails and exports
    print these fields, never the case's own."""

    title: str
    situation: str
    question: str
    original: bool
    author: str = ""
    gemeente: str = ""


def casus_as_seen(user, casus: Casus) -> CasusTekst:
    """The one place that picks the original or the anonymised text (see sees_original)."""
    if sees_original(user, casus):
        return CasusTekst(
            title=casus.title,
            situation=casus.situation,
            question=casus.question,
            original=True,
            author=casus.author.display_name if casus.author_id else "",
            gemeente=casus.gemeente.name if casus.gemeente_id else "",
        )
    return CasusTekst(
        title=casus.anon_title,
        situation=casus.anon_situation,
        question=casus.anon_question,
        original=False,
    )


def casus_title_for(user, casus: Casus) -> str:
    """The title this person reads for a case they may open: as written, or anonymised."""
    return casus.title if sees_original(user, casus) else casus.anon_title


def casus_names(*, user, casussen) -> dict[int, str]:
    """{case id: its title as this person may read it} for those of `casussen` they may open
    (casus_visible_to); a case they may not open is left out, so a page that lists cases found
    elsewhere (a meeting's work groups) names it at most as a count. One query."""
    casussen = list(casussen)
    if not casussen:
        return {}
    visible = set(
        casus_visible_to(user).filter(pk__in=[c.pk for c in casussen]).values_list("pk", flat=True)
    )
    return {c.pk: casus_title_for(user, c) for c in casussen if c.pk in visible}


class CasusFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_search")
    # Only when cases of more than one circle can show (casus_circles_for); else left out.
    leerkring = django_filters.ModelChoiceFilter(
        label=_("Leerkring"),
        to_field_name="slug",
        queryset=Leerkring.objects.none(),
        empty_label=_("Alle leerkringen"),
    )
    dilemma = django_filters.ModelChoiceFilter(
        label=_("Dilemma"), queryset=Dilemma.objects.none(), empty_label=_("Alle dilemma's")
    )
    rol = django_filters.ModelChoiceFilter(
        label=_("Rol"),
        field_name="rollen",
        to_field_name="slug",
        queryset=Rol.objects.all(),
        empty_label=_("Alle rollen"),
    )
    waarde = django_filters.ModelChoiceFilter(
        label=_("Democratische waarde"),
        field_name="waarden",
        to_field_name="slug",
        queryset=Waarde.objects.all(),
        empty_label=_("Alle waarden"),
    )
    # Finds only the cases this person reads as written: an anonymised case does not say
    # where it comes from, so neither may a filter (casus_original_q).
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        to_field_name="slug",
        queryset=Gemeente.objects.none(),
        empty_label=_("Alle gemeenten"),
        method="filter_gemeente",
    )

    # Set by the link on a meeting's page ("cases discussed here"). Meetings live in a higher
    # app, so the filter names the relation rather than importing the model.
    bijeenkomst = IdFilter(
        field_name="werkgroepen__bijeenkomst",
        widget=forms.HiddenInput,
        distinct=True,
        error_messages={key: _("Deze bijeenkomst bestaat niet.") for key in IdFilter.MESSAGES},
    )

    class Meta:
        model = Casus
        fields = ["q", "leerkring", "dilemma", "rol", "waarde", "gemeente", "bijeenkomst"]
        form = CleanTextForm

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.circles = list(casus_circles_for(user))
        # Whether cases of more than one circle can show: then the circle is a filter and
        # every row names its circle.
        self.several_circles = len(self.circles) > 1
        ids = [circle.pk for circle in self.circles]
        if self.several_circles:
            self.filters["leerkring"].queryset = Leerkring.objects.filter(pk__in=ids).order_by(
                "starts_on", "pk"
            )
        else:
            del self.filters["leerkring"]
        self.filters["dilemma"].queryset = (
            dilemma_list().filter(Q(leerkring_id__in=ids) | Q(shared_with__in=ids)).distinct()
        )
        self.filters["gemeente"].queryset = (
            Gemeente.objects.filter(deelnames__status=Deelname.Status.ADMITTED)
            .distinct()
            .order_by("name")
        )
        # Last: the form is made here, with the querysets above.
        if self.several_circles:
            # The same dilemma title may be in several circles: name the one it came from.
            self.form.fields["dilemma"].label_from_instance = lambda dilemma: (
                f"{dilemma.title} ({dilemma.leerkring.title})"
            )

    def filter_search(self, queryset, name, value):
        return casus_search(queryset, query=value, user=self.user)

    def filter_gemeente(self, queryset, name, value):
        return queryset.filter(casus_original_q(self.user) & Q(gemeente=value))

    def filter_queryset(self, queryset):
        # A meeting that cannot exist (`?bijeenkomst=1e30`) discussed no cases; the page says
        # why rather than showing every case.
        if "bijeenkomst" in self.form.errors:
            return queryset.none()
        return super().filter_queryset(queryset)


def casus_search(queryset: QuerySet[Casus], *, query: str, user) -> QuerySet[Casus]:
    """Full-text search (leerkring/core/search.py: Dutch stemming without accents, f/v and
    s/z spellings, the last word as a prefix), ranked, with highlighted snippets. People
    outside the case's municipality are searched against what they may read: the anonymised
    text, where the author asked for one, so neither a match nor a snippet gives the original
    away. On the SQLite demo: plain matching with accents folded."""
    query = search.normalise(query)
    if not query:
        return queryset
    original = casus_original_q(user)
    if not search.on_postgresql():  # the embedded SQLite demo: plain matching
        as_written = search.matches("found_written", query)
        if as_written is None:
            return queryset.none()
        return queryset.annotate(
            found_written=search.folded("title", "situation", "question"),
            found_public=search.folded("anon_title", "anon_situation", "anon_question"),
        ).filter((original & as_written) | (~original & search.matches("found_public", query)))
    terms = search.search_query(query)
    if terms is None:
        return queryset.none()
    return (
        queryset.filter(
            (original & Q(search_vector=terms)) | (~original & Q(search_vector_public=terms))
        )
        .annotate(
            rank=Case(
                When(original, then=SearchRank(F("search_vector"), terms)),
                default=SearchRank(F("search_vector_public"), terms),
            ),
            snippet=Case(
                When(original, then=search.headline(F("situation"), terms)),
                default=search.headline(F("anon_situation"), terms),
            ),
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def casus_library(*, user, data) -> tuple[CasusFilter, QuerySet[Casus]]:
    """The case library for this person, filtered as asked."""
    base = (
        casus_visible_to(user)
        .filter(status=Casus.Status.PUBLISHED)
        .select_related("gemeente", "dilemma__leerkring", "author", "leerkring")
        .prefetch_related("rollen", "waarden")
        .annotate(reactie_count=Count("reacties", filter=Q(reacties__is_hidden=False)))
        .order_by("-published_at", "-pk")
    )
    casus_filter = CasusFilter(data, queryset=base, user=user)
    return casus_filter, casus_filter.qs


def casus_mine(*, user) -> QuerySet[Casus]:
    return (
        Casus.objects.filter(author=user)
        .select_related("dilemma", "gemeente")
        .order_by("-updated_at")
    )


def casus_awaiting_anon_approval(*, user) -> QuerySet[Casus]:
    researched = viewer_context(user).researched
    return (
        Casus.objects.filter(
            leerkring_id__in=researched,
            anonymise=True,
            anon_approved_at__isnull=True,
            status=Casus.Status.PUBLISHED,
        )
        .select_related("gemeente", "dilemma")
        .order_by("published_at")
    )


def casus_detail(*, user, pk: int) -> Casus:
    return (
        casus_visible_to(user)
        .select_related("gemeente", "dilemma__leerkring", "author", "leerkring")
        .prefetch_related(
            "rollen",
            "waarden",
            "werkgroepen__bijeenkomst",
            Prefetch("reacties", queryset=Reactie.objects.select_related("author", "hidden_by")),
        )
        .get(pk=pk)
    )


def casus_history(*, casus: Casus) -> QuerySet[CasusVersie]:
    return casus.versies.select_related("editor").order_by("-created_at", "-id")


def dilemma_chart_data(*, dilemma: Dilemma) -> dict:
    """Published cases of a dilemma per stance/role and per democratic value (counts only)."""
    published = Q(casussen__dilemma=dilemma, casussen__status=Casus.Status.PUBLISHED)
    roles = list(
        Rol.objects.annotate(n=Count("casussen", filter=published)).order_by("kind", "position")
    )
    values = list(
        Waarde.objects.annotate(n=Count("casussen", filter=published)).order_by("position")
    )
    total = dilemma.casussen.filter(status=Casus.Status.PUBLISHED).count()
    return {
        "total": total,
        "roles": [(r.name, r.n) for r in roles],
        "values": [(w.name, w.n) for w in values],
    }


# Cases listed per circle on a dilemma's page; the rest is one link to the library away.
CASES_PER_CIRCLE = 10


@dataclass
class DilemmaKring:
    """One circle that worked on a dilemma, for its page: the circle, its conclusions
    (Markdown), whether it brought the dilemma in, and the cases of it this person may open
    (each with `seen`, casus_as_seen), the first CASES_PER_CIRCLE of `case_count`."""

    leerkring: Leerkring
    conclusions: str
    own: bool
    casussen: list
    case_count: int = 0


def dilemma_circles(*, dilemma: Dilemma, user) -> list[DilemmaKring]:
    """Every circle that worked on the dilemma (the one that brought it in first, then those
    it is shared with, DilemmaGedeeld), each with its conclusions and the published cases of
    it about this dilemma that this person may open (casus_visible_to). Two queries, whatever
    the number of circles and cases."""
    circles = [DilemmaKring(dilemma.leerkring, dilemma.conclusions, True, [])]
    for row in DilemmaGedeeld.objects.filter(dilemma=dilemma).select_related("leerkring"):
        circles.append(DilemmaKring(row.leerkring, row.conclusions, False, []))
    by_circle = {circle.leerkring.pk: circle for circle in circles}
    casussen = (
        casus_visible_to(user)
        .filter(dilemma=dilemma, status=Casus.Status.PUBLISHED)
        .select_related("author", "gemeente", "leerkring")
        .order_by("-published_at", "-pk")
    )
    for casus in casussen:
        circle = by_circle.get(casus.leerkring_id)
        if circle is None:  # a case kept when its circle stopped sharing the dilemma
            circle = by_circle[casus.leerkring_id] = DilemmaKring(casus.leerkring, "", False, [])
            circles.append(circle)
        circle.case_count += 1
        if len(circle.casussen) < CASES_PER_CIRCLE:
            casus.seen = casus_as_seen(user, casus)
            circle.casussen.append(casus)
    return circles


def leerkring_for_new_casus(*, user) -> QuerySet[Leerkring]:
    admitted = viewer_context(user).admitted
    return Leerkring.objects.filter(pk__in=admitted).order_by("-starts_on")


def personal_data(*, user) -> dict:
    return {
        "dilemmas.casus": [
            {
                "titel": c.title,
                "dilemma": c.dilemma.title if c.dilemma_id else None,  # a draft may have none
                "situatie": c.situation,
                "vraag": c.question,
                "status": c.status,
                "zichtbaarheid": c.visibility,
                "geanonimiseerd": {
                    "titel": c.anon_title,
                    "situatie": c.anon_situation,
                    "vraag": c.anon_question,
                }
                if c.anonymise
                else None,
                "gemaakt_op": c.created_at.isoformat(),
                "gepubliceerd_op": c.published_at.isoformat() if c.published_at else None,
            }
            for c in Casus.objects.filter(author=user).select_related("dilemma").order_by("pk")
        ],
        "dilemmas.reactie": [
            {
                # A comment on another municipality's anonymised case names it anonymised.
                "casus": casus_title_for(user, r.casus),
                "tekst": r.body,
                "geplaatst_op": r.created_at.isoformat(),
                "verborgen": r.is_hidden,
                "reden_verborgen": r.hidden_reason,
            }
            for r in Reactie.objects.filter(author=user).select_related("casus")
        ],
        "dilemmas.casusversie": [
            {
                "casus": casus_title_for(user, v.casus),
                "tijdstip": v.created_at.isoformat(),
                "gewijzigd": v.changed_fields,
            }
            for v in CasusVersie.objects.filter(editor=user).select_related("casus")
        ],
    }


def dilemma_search(*, query: str, limit: int) -> list[Dilemma]:
    """Dilemmas (public, like their pages) whose title, summary or description match
    (leerkring/core/search.py); at most `limit` + 1, best first, each with `snippet`. A
    handful per circle, so the vector is made as the query runs. For the site search."""
    config = search.SEARCH_CONFIG
    return search.find(
        dilemma_list(),
        query,
        vector=SearchVector("title", weight="A", config=config)
        + SearchVector("summary", "description", weight="B", config=config),
        passage=Concat("summary", Value(" "), "description", output_field=TextField()),
        fields=("title", "summary", "description"),
        text=lambda row: f"{row.summary} {row.description}",
        order=("position", "pk"),
        limit=limit,
    )
