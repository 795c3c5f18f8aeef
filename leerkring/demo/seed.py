"""Load the demo circle. Idempotent: running it again updates the same rows."""

import datetime
import itertools
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bijeenkomsten.models import (
    Aanmelding,
    Bericht,
    Bijeenkomst,
    Evaluatie,
    Programmaonderdeel,
    Werkgroep,
)
from bijeenkomsten.services import evaluatie as evaluatie_services
from bijeenkomsten.services.berichten import Doelgroep, bericht_send
from bijeenkomsten.services.verslagen import verslag_publish, verslag_save
from bijeenkomsten.services.werkgroepen import werkgroep_balance
from dilemmas.models import Casus, Dilemma, DilemmaGedeeld, Kernvraag, Reactie, Rol, Waarde
from dilemmas.services import casus_anon_approve, casus_create
from gemeenten.models import Deelname, Emaildomein, Gemeente, Lidmaatschap, Partner
from leerkring.core.models import Leerkring, Programma
from publicaties.models import Download, Publicatie
from publicaties.services import download_record, publicatie_save

from . import content


def _account(*, email: str, name: str, password_hash: str):
    user, _ = get_user_model().objects.update_or_create(
        email=email, defaults={"name": name, "password": password_hash, "is_active": True}
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _member(user, gemeente, job_title, status=Lidmaatschap.Status.CONFIRMED):
    Lidmaatschap.objects.update_or_create(
        user=user, defaults={"gemeente": gemeente, "job_title": job_title, "status": status}
    )


@transaction.atomic
def seed_demo() -> Leerkring:
    # One hash for every demo account: hashing 70 passwords one by one takes many seconds.
    password_hash = make_password(content.DEMO_PASSWORD)
    fields = {k: v for k, v in content.LEERKRING.items() if k != "slug"}
    leerkring, _ = Leerkring.objects.update_or_create(
        slug=content.LEERKRING["slug"], defaults=fields
    )
    for position, text in enumerate(content.KERNVRAGEN, start=1):
        Kernvraag.objects.update_or_create(
            leerkring=leerkring, position=position, defaults={"text": text}
        )
    Kernvraag.objects.filter(leerkring=leerkring, position__gt=len(content.KERNVRAGEN)).delete()
    for data in content.PARTNERS:
        partner, _ = Partner.objects.update_or_create(
            slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
        )
        partner.leerkringen.add(leerkring)

    accounts = {
        a["email"]: _account(email=a["email"], name=a["name"], password_hash=password_hash)
        for a in content.ACCOUNTS
    }
    leerkring.researchers.add(accounts["onderzoeker@leerkring.example"])
    get_user_model().objects.filter(email="ambtenaar@breda.nl").update(**content.FATIMA_SETTINGS)

    names = itertools.cycle(itertools.product(content.FIRST_NAMES, content.LAST_NAMES))
    jobs = itertools.cycle(content.JOB_TITLES)
    for data in content.GEMEENTEN:
        gemeente, _ = Gemeente.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "cbs_code": data["cbs_code"],
                "website": data["website"],
            },
        )
        for domain in data["domains"]:
            Emaildomein.objects.update_or_create(domain=domain, defaults={"gemeente": gemeente})
        card = content.BERKELLAND_CARD if data["slug"] == "berkelland" else {}
        deelname, _ = Deelname.objects.update_or_create(
            leerkring=leerkring,
            gemeente=gemeente,
            defaults={"status": Deelname.Status.ADMITTED, **card},
        )
        email, name = content.COORDINATORS[data["slug"]]
        coordinator = _account(email=email, name=name, password_hash=password_hash)
        _member(coordinator, gemeente, "coördinator leerkring")
        deelname.coordinators.add(coordinator)

        domain = data["domains"][0]
        people = []
        if data["slug"] == "breda":
            people.append(accounts["ambtenaar@breda.nl"])
        while len(people) < content.CIVIL_SERVANTS_PER_GEMEENTE:
            first, last = next(names)
            local = f"{first}.{last}".lower().replace(" ", "").replace("ı", "i")
            people.append(
                _account(
                    email=f"{local}@{domain}", name=f"{first} {last}", password_hash=password_hash
                )
            )
        for person in people:
            _member(person, gemeente, next(jobs))

    pending = content.PENDING_MEMBER
    waiting = _account(email=pending["email"], name=pending["name"], password_hash=password_hash)
    _member(
        waiting,
        Gemeente.objects.get(slug=pending["gemeente"]),
        pending["job_title"],
        status=Lidmaatschap.Status.PENDING,
    )

    application = content.PENDING_APPLICATION
    zwolle, _ = Gemeente.objects.update_or_create(
        slug=application["gemeente"]["slug"],
        defaults={k: v for k, v in application["gemeente"].items() if k != "slug"},
    )
    Deelname.objects.update_or_create(
        leerkring=leerkring,
        gemeente=zwolle,
        defaults={
            "status": Deelname.Status.APPLIED,
            "contact_name": application["contact_name"],
            "contact_email": application["contact_email"],
            "motivation": application["motivation"],
        },
    )
    _seed_dilemmas_and_cases(leerkring, accounts)
    _seed_meetings(leerkring, accounts)
    _seed_berichten(leerkring, accounts)
    _seed_evaluatie(leerkring, accounts)
    _seed_publications(leerkring, accounts)
    _seed_programme(leerkring, accounts, password_hash)
    return leerkring


def _seed_dilemmas_and_cases(leerkring, accounts):
    dilemmas = {}
    for position, data in enumerate(content.DILEMMAS):
        dilemmas[data["slug"]], _ = Dilemma.objects.update_or_create(
            leerkring=leerkring,
            slug=data["slug"],
            defaults={**{k: v for k, v in data.items() if k != "slug"}, "position": position},
        )
    if Casus.objects.filter(leerkring=leerkring).exists():
        return  # cases are contributions: seeding again must not duplicate them
    authors = {
        g: Lidmaatschap.objects.filter(gemeente__slug=g, status=Lidmaatschap.Status.CONFIRMED)
        .exclude(user__deelnames_as_coordinator__isnull=False)
        .order_by("user__email")
        .first()
        .user
        for g in (item["slug"] for item in content.GEMEENTEN)
    }
    authors["breda"] = accounts["ambtenaar@breda.nl"]
    created = []
    for data in [*content.CASES, content.DRAFT_CASE]:
        fields = {
            k: v for k, v in data.items() if k not in ("gemeente", "dilemma", "rollen", "waarden")
        }
        casus = casus_create(
            author=authors[data["gemeente"]],
            leerkring=leerkring,
            dilemma=dilemmas[data["dilemma"]],
            rollen=Rol.objects.filter(slug__in=data["rollen"]),
            waarden=Waarde.objects.filter(slug__in=data["waarden"]),
            publish=data is not content.DRAFT_CASE,
            **fields,
        )
        if casus.published_at:
            # Spread the demo cases over the months of 2018 in which the circle met.
            Casus.objects.filter(pk=casus.pk).update(
                published_at=datetime.datetime(
                    2018, 3 + len(created) % 9, 1 + len(created) * 2, 10, tzinfo=datetime.UTC
                )
            )
        if casus.anonymise:
            casus_anon_approve(casus=casus, actor=accounts["onderzoeker@leerkring.example"])
        created.append(casus)
    for index, gemeente, body in content.COMMENTS:
        Reactie.objects.create(casus=created[index], author=authors[gemeente], body=body)


AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The venue and the online link of a meeting in content.py, where it has them (issue 18).
VENUE_FIELDS = (
    "address",
    "latitude",
    "longitude",
    "venue_accessibility",
    "contact_name",
    "contact_phone",
    "online_url",
)


def _at(parts) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=AMSTERDAM)


def _meeting(leerkring, gemeenten, data, starts, ends, status) -> Bijeenkomst:
    """A demo meeting of `leerkring` from its entry in content.py (both circles)."""
    return Bijeenkomst.objects.create(
        leerkring=leerkring,
        kind=data["kind"],
        title=data["title"],
        description=data["description"],
        starts_at=starts,
        ends_at=ends,
        location=data["location"],
        host_gemeente=gemeenten.get(data.get("host")),
        capacity=data["capacity"],
        max_per_gemeente=data.get("max_per_gemeente"),
        registration_closes_at=starts - datetime.timedelta(days=1),
        status=status,
        **{key: data[key] for key in VENUE_FIELDS if key in data},
    )


def _seed_meetings(leerkring, accounts):
    if Bijeenkomst.objects.filter(leerkring=leerkring).exists():
        return  # registrations are people's own: seeding again must not duplicate them
    people = list(
        Lidmaatschap.objects.filter(status=Lidmaatschap.Status.CONFIRMED)
        .exclude(user__email="ambtenaar@breda.nl")
        .select_related("user")
        .order_by("gemeente__name", "user__email")
    )
    gemeenten = {g.slug: g for g in Gemeente.objects.all()}
    dilemmas = list(leerkring.dilemmas.order_by("position"))

    def meeting(data, starts, ends, status):
        return _meeting(leerkring, gemeenten, data, starts, ends, status)

    def register(bijeenkomst, members, attended):
        # Spread over the municipalities: every sixth person, round and round.
        ordered = (
            people[::6] + people[1::6] + people[2::6] + people[3::6] + people[4::6] + people[5::6]
        )
        Aanmelding.objects.bulk_create(
            Aanmelding(
                bijeenkomst=bijeenkomst,
                deelnemer=m.user,
                gemeente=m.gemeente,
                status=Aanmelding.Status.ATTENDED if attended else Aanmelding.Status.REGISTERED,
            )
            for m in ordered[:members]
        )

    kickoff = meeting(
        content.KICKOFF,
        _at(content.KICKOFF["starts"]),
        _at(content.KICKOFF["ends"]),
        Bijeenkomst.Status.HELD,
    )
    for (hour, minute), title, speaker in content.KICKOFF["programma"]:
        Programmaonderdeel.objects.create(
            bijeenkomst=kickoff, starts_at=datetime.time(hour, minute), title=title, speaker=speaker
        )
    register(kickoff, content.KICKOFF["participants"], attended=True)
    for dilemma in dilemmas:
        werkgroep = Werkgroep.objects.create(
            bijeenkomst=kickoff,
            dilemma=dilemma,
            title=f"Werkgroep {dilemma.title.lower()}",
            capacity=25,
            conclusions=dilemma.conclusions,
        )
        werkgroep.casussen.set(dilemma.casussen.filter(status=Casus.Status.PUBLISHED)[:2])
    werkgroep_balance(bijeenkomst=kickoff)
    report = content.KICKOFF_REPORT
    verslag, _versie, _changed = verslag_save(
        bijeenkomst=kickoff,
        user=accounts["onderzoeker@leerkring.example"],
        title=report["title"],
        authors=report["authors"],
        body=report["body"],
        conclusions=report["conclusions"],
        werkgroep_conclusies={g.pk: g.conclusions for g in kickoff.werkgroepen.all()},
    )
    # Published long ago: the participants are not mailed again. The PDF is rendered by the
    # worker (in-process when there is no broker).
    verslag_publish(verslag=verslag, notify=False, at=kickoff.ends_at + datetime.timedelta(days=8))

    for data in content.REFLECTIONS:
        held = meeting(data, _at(data["starts"]), _at(data["ends"]), Bijeenkomst.Status.HELD)
        register(held, data["participants"], attended=True)
    conference = meeting(
        content.CONFERENCE,
        _at(content.CONFERENCE["starts"]),
        _at(content.CONFERENCE["ends"]),
        Bijeenkomst.Status.HELD,
    )
    register(conference, content.CONFERENCE["participants"], attended=True)
    # The demo's own civil servant was there too, so that they have a certificate of
    # participation to download from their profile (leerkring/documents.py).
    Aanmelding.objects.create(
        bijeenkomst=conference,
        deelnemer=accounts["ambtenaar@breda.nl"],
        gemeente=gemeenten["breda"],
        status=Aanmelding.Status.ATTENDED,
    )

    day = timezone.localdate() + datetime.timedelta(days=content.UPCOMING["days_ahead"])
    starts = datetime.datetime.combine(day, datetime.time(13, 30), tzinfo=AMSTERDAM)
    upcoming = meeting(
        content.UPCOMING,
        starts,
        starts + datetime.timedelta(hours=3, minutes=30),
        Bijeenkomst.Status.PLANNED,
    )
    for dilemma in dilemmas[:2]:
        Werkgroep.objects.create(
            bijeenkomst=upcoming,
            dilemma=dilemma,
            title=f"Tafel {dilemma.title.lower()}",
            capacity=13,
        )
    register(upcoming, content.UPCOMING["participants"], attended=False)
    # Fatima's own registration (issue 18): a seat, a work group and a diet, which she can
    # change (and cancel) under "Jouw aanmelding" until registration closes, 20 days from now.
    Aanmelding.objects.create(
        bijeenkomst=upcoming,
        deelnemer=accounts["ambtenaar@breda.nl"],
        gemeente=gemeenten["breda"],
        status=Aanmelding.Status.REGISTERED,
        werkgroep=upcoming.werkgroepen.order_by("pk").first(),
        diet="vegetarisch",
    )

    # Hybrid and on now (issue 18): the join button shows for the seats, Fatima's among them.
    starts = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(
        minutes=content.TODAY["starts_in_minutes"]
    )
    today = meeting(
        content.TODAY,
        starts,
        starts + datetime.timedelta(hours=content.TODAY["hours"]),
        Bijeenkomst.Status.PLANNED,
    )
    register(today, content.TODAY["participants"], attended=False)
    Aanmelding.objects.create(
        bijeenkomst=today,
        deelnemer=accounts["ambtenaar@breda.nl"],
        gemeente=gemeenten["breda"],
        status=Aanmelding.Status.REGISTERED,
    )


def _seed_berichten(leerkring, accounts):
    """The researcher's thank-you to the kick-off's participants, the day after (on the site;
    nobody is mailed). Seeding again finds it and adds nothing."""
    kickoff = Bijeenkomst.objects.filter(leerkring=leerkring, kind=Bijeenkomst.Kind.KICKOFF).first()
    if kickoff is None or Bericht.objects.filter(bijeenkomst=kickoff).exists():
        return
    bericht_send(
        sender=accounts["onderzoeker@leerkring.example"],
        doelgroep=Doelgroep(
            audience=Bericht.Audience.SEATED, leerkring=leerkring, bijeenkomst=kickoff
        ),
        subject="Bedankt voor de kick-off van 14 maart",
        body=(
            "Beste deelnemers,\n\n"
            "Bedankt dat je woensdag 14 maart naar de kick-off in Tilburg kwam. Het was een "
            "volle dag, met goede gesprekken in de drie werkgroepen.\n\n"
            "- De dia's van de sprekers staan op de pagina van de kick-off op deze site.\n"
            "- Het verslag met de conclusies van de werkgroepen volgt binnen twee weken.\n"
            "- Heb je een casus die je wilt inbrengen? Schrijf hem alvast op bij de "
            "dilemma's.\n\n"
            "Tot de volgende bijeenkomst!\n\n"
            "Namens de onderzoekers,\nEva Jansen"
        ),
        notify=False,
        at=kickoff.ends_at + datetime.timedelta(days=1),
    )


# The kick-off's questionnaire: the default questions, sent the day after, answered by 17 of the
# 60 who were there. Each row: the scores of the three statements, then the two open answers.
EVALUATIE_ANTWOORDEN = [
    (5, 4, 5, "Dat ik niet de enige ben die worstelt met loslaten.", "Meer tijd voor gesprek."),
    (4, 4, 4, "Het denkkader met de vier rollen; dat ga ik met mijn team bespreken.", ""),
    (4, 3, 4, "De vraag: wie zit er níet aan tafel?", "De ochtend was lang; eerder in groepjes."),
    (5, 5, 5, "Contacten met collega's uit Breda en Tilburg.", ""),
    (3, 2, 3, "", "Het dilemma van mijn werkgroep bleef wat abstract. Meer casussen graag."),
    (4, 4, 5, "Een casus om in te brengen bij de volgende bijeenkomst.", "Koffie in de middag!"),
    (4, 5, 4, "Dat bemiddelen vooral luisteren is.", ""),
    (2, 3, 2, "", "Het was voor mij te veel theorie en te weinig praktijk."),
    (5, 4, 4, "De tip om het gesprek met de wethouder eerder te voeren.", ""),
    (4, 4, 4, "", ""),
    (3, 4, 3, "Vragen stellen in plaats van oplossingen geven.", "Een lijst met deelnemers."),
    (5, 5, 5, "Heel veel energie en zin om verder te gaan.", ""),
    (4, 3, 4, "De voorbeelden uit andere gemeenten over buurtbudgetten.", "Minder sprekers."),
    (4, 4, 3, "", "De zaal was te warm."),
    (5, 4, 5, "Het idee van een 'leerkring' in onze eigen gemeente.", ""),
    (3, 3, 4, "Inzicht in hoe andere gemeenten inwoners betrekken.", "Graag de dia's vooraf."),
    (4, 5, 4, "Dat we de raad vaker moeten meenemen.", ""),
]


def _seed_evaluatie(leerkring, accounts):
    """The kick-off's questionnaire with its answers, stored as the service stores them:
    without their people. Nobody is mailed. Seeding again adds nothing."""
    kickoff = Bijeenkomst.objects.filter(leerkring=leerkring, kind=Bijeenkomst.Kind.KICKOFF).first()
    if kickoff is None or Evaluatie.objects.filter(bijeenkomst=kickoff).exists():
        return
    evaluatie = evaluatie_services.evaluatie_save(
        bijeenkomst=kickoff, vragen=evaluatie_services.default_questions()
    )
    evaluatie_services.evaluatie_send(
        evaluatie=evaluatie,
        actor=accounts["onderzoeker@leerkring.example"],
        now=kickoff.ends_at + datetime.timedelta(days=1),
        notify=False,
    )
    vragen = list(evaluatie.vragen.all())
    attendees = kickoff.aanmeldingen.filter(status=Aanmelding.Status.ATTENDED).order_by("pk")
    for aanmelding, row in zip(
        attendees.select_related("deelnemer"), EVALUATIE_ANTWOORDEN, strict=False
    ):
        evaluatie_services.evaluatie_answer(
            evaluatie=evaluatie,
            user=aanmelding.deelnemer,
            answers={vraag.pk: value for vraag, value in zip(vragen, row, strict=True)},
        )
    evaluatie_services.evaluatie_in_report(evaluatie=evaluatie, in_report=True)


def _seed_publications(leerkring, accounts):
    for data in content.PUBLICATIONS:
        publicatie = Publicatie.objects.filter(slug=data["slug"]).first()
        if publicatie is None:
            publicatie = Publicatie(slug=data["slug"], leerkring=leerkring)
        for field in ("kind", "title", "author_names", "visibility", "abstract"):
            setattr(publicatie, field, data[field])
        publicatie.release_at = _at(data["release"])
        publicatie_save(
            publicatie=publicatie,
            user=accounts["onderzoeker@leerkring.example"],
            body=data["body"],
        )
    closing = Publicatie.objects.get(slug="slotpublicatie-2019")
    if not Download.objects.filter(publicatie=closing).exists():
        # The coordinators fetched the closing publication for their municipalities.
        versie = closing.versies.order_by("-number").first()
        for coordinator in get_user_model().objects.filter(email__startswith="coordinator@"):
            download_record(publicatie=closing, versie=versie, user=coordinator)


# --- The programme and its follow-up circle (issue 20) ----------------------------------------
def _seed_programme(pilot, accounts, password_hash):
    """The programme that holds the pilot and its invented follow-up circle; the follow-up's
    municipalities, people, shared dilemmas and meetings; and the Berkelland case of the pilot
    opened to the whole programme. Seeding again updates the same rows and adds nothing."""
    data = content.PROGRAMMA
    programma, _ = Programma.objects.update_or_create(
        slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
    )
    programma.managers.add(accounts[content.PROGRAMMA_MANAGER])
    Leerkring.objects.filter(pk=pilot.pk).update(programma=programma)

    fields = {k: v for k, v in content.VERVOLG.items() if k != "slug"}
    vervolg, _ = Leerkring.objects.update_or_create(
        slug=content.VERVOLG["slug"], defaults={**fields, "programma": programma}
    )
    for position, text in enumerate(content.VERVOLG_KERNVRAGEN, start=1):
        Kernvraag.objects.update_or_create(
            leerkring=vervolg, position=position, defaults={"text": text}
        )
    Kernvraag.objects.filter(
        leerkring=vervolg, position__gt=len(content.VERVOLG_KERNVRAGEN)
    ).delete()
    for partner in Partner.objects.filter(slug__in=content.PROGRAMMA_PARTNERS):
        partner.leerkringen.add(vervolg)
    for account in content.VERVOLG_ACCOUNTS:
        accounts[account["email"]] = _account(
            email=account["email"], name=account["name"], password_hash=password_hash
        )
    vervolg.researchers.add(*(accounts[email] for email in content.VERVOLG_RESEARCHERS))

    for data in content.NEW_GEMEENTEN:
        gemeente, _ = Gemeente.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "cbs_code": data["cbs_code"],
                "website": data["website"],
            },
        )
        for domain in data["domains"]:
            Emaildomein.objects.update_or_create(domain=domain, defaults={"gemeente": gemeente})
        email, name = data["coordinator"]
        coordinator = _account(email=email, name=name, password_hash=password_hash)
        _member(coordinator, gemeente, "coördinator leerkring")
        for email, name, job_title in data["people"]:
            person = _account(email=email, name=name, password_hash=password_hash)
            _member(person, gemeente, job_title)
    coordinators = {
        **{slug: email for slug, (email, _name) in content.COORDINATORS.items()},
        **{data["slug"]: data["coordinator"][0] for data in content.NEW_GEMEENTEN},
    }
    for slug in content.VERVOLG_GEMEENTEN:
        gemeente = Gemeente.objects.get(slug=slug)
        deelname, _ = Deelname.objects.update_or_create(
            leerkring=vervolg, gemeente=gemeente, defaults={"status": Deelname.Status.ADMITTED}
        )
        # Berkelland's coordinator of the pilot coordinates the follow-up too.
        deelname.coordinators.add(get_user_model().objects.get(email=coordinators[slug]))

    # The three core dilemmas of the pilot, shared with the follow-up; no conclusions yet.
    for position, data in enumerate(content.DILEMMAS):
        DilemmaGedeeld.objects.get_or_create(
            dilemma=Dilemma.objects.get(leerkring=pilot, slug=data["slug"]),
            leerkring=vervolg,
            defaults={"position": position},
        )
    _seed_programme_case(pilot, accounts)
    _seed_vervolg_meetings(vervolg)


def _seed_programme_case(pilot, accounts):
    data = content.PROGRAMME_CASE
    if Casus.objects.filter(leerkring=pilot, title=data["title"]).exists():
        return  # a contribution: seeding again must not duplicate it
    author = (
        Lidmaatschap.objects.filter(
            gemeente__slug=data["gemeente"], status=Lidmaatschap.Status.CONFIRMED
        )
        .exclude(user__deelnames_as_coordinator__isnull=False)
        .order_by("user__email")
        .first()
        .user
    )
    fields = {
        k: v
        for k, v in data.items()
        if k not in ("gemeente", "dilemma", "rollen", "waarden", "published")
    }
    casus = casus_create(
        author=author,
        leerkring=pilot,
        dilemma=Dilemma.objects.get(leerkring=pilot, slug=data["dilemma"]),
        rollen=Rol.objects.filter(slug__in=data["rollen"]),
        waarden=Waarde.objects.filter(slug__in=data["waarden"]),
        publish=True,
        **fields,
    )
    Casus.objects.filter(pk=casus.pk).update(published_at=_at(data["published"]))
    casus_anon_approve(casus=casus, actor=accounts["onderzoeker@leerkring.example"])


def _seed_vervolg_meetings(vervolg):
    if Bijeenkomst.objects.filter(leerkring=vervolg).exists():
        return  # registrations are people's own: seeding again must not duplicate them
    members = Lidmaatschap.objects.filter(status=Lidmaatschap.Status.CONFIRMED).select_related(
        "user", "gemeente"
    )
    newcomers = list(
        members.filter(gemeente__slug__in=[g["slug"] for g in content.NEW_GEMEENTEN]).order_by(
            "gemeente__name", "user__email"
        )
    )
    berkelland = list(
        members.filter(gemeente__slug="berkelland")
        .exclude(user__deelnames_as_coordinator__isnull=False)
        .order_by("user__email")[: content.VERVOLG_BERKELLAND_ATTENDEES]
    )
    gemeenten = {g.slug: g for g in Gemeente.objects.filter(slug__in=content.VERVOLG_GEMEENTEN)}

    def meeting(data, starts, ends, status):
        return _meeting(vervolg, gemeenten, data, starts, ends, status)

    data = content.VERVOLG_KICKOFF
    kickoff = meeting(data, _at(data["starts"]), _at(data["ends"]), Bijeenkomst.Status.HELD)
    Aanmelding.objects.bulk_create(
        Aanmelding(
            bijeenkomst=kickoff,
            deelnemer=m.user,
            gemeente=m.gemeente,
            status=Aanmelding.Status.ATTENDED,
        )
        for m in berkelland + newcomers
    )

    # Open for registration, five weeks from the day of seeding. The demo login of Zwolle has
    # no seat yet, so that registering can be tried.
    data = content.VERVOLG_UPCOMING
    day = timezone.localdate() + datetime.timedelta(days=data["days_ahead"])
    starts = datetime.datetime.combine(day, datetime.time(13, 30), tzinfo=AMSTERDAM)
    upcoming = meeting(
        data, starts, starts + datetime.timedelta(hours=3), Bijeenkomst.Status.PLANNED
    )
    seated = [m for m in berkelland + newcomers if m.user.email != "ambtenaar@zwolle.nl"]
    Aanmelding.objects.bulk_create(
        Aanmelding(
            bijeenkomst=upcoming,
            deelnemer=m.user,
            gemeente=m.gemeente,
            status=Aanmelding.Status.REGISTERED,
        )
        for m in seated[: data["participants"]]
    )
