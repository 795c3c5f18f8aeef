"""Permissions about municipalities. Roles: researcher (per circle), coordinator (per
municipality's participation), member (confirmed membership of an admitted municipality)."""

import rules

from leerkring.core.rules import is_researcher

from .models import Deelname, Lidmaatschap
from .selectors import lidmaatschap_decidable_by, viewer_context


@rules.predicate
def is_member(user) -> bool:
    """A confirmed member of a municipality admitted to a circle."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_member", None)
    if cached is None:
        cached = user._is_member = Lidmaatschap.objects.filter(
            user=user,
            status=Lidmaatschap.Status.CONFIRMED,
            gemeente__deelnames__status=Deelname.Status.ADMITTED,
        ).exists()
    return cached


@rules.predicate
def is_coordinator(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_coordinator", None)
    if cached is None:
        cached = user._is_coordinator = user.deelnames_as_coordinator.filter(
            status=Deelname.Status.ADMITTED
        ).exists()
    return cached


@rules.predicate
def is_coordinator_of(user, gemeente) -> bool:
    return (
        user.is_authenticated
        and gemeente is not None
        and user.deelnames_as_coordinator.filter(gemeente=gemeente).exists()
    )


@rules.predicate
def is_member_of(user, gemeente) -> bool:
    return (
        user.is_authenticated
        and gemeente is not None
        and is_member(user)
        and Lidmaatschap.objects.filter(
            user=user, gemeente=gemeente, status=Lidmaatschap.Status.CONFIRMED
        ).exists()
    )


@rules.predicate
def may_decide_on(user, lidmaatschap) -> bool:
    """A coordinator of the person's municipality, or a researcher of a circle it is admitted
    to: the selector that lists the requests decides, so a list and a decision never differ."""
    return (
        lidmaatschap is not None
        and lidmaatschap_decidable_by(user=user).filter(pk=lidmaatschap.pk).exists()
    )


@rules.predicate
def researches_gemeente(user, gemeente) -> bool:
    """A researcher of a circle this municipality applied to or takes part in: researchers of
    other circles see its page as any outsider does."""
    return (
        gemeente is not None
        and Deelname.objects.filter(
            gemeente=gemeente, leerkring_id__in=viewer_context(user).researched
        ).exists()
    )


is_circle_member = is_member | is_coordinator | is_researcher

# The municipality page: colleagues who chose to be visible.
rules.add_perm("gemeenten.view_colleagues", is_member_of | is_coordinator_of | researches_gemeente)
# All members (also hidden ones), pending requests, attendance, the project card.
rules.add_perm("gemeenten.manage_gemeente", is_coordinator_of | researches_gemeente)
rules.add_perm("gemeenten.decide_lidmaatschap", may_decide_on)
rules.add_perm("gemeenten.decide_deelname", is_researcher)
rules.add_perm("gemeenten.set_coordinator", is_researcher)
rules.add_perm("gemeenten.view_requests", is_researcher)


# --- Certificates of participation (leerkring/documents.py) ----------------------------------
@rules.predicate
def is_lidmaatschap_holder(user, lidmaatschap) -> bool:
    return user.is_authenticated and lidmaatschap is not None and lidmaatschap.user_id == user.pk


@rules.predicate
def coordinates_lidmaatschap(user, lidmaatschap) -> bool:
    """A coordinator of the person's municipality in a circle it is admitted to."""
    return (
        user.is_authenticated
        and lidmaatschap is not None
        and Deelname.objects.filter(
            gemeente_id=lidmaatschap.gemeente_id,
            status=Deelname.Status.ADMITTED,
            coordinators=user,
        ).exists()
    )


@rules.predicate
def researches_lidmaatschap(user, lidmaatschap) -> bool:
    """A researcher of a circle the person's municipality is admitted to."""
    return (
        lidmaatschap is not None
        and Deelname.objects.filter(
            gemeente_id=lidmaatschap.gemeente_id,
            status=Deelname.Status.ADMITTED,
            leerkring_id__in=viewer_context(user).researched,
        ).exists()
    )


@rules.predicate
def coordinates_deelname(user, deelname) -> bool:
    return (
        user.is_authenticated
        and deelname is not None
        and deelname.coordinators.filter(pk=user.pk).exists()
    )


@rules.predicate
def researches_deelname(user, deelname) -> bool:
    return deelname is not None and deelname.leerkring_id in viewer_context(user).researched


# A person's certificate: theirs, their coordinator's, the researchers'. Others get a 404.
rules.add_perm(
    "gemeenten.view_deelnamebewijs",
    is_lidmaatschap_holder | coordinates_lidmaatschap | researches_lidmaatschap,
)
rules.add_perm("gemeenten.retry_deelnamebewijs", researches_lidmaatschap)


# A person's certificate for one circle (issue 20; the object is a gemeenten.Deelnamebewijs,
# possibly not saved yet): theirs, the coordinator's of their municipality in that circle, that
# circle's researchers. Others get a 404.
@rules.predicate
def holds_deelnamebewijs(user, bewijs) -> bool:
    return bewijs is not None and user.is_authenticated and bewijs.lidmaatschap.user_id == user.pk


@rules.predicate
def coordinates_deelnamebewijs(user, bewijs) -> bool:
    return (
        user.is_authenticated
        and bewijs is not None
        and Deelname.objects.filter(
            gemeente_id=bewijs.lidmaatschap.gemeente_id,
            leerkring_id=bewijs.leerkring_id,
            status=Deelname.Status.ADMITTED,
            coordinators=user,
        ).exists()
    )


@rules.predicate
def researches_deelnamebewijs(user, bewijs) -> bool:
    return bewijs is not None and bewijs.leerkring_id in viewer_context(user).researched


rules.add_perm(
    "gemeenten.view_deelnamebewijs_kring",
    holds_deelnamebewijs | coordinates_deelnamebewijs | researches_deelnamebewijs,
)
rules.add_perm("gemeenten.retry_deelnamebewijs_kring", researches_deelnamebewijs)
# All certificates of a municipality in a circle, in one file.
rules.add_perm("gemeenten.view_deelnamebewijzen", coordinates_deelname | researches_deelname)
rules.add_perm("gemeenten.retry_deelnamebewijzen", researches_deelname)
