"""A logged-out visitor to any members-only URL is sent to the log-in page with `next`, whether
or not the object exists, so that the answer does not tell whether it exists (D8). People who are
logged in and may not see the object get a 404: that is the access matrix's part."""

from urllib.parse import quote

from django.urls import reverse

from tests.security.test_access_matrix import MATRIX

# kwargs that point at nothing, per URL keyword.
MISSING = {
    "pk": 999_999,
    "number": 999,
    "slug": "bestaat-niet",
    "kring": "bestaat-niet",
    "leerkring": "bestaat-niet",
    "token": "bestaat-niet",
    "key": "bestaat-niet",
    "uidb36": "zz",
}
# Anonymous answers in the matrix that are not about logging in: pages every visitor is
# redirected from (the language switch, allauth's password and code pages, a status box).
NOT_MEMBERS_ONLY = {name for name, (_kwargs, answers) in MATRIX.items() if set(answers) == {"r"}}
# Logging out while logged out goes home: there is nothing to log in for.
NOT_MEMBERS_ONLY.add("account_logout")
# An invitation's link: its token is the permission, and a visitor is sent to sign up with it.
NOT_MEMBERS_ONLY.add("gemeenten:uitnodiging")
# The same for a researcher's invitation from a programme manager (issue 20).
NOT_MEMBERS_ONLY.add("programma:onderzoeker-uitnodiging")


def members_only() -> list[str]:
    """The URL patterns that someone logged in may reach but the public may not: anonymous
    answer 'n' or 'r' (404 before D8 was changed, the log-in page after) while some logged-in
    role gets something other than a 404."""
    return sorted(
        name
        for name, (_kwargs, answers) in MATRIX.items()
        if answers[0] in "nr" and set(answers[1:]) != {"n"} and name not in NOT_MEMBERS_ONLY
    )


def _login_url(path: str) -> str:
    return f"{reverse('account_login')}?next={quote(path, safe='/')}"


def test_the_members_only_set_is_what_it_should_be():
    """The set is derived from the matrix; these are the pages of the issue and a few others
    that must be in it, so that a change to the derivation cannot empty it."""
    names = set(members_only())
    assert {
        "dashboard",
        "bijeenkomsten:verslag",
        "bijeenkomsten:verslag-pdf",
        "dilemmas:casus-detail",
        "dilemmas:casus-list",
        "publicaties:publicatie-update",
        "gemeenten:request-queue",
        # The programme manager's pages (issue 20).
        "programma:programma-beheer",
        "programma:programma-cijfers-export",
        "programma:leerkring-manage",
    } <= names
    assert (
        not {
            "home",
            "bijeenkomsten:bijeenkomst-detail",
            "set_language",
            "programma:programma-detail",
            "programma:onderzoeker-uitnodiging",
        }
        & names
    )


def test_logged_out_visitors_are_sent_to_log_in_whether_or_not_the_object_exists(client, world):
    wrong = []
    for name in members_only():
        kwargs = MATRIX[name][0](world)
        missing = {key: MISSING.get(key, value) for key, value in kwargs.items()}
        for label, values in (("existing", kwargs), ("missing", missing)):
            path = reverse(name, kwargs=values)
            response = client.get(path)
            location = response.headers.get("Location", "")
            if response.status_code != 302 or location != _login_url(path):
                wrong.append(f"{name} ({label}) {path}: {response.status_code} {location}")
    assert wrong == [], "\n" + "\n".join(wrong)


def test_after_logging_in_the_404_page_no_longer_asks_to_log_in(client, world):
    closed = "/dilemmas/casussen/999999/"
    client.force_login(world.circle.other_member)
    page = client.get(closed)
    assert page.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in page.text and "Log dan eerst in" not in page.text
    client.logout()
    assert client.get("/bestaat-helemaal-niet/").status_code == 404  # no URL pattern: no log-in
    assert "Log dan eerst in" in client.get("/bestaat-helemaal-niet/").text
