"""Slugs that would make a page unreachable. A publication with the slug "feed" would live at
/publicaties/feed/, which the Atom feed answers first. The words taken are read from the
URLconf, so a page added later is protected without anyone keeping a list."""

from django.core.exceptions import ValidationError
from django.urls import get_resolver, reverse
from django.utils.translation import gettext_lazy as _

# Which URL's first variable segment each model's slug fills (docs/decisions.md, D36).
PUBLICATIE = "publicaties"  # /publicaties/<slug>/
GEMEENTE = "gemeenten"  # /gemeenten/<slug>/
LEERKRING = "dilemmas"  # /dilemmas/<leerkring>/<slug>/
PROGRAMMA = "programma"  # /programma/<slug>/


def reserved_slugs(namespace: str) -> frozenset[str]:
    """The first path segments of the fixed URLs inside `namespace` ("feed", "nieuw", …):
    a slug equal to one of them would be shadowed by that page."""
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    taken = set()
    for pattern in resolver.url_patterns:
        first = str(pattern.pattern).split("/", 1)[0]
        if first and "<" not in first and not first.startswith("^"):
            taken.add(first.lower())
    if namespace == LEERKRING:
        # A circle's address also follows /programma/<slug>/beheer/kringen/, beside the form
        # for a new circle ("nieuw").
        create = reverse("programma:leerkring-create", args=["x"]).rstrip("/").rsplit("/", 1)
        taken.add(create[-1].lower())
    return frozenset(taken)


def validate_slug_not_route(slug: str, *, namespace: str) -> None:
    if slug and slug.lower() in reserved_slugs(namespace):
        raise ValidationError(
            _("‘%(slug)s’ is al het adres van een andere pagina. Kies een andere korte naam."),
            code="reserved",
            params={"slug": slug},
        )


def is_reserved(slug: str, *, namespace: str) -> bool:
    return slug.lower() in reserved_slugs(namespace)
