"""Which registrations a researcher or coordinator may see (D31): every one in the circles
they research; in a circle they coordinate, only those of their own municipality. The
registrations screen, its CSV, the meeting page's attendance and the attendance chart all ask
`aanmelding_scope` or the roles below it."""

from django.db.models import Q

from gemeenten.models import Deelname
from gemeenten.selectors import viewer_context


def coordinated_deelnames(user) -> frozenset[tuple[int, int]]:
    """(circle id, municipality id) of every admitted participation this person coordinates,
    kept on the user for the rest of the request."""
    return frozenset(coordinated_gemeenten(user))


def coordinated_gemeenten(user) -> dict[tuple[int, int], str]:
    """{(circle id, municipality id): municipality name} of the participations a person
    coordinates, in one query, kept on the user."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_coordinated_deelnames", None)
    if cached is None:
        cached = user._coordinated_deelnames = {
            (leerkring_id, gemeente_id): name
            for leerkring_id, gemeente_id, name in Deelname.objects.filter(
                coordinators=user, status=Deelname.Status.ADMITTED
            ).values_list("leerkring_id", "gemeente_id", "gemeente__name")
        }
    return cached


def aanmelding_scope(user) -> Q:
    """The registrations a person may list and export: every one in the circles they
    research; in a circle they coordinate, only those of their own municipality."""
    scope = Q(bijeenkomst__leerkring_id__in=viewer_context(user).researched)
    for leerkring_id, gemeente_id in coordinated_deelnames(user):
        scope |= Q(bijeenkomst__leerkring_id=leerkring_id, gemeente_id=gemeente_id)
    return scope


def overview_circles(user) -> set[int]:
    """The circles whose registrations a person may see in part or in full: those they research
    and those they coordinate a municipality in."""
    return set(viewer_context(user).researched) | {pair[0] for pair in coordinated_deelnames(user)}
