"""A programme manager creates a circle and moves it through its phases: in preparation, open
for applications, running, closed (docs/architecture.md, Programmes)."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dilemmas.models import Dilemma, DilemmaGedeeld, Kernvraag
from leerkring.core import slugs
from leerkring.core.audit import audit_record
from leerkring.core.models import AuditEntry, Leerkring, Programma

from ..errors import ProgrammaError
from ..selectors.kringen import dilemmas_of_programma

Phase = Leerkring.Phase

# Where a circle can go from each phase. Opening again after a pause is PREPARING -> OPEN;
# a running or closed circle does not go back (municipalities were admitted, publications made).
PHASE_TRANSITIONS: dict[str, frozenset[str]] = {
    Phase.PREPARING: frozenset({Phase.OPEN}),
    Phase.OPEN: frozenset({Phase.RUNNING, Phase.PREPARING, Phase.CLOSED}),
    Phase.RUNNING: frozenset({Phase.CLOSED}),
    Phase.CLOSED: frozenset(),
}

SLUG_MAX = 50
TITLE_MAX = 120  # Dilemma.title
SUMMARY_MAX = 300  # Dilemma.summary


@dataclass(frozen=True)
class NewDilemma:
    title: str
    summary: str


@dataclass(frozen=True)
class DilemmaChoices:
    """What the new circle does with the programme's dilemmas: `shared` are worked on together
    (one dilemma, its page gathers every circle), `copied` become the new circle's own with the
    same text and no conclusions, `new` are written for it."""

    shared: list[Dilemma] = field(default_factory=list)
    copied: list[Dilemma] = field(default_factory=list)
    new: list[NewDilemma] = field(default_factory=list)


def slug_problem(slug: str) -> str | None:
    """Why a circle cannot have this address, or None."""
    if slugs.is_reserved(slug, namespace=slugs.LEERKRING):
        return _(
            "‘%(slug)s’ is al het adres van een andere pagina. Kies een andere korte naam."
        ) % {"slug": slug}
    if Leerkring.objects.filter(slug__iexact=slug).exists():
        return _("Er is al een leerkring met de korte naam ‘%(slug)s’. Kies een andere.") % {
            "slug": slug
        }
    return None


def leerkring_slug_for(title: str) -> str:
    """An address made from the title that no circle has and no page takes."""
    base = slugify(title)[:SLUG_MAX].strip("-") or "leerkring"
    taken = set(
        Leerkring.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    ) | set(slugs.reserved_slugs(slugs.LEERKRING))
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = base[: SLUG_MAX - len(suffix)] + suffix
        n += 1
    return slug


def _unique_dilemma_slug(title: str, taken: set[str]) -> str:
    base = slugify(title)[:SLUG_MAX].strip("-") or "dilemma"
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = base[: SLUG_MAX - len(suffix)] + suffix
        n += 1
    taken.add(slug)
    return slug


def _check(*, title, slug, starts_on, ends_on, max_gemeenten) -> None:
    if not title.strip():
        raise ProgrammaError(_("Geef de leerkring een titel."))
    if ends_on < starts_on:
        raise ProgrammaError(
            _("De einddatum ligt vóór de begindatum. Kies een einddatum na %(date)s.")
            % {"date": starts_on.strftime("%d-%m-%Y")}
        )
    if not 1 <= max_gemeenten <= 50:
        raise ProgrammaError(_("Het aantal gemeenten moet tussen 1 en 50 liggen."))
    if slug and (problem := slug_problem(slug)):
        raise ProgrammaError(problem)


@transaction.atomic
def leerkring_create(
    *,
    programma: Programma,
    actor,
    title: str,
    slug: str = "",
    subtitle: str = "",
    summary: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    max_gemeenten: int = 8,
    kernvragen: list[str] | None = None,
    framework: str = "",
    dilemmas: DilemmaChoices | None = None,
) -> Leerkring:
    """A new circle of `programma`, in preparation: nobody but the programme's managers and
    its researchers sees it until it opens. Its core questions (in order), framework and
    dilemmas come with it; everything in one transaction."""
    title, slug = title.strip(), slug.strip().lower()
    _check(
        title=title, slug=slug, starts_on=starts_on, ends_on=ends_on, max_gemeenten=max_gemeenten
    )
    dilemmas = dilemmas or DilemmaChoices()
    allowed = set(dilemmas_of_programma(programma=programma).values_list("pk", flat=True))
    chosen = [d.pk for d in [*dilemmas.shared, *dilemmas.copied]]
    if not set(chosen) <= allowed or len(chosen) != len(set(chosen)):
        raise ProgrammaError(_("Kies voor elk dilemma één ding: delen, kopiëren of niet meenemen."))
    leerkring = Leerkring(
        programma=programma,
        phase=Phase.PREPARING,
        title=title,
        slug=slug or leerkring_slug_for(title),
        subtitle=subtitle.strip(),
        summary=summary.strip(),
        framework=framework.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        max_gemeenten=max_gemeenten,
    )
    try:
        leerkring.full_clean()
    except ValidationError as error:
        raise ProgrammaError(" ".join(error.messages)) from None
    try:
        with transaction.atomic():
            leerkring.save()
    except IntegrityError:  # the same address, taken a moment ago
        raise ProgrammaError(
            _("Er is al een leerkring met de korte naam ‘%(slug)s’. Kies een andere.")
            % {"slug": leerkring.slug}
        ) from None

    questions = [q.strip() for q in kernvragen or [] if q.strip()]
    Kernvraag.objects.bulk_create(
        Kernvraag(leerkring=leerkring, text=text, position=i) for i, text in enumerate(questions)
    )
    DilemmaGedeeld.objects.bulk_create(
        DilemmaGedeeld(dilemma=dilemma, leerkring=leerkring, position=i)
        for i, dilemma in enumerate(dilemmas.shared)
    )
    taken: set[str] = set()
    rows = []
    for dilemma in dilemmas.copied:
        rows.append(
            Dilemma(
                leerkring=leerkring,
                slug=_unique_dilemma_slug(dilemma.slug, taken),
                title_nl=dilemma.title_nl or dilemma.title,
                title_en=dilemma.title_en,
                summary_nl=dilemma.summary_nl or dilemma.summary,
                summary_en=dilemma.summary_en,
                description=dilemma.description,
                questions=dilemma.questions,
            )
        )
    for new in dilemmas.new:
        rows.append(
            Dilemma(
                leerkring=leerkring,
                slug=_unique_dilemma_slug(new.title, taken),
                title_nl=new.title.strip()[:TITLE_MAX],
                summary_nl=new.summary.strip()[:SUMMARY_MAX],
                description=_("De onderzoekers van deze leerkring beschrijven dit dilemma nog."),
            )
        )
    for position, row in enumerate(rows, start=len(dilemmas.shared)):
        # bulk_create skips DutchOriginalMixin.save: the original columns hold the Dutch text.
        row.position = position
        row.title = row.title_nl
        row.summary = row.summary_nl
    Dilemma.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.LEERKRING_CREATED,
        target=leerkring,
        detail=_(
            "in %(programma)s; dilemma's: %(shared)s gedeeld, %(copied)s gekopieerd, %(new)s nieuw"
        )
        % {
            "programma": programma.title,
            "shared": len(dilemmas.shared),
            "copied": len(dilemmas.copied),
            "new": len(dilemmas.new),
        },
    )
    return leerkring


def phase_refusal(leerkring: Leerkring, phase: str) -> str | None:
    """Why the circle cannot go to `phase` now, or None. The confirmation page asks it to say
    so before anyone presses a button; the service asks it again under the lock."""
    label = Phase(phase).label
    if leerkring.phase == phase:
        return _("De leerkring is al in de fase ‘%(phase)s’.") % {"phase": label}
    if phase not in PHASE_TRANSITIONS[leerkring.phase]:
        return _("Van ‘%(from)s’ naar ‘%(to)s’ kan niet.") % {
            "from": Phase(leerkring.phase).label,
            "to": label,
        }
    if phase == Phase.OPEN:
        if not leerkring.researchers.exists():
            return _(
                "Een leerkring openen kan pas als er een onderzoeker is: de onderzoekers "
                "besluiten over de aanmeldingen van gemeenten. Nodig eerst een onderzoeker uit; "
                "openen kan zodra die de uitnodiging heeft aangenomen."
            )
        if leerkring.ends_on < timezone.localdate():
            return _(
                "De einddatum van deze leerkring is al voorbij; gemeenten kunnen zich niet meer "
                "aanmelden. Sluit de leerkring af."
            )
    return None


def leerkring_phase_set(
    *, leerkring: Leerkring, phase: str, actor, expected: str = ""
) -> Leerkring:
    """Move the circle to `phase`. The row is locked and the move checked again under the lock,
    so two managers (or two tabs) cannot both move it; `expected` is the phase the person saw
    on the confirmation page: if it changed since, nothing happens and they are told."""
    if phase not in Phase.values:
        raise ProgrammaError(_("Deze fase bestaat niet."))
    with transaction.atomic():
        locked = Leerkring.objects.select_for_update().get(pk=leerkring.pk)
        if expected and locked.phase != expected and locked.phase != phase:
            raise ProgrammaError(
                _(
                    "De fase van de leerkring is intussen veranderd in ‘%(phase)s’. Er is niets "
                    "gewijzigd; kijk opnieuw wat je wilt doen."
                )
                % {"phase": Phase(locked.phase).label}
            )
        if problem := phase_refusal(locked, phase):
            raise ProgrammaError(problem)
        previous = locked.phase
        locked.phase = phase
        locked.closed_at = timezone.now() if phase == Phase.CLOSED else None
        locked.save(update_fields=["phase", "closed_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.LEERKRING_PHASE,
            target=locked,
            detail=f"{previous} -> {phase}",
        )
    return locked
