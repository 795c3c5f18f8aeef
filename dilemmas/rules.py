import rules

from gemeenten.rules import is_circle_member, is_member
from gemeenten.selectors import viewer_context
from leerkring.core.rules import is_programme_manager, is_researcher

from .selectors import casus_visible_to


@rules.predicate
def can_see_casus(user, casus) -> bool:
    return casus is not None and casus_visible_to(user).filter(pk=casus.pk).exists()


@rules.predicate
def is_casus_author(user, casus) -> bool:
    return casus is not None and user.is_authenticated and casus.author_id == user.pk


@rules.predicate
def researches_casus(user, casus) -> bool:
    return casus is not None and casus.leerkring_id in viewer_context(user).researched


@rules.predicate
def researches_dilemma(user, dilemma) -> bool:
    return dilemma is not None and dilemma.leerkring_id in viewer_context(user).researched


@rules.predicate
def researches_gedeeld(user, gedeeld) -> bool:
    """A researcher of a circle a dilemma is shared with (DilemmaGedeeld): its conclusions."""
    return gedeeld is not None and gedeeld.leerkring_id in viewer_context(user).researched


@rules.predicate
def researches_reactie_circle(user, reactie) -> bool:
    return reactie is not None and reactie.casus.leerkring_id in viewer_context(user).researched


@rules.predicate
def is_reactie_author(user, reactie) -> bool:
    return reactie is not None and user.is_authenticated and reactie.author_id == user.pk


@rules.predicate
def can_see_reactie_casus(user, reactie) -> bool:
    return reactie is not None and can_see_casus(user, reactie.casus)


# A programme's manager reads there the cases opened to the programme (casus_visible_to).
rules.add_perm("dilemmas.view_library", is_circle_member | is_programme_manager)
rules.add_perm("dilemmas.add_casus", is_member)
rules.add_perm("dilemmas.view_casus", can_see_casus)
rules.add_perm("dilemmas.change_casus", is_casus_author & can_see_casus)
rules.add_perm("dilemmas.view_casus_history", can_see_casus & (is_casus_author | researches_casus))
rules.add_perm("dilemmas.approve_anon", can_see_casus & researches_casus)
rules.add_perm("dilemmas.add_reactie", can_see_casus)
rules.add_perm("dilemmas.change_reactie", is_reactie_author & can_see_reactie_casus)
rules.add_perm("dilemmas.hide_reactie", researches_reactie_circle)
rules.add_perm("dilemmas.change_dilemma", researches_dilemma)
rules.add_perm("dilemmas.change_dilemmagedeeld", researches_gedeeld)
# The case library as CSV, for research: the library of the circles they research.
rules.add_perm("dilemmas.export_casussen", is_researcher)
