"""A leak test that finds what nobody listed.

A unique marker (leak_table.planted) is planted in every restricted field of a circle built with
the services. Each visitor then fetches every URL pattern of the URLconf with real ids, in every
format it answers (HTML, .ics, Atom, CSV, PDF read as text, JSON, BibTeX/RIS), and the e-mails
the world sent (confirmations with their .ics, the waiting list, a promotion, reminders, a
report published, comments, decisions, the weekly digest) are read for their recipients.
Every marker must be seen exactly by the people leak_table.MARKERS declares, and nowhere else.

The test fails too when a model field holding text is not declared in leak_table, or a URL
pattern is neither fetched here nor declared POST-only."""

import csv
import datetime
import hashlib
import html
import io
import re
import subprocess
from collections import defaultdict
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.exports import AANMELDINGEN
from bijeenkomsten.models import Aanmelding, Verslag, VerslagVersie
from bijeenkomsten.services import (
    agenda,
    attendance,
    berichten,
    documenten,
    planning,
    registration,
    reminders,
    verslagen,
    werkgroepen,
)
from dilemmas import services as cases
from dilemmas.exports import CASUSSEN
from dilemmas.models import DilemmaGedeeld, Rol, Waarde
from gemeenten import services as gemeenten_services
from gemeenten.models import Lidmaatschap
from leerkring import deelnamebewijs
from leerkring.core.exports.services import export_request
from leerkring.core.rendering.services import render_request
from leerkring.digest import digest_send_all, unsubscribe_token
from leerkring.documents import DEELNAMEBEWIJS, DEELNAMEBEWIJZEN
from leerkring.privacy import PERSONAL_DATA_PDF
from leerkring.programma.services.uitnodigingen import onderzoeker_invite
from publicaties.models import Publicatie, PublicatieVersie
from publicaties.services import publicatie_save
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DeelnameFactory,
    DilemmaFactory,
    EmaildomeinFactory,
    GemeenteFactory,
    LeerkringFactory,
    LidmaatschapFactory,
    ProgrammaFactory,
    ReactieFactory,
    UserFactory,
    WerkgroepFactory,
)
from tests.publicaties import pdfs
from tests.security.leak_table import (
    FIGURES_PUBLISHED_IN,
    MARKERS,
    NOT_RESTRICTED,
    PARTIAL_VISITORS,
    POST_ONLY,
    RESTRICTED_FIELDS,
    VISITORS,
    planted,
)
from tests.security.test_access_matrix import _url_names

P = planted
GEMEENTEN = ("Breda", "Tilburg")
# A plain word in each case's text, to search for.
SEARCH_WORDS = {
    "CIRCLE": "buurthuis",
    "BREDA": "straatfeest",
    "TILBURG": "kermis",
    "ANON": "zorgcooperatie",
    "ANON_ANON": "burgerinitiatief",
    "UNAPPROVED": "speeltuin",
    "DRAFT": "schoolplein",
    # Issue 20: a case opened to the programme, and cases of the programme's other circle and
    # of a circle in another programme.
    "PROG": "dorpsraad",
    "PROG_ANON": "wijkbudget",
    "DEVENTER": "stadsstrand",
    "ENSCHEDE": "textielmuseum",
}
# The words the library and the site search are asked for.
SEARCHED = ("ANON", "ANON_ANON", "BREDA", "PROG", "PROG_ANON", "DEVENTER", "ENSCHEDE")


# --- The world --------------------------------------------------------------------------------
def _person(key: str, name: str, domain: str, gemeente=None, job_title="beleidsadviseur", **kw):
    user = UserFactory(email=f"{P('EMAIL_' + key.upper()).lower()}@{domain}", name=name)
    if gemeente is not None:
        LidmaatschapFactory(user=user, gemeente=gemeente, job_title=job_title, **kw)
    return user


def _document(meeting, researcher, title, visibility, werkgroep=None):
    """A document uploaded as the form does; a real PDF, checked when the world commits."""
    content, sniffed = documenten.document_read(
        SimpleUploadedFile("dias.pdf", pdfs.write_pdf(pdfs.PAGES))
    )
    return documenten.document_upload(
        bijeenkomst=meeting,
        user=researcher,
        title=title,
        visibility=visibility,
        werkgroep=werkgroep,
        content=content,
        sniffed=sniffed,
    )


def build_world() -> SimpleNamespace:
    """Breda and Tilburg admitted, a coordinator of each, civil servants of both, a researcher;
    cases of every kind, comments, meetings (public and members-only, held and coming, one
    online with a waiting list), a published and a draft report, publications of every
    visibility and one under embargo, requests and decisions. Call inside
    django_capture_on_commit_callbacks(execute=True): e-mails are sent and PDFs rendered."""
    now = timezone.now()
    # The circle belongs to a programme (issue 20) with a second, running circle; another
    # programme has a circle of its own (see below).
    programma = ProgrammaFactory(title="Leerkringen lokale democratie", slug="lokale-democratie")
    circle = LeerkringFactory(
        title="Leerkring Democratie",
        slug="democratie",
        ends_on=datetime.date(2030, 12, 31),
        programma=programma,
    )
    breda = GemeenteFactory(name="Breda", slug="breda", cbs_code="GM0758")
    tilburg = GemeenteFactory(name="Tilburg", slug="tilburg", cbs_code="GM0855")
    EmaildomeinFactory(gemeente=breda, domain="breda.nl")
    EmaildomeinFactory(gemeente=tilburg, domain="tilburg.nl")
    deelname_breda = DeelnameFactory(
        leerkring=circle,
        gemeente=breda,
        portfolio_holder=P("CARD_BREDA_HOLDER"),
        quality_note=P("CARD_BREDA_QUALITY"),
        time_note=P("CARD_BREDA_TIME"),
        money_note=P("CARD_BREDA_MONEY"),
    )
    deelname_tilburg = DeelnameFactory(leerkring=circle, gemeente=tilburg)

    people = {
        "researcher": _person("researcher", "Olga Onderzoeker", "uni.example"),
        "breda_coord": _person("breda_coord", "Coby Coördinator", "breda.nl", breda),
        "tilburg_coord": _person("tilburg_coord", "Tina Coördinator", "tilburg.nl", tilburg),
        "breda_member": _person(
            "breda_member", "Bea Ambtenaar", "breda.nl", breda, P("JOB_BREDA_MEMBER")
        ),
        "breda_author": _person("breda_author", "Auke Auteur", "breda.nl", breda),
        "tilburg_member": _person(
            "tilburg_member", "Tom Ambtenaar", "tilburg.nl", tilburg, P("JOB_TILBURG_MEMBER")
        ),
        "tilburg_waiting": _person("tilburg_waiting", "Wim Wachtlijst", "tilburg.nl", tilburg),
        "attendee_breda": _person(
            "attendee_breda",
            P("ATTENDEE_BREDA_NAME"),
            "breda.nl",
            breda,
            visible_to_colleagues=False,
        ),
        "attendee_tilburg": _person(
            "attendee_tilburg",
            P("ATTENDEE_TILBURG_NAME"),
            "tilburg.nl",
            tilburg,
            visible_to_colleagues=False,
        ),
        "pending": _person("pending", P("PENDING_NAME"), "gmail.example"),
        "refused": _person("refused", "Rik Geweigerd", "gmail.example"),
    }
    # Issue 20: the programme's manager (no municipality, researches no circle); Deventer in
    # the programme's other circle; Enschede in a circle of another programme.
    w = SimpleNamespace(people=people, circle=circle, breda=breda, tilburg=tilburg)
    w.programma = programma
    w.circle2 = LeerkringFactory(
        title="Vervolgkring",
        slug="vervolgkring",
        phase="lopend",
        ends_on=datetime.date(2030, 12, 31),
        programma=programma,
    )
    # A third circle of the programme, still in preparation: its manager's alone.
    w.circle_preparing = LeerkringFactory(
        title=P("CIRCLE_PREPARING_TITLE"),
        slug="in-voorbereiding",
        phase="voorbereiding",
        ends_on=datetime.date(2031, 12, 31),
        programma=programma,
    )
    w.other_programma = ProgrammaFactory(title="Ander programma", slug="ander-programma")
    w.circle3 = LeerkringFactory(
        title="Andere kring",
        slug="andere-kring",
        phase="lopend",
        ends_on=datetime.date(2030, 12, 31),
        programma=w.other_programma,
    )
    deventer = GemeenteFactory(name="Deventer", slug="deventer", cbs_code="GM0150")
    enschede = GemeenteFactory(name="Enschede", slug="enschede", cbs_code="GM0153")
    EmaildomeinFactory(gemeente=deventer, domain="deventer.nl")
    EmaildomeinFactory(gemeente=enschede, domain="enschede.nl")
    DeelnameFactory(leerkring=w.circle2, gemeente=deventer)
    DeelnameFactory(leerkring=w.circle3, gemeente=enschede)
    people["manager"] = _person("manager", "Mia Manager", "fonds.example")
    people["deventer_member"] = _person("deventer_member", "Dirk Deventer", "deventer.nl", deventer)
    people["enschede_member"] = _person("enschede_member", "Els Enschede", "enschede.nl", enschede)
    programma.managers.add(people["manager"])
    circle.researchers.add(people["researcher"])
    deelname_breda.coordinators.add(people["breda_coord"])
    deelname_tilburg.coordinators.add(people["tilburg_coord"])
    w.deelnames = [deelname_breda, deelname_tilburg]

    # Requests and decisions: a membership waiting for Tilburg's coordinator, one refused, a
    # municipality applying and one declined.
    w.pending = gemeenten_services.lidmaatschap_request(
        user=people["pending"], gemeente=tilburg, job_title=P("PENDING_JOB")
    )
    gemeenten_services.lidmaatschap_confirm_by_domain(
        user=people["pending"], email=people["pending"].email
    )
    w.refused = gemeenten_services.lidmaatschap_request(
        user=people["refused"], gemeente=tilburg, job_title="adviseur"
    )
    gemeenten_services.lidmaatschap_refuse(
        lidmaatschap_id=w.refused.pk, actor=people["tilburg_coord"], reason=P("REFUSAL_REASON")
    )
    w.applied = gemeenten_services.deelname_apply(
        leerkring=circle,
        name="Zwolle",
        cbs_code="GM0193",
        contact_name=P("APPLY_CONTACT_NAME"),
        contact_email=f"{P('APPLY_CONTACT_EMAIL').lower()}@zwolle.example",
        motivation=P("APPLY_MOTIVATION"),
    )
    w.declined = gemeenten_services.deelname_apply(
        leerkring=circle,
        name="Almelo",
        cbs_code="GM0141",
        contact_name="Anne Almelo",
        contact_email="anne@almelo.example",
        motivation="Wij doen graag mee.",
    )
    gemeenten_services.deelname_decline(
        deelname_id=w.declined.pk, actor=people["researcher"], reason=P("DECLINE_REASON")
    )
    # The programme's manager invites a researcher for its other circle (issue 20).
    w.research_invitation = onderzoeker_invite(
        leerkring=w.circle2,
        email=f"{P('RINVITE_EMAIL').lower()}@uni.example",
        name=P("RINVITE_NAME"),
        actor=people["manager"],
    )
    # Breda's coordinator invites a colleague who has no account yet.
    w.invitation = gemeenten_services.uitnodiging_send(
        gemeente=breda,
        email=f"{P('INVITE_EMAIL').lower()}@mail.example",
        name=P("INVITE_NAME"),
        actor=people["breda_coord"],
    )

    # Cases of every kind, all by Breda's author except Tilburg's own.
    w.dilemma = DilemmaFactory(leerkring=circle, title="Bemiddelen", slug="bemiddelen")
    # The programme's other circle works on the same dilemma (a shared dilemma); the circle of
    # the other programme has one of its own.
    DilemmaGedeeld.objects.create(
        dilemma=w.dilemma, leerkring=w.circle2, conclusions="Wat de vervolgkring leerde."
    )
    w.dilemma3 = DilemmaFactory(leerkring=w.circle3, title="Verbinden", slug="verbinden")

    def casus(author, key, publish=True, leerkring=circle, dilemma=w.dilemma, **fields):
        return cases.casus_create(
            author=people[author],
            leerkring=leerkring,
            dilemma=dilemma,
            rollen=Rol.objects.filter(slug="faciliteren"),
            waarden=Waarde.objects.filter(slug="deliberatie"),
            publish=publish,
            title=P(f"CASE_{key}_TITLE"),
            situation=f"Het verhaal: {P(f'CASE_{key}_TEXT')} en een {SEARCH_WORDS[key]}.",
            question=f"{P(f'CASE_{key}_QUESTION')}?",
            **fields,
        )

    w.case_circle = casus("breda_author", "CIRCLE", visibility="leerkring")
    w.case_breda = casus("breda_author", "BREDA", visibility="gemeente")
    w.case_tilburg = casus("tilburg_member", "TILBURG", visibility="gemeente")
    w.case_anon = casus(
        "breda_author",
        "ANON",
        visibility="leerkring",
        anonymise=True,
        anon_title=P("CASE_ANON_ANONTITLE"),
        anon_situation=f"Het verhaal: {P('CASE_ANON_ANONTEXT')} en een "
        f"{SEARCH_WORDS['ANON_ANON']}.",
        anon_question=f"{P('CASE_ANON_ANONQUESTION')}?",
    )
    cases.casus_anon_approve(casus=w.case_anon, actor=people["researcher"])
    # Opened to the programme too, but not approved yet: still no other circle reads it.
    w.case_unapproved = casus(
        "breda_author",
        "UNAPPROVED",
        visibility="leerkring",
        anonymise=True,
        programme_open=True,
        anon_title=P("CASE_UNAPPROVED_ANONTITLE"),
        anon_situation="Een geanonimiseerd verhaal.",
        anon_question="Wat doe je?",
    )
    w.case_draft = casus("breda_author", "DRAFT", publish=False, visibility="leerkring")
    # Issue 20: a case opened to the whole programme, approved: the programme's other circle
    # and its manager read the anonymised version. The other circle's own case is not opened;
    # nor is the case of the circle in another programme (which is opened to that programme).
    w.case_prog = casus(
        "breda_author",
        "PROG",
        visibility="leerkring",
        anonymise=True,
        programme_open=True,
        anon_title=P("CASE_PROG_ANONTITLE"),
        anon_situation=f"Het verhaal: {P('CASE_PROG_ANONTEXT')} en een "
        f"{SEARCH_WORDS['PROG_ANON']}.",
        anon_question=f"{P('CASE_PROG_ANONQUESTION')}?",
    )
    cases.casus_anon_approve(casus=w.case_prog, actor=people["researcher"])
    w.case_deventer = casus(
        "deventer_member", "DEVENTER", visibility="leerkring", leerkring=w.circle2
    )
    w.case_enschede = casus(
        "enschede_member",
        "ENSCHEDE",
        visibility="leerkring",
        leerkring=w.circle3,
        dilemma=w.dilemma3,
        anonymise=True,
        programme_open=True,
        anon_title="Een geanonimiseerde casus",
        anon_situation="Een geanonimiseerd verhaal.",
        anon_question="Wat doe je?",
    )
    cases.casus_anon_approve(casus=w.case_enschede, actor=people["researcher"])
    w.cases = [
        w.case_circle,
        w.case_breda,
        w.case_tilburg,
        w.case_anon,
        w.case_unapproved,
        w.case_draft,
        w.case_prog,
        w.case_deventer,
        w.case_enschede,
    ]

    # Comments: each case's author hears of them by e-mail.
    w.comments = [
        cases.reactie_create(
            casus=w.case_circle, author=people["tilburg_member"], body=P("COMMENT_CIRCLE")
        ),
        cases.reactie_create(
            casus=w.case_breda, author=people["breda_member"], body=P("COMMENT_BREDA")
        ),
        cases.reactie_create(
            casus=w.case_anon, author=people["tilburg_member"], body=P("COMMENT_ANON")
        ),
    ]
    hidden = ReactieFactory(
        casus=w.case_circle, author=people["breda_member"], body=P("COMMENT_HIDDEN")
    )
    cases.reactie_hide(
        reactie=hidden, actor=people["researcher"], reason=P("COMMENT_HIDDEN_REASON")
    )
    w.comments.append(hidden)

    # A public kick-off that was held, with a work group that discussed every published case,
    # attendance from both municipalities and a published report with its PDF.
    w.held = BijeenkomstFactory(
        leerkring=circle,
        kind="kickoff",
        title="Kick-off",
        is_public=True,
        status="gehouden",
        location="Chassé Theater, Breda",
        starts_at=now - datetime.timedelta(days=10),
        capacity=40,
    )
    w.group = WerkgroepFactory(
        bijeenkomst=w.held,
        title=P("WG_TITLE"),
        facilitator=P("WG_FACILITATOR"),
        conclusions=P("WG_CONCLUSIONS"),
        dilemma=w.dilemma,
        capacity=10,
    )
    for case in (w.case_circle, w.case_breda, w.case_tilburg, w.case_anon, w.case_unapproved):
        werkgroepen.werkgroep_link_casus(werkgroep=w.group, casus=case, linked=True)
    for key, gemeente, status in (
        ("breda_member", breda, "aanwezig"),
        ("breda_coord", breda, "aanwezig"),
        ("attendee_breda", breda, "aanwezig"),
        ("breda_author", breda, "aangemeld"),
        ("tilburg_member", tilburg, "aanwezig"),
        ("tilburg_coord", tilburg, "aanwezig"),
        ("attendee_tilburg", tilburg, "aanwezig"),
    ):
        AanmeldingFactory(
            bijeenkomst=w.held,
            deelnemer=people[key],
            gemeente=gemeente,
            status=status,
            werkgroep=w.group,
        )
    # The held meeting's documents (checked by the worker at commit): one for everyone, one for
    # the circle's members (also in the report and its PDF), one for who had a seat.
    w.documenten = [
        _document(w.held, people["researcher"], "Programma van de kick-off", "openbaar"),
        _document(w.held, people["researcher"], P("DOC_MEMBERS_TITLE"), "leerkring", w.group),
        _document(w.held, people["researcher"], P("DOC_HELD_SEATED_TITLE"), "plek"),
    ]
    verslagen.verslag_save(
        bijeenkomst=w.held,
        user=people["researcher"],
        title=P("REPORT_TITLE"),
        authors=f"Olga Onderzoeker, {P('REPORT_AUTHORS')}",
        body=f"## Verloop\n\n{P('REPORT_BODY')}",
        conclusions=P("REPORT_CONCLUSIONS"),
        werkgroep_conclusies={w.group.pk: P("REPORT_WG_CONCLUSIONS")},
    )
    verslagen.verslag_publish(verslag=Verslag.objects.get(bijeenkomst=w.held), notify=True)
    attendance.presentielijst_pdf_request(bijeenkomst=w.held)
    # The questionnaire after the kick-off, sent to the six who were there; five answer (one
    # open answer holds the marker), Tilburg's member does not. Its results go in the report's
    # PDF, which shows the statements only.
    from bijeenkomsten.models import Evaluatie
    from bijeenkomsten.services import evaluatie as evaluatie_services

    evaluatie = evaluatie_services.evaluatie_save(
        bijeenkomst=w.held, vragen=evaluatie_services.default_questions()
    )
    evaluatie_services.evaluatie_send(evaluatie=evaluatie, actor=people["researcher"])
    statements = list(evaluatie.vragen.filter(kind="stelling"))
    wat_mee = evaluatie.vragen.filter(kind="open").first()
    answering = ("breda_member", "breda_coord", "attendee_breda", "tilburg_coord")
    for key in (*answering, "attendee_tilburg"):
        answers = {vraag.pk: 4 for vraag in statements}
        if key == "breda_member":
            answers[wat_mee.pk] = f"Vooral {P('EVALUATIE_OPEN')} neem ik mee."
        evaluatie_services.evaluatie_answer(evaluatie=evaluatie, user=people[key], answers=answers)
    evaluatie_services.evaluatie_in_report(
        evaluatie=Evaluatie.objects.get(pk=evaluatie.pk), in_report=True
    )

    # A meeting that was held, with a draft report.
    w.drafted = BijeenkomstFactory(
        leerkring=circle,
        kind="reflectie",
        title="Reflectie",
        is_public=True,
        status="gehouden",
        starts_at=now - datetime.timedelta(days=5),
    )
    verslagen.verslag_save(
        bijeenkomst=w.drafted,
        user=people["researcher"],
        title=P("REPORT_DRAFT_TITLE"),
        authors="Olga Onderzoeker",
        body=P("REPORT_DRAFT_BODY"),
    )

    # A public meeting, online only, tomorrow: two seats and someone on the waiting list.
    start = now + datetime.timedelta(days=1)
    w.online = BijeenkomstFactory(
        leerkring=circle,
        kind="leerkringbijeenkomst",
        title="Online leerkring",
        is_public=True,
        location="",
        online_url=f"https://meet.example/{P('ONLINE_URL')}",
        description=P("MEETING_DESCRIPTION"),
        contact_name=P("CONTACT_NAME"),
        contact_phone=P("CONTACT_PHONE"),
        starts_at=start,
        registration_closes_at=now + datetime.timedelta(hours=12),
        reminder_days=2,
        capacity=2,
    )
    planning.bijeenkomst_save(
        bijeenkomst=w.online,
        programma=[
            {
                "starts_at": datetime.time(10, 0),
                "title": P("PROGRAMME_ITEM"),
                "speaker": P("PROGRAMME_SPEAKER"),
            }
        ],
    )
    registration.aanmelding_create(
        bijeenkomst_id=w.online.pk,
        deelnemer=people["breda_member"],
        diet=P("DIET_BREDA"),
        accessibility=P("ACCESS_BREDA"),
    )
    registration.aanmelding_create(bijeenkomst_id=w.online.pk, deelnemer=people["tilburg_member"])
    registration.aanmelding_create(bijeenkomst_id=w.online.pk, deelnemer=people["tilburg_waiting"])
    w.documenten.append(_document(w.online, people["researcher"], P("DOC_SEATED_TITLE"), "plek"))

    # A members-only meeting tomorrow with one seat: Breda's coordinator waits, the author
    # cancels, the coordinator is promoted (and gets the online link then).
    w.members_only = BijeenkomstFactory(
        leerkring=circle,
        kind="werkgroep",
        title=P("MEETING_MEMBERS_TITLE"),
        is_public=False,
        location=P("MEETING_MEMBERS_LOCATION"),
        address=P("MEETING_MEMBERS_ADDRESS"),
        venue_accessibility=P("MEETING_MEMBERS_VENUE_ACCESS"),
        online_url=f"https://meet.example/{P('ONLINE_URL_PROMOTED')}",
        starts_at=start + datetime.timedelta(hours=2),
        registration_closes_at=now + datetime.timedelta(hours=12),
        reminder_days=2,
        capacity=1,
    )
    table_two = WerkgroepFactory(
        bijeenkomst=w.members_only, title="Tafel twee", dilemma=w.dilemma, capacity=5
    )
    for case in (w.case_breda, w.case_anon):
        werkgroepen.werkgroep_link_casus(werkgroep=table_two, casus=case, linked=True)
    seat = AanmeldingFactory(
        bijeenkomst=w.members_only,
        deelnemer=people["breda_author"],
        gemeente=breda,
        status="aangemeld",
    )
    registration.aanmelding_create(
        bijeenkomst_id=w.members_only.pk, deelnemer=people["breda_coord"]
    )
    registration.aanmelding_cancel(
        aanmelding_id=seat.pk, deelnemer=people["breda_author"], reason=P("CANCEL_REASON")
    )
    w.meetings = [w.held, w.drafted, w.online, w.members_only]
    w.aanmeldingen = list(Aanmelding.objects.filter(bijeenkomst__leerkring=circle))
    reminders.reminders_send()

    # Messages: to the held meeting's people, to the online meeting's waiting list, and from
    # Breda's coordinator to Breda's people.
    def bericht(sender, key, **doelgroep):
        return berichten.bericht_send(
            sender=people[sender],
            doelgroep=berichten.Doelgroep(leerkring=circle, **doelgroep),
            subject=P(f"BERICHT_{key}_SUBJECT"),
            body=f"Beste mensen,\n\n{P(f'BERICHT_{key}_BODY')}",
        )

    w.berichten = [
        bericht("researcher", "SEATED", audience="deelnemers", bijeenkomst=w.held),
        bericht("researcher", "WAITLIST", audience="wachtlijst", bijeenkomst=w.online),
        bericht("breda_coord", "BREDA", audience="gemeente", gemeente=breda),
    ]

    # Publications: public, members', coordinators', and one under embargo.
    def publicatie(slug, key, visibility, release_at, note=""):
        title = P(f"PUB_{key}_TITLE") if key else "Openbaar essay"
        pub = Publicatie(
            leerkring=circle,
            slug=slug,
            kind="essay",
            title=title,
            abstract=P(f"PUB_{key}_ABSTRACT") if key else "Voor iedereen.",
            release_at=release_at,
            visibility=visibility,
        )
        body = f"## Inleiding\n\n{P(f'PUB_{key}_BODY') if key else 'Tekst voor iedereen.'}"
        publicatie_save(publicatie=pub, user=people["researcher"], body=body, note=note)
        return pub

    day = datetime.timedelta(days=1)
    w.publicaties = [
        publicatie("openbaar", None, "openbaar", now - 2 * day, note=P("PUB_NOTE")),
        publicatie("voor-deelnemers", "MEMBERS", "deelnemers", now - day),
        publicatie("voor-coordinatoren", "COORD", "coordinatoren", now - day),
        publicatie("onder-embargo", "EMBARGO", "openbaar", now + 10 * day),
    ]

    # Background exports of the people who may export, and everyone's calendar link.
    w.exports = [
        export_request(user=people["researcher"], kind=AANMELDINGEN, params={}),
        export_request(user=people["researcher"], kind=CASUSSEN, params={}),
        export_request(user=people["breda_coord"], kind=AANMELDINGEN, params={}),
        export_request(user=people["tilburg_coord"], kind=AANMELDINGEN, params={}),
    ]
    w.tokens = {
        key: agenda.agendakoppeling_for(user=people[key]).token
        for key in VISITORS
        if key != "public"
    }

    # Certificates of participation: every confirmed member's page, and the PDFs of those who
    # attended and of both municipalities, made now so that the PDFs are read too.
    w.lidmaatschappen = list(
        Lidmaatschap.objects.filter(status=Lidmaatschap.Status.CONFIRMED).order_by("pk")
    )
    # One certificate per person and circle they attended a meeting of (issue 20).
    w.certificates = [
        deelnamebewijs.deelnamebewijs_keep(
            deelnamebewijs.deelnamebewijs_for(lidmaatschap=lid, slug=item.leerkring.slug)
        )
        for lid in w.lidmaatschappen
        for item in deelnamebewijs.circles_attended(lid)
    ]
    for certificate in w.certificates:
        render_request(kind=DEELNAMEBEWIJS, object_id=certificate.pk)
    for deelname in w.deelnames:
        render_request(kind=DEELNAMEBEWIJZEN, object_id=deelname.pk)
    for visitor in VISITORS:
        if visitor in w.people:
            render_request(kind=PERSONAL_DATA_PDF, object_id=w.people[visitor].pk)
    return w


# --- Where each URL pattern points in the world -----------------------------------------------
def _pks(objects):
    return [{"pk": o.pk} for o in objects]


def _slugs(w):
    return [{"slug": p.slug} for p in w.publicaties]


def _pdfs(w):
    """Every PDF of the world at the core's addresses: the reports of the held and the drafted
    meeting, the held meeting's attendance list, every publication's versions, the certificates
    of participation."""
    meetings = [w.held, w.drafted]
    return [
        *(
            {"kind": "verslag", "pk": pk}
            for pk in VerslagVersie.objects.filter(verslag__bijeenkomst__in=meetings)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        {"kind": "presentielijst", "pk": w.held.pk},
        *(
            {"kind": "publicatie", "pk": pk}
            for pk in PublicatieVersie.objects.filter(publicatie__in=w.publicaties)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        *({"kind": DEELNAMEBEWIJS, "pk": bewijs.pk} for bewijs in w.certificates),
        *({"kind": DEELNAMEBEWIJZEN, "pk": deelname.pk} for deelname in w.deelnames),
        # Each visitor's own data, readably: every visitor tries everyone's.
        *({"kind": PERSONAL_DATA_PDF, "pk": w.people[v].pk} for v in VISITORS if v in w.people),
    ]


def _documenten(w):
    return [{"pk": d.bijeenkomst_id, "document": d.pk} for d in w.documenten]


def _own_token(w, visitor, name):
    if visitor == "public":
        return [{"token": "bestaat-niet"}]
    if name == "digest-unsubscribe":
        return [{"token": unsubscribe_token(w.people[visitor])}]
    return [{"token": w.tokens[visitor]}]


def _case_queries(w):
    """The library as listed, searched (a hit's snippet quotes the text; the words searched
    for are plain words beside the markers, so the page's echo of the query is no sighting),
    and filtered."""
    return [
        "",
        *(f"?q={SEARCH_WORDS[key]}" for key in SEARCHED),
        f"?bijeenkomst={w.held.pk}",
        "?gemeente=breda",
    ]


def _registration_queries(w):
    return ["", f"?bijeenkomst={w.online.pk}", "?gemeente=tilburg", "?status=wachtlijst"]


def _search_queries(w):
    """The site search (leerkring/search.py): "zq" matches the start of every planted marker
    (the last word is also a prefix), so each kind's hits quote whatever markers a visitor's
    snippets hold; the page echoes only "zq", no marker. And the case library's words."""
    return ["", "?q=zq", *(f"?q={SEARCH_WORDS[key]}" for key in SEARCHED)]


NONE = lambda w: [{}]  # noqa: E731


def _circle_slugs(w):
    return [{"slug": c.slug} for c in (w.circle, w.circle2, w.circle3, w.circle_preparing)]


def _programme_slugs(w):
    return [{"slug": p.slug} for p in (w.programma, w.other_programma)]


def _programme_circles(w):
    circles = (w.circle, w.circle2, w.circle3, w.circle_preparing)
    return [{"slug": c.programma.slug, "kring": c.slug} for c in circles]


# name: (kwargs for each object, query strings). A callable of (w, visitor, name) for the
# links that belong to one person.
URLS = {
    "health": (NONE, [""]),
    "security-txt": (NONE, [""]),
    "set_language": (NONE, [""]),
    "home": (NONE, [""]),
    "dashboard": (NONE, [""]),
    "numbers": (NONE, [""]),
    "search": (NONE, _search_queries),
    "toegankelijkheid": (NONE, [""]),
    "privacy": (NONE, [""]),
    "profile": (NONE, [""]),
    "account-preferences": (NONE, [""]),
    "profile-export": (NONE, [""]),
    "profile-data": (NONE, [""]),
    "profile-delete": (NONE, [""]),
    "digest-unsubscribe": (_own_token, [""]),
    "account_login": (NONE, [""]),
    "account_inactive": (NONE, [""]),
    "account_signup": (NONE, [""]),
    "account_reauthenticate": (NONE, [""]),
    "account_email": (NONE, [""]),
    "account_email_verification_sent": (NONE, [""]),
    "account_change_password": (NONE, [""]),
    "account_set_password": (NONE, [""]),
    "account_reset_password": (NONE, [""]),
    "account_confirm_login_code": (NONE, [""]),
    "account_confirm_email": (lambda w: [{"key": "ongeldig"}], [""]),
    "account_reset_password_from_key_done": (NONE, [""]),
    "account_reset_password_from_key": (lambda w: [{"uidb36": "1", "key": "x-y"}], [""]),
    "account_reset_password_done": (NONE, [""]),
    "auditlog": (NONE, [""]),
    "deelnamebewijs": (lambda w: _pks(w.lidmaatschappen), [""]),
    "deelnamebewijs-kring": (
        lambda w: [{"pk": b.lidmaatschap_id, "kring": b.leerkring.slug} for b in w.certificates],
        [""],
    ),
    "deelnamebewijzen": (lambda w: _pks(w.deelnames), [""]),
    "export-detail": (lambda w: _pks(w.exports), [""]),
    "export-status": (lambda w: _pks(w.exports), [""]),
    "export-download": (lambda w: _pks(w.exports), [""]),
    "gemeenten:gemeente-list": (NONE, [""]),
    "gemeenten:deelname-apply": (NONE, [""]),
    "gemeenten:request-queue": (NONE, [""]),
    "gemeenten:deelname-decline": (lambda w: _pks([w.applied]), [""]),
    "gemeenten:deelname-admit": (lambda w: _pks([w.applied]), [""]),
    "gemeenten:coordinator-choose": (lambda w: _pks(w.deelnames), [""]),
    "gemeenten:uitnodiging-create": (lambda w: [{"slug": s} for s in ("breda", "tilburg")], [""]),
    # A link that works is the invited person's alone (it shows their address): only an
    # unknown one is fetched.
    "gemeenten:uitnodiging": (lambda w: [{"token": "ongeldig"}], [""]),
    "gemeente-people-export": (lambda w: [{"slug": s} for s in ("breda", "tilburg")], [""]),
    "gemeenten:deelname-card": (lambda w: _pks(w.deelnames), [""]),
    "gemeenten:lidmaatschap-refuse": (lambda w: _pks([w.pending]), [""]),
    "gemeenten:lidmaatschap-confirm": (lambda w: _pks([w.pending]), [""]),
    "gemeenten:gemeente-detail": (
        lambda w: [{"slug": s} for s in ("breda", "tilburg", "zwolle")],
        [""],
    ),
    "dilemmas:dilemma-list": (NONE, [""]),
    "dilemmas:casus-list": (NONE, _case_queries),
    "dilemmas:casus-export": (NONE, _case_queries),
    "dilemmas:casus-mine": (NONE, [""]),
    "dilemmas:casus-approval-queue": (NONE, [""]),
    "dilemmas:casus-create": (NONE, [""]),
    "dilemmas:casus-detail": (lambda w: _pks(w.cases), [""]),
    "dilemmas:casus-update": (lambda w: _pks(w.cases), [""]),
    "dilemmas:casus-history": (lambda w: _pks(w.cases), [""]),
    "dilemmas:reactie-update": (lambda w: _pks(w.comments), [""]),
    "dilemmas:reactie-delete": (lambda w: _pks(w.comments), [""]),
    "dilemmas:reactie-hide": (lambda w: _pks(w.comments), [""]),
    "dilemmas:reactie-reason": (lambda w: _pks(w.comments), [""]),
    "dilemmas:dilemma-detail": (
        lambda w: [{"leerkring": "democratie", "slug": "bemiddelen"}],
        [""],
    ),
    "dilemmas:dilemma-update": (
        lambda w: [{"leerkring": "democratie", "slug": "bemiddelen"}],
        [""],
    ),
    "bijeenkomsten:bijeenkomst-list": (NONE, ["", "?periode=verleden"]),
    "bijeenkomsten:bijeenkomst-create": (NONE, [""]),
    "bijeenkomsten:agenda": (NONE, [""]),
    "bijeenkomsten:aanmelding-list": (NONE, _registration_queries),
    "bijeenkomsten:aanmelding-export": (NONE, _registration_queries),
    "bijeenkomsten:attendance-export": (NONE, ["", "?leerkring=democratie"]),
    "bijeenkomsten:agenda-feed": (_own_token, [""]),
    "bijeenkomsten:bijeenkomst-detail": (lambda w: _pks(w.meetings), [""]),
    "bijeenkomsten:bijeenkomst-ics": (lambda w: _pks(w.meetings), [""]),
    # The researchers' pages of a meeting, for the meetings whose fields are restricted.
    "bijeenkomsten:bijeenkomst-update": (lambda w: _pks([w.online, w.members_only]), [""]),
    "bijeenkomsten:bijeenkomst-duplicate": (lambda w: _pks([w.online, w.members_only]), [""]),
    "bijeenkomsten:bijeenkomst-cancel": (lambda w: _pks([w.online, w.members_only]), [""]),
    "bijeenkomsten:document-create": (lambda w: _pks([w.held, w.online]), [""]),
    "bijeenkomsten:document-download": (_documenten, [""]),
    "bijeenkomsten:document-status": (_documenten, [""]),
    "bijeenkomsten:document-delete": (_documenten, [""]),
    "bijeenkomsten:werkgroepen": (lambda w: _pks([w.held, w.members_only]), [""]),
    "bijeenkomsten:presentielijst": (lambda w: _pks([w.held, w.online]), ["", "?afdrukken=1"]),
    "bijeenkomsten:wachtlijst": (lambda w: _pks([w.held, w.online]), [""]),
    "bijeenkomsten:presentielijst-pdf": (lambda w: _pks([w.held]), [""]),
    "bijeenkomsten:presentielijst-pdf-download": (lambda w: _pks([w.held]), [""]),
    "bijeenkomsten:verslag": (lambda w: _pks([w.held, w.drafted]), [""]),
    "bijeenkomsten:verslag-status": (lambda w: _pks([w.held, w.drafted]), [""]),
    "bijeenkomsten:verslag-pdf": (lambda w: _pks([w.held, w.drafted]), [""]),
    "bijeenkomsten:verslag-edit": (lambda w: _pks([w.held, w.drafted]), [""]),
    "bijeenkomsten:verslag-publish": (lambda w: _pks([w.held, w.drafted]), [""]),
    "bijeenkomsten:verslag-versie": (
        lambda w: [{"pk": m.pk, "number": 1} for m in (w.held, w.drafted)],
        [""],
    ),
    "bijeenkomsten:verslag-versie-status": (
        lambda w: [{"pk": m.pk, "number": 1} for m in (w.held, w.drafted)],
        [""],
    ),
    "bijeenkomsten:verslag-versie-pdf": (
        lambda w: [{"pk": m.pk, "number": 1} for m in (w.held, w.drafted)],
        [""],
    ),
    "bijeenkomsten:evaluatie": (lambda w: _pks([w.held]), [""]),
    "bijeenkomsten:evaluatie-edit": (lambda w: _pks([w.held]), [""]),
    "bijeenkomsten:evaluatie-send": (lambda w: _pks([w.held]), [""]),
    "bijeenkomsten:evaluatie-export": (lambda w: _pks([w.held]), [""]),
    "bijeenkomsten:evaluatie-answer": (lambda w: _pks([w.held]), [""]),
    "bijeenkomsten:bericht-write": (lambda w: _pks(w.meetings), [""]),
    # Everyone's registrations, each tried by every visitor: only its owner gets the pages.
    "bijeenkomsten:aanmelding-update": (lambda w: _pks(w.aanmeldingen), [""]),
    "bijeenkomsten:aanmelding-cancel": (lambda w: _pks(w.aanmeldingen), [""]),
    "berichten:list": (NONE, [""]),
    "berichten:detail": (lambda w: _pks(w.berichten), [""]),
    "berichten:leerkring-write": (lambda w: [{"slug": "democratie"}], [""]),
    "berichten:gemeente-write": (lambda w: _pks(w.deelnames), [""]),
    "pdf-status": (_pdfs, [""]),
    "pdf-download": (_pdfs, [""]),
    "publicaties:publicatie-list": (NONE, [""]),
    "publicaties:feed": (NONE, [""]),
    "publicaties:publicatie-create": (NONE, [""]),
    "publicaties:download-figures": (NONE, [""]),
    "publicaties:publicatie-detail": (_slugs, [""]),
    "publicaties:publicatie-update": (_slugs, [""]),
    "publicaties:publicatie-status": (_slugs, [""]),
    "publicaties:publicatie-download": (_slugs, [""]),
    # No publication has a cover or an upload waiting: one address each says so.
    "publicaties:publicatie-cover": (lambda w: _slugs(w)[-1:], [""]),
    "publicaties:publicatie-upload-status": (lambda w: _slugs(w)[-1:], ["?id=1"]),
    "publicaties:publicatie-cite": (
        lambda w: [*({**s, "format": "bib"} for s in _slugs(w)), {**_slugs(w)[1], "format": "ris"}],
        [""],
    ),
    "publicaties:publicatie-versie-download": (
        lambda w: [{**s, "number": 1} for s in _slugs(w)],
        [""],
    ),
    # Issue 20: each circle's publications and feed, the programmes' public pages and feeds,
    # and the manager's pages, for both programmes and each of their circles.
    "publicaties:leerkring-publicaties": (_circle_slugs, [""]),
    "publicaties:leerkring-feed": (_circle_slugs, [""]),
    "programma:programma-detail": (_programme_slugs, [""]),
    "programma:programma-publicaties": (_programme_slugs, [""]),
    "programma:programma-feed": (_programme_slugs, [""]),
    "programma:programma-beheer": (_programme_slugs, [""]),
    "programma:programma-cijfers-export": (_programme_slugs, [""]),
    "programma:leerkring-create": (_programme_slugs, [""]),
    "programma:leerkring-manage": (_programme_circles, [""]),
    # The confirmation page of the next phase: the first circle starts, the second closes.
    "programma:leerkring-phase": (
        lambda w: [
            {**kwargs, "phase": phase}
            for kwargs, phase in zip(
                _programme_circles(w),
                ("lopend", "afgesloten", "afgesloten", "open"),
                strict=True,
            )
        ],
        [""],
    ),
    # A link that works is the invited person's alone: only an unknown one is fetched.
    "programma:onderzoeker-uitnodiging": (lambda w: [{"token": "ongeldig"}], [""]),
    # Last: a GET may log the visitor out.
    "account_logout": (NONE, [""]),
}
# Status boxes that htmx fetches: they answer a fragment to htmx and a redirect (no output)
# otherwise; the attendance list's PDF page answers both.
HTMX_ONLY = {
    "bijeenkomsten:document-status",
    "export-status",
    "pdf-status",
    "bijeenkomsten:verslag-status",
    "bijeenkomsten:verslag-versie-status",
    "publicaties:publicatie-status",
    "publicaties:publicatie-upload-status",
}
HTMX_TOO = {"bijeenkomsten:presentielijst-pdf"}


def _requests(w, visitor):
    for name, (kwargs_for, queries) in URLS.items():
        if visitor in PARTIAL_VISITORS and not PARTIAL_VISITORS[visitor](name):
            continue
        variants = kwargs_for(w, visitor, name) if kwargs_for is _own_token else kwargs_for(w)
        for kwargs in variants:
            path = reverse(name, kwargs=kwargs)
            for query in queries(w) if callable(queries) else queries:
                if name not in HTMX_ONLY:
                    yield name, path + query, False
                if name in HTMX_ONLY | HTMX_TOO:
                    yield name, path + query, True


# --- Reading outputs --------------------------------------------------------------------------
_pdf_cache: dict[str, str] = {}


def pdf_text(content: bytes) -> str:
    key = hashlib.sha256(content).hexdigest()
    if key not in _pdf_cache:
        _pdf_cache[key] = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"],
            input=content,
            capture_output=True,
            check=True,
        ).stdout.decode()
    return _pdf_cache[key]


def response_content(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def output_of(response) -> tuple[str, str, str]:
    """(format, text to search, the raw text for figures) of one response."""
    content = response_content(response)
    kind = response.get("Content-Type", "").split(";")[0].strip()
    if kind == "application/pdf":
        text = pdf_text(content)
        return "pdf", re.sub(r"-\n", "", text), text
    raw = content.decode("utf-8-sig", errors="replace")
    fmt = {
        "text/html": "html",
        "text/calendar": "ics",
        "application/atom+xml": "atom",
        "text/csv": "csv",
        "application/json": "json",
    }.get(kind, "text")
    if fmt in ("html", "atom"):
        return fmt, html.unescape(raw), raw
    if fmt == "json":  # non-ASCII and slashes may be escaped; markers are plain ASCII
        return fmt, raw.replace("\\/", "/"), raw
    if fmt == "ics":
        return fmt, raw.replace("\\,", ",").replace("\\;", ";"), raw
    return fmt, raw, raw


_MARKERS = {P(key).lower(): key for key in MARKERS}


def markers_in(text: str) -> set[str]:
    """The markers in a text; whitespace is dropped first, since iCalendar folds long lines
    and a PDF breaks them."""
    compact = re.sub(r"\s+", "", text.lower().replace("\u00ad", ""))
    return {key for planted_text, key in _MARKERS.items() if planted_text in compact}


_NAMES = "|".join(GEMEENTEN)
_FIGURE_PATTERNS = [
    # a chart segment (charts.py names its series and rows)
    re.compile(rf'data-(?:series|row)="({_NAMES})"'),
    # a column head of a table of numbers (the chart's table, one column per municipality)
    re.compile(rf"<th[^>]*scope=\"col\"[^>]*>\s*({_NAMES})\s*</th>"),
    # a row named after a municipality, followed by a number
    re.compile(rf"<tr[^>]*>\s*<th[^>]*>\s*({_NAMES})\s*</th>\s*<td[^>]*>\s*\d+\s*</td>"),
]


def figure_sightings(fmt: str, raw: str) -> set[str]:
    """Attendance or registrations per municipality: FIGURES_<NAME> for every municipality
    whose figures the output shows (see leak_table)."""
    found = set()
    if fmt == "html":
        for pattern in _FIGURE_PATTERNS:
            found |= set(pattern.findall(raw))
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
        if rows and rows[0] and rows[0][0] == "Bijeenkomst":  # registrations, attendance
            found |= {cell for row in rows for cell in row if cell in GEMEENTEN}
    return {f"FIGURES_{name.upper()}" for name in found}


# --- The test ---------------------------------------------------------------------------------
def _collect(w) -> list[tuple[str, str, str, str]]:
    """Every (marker, person, where, format) sighting."""
    sightings = []
    for visitor in VISITORS:
        client = Client()
        user = w.people.get(visitor)
        if user is not None:
            client.force_login(user)
        for name, url, htmx in _requests(w, visitor):
            headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
            response = client.get(url, **headers)
            assert response.status_code < 500, f"{url} as {visitor}: {response.status_code}"
            fmt, text, raw = output_of(response)
            found = markers_in(text)
            if name not in FIGURES_PUBLISHED_IN:
                found |= figure_sightings(fmt, raw)
            where = f"{url}{' (htmx)' if htmx else ''}"
            sightings += [(key, visitor, where, fmt) for key in found]
    return sightings


def _mail_sightings(w, outbox, fmt) -> list[tuple[str, str, str, str]]:
    owner = {user.email.lower(): key for key, user in w.people.items()}
    owner[w.declined.contact_email] = "almelo_contact"
    owner[w.invitation.email] = "invitee"
    owner[w.research_invitation.email] = "research_invitee"
    sightings = []
    for message in outbox:
        parts = [message.subject, message.body]
        parts += [html.unescape(content) for content, _type in getattr(message, "alternatives", [])]
        for attachment in message.attachments:
            content = attachment[1] if isinstance(attachment, tuple) else attachment.content
            parts.append(content if isinstance(content, str) else content.decode())
        found = markers_in("\n".join(parts).replace("\\,", ","))
        for address in message.to:
            person = owner.get(address.lower(), f"<{address}>")
            sightings += [(key, person, f"e-mail '{message.subject}'", fmt) for key in found]
    return sightings


def _report(sightings) -> list[str]:
    problems = []
    wrong = defaultdict(list)
    seen = defaultdict(set)
    for key, person, where, fmt in sightings:
        seen[key].add(person)
        if not MARKERS[key].allows(person, fmt):
            wrong[(key, person)].append(f"{where} ({fmt})")
    for (key, person), places in sorted(wrong.items()):
        places = sorted(set(places))
        shown = ", ".join(places[:6]) + (f" and {len(places) - 6} more" if len(places) > 6 else "")
        problems.append(f"marker {key} seen by {person} at {shown}")
    everywhere = set(VISITORS) - set(PARTIAL_VISITORS)
    for key, rule in MARKERS.items():
        for person in sorted((rule.seen_by & everywhere) - seen[key]):
            problems.append(f"marker {key} declared for {person} but never seen by them (blind?)")
    return problems


def test_every_marker_reaches_exactly_whom_the_table_declares(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        w = build_world()
    world_mail = list(mail.outbox)
    get_user_model().objects.update(weekly_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send_all() > 0
    digests = mail.outbox[len(world_mail) :]

    sightings = _collect(w)
    sightings += _mail_sightings(w, world_mail, "email")
    sightings += _mail_sightings(w, digests, "digest")
    problems = _report(sightings)
    problems += _programme_case_problems(w)
    assert not problems, "\n" + "\n".join(problems)


def _programme_case_problems(w) -> list[str]:
    """Who reads the case opened to the programme in its anonymised version (the manager, the
    programme's other circle) learns neither its author nor their municipality from it: its
    page and the library's hit (the markers check its texts; names are no markers)."""
    problems = []
    author = w.people["breda_author"].name
    for visitor in ("manager", "deventer_member"):
        client = Client()
        client.force_login(w.people[visitor])
        page = client.get(reverse("dilemmas:casus-detail", kwargs={"pk": w.case_prog.pk}))
        hit = client.get(reverse("dilemmas:casus-list") + f"?q={SEARCH_WORDS['PROG_ANON']}")
        for label, response in (("page", page), ("library", hit)):
            text = html.unescape(response.content.decode())
            main = text[text.find("<main") : text.find("</main>")]
            if response.status_code != 200 or P("CASE_PROG_ANONTITLE") not in main:
                problems.append(f"{visitor} does not read the case opened to the programme")
                continue
            if label == "library":  # the hit's card (the filters name every municipality)
                at = main.find(P("CASE_PROG_ANONTITLE"))
                start = max(main.rfind("<li", 0, at), main.rfind("<article", 0, at))
                ends = [e for e in (main.find("</li>", at), main.find("</article>", at)) if e > 0]
                main = main[start : min(ends, default=len(main))]
            for name in (author, "Breda"):
                if name in main:
                    problems.append(f"{visitor} reads {name!r} on the programme case's {label}")
    return problems


# --- Declarations complete --------------------------------------------------------------------
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _text_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, TEXT_FIELDS) and not field.auto_created and not field.choices:
                yield f"{model._meta.label}.{field.name}"


def test_every_text_field_is_declared():
    """A new field that holds text is either restricted (with the markers planted in it) or
    declared not restricted, with the reason."""
    fields = set(_text_fields())
    declared = set(RESTRICTED_FIELDS) | set(NOT_RESTRICTED)
    assert fields - declared == set(), "declare these fields in tests/security/leak_table.py"
    assert declared - fields == set(), "these fields no longer exist"
    assert set(RESTRICTED_FIELDS) & set(NOT_RESTRICTED) == set()
    planted_keys = {key for keys in RESTRICTED_FIELDS.values() for key in keys}
    assert planted_keys - set(MARKERS) == set(), "markers planted but without a rule"
    unplanted = set(MARKERS) - planted_keys - {"FIGURES_BREDA", "FIGURES_TILBURG"}
    assert unplanted == set(), "rules for markers that no field holds"


def test_every_url_pattern_is_covered():
    """Every URL pattern is fetched by the leak test, or declared POST-only."""
    names = set(_url_names())
    covered = set(URLS) | set(POST_ONLY)
    assert names - covered == set(), "fetch these in URLS, or declare them POST_ONLY"
    assert covered - names == set(), "these URL patterns no longer exist"
    assert set(URLS) & set(POST_ONLY) == set()
