"""The e-mail about a meeting to the person of one registration (confirmation, promotion)."""

from leerkring.core.mail import mail_prepare, mail_queue, site_url
from leerkring.core.models import OutgoingEmail

from ..calendar import ics_for
from ..models import Aanmelding
from ..selectors import online as online_selectors
from ..selectors import venue as venue_selectors


def aanmelding_mail_send(*, aanmelding: Aanmelding, template: str) -> None:
    """An e-mail about a meeting to the person of one registration, with the meeting's .ics.
    The online link goes in only when the person may have it (selectors.online): in the
    text and in the .ics of someone with a seat, never of someone on the waiting list."""
    mail_queue(aanmelding_mail(aanmelding=aanmelding, template=template))


def aanmelding_mail(*, aanmelding: Aanmelding, template: str) -> OutgoingEmail | None:
    """The e-mail of aanmelding_mail_send, rendered and not yet queued (mail_queue). Whether
    the person holds a seat is read from `aanmelding` itself (a person has one active
    registration per meeting), so it can be rendered before the registration is written."""
    bijeenkomst = aanmelding.bijeenkomst
    seated = {bijeenkomst.pk} if aanmelding.status in Aanmelding.SEATED else set()
    person = aanmelding.deelnemer
    links = online_selectors.online_links(user=person, bijeenkomsten=[bijeenkomst], seated=seated)
    venues = venue_selectors.venues(user=person, bijeenkomsten=[bijeenkomst], seated=seated)
    ics = ics_for(
        [bijeenkomst],
        name=bijeenkomst.title,
        base_url=site_url(),
        online_links=links,
        venues=venues,
    ).decode()
    return mail_prepare(
        template=template,
        to=[person.email],
        language=person.language,
        context={
            "aanmelding": aanmelding,
            "bijeenkomst": bijeenkomst,
            "url": site_url(),
            "online_url": links.get(bijeenkomst.pk, ""),
        },
        attachments=[("bijeenkomst.ics", ics, "text/calendar")],
    )
