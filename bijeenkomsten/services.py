"""Every write about meetings, registrations, work groups, attendance and reminders.

Capacity is guarded by locking the meeting's row (`select_for_update`) for the length of each
registration, cancellation or promotion, so concurrent registrations are decided one at a time;
the partial unique constraint on Aanmelding makes a second active registration impossible."""

import datetime
import logging
from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from dilemmas.models import Casus
from gemeenten.models import Lidmaatschap
from leerkring.core.mail import mail_send, mail_send_many, site_url

from .calendar import ics_for
from .models import (
    Aanmelding,
    Agendakoppeling,
    Bijeenkomst,
    Programmaonderdeel,
    Verslag,
    VerslagVersie,
    Werkgroep,
    new_token,
)
from .selectors import counted_present, online_links

logger = logging.getLogger(__name__)

SEATED = Aanmelding.SEATED


class RegistrationError(Exception):
    """Something a person tried that cannot be done; the message is for them."""


def registration_problem(bijeenkomst: Bijeenkomst, now=None) -> str | None:
    """Why registering is not possible right now, in words for the person, or None."""
    now = now or timezone.now()
    if bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
        return _("Deze bijeenkomst gaat niet door.")
    if bijeenkomst.status == Bijeenkomst.Status.HELD or bijeenkomst.starts_at <= now:
        return _("Deze bijeenkomst is al begonnen of geweest.")
    if bijeenkomst.registration_opens_at and now < bijeenkomst.registration_opens_at:
        return _("Aanmelden kan vanaf %(when)s.") % {
            "when": timezone.localtime(bijeenkomst.registration_opens_at).strftime("%d-%m-%Y %H:%M")
        }
    if now > bijeenkomst.registration_closes_at:
        closed = timezone.localtime(bijeenkomst.registration_closes_at).strftime("%d-%m-%Y %H:%M")
        return _(
            "Aanmelden kon tot %(when)s. Neem contact op met de onderzoekers als je toch wilt "
            "komen."
        ) % {"when": closed}
    return None


def _has_room(bijeenkomst: Bijeenkomst, gemeente_id: int | None) -> bool:
    seated = bijeenkomst.aanmeldingen.filter(status__in=SEATED)
    counts = seated.aggregate(
        total=Count("id"), same=Count("id", filter=Q(gemeente_id=gemeente_id))
    )
    if counts["total"] >= bijeenkomst.capacity:
        return False
    return not (
        bijeenkomst.max_per_gemeente is not None
        and gemeente_id is not None
        and counts["same"] >= bijeenkomst.max_per_gemeente
    )


def _base_url() -> str:
    return site_url()


def _meeting_mail(aanmelding: Aanmelding, template: str) -> None:
    """An e-mail about a meeting to the person of one registration, with the meeting's .ics.
    The online link goes in only when the person may have it (selectors.online_links): in the
    text and in the .ics of someone with a seat, never of someone on the waiting list."""
    bijeenkomst = aanmelding.bijeenkomst
    links = online_links(user=aanmelding.deelnemer, bijeenkomsten=[bijeenkomst])
    ics = ics_for(
        [bijeenkomst], name=bijeenkomst.title, base_url=_base_url(), online_links=links
    ).decode()
    mail_send(
        template=template,
        to=[aanmelding.deelnemer.email],
        context={
            "aanmelding": aanmelding,
            "bijeenkomst": bijeenkomst,
            "url": _base_url(),
            "online_url": links.get(bijeenkomst.pk, ""),
        },
        attachments=[("bijeenkomst.ics", ics, "text/calendar")],
    )


def _confirmation(aanmelding: Aanmelding) -> None:
    if aanmelding.status == Aanmelding.Status.REGISTERED:
        _meeting_mail(aanmelding, "bijeenkomsten/email/aanmelding_confirmed")
    else:
        bijeenkomst = aanmelding.bijeenkomst
        mail_send(
            template="bijeenkomsten/email/aanmelding_waitlist",
            to=[aanmelding.deelnemer.email],
            context={"aanmelding": aanmelding, "bijeenkomst": bijeenkomst, "url": _base_url()},
        )


@transaction.atomic
def aanmelding_create(
    *, bijeenkomst_id: int, deelnemer, diet: str = "", accessibility: str = ""
) -> Aanmelding:
    """Register a person: a seat while there is room, otherwise the waiting list."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst_id)
    problem = registration_problem(bijeenkomst)
    if problem:
        raise RegistrationError(problem)
    if bijeenkomst.aanmeldingen.filter(deelnemer=deelnemer, status__in=Aanmelding.ACTIVE).exists():
        raise RegistrationError(_("Je bent al aangemeld voor deze bijeenkomst."))
    gemeente_id = (
        Lidmaatschap.objects.filter(user=deelnemer, status=Lidmaatschap.Status.CONFIRMED)
        .values_list("gemeente_id", flat=True)
        .first()
    )
    now = timezone.now()
    seated = _has_room(bijeenkomst, gemeente_id)
    try:
        with transaction.atomic():
            aanmelding = Aanmelding.objects.create(
                bijeenkomst=bijeenkomst,
                deelnemer=deelnemer,
                gemeente_id=gemeente_id,
                status=Aanmelding.Status.REGISTERED if seated else Aanmelding.Status.WAITLIST,
                waitlisted_at=None if seated else now,
                diet=diet.strip(),
                accessibility=accessibility.strip(),
            )
    except IntegrityError as exc:  # the partial unique constraint: a double submit
        raise RegistrationError(_("Je bent al aangemeld voor deze bijeenkomst.")) from exc
    _confirmation(aanmelding)
    return aanmelding


def waitlist_position(aanmelding: Aanmelding) -> int | None:
    if aanmelding.status != Aanmelding.Status.WAITLIST:
        return None
    return (
        aanmelding.bijeenkomst.aanmeldingen.filter(status=Aanmelding.Status.WAITLIST)
        .filter(
            Q(waitlisted_at__lt=aanmelding.waitlisted_at)
            | Q(waitlisted_at=aanmelding.waitlisted_at, id__lt=aanmelding.id)
        )
        .count()
        + 1
    )


def _promote(bijeenkomst: Bijeenkomst) -> list[Aanmelding]:
    """Give free seats to the waiting list, first come first served (skipping people whose
    municipality has reached its maximum). Called with the meeting's row locked."""
    promoted = []
    waiting = (
        bijeenkomst.aanmeldingen.filter(status=Aanmelding.Status.WAITLIST)
        .select_related("deelnemer")
        .order_by("waitlisted_at", "id")
    )
    for aanmelding in waiting:
        if bijeenkomst.aanmeldingen.filter(status__in=SEATED).count() >= bijeenkomst.capacity:
            break
        if not _has_room(bijeenkomst, aanmelding.gemeente_id):
            continue
        aanmelding.status = Aanmelding.Status.REGISTERED
        aanmelding.waitlisted_at = None
        aanmelding.save(update_fields=["status", "waitlisted_at"])
        _meeting_mail(aanmelding, "bijeenkomsten/email/aanmelding_promoted")
        promoted.append(aanmelding)
    return promoted


@transaction.atomic
def aanmelding_cancel(*, aanmelding_id: int, deelnemer) -> Aanmelding:
    """A person cancels; a freed seat goes to the first on the waiting list."""
    aanmelding = Aanmelding.objects.select_related("bijeenkomst").get(pk=aanmelding_id)
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=aanmelding.bijeenkomst_id)
    aanmelding.refresh_from_db()
    if aanmelding.deelnemer_id != deelnemer.pk:
        raise RegistrationError(_("Je kunt alleen je eigen aanmelding annuleren."))
    if aanmelding.status == Aanmelding.Status.CANCELLED:
        return aanmelding
    if bijeenkomst.starts_at <= timezone.now():
        raise RegistrationError(_("De bijeenkomst is al begonnen; afmelden kan niet meer."))
    was_seated = aanmelding.status in SEATED
    aanmelding.status = Aanmelding.Status.CANCELLED
    aanmelding.cancelled_at = timezone.now()
    aanmelding.werkgroep = None
    aanmelding.save(update_fields=["status", "cancelled_at", "werkgroep"])
    if was_seated:
        _promote(bijeenkomst)
    return aanmelding


@transaction.atomic
def werkgroep_join(
    *, aanmelding: Aanmelding, werkgroep_id: int, by_researcher: bool = False
) -> Aanmelding:
    """Join (or switch to) a work group of the same meeting while it has room."""
    werkgroep = Werkgroep.objects.select_for_update().get(pk=werkgroep_id)
    aanmelding = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
    if werkgroep.bijeenkomst_id != aanmelding.bijeenkomst_id:
        raise RegistrationError(_("Deze werkgroep hoort bij een andere bijeenkomst."))
    if aanmelding.status not in SEATED:
        raise RegistrationError(
            _("Kies een werkgroep zodra je een plaats hebt bij de bijeenkomst.")
        )
    if aanmelding.werkgroep_id == werkgroep.pk:
        return aanmelding
    members = werkgroep.aanmeldingen.filter(status__in=SEATED).count()
    if members >= werkgroep.capacity:
        raise RegistrationError(
            _("De werkgroep %(name)s is vol. Kies een andere werkgroep.")
            % {"name": werkgroep.title}
        )
    aanmelding.werkgroep = werkgroep
    aanmelding.save(update_fields=["werkgroep"])
    return aanmelding


@transaction.atomic
def werkgroep_balance(*, bijeenkomst: Bijeenkomst) -> dict[int, int]:
    """Place everyone with a seat in a work group: first choices stay where the group has
    room; the others go where their municipality has the fewest people, then the smallest
    group. Returns {werkgroep id: members}."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    groups = list(bijeenkomst.werkgroepen.select_for_update().order_by("id"))
    if not groups:
        raise RegistrationError(_("Maak eerst werkgroepen aan."))
    seated = list(bijeenkomst.aanmeldingen.filter(status__in=SEATED).order_by("created_at", "id"))
    members: dict[int, list[Aanmelding]] = {g.pk: [] for g in groups}
    capacity = {g.pk: g.capacity for g in groups}
    unplaced = []
    for aanmelding in seated:  # first choices, first come first served
        if (
            aanmelding.werkgroep_id in members
            and len(members[aanmelding.werkgroep_id]) < capacity[aanmelding.werkgroep_id]
        ):
            members[aanmelding.werkgroep_id].append(aanmelding)
        else:
            unplaced.append(aanmelding)
    for aanmelding in sorted(unplaced, key=lambda a: (a.gemeente_id or 0, a.id)):
        open_groups = [g for g in members if len(members[g]) < capacity[g]]
        if not open_groups:
            raise RegistrationError(
                _("Er zijn te weinig plaatsen in de werkgroepen voor iedereen.")
            )
        best = min(
            open_groups,
            key=lambda g: (
                Counter(a.gemeente_id for a in members[g])[aanmelding.gemeente_id],
                len(members[g]),
                g,
            ),
        )
        members[best].append(aanmelding)
    for group_id, placed in members.items():
        Aanmelding.objects.filter(pk__in=[a.pk for a in placed]).update(werkgroep_id=group_id)
    return {group_id: len(placed) for group_id, placed in members.items()}


def werkgroep_create(*, bijeenkomst: Bijeenkomst, **fields) -> Werkgroep:
    """Add a work group to a meeting; its dilemma must belong to the meeting's circle."""
    if fields["dilemma"].leerkring_id != bijeenkomst.leerkring_id:
        raise RegistrationError(_("Dit dilemma hoort niet bij deze leerkring."))
    return Werkgroep.objects.create(bijeenkomst=bijeenkomst, **fields)


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


def werkgroep_link_casus(*, werkgroep: Werkgroep, casus, linked: bool) -> None:
    """Record that a work group discussed a case of its circle (or undo it)."""
    if (
        casus.leerkring_id != werkgroep.bijeenkomst.leerkring_id
        or casus.status != Casus.Status.PUBLISHED
    ):
        raise RegistrationError(_("Kies een gepubliceerde casus uit deze leerkring."))
    if linked:
        werkgroep.casussen.add(casus)
    else:
        werkgroep.casussen.remove(casus)


@transaction.atomic
def attendance_mark(*, bijeenkomst: Bijeenkomst, present_ids: set[int]) -> None:
    """Record who came: everyone with a seat is either present or not."""
    seated = bijeenkomst.aanmeldingen.filter(status__in=SEATED)
    seated.filter(pk__in=present_ids).update(status=Aanmelding.Status.ATTENDED)
    seated.exclude(pk__in=present_ids).update(status=Aanmelding.Status.REGISTERED)
    if bijeenkomst.starts_at <= timezone.now() and bijeenkomst.status == Bijeenkomst.Status.PLANNED:
        bijeenkomst.status = Bijeenkomst.Status.HELD
        bijeenkomst.save(update_fields=["status", "updated_at"])


@transaction.atomic
def bijeenkomst_save(*, bijeenkomst: Bijeenkomst, programma: list[dict]) -> Bijeenkomst:
    """Create or update a meeting with its programme (the list replaces the old one)."""
    bijeenkomst.save()
    bijeenkomst.programma.all().delete()
    Programmaonderdeel.objects.bulk_create(
        Programmaonderdeel(bijeenkomst=bijeenkomst, **item) for item in programma
    )
    return bijeenkomst


@transaction.atomic
def bijeenkomst_duplicate(*, bijeenkomst: Bijeenkomst, starts_at: datetime.datetime) -> Bijeenkomst:
    """A copy at a new start, with the same programme and work groups, and nobody registered."""
    shift = starts_at - bijeenkomst.starts_at
    programma = list(bijeenkomst.programma.all())
    groups = list(bijeenkomst.werkgroepen.all())
    copy = Bijeenkomst.objects.get(pk=bijeenkomst.pk)
    copy.pk = None
    copy.status = Bijeenkomst.Status.PLANNED
    copy.starts_at = bijeenkomst.starts_at + shift
    copy.ends_at = bijeenkomst.ends_at + shift
    copy.registration_closes_at = bijeenkomst.registration_closes_at + shift
    if bijeenkomst.registration_opens_at:
        copy.registration_opens_at = bijeenkomst.registration_opens_at + shift
    copy.save()
    Programmaonderdeel.objects.bulk_create(
        Programmaonderdeel(
            bijeenkomst=copy, starts_at=p.starts_at, title=p.title, speaker=p.speaker
        )
        for p in programma
    )
    Werkgroep.objects.bulk_create(
        Werkgroep(
            bijeenkomst=copy,
            dilemma_id=g.dilemma_id,
            title=g.title,
            facilitator=g.facilitator,
            capacity=g.capacity,
        )
        for g in groups
    )
    return copy


@transaction.atomic
def bijeenkomst_cancel(*, bijeenkomst_id: int) -> Bijeenkomst:
    """Cancel a meeting and tell everyone registered or waiting."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst_id)
    if bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
        return bijeenkomst
    if bijeenkomst.status == Bijeenkomst.Status.HELD:
        raise RegistrationError(_("Deze bijeenkomst is al gehouden."))
    bijeenkomst.status = Bijeenkomst.Status.CANCELLED
    bijeenkomst.save(update_fields=["status", "updated_at"])
    people = bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.ACTIVE).select_related(
        "deelnemer"
    )
    ics = ics_for([bijeenkomst], name=bijeenkomst.title, base_url=_base_url()).decode()
    for aanmelding in people:
        mail_send(
            template="bijeenkomsten/email/bijeenkomst_cancelled",
            to=[aanmelding.deelnemer.email],
            context={"bijeenkomst": bijeenkomst, "aanmelding": aanmelding},
            attachments=[("bijeenkomst.ics", ics, "text/calendar")],
        )
    return bijeenkomst


def reminders_send(*, now=None) -> int:
    """E-mail everyone with a seat N days before their meeting (N per meeting), exactly once:
    each registration is claimed with a conditional update before its e-mail is sent, so a
    second run, or two workers at once, find nothing left to claim."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=14)
    sent = 0
    meetings = Bijeenkomst.objects.filter(
        status=Bijeenkomst.Status.PLANNED, starts_at__gt=now, starts_at__lte=horizon
    )
    for bijeenkomst in meetings:
        if bijeenkomst.starts_at - datetime.timedelta(days=bijeenkomst.reminder_days) > now:
            continue
        due = bijeenkomst.aanmeldingen.filter(
            status=Aanmelding.Status.REGISTERED, reminder_sent_at__isnull=True
        ).select_related("deelnemer", "werkgroep")
        for aanmelding in due:
            with transaction.atomic():
                claimed = Aanmelding.objects.filter(
                    pk=aanmelding.pk, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=now)
                if not claimed:
                    continue
                mail_send(
                    template="bijeenkomsten/email/reminder",
                    to=[aanmelding.deelnemer.email],
                    context={
                        "aanmelding": aanmelding,
                        "bijeenkomst": bijeenkomst,
                        "url": _base_url(),
                        "online_url": online_links(
                            user=aanmelding.deelnemer, bijeenkomsten=[bijeenkomst]
                        ).get(bijeenkomst.pk, ""),
                    },
                )
                sent += 1
    logger.info("reminders: %d sent", sent)
    return sent


def personal_data_erase(*, user) -> None:
    """Needs (diet, accessibility) are personal; attendance stays as a count, anonymous."""
    Aanmelding.objects.filter(deelnemer=user).update(diet="", accessibility="")
    Agendakoppeling.objects.filter(user=user).delete()


# --- Reports ----------------------------------------------------------------------------------
def verslag_figures(*, bijeenkomst: Bijeenkomst) -> dict:
    """The meeting's own figures: who came (those marked present, or else everyone with a
    seat) and from which municipalities."""
    seated = counted_present(bijeenkomst.aanmeldingen.all())
    per_gemeente = (
        seated.values("gemeente__name").annotate(aantal=Count("id")).order_by("gemeente__name")
    )
    return {
        "deelnemers": seated.count(),
        "gemeenten": [
            {"naam": row["gemeente__name"] or _("zonder gemeente"), "aantal": row["aantal"]}
            for row in per_gemeente
        ],
    }


def verslag_render(*, versie: VerslagVersie) -> None:
    """Ask for the PDF of one version (nothing happens when it is already made)."""
    from leerkring.core.services import render_request

    from .documents import VERSLAG

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
    figures = verslag_figures(bijeenkomst=bijeenkomst)
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
        raise RegistrationError(_("Schrijf eerst het verslag; er is nog niets om te publiceren."))
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
    url = _base_url() + reverse("bijeenkomsten:verslag", args=[bijeenkomst.pk])
    addresses = bijeenkomst.aanmeldingen.filter(
        status__in=SEATED, deelnemer__is_active=True, deelnemer__email_notifications=True
    ).values_list("deelnemer__email", flat=True)
    mail_send_many(
        template="bijeenkomsten/email/verslag_published",
        to=list(addresses),
        context={"bijeenkomst": bijeenkomst, "versie": versie, "url": url},
    )
    return True


def verslag_current(*, bijeenkomst: Bijeenkomst) -> VerslagVersie | None:
    return (
        VerslagVersie.objects.filter(verslag__bijeenkomst=bijeenkomst).order_by("-number").first()
    )


def presentielijst_pdf_request(*, bijeenkomst: Bijeenkomst):
    """Ask for the attendance list as PDF; rendered again only when the list changed."""
    from leerkring.core.services import render_request

    from .documents import PRESENTIELIJST

    return render_request(kind=PRESENTIELIJST, object_id=bijeenkomst.pk)
