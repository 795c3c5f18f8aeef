"""Pages make the same number of queries whatever the number of rows."""

import pytest

from tests.factories import DeelnameFactory, LidmaatschapFactory


def _grow(circle, n):
    for _ in range(n):
        LidmaatschapFactory(gemeente=circle.breda)
        LidmaatschapFactory(gemeente=circle.breda, status="aangevraagd")
        DeelnameFactory(leerkring=circle.leerkring)  # another admitted municipality


def _count(client, django_assert_max_num_queries, url, budget):
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("anonymous", "/gemeenten/"),
        ("member", "/gemeenten/breda/"),
        ("coordinator", "/gemeenten/breda/"),
        ("researcher", "/gemeenten/verzoeken/"),
    ],
)
def test_query_count_does_not_grow_with_rows(
    client, circle, django_assert_max_num_queries, role, url
):
    if role != "anonymous":
        client.force_login(getattr(circle, role))
    small = _count(client, django_assert_max_num_queries, url, 25)
    _grow(circle, 40)
    large = _count(client, django_assert_max_num_queries, url, 25)
    assert large == small
