"""Who may open which case: municipality-only cases and drafts answer 404 to everyone else
(a logged-out visitor is sent to the log-in page)."""

import pytest

from tests.support import assert_answer, assert_refused

ROLES = ["anonymous", "pending", "other", "member", "coordinator", "researcher", "author"]


@pytest.fixture
def cases(circle, make_casus):
    from tests.factories import LidmaatschapFactory, UserFactory

    author = LidmaatschapFactory(
        gemeente=circle.breda, user=UserFactory(email="auteur@breda.nl", name="Auteur")
    ).user
    return {
        "circle": make_casus(author=author, title="Voor de hele kring"),
        "gemeente": make_casus(author=author, title="Alleen Breda", visibility="gemeente"),
        "draft": make_casus(author=author, title="Een concept", publish=False),
        "anon_pending": make_casus(
            author=author,
            title="Echte titel",
            anonymise=True,
            anon_title="Anonieme titel",
            anon_situation="Zonder namen.",
            anon_question="Vraag?",
        ),
        "author": author,
    }


def _login(client, circle, cases, role):
    user = {
        "anonymous": None,
        "pending": circle.pending_user,
        "other": circle.other_member,
        "member": circle.member,
        "coordinator": circle.coordinator,
        "researcher": circle.researcher,
        "author": cases["author"],
    }[role]
    if user:
        client.force_login(user)


# expected status per case, per role ("*" = every role not named)
VISIBILITY = {
    "circle": {"*": 200, "anonymous": 404, "pending": 404},
    "gemeente": {"*": 404, "member": 200, "coordinator": 200, "researcher": 200, "author": 200},
    "draft": {"*": 404, "author": 200},
    "anon_pending": {"*": 404, "member": 200, "coordinator": 200, "researcher": 200, "author": 200},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", list(VISIBILITY))
def test_case_page_visibility(client, circle, cases, role, which):
    _login(client, circle, cases, role)
    response = client.get(f"/dilemmas/casussen/{cases[which].pk}/")
    expected = VISIBILITY[which].get(role, VISIBILITY[which]["*"])
    assert_answer(response, expected, anonymous=role == "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_library_lists_exactly_what_each_role_may_open(client, circle, cases, role):
    _login(client, circle, cases, role)
    response = client.get("/dilemmas/casussen/")
    if role in ("anonymous", "pending"):
        assert_refused(response, anonymous=role == "anonymous")
        return
    html = response.text
    for which in ("circle", "gemeente", "anon_pending"):
        title = cases[which].title
        may = VISIBILITY[which].get(role, VISIBILITY[which]["*"]) == 200
        assert (title in html) is may, (which, role)
    assert "Een concept" not in html  # drafts are listed under "Mijn casussen" only


def test_an_approved_anonymised_case_shows_only_the_anonymised_version_outside(
    client, circle, cases
):
    from dilemmas.services import casus_anon_approve

    casus_anon_approve(casus=cases["anon_pending"], actor=circle.researcher)
    client.force_login(circle.other_member)
    html = client.get(f"/dilemmas/casussen/{cases['anon_pending'].pk}/").text
    assert "Anonieme titel" in html and "Zonder namen." in html
    assert "Echte titel" not in html
    assert "Twee groepen willen het buurthuis." not in html
    assert "Auteur" not in html.split("<main", 1)[1]
    assert "Breda" not in html.split("<main", 1)[1]
    client.force_login(circle.member)
    assert "Echte titel" in client.get(f"/dilemmas/casussen/{cases['anon_pending'].pk}/").text


WRITE_MATRIX = [
    (
        "get",
        "/dilemmas/casussen/nieuw/",
        {"*": 404, "member": 200, "coordinator": 200, "author": 200, "other": 200},
    ),
    ("get", "/dilemmas/casussen/{circle}/bewerken/", {"*": 404, "author": 200}),
    (
        "get",
        "/dilemmas/casussen/{circle}/geschiedenis/",
        {"*": 404, "author": 200, "researcher": 200},
    ),
    ("post", "/dilemmas/casussen/{draft}/publiceren/", {"*": 404, "author": 302}),
    ("post", "/dilemmas/casussen/{anon_pending}/goedkeuren/", {"*": 404, "researcher": 302}),
    ("post", "/dilemmas/casussen/{circle}/reacties/", {"*": 302, "anonymous": 404, "pending": 404}),
    (
        "post",
        "/dilemmas/casussen/{gemeente}/reacties/",
        {"*": 404, "member": 302, "coordinator": 302, "researcher": 302, "author": 302},
    ),
    (
        "get",
        "/dilemmas/casussen/mijn/",
        {"*": 200, "anonymous": 404, "pending": 404, "researcher": 404},
    ),
    ("get", "/dilemmas/casussen/te-keuren/", {"*": 404, "researcher": 200}),
    ("get", "/dilemmas/", {"*": 200}),
    ("get", "/dilemmas/{leerkring}/bemiddelen/", {"*": 200}),
    ("get", "/dilemmas/{leerkring}/bemiddelen/bewerken/", {"*": 404, "researcher": 200}),
    ("get", "/dilemmas/{leerkring}/bestaat-niet/", {"*": 404}),
    ("get", "/dilemmas/casussen/999999/", {"*": 404}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "url", "expected"), WRITE_MATRIX, ids=[f"{m} {u}" for m, u, _ in WRITE_MATRIX]
)
def test_write_and_manage_matrix(client, circle, cases, dilemma, role, method, url, expected):
    _login(client, circle, cases, role)
    ids = {k: v.pk for k, v in cases.items() if k != "author"}
    ids["leerkring"] = circle.leerkring.slug
    data = {"body": "Een reactie."} if "reacties" in url else {}
    response = getattr(client, method)(url.format(**ids), data)
    assert_answer(response, expected.get(role, expected["*"]), anonymous=role == "anonymous")


@pytest.mark.parametrize("role", ["other", "member", "researcher", "author"])
def test_comment_edit_delete_and_hide_rights(client, circle, cases, role):
    from dilemmas.services import reactie_create

    reactie = reactie_create(casus=cases["circle"], author=circle.member, body="Mijn reactie")
    _login(client, circle, cases, role)
    edit = client.get(f"/dilemmas/reacties/{reactie.pk}/bewerken/").status_code
    delete = client.get(f"/dilemmas/reacties/{reactie.pk}/verwijderen/").status_code
    hide = client.get(f"/dilemmas/reacties/{reactie.pk}/verbergen/").status_code
    assert (edit, delete) == ((200, 200) if role == "member" else (404, 404))
    assert hide == (200 if role == "researcher" else 404)
