"""The meeting's report: its versions with their PDFs, the newest, the figures it keeps."""

from django.conf import settings
from django.db.models import Count
from django.utils.translation import get_language, gettext

from leerkring.core.rendering.selectors import render_jobs

from ..documents import VERSLAG
from ..models import Aanmelding, Bijeenkomst, VerslagVersie, Werkgroep
from . import attendance as attendance_selectors


def verslag_versies(*, verslag) -> list:
    """Every version of a report with the state of its PDF, newest first (researchers)."""
    versies = list(verslag.versies.select_related("created_by").order_by("-number"))
    jobs = render_jobs(kind=VERSLAG, object_ids=[v.pk for v in versies])
    for versie in versies:
        versie.job = jobs.get(versie.pk)
    return versies


def verslag_groups(*, versie: VerslagVersie) -> list[dict]:
    """The work groups of a version that have conclusions, as the version keeps them, with the
    name of each group's dilemma in the active language (the fixed vocabulary, issue 18): a
    version keeps the Dutch name it was written with. One query."""
    groups = [dict(g) for g in versie.werkgroepen if g.get("conclusions")]
    ids = [g["werkgroep"] for g in groups if g.get("dilemma") and g.get("werkgroep")]
    if ids and get_language() != settings.LANGUAGE_CODE:
        # Through the Dilemma itself: only its own queries know its fields per language.
        names = {
            groep.pk: groep.dilemma.title
            for groep in Werkgroep.objects.filter(pk__in=ids, dilemma__isnull=False)
            .select_related("dilemma")
            .only("pk", "dilemma")
        }
        for group in groups:
            group["dilemma"] = names.get(group.get("werkgroep")) or group.get("dilemma", "")
    return groups


def verslag_current(*, bijeenkomst: Bijeenkomst) -> VerslagVersie | None:
    """The newest version of the meeting's report, published or not; None before the first."""
    return (
        VerslagVersie.objects.filter(verslag__bijeenkomst=bijeenkomst).order_by("-number").first()
    )


def verslag_recipients(*, bijeenkomst: Bijeenkomst) -> list[str]:
    """The addresses that get the e-mail when the report is published: everyone with a seat
    (registered or marked present) whose account is active and who wants e-mail. The one list:
    the confirmation page counts it and the service (verslag_publish) mails it, checking the
    count the page showed, so the number shown is the number mailed."""
    return list(
        bijeenkomst.aanmeldingen.filter(
            status__in=Aanmelding.SEATED,
            deelnemer__is_active=True,
            deelnemer__email_notifications=True,
        )
        .order_by("deelnemer__email")
        .values_list("deelnemer__email", flat=True)
    )


def verslag_figures(*, bijeenkomst: Bijeenkomst) -> dict:
    """The meeting's own figures: who came (those marked present, or else everyone with a
    seat) and from which municipalities. Stored with each report version, so plain strings."""
    seated = attendance_selectors.counted_present(bijeenkomst.aanmeldingen.all())
    per_gemeente = (
        seated.values("gemeente__name").annotate(aantal=Count("id")).order_by("gemeente__name")
    )
    return {
        "deelnemers": seated.count(),
        "gemeenten": [
            {"naam": row["gemeente__name"] or gettext("zonder gemeente"), "aantal": row["aantal"]}
            for row in per_gemeente
        ],
    }
