"""Every kind of PDF through one declaration (leerkring/core/rendering, PdfKind): the core's
status, download and retry URLs, the document built once per version (only by the worker),
and the researcher's list of failed PDFs of every kind, in one query per kind."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.core import rendering
from leerkring.core.models import RenderJob
from leerkring.core.rendering import Document, PdfKind, services
from leerkring.core.rendering.selectors import render_jobs_failed
from tests.factories import (
    BijeenkomstFactory,
    LeerkringFactory,
    PublicatieFactory,
    PublicatieVersieFactory,
    RenderJobFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted():
    """A kind of this test's own that counts how often its document is built."""
    state = {"version": "1", "built": 0}

    def build(object_id):
        state["built"] += 1
        return Document(
            template="bijeenkomsten/pdf/presentielijst.html",
            context={},
            title="Geteld",
            filename="geteld.pdf",
        )

    rendering.register(
        PdfKind(
            kind="geteld",
            get_object=lambda object_id: object_id,
            build=build,
            version=lambda object_id: state["version"],
            permission="",
            retry_permission="",
            filename=lambda object_id: "geteld.pdf",
            page_url=lambda object_id: "/",
            failed_links=lambda ids, circles: {},
        )
    )
    return state


def test_a_request_compares_versions_and_never_builds_the_document(counted):
    job = services.render_request(kind="geteld", object_id=1)
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderJob.Status.READY, rendered_hash=job.content_hash, file="pdf/geteld.pdf"
    )
    services.render_request(kind="geteld", object_id=1)
    assert counted["built"] == 0
    assert RenderJob.objects.get(pk=job.pk).status == RenderJob.Status.READY
    counted["version"] = "2"
    services.render_request(kind="geteld", object_id=1)
    assert counted["built"] == 0  # the worker builds it, once
    assert RenderJob.objects.get(pk=job.pk).status == RenderJob.Status.QUEUED


def test_an_unknown_kind_or_object_is_a_404(client, circle):
    client.force_login(circle.researcher)
    assert client.get(reverse("pdf-status", args=["onbekend", 1])).status_code == 404
    assert client.get(reverse("pdf-download", args=["verslag", 999_999])).status_code == 404
    assert client.post(reverse("pdf-retry", args=["presentielijst", 999_999])).status_code == 404


def test_the_retry_of_a_kind_is_for_whom_its_declaration_names(client, circle):
    bijeenkomst = BijeenkomstFactory(leerkring=circle.leerkring)
    job = RenderJobFactory(kind="presentielijst", object_id=bijeenkomst.pk, status="failed")
    url = reverse("pdf-retry", args=["presentielijst", bijeenkomst.pk])
    client.force_login(circle.member)
    assert client.post(url).status_code == 404
    client.force_login(circle.researcher)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "bijeenkomsten:presentielijst-pdf", args=[bijeenkomst.pk]
    )
    job.refresh_from_db()
    assert job.status != RenderJob.Status.FAILED


def test_failed_pdfs_of_every_kind_in_one_query_per_kind(circle):
    elsewhere = LeerkringFactory()
    ours = BijeenkomstFactory(leerkring=circle.leerkring)
    theirs = BijeenkomstFactory(leerkring=elsewhere)
    versie = PublicatieVersieFactory(publicatie=PublicatieFactory(leerkring=circle.leerkring))
    for kind, object_id in (
        ("presentielijst", ours.pk),
        ("presentielijst", theirs.pk),
        ("publicatie", versie.pk),
    ):
        RenderJobFactory(kind=kind, object_id=object_id, status="failed", title=kind)
    with CaptureQueriesContext(connection) as queries:
        failed = render_jobs_failed(circles={circle.leerkring.pk}, limit=8)
    # The jobs, then one query for each kind that has failed jobs.
    assert len(queries) == 3
    assert {(item["job"].kind, item["job"].object_id) for item in failed} == {
        ("presentielijst", ours.pk),
        ("publicatie", versie.pk),
    }
    links = {item["job"].kind: item["url"] for item in failed}
    assert links["presentielijst"] == reverse("bijeenkomsten:presentielijst", args=[ours.pk])
    slug = versie.publicatie.slug
    assert links["publicatie"] == reverse("publicaties:publicatie-detail", args=[slug])
