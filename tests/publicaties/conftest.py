import datetime

import pytest
from django.utils import timezone

from publicaties.models import Publicatie
from publicaties.services import publicatie_save

BODY = "## Inleiding\n\nHet vakmanschap van nu vraagt om een nieuwe rol van de werkgever."


def make_publicatie(circle, *, slug, release_at=None, visibility="openbaar", kind="essay", **kw):
    publicatie = Publicatie(
        leerkring=circle.leerkring,
        slug=slug,
        kind=kind,
        title=kw.pop("title", f"Publicatie {slug}"),
        abstract=kw.pop("abstract", "Een samenvatting."),
        author_names=kw.pop("author_names", "Wieke Blijleven, Merlijn van Hulst"),
        release_at=release_at or timezone.now() - datetime.timedelta(days=1),
        visibility=visibility,
    )
    publicatie_save(publicatie=publicatie, user=circle.researcher, body=kw.pop("body", BODY))
    return publicatie


@pytest.fixture
def make(circle, django_capture_on_commit_callbacks):
    """make_publicatie, with its PDF rendered (tasks run eagerly after commit)."""

    def make_rendered(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return make_publicatie(circle, **kwargs)

    return make_rendered


@pytest.fixture
def publicaties(circle, django_capture_on_commit_callbacks):
    """One publication per (visibility, released or not), their PDFs rendered."""
    with django_capture_on_commit_callbacks(execute=True):
        return _publicaties(circle)


def _publicaties(circle):
    future = timezone.now() + datetime.timedelta(days=30)
    made = {}
    for visibility in ("openbaar", "deelnemers", "coordinatoren"):
        made[(visibility, True)] = make_publicatie(
            circle, slug=f"{visibility}-vrij", visibility=visibility
        )
        made[(visibility, False)] = make_publicatie(
            circle, slug=f"{visibility}-embargo", visibility=visibility, release_at=future
        )
    return made
