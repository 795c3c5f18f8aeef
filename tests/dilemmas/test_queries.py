"""The library, a case page and a dilemma page cost the same number of queries with 5 and with
50 cases (and comments)."""

import pytest

from dilemmas import services


def _count(client, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(30) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["library", "search", "case", "dilemma"])
def test_queries_do_not_grow_from_5_to_50(
    client, circle, make_casus, django_assert_max_num_queries, page
):
    def grow(n):
        cases = [
            make_casus(title=f"Burger {i}", waarden=("deliberatie", "verantwoording"))
            for i in range(n)
        ]
        for casus in cases[:1]:
            for i in range(n):
                services.reactie_create(casus=casus, author=circle.other_member, body=f"R {i}")
        return cases[0]

    first = grow(5)
    url = {
        "library": "/dilemmas/casussen/",
        "search": "/dilemmas/casussen/?q=burger",
        "case": f"/dilemmas/casussen/{first.pk}/",
        "dilemma": f"/dilemmas/{circle.leerkring.slug}/bemiddelen/",
    }[page]
    client.force_login(circle.member)
    small = _count(client, django_assert_max_num_queries, url)
    if page == "case":
        for i in range(45):
            services.reactie_create(casus=first, author=circle.other_member, body=f"Meer {i}")
    else:
        grow(45)
    assert _count(client, django_assert_max_num_queries, url) == small
