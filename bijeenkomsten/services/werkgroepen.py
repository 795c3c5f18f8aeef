"""Work groups of a meeting: add one, join or place someone, balance everyone over them, and
record the cases a group discussed."""

from collections import Counter

from django.db import transaction
from django.utils.translation import gettext as _

from dilemmas.models import Casus

from ..errors import WerkgroepError
from ..models import Aanmelding, Bijeenkomst, Werkgroep

SEATED = Aanmelding.SEATED


@transaction.atomic
def werkgroep_join(
    *, aanmelding: Aanmelding, werkgroep_id: int, by_researcher: bool = False
) -> Aanmelding:
    """Join (or switch to) a work group of the same meeting while it has room."""
    werkgroep = Werkgroep.objects.select_for_update().get(pk=werkgroep_id)
    aanmelding = (
        Aanmelding.objects.select_for_update(of=("self",))
        .select_related("deelnemer")
        .get(pk=aanmelding.pk)
    )
    if werkgroep.bijeenkomst_id != aanmelding.bijeenkomst_id:
        raise WerkgroepError(_("Deze werkgroep hoort bij een andere bijeenkomst."))
    if aanmelding.status not in SEATED:
        if by_researcher:
            raise WerkgroepError(
                _("%(name)s heeft nog geen plaats bij de bijeenkomst en kan niet in een werkgroep.")
                % {"name": aanmelding.deelnemer.display_name}
            )
        raise WerkgroepError(_("Kies een werkgroep zodra je een plaats hebt bij de bijeenkomst."))
    if aanmelding.werkgroep_id == werkgroep.pk:
        return aanmelding
    members = werkgroep.aanmeldingen.filter(status__in=SEATED).count()
    if members >= werkgroep.capacity:
        if by_researcher:
            raise WerkgroepError(
                _(
                    "De werkgroep %(name)s is vol: %(members)s van %(capacity)s plaatsen. "
                    "%(person)s is niet verplaatst. Kies een andere werkgroep, of haal eerst "
                    "iemand uit deze werkgroep."
                )
                % {
                    "name": werkgroep.title,
                    "members": members,
                    "capacity": werkgroep.capacity,
                    "person": aanmelding.deelnemer.display_name,
                }
            )
        raise WerkgroepError(
            _("De werkgroep %(name)s is vol. Kies een andere werkgroep.")
            % {"name": werkgroep.title}
        )
    aanmelding.werkgroep = werkgroep
    aanmelding.save(update_fields=["werkgroep"])
    return aanmelding


@transaction.atomic
def werkgroep_leave(*, aanmelding: Aanmelding) -> Aanmelding:
    """Take a person out of their work group ("geen werkgroep"); their seat stays."""
    aanmelding = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
    if aanmelding.werkgroep_id is not None:
        aanmelding.werkgroep = None
        aanmelding.save(update_fields=["werkgroep"])
    return aanmelding


@transaction.atomic
def werkgroep_balance(*, bijeenkomst: Bijeenkomst) -> dict[int, int]:
    """Place everyone with a seat in a work group: first choices stay where the group has
    room; the others go where their municipality has the fewest people, then the smallest
    group. Returns {werkgroep id: members}."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    groups = list(bijeenkomst.werkgroepen.select_for_update().order_by("id"))
    if not groups:
        raise WerkgroepError(_("Maak eerst werkgroepen aan."))
    seated = list(bijeenkomst.aanmeldingen.filter(status__in=SEATED).order_by("created_at", "id"))
    members: dict[int, list[Aanmelding]] = {g.pk: [] for g in groups}
    capacity = {g.pk: g.capacity for g in groups}
    unplaced = []
    for aanmelding in seated:  # first choices, first come first served
        if (
            aanmelding.werkgroep_id in members
            and len(members[aanmelding.werkgroep_id]) < capacity[aanmelding.werkgroep_id]
        ):
            members[aanmelding.werkgroep_id].append(aanmelding)
        else:
            unplaced.append(aanmelding)
    for aanmelding in sorted(unplaced, key=lambda a: (a.gemeente_id or 0, a.id)):
        open_groups = [g for g in members if len(members[g]) < capacity[g]]
        if not open_groups:
            raise WerkgroepError(_("Er zijn te weinig plaatsen in de werkgroepen voor iedereen."))
        best = min(
            open_groups,
            key=lambda g: (
                Counter(a.gemeente_id for a in members[g])[aanmelding.gemeente_id],
                len(members[g]),
                g,
            ),
        )
        members[best].append(aanmelding)
    for group_id, placed in members.items():
        Aanmelding.objects.filter(pk__in=[a.pk for a in placed]).update(werkgroep_id=group_id)
    return {group_id: len(placed) for group_id, placed in members.items()}


def werkgroep_create(*, bijeenkomst: Bijeenkomst, **fields) -> Werkgroep:
    """Add a work group to a meeting; its dilemma must belong to the meeting's circle."""
    if fields["dilemma"].leerkring_id != bijeenkomst.leerkring_id:
        raise WerkgroepError(_("Dit dilemma hoort niet bij deze leerkring."))
    return Werkgroep.objects.create(bijeenkomst=bijeenkomst, **fields)


def werkgroep_link_casus(*, werkgroep: Werkgroep, casus: Casus | None, linked: bool) -> None:
    """Record that a work group discussed a case of its circle (or undo it). `casus` is None
    when the id posted matched no case: refused with the same message as a case elsewhere."""
    if (
        casus is None
        or casus.leerkring_id != werkgroep.bijeenkomst.leerkring_id
        or casus.status != Casus.Status.PUBLISHED
    ):
        raise WerkgroepError(_("Kies een gepubliceerde casus uit deze leerkring."))
    if linked:
        werkgroep.casussen.add(casus)
    else:
        werkgroep.casussen.remove(casus)
