"""The meeting documents that the core pipeline renders to PDF: a report version and a
meeting's attendance list. Registered in BijeenkomstenConfig.ready."""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from leerkring.core.charts import bar_chart
from leerkring.core.rendering import Document

from .models import Aanmelding, Bijeenkomst, VerslagVersie

VERSLAG = "verslag"
PRESENTIELIJST = "presentielijst"


def verslag_document(versie_id: int) -> Document:
    versie = VerslagVersie.objects.select_related(
        "verslag__bijeenkomst__leerkring", "verslag__bijeenkomst__host_gemeente"
    ).get(pk=versie_id)
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
        },
        title=versie.title,
        authors=versie.author_list,
        filename=f"verslag-{slugify(bijeenkomst.title)[:60]}-v{versie.number}.pdf",
    )


def presentielijst_document(bijeenkomst_id: int) -> Document:
    bijeenkomst = Bijeenkomst.objects.select_related("leerkring", "host_gemeente").get(
        pk=bijeenkomst_id
    )
    aanmeldingen = (
        bijeenkomst.aanmeldingen.filter(
            status__in=(Aanmelding.Status.REGISTERED, Aanmelding.Status.ATTENDED)
        )
        .select_related("deelnemer", "gemeente", "werkgroep")
        .order_by("gemeente__name", "deelnemer__name")
    )
    start = timezone.localtime(bijeenkomst.starts_at)
    return Document(
        template="bijeenkomsten/pdf/presentielijst.html",
        context={
            "bijeenkomst": bijeenkomst,
            "leerkring": bijeenkomst.leerkring,
            "aanmeldingen": aanmeldingen,
        },
        title=_("Presentielijst: %(title)s") % {"title": bijeenkomst.title},
        filename=f"presentielijst-{start:%Y-%m-%d}-{slugify(bijeenkomst.title)[:60]}.pdf",
    )
