"""The meeting's report: write it (a draft, or a new version once published), publish it, and
ask for its PDF."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from leerkring.core.mail import mail_send_many, site_url
from leerkring.core.rendering.services import render_request

from ..documents import VERSLAG
from ..errors import VerslagError
from ..models import Aanmelding, Bijeenkomst, Verslag, VerslagVersie
from ..selectors import verslagen as verslagen_selectors


def verslag_render(*, versie: VerslagVersie) -> None:
    """Ask for the PDF of one version (nothing happens when it is already made)."""
    render_request(kind=VERSLAG, object_id=versie.pk)


@transaction.atomic
def verslag_save(
    *,
    bijeenkomst: Bijeenkomst,
    user,
    title: str,
    authors: str,
    body: str,
    conclusions: str = "",
    werkgroep_conclusies: dict[int, str] | None = None,
) -> tuple[Verslag, VerslagVersie, bool]:
    """Write the report. A draft is changed in place; a published report gets a new version,
    published at once (the older ones stay for the researchers). Saving the same text again
    changes nothing and renders nothing. Returns (report, current version, changed)."""
    Bijeenkomst.objects.select_for_update().filter(pk=bijeenkomst.pk).first()
    verslag, _created = Verslag.objects.get_or_create(bijeenkomst=bijeenkomst)
    latest = verslag.versies.order_by("-number").first()
    conclusies = werkgroep_conclusies or {}

    def text(value: str) -> str:
        # Browsers send CRLF, other sources LF: the same text must compare equal.
        return normalize_newlines(value or "").strip()

    content = {
        "title": title.strip(),
        "authors": authors.strip(),
        "body": text(body),
        "conclusions": text(conclusions),
        "werkgroepen": [
            {
                "werkgroep": groep.pk,
                "title": groep.title,
                "dilemma": groep.dilemma.title if groep.dilemma_id else "",
                "conclusions": text(conclusies.get(groep.pk, "")),
            }
            for groep in bijeenkomst.werkgroepen.select_related("dilemma").order_by("title")
        ],
    }
    figures = verslagen_selectors.verslag_figures(bijeenkomst=bijeenkomst)
    if (
        latest is not None
        and all(getattr(latest, key) == value for key, value in content.items())
        and latest.figures == figures
    ):
        return verslag, latest, False
    if latest is not None and not verslag.is_published:
        for key, value in content.items():
            setattr(latest, key, value)
        latest.figures = figures
        latest.created_by = user
        latest.created_at = timezone.now()
        latest.save()
        return verslag, latest, True
    versie = VerslagVersie.objects.create(
        verslag=verslag,
        number=(latest.number + 1) if latest else 1,
        figures=figures,
        created_by=user,
        published_at=timezone.now() if verslag.is_published else None,
        **content,
    )
    verslag.save(update_fields=["updated_at"])
    if verslag.is_published:
        verslag_render(versie=versie)
    return verslag, versie, True


@transaction.atomic
def verslag_publish(
    *, verslag: Verslag, notify: bool = True, at: datetime.datetime | None = None
) -> bool:
    """Publish the report: members can read it, the PDF is rendered, and everyone who took
    part gets an e-mail with a link (unless `notify` is off; the demo's history also sets
    `at`, the moment it was published).
    Publishing again does nothing. Returns whether it did."""
    verslag = Verslag.objects.select_for_update().select_related("bijeenkomst").get(pk=verslag.pk)
    if verslag.is_published:
        return False
    versie = verslag.versies.order_by("-number").first()
    if versie is None:
        raise VerslagError(_("Schrijf eerst het verslag; er is nog niets om te publiceren."))
    now = at or timezone.now()
    verslag.status = Verslag.Status.PUBLISHED
    verslag.published_at = now
    verslag.save(update_fields=["status", "published_at", "updated_at"])
    versie.published_at = now
    versie.save(update_fields=["published_at"])
    verslag_render(versie=versie)
    if not notify:
        return True
    bijeenkomst = verslag.bijeenkomst
    url = site_url() + reverse("bijeenkomsten:verslag", args=[bijeenkomst.pk])
    addresses = bijeenkomst.aanmeldingen.filter(
        status__in=Aanmelding.SEATED, deelnemer__is_active=True, deelnemer__email_notifications=True
    ).values_list("deelnemer__email", flat=True)
    mail_send_many(
        template="bijeenkomsten/email/verslag_published",
        to=list(addresses),
        context={"bijeenkomst": bijeenkomst, "versie": versie, "url": url},
    )
    return True
