from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import translation
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


class DutchOriginalMixin:
    """For the models with a version per language (translation.py, django-modeltranslation):
    the original column (`title`, `name`) always holds the Dutch text, also when the row is
    saved while English is active (modeltranslation would write the active language's text
    there). Search vectors, sorting in SQL and anything else that reads the column itself
    read Dutch, as they did before the translations."""

    def save(self, *args, **kwargs):
        from modeltranslation.translator import translator

        dutch = settings.LANGUAGE_CODE
        for name in translator.get_options_for_model(type(self)).all_fields:
            # A row made with `title=...` while English is active has no Dutch version yet:
            # what was given is it (the descriptor keeps the last value set in __dict__).
            if not getattr(self, f"{name}_{dutch}", None) and self.__dict__.get(name):
                setattr(self, f"{name}_{dutch}", self.__dict__[name])
        with translation.override(dutch):
            super().save(*args, **kwargs)


class Dilemma(DutchOriginalMixin, models.Model):
    """One of a circle's core dilemmas, with its questions and the conclusions reached."""

    leerkring = models.ForeignKey(
        "core.Leerkring",
        verbose_name=_("leerkring"),
        related_name="dilemmas",
        on_delete=models.CASCADE,
    )
    title = models.CharField(_("titel"), max_length=120)
    slug = models.SlugField(_("korte naam"))
    summary = models.CharField(_("in één zin"), max_length=300)
    description = models.TextField(_("beschrijving"), help_text=_("Markdown."))
    questions = models.TextField(_("vragen"), blank=True, help_text=_("Markdown."))
    conclusions = models.TextField(_("conclusies"), blank=True, help_text=_("Markdown."))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    # Other circles that work on this dilemma too (the three core dilemmas, for one): its page
    # shows the cases and conclusions of every one of them, each with its circle named. The
    # circle above is the one that brought it in; its conclusions are `conclusions`.
    shared_with = models.ManyToManyField(
        "core.Leerkring",
        verbose_name=_("ook besproken in"),
        through="DilemmaGedeeld",
        related_name="shared_dilemmas",
        blank=True,
    )

    class Meta:
        verbose_name = _("dilemma")
        verbose_name_plural = _("dilemma's")
        ordering = ["leerkring", "position", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerkring", "slug"], name="dilemmas_dilemma_unique_slug"
            ),
        ]

    def __str__(self):
        return self.title


class DilemmaGedeeld(models.Model):
    """Another circle working on a dilemma, with the conclusions that circle reached."""

    dilemma = models.ForeignKey(
        Dilemma, verbose_name=_("dilemma"), related_name="gedeeld", on_delete=models.CASCADE
    )
    leerkring = models.ForeignKey(
        "core.Leerkring",
        verbose_name=_("leerkring"),
        related_name="dilemmas_gedeeld",
        on_delete=models.CASCADE,
    )
    conclusions = models.TextField(_("conclusies"), blank=True, help_text=_("Markdown."))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gedeeld dilemma")
        verbose_name_plural = _("gedeelde dilemma's")
        ordering = ["leerkring", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dilemma", "leerkring"], name="dilemmas_dilemmagedeeld_unique"
            ),
        ]

    def __str__(self):
        return f"{self.dilemma} in {self.leerkring}"


class Rol(DutchOriginalMixin, models.Model):
    """A role a civil servant can take in a case: a stance (loslaten, faciliteren, sturen) or
    a working role (procesbegeleider, netwerker, analist, verbinder, facilitator)."""

    class Kind(models.TextChoices):
        STANCE = "houding", _("houding")
        ROLE = "rol", _("rol")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=60)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["kind", "position"]

    def __str__(self):
        return self.name


class Waarde(DutchOriginalMixin, models.Model):
    """A democratic value at stake: gelijkheid en inclusie, verantwoording, deliberatie."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("democratische waarde")
        verbose_name_plural = _("democratische waarden")
        ordering = ["position"]

    def __str__(self):
        return self.name


class Casus(models.Model):
    """A practice case a civil servant brings to the circle."""

    class Status(models.TextChoices):
        DRAFT = "concept", _("concept")
        PUBLISHED = "gepubliceerd", _("gepubliceerd")

    class Visibility(models.TextChoices):
        CIRCLE = "leerkring", _("de hele leerkring")
        GEMEENTE = "gemeente", _("alleen mijn gemeente")

    leerkring = models.ForeignKey(
        "core.Leerkring",
        verbose_name=_("leerkring"),
        related_name="casussen",
        on_delete=models.CASCADE,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        related_name="casussen",
        on_delete=models.PROTECT,
    )
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        related_name="casussen",
        on_delete=models.PROTECT,
    )
    # A draft may be only a title (issue 18): the dilemma, the situation, the question and the
    # roles are asked for when the case is shared (services.casus_missing; the constraint
    # below keeps a published case complete).
    dilemma = models.ForeignKey(
        Dilemma,
        verbose_name=_("dilemma"),
        related_name="casussen",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    title = models.CharField(_("titel"), max_length=200)
    situation = models.TextField(_("situatie"), blank=True)
    question = models.TextField(_("vraag aan de leerkring"), blank=True)
    rollen = models.ManyToManyField(
        Rol, verbose_name=_("rollen"), related_name="casussen", blank=True
    )
    waarden = models.ManyToManyField(
        Waarde, verbose_name=_("democratische waarden"), related_name="casussen", blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    visibility = models.CharField(
        _("wie mag dit zien"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.CIRCLE,
    )
    # Outside the municipality, the anonymised version is shown when the author asks for it,
    # and only after a researcher approved it.
    anonymise = models.BooleanField(_("geanonimiseerd delen buiten mijn gemeente"), default=False)
    anon_title = models.CharField(_("titel (geanonimiseerd)"), max_length=200, blank=True)
    anon_situation = models.TextField(_("situatie (geanonimiseerd)"), blank=True)
    anon_question = models.TextField(_("vraag (geanonimiseerd)"), blank=True)
    # The author may open the anonymised version to the whole programme: then members of every
    # circle of the circle's programme read it, once a researcher approved it as above.
    programme_open = models.BooleanField(
        _("ook delen met het hele programma"),
        default=False,
        help_text=_(
            "Deelnemers van de andere leerkringen in het programma lezen dan de "
            "geanonimiseerde versie, zodra een onderzoeker die heeft goedgekeurd."
        ),
    )
    anon_approved_at = models.DateTimeField(
        _("geanonimiseerde versie goedgekeurd op"), null=True, blank=True
    )
    anon_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)
    search_vector_public = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            GinIndex(fields=["search_vector"], name="dilemmas_casus_search"),
            GinIndex(fields=["search_vector_public"], name="dilemmas_casus_search_public"),
            models.Index(
                fields=["leerkring", "status", "-published_at"], name="dilemmas_casus_listing"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(programme_open=False) | models.Q(anonymise=True),
                name="dilemmas_casus_programme_open_is_anonymised",
            ),
            models.CheckConstraint(
                condition=models.Q(status="concept") | models.Q(published_at__isnull=False),
                name="dilemmas_casus_published_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(anon_approved_at__isnull=True)
                | (models.Q(anonymise=True) & ~models.Q(anon_situation="")),
                name="dilemmas_casus_approval_needs_anonymised_text",
            ),
            models.CheckConstraint(
                condition=models.Q(status="concept")
                | (
                    models.Q(dilemma__isnull=False)
                    & ~models.Q(situation="")
                    & ~models.Q(question="")
                ),
                name="dilemmas_casus_published_is_complete",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def anon_ready(self) -> bool:
        return self.anonymise and self.anon_approved_at is not None


class CasusVersie(models.Model):
    """One saved state of a case: who changed what, and when. Kept for the author and the
    researchers."""

    casus = models.ForeignKey(Casus, related_name="versies", on_delete=models.CASCADE)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    changed_fields = models.JSONField(_("gewijzigde velden"), default=list)
    snapshot = models.JSONField(_("inhoud"))

    class Meta:
        verbose_name = _("versie van een casus")
        verbose_name_plural = _("versies van casussen")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.casus} ({self.created_at:%Y-%m-%d %H:%M})"


class Reactie(models.Model):
    """A comment on a case."""

    casus = models.ForeignKey(Casus, related_name="reacties", on_delete=models.CASCADE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        related_name="reacties",
        on_delete=models.PROTECT,
    )
    body = models.TextField(_("reactie"))
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    edited_at = models.DateTimeField(_("bewerkt op"), null=True, blank=True)
    is_hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_reason = models.TextField(_("reden van verbergen"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verborgen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_hidden=False) | ~models.Q(hidden_reason=""),
                name="dilemmas_reactie_hidden_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.author} over {self.casus}"
