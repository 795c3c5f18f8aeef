"""Learning across circles (issue 20, point 3): a case opened to the whole programme is found,
anonymised, by members of the programme's other circles once a researcher approved it, and by
nobody else; dilemmas shared by circles show every circle's cases and conclusions."""

from types import SimpleNamespace

import pytest

from dilemmas import services
from dilemmas.models import Casus, DilemmaGedeeld, Rol, Waarde
from tests.factories import (
    DeelnameFactory,
    DilemmaFactory,
    GemeenteFactory,
    LeerkringFactory,
    LidmaatschapFactory,
    ProgrammaFactory,
    UserFactory,
)

LIBRARY = "/dilemmas/casussen/"

ORIGINAL_TITLE = "Jansen en het buurthuis aan de Dorpsstraat"
ANON_TITLE = "Een bewoner en het buurthuis"


def cards(html: str) -> str:
    """The case cards of a library page (its filters name every municipality)."""
    if '<ul class="leerkring-results">' not in html:
        return ""
    return html.split('<ul class="leerkring-results">', 1)[1].split("</main>", 1)[0]


def main(response) -> str:
    return response.text.split("<main", 1)[1].split("</main>", 1)[0]


def member_of(leerkring, name, slug):
    gemeente = GemeenteFactory(name=name, slug=slug)
    DeelnameFactory(leerkring=leerkring, gemeente=gemeente)
    return LidmaatschapFactory(
        gemeente=gemeente, user=UserFactory(email=f"lid@{slug}.nl", name=f"Lid {name}")
    ).user


@pytest.fixture
def programme(circle, dilemma):
    """Circle A (the `circle` fixture: Breda and Tilburg) and circle B (Zwolle) in one
    programme with a manager; circle C (Deventer) in another programme; circle D (Enschede)
    in none. A's dilemma "Bemiddelen" is shared with B, with B's own conclusions."""
    programma = ProgrammaFactory(title="Leerkringen lokale democratie")
    manager = UserFactory(email="programma@fonds.example", name="Programmamanager")
    programma.managers.add(manager)
    a = circle.leerkring
    a.title = "Leerkring Berkelland"
    a.programma = programma
    a.save()
    b = LeerkringFactory(title="Leerkring Zwolle", slug="kring-b", programma=programma)
    c = LeerkringFactory(title="Leerkring elders", slug="kring-c", programma=ProgrammaFactory())
    d = LeerkringFactory(title="Leerkring los", slug="kring-d")
    researcher_b = UserFactory(email="onderzoeker-b@uni.example", name="Onderzoeker B")
    b.researchers.add(researcher_b)
    dilemma.conclusions = "Kring A zag **ruimte** voor bewoners."
    dilemma.save()
    DilemmaGedeeld.objects.create(
        dilemma=dilemma, leerkring=b, conclusions="Kring B koos voor **bemiddeling**."
    )
    return SimpleNamespace(
        programma=programma,
        manager=manager,
        a=a,
        b=b,
        c=c,
        d=d,
        zwolle=member_of(b, "Zwolle", "zwolle"),
        deventer=member_of(c, "Deventer", "deventer"),
        enschede=member_of(d, "Enschede", "enschede"),
        researcher_b=researcher_b,
        dilemma=dilemma,
    )


def opened_case(make_casus, **fields):
    data = {
        "title": ORIGINAL_TITLE,
        "situation": "Meneer Jansen wil het buurthuis aan de Dorpsstraat.",
        "question": "Mag de wethouder dit beslissen?",
        "anonymise": True,
        "anon_title": ANON_TITLE,
        "anon_situation": "Een bewoner wil het buurthuis.",
        "anon_question": "Mag de wethouder dit beslissen?",
        "programme_open": True,
        **fields,
    }
    return make_casus(**data)


@pytest.fixture
def opened(circle, programme, make_casus):
    """Breda's case in circle A, anonymised and opened to the programme, not approved yet."""
    return opened_case(make_casus)


def approve(circle, casus):
    return services.casus_anon_approve(casus=casus, actor=circle.researcher)


def finds(client, user, casus, query=None, **filters) -> bool:
    client.force_login(user)
    params = {**filters, **({"q": query} if query else {})}
    return f"/dilemmas/casussen/{casus.pk}/" in cards(client.get(LIBRARY, params).text)


def searches(client, user, casus, query="buurthuis") -> bool:
    client.force_login(user)
    return f"/dilemmas/casussen/{casus.pk}/" in client.get("/zoeken/", {"q": query}).text


# --- Who finds an opened case -----------------------------------------------------------------
def test_a_member_of_another_circle_finds_it_only_once_approved(client, circle, programme, opened):
    assert not finds(client, programme.zwolle, opened)
    assert not searches(client, programme.zwolle, opened)
    assert client.get(f"/dilemmas/casussen/{opened.pk}/").status_code == 404

    approve(circle, opened)

    assert finds(client, programme.zwolle, opened)
    assert searches(client, programme.zwolle, opened)
    assert client.get(f"/dilemmas/casussen/{opened.pk}/").status_code == 200


def test_it_is_shown_anonymised_everywhere_with_its_circle_named(client, circle, programme, opened):
    approve(circle, opened)
    client.force_login(programme.zwolle)

    row = cards(client.get(LIBRARY).text)
    assert ANON_TITLE in row
    assert "Leerkring Berkelland" in row  # cases of two circles can show: rows name theirs
    assert "een deelnemende gemeente" in row
    for secret in (ORIGINAL_TITLE, "Jansen", "Breda", "Lid Breda"):
        assert secret not in row

    page = main(client.get(f"/dilemmas/casussen/{opened.pk}/"))
    assert ANON_TITLE in page
    assert "Een bewoner wil het buurthuis." in page
    assert "een deelnemer uit een andere gemeente" in page
    assert "Leerkring Berkelland" in page
    for secret in (ORIGINAL_TITLE, "Jansen", "Dorpsstraat", "Breda", "Lid Breda"):
        assert secret not in page

    found = main(client.get("/zoeken/", {"q": "buurthuis"}))
    assert ANON_TITLE in found
    assert "Leerkring Berkelland · Bemiddelen" in found
    for secret in (ORIGINAL_TITLE, "Jansen", "Dorpsstraat", "Breda"):
        assert secret not in found
    # A word only the original has finds nothing, so no match gives it away.
    assert not searches(client, programme.zwolle, opened, query="Dorpsstraat")


def test_members_of_its_own_circle_read_it_as_before(client, circle, programme, opened):
    approve(circle, opened)
    client.force_login(circle.member)  # Breda: the original
    assert ORIGINAL_TITLE in main(client.get(f"/dilemmas/casussen/{opened.pk}/"))
    client.force_login(circle.other_member)  # Tilburg: anonymised, as before
    page = main(client.get(f"/dilemmas/casussen/{opened.pk}/"))
    assert ANON_TITLE in page
    assert ORIGINAL_TITLE not in page


def test_the_library_filters_by_circle_dilemma_role_and_value(client, circle, programme, opened):
    approve(circle, opened)
    zwolle = programme.zwolle
    assert finds(client, zwolle, opened, leerkring=programme.a.slug)
    assert not finds(client, zwolle, opened, leerkring=programme.b.slug)
    assert finds(client, zwolle, opened, dilemma=programme.dilemma.pk)
    other = DilemmaFactory(leerkring=programme.b, title="Loslaten", slug="loslaten")
    assert not finds(client, zwolle, opened, dilemma=other.pk)
    assert finds(client, zwolle, opened, rol="faciliteren")
    assert not finds(client, zwolle, opened, rol="sturen")
    assert finds(client, zwolle, opened, waarde="deliberatie")
    assert not finds(client, zwolle, opened, waarde="verantwoording")
    assert finds(client, zwolle, opened, query="bewoner", leerkring=programme.a.slug)
    # The municipality is not said, so no filter finds it by municipality either.
    assert not finds(client, zwolle, opened, gemeente="breda")


def test_the_circle_filter_offers_only_circles_whose_cases_can_show(client, circle, programme):
    client.force_login(programme.zwolle)
    html = client.get(LIBRARY).text
    assert f'value="{programme.a.slug}"' in html
    assert f'value="{programme.b.slug}"' in html
    assert f'value="{programme.c.slug}"' not in html
    assert f'value="{programme.d.slug}"' not in html
    response = client.get(LIBRARY, {"leerkring": programme.c.slug})
    assert response.status_code == 200
    # A member of a circle on its own: one circle, no circle filter, rows as before.
    client.force_login(programme.enschede)
    assert 'name="leerkring"' not in client.get(LIBRARY).text


def test_nobody_outside_the_programme_finds_it(client, circle, programme, opened):
    approve(circle, opened)
    for user in (programme.deventer, programme.enschede):
        assert not finds(client, user, opened)
        assert not searches(client, user, opened)
        assert client.get(f"/dilemmas/casussen/{opened.pk}/").status_code == 404


def test_a_case_not_opened_stays_in_its_circle(client, circle, programme, make_casus):
    casus = opened_case(make_casus, programme_open=False)
    approve(circle, casus)
    assert finds(client, circle.other_member, casus)  # Tilburg, the same circle
    for user in (programme.zwolle, programme.researcher_b, programme.manager):
        assert not finds(client, user, casus)
        assert not searches(client, user, casus)


def test_municipality_only_cases_and_drafts_never_leave(client, circle, programme, make_casus):
    only_breda = opened_case(make_casus, programme_open=False, visibility="gemeente")
    approve(circle, only_breda)
    # Even if the flag got set some other way, the rule keeps the case in the municipality.
    Casus.objects.filter(pk=only_breda.pk).update(programme_open=True)
    draft = opened_case(make_casus, publish=False)
    Casus.objects.filter(pk=draft.pk).update(anon_approved_at=only_breda.published_at)
    for casus in (only_breda, draft):
        for user in (programme.zwolle, programme.researcher_b, programme.manager):
            assert not finds(client, user, casus)
            assert not searches(client, user, casus)
            assert client.get(f"/dilemmas/casussen/{casus.pk}/").status_code == 404


def test_the_manager_sees_opened_cases_only(client, circle, programme, make_casus, opened):
    approve(circle, opened)
    not_opened = opened_case(make_casus, title="Een ander verhaal", programme_open=False)
    approve(circle, not_opened)
    plain = make_casus(title="Gewoon gedeeld met de kring")
    client.force_login(programme.manager)
    response = client.get(LIBRARY)
    assert response.status_code == 200
    row = cards(response.text)
    assert ANON_TITLE in row
    assert ORIGINAL_TITLE not in row and "Breda" not in row
    assert f"/dilemmas/casussen/{not_opened.pk}/" not in row
    assert "Gewoon gedeeld met de kring" not in row
    assert client.get(f"/dilemmas/casussen/{plain.pk}/").status_code == 404
    assert ANON_TITLE in main(client.get(f"/dilemmas/casussen/{opened.pk}/"))
    # A manager of another programme: nothing.
    stranger = UserFactory(email="ander@fonds.example")
    programme.c.programma.managers.add(stranger)
    assert not finds(client, stranger, opened)


def test_a_researcher_of_another_circle_exports_it_anonymised(client, circle, programme, opened):
    from tests.support import csv_rows

    approve(circle, opened)
    client.force_login(programme.researcher_b)
    rows = csv_rows(client.get("/dilemmas/casussen/export/").content)
    assert rows[0][-1] == "Leerkring"
    (row,) = [r for r in rows[1:] if r[0] == ANON_TITLE]
    assert row[2] == "(geanonimiseerd)"
    assert row[-1] == "Leerkring Berkelland"
    assert ORIGINAL_TITLE not in str(rows)


# --- Withdrawing ------------------------------------------------------------------------------
def test_editing_the_anonymised_text_withdraws_it_from_the_programme(
    client, circle, programme, opened
):
    approve(circle, opened)
    assert finds(client, programme.zwolle, opened)
    services.casus_update(
        casus=opened,
        editor=circle.member,
        rollen=opened.rollen.all(),
        waarden=opened.waarden.all(),
        anon_situation="Een bewoner wil het buurthuis, en snel.",
    )
    assert not finds(client, programme.zwolle, opened)
    approve(circle, opened)
    assert finds(client, programme.zwolle, opened)


def test_unchecking_it_in_the_form_is_immediate(client, circle, programme, opened):
    approve(circle, opened)
    client.force_login(circle.member)
    data = {
        "title": ORIGINAL_TITLE,
        "dilemma": programme.dilemma.pk,
        "situation": opened.situation,
        "question": opened.question,
        "rollen": [Rol.objects.get(slug="faciliteren").pk],
        "waarden": [Waarde.objects.get(slug="deliberatie").pk],
        "visibility": "leerkring",
        "anonymise": "on",
        "anon_title": ANON_TITLE,
        "anon_situation": opened.anon_situation,
        "anon_question": opened.anon_question,
    }
    response = client.post(f"/dilemmas/casussen/{opened.pk}/bewerken/", data)
    assert response.status_code == 302
    opened.refresh_from_db()
    assert not opened.programme_open
    assert opened.anon_approved_at is not None  # the circle still reads it
    assert not finds(client, programme.zwolle, opened)
    assert finds(client, circle.other_member, opened)


# --- The case form ---------------------------------------------------------------------------
def _new_case(programme, **fields):
    return {
        "title": "Een nieuwe casus",
        "dilemma": programme.dilemma.pk,
        "situation": "Wat er speelde.",
        "question": "Wat doe je?",
        "rollen": [Rol.objects.get(slug="faciliteren").pk],
        "visibility": "leerkring",
        "publiceren": "1",
        **fields,
    }


def test_opening_without_anonymising_is_a_clear_form_error(client, circle, programme):
    client.force_login(circle.member)
    form = client.get("/dilemmas/casussen/nieuw/").text
    assert "Deel de geanonimiseerde versie ook met het hele programma" in form
    response = client.post("/dilemmas/casussen/nieuw/", _new_case(programme, programme_open="on"))
    assert response.status_code == 200
    assert "Met het hele programma deel je alleen een geanonimiseerde versie." in response.text
    response = client.post(
        "/dilemmas/casussen/nieuw/",
        _new_case(
            programme,
            programme_open="on",
            anonymise="on",
            anon_situation="Anoniem.",
            visibility="gemeente",
        ),
    )
    assert "kun je niet met het programma delen" in response.text
    assert not Casus.objects.filter(title="Een nieuwe casus").exists()
    response = client.post(
        "/dilemmas/casussen/nieuw/",
        _new_case(programme, programme_open="on", anonymise="on", anon_situation="Anoniem."),
    )
    assert response.status_code == 302
    assert Casus.objects.get(title="Een nieuwe casus").programme_open


def test_a_circle_without_programme_does_not_offer_it(client, programme):
    client.force_login(programme.enschede)
    form = client.get("/dilemmas/casussen/nieuw/").text
    assert "Kies een dilemma" in form
    assert "ook met het hele programma" not in form


def test_the_case_form_offers_the_dilemmas_shared_with_the_circle(client, programme):
    client.force_login(programme.zwolle)
    form = client.get("/dilemmas/casussen/nieuw/").text
    assert f'<option value="{programme.dilemma.pk}"' in form
    assert "Bemiddelen (Leerkring Berkelland)" in form
    response = client.post("/dilemmas/casussen/nieuw/", _new_case(programme))
    assert response.status_code == 302
    casus = Casus.objects.get(title="Een nieuwe casus")
    assert casus.leerkring == programme.b and casus.dilemma == programme.dilemma
    # A dilemma of a circle that did not share it is refused.
    elsewhere = DilemmaFactory(leerkring=programme.c, title="Elders", slug="elders")
    response = client.post("/dilemmas/casussen/nieuw/", _new_case(programme, dilemma=elsewhere.pk))
    assert response.status_code == 200
    assert not Casus.objects.filter(dilemma=elsewhere).exists()


# --- Shared dilemmas -------------------------------------------------------------------------
def test_the_dilemma_page_shows_every_circles_cases_and_conclusions(
    client, circle, programme, opened, make_casus
):
    approve(circle, opened)
    services.casus_create(
        author=programme.zwolle,
        leerkring=programme.b,
        dilemma=programme.dilemma,
        rollen=Rol.objects.filter(slug="sturen"),
        waarden=Waarde.objects.none(),
        publish=True,
        title="Zwolle zoekt het uit",
        situation="Zo ging het.",
        question="En nu?",
    )
    client.force_login(programme.zwolle)
    page = main(client.get(f"/dilemmas/{programme.a.slug}/bemiddelen/"))
    a_part = page.split('id="kring-kring-b"')[0].split(f'id="kring-{programme.a.slug}"')[1]
    b_part = page.split('id="kring-kring-b"')[1]
    assert "Leerkring Berkelland" in a_part
    assert "Kring A zag <strong>ruimte</strong> voor bewoners." in a_part
    assert ANON_TITLE in a_part and ORIGINAL_TITLE not in a_part
    assert "Leerkring Zwolle" in b_part
    assert "Kring B koos voor <strong>bemiddeling</strong>." in b_part
    assert "Zwolle zoekt het uit" in b_part
    # The charts count the cases of every circle.
    assert page.count("<svg") == 2
    assert "Over dit dilemma zijn 2 casussen ingebracht." in page
    # Someone outside reads the conclusions, not the cases.
    client.logout()
    page = main(client.get(f"/dilemmas/{programme.a.slug}/bemiddelen/"))
    assert "Kring B koos voor <strong>bemiddeling</strong>." in page
    assert ANON_TITLE not in page and "Zwolle zoekt het uit" not in page


def test_the_shared_dilemmas_address_in_another_circle_leads_to_its_own(client, programme):
    response = client.get(f"/dilemmas/{programme.b.slug}/bemiddelen/")
    assert response.status_code == 302
    assert response["Location"] == f"/dilemmas/{programme.a.slug}/bemiddelen/"
    client.force_login(programme.zwolle)
    assert client.get(f"/dilemmas/{programme.c.slug}/bemiddelen/").status_code == 404


def test_the_dilemma_list_shows_shared_dilemmas_under_each_circle(client, programme):
    page = main(client.get("/dilemmas/"))
    b_part = page.split("Leerkring Zwolle", 1)[1]
    assert "Bemiddelen" in b_part
    assert "Gedeeld dilemma, ingebracht door Leerkring Berkelland" in b_part


def test_a_researcher_of_the_sharing_circle_writes_its_conclusions(client, circle, programme):
    url = f"/dilemmas/{programme.b.slug}/bemiddelen/bewerken/"
    client.force_login(circle.researcher)  # researches A, not B
    assert client.get(url).status_code == 404
    client.force_login(programme.researcher_b)
    assert client.get(f"/dilemmas/{programme.a.slug}/bemiddelen/bewerken/").status_code == 404
    assert (
        "Conclusies van Leerkring Zwolle bewerken"
        in client.get(f"/dilemmas/{programme.a.slug}/bemiddelen/").text
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"conclusions": "Nieuw *inzicht*."})
    assert response.status_code == 302
    page = main(client.get(f"/dilemmas/{programme.a.slug}/bemiddelen/"))
    assert "Nieuw <em>inzicht</em>." in page


# --- Query counts ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [LIBRARY, LIBRARY + "?q=buurthuis", "/zoeken/?q=buurthuis", "/dilemmas/", "dilemma"],
)
def test_queries_do_not_grow_with_the_number_of_circles(
    client, circle, programme, make_casus, django_assert_max_num_queries, url
):
    def add_circles(n, start):
        for i in range(start, start + n):
            kring = LeerkringFactory(
                title=f"Kring {i}", slug=f"kring-{i}", programma=programme.programma
            )
            DilemmaGedeeld.objects.create(
                dilemma=programme.dilemma, leerkring=kring, conclusions="C"
            )
            DilemmaFactory(leerkring=kring, title=f"Eigen {i}", slug=f"eigen-{i}")
            author = member_of(kring, f"Gemeente {i}", f"gemeente-x{i}")
            casus = services.casus_create(
                author=author,
                leerkring=kring,
                dilemma=programme.dilemma,
                rollen=Rol.objects.filter(slug="faciliteren"),
                waarden=Waarde.objects.filter(slug="deliberatie"),
                publish=True,
                title=f"Buurthuis {i}",
                situation="Over het buurthuis.",
                question="?",
                anonymise=True,
                anon_title=f"Anoniem buurthuis {i}",
                anon_situation="Een buurthuis.",
                anon_question="?",
                programme_open=True,
            )
            approve(circle, casus)

    if url == "dilemma":
        url = f"/dilemmas/{programme.a.slug}/bemiddelen/"
    add_circles(2, 0)
    client.force_login(programme.zwolle)

    def count():
        with django_assert_max_num_queries(40) as captured:
            response = client.get(url)
            assert response.status_code == 200
        return len(captured), response.text

    small, html = count()
    assert "Kring 1" in html
    add_circles(8, 2)
    large, html = count()
    assert "Kring 9" in html
    assert large == small
