"""Property-based fuzzing of every form: whatever is posted, the answer is a page, a redirect
or a 404 — never a 500. Field names come from the form on the page itself, so a field added
later is fuzzed too; the values mix valid choices with text, numbers, dates and junk."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.conftest import user_for
from tests.security.test_access_matrix import digest_stop_link

EXAMPLES = 200

# (url name, kwargs from the world, who posts it)
FORMS = [
    ("account_signup", lambda w: {}, "anonymous"),
    ("account_login", lambda w: {}, "anonymous"),
    ("account_reset_password", lambda w: {}, "anonymous"),
    ("profile", lambda w: {}, "member"),
    ("profile-delete", lambda w: {}, "outsider"),
    ("digest-unsubscribe", digest_stop_link, "anonymous"),
    ("account_change_password", lambda w: {}, "member"),
    ("gemeenten:deelname-apply", lambda w: {}, "anonymous"),
    ("gemeenten:deelname-decline", lambda w: {"pk": w.applied.pk}, "researcher"),
    ("gemeenten:deelname-card", lambda w: {"pk": w.circle.deelname_breda.pk}, "coordinator"),
    ("gemeenten:lidmaatschap-refuse", lambda w: {"pk": w.circle.pending.pk}, "coordinator"),
    ("gemeenten:coordinator-set", lambda w: {}, "researcher"),
    ("dilemmas:casus-list", lambda w: {}, "member"),  # the search form (GET)
    ("dilemmas:casus-create", lambda w: {}, "member"),
    ("dilemmas:casus-update", lambda w: {"pk": w.casus.pk}, "member"),
    ("dilemmas:reactie-create", lambda w: {"pk": w.casus.pk}, "tilburg"),
    ("dilemmas:reactie-update", lambda w: {"pk": w.reactie.pk}, "member"),
    ("dilemmas:reactie-hide", lambda w: {"pk": w.reactie.pk}, "researcher"),
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
    ("bijeenkomsten:werkgroepen", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:presentielijst", lambda w: {"pk": w.meeting.pk}, "researcher"),
    ("bijeenkomsten:verslag-edit", lambda w: {"pk": w.held.pk}, "researcher"),
    ("publicaties:publicatie-create", lambda w: {}, "researcher"),
    ("publicaties:publicatie-update", lambda w: {"slug": "slot"}, "researcher"),
]
GET_FORMS = {
    "dilemmas:casus-list",
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
    # The CSV links carry the filters of the screen they sit on.
    "bijeenkomsten:aanmelding-export": ("bijeenkomsten:aanmelding-list", None),
    "dilemmas:casus-export": ("dilemmas:casus-list", None),
}


class _Fields(HTMLParser):
    """The names of the inputs on a page, with the values its options and radios offer."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, set[str]] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag in ("input", "textarea", "select") and name and name != "csrfmiddlewaretoken":
            self.fields.setdefault(name, set())
            if a.get("value"):
                self.fields[name].add(a["value"])
            if tag == "select":
                self._select = name
        elif tag == "option" and self._select and a.get("value"):
            self.fields[self._select].add(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


JUNK = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", " ", "\x00", "0", "-1", "999999999999", "NaN", "1e309", "true",
                     "2019-03-31T02:30", "2031-07-01T10:00", "31-02-2030", "<script>x</script>",
                     "../../etc/passwd", "' OR 1=1 --", "%00", "😀" * 50, "a" * 5000]),
)  # fmt: skip


_FIELDS: dict[tuple[str, str], dict[str, set[str]]] = {}


def _value(options):
    return st.one_of(st.sampled_from(sorted(options)), JUNK) if options else JUNK


@pytest.mark.parametrize("name,kwargs,role", FORMS, ids=[f[0] for f in FORMS])
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
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
            k: v for k, v in parser.fields.items() if not re.match(r"^(language|next)$", k)
        }
    fields = _FIELDS[(name, page_url)]
    posted = {
        field: data.draw(_value(options), label=field)
        for field, options in fields.items()
        # Now and then a field is left out altogether.
        if data.draw(st.integers(0, 9), label=f"send {field}") > 0
    }
    extra = data.draw(st.dictionaries(st.text(min_size=1, max_size=10), JUNK, max_size=3))
    posted.update(extra)
    send = client.get if name in GET_FORMS else client.post
    response = send(url, posted)
    assert response.status_code < 500, (name, {k: v[:80] for k, v in posted.items()})
