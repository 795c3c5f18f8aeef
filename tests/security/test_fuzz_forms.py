"""Property-based fuzzing of every form: whatever is posted, the answer is a page, a redirect
or a 404 — never a 500. Field names come from the form on the page itself, so a field added
later is fuzzed too; the values mix valid choices with text, numbers, dates and junk, and
especially what broke outputs before (issue 14): control characters, CR/LF, Unicode line
separators, right-to-left and zero-width characters, huge integers and extreme dates.

After every accepted POST, every output of what was saved is rendered as well — the pages,
the .ics files and personal feed, the Atom feed, the citations, the CSV exports, the data
export and the PDF documents (their HTML every time, through WeasyPrint for the first accepted
POST of each form) — and none may fail. Hypothesis keeps what it found in `.hypothesis/`
(tests/conftest.py), so a failure found once is tried first on the next run."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bijeenkomsten.models import Bijeenkomst, VerslagVersie
from dilemmas.models import Casus
from gemeenten.models import Gemeente
from leerkring.core import rendering
from leerkring.core.rendering import pdf as rendering_pdf
from publicaties.models import Publicatie, PublicatieVersie
from tests.factories import PASSWORD
from tests.security.conftest import user_for
from tests.security.test_access_matrix import digest_stop_link, held_evaluatie, hidden_reactie

# (url name, kwargs from the world, who posts it)
FORMS = [
    ("account_signup", lambda w: {}, "anonymous"),
    ("account_login", lambda w: {}, "anonymous"),
    ("account_reset_password", lambda w: {}, "anonymous"),
    ("profile", lambda w: {}, "member"),
    ("account-preferences", lambda w: {}, "member"),
    ("profile-delete", lambda w: {}, "outsider"),
    ("digest-unsubscribe", digest_stop_link, "anonymous"),
    ("account_change_password", lambda w: {}, "member"),
    ("gemeenten:deelname-apply", lambda w: {}, "anonymous"),
    ("gemeenten:deelname-decline", lambda w: {"pk": w.applied.pk}, "researcher"),
    ("gemeenten:deelname-card", lambda w: {"pk": w.circle.deelname_breda.pk}, "coordinator"),
    ("gemeenten:lidmaatschap-refuse", lambda w: {"pk": w.circle.pending.pk}, "coordinator"),
    ("gemeenten:coordinator-set", lambda w: {}, "researcher"),
    ("gemeenten:deelname-admit", lambda w: {"pk": w.applied.pk}, "researcher"),
    ("gemeenten:coordinator-choose", lambda w: {"pk": w.circle.deelname_breda.pk}, "researcher"),
    ("gemeenten:uitnodiging-create", lambda w: {"slug": "breda"}, "coordinator"),
    ("dilemmas:casus-list", lambda w: {}, "member"),  # the search form (GET)
    ("search", lambda w: {}, "member"),  # the site search (GET)
    ("dilemmas:casus-create", lambda w: {}, "member"),
    ("dilemmas:casus-update", lambda w: {"pk": w.casus.pk}, "member"),
    ("dilemmas:reactie-create", lambda w: {"pk": w.casus.pk}, "tilburg"),
    ("dilemmas:reactie-update", lambda w: {"pk": w.reactie.pk}, "member"),
    ("dilemmas:reactie-hide", lambda w: {"pk": w.reactie.pk}, "researcher"),
    ("dilemmas:reactie-reason", hidden_reactie, "researcher"),
    (
        "dilemmas:dilemma-update",
        lambda w: {"leerkring": w.circle.leerkring.slug, "slug": w.dilemma.slug},
        "researcher",
    ),
    ("bijeenkomsten:bijeenkomst-list", lambda w: {}, "member"),  # the filters (GET)
    ("bijeenkomsten:aanmelding-list", lambda w: {}, "researcher"),  # the filters (GET)
    ("bijeenkomsten:aanmelding-export", lambda w: {}, "coordinator"),  # its filters (GET)
    ("dilemmas:casus-export", lambda w: {}, "researcher"),  # the library's filters (GET)
    ("bijeenkomsten:bijeenkomst-create", lambda w: {}, "researcher"),
    ("bijeenkomsten:bijeenkomst-update", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:bijeenkomst-duplicate", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:aanmelding-create", lambda w: {"pk": w.meeting.pk}, "tilburg"),
    ("bijeenkomsten:werkgroep-join", lambda w: {"pk": w.meeting.pk}, "member"),
    # One's own registration: its needs and work group, and cancelling it (last: it ends it).
    ("bijeenkomsten:aanmelding-update", lambda w: {"pk": w.aanmelding.pk}, "member"),
    ("bijeenkomsten:aanmelding-cancel", lambda w: {"pk": w.aanmelding.pk}, "member"),
    # The work groups page has one form per action, each posting to its own address.
    ("bijeenkomsten:werkgroep-create", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:werkgroep-balance", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:werkgroep-place", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:werkgroep-casus-link", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:werkgroep-casus-unlink", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:presentielijst", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:verslag-edit", lambda w: {"pk": w.held.pk}, "researcher"),
    # The questions of the coming meeting's questionnaire (none yet: the defaults), and the
    # answers of Breda's member, who was at the held meeting (its questionnaire sent).
    ("bijeenkomsten:evaluatie-edit", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:evaluatie-answer", held_evaluatie, "member"),
    ("publicaties:publicatie-create", lambda w: {}, "researcher"),
    ("publicaties:publicatie-update", lambda w: {"slug": "slot"}, "researcher"),
    # Issue 20: the programme manager's forms: a new circle, an invitation to research the
    # world's circle (posted from its manage page) and the confirmation of its next phase.
    ("programma:leerkring-create", lambda w: {"slug": w.programma.slug}, "manager"),
    (
        "programma:onderzoeker-invite",
        lambda w: {"slug": w.programma.slug, "kring": w.circle.leerkring.slug},
        "manager",
    ),
    (
        "programma:leerkring-phase",
        lambda w: {"slug": w.programma.slug, "kring": w.circle.leerkring.slug, "phase": "lopend"},
        "manager",
    ),
]
GET_FORMS = {
    "dilemmas:casus-list",
    "search",
    "bijeenkomsten:bijeenkomst-list",
    "bijeenkomsten:aanmelding-list",
    "bijeenkomsten:aanmelding-export",
    "dilemmas:casus-export",
}
# The page whose form posts to a POST-only address.
FORM_PAGE = {
    "dilemmas:reactie-create": ("dilemmas:casus-detail", "pk"),
    "bijeenkomsten:aanmelding-create": ("bijeenkomsten:bijeenkomst-detail", "pk"),
    "bijeenkomsten:werkgroep-join": ("bijeenkomsten:bijeenkomst-detail", "pk"),
    "bijeenkomsten:werkgroep-create": ("bijeenkomsten:werkgroepen", "pk"),
    "bijeenkomsten:werkgroep-balance": ("bijeenkomsten:werkgroepen", "pk"),
    "bijeenkomsten:werkgroep-place": ("bijeenkomsten:werkgroepen", "pk"),
    "bijeenkomsten:werkgroep-casus-link": ("bijeenkomsten:werkgroepen", "pk"),
    "bijeenkomsten:werkgroep-casus-unlink": ("bijeenkomsten:werkgroepen", "pk"),
    # The CSV links carry the filters of the screen they sit on.
    "bijeenkomsten:aanmelding-export": ("bijeenkomsten:aanmelding-list", None),
    "dilemmas:casus-export": ("dilemmas:casus-list", None),
    # The invitation form sits on the circle's manage page (same address keywords).
    "programma:onderzoeker-invite": ("programma:leerkring-manage", None),
}


class _Fields(HTMLParser):
    """The inputs on a page: their names, types, the values their options and radios offer,
    and what the page fills in (values, checked boxes, selected options, text areas)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, set[str]] = {}
        self.types: dict[str, str] = {}
        self.initial: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag in ("input", "textarea", "select") and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text") if tag == "input" else tag
            self.fields.setdefault(name, set())
            self.types.setdefault(name, kind)
            if a.get("value"):
                self.fields[name].add(a["value"])
                if kind not in ("checkbox", "radio", "submit") or "checked" in a:
                    self.initial.setdefault(name, []).append(a["value"])
            if tag == "select":
                self._select = name
            if tag == "textarea":
                self._textarea = name
        elif tag == "option" and self._select and a.get("value"):
            self.fields[self._select].add(a["value"])
            if "selected" in a:
                self.initial.setdefault(self._select, []).append(a["value"])

    def handle_data(self, data):
        if self._textarea and data.strip():
            self.initial[self._textarea] = [data.strip("\n")]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None


# What a field the page leaves empty gets in the valid starting point of an example, by type;
# a choice gets its first option.
FILL = {
    "email": "fuzz-{n}@breda.nl",
    "url": "https://meet.example/{n}",
    "number": "5",
    "datetime-local": "2031-07-01T10:00",
    "time": "10:00",
    "password": PASSWORD,
}
# Where a form needs more than that to be accepted (dates in order, unique names, a strong
# password), so that most examples are accepted and their outputs rendered.
VALID = {
    "account_signup": {"password1": "een lang en goed wachtwoord {n}",
                       "password2": "een lang en goed wachtwoord {n}", "gemeente": "breda"},
    "account_change_password": {"password1": "een nieuw lang wachtwoord {n}",
                                "password2": "een nieuw lang wachtwoord {n}"},
    "gemeenten:deelname-apply": {"cbs_code": "GM{n:04d}"},
    "bijeenkomsten:bijeenkomst-create": {
        "starts_at": "2031-07-01T10:00", "ends_at": "2031-07-01T12:30",
        "registration_closes_at": "2031-06-30T09:00", "registration_opens_at": "",
        "capacity": "20", "max_per_gemeente": "", "online_url": ""},
    "bijeenkomsten:bijeenkomst-duplicate": {"starts_at": "2031-07-{day:02d}T10:00"},
    "publicaties:publicatie-create": {"slug": "fuzz-{n}", "body": "## Kop\n\nTekst {n}.",
                                      "release_at": "2031-07-01T10:00"},
    "publicaties:publicatie-update": {"slug": "slot"},
    "programma:leerkring-create": {"slug": "fuzz-kring-{n}", "starts_on": "2031-09-01",
                                   "ends_on": "2033-08-31", "max_gemeenten": "8"},
    "programma:onderzoeker-invite": {"email": "onderzoeker-{n}@uni.example"},
}  # fmt: skip


def _baseline(name, fields, n):
    """A valid form: what the page fills in, the rest filled by type, then VALID."""
    data = {}
    for field, (options, kind, initial) in fields.items():
        if initial:
            data[field] = list(initial)
        elif kind in ("checkbox", "radio", "select") and options:
            data[field] = [sorted(options)[0]]
        elif kind in FILL:
            data[field] = [FILL[kind].format(n=n)]
        elif kind in ("text", "textarea", "search"):
            data[field] = [f"Tekst {n}"]
    for field, value in VALID.get(name, {}).items():
        data[field] = [value.format(n=n, day=n % 28 + 1)]
    return data


# What broke an output before: control characters, every kind of line break, bidirectional
# overrides and isolates, zero-width characters, noncharacters.
HOSTILE_CHARS = st.sampled_from(
    [chr(c) for c in range(0x20)]
    + ["\x7f", "\x85", "\r\n", "\u2028", "\u2029", "\u202a", "\u202b", "\u202d", "\u202e"]
    + ["\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\u200c", "\u200d", "\u200e"]
    + ["\u200f", "\u2060", "\ufeff", "\ufffe", "\uffff", "\u061c", "\u00ad"]
)
WORDS = st.sampled_from(
    ["Zoë", "café", '"quotes"', "'en'", "&amp;", "<b>", "=1+1", "مرحبا", "שלום"]
)
# Text with letters in it (so a required field accepts it) and something hostile between them.
HOSTILE_TEXT = st.lists(
    st.one_of(WORDS, HOSTILE_CHARS, st.text(min_size=1, max_size=6)), min_size=1, max_size=10
).map(" ".join)
HUGE = st.one_of(
    st.sampled_from(["9223372036854775807", "9223372036854775808", "-9223372036854775809",
                     "18446744073709551616", "1e30", "1e309", "-0", "0x10", "٣", "²", "1_000"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)  # fmt: skip
EXTREME_DATES = st.one_of(
    st.sampled_from(["0001-01-01T00:00", "9999-12-31T23:59", "1999-12-31T23:59",
                     "2101-01-01T00:00", "2100-12-31T23:59", "2000-01-01T00:00",
                     "1970-01-01T00:00", "2038-01-19T03:14", "2031-03-30T02:30"]),
    st.datetimes(
        min_value=datetime.datetime(1, 1, 1), max_value=datetime.datetime(9999, 12, 31, 23, 59)
    ).map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
)  # fmt: skip
# A few moments in order, so that begin, end and registration dates often fit together and
# the form is accepted (then every output is rendered).
PLAUSIBLE_DATES = st.sampled_from(
    ["2031-06-30T09:00", "2031-07-01T10:00", "2031-07-01T12:30", "2031-07-02T17:00"]
)
JUNK = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    HOSTILE_TEXT,
    HUGE,
    EXTREME_DATES,
    st.sampled_from(["", " ", "\x00", "0", "-1", "999999999999", "NaN", "1e309", "true",
                     "2019-03-31T02:30", "2031-07-01T10:00", "31-02-2030", "<script>x</script>",
                     "../../etc/passwd", "' OR 1=1 --", "%00", "😀" * 50, "a" * 5000]),
)  # fmt: skip
# What an input of each type is most likely to be sent, besides junk.
BY_TYPE = {
    "datetime-local": st.one_of(PLAUSIBLE_DATES, EXTREME_DATES),
    "time": st.sampled_from(["10:00", "23:59", "24:00", "00:00", "9:5", "10:00:00"]),
    "date": st.sampled_from(
        ["2031-09-01", "2033-08-31", "0001-01-01", "9999-12-31", "2031-02-30", "1-9-2031"]
    ),
    "number": st.one_of(st.integers(0, 60).map(str), HUGE),
    "hidden": HUGE,
    "email": st.one_of(st.just("iemand@breda.nl"), HOSTILE_TEXT.map(lambda t: t + "@breda.nl")),
    "url": st.one_of(
        st.just("https://meet.example/x"), HOSTILE_TEXT.map("https://x.example/".__add__)
    ),
    "text": HOSTILE_TEXT,
    "search": HOSTILE_TEXT,
    "textarea": HOSTILE_TEXT,
}

_FIELDS: dict[tuple[str, str], dict[str, tuple[set[str], str, list[str]]]] = {}
_COUNTER = [0]  # unique names and addresses across examples


def _value(options, kind):
    likely = [st.sampled_from(sorted(options))] if options else []
    if kind in BY_TYPE:
        likely.append(BY_TYPE[kind])
    return st.one_of(*likely, JUNK)


@pytest.mark.parametrize("name,kwargs,role", FORMS, ids=[f[0] for f in FORMS])
@settings(
    # How many examples comes from the profile (tests/conftest.py): a few dozen per form in
    # `make test`, more with HYPOTHESIS_PROFILE=deep.
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_form_answers_500(client, world, name, kwargs, role, data):
    user = user_for(world.circle, role)
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=kwargs(world))
    page_name, key = FORM_PAGE.get(name, (name, None))
    page_url = reverse(page_name, kwargs={key: kwargs(world)[key]} if key else kwargs(world))
    # The fields are read once per form: what a posted example changes (a new option, a
    # changed name) must not change what the next example draws.
    if (name, page_url) not in _FIELDS:
        parser = _Fields()
        parser.feed(client.get(page_url).content.decode())
        _FIELDS[(name, page_url)] = {
            k: (v, parser.types[k], parser.initial.get(k, []))
            for k, v in parser.fields.items()
            if not re.match(r"^(language|next)$", k)
        }
    fields = _FIELDS[(name, page_url)]
    _COUNTER[0] += 1
    if data.draw(st.integers(0, 3), label="start from a valid form") > 0:
        # A valid form with a few fields changed: most are accepted, and then what was
        # saved goes through every output.
        posted = _baseline(name, fields, _COUNTER[0])
        some = st.sets(st.sampled_from(sorted(fields)), max_size=3) if fields else st.just(set())
        changed = data.draw(some, label="changed")
    else:
        posted, changed = {}, set(fields)
    for field in sorted(changed):
        options, kind, _initial = fields[field]
        # Now and then a field is left out altogether.
        if data.draw(st.integers(0, 9), label=f"send {field}") > 0:
            posted[field] = data.draw(_value(options, kind), label=field)
        else:
            posted.pop(field, None)
    extra = data.draw(st.dictionaries(st.text(min_size=1, max_size=10), JUNK, max_size=3))
    posted.update(extra)
    send = client.get if name in GET_FORMS else client.post
    response = send(url, posted)
    assert response.status_code < 500, (name, {k: str(v)[:80] for k, v in posted.items()})
    if name not in GET_FORMS and response.status_code == 302:
        location = response["Location"]
        _render_every_output(world, name, client, location, pdf=name not in _PDF_DONE)
        _PDF_DONE.add(name)


# The forms whose first accepted POST has been rendered through WeasyPrint already.
_PDF_DONE: set[str] = set()

# What each form saves, and so which outputs show it. A person's name (sign-up, profile)
# appears wherever people are listed: registrations, attendance, authors.
SHOWN_IN = {
    "account_signup": {"person"},
    "profile": {"person", "meeting", "verslag"},
    "gemeenten:deelname-apply": {"gemeente"},
    "gemeenten:deelname-decline": {"gemeente"},
    "gemeenten:deelname-card": {"gemeente"},
    "gemeenten:lidmaatschap-refuse": {"gemeente", "person"},
    "gemeenten:coordinator-set": {"gemeente"},
    "gemeenten:deelname-admit": {"gemeente"},
    "gemeenten:coordinator-choose": {"gemeente"},
    "gemeenten:uitnodiging-create": {"gemeente"},
    "dilemmas:casus-create": {"casus"},
    "dilemmas:casus-update": {"casus"},
    "dilemmas:reactie-create": {"casus"},
    "dilemmas:reactie-update": {"casus"},
    "dilemmas:reactie-hide": {"casus"},
    "dilemmas:reactie-reason": {"casus"},
    "dilemmas:dilemma-update": {"dilemma"},
    "bijeenkomsten:bijeenkomst-create": {"meeting"},
    "bijeenkomsten:bijeenkomst-update": {"meeting"},
    "bijeenkomsten:bijeenkomst-duplicate": {"meeting"},
    "bijeenkomsten:aanmelding-create": {"meeting", "person"},
    "bijeenkomsten:werkgroep-join": {"meeting"},
    "bijeenkomsten:aanmelding-update": {"meeting", "person"},
    "bijeenkomsten:aanmelding-cancel": {"meeting", "person"},
    "bijeenkomsten:werkgroep-create": {"meeting", "casus"},
    "bijeenkomsten:werkgroep-balance": {"meeting", "casus"},
    "bijeenkomsten:werkgroep-place": {"meeting", "casus"},
    "bijeenkomsten:werkgroep-casus-link": {"meeting", "casus"},
    "bijeenkomsten:werkgroep-casus-unlink": {"meeting", "casus"},
    "bijeenkomsten:presentielijst": {"meeting", "verslag"},
    "bijeenkomsten:verslag-edit": {"verslag"},
    "bijeenkomsten:evaluatie-edit": {"meeting"},
    "bijeenkomsten:evaluatie-answer": {"verslag"},
    "publicaties:publicatie-create": {"publicatie"},
    "publicaties:publicatie-update": {"publicatie"},
    "programma:leerkring-create": {"programma"},
    "programma:onderzoeker-invite": {"programma"},
    "programma:leerkring-phase": {"programma"},
}


def _newest(queryset, *also):
    return {queryset.order_by("-pk").first(), *also} - {None}


def _render_every_output(world, name, poster: Client, location: str, *, pdf: bool) -> None:
    """Every output that shows what the form saved: its pages, calendars and personal feed,
    the Atom feed and citations, the CSV exports, the data export and the PDF documents
    (their HTML; through WeasyPrint when `pdf`). Read as the circle's researcher, who sees
    the most, and as whoever posted. None may fail."""
    researcher = Client(raise_request_exception=True)
    researcher.force_login(world.circle.researcher)
    shown = SHOWN_IN.get(name, set())
    urls, documents = ["/overzicht/"], []
    if "meeting" in shown or "person" in shown:
        meetings = _newest(Bijeenkomst.objects.all(), world.meeting)
        urls += [f"/bijeenkomsten/agenda/{world.token}.ics", "/bijeenkomsten/aanmeldingen/export/"]
        for meeting in meetings:
            base = f"/bijeenkomsten/{meeting.pk}/"
            urls += [base, base + "bijeenkomst.ics", base + "presentielijst/"]
            documents.append(("presentielijst", meeting.pk))
    if "verslag" in shown:
        urls.append(f"/bijeenkomsten/{world.held.pk}/verslag/")
        versie = VerslagVersie.objects.filter(verslag__bijeenkomst=world.held).last()
        documents.append(("verslag", versie.pk))
    if "casus" in shown:
        urls += ["/dilemmas/casussen/", "/dilemmas/casussen/export/"]
        urls += [f"/dilemmas/casussen/{c.pk}/" for c in _newest(Casus.objects.all(), world.casus)]
    if "dilemma" in shown:
        leerkring, slug = world.circle.leerkring.slug, world.dilemma.slug
        urls.append(reverse("dilemmas:dilemma-detail", args=[leerkring, slug]))
    if "gemeente" in shown:
        urls += ["/gemeenten/verzoeken/"]
        urls += [f"/gemeenten/{g.slug}/" for g in _newest(Gemeente.objects.all())]
    if "publicatie" in shown:
        urls.append("/publicaties/feed/")
        for publicatie in _newest(Publicatie.objects.all(), world.publicatie):
            base = f"/publicaties/{publicatie.slug}/"
            urls += [base, base + "citeer.bib", base + "citeer.ris"]
            versie = PublicatieVersie.objects.filter(publicatie=publicatie).last()
            if versie is not None and not versie.is_upload:
                documents.append(("publicatie", versie.pk))
    for url in urls:
        assert researcher.get(url).status_code in (200, 302, 404), url
    if "programma" in shown:
        _render_programme_outputs(world)
    assert poster.get(location).status_code < 500, location
    assert poster.get("/account/profiel/gegevens/").status_code in (200, 302)
    for kind, object_id in documents:
        html = rendering_pdf.html_for(rendering.build(kind, object_id))
        if pdf:
            rendering_pdf.render_pdf(html)


def _render_programme_outputs(world) -> None:
    """What a programme's forms change shows on its public page, publications and feed, every
    circle's page and feed, the home page, and the manager's pages and figures (as the
    manager, who sees them all, and as the public)."""
    from leerkring.core.models import Leerkring

    manager = Client(raise_request_exception=True)
    manager.force_login(world.circle.manager)
    public = Client(raise_request_exception=True)
    slug = world.programma.slug
    urls = ["/", f"/programma/{slug}/", f"/programma/{slug}/publicaties/"]
    urls += [f"/programma/{slug}/feed/", f"/programma/{slug}/beheer/"]
    urls += [f"/programma/{slug}/beheer/cijfers.csv"]
    for leerkring in _newest(Leerkring.objects.all(), world.circle.leerkring):
        urls.append(f"/programma/{slug}/beheer/kringen/{leerkring.slug}/")
        urls += [
            f"/publicaties/kring/{leerkring.slug}/",
            f"/publicaties/kring/{leerkring.slug}/feed/",
        ]
    for url in urls:
        for client in (manager, public):
            assert client.get(url).status_code in (200, 302, 404), url


# Forms whose accepted POST shows nothing new anywhere (logging in, a password, stopping the
# digest, deleting the account: the page after it and the data export are still rendered).
NOTHING_SHOWN = {
    "account_login",
    "account_reset_password",
    "account_change_password",
    "profile-delete",
    "digest-unsubscribe",
    "account-preferences",  # choices about e-mail and language, shown on no page but its own
}


def test_every_posted_form_says_which_outputs_show_it():
    posted = {name for name, _kwargs, _role in FORMS} - GET_FORMS
    assert posted == set(SHOWN_IN) | NOTHING_SHOWN
