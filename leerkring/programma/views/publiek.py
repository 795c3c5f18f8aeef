"""The programme's public pages: the programme with its circles and figures, the publications
of every circle, and their Atom feed. Everyone may see them; a circle in preparation never
appears, and of the publications only what the public may see."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leerkring.core.pagination import page_of
from publicaties.feeds import PublicatieFeed

from ..selectors import publicaties as publicatie_selectors
from ..selectors.kringen import programma_get
from ..selectors.publiek import programma_page

PER_PAGE = 20


class ProgrammaDetailView(TemplateView):
    template_name = "programma/programma_detail.html"
    # Everything here is public: an unknown programme is a 404 for everyone, not a log-in.
    login_instead_of_404 = False

    def get_context_data(self, **kwargs):
        programma = programma_get(slug=self.kwargs["slug"])
        return super().get_context_data(**programma_page(programma=programma), **kwargs)


class ProgrammaPublicatiesView(TemplateView):
    """Every circle's public publications, newest first, each naming its circle; paged."""

    template_name = "programma/programma_publicaties.html"
    login_instead_of_404 = False

    def get_context_data(self, **kwargs):
        programma = programma_get(slug=self.kwargs["slug"])
        page = page_of(
            publicatie_selectors.programma_publicaties(programma=programma),
            PER_PAGE,
            self.request.GET.get("pagina"),
        )
        return super().get_context_data(
            programma=programma, page=page, publicaties=page.object_list, **kwargs
        )


class ProgrammaFeed(PublicatieFeed):
    """The programme's publications as Atom: publicaties' feed (its cleaning of stored text
    included), of the programme's circles, each item naming its circle."""

    login_instead_of_404 = False

    def get_object(self, request, slug):
        return programma_get(slug=slug)

    def title(self, obj):
        return _("Publicaties van %(title)s") % {"title": obj.title}

    def subtitle(self, obj):
        return obj.summary or _("Publicaties van de leerkringen van het programma.")

    def link(self, obj):
        return reverse("programma:programma-publicaties", args=[obj.slug])

    def feed_url(self, obj):
        return reverse("programma:programma-feed", args=[obj.slug])

    def items(self, obj):
        return publicatie_selectors.programma_feed(programma=obj)

    def item_categories(self, item):
        return [item.get_kind_display(), item.leerkring.title]
