import rules

from gemeenten.rules import is_coordinator
from gemeenten.selectors import viewer_context
from leerkring.core.rules import is_researcher

from .models import VerslagVersie


@rules.predicate
def takes_part_in(user, bijeenkomst) -> bool:
    """A member whose municipality takes part in the meeting's circle."""
    return bijeenkomst is not None and bijeenkomst.leerkring_id in viewer_context(user).admitted


@rules.predicate
def researches(user, bijeenkomst) -> bool:
    return bijeenkomst is not None and bijeenkomst.leerkring_id in viewer_context(user).researched


@rules.predicate
def is_public(user, bijeenkomst) -> bool:
    return bijeenkomst is not None and bijeenkomst.is_public


@rules.predicate
def coordinates_in_circle(user, bijeenkomst) -> bool:
    return (
        bijeenkomst is not None
        and is_coordinator(user)
        and user.deelnames_as_coordinator.filter(leerkring_id=bijeenkomst.leerkring_id).exists()
    )


@rules.predicate
def researches_verslag(user, versie) -> bool:
    return versie is not None and researches(user, versie.verslag.bijeenkomst)


@rules.predicate
def reads_published_verslag(user, versie) -> bool:
    """A member of the circle, for the newest version of a published report."""
    return (
        versie is not None
        and versie.verslag.is_published
        and takes_part_in(user, versie.verslag.bijeenkomst)
        and not VerslagVersie.objects.filter(
            verslag_id=versie.verslag_id, number__gt=versie.number
        ).exists()
    )


rules.add_perm("bijeenkomsten.view_bijeenkomst", is_public | takes_part_in | researches)
rules.add_perm("bijeenkomsten.view_details", takes_part_in | researches)
rules.add_perm("bijeenkomsten.register", takes_part_in)
rules.add_perm("bijeenkomsten.manage", researches)
rules.add_perm("bijeenkomsten.add_bijeenkomst", is_researcher)
rules.add_perm("bijeenkomsten.view_attendance", researches | coordinates_in_circle)
rules.add_perm("bijeenkomsten.view_verslag", takes_part_in | researches)
# One version of a report and its PDF (leerkring/core/rendering): the newest, once published,
# for the circle's members; every version and its errors for the researchers.
rules.add_perm("bijeenkomsten.view_verslagversie", researches_verslag | reads_published_verslag)
rules.add_perm("bijeenkomsten.manage_verslagversie", researches_verslag)
# Registrations and attendance across meetings, and their CSV exports: researchers for their
# circles, coordinators for their own municipality
# (bijeenkomsten.selectors.scope.aanmelding_scope).
rules.add_perm("bijeenkomsten.view_aanmeldingen", is_researcher | is_coordinator)
