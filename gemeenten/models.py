from django.db import models
from django.utils.translation import gettext_lazy as _


class Partner(models.Model):
    """An organisation that funds or organises a circle (A+O fonds Gemeenten, BZK, VNG, the
    university). Municipalities are not partners: they take part through a Deelname."""

    class Kind(models.TextChoices):
        ORGANISER = "organisator", _("organisator")
        FUNDER = "financier", _("financier")
        KNOWLEDGE = "kennispartner", _("kennispartner")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    leerkringen = models.ManyToManyField(
        "core.Leerkring", verbose_name=_("leerkringen"), related_name="partners", blank=True
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name
