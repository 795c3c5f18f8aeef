"""The work groups of a meeting as a person may see them."""

from django.db.models import Case, QuerySet, When

from dilemmas.selectors import casus_names

from ..models import Aanmelding, Bijeenkomst, Werkgroep


def werkgroepen_as_seen(*, user, bijeenkomst: Bijeenkomst) -> list[Werkgroep]:
    """The meeting's work groups (as prefetched by bijeenkomst_detail), each with the cases it
    discussed as this person may see them: `named_casussen` [(id, title)] for the cases they
    may open, under the title they may read, and `unnamed_casussen`, how many others there
    are. One query for the whole page."""
    groups = list(bijeenkomst.werkgroepen.all())
    names = casus_names(user=user, casussen=[c for g in groups for c in g.casussen.all()])
    for group in groups:
        casussen = group.casussen.all()
        group.named_casussen = [(c.pk, names[c.pk]) for c in casussen if c.pk in names]
        group.unnamed_casussen = len(casussen) - len(group.named_casussen)
    return groups


def werkgroep_placements(*, bijeenkomst: Bijeenkomst) -> QuerySet[Aanmelding]:
    """Everyone with a seat, for the researchers' work groups page: people without a group
    first (they still need one), then by municipality and name; each with their group."""
    return (
        bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.SEATED)
        .select_related("deelnemer", "gemeente", "werkgroep")
        .order_by(
            Case(When(werkgroep__isnull=True, then=0), default=1),
            "gemeente__name",
            "deelnemer__name",
            "id",
        )
    )
