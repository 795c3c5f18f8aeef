"""Every view of the municipalities issue, requested by every kind of visitor. The expected
answers follow the access rules in docs/architecture.md (Roles and permissions); whatever
someone may not see answers 404 (a logged-out visitor is sent to the log-in page instead)."""

import pytest

from tests.factories import PASSWORD, LidmaatschapFactory, UserFactory
from tests.support import assert_answer

ROLES = ["anonymous", "pending", "other", "member", "coordinator", "researcher"]


def _user(circle, role):
    return {
        "anonymous": None,
        "pending": circle.pending_user,
        "other": circle.other_member,
        "member": circle.member,
        "coordinator": circle.coordinator,
        "researcher": circle.researcher,
    }[role]


# (method, url template, {role: expected status}); "*" is the status for roles not named.
MATRIX = [
    ("get", "/gemeenten/", {"*": 200}),
    ("get", "/gemeenten/breda/", {"*": 200}),
    ("get", "/gemeenten/bestaat-niet/", {"*": 404}),
    ("get", "/gemeenten/aanmelden/", {"*": 200}),
    ("get", "/gemeenten/verzoeken/", {"*": 404, "researcher": 200}),
    # Admitting asks first (a page with the choice of coordinator); a POST without a choice
    # shows that page again with the error.
    ("get", "/gemeenten/deelnames/{application}/toelaten/", {"*": 404, "researcher": 200}),
    ("post", "/gemeenten/deelnames/{application}/toelaten/", {"*": 404, "researcher": 200}),
    ("get", "/gemeenten/deelnames/{application}/afwijzen/", {"*": 404, "researcher": 200}),
    (
        "get",
        "/gemeenten/deelnames/{deelname_breda}/projectkaart/",
        {"*": 404, "coordinator": 200, "researcher": 200},
    ),
    ("post", "/gemeenten/coordinatoren/", {"*": 404, "researcher": 302}),
    (
        "post",
        "/gemeenten/lidmaatschappen/{pending}/toelaten/",
        {"*": 404, "coordinator": 302, "researcher": 302},
    ),
    (
        "get",
        "/gemeenten/lidmaatschappen/{pending}/weigeren/",
        {"*": 404, "coordinator": 200, "researcher": 200},
    ),
    (
        "post",
        "/gemeenten/lidmaatschappen/{pending_tilburg}/toelaten/",
        {"*": 404, "researcher": 302},
    ),
    ("get", "/gemeenten/lidmaatschappen/999999/weigeren/", {"*": 404}),
    ("get", "/account/profiel/", {"*": 200, "anonymous": 302}),
    ("get", "/account/profiel/gegevens/", {"*": 200, "anonymous": 302}),
    ("get", "/account/profiel/verwijderen/", {"*": 200, "anonymous": 302}),
    ("get", "/logboek/", {"*": 404, "researcher": 200}),
]


@pytest.fixture
def ids(circle):
    from tests.factories import DeelnameFactory

    application = DeelnameFactory(leerkring=circle.leerkring, status="aangemeld")
    pending_tilburg = LidmaatschapFactory(gemeente=circle.tilburg, status="aangevraagd")
    return {
        "application": application.pk,
        "deelname_breda": circle.deelname_breda.pk,
        "pending": circle.pending.pk,
        "pending_tilburg": pending_tilburg.pk,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "url", "expected"), MATRIX, ids=[f"{m} {u}" for m, u, _ in MATRIX]
)
def test_access_matrix(client, circle, ids, role, method, url, expected):
    user = _user(circle, role)
    if user is not None:
        client.force_login(user)
    data = {}
    if url == "/gemeenten/coordinatoren/":
        data = {"deelname": circle.deelname_breda.pk, "user": circle.member.pk, "make": "on"}
    response = getattr(client, method)(url.format(**ids), data)
    assert_answer(response, expected.get(role, expected["*"]), anonymous=user is None)


@pytest.mark.parametrize(
    ("role", "sees_colleagues", "sees_hidden_and_pending"),
    [
        ("anonymous", False, False),
        ("pending", False, False),
        ("other", False, False),
        ("member", True, False),
        ("coordinator", True, True),
        ("researcher", True, True),
    ],
)
def test_municipality_page_shows_each_role_what_it_may_see(
    client, circle, role, sees_colleagues, sees_hidden_and_pending
):
    user = _user(circle, role)
    if user is not None:
        client.force_login(user)
    # Only the page's own content: the header names whoever is logged in.
    html = client.get("/gemeenten/breda/").text.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Gemeente Breda" in html
    assert ("Lid Breda" in html) is sees_colleagues
    assert ("Verborgen Breda" in html) is sees_hidden_and_pending
    assert ("Wacht Breda" in html) is sees_hidden_and_pending
    assert ("Projectkaart" in html) is sees_hidden_and_pending
    assert "Lid Tilburg" not in html


def test_researcher_queue_lists_applications_and_requests(client, circle, ids):
    client.force_login(circle.researcher)
    html = client.get("/gemeenten/verzoeken/").text
    assert "1 aanmelding van een gemeente" in html
    assert "2 aanvragen voor lidmaatschap" in html
    assert "Wacht Breda" in html


def test_a_refusal_without_a_reason_gets_a_clear_message(client, circle):
    client.force_login(circle.coordinator)
    url = f"/gemeenten/lidmaatschappen/{circle.pending.pk}/weigeren/"
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert "Schrijf op waarom, zodat de ontvanger het begrijpt." in response.text
    circle.pending.refresh_from_db()
    assert circle.pending.status == "aangevraagd"


def test_decisions_never_redirect_off_site(client, circle):
    client.force_login(circle.coordinator)
    response = client.post(
        f"/gemeenten/lidmaatschappen/{circle.pending.pk}/toelaten/",
        {"next": "https://evil.example/", "status": "aangevraagd"},
    )
    assert response["Location"] == "/gemeenten/verzoeken/"


def test_login_is_needed_for_the_profile(client):
    response = client.get("/account/profiel/")
    assert response["Location"].startswith("/account/login/?next=")


def test_login_with_the_real_form_works_for_matrix_users(client, circle):
    # force_login is used above; the real login must lead to the same person.
    response = client.post(
        "/account/login/", {"login": "coord@breda.nl", "password": PASSWORD}, follow=True
    )
    assert "Ingelogd als <strong>Coördinator Breda</strong>" in response.text
    assert UserFactory._meta.model.objects.filter(email="coord@breda.nl").count() == 1


def test_a_researcher_of_another_circle_sees_no_members_of_breda(client, circle):
    from tests.factories import LeerkringFactory

    elsewhere = UserFactory(email="onderzoeker@elders.example")
    LeerkringFactory(slug="andere-kring").researchers.add(elsewhere)
    client.force_login(elsewhere)
    page = client.get("/gemeenten/breda/")
    assert page.status_code == 200
    assert circle.member.email not in page.text and "Lid Breda" not in page.text
    client.force_login(circle.researcher)
    page = client.get("/gemeenten/breda/")
    assert circle.member.email in page.text and "Lid Breda" in page.text
