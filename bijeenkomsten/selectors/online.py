"""The online link: one rule for every output (D32)."""

from gemeenten.selectors import viewer_context

from ..models import Aanmelding, Bijeenkomst


def online_links(*, user, bijeenkomsten) -> dict[int, str]:
    """{meeting id: online link} for the meetings whose link this person may have: those they
    hold a seat for (registered or present, not waiting) and those of the circles they
    research. This is the one rule for the link; every output asks it: the meeting page, the
    .ics files, the personal feed and the e-mails. One query for any number of meetings."""
    online = [b for b in bijeenkomsten if b.online_url]
    if not online or user is None or not user.is_authenticated:
        return {}
    researched = viewer_context(user).researched
    seated = set(
        Aanmelding.objects.filter(
            deelnemer=user, bijeenkomst__in=online, status__in=Aanmelding.SEATED
        ).values_list("bijeenkomst_id", flat=True)
    )
    return {b.pk: b.online_url for b in online if b.pk in seated or b.leerkring_id in researched}


def online_link(*, user, bijeenkomst: Bijeenkomst) -> str:
    """The meeting's online link for this person, or "" (see online_links)."""
    return online_links(user=user, bijeenkomsten=[bijeenkomst]).get(bijeenkomst.pk, "")
