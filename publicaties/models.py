from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.core import slugs
from leerkring.core.storage import private_storage

from .uploads import refusal_message


def _private_storage():
    # Looked up on every use, not when the model loads (leerkring.core.storage).
    return private_storage()


class Publicatie(models.Model):
    """An essay, the closing publication or another document of a circle. Its text is a
    Markdown body rendered to PDF by the shared pipeline, or an uploaded PDF; every change of
    either is a new version. It is released at `release_at` (the embargo) to whom its
    visibility says; coordinators and researchers of the circle may read it before."""

    class Kind(models.TextChoices):
        ESSAY = "essay", _("essay")
        CLOSING = "slotpublicatie", _("slotpublicatie")
        OTHER = "overig", _("overig")

    class Visibility(models.TextChoices):
        PUBLIC = "openbaar", _("iedereen (openbaar)")
        MEMBERS = "deelnemers", _("deelnemers van de leerkring")
        COORDINATORS = "coordinatoren", _("coördinatoren en onderzoekers")

    leerkring = models.ForeignKey(
        "core.Leerkring",
        verbose_name=_("leerkring"),
        related_name="publicaties",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=250)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    abstract = models.TextField(_("samenvatting"))
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteurs met een account"),
        related_name="publicaties",
        blank=True,
    )
    author_names = models.CharField(
        _("andere auteurs"),
        max_length=300,
        blank=True,
        help_text=_("Namen gescheiden door komma's, voor auteurs zonder account."),
    )
    release_at = models.DateTimeField(
        _("vrijgeven op"),
        help_text=_("Tot dit moment zien alleen coördinatoren en onderzoekers de publicatie."),
    )
    visibility = models.CharField(
        _("zichtbaar voor"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    cover = models.FileField(
        _("omslagafbeelding"), storage=_private_storage, max_length=300, blank=True
    )
    cover_alt = models.CharField(
        _("beschrijving van de afbeelding"),
        max_length=250,
        blank=True,
        help_text=_("Voor wie de afbeelding niet kan zien."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Title and abstract for the site search, kept by a trigger (publicaties migration 0003).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        ordering = ["-release_at", "title"]
        indexes = [GinIndex(fields=["search_vector"], name="publicaties_search")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cover="") | ~models.Q(cover_alt=""),
                name="publicaties_publicatie_cover_has_alt",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        # The slug must not be the address of another page (leerkring/core/slugs.py).
        super().clean()
        try:
            slugs.validate_slug_not_route(self.slug, namespace=slugs.PUBLICATIE)
        except ValidationError as error:
            raise ValidationError({"slug": error}) from None

    def is_released(self, now=None) -> bool:
        return self.release_at <= (now or timezone.now())

    @property
    def author_list(self) -> list[str]:
        """Linked people first (in their current names), then the other names."""
        linked = [user.display_name for user in self.authors.all()]
        others = [name.strip() for name in self.author_names.split(",") if name.strip()]
        return linked + others


class PublicatieVersie(models.Model):
    publicatie = models.ForeignKey(
        Publicatie, verbose_name=_("publicatie"), related_name="versies", on_delete=models.CASCADE
    )
    number = models.PositiveIntegerField(_("versie"))
    body = models.TextField(_("tekst"), blank=True, help_text=_("Markdown."))
    file = models.FileField(_("PDF"), storage=_private_storage, max_length=300, blank=True)
    note = models.CharField(_("wat is er veranderd"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeslagen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now)

    class Meta:
        verbose_name = _("versie van een publicatie")
        verbose_name_plural = _("versies van publicaties")
        ordering = ["publicatie", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["publicatie", "number"], name="publicaties_versie_unique"
            ),
            models.CheckConstraint(
                condition=(models.Q(body="") & ~models.Q(file=""))
                | (~models.Q(body="") & models.Q(file="")),
                name="publicaties_versie_body_or_file",
            ),
        ]

    def __str__(self):
        return f"{self.publicatie.title} (v{self.number})"

    @property
    def is_upload(self) -> bool:
        return bool(self.file)


class Download(models.Model):
    """One download of a publication: who, from which municipality or partner, when. The
    funders ask for the figures per municipality and per partner."""

    publicatie = models.ForeignKey(
        Publicatie, verbose_name=_("publicatie"), related_name="downloads", on_delete=models.CASCADE
    )
    versie = models.ForeignKey(
        PublicatieVersie,
        verbose_name=_("versie"),
        related_name="downloads",
        on_delete=models.CASCADE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publicatie_downloads",
    )
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner = models.ForeignKey(
        "gemeenten.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    # After a year a download forgets who made it and keeps only the month (leerkring/retention).
    # So that "how many people" still adds up, one forgotten download of each person per
    # publication, municipality and partner counts as one person (publicaties.services).
    counts_as_person = models.BooleanField(_("telt als één persoon"), default=False)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.publicatie} – {self.created_at:%Y-%m-%d %H:%M}"


class PdfUpload(models.Model):
    """An uploaded PDF on its way to becoming a version. The file waits in the private
    storage, where no URL reaches it, until a worker has checked it (publicaties/uploads.py):
    accepted, it becomes the publication's next version; refused, the file is deleted and
    the row keeps why, for the researchers. The row is the truth, the task only a messenger:
    the sweeper sends again what waits too long."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wacht op controle")
        CHECKING = "checking", _("wordt gecontroleerd")
        ACCEPTED = "accepted", _("goedgekeurd")
        REFUSED = "refused", _("geweigerd")

    publicatie = models.ForeignKey(
        Publicatie, verbose_name=_("publicatie"), related_name="uploads", on_delete=models.CASCADE
    )
    file = models.FileField(_("PDF"), storage=_private_storage, max_length=300, blank=True)
    note = models.CharField(_("wat is er veranderd"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geüpload op"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    task_id = models.CharField(_("taak"), max_length=64, blank=True)
    queued_at = models.DateTimeField(_("in de wachtrij sinds"), default=timezone.now)
    started_at = models.DateTimeField(_("begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    refusal = models.CharField(_("reden van weigering"), max_length=20, blank=True)
    found = models.CharField(_("gevonden"), max_length=200, blank=True)
    versie = models.OneToOneField(
        PublicatieVersie,
        verbose_name=_("versie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="upload",
    )

    class Meta:
        verbose_name = _("geüploade PDF")
        verbose_name_plural = _("geüploade PDF's")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Only a file still waiting for its check is the upload's own: an accepted one
            # belongs to its version, a refused one is not kept.
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "checking"]) | models.Q(file=""),
                name="publicaties_pdfupload_file_only_while_checked",
            ),
        ]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self):
        return f"{self.publicatie.title}: {self.get_status_display()}"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.CHECKING)

    @property
    def refusal_message(self) -> str:
        return refusal_message(self.refusal, self.found) if self.refusal else ""
