import secrets

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.core.storage import private_storage
from leerkring.core.uploads import refusal_reason


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
    # The venue (issue 18): where to go, how to get in, and whom to call on the day. The
    # coordinates give the route link and the calendar file's GEO; both are optional.
    address = models.CharField(
        _("adres"), max_length=300, blank=True, help_text=_("Straat, huisnummer en plaats.")
    )
    latitude = models.DecimalField(
        _("breedtegraad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("lengtegraad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    venue_accessibility = models.TextField(
        _("toegankelijkheid van de locatie"),
        blank=True,
        help_text=_("Bijvoorbeeld: ingang, lift, invalidentoilet, ringleiding, parkeren."),
    )
    contact_name = models.CharField(_("contactpersoon op de dag"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=40, blank=True)
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
    # For the site search, kept by a trigger (bijeenkomsten migration 0008): the title, which
    # everyone who sees the meeting reads, and title with description, for its members.
    search_title = SearchVectorField(null=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["leerkring", "starts_at"], name="bijeenkomst_by_start"),
            GinIndex(fields=["search_title"], name="bijeenkomst_search_title"),
            GinIndex(fields=["search_vector"], name="bijeenkomst_search"),
        ]
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
    walk_in = models.BooleanField(
        _("niet aangemeld, wel gekomen"),
        default=False,
        help_text=_("Aanwezig gemeld op de dag zelf, zonder aanmelding vooraf."),
    )
    diet = models.CharField(_("dieetwensen"), max_length=300, blank=True)
    accessibility = models.CharField(_("toegankelijkheid"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    waitlisted_at = models.DateTimeField(_("op de wachtlijst sinds"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    cancel_reason = models.CharField(_("reden van afmelden"), max_length=300, blank=True)
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
    # Title, text and conclusions for the site search, kept by a trigger (migration 0008).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("versie van een verslag")
        verbose_name_plural = _("versies van verslagen")
        ordering = ["verslag", "-number"]
        indexes = [GinIndex(fields=["search_vector"], name="verslagversie_search")]
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


class Bericht(models.Model):
    """A message written to people of the circle: a meeting's seated people, its waiting list
    or one work group (by a researcher), the circle's members (by a researcher) or the
    confirmed people of one municipality (by its coordinator). Who received it are the
    BerichtOntvanger rows, written with it; each gets an e-mail through the outbox."""

    class Audience(models.TextChoices):
        SEATED = "deelnemers", _("de deelnemers van de bijeenkomst")
        WAITLIST = "wachtlijst", _("de wachtlijst van de bijeenkomst")
        WERKGROEP = "werkgroep", _("een werkgroep van de bijeenkomst")
        LEERKRING = "leerkring", _("de deelnemers van de leerkring")
        GEMEENTE = "gemeente", _("de mensen van een gemeente")

    MEETING_AUDIENCES = (Audience.SEATED, Audience.WAITLIST, Audience.WERKGROEP)

    leerkring = models.ForeignKey(
        "core.Leerkring",
        verbose_name=_("leerkring"),
        related_name="berichten",
        on_delete=models.CASCADE,
    )
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("bijeenkomst"),
        null=True,
        blank=True,
        related_name="berichten",
        on_delete=models.CASCADE,
    )
    werkgroep = models.ForeignKey(
        Werkgroep,
        verbose_name=_("werkgroep"),
        null=True,
        blank=True,
        related_name="berichten",
        on_delete=models.SET_NULL,
    )
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        related_name="berichten",
        on_delete=models.SET_NULL,
    )
    audience = models.CharField(_("aan"), max_length=12, choices=Audience.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("bericht"), help_text=_("Markdown."))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afzender"),
        null=True,
        blank=True,
        related_name="berichten_verstuurd",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    recipient_count = models.PositiveIntegerField(_("aantal ontvangers"), default=0)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["sender", "created_at"], name="bericht_by_sender"),
            models.Index(fields=["bijeenkomst", "created_at"], name="bericht_by_bijeenkomst"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    audience__in=["deelnemers", "wachtlijst", "werkgroep", "leerkring", "gemeente"]
                ),
                name="bericht_audience_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(audience__in=["leerkring", "gemeente"])
                | models.Q(bijeenkomst__isnull=False),
                name="bericht_meeting_audience_has_meeting",
            ),
        ]

    def __str__(self):
        return self.subject


class BerichtOntvanger(models.Model):
    """One person who received a message: who may read it on the site, and to whom its
    e-mail went (once, written in the same transaction as the message)."""

    bericht = models.ForeignKey(
        Bericht, verbose_name=_("bericht"), related_name="ontvangers", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        related_name="berichten_ontvangen",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("ontvanger van een bericht")
        verbose_name_plural = _("ontvangers van berichten")
        constraints = [
            models.UniqueConstraint(fields=["bericht", "user"], name="bericht_ontvanger_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.bericht}"


class Evaluatie(models.Model):
    """The short questionnaire after a meeting: statements scored 1 to 5 and open questions.
    Its questions can be changed until it is sent to the people who were there; then they are
    fixed. What people answer is kept without them (EvaluatieAntwoorden); that someone has
    answered is kept apart (EvaluatieIngevuld), so that the two cannot be joined."""

    bijeenkomst = models.OneToOneField(
        Bijeenkomst,
        verbose_name=_("bijeenkomst"),
        related_name="evaluatie",
        on_delete=models.CASCADE,
    )
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    in_report = models.BooleanField(
        _("uitkomsten in de PDF van het verslag"),
        default=False,
        help_text=_(
            "Alleen de stellingen, in grafieken, en pas vanaf 5 antwoorden. De antwoorden op "
            "open vragen blijven voor onderzoekers."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")

    def __str__(self):
        return str(_("Evaluatie van %(title)s") % {"title": self.bijeenkomst.title})

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class EvaluatieVraag(models.Model):
    class Kind(models.TextChoices):
        STATEMENT = "stelling", _("stelling (1 tot 5)")
        OPEN = "open", _("open vraag")

    evaluatie = models.ForeignKey(
        Evaluatie, verbose_name=_("evaluatie"), related_name="vragen", on_delete=models.CASCADE
    )
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("vraag"), max_length=300)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("vraag van een evaluatie")
        verbose_name_plural = _("vragen van evaluaties")
        ordering = ["evaluatie", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["stelling", "open"]),
                name="bijeenkomsten_evaluatievraag_kind_valid",
            )
        ]

    def __str__(self):
        return self.text


class EvaluatieAntwoorden(models.Model):
    """Every answer to one questionnaire, in one row: a list of responses, none naming a
    person, each put at a random place in the list when it comes in. One row rather than a row
    per response, so that no id, time or transaction number (PostgreSQL's xmin of a row) says
    in which order the responses came in, which could be matched with the order of the
    EvaluatieIngevuld rows. A response is {"id": a random hex, "answers": {question id: score
    1-5 or text}}."""

    evaluatie = models.OneToOneField(
        Evaluatie,
        verbose_name=_("evaluatie"),
        related_name="antwoorden",
        on_delete=models.CASCADE,
        primary_key=True,
    )
    responses = models.JSONField(_("antwoorden"), default=list, blank=True)

    class Meta:
        verbose_name = _("antwoorden op een evaluatie")
        verbose_name_plural = _("antwoorden op evaluaties")

    def __str__(self):
        return str(self.evaluatie)


class EvaluatieIngevuld(models.Model):
    """That someone has answered a questionnaire, so that they cannot answer twice; not what
    they answered, and not when (no time is kept, so nothing can be matched with the answers).
    """

    evaluatie = models.ForeignKey(
        Evaluatie, verbose_name=_("evaluatie"), related_name="ingevuld", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemer"),
        related_name="+",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("ingevulde evaluatie")
        verbose_name_plural = _("ingevulde evaluaties")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluatie", "user"], name="bijeenkomsten_evaluatie_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.evaluatie}"


def _document_storage():
    # Looked up on every use, not when the model loads (leerkring.core.storage).
    return private_storage()


class Document(models.Model):
    """A document of a meeting or of one of its work groups: slides, a handout, a photo. The
    file waits in the private storage, where no URL reaches it, until a worker has checked it
    by its content (bijeenkomsten/services/documenten.py); accepted, it can be downloaded by
    whom `visibility` names (selectors/documenten.py); refused, the file is deleted and the
    row keeps why, for the researchers. The row is the truth, the task only a messenger."""

    class Kind(models.TextChoices):
        # What the check found the file to be (its name plays no part). A WebP image is
        # re-encoded to JPEG or PNG.
        PDF = "pdf", _("PDF")
        JPEG = "jpeg", _("foto (JPG)")
        PNG = "png", _("afbeelding (PNG)")
        DOCX = "docx", _("Word-document")
        PPTX = "pptx", _("PowerPoint-presentatie")
        XLSX = "xlsx", _("Excel-werkmap")
        ODT = "odt", _("OpenDocument-tekst")
        ODP = "odp", _("OpenDocument-presentatie")

    class Visibility(models.TextChoices):
        PUBLIC = "openbaar", _("iedereen")
        MEMBERS = "leerkring", _("deelnemers van de leerkring")
        SEATED = "plek", _("wie een plek had (aangemeld of aanwezig)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("wacht op controle")
        CHECKING = "checking", _("wordt gecontroleerd")
        ACCEPTED = "accepted", _("goedgekeurd")
        REFUSED = "refused", _("geweigerd")

    PENDING = (Status.QUEUED, Status.CHECKING)
    # How each kind is served and named.
    CONTENT_TYPES = {
        "pdf": ("application/pdf", "pdf"),
        "jpeg": ("image/jpeg", "jpg"),
        "png": ("image/png", "png"),
        "docx": (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        "pptx": (
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "pptx",
        ),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        "odt": ("application/vnd.oasis.opendocument.text", "odt"),
        "odp": ("application/vnd.oasis.opendocument.presentation", "odp"),
    }

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("bijeenkomst"),
        related_name="documenten",
        on_delete=models.CASCADE,
    )
    werkgroep = models.ForeignKey(
        Werkgroep,
        verbose_name=_("werkgroep"),
        null=True,
        blank=True,
        related_name="documenten",
        on_delete=models.SET_NULL,
    )
    title = models.CharField(_("titel"), max_length=200)
    visibility = models.CharField(_("wie ziet het"), max_length=10, choices=Visibility.choices)
    kind = models.CharField(_("soort"), max_length=8, choices=Kind.choices, blank=True)
    file = models.FileField(_("bestand"), storage=_document_storage, max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("grootte"), default=0)
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geüpload op"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["bijeenkomst", "created_at", "pk"]
        constraints = [
            # A refused file is not kept; an accepted one knows what it is.
            models.CheckConstraint(
                condition=~models.Q(status="refused") | models.Q(file=""),
                name="bijeenkomsten_document_refused_has_no_file",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="accepted") | ~models.Q(kind=""),
                name="bijeenkomsten_document_accepted_has_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["bijeenkomst", "status"], name="document_by_meeting"),
            models.Index(fields=["status", "queued_at"], name="document_by_queue"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES.get(self.kind, ("application/octet-stream", "bin"))[0]

    @property
    def extension(self) -> str:
        return self.CONTENT_TYPES.get(self.kind, ("application/octet-stream", "bin"))[1]

    @property
    def refusal_message(self) -> str:
        """Why the file was refused, in the current language (leerkring.core.uploads)."""
        return refusal_reason(self.refusal, self.found)
