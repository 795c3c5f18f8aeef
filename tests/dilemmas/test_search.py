"""Dutch full-text search: stemming, ranking, snippets, and no leaks from anonymised cases."""

import pytest


@pytest.fixture
def library(circle, make_casus):
    return {
        "burger": make_casus(
            title="Overleg in de wijk",
            situation="Een burger vroeg om een bankje bij de school.",
            question="Wat doe je?",
        ),
        "initiatief": make_casus(
            title="Een moestuin",
            situation="Het initiatief kwam van de buurtvereniging.",
            question="Hoe steun je dat?",
        ),
        "best": make_casus(
            title="Burgers en burgerinitiatieven",
            situation="Burgers nemen het initiatief; burgers willen meer ruimte.",
            question="Hoe ga je om met burgers?",
        ),
        "anon": make_casus(
            title="Jansen en de brandweer",
            situation="Meneer Jansen van de Dorpsstraat klaagde.",
            question="?",
            anonymise=True,
            anon_title="Een klacht",
            anon_situation="Een bewoner klaagde over de kazerne.",
            anon_question="?",
        ),
    }


def search(client, circle, q, user=None):
    client.force_login(user or circle.member)
    return client.get("/dilemmas/casussen/", {"q": q}).text


def test_burgers_finds_burger_and_the_best_match_comes_first(client, circle, library):
    html = search(client, circle, "burgers")
    assert "Overleg in de wijk" in html
    assert html.index("Burgers en burgerinitiatieven") < html.index("Overleg in de wijk")
    assert "Een moestuin" not in html


def test_initiatieven_finds_initiatief(client, circle, library):
    html = search(client, circle, "initiatieven")
    assert "Een moestuin" in html
    assert "<mark>initiatief</mark>" in html


def test_search_combines_with_filters_and_says_how_many(client, circle, library, dilemma):
    client.force_login(circle.member)
    html = client.get("/dilemmas/casussen/", {"q": "burgers", "rol": "sturen"}).text
    assert "0 casussen gevonden" in html
    html = client.get("/dilemmas/casussen/", {"q": "burgers", "rol": "faciliteren"}).text
    assert "2 casussen gevonden" in html


def test_outsiders_search_the_anonymised_text_only(client, circle, library):
    from dilemmas.services import casus_anon_approve

    casus_anon_approve(casus=library["anon"], actor=circle.researcher)
    assert "Een klacht" not in search(client, circle, "Jansen", user=circle.other_member)
    assert "Een klacht" in search(client, circle, "kazerne", user=circle.other_member)
    assert "Jansen en de brandweer" in search(client, circle, "Jansen", user=circle.member)


def test_odd_search_input_never_fails(client, circle, library):
    for q in ["", "   ", "&|!", "'; DROP TABLE", '"onaf', "a" * 500, "-", "burger OR"]:
        client.force_login(circle.member)
        assert client.get("/dilemmas/casussen/", {"q": q}).status_code == 200
    assert client.get("/dilemmas/casussen/", {"rol": "bestaat-niet"}).status_code == 200
    assert client.get("/dilemmas/casussen/", {"pagina": "9999"}).status_code == 200


@pytest.mark.parametrize(
    ("word", "also"),
    [
        ("initiatieven", "initiatief"),
        ("initiatief", "initiatieven"),
        ("huizen", "huis"),
        ("huis", "huizen"),
        ("brieven", "brief"),
    ],
)
def test_dutch_variants_join_f_v_and_s_z(word, also):
    from leerkring.core.search import dutch_variants

    assert also in dutch_variants(word)
