from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from leerkring.core import slugs

cbs_code_validator = RegexValidator(
    r"^GM[0-9]{4}$", _("Een CBS-code bestaat uit GM en vier cijfers, bijvoorbeeld GM0758.")
)
domain_validator = RegexValidator(
    r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Vul een domeinnaam in zoals breda.nl, zonder @ of www."),
)


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
    email_domain = models.CharField(
        _("e-maildomein"),
        max_length=253,
        blank=True,
        help_text=_(
            "Bijvoorbeeld vng.nl. Downloads door mensen met een adres op dit domein tellen mee "
            "voor deze partner."
        ),
    )
    leerkringen = models.ManyToManyField(
        "core.Leerkring", verbose_name=_("leerkringen"), related_name="partners", blank=True
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Gemeente(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), unique=True)
    cbs_code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, validators=[cbs_code_validator]
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cbs_code__regex=r"^GM[0-9]{4}$"),
                name="gemeenten_gemeente_cbs_code_format",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The slug must not be the address of another page (leerkring/core/slugs.py).
        super().clean()
        try:
            slugs.validate_slug_not_route(self.slug, namespace=slugs.GEMEENTE)
        except ValidationError as error:
            raise ValidationError({"slug": error}) from None


class Emaildomein(models.Model):
    """An e-mail domain of a municipality: a verified address in it confirms a membership."""

    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), related_name="domeinen", on_delete=models.CASCADE
    )
    domain = models.CharField(_("domein"), max_length=253, validators=[domain_validator])

    class Meta:
        verbose_name = _("e-maildomein")
        verbose_name_plural = _("e-maildomeinen")
        ordering = ["domain"]
        constraints = [
            # One domain belongs to one municipality, whatever its case.
            models.UniqueConstraint(Lower("domain"), name="gemeenten_emaildomein_unique"),
        ]

    def __str__(self):
        return self.domain


class Deelname(models.Model):
    """A municipality's participation in a circle, with its internal project card."""

    class Status(models.TextChoices):
        APPLIED = "aangemeld", _("aangemeld")
        ADMITTED = "toegelaten", _("toegelaten")
        DECLINED = "afgewezen", _("afgewezen")

    class Traffic(models.TextChoices):
        GREEN = "groen", _("op schema")
        ORANGE = "oranje", _("aandacht nodig")
        RED = "rood", _("probleem")

    leerkring = models.ForeignKey(
        "core.Leerkring",
        verbose_name=_("leerkring"),
        related_name="deelnames",
        on_delete=models.CASCADE,
    )
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), related_name="deelnames", on_delete=models.CASCADE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.APPLIED
    )
    motivation = models.TextField(_("motivatie"), blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    decision_reason = models.TextField(_("toelichting bij het besluit"), blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coördinatoren"),
        related_name="deelnames_as_coordinator",
        blank=True,
    )
    # The municipality's own project card (as on Berkelland's project page).
    portfolio_holder = models.CharField(_("portefeuillehouder"), max_length=150, blank=True)
    quality_status = models.CharField(
        _("kwaliteit"), max_length=6, choices=Traffic.choices, default=Traffic.GREEN
    )
    quality_note = models.TextField(_("toelichting kwaliteit"), blank=True)
    time_status = models.CharField(
        _("tijd"), max_length=6, choices=Traffic.choices, default=Traffic.GREEN
    )
    time_note = models.TextField(_("toelichting tijd"), blank=True)
    money_status = models.CharField(
        _("geld"), max_length=6, choices=Traffic.choices, default=Traffic.GREEN
    )
    money_note = models.TextField(_("toelichting geld"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["leerkring", "gemeente__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["leerkring", "gemeente"], name="gemeenten_deelname_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["aangemeld", "toegelaten", "afgewezen"]),
                name="gemeenten_deelname_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.gemeente} in {self.leerkring}"


class Lidmaatschap(models.Model):
    """A person in a municipality. Confirmed automatically when their verified address is in
    one of the municipality's domains, otherwise by a coordinator or a researcher."""

    class Status(models.TextChoices):
        PENDING = "aangevraagd", _("wacht op toelating")
        CONFIRMED = "bevestigd", _("bevestigd")
        REFUSED = "geweigerd", _("geweigerd")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        related_name="lidmaatschap",
        on_delete=models.CASCADE,
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        related_name="lidmaatschappen",
        on_delete=models.CASCADE,
    )
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    visible_to_colleagues = models.BooleanField(
        _("zichtbaar voor collega's"),
        default=True,
        help_text=_("Collega's uit je gemeente zien je naam en functie op de gemeentepagina."),
    )
    decision_reason = models.TextField(_("toelichting bij het besluit"), blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["gemeente__name", "user__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["aangevraagd", "bevestigd", "geweigerd"]),
                name="gemeenten_lidmaatschap_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.gemeente})"


class Uitnodiging(models.Model):
    """An invitation to sign up for a municipality, sent by its coordinator (a colleague) or by
    a researcher when admitting it (its coordinator). The link in the e-mail carries a random
    token; only its SHA-256 is stored, so the table alone opens no account. Used once, for a
    limited time (services.uitnodiging_send / uitnodiging_accept)."""

    class Role(models.TextChoices):
        COLLEAGUE = "collega", _("collega")
        COORDINATOR = "coordinator", _("coördinator")

    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        related_name="uitnodigingen",
        on_delete=models.CASCADE,
    )
    deelname = models.ForeignKey(
        Deelname,
        verbose_name=_("deelname"),
        related_name="uitnodigingen",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Bij een uitnodiging als coördinator: voor welke leerkring."),
    )
    email = models.EmailField(_("e-mailadres"))
    name = models.CharField(_("naam"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=12, choices=Role.choices, default=Role.COLLEAGUE)
    token_hash = models.CharField(_("token (SHA-256)"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
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
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["invited_by", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["collega", "coordinator"]),
                name="gemeenten_uitnodiging_role_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(role="collega") | models.Q(deelname__isnull=False),
                name="gemeenten_uitnodiging_coordinator_has_deelname",
            ),
        ]

    def __str__(self):
        return f"{self.email} ({self.gemeente})"


class Deelnamebewijs(models.Model):
    """A person's certificate of participation for one circle (issue 20: one per circle): the
    object its PDF job stands for, since a job is one per kind and object
    (leerkring/documents.py). It holds nothing of its own; what the certificate shows is read
    from the meetings and cases each time. Made when its page is first opened; it goes with
    the membership."""

    lidmaatschap = models.ForeignKey(
        Lidmaatschap,
        verbose_name=_("lidmaatschap"),
        related_name="deelnamebewijzen",
        on_delete=models.CASCADE,
    )
    leerkring = models.ForeignKey(
        "core.Leerkring",
        verbose_name=_("leerkring"),
        related_name="+",
        on_delete=models.CASCADE,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deelnamebewijs")
        verbose_name_plural = _("deelnamebewijzen")
        constraints = [
            models.UniqueConstraint(
                fields=["lidmaatschap", "leerkring"], name="gemeenten_deelnamebewijs_unique"
            )
        ]

    def __str__(self):
        return f"{self.lidmaatschap} ({self.leerkring})"
