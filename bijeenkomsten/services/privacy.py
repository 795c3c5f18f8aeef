"""Erasing a person's data about meetings (composed by leerkring.privacy)."""

from ..models import Aanmelding, Agendakoppeling
from . import berichten


def personal_data_erase(*, user) -> None:
    """Needs (diet, accessibility) and the reason for cancelling are personal; attendance stays
    as a count, anonymous."""
    Aanmelding.objects.filter(deelnemer=user).update(diet="", accessibility="", cancel_reason="")
    Agendakoppeling.objects.filter(user=user).delete()
    berichten.personal_data_erase(user=user)
