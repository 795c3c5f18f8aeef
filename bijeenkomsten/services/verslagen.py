"""The meeting's report: write it (a draft, or a new version once published), publish it, and
ask for its PDF."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import normalize_newlines
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _

from leerkring.core.audit import audit_record
from leerkring.core.mail import mail_send_many, site_url
from leerkring.core.models import AuditEntry
from leerkring.core.rendering.services import render_request

from ..documents import VERSLAG
from ..errors import VerslagError
from ..models import Bijeenkomst, Verslag, VerslagVersie
from ..selectors import verslagen as verslagen_selectors
from ..selectors.documenten import REPORT_READERS


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
    *,
    verslag: Verslag,
    notify: bool = True,
    at: datetime.datetime | None = None,
    actor=None,
    expected_recipients: int | None = None,
) -> bool:
    """Publish the report: members can read it, the PDF is rendered, and everyone who took
    part gets an e-mail with a link (unless `notify` is off; the demo's history also sets
    `at`, the moment it was published). The recipients are selectors.verslagen.
    verslag_recipients; `expected_recipients` is the number the confirmation page showed:
    when the list has changed since, nothing happens and the person is told to look again.
    Publishing again does nothing. Returns whether it did."""
    # The meeting's row first, as registrations and verslag_save lock it: the list of
    # recipients cannot change between counting and mailing.
    Bijeenkomst.objects.select_for_update().filter(pk=verslag.bijeenkomst_id).first()
    verslag = Verslag.objects.select_for_update().select_related("bijeenkomst").get(pk=verslag.pk)
    if verslag.is_published:
        return False
    versie = verslag.versies.order_by("-number").first()
    if versie is None:
        raise VerslagError(_("Schrijf eerst het verslag; er is nog niets om te publiceren."))
    bijeenkomst = verslag.bijeenkomst
    addresses = verslagen_selectors.verslag_recipients(bijeenkomst=bijeenkomst) if notify else []
    if expected_recipients is not None and len(addresses) != expected_recipients:
        raise VerslagError(
            _(
                "Er is iets veranderd sinds je de vorige pagina opende: nu krijgen %(n)s "
                "deelnemers een e-mail. Kijk het na en publiceer opnieuw."
            )
            % {"n": len(addresses)}
        )
    now = at or timezone.now()
    verslag.status = Verslag.Status.PUBLISHED
    verslag.published_at = now
    verslag.save(update_fields=["status", "published_at", "updated_at"])
    versie.published_at = now
    versie.save(update_fields=["published_at"])
    verslag_render(versie=versie)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.VERSLAG_PUBLISHED,
        target=verslag,
        detail=(
            ngettext(
                "versie %(v)s; %(n)s deelnemer gemaild",
                "versie %(v)s; %(n)s deelnemers gemaild",
                len(addresses),
            )
            if notify
            else gettext("versie %(v)s; zonder e-mail")
        )
        % {"v": versie.number, "n": len(addresses)},
    )
    if not notify:
        return True
    url = site_url() + reverse("bijeenkomsten:verslag", args=[bijeenkomst.pk])
    mail_send_many(
        template="bijeenkomsten/email/verslag_published",
        to=addresses,
        context={"bijeenkomst": bijeenkomst, "versie": versie, "url": url},
    )
    return True


def verslag_render_for_documents(*, bijeenkomst_id: int, visibility: str) -> None:
    """The published report's PDF lists the documents its readers may see: when one of
    those comes or goes, its newest version is made again (its version fingerprint,
    documents.verslag_version, includes them; an unchanged one is not rendered again)."""
    if visibility not in REPORT_READERS:
        return
    versie = (
        VerslagVersie.objects.filter(
            verslag__bijeenkomst_id=bijeenkomst_id, verslag__status=Verslag.Status.PUBLISHED
        )
        .order_by("-number")
        .first()
    )
    if versie is not None:
        verslag_render(versie=versie)
