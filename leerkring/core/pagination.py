"""A page of a list and the list's length in one query."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

_TOTAL = "_pagination_total"
MAX_PAGE = 1_000_000


def page_of(queryset: QuerySet, per_page: int, number) -> Page:
    """What `Paginator(queryset, per_page).get_page(number)` gives, in one query instead of two
    while the page exists: every row carries the length of the whole list (COUNT(*) OVER (),
    which PostgreSQL counts before the LIMIT). No number, or one that is not a number, is the
    first page; one past the end, below 1 or beyond MAX_PAGE, is the last page (a count, then
    the page), as with get_page."""
    paginator = Paginator(queryset, per_page)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    # A number no list reaches (an OFFSET past what the database takes: "9" * 40) is past
    # the end: the paginator counts and gives the last page.
    if number < 1 or number > MAX_PAGE or queryset.query.distinct:
        return paginator.get_page(number)
    bottom = (number - 1) * per_page
    rows = list(queryset.annotate(**{_TOTAL: Window(Count("*"))})[bottom : bottom + per_page])
    if not rows:
        if number > 1:
            return paginator.get_page(number)
        paginator.count = 0  # a cached_property: set, it is not asked again
    else:
        paginator.count = getattr(rows[0], _TOTAL)
    return paginator._get_page(rows, number, paginator)
