"""What is stored about a person in this app (GDPR art. 15 and 20; leerkring.privacy)."""

from ..models import Aanmelding, Document, EvaluatieIngevuld, VerslagVersie
from . import berichten as berichten_selectors


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
                "afgemeld_op": a.cancelled_at.isoformat() if a.cancelled_at else None,
                "reden_van_afmelden": a.cancel_reason,
            }
            for a in Aanmelding.objects.filter(deelnemer=user).select_related(
                "bijeenkomst", "werkgroep"
            )
        ],
        "bijeenkomsten.agendakoppeling": {"heeft_agendalink": hasattr(user, "agendakoppeling")},
        # Messages sent and received (bijeenkomsten.selectors.berichten).
        **berichten_selectors.personal_data(user=user),
        # The documents a researcher uploaded to a meeting (the files are the meeting's).
        "bijeenkomsten.document": [
            {
                "document": d.title,
                "bijeenkomst": d.bijeenkomst.title,
                "geupload_op": d.created_at.isoformat(),
            }
            for d in Document.objects.filter(created_by=user).select_related("bijeenkomst")
        ],
        # Which evaluations the person filled in. The answers are stored without the person
        # (D62), so they cannot be found, and are not part of this export.
        "bijeenkomsten.evaluatieingevuld": [
            {"evaluatie_van": i.evaluatie.bijeenkomst.title}
            for i in EvaluatieIngevuld.objects.filter(user=user).select_related(
                "evaluatie__bijeenkomst"
            )
        ],
        # The report versions a researcher saved; the report is their work, their name goes.
        "bijeenkomsten.verslagversie": [
            {"verslag": v.title, "versie": v.number, "opgeslagen_op": v.created_at.isoformat()}
            for v in VerslagVersie.objects.filter(created_by=user).order_by("pk")
        ],
    }
