from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        # Addresses are compared case-insensitively; store them lower-cased once.
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. E-mail is the login; one full name instead of first/last name, since Dutch
    names (tussenvoegsels) do not split cleanly."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=150)
    is_staff = models.BooleanField(
        _("beheerder"),
        default=False,
        help_text=_("Mag inloggen in het beheer van de site."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("lid sinds"), default=timezone.now)
    email_notifications = models.BooleanField(
        _("e-mail bij nieuws voor mij"),
        default=True,
        help_text=_("Bijvoorbeeld een reactie op je casus of een besluit over je aanmelding."),
    )
    weekly_digest = models.BooleanField(
        _("wekelijks overzicht"),
        default=False,
        help_text=_("Eén e-mail per week met wat er nieuw is in je leerkring."),
    )
    is_removed = models.BooleanField(_("verwijderd"), default=False, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="core_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name shown beside contributions; kept neutral once the account is deleted."""
        if self.is_removed:
            return str(_("voormalig deelnemer"))
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email


def user_display(user) -> str:
    """How allauth names a person in its pages and e-mails."""
    return user.display_name


class Leerkring(models.Model):
    """One edition of a learning circle. Every meeting, dilemma and publication belongs to one."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam"), unique=True)
    subtitle = models.CharField(_("ondertitel"), max_length=200, blank=True)
    summary = models.TextField(_("samenvatting"))
    framework = models.TextField(
        _("denk- en handelingskader"),
        blank=True,
        help_text=_("Rollen, werkpraktijken en democratische waarden die centraal staan."),
    )
    max_gemeenten = models.PositiveSmallIntegerField(
        _("maximaal aantal gemeenten"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    starts_on = models.DateField(_("begindatum"))
    ends_on = models.DateField(_("einddatum"))
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    researchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("onderzoekers"),
        related_name="leerkringen_as_researcher",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("leerkring")
        verbose_name_plural = _("leerkringen")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="core_leerkring_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(max_gemeenten__gte=1, max_gemeenten__lte=50),
                name="core_leerkring_max_gemeenten_range",
            ),
        ]

    def __str__(self):
        return self.title


class WorkerHeartbeat(models.Model):
    """The last time each Celery worker ran the periodic heartbeat task; /health/ reports it."""

    hostname = models.CharField(max_length=255, unique=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("werkerhartslag")
        verbose_name_plural = _("werkerhartslagen")

    def __str__(self):
        return self.hostname


class AuditEntry(models.Model):
    """Who did what, when, to what: admissions, refusals, role changes and deletions."""

    class Action(models.TextChoices):
        DEELNAME_APPLIED = "deelname.applied", _("gemeente aangemeld")
        DEELNAME_ADMITTED = "deelname.admitted", _("gemeente toegelaten")
        DEELNAME_DECLINED = "deelname.declined", _("gemeente afgewezen")
        LIDMAATSCHAP_REQUESTED = "lidmaatschap.requested", _("lidmaatschap aangevraagd")
        LIDMAATSCHAP_CONFIRMED = "lidmaatschap.confirmed", _("lidmaatschap bevestigd")
        LIDMAATSCHAP_REFUSED = "lidmaatschap.refused", _("lidmaatschap geweigerd")
        ROLE_GRANTED = "role.granted", _("rol gegeven")
        ROLE_REVOKED = "role.revoked", _("rol ingetrokken")
        USER_DELETED = "user.deleted", _("account verwijderd")

    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries_made",
    )
    action = models.CharField(_("handeling"), max_length=40, choices=Action.choices)
    target_type = models.CharField(_("soort object"), max_length=100)
    target_id = models.PositiveBigIntegerField(_("object-id"))
    target_repr = models.CharField(_("object"), max_length=300)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("betreft persoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries_about",
    )
    detail = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.target_repr}"
