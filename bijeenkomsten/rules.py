import rules

from gemeenten.models import Deelname
from gemeenten.rules import is_coordinator
from gemeenten.selectors import viewer_context
from leerkring.core.rules import is_researcher

from .models import Aanmelding, VerslagVersie
from .selectors.berichten import bericht_visible_to
from .selectors.documenten import document_visible


@rules.predicate
def takes_part_in(user, bijeenkomst) -> bool:
    """A member whose municipality takes part in the meeting's circle."""
    return bijeenkomst is not None and bijeenkomst.leerkring_id in viewer_context(user).admitted


@rules.predicate
def researches(user, bijeenkomst) -> bool:
    return bijeenkomst is not None and bijeenkomst.leerkring_id in viewer_context(user).researched


@rules.predicate
def is_public(user, bijeenkomst) -> bool:
    return bijeenkomst is not None and bijeenkomst.is_public


@rules.predicate
def coordinates_in_circle(user, bijeenkomst) -> bool:
    return (
        bijeenkomst is not None
        and is_coordinator(user)
        and user.deelnames_as_coordinator.filter(leerkring_id=bijeenkomst.leerkring_id).exists()
    )


@rules.predicate
def researches_verslag(user, versie) -> bool:
    return versie is not None and researches(user, versie.verslag.bijeenkomst)


@rules.predicate
def reads_published_verslag(user, versie) -> bool:
    """A member of the circle, for the newest version of a published report."""
    return (
        versie is not None
        and versie.verslag.is_published
        and takes_part_in(user, versie.verslag.bijeenkomst)
        and not VerslagVersie.objects.filter(
            verslag_id=versie.verslag_id, number__gt=versie.number
        ).exists()
    )


rules.add_perm("bijeenkomsten.view_bijeenkomst", is_public | takes_part_in | researches)
rules.add_perm("bijeenkomsten.view_details", takes_part_in | researches)
rules.add_perm("bijeenkomsten.register", takes_part_in)
rules.add_perm("bijeenkomsten.manage", researches)
rules.add_perm("bijeenkomsten.add_bijeenkomst", is_researcher)
rules.add_perm("bijeenkomsten.view_attendance", researches | coordinates_in_circle)
rules.add_perm("bijeenkomsten.view_verslag", takes_part_in | researches)
# One version of a report and its PDF (leerkring/core/rendering): the newest, once published,
# for the circle's members; every version and its errors for the researchers.
rules.add_perm("bijeenkomsten.view_verslagversie", researches_verslag | reads_published_verslag)
rules.add_perm("bijeenkomsten.manage_verslagversie", researches_verslag)
# Registrations and attendance across meetings, and their CSV exports: researchers for their
# circles, coordinators for their own municipality
# (bijeenkomsten.selectors.scope.aanmelding_scope).
rules.add_perm("bijeenkomsten.view_aanmeldingen", is_researcher | is_coordinator)


@rules.predicate
def attended(user, bijeenkomst) -> bool:
    """Marked present at the meeting (and still able to log in)."""
    return (
        bijeenkomst is not None
        and user.is_authenticated
        and user.is_active
        and Aanmelding.objects.filter(
            bijeenkomst=bijeenkomst, deelnemer=user, status=Aanmelding.Status.ATTENDED
        ).exists()
    )


# The questionnaire after a meeting: those who were there answer it; the researchers write it,
# send it and read the results, which nobody else sees (bijeenkomsten.selectors.evaluatie).
rules.add_perm("bijeenkomsten.answer_evaluatie", attended)
rules.add_perm("bijeenkomsten.view_evaluatie", researches)


# Writing to participants (bijeenkomsten.services.berichten): a meeting's researchers write to
# its people ("bijeenkomsten.manage"); a circle's researchers to all its members; the
# coordinator of an admitted participation to the people of that municipality. Who reads a
# message is bijeenkomsten.selectors.berichten.bericht_visible_to.
@rules.predicate
def researches_leerkring(user, leerkring) -> bool:
    return leerkring is not None and leerkring.pk in viewer_context(user).researched


@rules.predicate
def coordinates_deelname(user, deelname) -> bool:
    return (
        deelname is not None
        and user.is_authenticated
        and deelname.status == Deelname.Status.ADMITTED
        and deelname.coordinators.filter(pk=user.pk).exists()
    )


@rules.predicate
def reads_bericht(user, bericht) -> bool:
    return bericht is not None and bericht_visible_to(user).filter(pk=bericht.pk).exists()


rules.add_perm("bijeenkomsten.write_leerkring", researches_leerkring)
rules.add_perm("bijeenkomsten.write_gemeente", coordinates_deelname)
rules.add_perm("bijeenkomsten.view_bericht", reads_bericht)


# A meeting's documents: who sees one is bijeenkomsten.selectors.documenten.audience, the one
# rule for the meeting page, the report and the download; the researchers add and delete them.
@rules.predicate
def sees_document(user, document) -> bool:
    return document is not None and document_visible(user=user, document=document)


@rules.predicate
def manages_document(user, document) -> bool:
    return document is not None and researches(user, document.bijeenkomst)


rules.add_perm("bijeenkomsten.view_document", sees_document)
rules.add_perm("bijeenkomsten.manage_document", manages_document)
