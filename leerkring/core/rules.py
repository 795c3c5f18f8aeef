"""Who may do what, as predicates (django-rules). Each app combines these in its own rules.py."""

import rules


@rules.predicate
def is_researcher(user) -> bool:
    """A researcher of at least one circle."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_researcher", None)
    if cached is None:
        cached = user._is_researcher = user.leerkringen_as_researcher.exists()
    return cached


rules.add_perm("core.view_auditentry", is_researcher)


@rules.predicate
def is_programme_manager(user) -> bool:
    """A manager of at least one programme of circles (typically a person at the fund)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_programme_manager", None)
    if cached is None:
        cached = user._is_programme_manager = user.programmas_as_manager.exists()
    return cached


@rules.predicate
def manages_programma(user, programma) -> bool:
    """A manager of this programme; the object may also be one of its circles."""
    if not user.is_authenticated or programma is None:
        return False
    programma_id = getattr(programma, "programma_id", programma.pk)
    if programma_id is None:
        return False
    return programma_id in programmes_managed(user)


def programmes_managed(user) -> frozenset[int]:
    """The ids of the programmes the person manages, cached on the user for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_programmes_managed", None)
    if cached is None:
        cached = user._programmes_managed = frozenset(
            user.programmas_as_manager.values_list("id", flat=True)
        )
    return cached


# The programme manager's pages (leerkring/programma/): the object is a Programma or a
# Leerkring of one.
rules.add_perm("core.manage_programma", manages_programma)
