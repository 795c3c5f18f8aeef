"""The declared table of the leak test (tests/security/test_leaks.py): who may see each restricted
thing, which model fields hold restricted text, and which URL patterns answer with output.

Change the table, not the test, when a rule changes: each rule is one line with its reason.

Visitors are the people who fetch every URL: the public, civil servants of Breda (one of whom
wrote the cases) and Tilburg (one of whom is on a waiting list), the coordinators of Breda and
Tilburg and the circle's researcher; and since issue 20 (a programme of circles) the manager of
the circle's programme, a civil servant of Deventer (admitted to the programme's other circle)
and one of Enschede (admitted to a circle of another programme). Other people of the world
(someone waiting for admission, someone refused, two people who attended but are hidden from
colleagues, people invited) only receive e-mail; what they may see is declared too, but only the
visitors must see everything declared for them."""

from dataclasses import dataclass, field

VISITORS = [
    "public",
    "breda_member",
    "breda_author",
    "tilburg_member",
    "tilburg_waiting",
    "breda_coord",
    "tilburg_coord",
    "researcher",
    "manager",
    "deventer_member",
    "enschede_member",
]
# The person on the waiting list is there for the online link: they fetch only the pages of
# meetings, their home and their data (the others are fetched by tilburg_member, who is in the
# same position apart from the seat). A partial visitor must not see what is not declared for
# them, but is not required to see all that is.
PARTIAL_VISITORS = {
    "tilburg_waiting": lambda name: (
        name.startswith("bijeenkomsten:") or name in {"dashboard", "profile-export"}
    ),
}
# People who are not visitors: they only read their e-mail.
# (almelo_contact is the address of a municipality that applied and was declined.)
# (invitee is the address Breda's coordinator invited, who has no account yet.)
# (research_invitee is the address a programme manager invited to research a circle.)
OTHERS = [
    "pending",
    "refused",
    "attendee_breda",
    "attendee_tilburg",
    "almelo_contact",
    "invitee",
    "research_invitee",
]

BREDA = frozenset({"breda_member", "breda_author", "breda_coord", "attendee_breda"})
TILBURG = frozenset({"tilburg_member", "tilburg_waiting", "tilburg_coord", "attendee_tilburg"})
RESEARCHER = frozenset({"researcher"})
CIRCLE = BREDA | TILBURG | RESEARCHER
COORDINATORS = frozenset({"breda_coord", "tilburg_coord"}) | RESEARCHER
# Issue 20: the programme's manager; the civil servant of the programme's other circle; the
# civil servant of a circle in another programme, who must see none of this programme.
MANAGER = frozenset({"manager"})
DEVENTER = frozenset({"deventer_member"})
ENSCHEDE = frozenset({"enschede_member"})

# Outputs (formats) a sighting is recorded in.
FORMATS = ("html", "ics", "atom", "csv", "pdf", "json", "text", "email", "digest")


@dataclass(frozen=True)
class Rule:
    """Who may see a marker (anywhere), and why. `only` narrows a person to some formats."""

    seen_by: frozenset
    why: str
    only: dict = field(default_factory=dict)

    def allows(self, person: str, fmt: str) -> bool:
        if person not in self.seen_by:
            return False
        return person not in self.only or fmt in self.only[person]


def rule(people, why: str, **only) -> Rule:
    return Rule(frozenset(people), why, {k: frozenset(v) for k, v in only.items()})


def planted(key: str) -> str:
    """The string planted for a marker: unique, letters and digits only (it survives HTML
    escaping, Markdown, CSV, iCalendar folding, PDF text extraction and e-mail), and no marker
    is the start of another."""
    return "ZQ" + key.replace("_", "") + "X9"


# --- What each marker may reach ---------------------------------------------------------------
# Attendance per municipality (FIGURES_*) is found by the shape of the output rather than by a
# string: a table row, a column head, a chart segment or a CSV column named after the
# municipality (see test_leaks.figure_sightings). The rule for coordinators is "own column
# only" (docs/architecture.md); change FIGURES_* here when that choice changes.
MARKERS: dict[str, Rule] = {
    # Cases and their titles ------------------------------------------------------------------
    "CASE_CIRCLE_TITLE": rule(CIRCLE, "a published case for the whole circle: its members"),
    "CASE_CIRCLE_TEXT": rule(CIRCLE, "as its title"),
    "CASE_CIRCLE_QUESTION": rule(CIRCLE, "as its title"),
    "CASE_BREDA_TITLE": rule(BREDA | RESEARCHER, "shared only within Breda"),
    "CASE_BREDA_TEXT": rule(BREDA | RESEARCHER, "shared only within Breda"),
    "CASE_BREDA_QUESTION": rule(BREDA | RESEARCHER, "shared only within Breda"),
    "CASE_TILBURG_TITLE": rule(TILBURG | RESEARCHER, "shared only within Tilburg"),
    "CASE_TILBURG_TEXT": rule(TILBURG | RESEARCHER, "shared only within Tilburg"),
    "CASE_TILBURG_QUESTION": rule(TILBURG | RESEARCHER, "shared only within Tilburg"),
    "CASE_ANON_TITLE": rule(BREDA | RESEARCHER, "the original of a case shared anonymised"),
    "CASE_ANON_TEXT": rule(BREDA | RESEARCHER, "the original of a case shared anonymised"),
    "CASE_ANON_QUESTION": rule(BREDA | RESEARCHER, "the original of a case shared anonymised"),
    # Breda's civil servants read the original; the anonymised version is for outsiders, the
    # author (who writes it) and the researchers (who approve it).
    "CASE_ANON_ANONTITLE": rule(TILBURG | {"breda_author", "researcher"}, "approved anonymised"),
    "CASE_ANON_ANONTEXT": rule(TILBURG | {"breda_author", "researcher"}, "approved anonymised"),
    "CASE_ANON_ANONQUESTION": rule(TILBURG | {"breda_author", "researcher"}, "approved anonymised"),
    "CASE_UNAPPROVED_TITLE": rule(BREDA | RESEARCHER, "anonymised sharing not yet approved"),
    "CASE_UNAPPROVED_TEXT": rule(BREDA | RESEARCHER, "anonymised sharing not yet approved"),
    "CASE_UNAPPROVED_ANONTITLE": rule(
        {"breda_author", "researcher"}, "an anonymised version waiting for approval"
    ),
    "CASE_DRAFT_TITLE": rule({"breda_author"}, "a draft: only its author"),
    "CASE_DRAFT_TEXT": rule({"breda_author"}, "a draft: only its author"),
    # Issue 20. A case opened to the whole programme: the original stays Breda's (never the
    # manager's, never another circle's); the approved anonymised version also reaches the
    # programme's other circle and its manager (dilemmas.selectors.casus_open_to_programme).
    "CASE_PROG_TITLE": rule(BREDA | RESEARCHER, "the original of a case opened to the programme"),
    "CASE_PROG_TEXT": rule(BREDA | RESEARCHER, "the original of a case opened to the programme"),
    "CASE_PROG_QUESTION": rule(
        BREDA | RESEARCHER, "the original of a case opened to the programme"
    ),
    "CASE_PROG_ANONTITLE": rule(
        TILBURG | DEVENTER | MANAGER | {"breda_author", "researcher"},
        "opened to the programme and approved: the anonymised version",
    ),
    "CASE_PROG_ANONTEXT": rule(
        TILBURG | DEVENTER | MANAGER | {"breda_author", "researcher"},
        "opened to the programme and approved: the anonymised version",
    ),
    "CASE_PROG_ANONQUESTION": rule(
        TILBURG | DEVENTER | MANAGER | {"breda_author", "researcher"},
        "opened to the programme and approved: the anonymised version",
    ),
    # A case of the programme's other circle, not opened: that circle only (it has no
    # researcher in the world), never this circle's people nor the manager.
    "CASE_DEVENTER_TITLE": rule(DEVENTER, "a case of the other circle, not opened"),
    "CASE_DEVENTER_TEXT": rule(DEVENTER, "a case of the other circle, not opened"),
    "CASE_DEVENTER_QUESTION": rule(DEVENTER, "a case of the other circle, not opened"),
    # A case of a circle in another programme, opened to that programme: never this one.
    "CASE_ENSCHEDE_TITLE": rule(ENSCHEDE, "a case of another programme's circle"),
    "CASE_ENSCHEDE_TEXT": rule(ENSCHEDE, "a case of another programme's circle"),
    "CASE_ENSCHEDE_QUESTION": rule(ENSCHEDE, "a case of another programme's circle"),
    # Comments ----------------------------------------------------------------------------------
    "COMMENT_CIRCLE": rule(CIRCLE, "whoever sees the case sees its comments"),
    "COMMENT_BREDA": rule(BREDA | RESEARCHER, "a comment on a Breda-only case"),
    "COMMENT_ANON": rule(CIRCLE, "a comment on the anonymised case: everyone who sees the case"),
    "COMMENT_HIDDEN": rule(
        {"breda_member", "researcher"}, "a hidden comment: its author and the researchers"
    ),
    "COMMENT_HIDDEN_REASON": rule(
        {"breda_member", "researcher"}, "why it was hidden: its author and the researchers"
    ),
    # Meetings ----------------------------------------------------------------------------------
    "MEETING_DESCRIPTION": rule(CIRCLE, "a public meeting shows its programme to members only"),
    "PROGRAMME_ITEM": rule(CIRCLE, "the programme: members only"),
    "PROGRAMME_SPEAKER": rule(CIRCLE, "the programme: members only"),
    "MEETING_MEMBERS_TITLE": rule(CIRCLE, "a members-only meeting"),
    "MEETING_MEMBERS_LOCATION": rule(CIRCLE, "a members-only meeting"),
    "MEETING_MEMBERS_ADDRESS": rule(CIRCLE, "a members-only meeting's venue"),
    "MEETING_MEMBERS_VENUE_ACCESS": rule(CIRCLE, "a members-only meeting's venue"),
    # The contact person for the day (selectors.venue): who has a seat, and the researchers;
    # never the waiting list or the public, also not in a public meeting's .ics.
    "CONTACT_NAME": rule({"breda_member", "tilburg_member", "researcher"}, "a seat, or research"),
    "CONTACT_PHONE": rule({"breda_member", "tilburg_member", "researcher"}, "a seat, or research"),
    "WG_TITLE": rule(CIRCLE, "work groups: members only"),
    "WG_FACILITATOR": rule(CIRCLE, "work groups: members only"),
    "WG_CONCLUSIONS": rule(CIRCLE, "work groups: members only"),
    # The online link: people with a seat and the researchers; never the waiting list, never a
    # public .ics. breda_coord got a seat by promotion from the waiting list.
    "ONLINE_URL": rule({"breda_member", "tilburg_member", "researcher"}, "a seat, or research"),
    "ONLINE_URL_PROMOTED": rule({"breda_coord", "researcher"}, "promoted to a seat, or research"),
    # Needs: the person and the researchers, who arrange the venue and catering.
    "DIET_BREDA": rule({"breda_member", "researcher"}, "needs: the person and researchers"),
    "ACCESS_BREDA": rule({"breda_member", "researcher"}, "needs: the person and researchers"),
    "CANCEL_REASON": rule({"breda_author"}, "why someone cancelled: only they (their data)"),
    # Reports -----------------------------------------------------------------------------------
    "REPORT_TITLE": rule(CIRCLE, "a published report: the circle's members"),
    "REPORT_AUTHORS": rule(CIRCLE, "a published report: the circle's members"),
    "REPORT_BODY": rule(CIRCLE, "a published report: the circle's members"),
    "REPORT_CONCLUSIONS": rule(CIRCLE, "a published report: the circle's members"),
    "REPORT_WG_CONCLUSIONS": rule(CIRCLE, "a published report: the circle's members"),
    "REPORT_DRAFT_TITLE": rule(RESEARCHER, "a draft report: researchers only"),
    "REPORT_DRAFT_BODY": rule(RESEARCHER, "a draft report: researchers only"),
    # Evaluation of a meeting: open answers are for the researchers only (the report's PDF shows
    # the statements' charts, never the open answers), and only from 5 answers on.
    "EVALUATIE_OPEN": rule(RESEARCHER, "an open answer to a questionnaire: researchers only"),
    # A meeting's documents (bijeenkomsten.selectors.documenten.audience): for everyone at a
    # public meeting (not restricted), for the circle's members (the meeting page, the report
    # and its PDF), or for the people with a seat (never the waiting list; not in the report's
    # PDF, which every member reads).
    "DOC_MEMBERS_TITLE": rule(CIRCLE, "a document for the circle's members"),
    "DOC_SEATED_TITLE": rule(
        {"breda_member", "tilburg_member", "researcher"}, "a document for who has a seat"
    ),
    "DOC_HELD_SEATED_TITLE": rule(
        CIRCLE - {"tilburg_waiting"}, "a document for who had a seat at the held meeting"
    ),
    # Circles (issue 20): one in preparation is its programme's managers' (and its researchers',
    # none in the world): no public list, page or feed names it.
    "CIRCLE_PREPARING_TITLE": rule(MANAGER, "a circle in preparation: the programme's manager"),
    # Publications ------------------------------------------------------------------------------
    "PUB_MEMBERS_TITLE": rule(CIRCLE, "released to the circle's members"),
    "PUB_MEMBERS_ABSTRACT": rule(CIRCLE, "released to the circle's members"),
    "PUB_MEMBERS_BODY": rule(CIRCLE, "released to the circle's members"),
    "PUB_COORD_TITLE": rule(COORDINATORS, "released to coordinators and researchers"),
    "PUB_COORD_ABSTRACT": rule(COORDINATORS, "released to coordinators and researchers"),
    "PUB_COORD_BODY": rule(COORDINATORS, "released to coordinators and researchers"),
    "PUB_EMBARGO_TITLE": rule(COORDINATORS, "under embargo: coordinators and researchers"),
    "PUB_EMBARGO_ABSTRACT": rule(COORDINATORS, "under embargo: coordinators and researchers"),
    "PUB_EMBARGO_BODY": rule(COORDINATORS, "under embargo: coordinators and researchers"),
    "PUB_NOTE": rule(RESEARCHER, "what changed in a version: the researchers' version list"),
    # People ------------------------------------------------------------------------------------
    # E-mail addresses: the person, the coordinators of their municipality (the municipality
    # page, their home) and the researchers (requests, municipality pages).
    # Issue 20: the programme's manager sees the circle's researchers on its manage page.
    "EMAIL_RESEARCHER": rule({"researcher", "manager"}, "the person; the programme's manager"),
    "EMAIL_BREDA_COORD": rule({"breda_coord", "researcher"}, "the person and researchers"),
    "EMAIL_TILBURG_COORD": rule({"tilburg_coord", "researcher"}, "the person and researchers"),
    "EMAIL_BREDA_MEMBER": rule({"breda_member", "breda_coord", "researcher"}, "see above"),
    "EMAIL_BREDA_AUTHOR": rule({"breda_author", "breda_coord", "researcher"}, "see above"),
    "EMAIL_TILBURG_MEMBER": rule({"tilburg_member", "tilburg_coord", "researcher"}, "see above"),
    "EMAIL_TILBURG_WAITING": rule({"tilburg_waiting", "tilburg_coord", "researcher"}, "see above"),
    "EMAIL_ATTENDEE_BREDA": rule({"attendee_breda", "breda_coord", "researcher"}, "see above"),
    "EMAIL_ATTENDEE_TILBURG": rule(
        {"attendee_tilburg", "tilburg_coord", "researcher"}, "see above"
    ),
    "EMAIL_PENDING": rule({"pending", "tilburg_coord", "researcher"}, "a membership request"),
    "EMAIL_REFUSED": rule({"refused"}, "a refused request is on nobody's list"),
    # Issue 20: the manager's address; civil servants of other circles, who have no
    # coordinator in the world.
    "EMAIL_MANAGER": rule(MANAGER, "the person only"),
    "EMAIL_DEVENTER_MEMBER": rule(DEVENTER, "the person only"),
    "EMAIL_ENSCHEDE_MEMBER": rule(ENSCHEDE, "the person only"),
    # A membership request: the coordinators of that municipality and the researchers.
    "PENDING_NAME": rule({"pending", "tilburg_coord", "researcher"}, "a membership request"),
    "PENDING_JOB": rule({"pending", "tilburg_coord", "researcher"}, "a membership request"),
    # Told to the person; in the audit log; in the data export of the coordinator who wrote it.
    "REFUSAL_REASON": rule({"refused", "tilburg_coord", "researcher"}, "see above"),
    # Job titles: colleagues who chose to be visible, coordinators of that municipality and
    # researchers (the municipality page).
    "JOB_BREDA_MEMBER": rule(BREDA | RESEARCHER, "colleagues of the same municipality"),
    "JOB_TILBURG_MEMBER": rule(TILBURG | RESEARCHER, "colleagues of the same municipality"),
    # People hidden from colleagues, who attended a meeting: their coordinator and researchers.
    "ATTENDEE_BREDA_NAME": rule({"attendee_breda", "breda_coord", "researcher"}, "hidden"),
    "ATTENDEE_TILBURG_NAME": rule({"attendee_tilburg", "tilburg_coord", "researcher"}, "hidden"),
    # Messages to participants (bijeenkomsten.selectors.berichten.bericht_visible_to): their
    # recipients (page, list, e-mail, data export) and the circle's researchers; the sender too.
    "BERICHT_SEATED_SUBJECT": rule(CIRCLE - {"tilburg_waiting"}, "the held meeting's people"),
    "BERICHT_SEATED_BODY": rule(CIRCLE - {"tilburg_waiting"}, "the held meeting's people"),
    "BERICHT_WAITLIST_SUBJECT": rule({"tilburg_waiting", "researcher"}, "the waiting list"),
    "BERICHT_WAITLIST_BODY": rule({"tilburg_waiting", "researcher"}, "the waiting list"),
    "BERICHT_BREDA_SUBJECT": rule(BREDA | RESEARCHER, "Breda's coordinator to Breda's people"),
    "BERICHT_BREDA_BODY": rule(BREDA | RESEARCHER, "Breda's coordinator to Breda's people"),
    # An invitation to sign up: the person invited (its e-mail), the municipality's
    # coordinators (the invitation page) and the researchers (that page, the audit log).
    "INVITE_EMAIL": rule({"invitee", "breda_coord", "researcher"}, "an invitation"),
    "INVITE_NAME": rule({"invitee", "breda_coord", "researcher"}, "an invitation"),
    # Issue 20: an invitation to research the programme's other circle, sent by its manager:
    # the person invited (its e-mail) and the programme's managers (the circle's page).
    # The audit log shows every researcher the address (AuditEntry.detail), whichever circle
    # they research: the log is one for the site (open question in decisions-h5).
    "RINVITE_EMAIL": rule(
        {"research_invitee", "manager", "researcher"}, "an invitation to research; the log"
    ),
    "RINVITE_NAME": rule({"research_invitee", "manager"}, "an invitation to research"),
    # Municipalities ----------------------------------------------------------------------------
    "APPLY_MOTIVATION": rule(RESEARCHER, "an application: the researchers decide"),
    # Issue 20: the programme's manager sees an application arrive, with whom to contact (the
    # circle's manage page); not the motivation, which is for the researchers who decide.
    "APPLY_CONTACT_NAME": rule(RESEARCHER | MANAGER, "the researchers decide; the manager sees"),
    "APPLY_CONTACT_EMAIL": rule(RESEARCHER | MANAGER, "the researchers decide; the manager sees"),
    "DECLINE_REASON": rule(
        {"almelo_contact", "researcher"}, "told to the municipality's contact; the audit log"
    ),
    "CARD_BREDA_HOLDER": rule({"breda_coord", "researcher"}, "the project card"),
    "CARD_BREDA_QUALITY": rule({"breda_coord", "researcher"}, "the project card"),
    "CARD_BREDA_TIME": rule({"breda_coord", "researcher"}, "the project card"),
    "CARD_BREDA_MONEY": rule({"breda_coord", "researcher"}, "the project card"),
    # Attendance and registrations per municipality: a coordinator sees their own only.
    "FIGURES_BREDA": rule({"breda_coord", "researcher"}, "own municipality's column only"),
    "FIGURES_TILBURG": rule({"tilburg_coord", "researcher"}, "own municipality's column only"),
}

# Outputs where per-municipality figures are published by design: a published report counts
# its participants per municipality for every member who may read it (its "In cijfers").
FIGURES_PUBLISHED_IN = {
    "bijeenkomsten:verslag",
    "bijeenkomsten:verslag-versie",
    "bijeenkomsten:verslag-pdf",
    "bijeenkomsten:verslag-versie-pdf",
    "pdf-download",  # the core's address of the same report PDF (and of the other kinds)
}

# --- Model fields -----------------------------------------------------------------------------
# Every text field of every model (Char, Text, URL, Email, Slug, JSON) is declared here: either
# with the markers planted in it, or as not restricted with the reason. Fields with `choices`
# hold a fixed vocabulary and need no declaration.
RESTRICTED_FIELDS = {
    "core.User.email": [k for k in MARKERS if k.startswith("EMAIL_")],
    "account.EmailAddress.email": [k for k in MARKERS if k.startswith("EMAIL_")],
    "core.User.name": ["PENDING_NAME", "ATTENDEE_BREDA_NAME", "ATTENDEE_TILBURG_NAME"],
    "gemeenten.Deelname.motivation": ["APPLY_MOTIVATION"],
    "gemeenten.Deelname.contact_name": ["APPLY_CONTACT_NAME"],
    "gemeenten.Deelname.contact_email": ["APPLY_CONTACT_EMAIL"],
    "gemeenten.Deelname.decision_reason": ["DECLINE_REASON"],
    "gemeenten.Deelname.portfolio_holder": ["CARD_BREDA_HOLDER"],
    "gemeenten.Deelname.quality_note": ["CARD_BREDA_QUALITY"],
    "gemeenten.Deelname.time_note": ["CARD_BREDA_TIME"],
    "gemeenten.Deelname.money_note": ["CARD_BREDA_MONEY"],
    "gemeenten.Lidmaatschap.job_title": ["JOB_BREDA_MEMBER", "JOB_TILBURG_MEMBER", "PENDING_JOB"],
    "gemeenten.Lidmaatschap.decision_reason": ["REFUSAL_REASON"],
    "gemeenten.Uitnodiging.email": ["INVITE_EMAIL"],
    "gemeenten.Uitnodiging.name": ["INVITE_NAME"],
    "core.Leerkring.title": ["CIRCLE_PREPARING_TITLE"],
    "core.OnderzoekerUitnodiging.email": ["RINVITE_EMAIL"],
    "core.OnderzoekerUitnodiging.name": ["RINVITE_NAME"],
    "dilemmas.Casus.title": [
        "CASE_CIRCLE_TITLE",
        "CASE_BREDA_TITLE",
        "CASE_TILBURG_TITLE",
        "CASE_ANON_TITLE",
        "CASE_UNAPPROVED_TITLE",
        "CASE_DRAFT_TITLE",
        "CASE_PROG_TITLE",
        "CASE_DEVENTER_TITLE",
        "CASE_ENSCHEDE_TITLE",
    ],
    "dilemmas.Casus.situation": [
        "CASE_CIRCLE_TEXT",
        "CASE_BREDA_TEXT",
        "CASE_TILBURG_TEXT",
        "CASE_ANON_TEXT",
        "CASE_UNAPPROVED_TEXT",
        "CASE_DRAFT_TEXT",
        "CASE_PROG_TEXT",
        "CASE_DEVENTER_TEXT",
        "CASE_ENSCHEDE_TEXT",
    ],
    "dilemmas.Casus.question": [
        "CASE_CIRCLE_QUESTION",
        "CASE_BREDA_QUESTION",
        "CASE_TILBURG_QUESTION",
        "CASE_ANON_QUESTION",
        "CASE_PROG_QUESTION",
        "CASE_DEVENTER_QUESTION",
        "CASE_ENSCHEDE_QUESTION",
    ],
    "dilemmas.Casus.anon_title": [
        "CASE_ANON_ANONTITLE",
        "CASE_UNAPPROVED_ANONTITLE",
        "CASE_PROG_ANONTITLE",
    ],
    "dilemmas.Casus.anon_situation": ["CASE_ANON_ANONTEXT", "CASE_PROG_ANONTEXT"],
    "dilemmas.Casus.anon_question": ["CASE_ANON_ANONQUESTION", "CASE_PROG_ANONQUESTION"],
    "dilemmas.Reactie.body": ["COMMENT_CIRCLE", "COMMENT_BREDA", "COMMENT_ANON", "COMMENT_HIDDEN"],
    "dilemmas.Reactie.hidden_reason": ["COMMENT_HIDDEN_REASON"],
    "bijeenkomsten.Bijeenkomst.title": ["MEETING_MEMBERS_TITLE"],
    "bijeenkomsten.Bijeenkomst.description": ["MEETING_DESCRIPTION"],
    "bijeenkomsten.Bijeenkomst.location": ["MEETING_MEMBERS_LOCATION"],
    "bijeenkomsten.Bijeenkomst.address": ["MEETING_MEMBERS_ADDRESS"],
    "bijeenkomsten.Bijeenkomst.venue_accessibility": ["MEETING_MEMBERS_VENUE_ACCESS"],
    "bijeenkomsten.Bijeenkomst.contact_name": ["CONTACT_NAME"],
    "bijeenkomsten.Bijeenkomst.contact_phone": ["CONTACT_PHONE"],
    "bijeenkomsten.Bijeenkomst.online_url": ["ONLINE_URL", "ONLINE_URL_PROMOTED"],
    "bijeenkomsten.Programmaonderdeel.title": ["PROGRAMME_ITEM"],
    "bijeenkomsten.Programmaonderdeel.speaker": ["PROGRAMME_SPEAKER"],
    "bijeenkomsten.Werkgroep.title": ["WG_TITLE"],
    "bijeenkomsten.Werkgroep.facilitator": ["WG_FACILITATOR"],
    "bijeenkomsten.Werkgroep.conclusions": ["WG_CONCLUSIONS"],
    "bijeenkomsten.Aanmelding.diet": ["DIET_BREDA"],
    "bijeenkomsten.Aanmelding.accessibility": ["ACCESS_BREDA"],
    "bijeenkomsten.Aanmelding.cancel_reason": ["CANCEL_REASON"],
    "bijeenkomsten.VerslagVersie.title": ["REPORT_TITLE", "REPORT_DRAFT_TITLE"],
    "bijeenkomsten.VerslagVersie.authors": ["REPORT_AUTHORS"],
    "bijeenkomsten.VerslagVersie.body": ["REPORT_BODY", "REPORT_DRAFT_BODY"],
    "bijeenkomsten.VerslagVersie.conclusions": ["REPORT_CONCLUSIONS"],
    "bijeenkomsten.VerslagVersie.werkgroepen": ["REPORT_WG_CONCLUSIONS"],
    "bijeenkomsten.Document.title": [
        "DOC_MEMBERS_TITLE",
        "DOC_SEATED_TITLE",
        "DOC_HELD_SEATED_TITLE",
    ],
    "bijeenkomsten.EvaluatieAntwoorden.responses": ["EVALUATIE_OPEN"],
    "bijeenkomsten.Bericht.subject": [
        "BERICHT_SEATED_SUBJECT",
        "BERICHT_WAITLIST_SUBJECT",
        "BERICHT_BREDA_SUBJECT",
    ],
    "bijeenkomsten.Bericht.body": [
        "BERICHT_SEATED_BODY",
        "BERICHT_WAITLIST_BODY",
        "BERICHT_BREDA_BODY",
    ],
    "publicaties.Publicatie.title": ["PUB_MEMBERS_TITLE", "PUB_COORD_TITLE", "PUB_EMBARGO_TITLE"],
    "publicaties.Publicatie.abstract": [
        "PUB_MEMBERS_ABSTRACT",
        "PUB_COORD_ABSTRACT",
        "PUB_EMBARGO_ABSTRACT",
    ],
    "publicaties.PublicatieVersie.body": ["PUB_MEMBERS_BODY", "PUB_COORD_BODY", "PUB_EMBARGO_BODY"],
    "publicaties.PublicatieVersie.note": ["PUB_NOTE"],
}

COPY = "a copy of fields declared above (their markers cover it)"
STAFF = "Django's admin, for staff only; no visitor is staff"
SECRET = "a secret or hash that no page prints"
NOT_RESTRICTED = {
    "admin.LogEntry.object_id": STAFF,
    "admin.LogEntry.object_repr": STAFF,
    "admin.LogEntry.change_message": STAFF,
    "auth.Permission.name": "Django's permission names",
    "auth.Permission.codename": "Django's permission names",
    "auth.Group.name": "not used",
    "contenttypes.ContentType.app_label": "model names",
    "contenttypes.ContentType.model": "model names",
    "sessions.Session.session_key": SECRET,
    "publicaties.PdfUpload.note": "becomes PublicatieVersie.note (PUB_NOTE) once accepted",
    "publicaties.PdfUpload.found": "what the check found in the file, for the researchers",
    "publicaties.PdfUpload.refusal": "a refusal code",
    "publicaties.PdfUpload.task_id": SECRET,
    "bijeenkomsten.Document.found": "what the check found in the file, for the researchers",
    "bijeenkomsten.Document.refusal": "a refusal code",
    "bijeenkomsten.Document.task_id": SECRET,
    "sessions.Session.session_data": SECRET,
    "account.EmailConfirmation.key": SECRET,
    "core.User.password": SECRET,
    "core.Leerkring.slug": "the circle's public page",
    "core.Leerkring.subtitle": "the circle's public page",
    "core.Leerkring.summary": "the circle's public page",
    "core.Leerkring.framework": "the circle's public page",
    "core.Leerkring.contact_name": "the circle's public contact",
    "core.Leerkring.contact_email": "the circle's public contact address",
    "core.Programma.title": "the programme's public page (issue 20)",
    "core.Programma.slug": "the programme's public page (issue 20)",
    "core.Programma.summary": "the programme's public page (issue 20)",
    "core.OnderzoekerUitnodiging.token_hash": "the SHA-256 of an invitation's secret; shown "
    "nowhere",
    "core.WorkerHeartbeat.hostname": "only /health/ reports it, as a time",
    "core.AuditEntry.target_type": "a model name",
    "core.AuditEntry.target_repr": COPY + "; the audit log is for researchers",
    "core.AuditEntry.detail": COPY + "; the audit log is for researchers",
    "core.RenderJob.kind": "a document kind",
    "core.RenderJob.title": COPY,
    "core.RenderJob.last_error": "a render error, shown with the document's own permission",
    "core.RenderJob.content_hash": SECRET,
    "core.RenderJob.rendered_hash": SECRET,
    "core.RenderJob.task_id": SECRET,
    "core.OutgoingEmail.subject": "the outbox; the test reads every e-mail it sends",
    "core.OutgoingEmail.body": "the outbox; the test reads every e-mail it sends",
    "core.OutgoingEmail.html": "the outbox; the test reads every e-mail it sends",
    "core.OutgoingEmail.to": "the outbox; the test reads every e-mail it sends",
    "core.OutgoingEmail.attachments": "the outbox; the test reads every e-mail it sends",
    "core.OutgoingEmail.last_error": "an SMTP error, for the administrator",
    "core.ExportJob.kind": "an export kind",
    "core.ExportJob.params": "the filters someone chose, shown to them only",
    "core.ExportJob.language": "a language code",
    "core.ExportJob.title": "the export's kind in words",
    "core.ExportJob.last_error": "an export error, shown to whoever asked for it",
    "core.ExportJob.filename": "a file name made of the kind and date",
    "core.ExportJob.task_id": SECRET,
    "gemeenten.Partner.name": "partners are public on the circle's page",
    "gemeenten.Partner.slug": "partners are public on the circle's page",
    "gemeenten.Partner.description": "partners are public on the circle's page",
    "gemeenten.Partner.website": "partners are public on the circle's page",
    "gemeenten.Partner.email_domain": "an organisation's domain, public",
    "gemeenten.Gemeente.name": "municipalities are public",
    "gemeenten.Gemeente.slug": "municipalities are public",
    "gemeenten.Gemeente.cbs_code": "municipalities are public",
    "gemeenten.Gemeente.website": "municipalities are public",
    "gemeenten.Emaildomein.domain": "shown on the public municipality page",
    "gemeenten.Uitnodiging.token_hash": "the SHA-256 of an invitation's secret; shown nowhere",
    "dilemmas.Kernvraag.text": "the circle's public page",
    "dilemmas.Dilemma.title": "the framework: public dilemma pages",
    "dilemmas.Dilemma.slug": "the framework: public dilemma pages",
    "dilemmas.Dilemma.summary": "the framework: public dilemma pages",
    "dilemmas.Dilemma.title_nl": "the Dutch name of a public dilemma (D69)",
    "dilemmas.Dilemma.title_en": "the English name of a public dilemma (D69)",
    "dilemmas.Dilemma.summary_nl": "the Dutch summary of a public dilemma (D69)",
    "dilemmas.Dilemma.summary_en": "the English summary of a public dilemma (D69)",
    "dilemmas.Dilemma.description": "the framework: public dilemma pages",
    "dilemmas.Dilemma.questions": "the framework: public dilemma pages",
    "dilemmas.Dilemma.conclusions": "the framework: public dilemma pages",
    "dilemmas.DilemmaGedeeld.conclusions": "another circle's conclusions on a public dilemma "
    "page (issue 20), as Dilemma.conclusions",
    "dilemmas.Rol.slug": "the framework's fixed vocabulary",
    "dilemmas.Rol.name": "the framework's fixed vocabulary",
    "dilemmas.Rol.name_nl": "the framework's fixed vocabulary, in Dutch (D69)",
    "dilemmas.Rol.name_en": "the framework's fixed vocabulary, in English (D69)",
    "dilemmas.Waarde.slug": "the framework's fixed vocabulary",
    "dilemmas.Waarde.name": "the framework's fixed vocabulary",
    "dilemmas.Waarde.name_nl": "the framework's fixed vocabulary, in Dutch (D69)",
    "dilemmas.Waarde.name_en": "the framework's fixed vocabulary, in English (D69)",
    "dilemmas.CasusVersie.changed_fields": "field names",
    "dilemmas.CasusVersie.snapshot": COPY + " (Casus)",
    "bijeenkomsten.Agendakoppeling.token": SECRET + " (the feed's address, its owner's only)",
    "bijeenkomsten.VerslagVersie.figures": "counts; see FIGURES_* for the per-municipality rule",
    "bijeenkomsten.EvaluatieVraag.text": "a questionnaire's questions, written by researchers for "
    "those who answer them and shown in the report's PDF",
    "publicaties.Publicatie.slug": "part of the address; the pages answer 404 where not allowed",
    "publicaties.Publicatie.author_names": "authors are named with the publication",
    "publicaties.Publicatie.cover_alt": "describes the cover, shown with the publication",
}

# --- URL patterns that answer no output to a GET ----------------------------------------------
POST_ONLY = {
    "account_email_verification_resend": "POST-only: sends the confirmation link again",
    "export-retry": "POST-only: asks for an export again, then redirects",
    "gemeenten:coordinator-set": "POST-only decision, then redirects",
    "dilemmas:casus-publish": "POST-only, then redirects",
    "dilemmas:casus-approve": "POST-only, then redirects",
    "dilemmas:reactie-create": "POST-only, then redirects",
    "dilemmas:reactie-show": "POST-only: shows a hidden comment again, then redirects",
    "bijeenkomsten:aanmelding-create": "POST-only; its form errors render the meeting page",
    "bijeenkomsten:werkgroep-join": "POST-only, then redirects",
    "bijeenkomsten:werkgroep-create": "POST-only; its form errors render the work groups page",
    "bijeenkomsten:werkgroep-balance": "POST-only, then redirects",
    "bijeenkomsten:werkgroep-place": "POST-only, then redirects",
    "bijeenkomsten:werkgroep-casus-link": "POST-only, then redirects",
    "bijeenkomsten:werkgroep-casus-unlink": "POST-only, then redirects",
    "bijeenkomsten:verslag-retry": "POST-only, then redirects",
    "bijeenkomsten:evaluatie-in-report": "POST-only, then redirects",
    "bijeenkomsten:presentielijst-pdf-retry": "POST-only, then redirects",
    "bijeenkomsten:presentielijst-walk-in": "POST-only, then redirects",
    "bijeenkomsten:wachtlijst-promote": "POST-only, then redirects",
    "bijeenkomsten:bericht-send": "POST-only: sends from the preview, then redirects",
    "berichten:leerkring-send": "POST-only: sends from the preview, then redirects",
    "berichten:gemeente-send": "POST-only: sends from the preview, then redirects",
    "pdf-retry": "POST-only: asks for the PDF again, then redirects",
    "publicaties:publicatie-retry": "POST-only, then redirects",
    "programma:onderzoeker-invite": "POST-only: the manage page's invitation form; a GET goes "
    "back to that page",
}
