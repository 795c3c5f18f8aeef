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
