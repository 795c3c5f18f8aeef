"""The e-mail about a meeting to the person of one registration (confirmation, promotion)."""

from leerkring.core.mail import mail_send, site_url

from ..calendar import ics_for
from ..models import Aanmelding
from ..selectors import online as online_selectors
from ..selectors import venue as venue_selectors


def aanmelding_mail_send(*, aanmelding: Aanmelding, template: str) -> None:
    """An e-mail about a meeting to the person of one registration, with the meeting's .ics.
    The online link goes in only when the person may have it (selectors.online): in the
    text and in the .ics of someone with a seat, never of someone on the waiting list."""
    bijeenkomst = aanmelding.bijeenkomst
    links = online_selectors.online_links(user=aanmelding.deelnemer, bijeenkomsten=[bijeenkomst])
    venues = venue_selectors.venues(user=aanmelding.deelnemer, bijeenkomsten=[bijeenkomst])
    ics = ics_for(
        [bijeenkomst],
        name=bijeenkomst.title,
        base_url=site_url(),
        online_links=links,
        venues=venues,
    ).decode()
    mail_send(
        template=template,
        to=[aanmelding.deelnemer.email],
        context={
            "aanmelding": aanmelding,
            "bijeenkomst": bijeenkomst,
            "url": site_url(),
            "online_url": links.get(bijeenkomst.pk, ""),
        },
        attachments=[("bijeenkomst.ics", ics, "text/calendar")],
    )
