"""One meeting with everything its page shows, in one query with its prefetches."""

from django.db.models import Count, Prefetch, Q

from ..models import Aanmelding, Bijeenkomst, Werkgroep


def bijeenkomst_detail(*, pk: int) -> Bijeenkomst:
    groups = (
        Werkgroep.objects.select_related("dilemma")
        .annotate(
            members=Count("aanmeldingen", filter=Q(aanmeldingen__status__in=Aanmelding.SEATED))
        )
        .prefetch_related("casussen")
        .order_by("title")
    )
    return (
        Bijeenkomst.objects.select_related("leerkring", "host_gemeente", "verslag")
        .prefetch_related("programma", Prefetch("werkgroepen", queryset=groups))
        .annotate(
            seated=Count(
                "aanmeldingen", filter=Q(aanmeldingen__status__in=Aanmelding.SEATED), distinct=True
            ),
            waiting=Count(
                "aanmeldingen",
                filter=Q(aanmeldingen__status=Aanmelding.Status.WAITLIST),
                distinct=True,
            ),
        )
        .get(pk=pk)
    )
