"""Who sees which document of a meeting: one rule (`audience`) that the meeting page, the
report's page, the report's PDF and the download all ask."""

from django.db.models import F, Q

from gemeenten.selectors import viewer_context

from ..models import Aanmelding, Bijeenkomst, Document

Visibility = Document.Visibility
EVERY_VISIBILITY = frozenset(Visibility.values)
# The report's PDF is one file for all its readers: the circle's members and its researchers
# (rules: view_verslagversie). So it lists what every member may see, never what only the
# people who had a seat may see.
REPORT_READERS = frozenset({Visibility.PUBLIC, Visibility.MEMBERS})
# The meeting's own documents first, then per work group, oldest first.
ORDER = (F("werkgroep__title").asc(nulls_first=True), "werkgroep_id", "created_at", "pk")


def audience(*, user, bijeenkomst: Bijeenkomst) -> frozenset[str]:
    """The visibilities of the meeting's documents this person may see. The one rule:

    - "iedereen": anyone, while the meeting is public; at a meeting that is not (any more)
      public, the circle's members, as "deelnemers van de leerkring";
    - "deelnemers van de leerkring": the members whose municipality takes part in the circle;
    - "wie een plek had": the people registered for the meeting or marked present (not the
      waiting list, not who cancelled). Someone who had a seat sees the members' documents
      too: they were there.

    The circle's researchers see every document; None is a visitor who is not logged in. At
    most one query (the seat)."""
    if user is not None and user.is_authenticated:
        context = viewer_context(user)
        if bijeenkomst.leerkring_id in context.researched:
            return EVERY_VISIBILITY
        seated = Aanmelding.objects.filter(
            bijeenkomst=bijeenkomst, deelnemer=user, status__in=Aanmelding.SEATED
        ).exists()
        if seated:
            return EVERY_VISIBILITY
        if bijeenkomst.leerkring_id in context.admitted:
            return REPORT_READERS
    return frozenset({Visibility.PUBLIC}) if bijeenkomst.is_public else frozenset()


def manages(*, user, bijeenkomst: Bijeenkomst) -> bool:
    """The circle's researchers add and delete documents, and see those being checked or
    refused."""
    return (
        user is not None
        and user.is_authenticated
        and bijeenkomst.leerkring_id in viewer_context(user).researched
    )


def _visible_filter(visibilities) -> Q:
    return Q(status=Document.Status.ACCEPTED, visibility__in=sorted(visibilities))


def documenten_visible(
    *, user, bijeenkomst: Bijeenkomst, include_pending: bool = True
) -> list[Document]:
    """The meeting's documents this person may see (the rule: `audience`), accepted ones only,
    those of the meeting first, then per work group; the researchers also see those still
    being checked or refused (unless not `include_pending`: the report's page). At most three
    queries, however many documents."""
    visibilities = audience(user=user, bijeenkomst=bijeenkomst)
    if not visibilities:
        return []
    documenten = Document.objects.filter(bijeenkomst=bijeenkomst)
    if not (include_pending and manages(user=user, bijeenkomst=bijeenkomst)):
        documenten = documenten.filter(_visible_filter(visibilities))
    return list(documenten.select_related("werkgroep").order_by(*ORDER))


def document_visible(*, user, document: Document) -> bool:
    """Whether this person may download this document: accepted, and its visibility within
    their `audience`."""
    return document.is_accepted and document.visibility in audience(
        user=user, bijeenkomst=document.bijeenkomst
    )


def documenten_for_report(*, bijeenkomst: Bijeenkomst) -> list[Document]:
    """The documents the report's PDF lists: accepted, visible to every reader of the report
    (REPORT_READERS), as `audience` decides for a member of the circle."""
    return list(
        Document.objects.filter(_visible_filter(REPORT_READERS), bijeenkomst=bijeenkomst)
        .select_related("werkgroep")
        .order_by(*ORDER)
    )


def document_for_manage(*, bijeenkomst: Bijeenkomst, document_id: int) -> Document | None:
    """One document of the meeting, whatever its state (for the researchers' pages)."""
    return (
        Document.objects.filter(bijeenkomst=bijeenkomst, pk=document_id)
        .select_related("werkgroep", "bijeenkomst")
        .first()
    )
