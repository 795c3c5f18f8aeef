from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from leerkring.core.selectors import leerkring_list
from leerkring.core.text import clean_line, clean_text

from . import selectors


class PublicatieFeed(Feed):
    """Released public publications, as Atom."""

    feed_type = Atom1Feed
    title = _("Publicaties van de leerkring")
    subtitle = _("Essays en de slotpublicatie van de leerkring, zodra ze openbaar zijn.")
    link = reverse_lazy("publicaties:publicatie-list")

    def feed_url(self):
        return reverse("publicaties:feed")

    def author_name(self):
        return "Leerkring"

    def items(self):
        return selectors.public_feed()

    # Stored text goes through leerkring.core.text: XML 1.0 cannot carry control characters
    # (Django refuses to write them), and rows stored before the forms cleaned their input
    # may hold them.
    def item_title(self, item):
        return clean_line(item.title)

    def item_description(self, item):
        return clean_text(item.abstract)

    def item_link(self, item):
        return reverse("publicaties:publicatie-detail", args=[item.slug])

    def item_guid(self, item):
        return f"{settings.SITE_URL.rstrip('/')}/publicaties/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.release_at

    def item_updateddate(self, item):
        return max(item.release_at, item.updated_at)

    def item_author_name(self, item):
        return clean_line(", ".join(item.author_list)) or "Leerkring"

    def item_categories(self, item):
        return [item.get_kind_display()]


class LeerkringPublicatieFeed(PublicatieFeed):
    """One circle's released public publications, as Atom (a circle in preparation: 404)."""

    login_instead_of_404 = False

    def get_object(self, request, slug):
        return get_object_or_404(leerkring_list(), slug=slug)

    def title(self, obj):
        return _("Publicaties van %(title)s") % {"title": obj.title}

    def subtitle(self, obj):
        return _("Essays en de slotpublicatie van deze leerkring, zodra ze openbaar zijn.")

    def link(self, obj):
        return reverse("publicaties:leerkring-publicaties", args=[obj.slug])

    def feed_url(self, obj):
        return reverse("publicaties:leerkring-feed", args=[obj.slug])

    def items(self, obj):
        return selectors.public_feed(leerkringen=[obj])
