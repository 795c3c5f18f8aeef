"""The certificate of participation (deelnamebewijs): what a person did in a circle their
municipality is admitted to; one per circle (issue 20), each its own page and PDF (object: a
gemeenten.Deelnamebewijs, one per membership and circle). The meetings they attended (with
their work group), the cases they brought in that the whole circle may read, signed on behalf
of the circle's researchers.

Reads only. The same few queries feed the PDF (leerkring/documents.py builds it from these
rows) and its version fingerprint (a hash of the very same rows), so whatever the certificate
shows changes the fingerprint, and no template is rendered to compute it."""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from bijeenkomsten.models import Aanmelding, Bijeenkomst
from dilemmas.models import Casus
from dilemmas.selectors import casus_shared_with_circle
from gemeenten.models import Deelname, Deelnamebewijs, Lidmaatschap
from leerkring.core.models import Leerkring


@dataclass(frozen=True)
class Meeting:
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    werkgroep: str

    @property
    def one_day(self) -> bool:
        return self.starts_at.date() == self.ends_at.date()


@dataclass(frozen=True)
class BroughtCase:
    title: str
    dilemma: str


@dataclass(frozen=True)
class Bewijs:
    """One person's certificate for one circle."""

    name: str
    gemeente: str
    job_title: str
    circle: str
    starts_on: datetime.date
    ends_on: datetime.date
    meetings: tuple[Meeting, ...]
    cases: tuple[BroughtCase, ...]
    researchers: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    """A confirmed member on a coordinator's list, with what their certificate would show."""

    lidmaatschap: Lidmaatschap
    meetings: int
    cases: int


# --- The rows --------------------------------------------------------------------------------
def _admitted_circles(*, gemeente_id: int, leerkring_id: int | None = None) -> list[dict]:
    """The circles the municipality is admitted to (oldest first)."""
    qs = Leerkring.objects.filter(
        deelnames__gemeente_id=gemeente_id, deelnames__status=Deelname.Status.ADMITTED
    )
    if leerkring_id is not None:
        qs = qs.filter(pk=leerkring_id)
    return list(qs.order_by("starts_on", "pk").values("pk", "title", "starts_on", "ends_on"))


def _researchers(circle_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """{circle id: the names of its researchers}, in one query."""
    through = Leerkring.researchers.through
    rows = (
        through.objects.filter(
            leerkring_id__in=circle_ids, user__is_active=True, user__is_removed=False
        )
        .order_by("user__name", "user_id")
        .values_list("leerkring_id", "user__name")
    )
    names: dict[int, list[str]] = defaultdict(list)
    for circle_id, name in rows:
        names[circle_id].append(name)
    return {circle_id: tuple(found) for circle_id, found in names.items()}


def attended(*, user_ids: list[int], circle_ids: list[int]) -> QuerySet[Aanmelding]:
    """The registrations of meetings these people were marked present at (not those they only
    registered for, waited for or cancelled; not meetings that were cancelled)."""
    return Aanmelding.objects.filter(
        deelnemer_id__in=user_ids,
        status=Aanmelding.Status.ATTENDED,
        bijeenkomst__leerkring_id__in=circle_ids,
    ).exclude(bijeenkomst__status=Bijeenkomst.Status.CANCELLED)


def _meetings(*, user_ids, circle_ids) -> dict[tuple[int, int], list[Meeting]]:
    """{(person, circle): their attended meetings, in order}, in one query."""
    rows = (
        attended(user_ids=user_ids, circle_ids=circle_ids)
        .order_by("bijeenkomst__starts_at", "bijeenkomst_id")
        .values_list(
            "deelnemer_id",
            "bijeenkomst__leerkring_id",
            "bijeenkomst__title",
            "bijeenkomst__starts_at",
            "bijeenkomst__ends_at",
            "werkgroep__title",
        )
    )
    found: dict[tuple[int, int], list[Meeting]] = defaultdict(list)
    for user_id, circle_id, title, starts_at, ends_at, werkgroep in rows:
        found[(user_id, circle_id)].append(Meeting(title, starts_at, ends_at, werkgroep or ""))
    return found


def brought_cases(*, user_ids, circle_ids) -> QuerySet[Casus]:
    """The cases these people wrote that the whole circle may read (casus_shared_with_circle):
    no drafts, no cases kept within the municipality, no anonymised case awaiting approval."""
    return Casus.objects.filter(
        casus_shared_with_circle(), author_id__in=user_ids, leerkring_id__in=circle_ids
    )


def _cases(*, user_ids, circle_ids) -> dict[tuple[int, int], list[BroughtCase]]:
    """{(person, circle): the cases they brought in, oldest first}, in one query."""
    rows = (
        brought_cases(user_ids=user_ids, circle_ids=circle_ids)
        .order_by("published_at", "pk")
        .values_list("author_id", "leerkring_id", "title", "dilemma__title")
    )
    found: dict[tuple[int, int], list[BroughtCase]] = defaultdict(list)
    for user_id, circle_id, title, dilemma in rows:
        found[(user_id, circle_id)].append(BroughtCase(title, dilemma))
    return found


def _bewijzen(*, people: list[Lidmaatschap], circles: list[dict]) -> list[Bewijs]:
    """A certificate for each person and circle in which they attended at least one meeting,
    person by person in the order given, circle by circle."""
    user_ids = [lid.user_id for lid in people]
    circle_ids = [circle["pk"] for circle in circles]
    if not user_ids or not circle_ids:
        return []
    meetings = _meetings(user_ids=user_ids, circle_ids=circle_ids)
    cases = _cases(user_ids=user_ids, circle_ids=circle_ids)
    researchers = _researchers(circle_ids)
    return [
        Bewijs(
            name=lid.user.display_name,
            gemeente=lid.gemeente.name,
            job_title=lid.job_title,
            circle=circle["title"],
            starts_on=circle["starts_on"],
            ends_on=circle["ends_on"],
            meetings=tuple(meetings[(lid.user_id, circle["pk"])]),
            cases=tuple(cases[(lid.user_id, circle["pk"])]),
            researchers=researchers.get(circle["pk"], ()),
        )
        for lid in people
        for circle in circles
        if meetings.get((lid.user_id, circle["pk"]))
    ]


def fingerprint(bewijzen: list[Bewijs]) -> str:
    """A hash of everything the certificates show."""
    return hashlib.sha256(repr(bewijzen).encode()).hexdigest()


# --- One person ------------------------------------------------------------------------------
def lidmaatschap_for_bewijs(*, pk: int) -> Lidmaatschap:
    """The confirmed membership a certificate is made for; DoesNotExist otherwise."""
    return Lidmaatschap.objects.select_related("user", "gemeente").get(
        pk=pk, status=Lidmaatschap.Status.CONFIRMED
    )


@dataclass(frozen=True)
class AttendedCircle:
    """A circle a person attended at least one meeting of, for the list of their
    certificates."""

    leerkring: Leerkring
    meetings: int


def circles_attended(lidmaatschap: Lidmaatschap) -> list[AttendedCircle]:
    """The circles the person has a certificate of: those their municipality is admitted to
    in which they attended a meeting, oldest first (two queries)."""
    if lidmaatschap.status != Lidmaatschap.Status.CONFIRMED:
        return []
    circles = list(
        Leerkring.objects.filter(
            deelnames__gemeente_id=lidmaatschap.gemeente_id,
            deelnames__status=Deelname.Status.ADMITTED,
        ).order_by("starts_on", "pk")
    )
    counts = dict(
        attended(user_ids=[lidmaatschap.user_id], circle_ids=[c.pk for c in circles])
        .order_by()
        .values_list("bijeenkomst__leerkring_id")
        .annotate(n=Count("pk"))
        .values_list("bijeenkomst__leerkring_id", "n")
    )
    return [AttendedCircle(c, counts[c.pk]) for c in circles if counts.get(c.pk)]


def deelnamebewijs_for(*, lidmaatschap: Lidmaatschap, slug: str) -> Deelnamebewijs:
    """The (unsaved when new) certificate of a confirmed member for the circle of `slug`, which
    their municipality is admitted to and in which they attended a meeting; DoesNotExist
    otherwise. Saved by `deelnamebewijs_keep` once the viewer may see it."""
    if lidmaatschap.status != Lidmaatschap.Status.CONFIRMED:
        raise Deelnamebewijs.DoesNotExist
    circle = Leerkring.objects.get(
        slug=slug,
        deelnames__gemeente_id=lidmaatschap.gemeente_id,
        deelnames__status=Deelname.Status.ADMITTED,
    )
    if not attended(user_ids=[lidmaatschap.user_id], circle_ids=[circle.pk]).exists():
        raise Deelnamebewijs.DoesNotExist
    found = Deelnamebewijs.objects.filter(lidmaatschap=lidmaatschap, leerkring=circle).first()
    if found is None:
        return Deelnamebewijs(lidmaatschap=lidmaatschap, leerkring=circle)
    found.lidmaatschap, found.leerkring = lidmaatschap, circle
    return found


def deelnamebewijs_keep(bewijs: Deelnamebewijs) -> Deelnamebewijs:
    """The certificate's row, made the first time (its PDF job needs an id)."""
    if bewijs.pk is None:
        saved, _created = Deelnamebewijs.objects.get_or_create(
            lidmaatschap=bewijs.lidmaatschap, leerkring=bewijs.leerkring
        )
        saved.lidmaatschap, saved.leerkring = bewijs.lidmaatschap, bewijs.leerkring
        return saved
    return bewijs


def deelnamebewijs_get(*, pk: int) -> Deelnamebewijs:
    """A certificate of a confirmed member, for its PDF; DoesNotExist otherwise."""
    return Deelnamebewijs.objects.select_related(
        "lidmaatschap__user", "lidmaatschap__gemeente", "leerkring"
    ).get(pk=pk, lidmaatschap__status=Lidmaatschap.Status.CONFIRMED)


def bewijs_of(deelnamebewijs: Deelnamebewijs) -> list[Bewijs]:
    """What one certificate shows: the person's part in that one circle, while their
    municipality is admitted to it (four queries); empty otherwise."""
    circles = _admitted_circles(
        gemeente_id=deelnamebewijs.lidmaatschap.gemeente_id,
        leerkring_id=deelnamebewijs.leerkring_id,
    )
    return _bewijzen(people=[deelnamebewijs.lidmaatschap], circles=circles)


def bewijzen_for(lidmaatschap: Lidmaatschap) -> list[Bewijs]:
    """One person's certificates: one for each circle their municipality is admitted to in
    which they attended a meeting (four queries, however much they did)."""
    circles = _admitted_circles(gemeente_id=lidmaatschap.gemeente_id)
    return _bewijzen(people=[lidmaatschap], circles=circles)


def has_attended(lidmaatschap: Lidmaatschap | None) -> bool:
    """Whether a certificate would show anything: a confirmed member who attended a meeting of
    a circle their municipality is admitted to."""
    if lidmaatschap is None or lidmaatschap.status != Lidmaatschap.Status.CONFIRMED:
        return False
    circles = Deelname.objects.filter(
        gemeente_id=lidmaatschap.gemeente_id, status=Deelname.Status.ADMITTED
    ).values("leerkring_id")
    return attended(user_ids=[lidmaatschap.user_id], circle_ids=circles).exists()


# --- A municipality in a circle --------------------------------------------------------------
def deelname_for_bewijzen(*, pk: int) -> Deelname:
    """An admitted participation; DoesNotExist otherwise."""
    return Deelname.objects.select_related("leerkring", "gemeente").get(
        pk=pk, status=Deelname.Status.ADMITTED
    )


def _members(deelname: Deelname) -> list[Lidmaatschap]:
    return list(
        Lidmaatschap.objects.filter(
            gemeente_id=deelname.gemeente_id,
            status=Lidmaatschap.Status.CONFIRMED,
            user__is_active=True,
            user__is_removed=False,
        )
        .select_related("user", "gemeente")
        .order_by("user__name", "pk")
    )


def _circle_of(deelname: Deelname) -> list[dict]:
    circle = deelname.leerkring
    return [
        {
            "pk": circle.pk,
            "title": circle.title,
            "starts_on": circle.starts_on,
            "ends_on": circle.ends_on,
        }
    ]


def bewijzen_for_deelname(deelname: Deelname) -> list[Bewijs]:
    """The certificates of the municipality's confirmed members for this circle, of those who
    attended a meeting in it, by name (four queries, however many people)."""
    return _bewijzen(people=_members(deelname), circles=_circle_of(deelname))


def people_of_deelname(deelname: Deelname) -> list[Person]:
    """The municipality's confirmed members, each with how many meetings of this circle they
    attended and how many cases they brought in (three queries)."""
    people = _members(deelname)
    user_ids = [lid.user_id for lid in people]
    circle_ids = [deelname.leerkring_id]
    meetings = _meetings(user_ids=user_ids, circle_ids=circle_ids) if user_ids else {}
    cases = _cases(user_ids=user_ids, circle_ids=circle_ids) if user_ids else {}
    return [
        Person(
            lidmaatschap=lid,
            meetings=len(meetings.get((lid.user_id, deelname.leerkring_id), ())),
            cases=len(cases.get((lid.user_id, deelname.leerkring_id), ())),
        )
        for lid in people
    ]
