"""Every URL pattern × every role, with the answer declared per view. A new view that is not in
MATRIX fails `test_every_url_pattern_is_declared`, so no page can escape the access rules.

Answers: o = 200, r = a redirect (302; for a logged-out visitor, to the log-in page: D8),
n = 404, m = 405 (wrong method, after the permission check), b = 400. Columns: anonymous,
signed up but not admitted (pending), signed up elsewhere (outsider), member of Breda, member
of Tilburg, coordinator of Breda, researcher, manager of the circle's programme (issue 20: no
municipality, researches no circle; outside the programme's pages they answer as the outsider,
since a manager sees no more of a circle than the public does)."""

import datetime
import hashlib

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from bijeenkomsten.models import VerslagVersie
from leerkring.digest import unsubscribe_token
from tests.factories import ReactieFactory, UitnodigingFactory
from tests.security.conftest import ROLES, user_for

# A short name for the usual patterns.
EVERYONE = "oooooooo"
MEMBERS = "rnnoooon"
RESEARCHERS = "rnnnnnon"
COORDINATORS = "rnnnnoon"
POST_MEMBERS = "rnnmmmmn"
POST_RESEARCHERS = "rnnnnnmn"
# The programme manager's pages: theirs alone, not the circle's researchers' (issue 20).
MANAGERS = "rnnnnnno"


def held_report(w) -> dict:
    """The PDF of the held meeting's published report, at the core's addresses."""
    return {"kind": "verslag", "pk": VerslagVersie.objects.get(verslag__bijeenkomst=w.held).pk}


def digest_stop_link(w) -> dict:
    """The stop link of someone who gets the digest, so that the page shows its form."""
    type(w.circle.member).objects.filter(pk=w.circle.member.pk).update(weekly_digest=True)
    return {"token": unsubscribe_token(w.circle.member)}


def hidden_reactie(w) -> dict:
    """A hidden comment on the world's case, by its member."""
    reactie = ReactieFactory(
        casus=w.casus, author=w.circle.member, is_hidden=True, hidden_reason="Te persoonlijk."
    )
    return {"pk": reactie.pk}


def sent_message(w) -> dict:
    """A message of the researcher's to the held meeting's seated people: Breda's member."""
    from bijeenkomsten.services import berichten

    bericht = berichten.bericht_send(
        sender=w.circle.researcher,
        doelgroep=berichten.Doelgroep(
            audience="deelnemers", leerkring=w.held.leerkring, bijeenkomst=w.held
        ),
        subject="Dank voor je komst",
        body="De dia's staan online.",
    )
    return {"pk": bericht.pk}


def invitation_link(w) -> dict:
    """The token of an open invitation to Breda (only its hash is stored)."""
    token = "matrix-uitnodiging-token-0123456789"
    UitnodigingFactory(gemeente=w.circle.breda, token=token)
    return {"token": token}


def held_evaluatie(w) -> dict:
    """The held meeting, with its questionnaire sent (once; every URL of it asks): Breda's
    member was there and may answer it; nobody has yet."""
    from bijeenkomsten.models import Evaluatie
    from tests.factories import EvaluatieFactory

    if not Evaluatie.objects.filter(bijeenkomst=w.held).exists():
        EvaluatieFactory(bijeenkomst=w.held, sent_at=timezone.now())
    return {"pk": w.held.pk}


def researcher_invitation_link(w) -> dict:
    """The token of an open invitation to research the world's circle (only its hash is
    stored), sent by the programme's manager to someone without an account."""
    from leerkring.core.models import OnderzoekerUitnodiging

    token = "matrix-onderzoeker-token-0123456789"
    OnderzoekerUitnodiging.objects.get_or_create(
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        defaults={
            "leerkring": w.circle.leerkring,
            "email": "nieuwe.onderzoeker@uni.example",
            "name": "Nieuwe Onderzoeker",
            "invited_by": w.circle.manager,
            "expires_at": timezone.now() + datetime.timedelta(days=14),
        },
    )
    return {"token": token}


def programme(w) -> dict:
    return {"slug": w.programma.slug}


def programme_circle(w) -> dict:
    return {"slug": w.programma.slug, "kring": w.circle.leerkring.slug}


# name: (kwargs from the world, expected answers per role)
MATRIX = {
    "health": (lambda w: {}, EVERYONE),
    "security-txt": (lambda w: {}, EVERYONE),
    "set_language": (lambda w: {}, "rrrrrrrr"),
    "home": (lambda w: {}, EVERYONE),
    "dashboard": (lambda w: {}, "rooooooo"),
    "numbers": (lambda w: {}, EVERYONE),
    "search": (lambda w: {}, EVERYONE),
    "toegankelijkheid": (lambda w: {}, EVERYONE),
    "privacy": (lambda w: {}, EVERYONE),
    "profile": (lambda w: {}, "rooooooo"),
    "account-preferences": (lambda w: {}, "rooooooo"),
    "profile-export": (lambda w: {}, "rooooooo"),
    # My data, readable (issue 18): always the logged-in person's own; its PDF is at the
    # core's pdf-* addresses, for them alone (tests/leerkring/test_mijn_gegevens.py).
    "profile-data": (lambda w: {}, "rooooooo"),
    "profile-delete": (lambda w: {}, "rooooooo"),
    # The stop link of the weekly digest: the signed token is the permission, no log-in.
    "digest-unsubscribe": (digest_stop_link, EVERYONE),
    "account_login": (lambda w: {}, "orrrrrrr"),
    "account_logout": (lambda w: {}, "rooooooo"),
    "account_inactive": (lambda w: {}, EVERYONE),
    "account_signup": (lambda w: {}, "orrrrrrr"),
    "account_reauthenticate": (lambda w: {}, "rooooooo"),
    "account_email": (lambda w: {}, "rooooooo"),
    "account_email_verification_sent": (lambda w: {}, EVERYONE),
    # POST-only; whose sign-up it is decides the session, not the role (tests/leerkring).
    "account_email_verification_resend": (lambda w: {}, "mmmmmmmm"),
    "account_change_password": (lambda w: {}, "rooooooo"),
    "account_set_password": (lambda w: {}, "rrrrrrrr"),
    "account_reset_password": (lambda w: {}, EVERYONE),
    "account_confirm_login_code": (lambda w: {}, "rrrrrrrr"),
    "account_confirm_email": (lambda w: {"key": "ongeldig"}, EVERYONE),
    "account_reset_password_from_key_done": (lambda w: {}, EVERYONE),
    "account_reset_password_from_key": (lambda w: {"uidb36": "1", "key": "x-y"}, EVERYONE),
    "account_reset_password_done": (lambda w: {}, EVERYONE),
    "auditlog": (lambda w: {}, RESEARCHERS),
    # Certificates of participation: a person's (the member attended the held meeting) for
    # them, their coordinator and the researchers; a municipality's for its coordinator. One
    # per circle (issue 20): the person's address leads to their only one.
    "deelnamebewijs": (lambda w: {"pk": w.circle.member.lidmaatschap.pk}, "rnnrnrrn"),
    "deelnamebewijs-kring": (
        lambda w: {"pk": w.circle.member.lidmaatschap.pk, "kring": w.circle.leerkring.slug},
        "rnnonoon",
    ),
    "deelnamebewijzen": (lambda w: {"pk": w.circle.deelname_breda.pk}, COORDINATORS),
    # A background export is its asker's alone (the researcher's, in the world).
    "export-detail": (lambda w: {"pk": w.export.pk}, RESEARCHERS),
    "export-status": (lambda w: {"pk": w.export.pk}, "rnnnnnrn"),
    "export-download": (lambda w: {"pk": w.export.pk}, RESEARCHERS),
    "export-retry": (lambda w: {"pk": w.export.pk}, POST_RESEARCHERS),
    # Municipalities
    "gemeenten:gemeente-list": (lambda w: {}, EVERYONE),
    "gemeenten:deelname-apply": (lambda w: {}, EVERYONE),
    # Coordinators decide on their colleagues from their municipality's page.
    "gemeenten:request-queue": (lambda w: {}, RESEARCHERS),
    # Admitting a municipality asks first, and who will coordinate it.
    "gemeenten:deelname-admit": (lambda w: {"pk": w.applied.pk}, RESEARCHERS),
    "gemeenten:coordinator-choose": (lambda w: {"pk": w.circle.deelname_breda.pk}, RESEARCHERS),
    # Inviting a colleague; the people as CSV: the municipality's coordinators and researchers.
    "gemeenten:uitnodiging-create": (lambda w: {"slug": "breda"}, COORDINATORS),
    "gemeente-people-export": (lambda w: {"slug": "breda"}, COORDINATORS),
    # The invitation link: the token is the permission. A working link takes a visitor to the
    # sign-up form; someone logged in is told the link is for a new account.
    "gemeenten:uitnodiging": (invitation_link, "rooooooo"),
    "gemeenten:deelname-decline": (lambda w: {"pk": w.applied.pk}, RESEARCHERS),
    "gemeenten:deelname-card": (lambda w: {"pk": w.circle.deelname_breda.pk}, COORDINATORS),
    "gemeenten:coordinator-set": (lambda w: {}, "rnnnnnmn"),
    # Admitting asks first (a page that says who becomes a member and gets an e-mail).
    "gemeenten:lidmaatschap-confirm": (lambda w: {"pk": w.circle.pending.pk}, COORDINATORS),
    "gemeenten:lidmaatschap-refuse": (lambda w: {"pk": w.circle.pending.pk}, COORDINATORS),
    "gemeenten:gemeente-detail": (lambda w: {"slug": "breda"}, EVERYONE),
    # Dilemmas and cases
    "dilemmas:dilemma-list": (lambda w: {}, EVERYONE),
    # The library: a programme's manager reads there the cases opened to the programme,
    # anonymised (issue 20); never the circle's other cases (casus-detail: n).
    "dilemmas:casus-list": (lambda w: {}, "rnnooooo"),
    "dilemmas:casus-mine": (lambda w: {}, "rnnooonn"),
    "dilemmas:casus-approval-queue": (lambda w: {}, RESEARCHERS),
    "dilemmas:casus-export": (lambda w: {}, RESEARCHERS),
    # Cases are brought by civil servants of a municipality; researchers have none.
    "dilemmas:casus-create": (lambda w: {}, "rnnooonn"),
    "dilemmas:casus-detail": (lambda w: {"pk": w.casus.pk}, MEMBERS),
    "dilemmas:casus-update": (lambda w: {"pk": w.casus.pk}, "rnnonnnn"),
    # Who changed what: for the author and the researchers.
    "dilemmas:casus-history": (lambda w: {"pk": w.casus.pk}, "rnnonnon"),
    "dilemmas:casus-publish": (lambda w: {"pk": w.casus.pk}, "rnnmnnnn"),
    "dilemmas:casus-approve": (lambda w: {"pk": w.casus.pk}, POST_RESEARCHERS),
    "dilemmas:reactie-create": (lambda w: {"pk": w.casus.pk}, POST_MEMBERS),
    "dilemmas:reactie-update": (lambda w: {"pk": w.reactie.pk}, "rnnonnnn"),
    "dilemmas:reactie-delete": (lambda w: {"pk": w.reactie.pk}, "rnnonnnn"),
    "dilemmas:reactie-hide": (lambda w: {"pk": w.reactie.pk}, RESEARCHERS),
    # A hidden comment: its reason can be changed, and it can be shown again.
    "dilemmas:reactie-reason": (hidden_reactie, RESEARCHERS),
    "dilemmas:reactie-show": (hidden_reactie, POST_RESEARCHERS),
    "dilemmas:dilemma-detail": (
        lambda w: {"leerkring": w.circle.leerkring.slug, "slug": w.dilemma.slug},
        EVERYONE,
    ),
    "dilemmas:dilemma-update": (
        lambda w: {"leerkring": w.circle.leerkring.slug, "slug": w.dilemma.slug},
        RESEARCHERS,
    ),
    # Meetings and reports
    "bijeenkomsten:bijeenkomst-list": (lambda w: {}, EVERYONE),
    "bijeenkomsten:bijeenkomst-create": (lambda w: {}, RESEARCHERS),
    "bijeenkomsten:agenda": (lambda w: {}, "rooooooo"),
    # Coordinators see their own municipality's registrations only (tests/bijeenkomsten).
    "bijeenkomsten:aanmelding-list": (lambda w: {}, COORDINATORS),
    "bijeenkomsten:aanmelding-export": (lambda w: {}, COORDINATORS),
    "bijeenkomsten:attendance-export": (lambda w: {}, COORDINATORS),
    "bijeenkomsten:agenda-feed": (lambda w: {"token": w.token}, EVERYONE),
    # GET is refused for everyone logged in, whose ever the registration: it reveals nothing.
    # One's own registration (Breda's member's): changing it, and cancelling it (a page that
    # says what will happen first); anyone else's is a 404.
    "bijeenkomsten:aanmelding-cancel": (lambda w: {"pk": w.aanmelding.pk}, "rnnonnnn"),
    "bijeenkomsten:aanmelding-update": (lambda w: {"pk": w.aanmelding.pk}, "rnnonnnn"),
    "bijeenkomsten:bijeenkomst-detail": (lambda w: {"pk": w.meeting.pk}, EVERYONE),
    "bijeenkomsten:bijeenkomst-ics": (lambda w: {"pk": w.meeting.pk}, EVERYONE),
    "bijeenkomsten:aanmelding-create": (lambda w: {"pk": w.meeting.pk}, "rnnmmmnn"),
    "bijeenkomsten:werkgroep-join": (lambda w: {"pk": w.meeting.pk}, "rnnmmmnn"),
    "bijeenkomsten:bijeenkomst-update": (lambda w: {"pk": w.meeting.pk}, RESEARCHERS),
    "bijeenkomsten:bijeenkomst-duplicate": (lambda w: {"pk": w.meeting.pk}, RESEARCHERS),
    "bijeenkomsten:bijeenkomst-cancel": (lambda w: {"pk": w.meeting.pk}, RESEARCHERS),
    # A meeting's documents: the one in the world is for the circle's members; the check's
    # status is an htmx fragment for the researchers (a plain GET goes back to the page).
    "bijeenkomsten:document-create": (lambda w: {"pk": w.meeting.pk}, RESEARCHERS),
    "bijeenkomsten:document-download": (
        lambda w: {"pk": w.meeting.pk, "document": w.document.pk},
        MEMBERS,
    ),
    "bijeenkomsten:document-status": (
        lambda w: {"pk": w.meeting.pk, "document": w.document.pk},
        "rnnnnnrn",
    ),
    "bijeenkomsten:document-delete": (
        lambda w: {"pk": w.meeting.pk, "document": w.document.pk},
        RESEARCHERS,
    ),
    "bijeenkomsten:werkgroepen": (lambda w: {"pk": w.meeting.pk}, RESEARCHERS),
    "bijeenkomsten:werkgroep-create": (lambda w: {"pk": w.meeting.pk}, POST_RESEARCHERS),
    "bijeenkomsten:werkgroep-balance": (lambda w: {"pk": w.meeting.pk}, POST_RESEARCHERS),
    "bijeenkomsten:werkgroep-place": (lambda w: {"pk": w.meeting.pk}, POST_RESEARCHERS),
    "bijeenkomsten:werkgroep-casus-link": (lambda w: {"pk": w.meeting.pk}, POST_RESEARCHERS),
    "bijeenkomsten:werkgroep-casus-unlink": (lambda w: {"pk": w.meeting.pk}, POST_RESEARCHERS),
    "bijeenkomsten:presentielijst": (lambda w: {"pk": w.meeting.pk}, RESEARCHERS),
    "bijeenkomsten:presentielijst-walk-in": (lambda w: {"pk": w.meeting.pk}, POST_RESEARCHERS),
    "bijeenkomsten:wachtlijst": (lambda w: {"pk": w.meeting.pk}, RESEARCHERS),
    "bijeenkomsten:wachtlijst-promote": (lambda w: {"pk": w.meeting.pk}, POST_RESEARCHERS),
    # Writing to participants: a meeting's researchers to its people, a circle's researchers to
    # its members, a coordinator to their municipality's people; a message is read by its
    # recipients (here Breda's member) and the circle's researchers only.
    "bijeenkomsten:bericht-write": (lambda w: {"pk": w.meeting.pk}, RESEARCHERS),
    "bijeenkomsten:bericht-send": (lambda w: {"pk": w.meeting.pk}, POST_RESEARCHERS),
    "berichten:list": (lambda w: {}, "rooooooo"),
    "berichten:detail": (sent_message, "rnnonnon"),
    "berichten:leerkring-write": (lambda w: {"slug": w.circle.leerkring.slug}, RESEARCHERS),
    "berichten:leerkring-send": (lambda w: {"slug": w.circle.leerkring.slug}, POST_RESEARCHERS),
    "berichten:gemeente-write": (lambda w: {"pk": w.circle.deelname_breda.pk}, "rnnnnonn"),
    "berichten:gemeente-send": (lambda w: {"pk": w.circle.deelname_breda.pk}, "rnnnnmnn"),
    "bijeenkomsten:presentielijst-pdf": (lambda w: {"pk": w.held.pk}, RESEARCHERS),
    # Not made yet: the researcher is sent to the page that shows how far it is, as for
    # every kind of PDF (the core's download).
    "bijeenkomsten:presentielijst-pdf-download": (lambda w: {"pk": w.held.pk}, "rnnnnnrn"),
    "bijeenkomsten:presentielijst-pdf-retry": (lambda w: {"pk": w.held.pk}, POST_RESEARCHERS),
    "bijeenkomsten:verslag": (lambda w: {"pk": w.held.pk}, MEMBERS),
    "bijeenkomsten:verslag-status": (lambda w: {"pk": w.held.pk}, "rnnrrrrn"),
    "bijeenkomsten:verslag-pdf": (lambda w: {"pk": w.held.pk}, MEMBERS),
    "bijeenkomsten:verslag-edit": (lambda w: {"pk": w.held.pk}, RESEARCHERS),
    # Publishing asks first; the held meeting's report is published, which the page says.
    "bijeenkomsten:verslag-publish": (lambda w: {"pk": w.held.pk}, RESEARCHERS),
    "bijeenkomsten:verslag-versie": (lambda w: {"pk": w.held.pk, "number": 1}, RESEARCHERS),
    "bijeenkomsten:verslag-versie-status": (
        lambda w: {"pk": w.held.pk, "number": 1},
        "rnnnnnrn",
    ),
    "bijeenkomsten:verslag-versie-pdf": (lambda w: {"pk": w.held.pk, "number": 1}, RESEARCHERS),
    "bijeenkomsten:verslag-retry": (lambda w: {"pk": w.held.pk, "number": 1}, POST_RESEARCHERS),
    # The questionnaire after a meeting: the researchers write, send and read it (the held
    # meeting's is sent, with too few answers to export); only who was there answers it
    # (tests/bijeenkomsten/test_evaluatie.py).
    "bijeenkomsten:evaluatie": (held_evaluatie, RESEARCHERS),
    # The coming meeting has none yet: its form starts from the default questions.
    "bijeenkomsten:evaluatie-edit": (lambda w: {"pk": w.meeting.pk}, RESEARCHERS),
    "bijeenkomsten:evaluatie-send": (held_evaluatie, RESEARCHERS),
    "bijeenkomsten:evaluatie-in-report": (held_evaluatie, POST_RESEARCHERS),
    "bijeenkomsten:evaluatie-export": (held_evaluatie, "rnnnnnrn"),
    "bijeenkomsten:evaluatie-answer": (held_evaluatie, "rnnonnnn"),
    # The status, download and retry of every kind of PDF (leerkring/core/rendering).
    "pdf-status": (held_report, "rnnrrrrn"),
    "pdf-download": (held_report, MEMBERS),
    "pdf-retry": (held_report, POST_RESEARCHERS),
    # Publications
    "publicaties:publicatie-list": (lambda w: {}, EVERYONE),
    "publicaties:feed": (lambda w: {}, EVERYONE),
    "publicaties:publicatie-create": (lambda w: {}, RESEARCHERS),
    "publicaties:download-figures": (lambda w: {}, RESEARCHERS),
    "publicaties:publicatie-detail": (lambda w: {"slug": "slot"}, EVERYONE),
    "publicaties:publicatie-update": (lambda w: {"slug": "slot"}, RESEARCHERS),
    "publicaties:publicatie-status": (lambda w: {"slug": "slot"}, "rrrrrrrr"),
    # The check of an uploaded PDF: a fragment for htmx; a plain GET goes back to the page.
    "publicaties:publicatie-upload-status": (lambda w: {"slug": "slot"}, "rrrrrrrr"),
    "publicaties:publicatie-download": (lambda w: {"slug": "slot"}, EVERYONE),
    "publicaties:publicatie-cover": (lambda w: {"slug": "slot"}, "rnnnnnnn"),
    "publicaties:publicatie-cite": (lambda w: {"slug": "slot", "format": "bib"}, EVERYONE),
    "publicaties:publicatie-versie-download": (
        lambda w: {"slug": "slot", "number": 1},
        RESEARCHERS,
    ),
    "publicaties:publicatie-retry": (lambda w: {"slug": "slot", "number": 1}, POST_RESEARCHERS),
    # Each circle keeps its own page and feed of publications (issue 20).
    "publicaties:leerkring-publicaties": (lambda w: {"slug": w.circle.leerkring.slug}, EVERYONE),
    "publicaties:leerkring-feed": (lambda w: {"slug": w.circle.leerkring.slug}, EVERYONE),
    # A programme of circles (issue 20): its public page, publications and feed for everyone;
    # its manager's pages for its managers alone: not for the circle's researchers, and not for
    # the manager of another programme (test_another_programmes_manager_gets_404 below).
    "programma:programma-detail": (programme, EVERYONE),
    "programma:programma-publicaties": (programme, EVERYONE),
    "programma:programma-feed": (programme, EVERYONE),
    "programma:programma-beheer": (programme, MANAGERS),
    "programma:programma-cijfers-export": (programme, MANAGERS),
    "programma:leerkring-create": (programme, MANAGERS),
    "programma:leerkring-manage": (programme_circle, MANAGERS),
    # GET is the confirmation page; the world's circle is open, so it can start ("lopend").
    "programma:leerkring-phase": (lambda w: {**programme_circle(w), "phase": "lopend"}, MANAGERS),
    # POST-only form of the manage page: a GET goes back to that page, for the manager.
    "programma:onderzoeker-invite": (programme_circle, "rnnnnnnr"),
    # The link in a researcher's invitation: the token is the permission, no log-in needed
    # (as gemeenten:uitnodiging; test_logged_out.NOT_MEMBERS_ONLY).
    "programma:onderzoeker-uitnodiging": (researcher_invitation_link, EVERYONE),
}
# The programme manager's pages, for the tests below.
MANAGER_PAGES = sorted(name for name, (_kwargs, answers) in MATRIX.items() if answers == MANAGERS)
CODES = {"o": 200, "r": 302, "n": 404, "m": 405, "b": 400}


def _url_names(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # Django's admin checks staff itself (tests/leerkring/test_admin.py)
            inner = pattern.namespace
            name = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _url_names(pattern.url_patterns, name)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_pattern_is_declared():
    names = set(_url_names())
    assert names - set(MATRIX) == set(), "declare the expected answers of these new views"
    assert set(MATRIX) - names == set(), "these views no longer exist"


def test_the_access_matrix(client, world):
    """One world for all views (building it renders two PDFs); every mismatch is listed."""
    wrong = []
    for name in sorted(MATRIX):
        kwargs, expected = MATRIX[name]
        url = reverse(name, kwargs=kwargs(world))
        answers = ""
        for role in ROLES:
            client.logout()
            user = user_for(world.circle, role)
            if user is not None:
                client.force_login(user)
            status = client.get(url).status_code
            answers += next((k for k, v in CODES.items() if v == status), "?")
        if answers != expected:
            wrong.append(f"{name} {url}: got {answers}, declared {expected}")
    assert wrong == [], "\n" + "\n".join(wrong)


def test_the_manager_pages_are_the_programmes():
    assert {
        "programma:programma-beheer",
        "programma:programma-cijfers-export",
        "programma:leerkring-create",
        "programma:leerkring-manage",
        "programma:leerkring-phase",
    } <= set(MANAGER_PAGES)


def test_another_programmes_manager_gets_404(client, world):
    """Managing one programme gives no rights in another: every manager page of the world's
    programme answers 404 to the manager of another programme, as to a stranger; the world's
    manager gets the other programme's pages as 404 too."""
    wrong = []
    client.force_login(world.other_manager)
    for name in MANAGER_PAGES:
        url = reverse(name, kwargs=MATRIX[name][0](world))
        if (status := client.get(url).status_code) != 404:
            wrong.append(f"{name} {url}: {status} for the other programme's manager")
    client.force_login(world.circle.manager)
    for name in ("programma:programma-beheer", "programma:leerkring-create"):
        url = reverse(name, kwargs={"slug": world.other_programma.slug})
        if (status := client.get(url).status_code) != 404:
            wrong.append(f"{name} {url}: {status} for this programme's manager")
    # A circle of the programme named under another programme's address is not found.
    url = reverse(
        "programma:leerkring-manage",
        kwargs={"slug": world.other_programma.slug, "kring": world.circle.leerkring.slug},
    )
    for user in (world.circle.manager, world.other_manager):
        client.force_login(user)
        if (status := client.get(url).status_code) != 404:
            wrong.append(f"{url}: {status} for {user.email}")
    assert wrong == [], "\n" + "\n".join(wrong)


def test_a_circle_in_preparation_is_the_managers_alone(client, world):
    """A circle still being prepared: its manage page for the programme's manager only, and no
    public list names it (the programme page, the circle lists, the application form)."""
    manage = reverse(
        "programma:leerkring-manage",
        kwargs={"slug": world.programma.slug, "kring": world.preparing.slug},
    )
    answers = ""
    for role in ROLES:
        client.logout()
        user = user_for(world.circle, role)
        if user is not None:
            client.force_login(user)
        status = client.get(manage).status_code
        answers += next((k for k, v in CODES.items() if v == status), "?")
    assert answers == MANAGERS
    client.force_login(world.other_manager)
    assert client.get(manage).status_code == 404

    client.logout()
    for name, kwargs in (
        ("programma:programma-detail", programme(world)),
        ("programma:programma-publicaties", programme(world)),
        ("home", {}),
        ("gemeenten:deelname-apply", {}),
        ("publicaties:publicatie-list", {}),
    ):
        page = client.get(reverse(name, kwargs=kwargs))
        assert page.status_code == 200, name
        assert "Vervolgkring" not in page.text, name
    # The circle's own public pages do not exist yet.
    assert (
        client.get(
            reverse("publicaties:leerkring-publicaties", kwargs={"slug": "vervolgkring"})
        ).status_code
        == 404
    )
