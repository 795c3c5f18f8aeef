"""The publications of every circle of a programme, for everyone: what the public may see of
them is publicaties' own rule (publicaties.selectors.publicatie_public: released and public),
of the programme's public circles (never one in preparation)."""

from django.db.models import QuerySet

from leerkring.core.models import Programma
from leerkring.core.selectors import leerkring_list
from publicaties.models import Publicatie
from publicaties.selectors import public_feed, publicatie_public


def _public_circles(programma: Programma):
    return leerkring_list().filter(programma=programma)


def programma_publicaties(*, programma: Programma, now=None) -> QuerySet[Publicatie]:
    """Newest first, each with its circle and authors (a page of them: three queries)."""
    return (
        publicatie_public(now)
        .filter(leerkring__in=_public_circles(programma))
        .select_related("leerkring")
        .prefetch_related("authors")
        .order_by("-release_at", "title", "pk")
    )


def programma_feed(*, programma: Programma) -> QuerySet[Publicatie]:
    """The newest for the programme's Atom feed."""
    return public_feed(leerkringen=_public_circles(programma))


def publicaties_per_circle(*, circles, now=None, limit: int = 5) -> dict[int, list[Publicatie]]:
    """The newest `limit` public publications of each of these circles (ended circles on the
    programme's page), by circle id; one query."""
    found: dict[int, list[Publicatie]] = {}
    for publicatie in (
        publicatie_public(now)
        .filter(leerkring__in=[circle.pk for circle in circles])
        .only("pk", "title", "slug", "kind", "release_at", "leerkring_id")
        .order_by("-release_at", "title", "pk")
    ):
        found.setdefault(publicatie.leerkring_id, []).append(publicatie)
    return {pk: items[:limit] for pk, items in found.items()}
