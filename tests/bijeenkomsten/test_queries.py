import pytest

from bijeenkomsten.services import registration
from tests.factories import (
    BijeenkomstFactory,
    DilemmaFactory,
    LidmaatschapFactory,
    ProgrammaonderdeelFactory,
    WerkgroepFactory,
)


def _count(client, budget, url):
    with budget(30) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_with_5_and_50_meetings(
    client, circle, django_assert_max_num_queries
):
    client.force_login(circle.member)
    for _ in range(5):
        meeting = BijeenkomstFactory(leerkring=circle.leerkring)
        registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=circle.member)
    client.get("/bijeenkomsten/")  # the filter's options are cached from the first view on
    small = _count(client, django_assert_max_num_queries, "/bijeenkomsten/")
    for _ in range(45):
        BijeenkomstFactory(leerkring=circle.leerkring)
    assert _count(client, django_assert_max_num_queries, "/bijeenkomsten/?pagina=2") == small
    assert _count(client, django_assert_max_num_queries, "/bijeenkomsten/") == small


@pytest.mark.parametrize("role", ["member", "researcher"])
def test_the_meeting_page_costs_the_same_with_5_and_50_registrations(
    client, circle, django_assert_max_num_queries, role
):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, capacity=100)
    dilemma = DilemmaFactory(leerkring=circle.leerkring)
    for i in range(3):
        WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title=f"Groep {i}", capacity=40)
        ProgrammaonderdeelFactory(bijeenkomst=meeting, starts_at=f"1{i}:00", title=f"Onderdeel {i}")

    def grow(n):
        for _ in range(n):
            user = LidmaatschapFactory(gemeente=circle.breda).user
            registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=user)

    client.force_login(getattr(circle, role))
    grow(5)
    small = _count(client, django_assert_max_num_queries, f"/bijeenkomsten/{meeting.pk}/")
    grow(45)
    assert _count(client, django_assert_max_num_queries, f"/bijeenkomsten/{meeting.pk}/") == small


def test_the_filter_shows_a_new_municipality_at_once(client, circle):
    from tests.factories import GemeenteFactory

    assert "Zwolle" not in client.get("/bijeenkomsten/").text
    GemeenteFactory(name="Zwolle", slug="zwolle", cbs_code="GM0193")
    page = client.get("/bijeenkomsten/")
    assert '<option value="zwolle">Zwolle</option>' in page.text
    assert client.get("/bijeenkomsten/?gemeente=zwolle").status_code == 200


def test_the_list_is_one_query_for_someone_signed_out(client, circle, django_assert_num_queries):
    """The page of meetings and their number come in one query (leerkring.core.pagination);
    someone signed out has no registrations to look up."""
    for _ in range(25):
        BijeenkomstFactory(leerkring=circle.leerkring, is_public=True)
    client.get("/bijeenkomsten/")  # the filter's options are cached from the first view on
    with django_assert_num_queries(1):
        first = client.get("/bijeenkomsten/").text
    assert "Pagina 1 van 2" in first and first.count("leerkring-meeting-card--") == 20
    with django_assert_num_queries(1):
        second = client.get("/bijeenkomsten/?pagina=2").text
    assert "Pagina 2 van 2" in second and second.count("leerkring-meeting-card--") == 5


@pytest.mark.parametrize(("asked", "shown"), [("9", 2), ("0", 2), ("twee", 1), ("", 1)])
def test_a_page_number_out_of_range_shows_the_last_page_and_nonsense_the_first(
    client, circle, asked, shown
):
    for _ in range(25):
        BijeenkomstFactory(leerkring=circle.leerkring, is_public=True)
    page = client.get("/bijeenkomsten/", {"pagina": asked}).text
    assert f"Pagina {shown} van 2" in page


def test_an_empty_list_says_so_in_one_query(client, db, django_assert_num_queries):
    client.get("/bijeenkomsten/")
    with django_assert_num_queries(1):
        page = client.get("/bijeenkomsten/").text
    assert "Geen bijeenkomsten gevonden." in page and "Pagina" not in page
