from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import slugs
from .storage import private_storage
from .text import clean_line, clean_text


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
    # My settings (issue 18): the language of pages and e-mails, and whether and when reminders
    # of meetings come. An empty number of days means: when the researcher chose.
    language = models.CharField(_("taal"), max_length=10, choices=settings.LANGUAGES, default="nl")
    reminders = models.BooleanField(
        _("herinneringen aan bijeenkomsten"),
        default=True,
        help_text=_("Een e-mail een paar dagen voor een bijeenkomst waarvoor je een plek hebt."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("dagen van tevoren"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(14)],
        help_text=_("Leeg: zoals de onderzoekers het voor de bijeenkomst kozen."),
    )
    is_removed = models.BooleanField(_("verwijderd"), default=False, editable=False)
    # The Monday of the last week a digest was sent for: claimed with a conditional update, so
    # a digest task that runs twice in one week sends nobody a second e-mail.
    digest_week = models.DateField(_("laatste wekelijkse overzicht"), null=True, editable=False)

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


def _cleaned_from_db(instance, *, lines=(), texts=()):
    """Rows stored before a form cleaned them (by hand, by an import, by an older version) may
    hold control characters or line breaks in a title: every output shows them cleaned, so the
    instance holds the cleaned text from the moment it is read."""
    for name in lines:
        value = instance.__dict__.get(name)
        if value:
            instance.__dict__[name] = clean_line(value)
    for name in texts:
        value = instance.__dict__.get(name)
        if value:
            instance.__dict__[name] = clean_text(value)
    return instance


class Programma(models.Model):
    """A programme of learning circles run by a fund (for example "Leerkringen lokale
    democratie"): circles at once and one after another, with their lessons carried from one
    into the next. Its managers create circles, invite their researchers, open them for
    applications and close them; they see every circle's figures, never what a circle keeps to
    itself (docs/architecture.md, Programmes)."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam"), unique=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programmamanagers"),
        related_name="programmas_as_manager",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        return _cleaned_from_db(instance, lines=("title",), texts=("summary",))

    def clean(self):
        # The slug must not be the address of another page (leerkring/core/slugs.py).
        super().clean()
        try:
            slugs.validate_slug_not_route(self.slug, namespace=slugs.PROGRAMMA)
        except ValidationError as error:
            raise ValidationError({"slug": error}) from None


class Leerkring(models.Model):
    """One edition of a learning circle. Every meeting, dilemma and publication belongs to one."""

    class Phase(models.TextChoices):
        # In this order: a manager prepares a circle, opens it for applications, starts it when
        # the municipalities are in (applications close) and closes it at its end.
        PREPARING = "voorbereiding", _("in voorbereiding")
        OPEN = "open", _("open voor aanmelding")
        RUNNING = "lopend", _("loopt")
        CLOSED = "afgesloten", _("afgelopen")

    programma = models.ForeignKey(
        Programma,
        verbose_name=_("programma"),
        related_name="leerkringen",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    phase = models.CharField(
        _("fase"), max_length=14, choices=Phase.choices, default=Phase.PREPARING
    )
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
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
            models.CheckConstraint(
                condition=models.Q(phase__in=["voorbereiding", "open", "lopend", "afgesloten"]),
                name="core_leerkring_phase_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(phase="afgesloten") | models.Q(closed_at__isnull=False),
                name="core_leerkring_closed_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        return _cleaned_from_db(
            instance, lines=("title", "subtitle"), texts=("summary", "framework")
        )

    def clean(self):
        # The slug must not be the address of another page (leerkring/core/slugs.py).
        super().clean()
        try:
            slugs.validate_slug_not_route(self.slug, namespace=slugs.LEERKRING)
        except ValidationError as error:
            raise ValidationError({"slug": error}) from None


class OnderzoekerUitnodiging(models.Model):
    """An invitation by e-mail to become a researcher of a circle, sent by a programme manager.
    As with a municipality's invitation (gemeenten.Uitnodiging), the link carries a random
    token and only its SHA-256 is stored; it works once, for a limited time, for the person who
    logs in or signs up with it."""

    leerkring = models.ForeignKey(
        Leerkring,
        verbose_name=_("leerkring"),
        related_name="onderzoeker_uitnodigingen",
        on_delete=models.CASCADE,
    )
    email = models.EmailField(_("e-mailadres"))
    name = models.CharField(_("naam"), max_length=150, blank=True)
    token_hash = models.CharField(_("token (SHA-256)"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))
    accepted_at = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangenomen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("uitnodiging als onderzoeker")
        verbose_name_plural = _("uitnodigingen als onderzoeker")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.leerkring})"


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
        AANMELDING_PROMOTED = "aanmelding.promoted", _("van de wachtlijst geplaatst")
        AANMELDING_WALK_IN = "aanmelding.walk_in", _("aanwezig zonder aanmelding")
        BIJEENKOMST_CANCELLED = "bijeenkomst.cancelled", _("bijeenkomst geannuleerd")
        BIJEENKOMST_CAPACITY = "bijeenkomst.capacity", _("aantal plaatsen veranderd")
        VERSLAG_PUBLISHED = "verslag.published", _("verslag gepubliceerd")
        REACTIE_HIDDEN = "reactie.hidden", _("reactie verborgen")
        REACTIE_SHOWN = "reactie.shown", _("reactie weer zichtbaar")
        REACTIE_REASON = "reactie.reason", _("reden van verbergen aangepast")
        BERICHT_SENT = "bericht.sent", _("bericht verstuurd")
        DOCUMENT_UPLOADED = "document.uploaded", _("document toegevoegd")
        DOCUMENT_DELETED = "document.deleted", _("document verwijderd")
        EVALUATIE_SENT = "evaluatie.sent", _("evaluatie verstuurd")
        UITNODIGING_SENT = "uitnodiging.sent", _("uitnodiging verstuurd")
        UITNODIGING_ACCEPTED = "uitnodiging.accepted", _("uitnodiging aangenomen")
        RETENTION_APPLIED = "retention.applied", _("gegevens opgeruimd na bewaartermijn")
        LEERKRING_CREATED = "leerkring.created", _("leerkring aangemaakt")
        LEERKRING_PHASE = "leerkring.phase", _("fase van de leerkring veranderd")
        ONDERZOEKER_INVITED = "onderzoeker.invited", _("onderzoeker uitgenodigd")
        ONDERZOEKER_ACCEPTED = "onderzoeker.accepted", _("uitnodiging als onderzoeker aangenomen")

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


def _private_storage():
    # Looked up on every use, not when the model loads (leerkring.core.storage).
    return private_storage()


class RenderJob(models.Model):
    """One PDF of one document version (a report version, a meeting's attendance list, a
    publication version). The row is the source of truth; the Celery message only says "look
    at row N". A sweeper re-sends rows stuck in queued or rendering, so a lost message, a killed
    worker or a broker that was down delays a PDF but never loses it (docs/architecture.md,
    Background work)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RENDERING = "rendering", _("wordt gemaakt")
        READY = "ready", _("klaar")
        FAILED = "failed", _("mislukt")

    kind = models.CharField(_("soort document"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("document-id"))
    title = models.CharField(_("titel"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    # The hash of the HTML that was asked for, and of the HTML the current file was made from.
    content_hash = models.CharField(_("inhoudshash"), max_length=64, blank=True)
    rendered_hash = models.CharField(_("hash van het bestand"), max_length=64, blank=True)
    file = models.FileField(_("bestand"), storage=_private_storage, max_length=300, blank=True)
    pages = models.PositiveIntegerField(_("pagina's"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("grootte in bytes"), null=True, blank=True)
    queued_at = models.DateTimeField(_("in de wachtrij sinds"), default=timezone.now)
    started_at = models.DateTimeField(_("begonnen"), null=True, blank=True)
    task_id = models.CharField(_("taak"), max_length=64, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duur in ms"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("PDF-opdracht")
        verbose_name_plural = _("PDF-opdrachten")
        ordering = ["-queued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="core_renderjob_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(file=""),
                name="core_renderjob_ready_has_file",
            ),
        ]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.get_status_display()}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)


class OutgoingEmail(models.Model):
    """An e-mail waiting to be sent. Written in the same transaction as the change it reports,
    so a broker that is down, or a worker that dies, delays an e-mail but never loses it; the
    sweeper sends what waits too long. A sent e-mail is deleted: the row is a queue, not an
    archive of what people were told."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        FAILED = "failed", _("mislukt")

    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"))
    html = models.TextField(_("HTML-versie"), blank=True)
    to = models.JSONField(_("aan"))
    attachments = models.JSONField(_("bijlagen"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.subject


class ExportJob(models.Model):
    """A CSV export made in the background because it is large. The row holds the question
    (kind and the filters, exactly as they were on the screen), the progress and the file;
    only the person who asked may download it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("wordt gemaakt")
        READY = "ready", _("klaar")
        FAILED = "failed", _("mislukt")

    kind = models.CharField(_("soort export"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        related_name="exports",
        on_delete=models.CASCADE,
    )
    params = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(_("taal"), max_length=10, default="nl")
    title = models.CharField(_("titel"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("aantal regels"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("regels klaar"), default=0)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    file = models.FileField(_("bestand"), storage=_private_storage, max_length=300, blank=True)
    filename = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    task_id = models.CharField(_("taak"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now, db_index=True)
    # When the last message was sent for it: the sweeper sends again only after a while.
    queued_at = models.DateTimeField(_("in de wachtrij gezet"), default=timezone.now)
    started_at = models.DateTimeField(_("begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(file=""),
                name="core_exportjob_ready_has_file",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.kind} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.READY:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)


class RetentionRun(models.Model):
    """One day on which the retention periods were applied (leerkring/retention/). The row is
    the claim: its day is unique, so beat (or a person) starting the run twice on one day
    deletes nothing twice and writes the audit log once."""

    day = models.DateField(_("dag"), unique=True)
    started_at = models.DateTimeField(_("begonnen"), default=timezone.now)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)

    class Meta:
        verbose_name = _("opruimronde")
        verbose_name_plural = _("opruimrondes")
        ordering = ["-day"]

    def __str__(self):
        return str(_("bewaartermijnen toegepast op %(day)s") % {"day": self.day.isoformat()})
