"""The personal calendar feed."""

from django.db.models import QuerySet

from ..models import Aanmelding, Bijeenkomst


def feed_bijeenkomsten(*, user) -> QuerySet[Bijeenkomst]:
    """The meetings in a person's calendar feed: those they hold a seat or a waiting place for."""
    return (
        Bijeenkomst.objects.filter(
            aanmeldingen__deelnemer=user, aanmeldingen__status__in=Aanmelding.ACTIVE
        )
        .distinct()
        .order_by("starts_at")
    )
