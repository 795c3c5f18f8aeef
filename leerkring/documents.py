"""The certificates of participation as PDF, each declared as one PdfKind (registered in
LeerkringConfig.ready): a person's own (object: their confirmed Lidmaatschap) and all those of a
municipality in a circle, in one file for its coordinator (object: the admitted Deelname).

They live in the project package because a certificate combines meetings, cases and
municipalities (leerkring/deelnamebewijs.py reads them)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gemeenten.models import Deelname, Lidmaatschap
from leerkring.core.rendering import Document, PdfKind

from . import deelnamebewijs as bewijs

DEELNAMEBEWIJS = "deelnamebewijs"
DEELNAMEBEWIJZEN = "deelnamebewijzen"
TEMPLATE = "leerkring/pdf/deelnamebewijs.html"


# --- One person's certificate -----------------------------------------------------------------
def deelnamebewijs_version(lidmaatschap: Lidmaatschap) -> str:
    """What the certificate shows, hashed: the rows it is built from (four queries), and the
    name in its title."""
    rows = bewijs.fingerprint(bewijs.bewijzen_for(lidmaatschap))
    return f"{lidmaatschap.user.display_name}\n{rows}"


def deelnamebewijs_filename(lidmaatschap: Lidmaatschap) -> str:
    name = slugify(lidmaatschap.user.name)[:60] or str(lidmaatschap.pk)
    return f"deelnamebewijs-{name}.pdf"


def deelnamebewijs_page_url(lidmaatschap: Lidmaatschap) -> str:
    return reverse("deelnamebewijs", args=[lidmaatschap.pk])


def deelnamebewijs_failed_links(ids: list[int], circles) -> dict[int, str]:
    """The certificate page of each membership among `ids` whose municipality is admitted to
    one of `circles`."""
    return {
        pk: reverse("deelnamebewijs", args=[pk])
        for pk in Lidmaatschap.objects.filter(
            Q(gemeente__deelnames__status=Deelname.Status.ADMITTED)
            & Q(gemeente__deelnames__leerkring_id__in=circles),
            pk__in=ids,
        )
        .values_list("pk", flat=True)
        .distinct()
    }


def deelnamebewijs_document(lidmaatschap: Lidmaatschap) -> Document:
    name = lidmaatschap.user.display_name
    return Document(
        template=TEMPLATE,
        context={"bewijzen": bewijs.bewijzen_for(lidmaatschap), "name": name},
        title=_("Deelnamebewijs van %(name)s") % {"name": name},
        filename=deelnamebewijs_filename(lidmaatschap),
    )


DEELNAMEBEWIJS_PDF = PdfKind(
    kind=DEELNAMEBEWIJS,
    get_object=lambda pk: bewijs.lidmaatschap_for_bewijs(pk=pk),
    build=deelnamebewijs_document,
    version=deelnamebewijs_version,
    permission="gemeenten.view_deelnamebewijs",
    retry_permission="gemeenten.retry_deelnamebewijs",
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
