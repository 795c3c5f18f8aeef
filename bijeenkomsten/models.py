import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Bijeenkomst(models.Model):
    """A meeting of a circle: kick-off, circle meeting, work-group session, half-yearly
    reflection, closing conference or learning studio."""

    class Kind(models.TextChoices):
        KICKOFF = "kickoff", _("kick-off")
        CIRCLE = "leerkringbijeenkomst", _("leerkringbijeenkomst")
        WORKGROUP = "werkgroep", _("werkgroepbijeenkomst")
        REFLECTION = "reflectie", _("reflectiebijeenkomst")
        CONFERENCE = "slotconferentie", _("slotconferentie")
        STUDIO = "leeratelier", _("leeratelier")

    class Status(models.TextChoices):
        PLANNED = "gepland", _("gepland")
        CANCELLED = "geannuleerd", _("geannuleerd")
        HELD = "gehouden", _("gehouden")

    leerkring = models.ForeignKey(
        "core.Leerkring",
        verbose_name=_("leerkring"),
        related_name="bijeenkomsten",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("soort"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    location = models.CharField(_("plaats"), max_length=300, blank=True)
    online_url = models.URLField(_("link voor online deelname"), blank=True)
    host_gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gastgemeente"),
        null=True,
        blank=True,
        related_name="bijeenkomsten",
        on_delete=models.SET_NULL,
    )
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), validators=[MinValueValidator(1)])
    max_per_gemeente = models.PositiveIntegerField(
        _("maximaal per gemeente"),
        null=True,
        blank=True,
        help_text=_("Leeg laten als elke gemeente zoveel mensen mag aanmelden als er plaats is."),
    )
    registration_opens_at = models.DateTimeField(_("aanmelden kan vanaf"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("aanmelden kan tot"))
    reminder_days = models.PositiveSmallIntegerField(
        _("herinnering (dagen vooraf)"),
        default=2,
    )
    is_public = models.BooleanField(
        _("openbaar"),
        default=True,
        help_text=_(
            "Bezoekers zien titel, soort, datum en plaats. Het programma en de "
            "werkgroepen zien alleen deelnemers."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["leerkring", "starts_at"], name="bijeenkomst_by_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="bijeenkomst_ends_after_start",
                violation_error_message=_("Het einde moet na het begin liggen."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="bijeenkomst_has_capacity"
            ),
            models.CheckConstraint(
                condition=models.Q(registration_closes_at__lte=models.F("ends_at")),
                name="bijeenkomst_registration_closes_before_end",
                violation_error_message=_(
                    "Aanmelden moet sluiten voor het einde van de bijeenkomst."
                ),
            ),
        ]

    def __str__(self):
        return self.title


class Programmaonderdeel(models.Model):
    bijeenkomst = models.ForeignKey(Bijeenkomst, related_name="programma", on_delete=models.CASCADE)
    starts_at = models.TimeField(_("tijd"))
    title = models.CharField(_("onderdeel"), max_length=200)
    speaker = models.CharField(_("spreker"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("programmaonderdeel")
        verbose_name_plural = _("programma")
        ordering = ["starts_at", "id"]

    def __str__(self):
        return f"{self.starts_at:%H:%M} {self.title}"


class Werkgroep(models.Model):
    """A work group inside a meeting, on one dilemma."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("bijeenkomst"),
        related_name="werkgroepen",
        on_delete=models.CASCADE,
    )
    dilemma = models.ForeignKey(
        "dilemmas.Dilemma",
        verbose_name=_("dilemma"),
        related_name="werkgroepen",
        on_delete=models.PROTECT,
    )
    title = models.CharField(_("naam"), max_length=200)
    facilitator = models.CharField(_("begeleider"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), validators=[MinValueValidator(1)])
    conclusions = models.TextField(_("conclusies"), blank=True, help_text=_("Markdown."))
    casussen = models.ManyToManyField(
        "dilemmas.Casus",
        verbose_name=_("besproken casussen"),
        related_name="werkgroepen",
        blank=True,
    )

    class Meta:
        verbose_name = _("werkgroep")
        verbose_name_plural = _("werkgroepen")
        ordering = ["bijeenkomst", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="werkgroep_has_capacity"
            ),
        ]

    def __str__(self):
        return self.title


class Aanmelding(models.Model):
    """A person's registration for a meeting. One active registration per person per meeting
    (a partial unique constraint); the work group is chosen on it, so one group per meeting
    follows from the same constraint."""

    class Status(models.TextChoices):
        REGISTERED = "aangemeld", _("aangemeld")
        WAITLIST = "wachtlijst", _("op de wachtlijst")
        CANCELLED = "geannuleerd", _("afgemeld")
        ATTENDED = "aanwezig", _("aanwezig geweest")

    ACTIVE = (Status.REGISTERED, Status.WAITLIST, Status.ATTENDED)
    # Holding a seat: registered or marked present (not waiting, not cancelled).
    SEATED = (Status.REGISTERED, Status.ATTENDED)

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("bijeenkomst"),
        related_name="aanmeldingen",
        on_delete=models.CASCADE,
    )
    deelnemer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemer"),
        related_name="aanmeldingen",
        on_delete=models.CASCADE,
    )
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        related_name="aanmeldingen",
        on_delete=models.SET_NULL,
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    werkgroep = models.ForeignKey(
        Werkgroep,
        verbose_name=_("werkgroep"),
        null=True,
        blank=True,
        related_name="aanmeldingen",
        on_delete=models.SET_NULL,
    )
    diet = models.CharField(_("dieetwensen"), max_length=300, blank=True)
    accessibility = models.CharField(_("toegankelijkheid"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    waitlisted_at = models.DateTimeField(_("op de wachtlijst sinds"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["bijeenkomst", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "deelnemer"],
                condition=models.Q(status__in=["aangemeld", "wachtlijst", "aanwezig"]),
                name="aanmelding_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["aangemeld", "wachtlijst", "geannuleerd", "aanwezig"]
                ),
                name="aanmelding_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="wachtlijst") | models.Q(werkgroep__isnull=True),
                name="aanmelding_waitlist_has_no_group",
            ),
        ]
        indexes = [
            models.Index(fields=["bijeenkomst", "status"], name="aanmelding_by_status"),
        ]

    def __str__(self):
        return f"{self.deelnemer} – {self.bijeenkomst}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Agendakoppeling(models.Model):
    """The secret in a person's calendar feed URL. Revoking it replaces the token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, related_name="agendakoppeling", on_delete=models.CASCADE
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agendakoppeling")
        verbose_name_plural = _("agendakoppelingen")

    def __str__(self):
        return str(self.user)


class Verslag(models.Model):
    """The report of a meeting ("Lees het verslag van deze dag"). Written as a draft, then
    published; every change after that is a new version, and the older ones stay."""

    class Status(models.TextChoices):
        DRAFT = "concept", _("concept")
        PUBLISHED = "gepubliceerd", _("gepubliceerd")

    bijeenkomst = models.OneToOneField(
        Bijeenkomst, verbose_name=_("bijeenkomst"), related_name="verslag", on_delete=models.CASCADE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="concept") | models.Q(published_at__isnull=False),
                name="bijeenkomsten_verslag_published_has_date",
            )
        ]

    def __str__(self):
        return str(_("Verslag van %(title)s") % {"title": self.bijeenkomst.title})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class VerslagVersie(models.Model):
    """One version of a report, as it was written and rendered. Figures (participants,
    municipalities present) are taken from the meeting when the version is saved."""

    verslag = models.ForeignKey(
        Verslag, verbose_name=_("verslag"), related_name="versies", on_delete=models.CASCADE
    )
    number = models.PositiveIntegerField(_("versie"))
    title = models.CharField(_("titel"), max_length=200)
    authors = models.CharField(
        _("auteurs"), max_length=300, help_text=_("Namen gescheiden door komma's.")
    )
    body = models.TextField(_("verslag"), help_text=_("Markdown."))
    conclusions = models.TextField(_("conclusies van de dag"), blank=True, help_text=_("Markdown."))
    werkgroepen = models.JSONField(_("conclusies per werkgroep"), default=list, blank=True)
    figures = models.JSONField(_("cijfers"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeslagen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("versie van een verslag")
        verbose_name_plural = _("versies van verslagen")
        ordering = ["verslag", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["verslag", "number"], name="bijeenkomsten_verslagversie_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="bijeenkomsten_verslagversie_number"
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.number})"

    @property
    def author_list(self) -> list[str]:
        return [name.strip() for name in self.authors.split(",") if name.strip()]
