"""What is stored about a person in this app (GDPR art. 15 and 20; leerkring.privacy)."""

from ..models import Aanmelding, VerslagVersie


def personal_data(*, user) -> dict:
    return {
        "bijeenkomsten.aanmelding": [
            {
                "bijeenkomst": a.bijeenkomst.title,
                "begint": a.bijeenkomst.starts_at.isoformat(),
                "status": a.status,
                "werkgroep": a.werkgroep.title if a.werkgroep else None,
                "dieetwensen": a.diet,
                "toegankelijkheid": a.accessibility,
                "aangemeld_op": a.created_at.isoformat(),
            }
            for a in Aanmelding.objects.filter(deelnemer=user).select_related(
                "bijeenkomst", "werkgroep"
            )
        ],
        "bijeenkomsten.agendakoppeling": {"heeft_agendalink": hasattr(user, "agendakoppeling")},
        # The report versions a researcher saved; the report is their work, their name goes.
        "bijeenkomsten.verslagversie": [
            {"verslag": v.title, "versie": v.number, "opgeslagen_op": v.created_at.isoformat()}
            for v in VerslagVersie.objects.filter(created_by=user).order_by("pk")
        ],
    }
