"""What the meeting views share: the meeting from the URL, and ids from a form."""

from django.http import Http404

from leerkring.core.fields import id_from

from ..models import Bijeenkomst
from ..selectors import detail as detail_selectors


def posted_id(request, name: str) -> int:
    """An id from a form; 0 (which matches nothing) for anything that is not one (id_from)."""
    return id_from(request.POST.get(name, "")) or 0


class BijeenkomstMixin:
    # Views that only check permission and show a title need the meeting row alone, not the
    # programme, work groups and counts of the meeting page.
    light = False

    def get_bijeenkomst(self) -> Bijeenkomst:
        if not hasattr(self, "_bijeenkomst"):
            try:
                if self.light:
                    self._bijeenkomst = Bijeenkomst.objects.select_related("leerkring").get(
                        pk=self.kwargs["pk"]
                    )
                else:
                    self._bijeenkomst = detail_selectors.bijeenkomst_detail(pk=self.kwargs["pk"])
            except Bijeenkomst.DoesNotExist as exc:
                raise Http404 from exc
        return self._bijeenkomst

    def get_permission_object(self):
        return self.get_bijeenkomst()
