from django.db import models
from django.utils.translation import gettext_lazy as _


class Kernvraag(models.Model):
    """One of the core questions a circle sets out to answer."""

    leerkring = models.ForeignKey(
        "core.Leerkring",
        verbose_name=_("leerkring"),
        related_name="kernvragen",
        on_delete=models.CASCADE,
    )
    text = models.TextField(_("vraag"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("kernvraag")
        verbose_name_plural = _("kernvragen")
        ordering = ["leerkring", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerkring", "position"], name="dilemmas_kernvraag_unique_position"
            ),
        ]

    def __str__(self):
        return self.text
