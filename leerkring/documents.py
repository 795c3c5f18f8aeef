"""The certificates of participation as PDF, each declared as one PdfKind (registered in
LeerkringConfig.ready): a person's own for one circle (object: a gemeenten.Deelnamebewijs, one
per confirmed membership and circle) and all those of a municipality in a circle, in one file for
its coordinator (object: the admitted Deelname).

They live in the project package because a certificate combines meetings, cases and
municipalities (leerkring/deelnamebewijs.py reads them)."""

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gemeenten.models import Deelname, Deelnamebewijs
from leerkring.core.rendering import Document, PdfKind

from . import deelnamebewijs as bewijs

DEELNAMEBEWIJS = "deelnamebewijs"
DEELNAMEBEWIJZEN = "deelnamebewijzen"
TEMPLATE = "leerkring/pdf/deelnamebewijs.html"


# --- One person's certificate for one circle --------------------------------------------------
# Object: a gemeenten.Deelnamebewijs (one per membership and circle, issue 20). The kind kept its
# name; the jobs made before, one per membership, were removed by gemeenten migration 0005.
def deelnamebewijs_version(deelnamebewijs: Deelnamebewijs) -> str:
    """What the certificate shows, hashed: the rows it is built from (four queries), and the
    names in its title."""
    rows = bewijs.fingerprint(bewijs.bewijs_of(deelnamebewijs))
    name = deelnamebewijs.lidmaatschap.user.display_name
    return f"{name}\n{deelnamebewijs.leerkring.title}\n{rows}"


def deelnamebewijs_filename(deelnamebewijs: Deelnamebewijs) -> str:
    lidmaatschap = deelnamebewijs.lidmaatschap
    name = slugify(lidmaatschap.user.name)[:60] or str(lidmaatschap.pk)
    circle = slugify(deelnamebewijs.leerkring.title)[:40] or str(deelnamebewijs.leerkring_id)
    return f"deelnamebewijs-{name}-{circle}.pdf"


def deelnamebewijs_page_url(deelnamebewijs: Deelnamebewijs) -> str:
    return reverse(
        "deelnamebewijs-kring",
        args=[deelnamebewijs.lidmaatschap_id, deelnamebewijs.leerkring.slug],
    )


def deelnamebewijs_failed_links(ids: list[int], circles) -> dict[int, str]:
    """The page of each certificate among `ids` for one of `circles` (one query)."""
    return {
        pk: reverse("deelnamebewijs-kring", args=[lidmaatschap_id, slug])
        for pk, lidmaatschap_id, slug in Deelnamebewijs.objects.filter(
            pk__in=ids, leerkring_id__in=circles
        ).values_list("pk", "lidmaatschap_id", "leerkring__slug")
    }


def deelnamebewijs_document(deelnamebewijs: Deelnamebewijs) -> Document:
    name = deelnamebewijs.lidmaatschap.user.display_name
    return Document(
        template=TEMPLATE,
        context={"bewijzen": bewijs.bewijs_of(deelnamebewijs), "name": name},
        title=_("Deelnamebewijs van %(name)s, %(circle)s")
        % {"name": name, "circle": deelnamebewijs.leerkring.title},
        filename=deelnamebewijs_filename(deelnamebewijs),
    )


DEELNAMEBEWIJS_PDF = PdfKind(
    kind=DEELNAMEBEWIJS,
    get_object=lambda pk: bewijs.deelnamebewijs_get(pk=pk),
    build=deelnamebewijs_document,
    version=deelnamebewijs_version,
    permission="gemeenten.view_deelnamebewijs_kring",
    retry_permission="gemeenten.retry_deelnamebewijs_kring",
    filename=deelnamebewijs_filename,
    page_url=deelnamebewijs_page_url,
    failed_links=deelnamebewijs_failed_links,
)


# --- A municipality's certificates in one file ------------------------------------------------
def deelnamebewijzen_version(deelname: Deelname) -> str:
    """The rows of every certificate in it, hashed, and the names in its title."""
    rows = bewijs.fingerprint(bewijs.bewijzen_for_deelname(deelname))
    return f"{deelname.gemeente.name}\n{deelname.leerkring.title}\n{rows}"


def deelnamebewijzen_filename(deelname: Deelname) -> str:
    gemeente = slugify(deelname.gemeente.name)[:40] or str(deelname.gemeente_id)
    circle = slugify(deelname.leerkring.title)[:40] or str(deelname.leerkring_id)
    return f"deelnamebewijzen-{gemeente}-{circle}.pdf"


def deelnamebewijzen_page_url(deelname: Deelname) -> str:
    return reverse("deelnamebewijzen", args=[deelname.pk])


def deelnamebewijzen_failed_links(ids: list[int], circles) -> dict[int, str]:
    return {
        pk: reverse("deelnamebewijzen", args=[pk])
        for pk in Deelname.objects.filter(pk__in=ids, leerkring_id__in=circles).values_list(
            "pk", flat=True
        )
    }


def deelnamebewijzen_document(deelname: Deelname) -> Document:
    title = _("Deelnamebewijzen %(gemeente)s, %(circle)s") % {
        "gemeente": deelname.gemeente.name,
        "circle": deelname.leerkring.title,
    }
    return Document(
        template=TEMPLATE,
        context={"bewijzen": bewijs.bewijzen_for_deelname(deelname), "name": ""},
        title=title,
        filename=deelnamebewijzen_filename(deelname),
    )


DEELNAMEBEWIJZEN_PDF = PdfKind(
    kind=DEELNAMEBEWIJZEN,
    get_object=lambda pk: bewijs.deelname_for_bewijzen(pk=pk),
    build=deelnamebewijzen_document,
    version=deelnamebewijzen_version,
    permission="gemeenten.view_deelnamebewijzen",
    retry_permission="gemeenten.retry_deelnamebewijzen",
    filename=deelnamebewijzen_filename,
    page_url=deelnamebewijzen_page_url,
    failed_links=deelnamebewijzen_failed_links,
)
