"""The personal calendar feed: its secret token (the feed itself is a read, in selectors)."""

from ..models import Agendakoppeling, new_token


def agendakoppeling_for(*, user) -> Agendakoppeling:
    """The person's calendar feed token, made on first use."""
    koppeling, _created = Agendakoppeling.objects.get_or_create(user=user)
    return koppeling


def agendakoppeling_renew(*, user) -> Agendakoppeling:
    """A new token; the old feed URL stops working at once."""
    koppeling, _created = Agendakoppeling.objects.update_or_create(
        user=user, defaults={"token": new_token()}
    )
    return koppeling
