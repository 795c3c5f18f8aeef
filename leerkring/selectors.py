"""Reads for the pages that combine several apps."""

from django.db.models import Prefetch, QuerySet

from dilemmas.models import Kernvraag
from gemeenten.models import Partner
from leerkring.core.models import Leerkring
from leerkring.core.selectors import leerkring_list


def leerkring_list_for_home() -> QuerySet[Leerkring]:
    """Every circle with its core questions and partners, in three queries whatever the rows."""
    return leerkring_list().prefetch_related(
        Prefetch("kernvragen", queryset=Kernvraag.objects.order_by("position", "id")),
        Prefetch("partners", queryset=Partner.objects.order_by("kind", "name")),
    )
