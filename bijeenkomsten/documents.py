"""The meeting documents that the core pipeline renders to PDF, each declared as one PdfKind:
a report version and a meeting's attendance list. Registered in BijeenkomstenConfig.ready."""

import hashlib

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from leerkring.core.charts import bar_chart
from leerkring.core.rendering import Document, PdfKind

from .models import Aanmelding, Bijeenkomst, VerslagVersie
from .selectors import attendance as attendance_selectors
from .selectors import documenten as documenten_selectors
from .selectors import evaluatie as evaluatie_selectors

VERSLAG = "verslag"
PRESENTIELIJST = "presentielijst"
# Who is on the attendance list: registered, or there.
ON_THE_LIST = (Aanmelding.Status.REGISTERED, Aanmelding.Status.ATTENDED)


# --- A version of a report --------------------------------------------------------------------
def verslag_versie_get(versie_id: int) -> VerslagVersie:
    return VerslagVersie.objects.select_related(
        "verslag__bijeenkomst__leerkring", "verslag__bijeenkomst__host_gemeente"
    ).get(pk=versie_id)


def verslag_version(versie: VerslagVersie) -> str:
    """A version of a report never changes; the meeting it reports on may (its title, place),
    and so may the documents it lists (added, deleted, renamed, made visible to fewer): one
    query reads what the PDF shows of them and hashes it."""
    bijeenkomst = versie.verslag.bijeenkomst
    listed = [
        (d.pk, d.title, d.kind, d.size, d.werkgroep.title if d.werkgroep else "")
        for d in documenten_selectors.documenten_for_report(bijeenkomst=bijeenkomst)
    ]
    documents = hashlib.sha256(repr(listed).encode()).hexdigest()[:16]
    # The questionnaire's results, when chosen for the PDF (selectors.evaluatie).
    evaluatie = evaluatie_selectors.results_fingerprint(
        evaluatie=evaluatie_selectors.evaluatie_of(bijeenkomst=bijeenkomst)
    )
    return f"{versie.pk}@{bijeenkomst.updated_at.isoformat()}:{documents}:{evaluatie}"


def verslag_evaluatie(bijeenkomst: Bijeenkomst):
    """The results of the meeting's questionnaire for the report's PDF, when the researchers
    chose to put them in (the PDF shows the statements only; selectors.evaluatie decides
    whether there are enough answers to show them); None otherwise."""
    evaluatie = evaluatie_selectors.evaluatie_of(bijeenkomst=bijeenkomst)
    if evaluatie is None or not evaluatie.is_sent or not evaluatie.in_report:
        return None
    return evaluatie_selectors.evaluatie_results(evaluatie=evaluatie)


def verslag_filename(versie: VerslagVersie) -> str:
    title = slugify(versie.verslag.bijeenkomst.title)[:60]
    return f"verslag-{title}-v{versie.number}.pdf"


def verslag_page_url(versie: VerslagVersie) -> str:
    """The report's page for the newest version, else the page of this older one."""
    bijeenkomst_id = versie.verslag.bijeenkomst_id
    newer = VerslagVersie.objects.filter(verslag_id=versie.verslag_id, number__gt=versie.number)
    if not newer.exists():
        return reverse("bijeenkomsten:verslag", args=[bijeenkomst_id])
    return reverse("bijeenkomsten:verslag-versie", args=[bijeenkomst_id, versie.number])


def verslag_failed_links(ids: list[int], circles) -> dict[int, str]:
    return {
        versie["pk"]: reverse(
            "bijeenkomsten:verslag-versie",
            kwargs={"pk": versie["verslag__bijeenkomst_id"], "number": versie["number"]},
        )
        for versie in VerslagVersie.objects.filter(
            pk__in=ids, verslag__bijeenkomst__leerkring_id__in=circles
        ).values("pk", "number", "verslag__bijeenkomst_id")
    }


def verslag_document(versie: VerslagVersie) -> Document:
    bijeenkomst = versie.verslag.bijeenkomst
    toc = [{"id": "verloop", "title": _("Verloop van de dag"), "level": 1}]
    if versie.conclusions:
        toc.append({"id": "conclusies", "title": _("Conclusies van de dag"), "level": 1})
    groups = [g for g in versie.werkgroepen if g.get("conclusions")]
    if groups:
        toc.append({"id": "werkgroepen", "title": _("Werkgroepen"), "level": 1})
        toc += [
            {"id": f"werkgroep-{i}", "title": g["title"], "level": 2}
            for i, g in enumerate(groups, start=1)
        ]
    if versie.figures:
        toc.append({"id": "cijfers", "title": _("In cijfers"), "level": 1})
    documenten = documenten_selectors.documenten_for_report(bijeenkomst=bijeenkomst)
    if documenten:
        toc.append({"id": "documenten", "title": _("Documenten"), "level": 1})
    evaluatie = verslag_evaluatie(bijeenkomst)
    if evaluatie is not None:
        toc.append({"id": "evaluatie", "title": _("Evaluatie door de deelnemers"), "level": 1})
    gemeenten = (versie.figures or {}).get("gemeenten") or []
    chart = (
        bar_chart(
            title=_("Deelnemers per gemeente"),
            rows=[(row["naam"], row["aantal"]) for row in gemeenten],
            chart_id="grafiek-deelnemers",
            label_header=_("Gemeente"),
            value_header=_("Deelnemers"),
        )
        if gemeenten
        else None
    )
    return Document(
        template="bijeenkomsten/pdf/verslag.html",
        context={
            "versie": versie,
            "bijeenkomst": bijeenkomst,
            "leerkring": bijeenkomst.leerkring,
            "groups": groups,
            "toc": toc,
            "chart": chart,
            "documenten": documenten,
            "evaluatie": evaluatie,
        },
        title=versie.title,
        authors=versie.author_list,
        filename=verslag_filename(versie),
    )


VERSLAG_PDF = PdfKind(
    kind=VERSLAG,
    get_object=verslag_versie_get,
    build=verslag_document,
    version=verslag_version,
    permission="bijeenkomsten.view_verslagversie",
    retry_permission="bijeenkomsten.manage_verslagversie",
    filename=verslag_filename,
    page_url=verslag_page_url,
    failed_links=verslag_failed_links,
)


# --- A meeting's attendance list --------------------------------------------------------------
def presentielijst_get(bijeenkomst_id: int) -> Bijeenkomst:
    return Bijeenkomst.objects.select_related("leerkring", "host_gemeente").get(pk=bijeenkomst_id)


def presentielijst_version(bijeenkomst: Bijeenkomst) -> str:
    """The list changes with the registrations, which keep no time of change: one query reads
    what the list shows of each (no template is rendered) and hashes it, with the time the
    meeting itself last changed."""
    rows = (
        bijeenkomst.aanmeldingen.filter(status__in=ON_THE_LIST)
        .order_by("pk")
        .values_list(
            "pk",
            "status",
            "deelnemer__name",
            "deelnemer__email",
            "deelnemer__is_removed",
            "gemeente__name",
            "werkgroep__title",
            "walk_in",
        )
    )
    listed = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return f"{bijeenkomst.updated_at.isoformat()}:{bijeenkomst.leerkring.title}:{listed}"


def presentielijst_filename(bijeenkomst: Bijeenkomst) -> str:
    start = timezone.localtime(bijeenkomst.starts_at)
    return f"presentielijst-{start:%Y-%m-%d}-{slugify(bijeenkomst.title)[:60]}.pdf"


def presentielijst_page_url(bijeenkomst: Bijeenkomst) -> str:
    return reverse("bijeenkomsten:presentielijst-pdf", args=[bijeenkomst.pk])


def presentielijst_failed_links(ids: list[int], circles) -> dict[int, str]:
    return {
        pk: reverse("bijeenkomsten:presentielijst", kwargs={"pk": pk})
        for pk in Bijeenkomst.objects.filter(pk__in=ids, leerkring_id__in=circles).values_list(
            "pk", flat=True
        )
    }


def presentielijst_document(bijeenkomst: Bijeenkomst) -> Document:
    # The same list, in the same order, as the page and the print view.
    aanmeldingen = attendance_selectors.presentielijst(bijeenkomst=bijeenkomst)
    return Document(
        template="bijeenkomsten/pdf/presentielijst.html",
        context={
            "bijeenkomst": bijeenkomst,
            "leerkring": bijeenkomst.leerkring,
            "aanmeldingen": aanmeldingen,
        },
        title=_("Presentielijst: %(title)s") % {"title": bijeenkomst.title},
        filename=presentielijst_filename(bijeenkomst),
    )


PRESENTIELIJST_PDF = PdfKind(
    kind=PRESENTIELIJST,
    get_object=presentielijst_get,
    build=presentielijst_document,
    version=presentielijst_version,
    permission="bijeenkomsten.manage",
    retry_permission="bijeenkomsten.manage",
    filename=presentielijst_filename,
    page_url=presentielijst_page_url,
    failed_links=presentielijst_failed_links,
)
