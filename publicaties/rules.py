"""Who may see a publication. Researchers and coordinators of its circle: always, also under
embargo. Everyone else only once it is released, and then only when its visibility includes
them: the public for public ones, the circle's members for members' ones."""

import rules
from django.utils import timezone

from gemeenten.models import Deelname
from gemeenten.selectors import viewer_context

from .models import PublicatieVersie


def coordinated_circles(user) -> frozenset[int]:
    """The circles in which this person coordinates an admitted municipality (kept on the
    user for the rest of the request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_coordinated_circles", None)
    if cached is None:
        cached = user._coordinated_circles = frozenset(
            user.deelnames_as_coordinator.filter(status=Deelname.Status.ADMITTED).values_list(
                "leerkring_id", flat=True
            )
        )
    return cached


@rules.predicate
def researches(user, publicatie) -> bool:
    return publicatie is not None and publicatie.leerkring_id in viewer_context(user).researched


@rules.predicate
def coordinates(user, publicatie) -> bool:
    return publicatie is not None and publicatie.leerkring_id in coordinated_circles(user)


@rules.predicate
def released_to(user, publicatie) -> bool:
    if publicatie is None or publicatie.release_at > timezone.now():
        return False
    if publicatie.visibility == "openbaar":
        return True
    if publicatie.visibility == "deelnemers":
        return publicatie.leerkring_id in viewer_context(user).admitted
    return False


@rules.predicate
def researches_versie(user, versie) -> bool:
    return versie is not None and researches(user, versie.publicatie)


@rules.predicate
def reads_newest_versie(user, versie) -> bool:
    """Whoever may see the publication, for its newest version."""
    if versie is None:
        return False
    publicatie = versie.publicatie
    return (
        coordinates(user, publicatie) or released_to(user, publicatie)
    ) and not PublicatieVersie.objects.filter(
        publicatie_id=versie.publicatie_id, number__gt=versie.number
    ).exists()


rules.add_perm("publicaties.view_publicatie", researches | coordinates | released_to)
rules.add_perm("publicaties.manage_publicatie", researches)
# One version and its PDF (leerkring/core/rendering): the newest for whoever may see the
# publication; every version and its errors for the researchers.
rules.add_perm("publicaties.view_publicatieversie", researches_versie | reads_newest_versie)
rules.add_perm("publicaties.manage_publicatieversie", researches_versie)
