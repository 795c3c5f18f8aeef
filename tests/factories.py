import datetime
import hashlib

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from dilemmas.models import Rol
from leerkring.core.models import Leerkring

PASSWORD = "een-sterk-wachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.nl")
    name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddressFactory(user=obj, email=obj.email, verified=True, primary=True)


class ProgrammaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.Programma"

    title = factory.Sequence(lambda n: f"Programma {n}")
    slug = factory.Sequence(lambda n: f"programma-{n}")
    summary = "Leerkringen na elkaar en naast elkaar."


class LeerkringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leerkring

    title = factory.Sequence(lambda n: f"Leerkring {n}")
    slug = factory.Sequence(lambda n: f"leerkring-{n}")
    summary = "Gemeenten leren samen."
    # Open for applications, as every circle was before programmes had phases (issue 20).
    phase = "open"
    starts_on = datetime.date(2017, 9, 1)
    ends_on = datetime.date(2019, 8, 31)


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "gemeenten.Gemeente"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")
    # Real codes are GM + four digits; stay in 1000-9999, clear of the fixtures' GM0758 and GM0855.
    cbs_code = factory.Sequence(lambda n: f"GM{1000 + n % 9000:04d}")


class EmaildomeinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "gemeenten.Emaildomein"

    gemeente = factory.SubFactory(GemeenteFactory)
    domain = factory.LazyAttribute(lambda o: f"{o.gemeente.slug}.nl")


class DeelnameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "gemeenten.Deelname"

    leerkring = factory.SubFactory(LeerkringFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    status = "toegelaten"
    contact_name = "Contactpersoon"
    contact_email = factory.LazyAttribute(lambda o: f"contact@{o.gemeente.slug}.nl")


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "gemeenten.Lidmaatschap"

    user = factory.SubFactory(UserFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    job_title = "beleidsadviseur"
    status = "bevestigd"


class UitnodigingFactory(factory.django.DjangoModelFactory):
    """An open invitation for a colleague. Only the hash of the link's token is stored (as
    gemeenten.services.uitnodiging_send does); pass `token=` to know the link."""

    class Meta:
        model = "gemeenten.Uitnodiging"

    class Params:
        token = factory.Sequence(lambda n: f"uitnodiging-token-{n}-abcdefghijklmnop")

    gemeente = factory.SubFactory(GemeenteFactory)
    email = factory.Sequence(lambda n: f"collega{n}@mail.example")
    role = "collega"
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class DilemmaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dilemmas.Dilemma"

    leerkring = factory.SubFactory(LeerkringFactory)
    title = factory.Sequence(lambda n: f"Dilemma {n}")
    slug = factory.Sequence(lambda n: f"dilemma-{n}")
    summary = "Een dilemma."
    description = "Beschrijving."


class BijeenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bijeenkomsten.Bijeenkomst"

    leerkring = factory.SubFactory(LeerkringFactory)
    kind = "werkgroep"
    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    registration_closes_at = factory.LazyAttribute(
        lambda o: o.starts_at - datetime.timedelta(days=1)
    )
    location = "Stadhuis"
    capacity = 10


class EmailAddressFactory(factory.django.DjangoModelFactory):
    """An address of allauth's; UserFactory makes a verified one unless told `verified=False`."""

    class Meta:
        model = EmailAddress

    user = factory.SubFactory(UserFactory, verified=False)
    email = factory.LazyAttribute(lambda o: o.user.email)
    primary = True
    verified = True


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "gemeenten.Partner"

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = "financier"


class KernvraagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dilemmas.Kernvraag"

    leerkring = factory.SubFactory(LeerkringFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Hoe geef je ruimte aan initiatieven uit de wijk? ({n})")


class CasusFactory(factory.django.DjangoModelFactory):
    """A draft case with the role "faciliteren". Cases that tests publish go through
    `casus_create`, which also fills the search vectors and the first version."""

    class Meta:
        model = "dilemmas.Casus"
        skip_postgeneration_save = True

    leerkring = factory.SubFactory(LeerkringFactory)
    author = factory.SubFactory(UserFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    dilemma = factory.SubFactory(DilemmaFactory, leerkring=factory.SelfAttribute("..leerkring"))
    title = factory.Sequence(lambda n: f"Een buurthuis ({n})")
    situation = "Twee groepen willen het buurthuis."
    question = "Wat doe je?"

    @factory.post_generation
    def rollen(obj, create, extracted, **kwargs):
        # Roles come from the data migration's vocabulary (dilemmas.Rol), never made here.
        if create:
            obj.rollen.set(
                extracted if extracted is not None else Rol.objects.filter(slug="faciliteren")
            )


class ReactieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dilemmas.Reactie"

    casus = factory.SubFactory(CasusFactory)
    author = factory.SubFactory(UserFactory)
    body = "Herkenbaar."


class ProgrammaonderdeelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bijeenkomsten.Programmaonderdeel"

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    starts_at = datetime.time(10, 0)
    title = factory.Sequence(lambda n: f"Onderdeel {n}")


class WerkgroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bijeenkomsten.Werkgroep"

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    dilemma = factory.SubFactory(
        DilemmaFactory, leerkring=factory.SelfAttribute("..bijeenkomst.leerkring")
    )
    title = factory.Sequence(lambda n: f"Tafel {n}")
    capacity = 5


class AanmeldingFactory(factory.django.DjangoModelFactory):
    """A registration without a municipality: tests that count per municipality pass one."""

    class Meta:
        model = "bijeenkomsten.Aanmelding"

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    deelnemer = factory.SubFactory(UserFactory)
    status = "aangemeld"


class AgendakoppelingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bijeenkomsten.Agendakoppeling"

    user = factory.SubFactory(UserFactory)


class VerslagFactory(factory.django.DjangoModelFactory):
    """A draft report without a version; `verslag_save` writes versions."""

    class Meta:
        model = "bijeenkomsten.Verslag"

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    status = "concept"


class PublicatieFactory(factory.django.DjangoModelFactory):
    """A public essay released yesterday, without a version; PublicatieVersieFactory adds one."""

    class Meta:
        model = "publicaties.Publicatie"

    leerkring = factory.SubFactory(LeerkringFactory)
    kind = "essay"
    title = factory.Sequence(lambda n: f"Essay {n}")
    slug = factory.Sequence(lambda n: f"essay-{n}")
    abstract = "Samenvatting."
    release_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    visibility = "openbaar"


class PublicatieVersieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "publicaties.PublicatieVersie"

    publicatie = factory.SubFactory(PublicatieFactory)
    number = factory.LazyAttribute(lambda o: o.publicatie.versies.count() + 1)
    body = "Tekst."


class DownloadFactory(factory.django.DjangoModelFactory):
    """A download by nobody logged in; tests that count per person or municipality pass them."""

    class Meta:
        model = "publicaties.Download"

    publicatie = factory.SubFactory(PublicatieFactory)
    versie = factory.SubFactory(
        PublicatieVersieFactory, publicatie=factory.SelfAttribute("..publicatie")
    )


class PdfUploadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "publicaties.PdfUpload"

    publicatie = factory.SubFactory(PublicatieFactory)


class RenderJobFactory(factory.django.DjangoModelFactory):
    """A queued PDF job. Its document need not exist: tests pass the kind and id they render."""

    class Meta:
        model = "core.RenderJob"

    kind = "verslag"
    object_id = factory.Sequence(lambda n: 100_000 + n)


class ExportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.ExportJob"

    kind = "bijeenkomsten.aanmeldingen"
    user = factory.SubFactory(UserFactory)
    filename = "aanmeldingen.csv"


class BerichtFactory(factory.django.DjangoModelFactory):
    """A message to a meeting's seated people, as sent; add its recipients with
    BerichtOntvangerFactory (the service bijeenkomsten.services.berichten writes both)."""

    class Meta:
        model = "bijeenkomsten.Bericht"

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    leerkring = factory.SelfAttribute("bijeenkomst.leerkring")
    audience = "deelnemers"
    subject = factory.Sequence(lambda n: f"Bericht {n}")
    body = "Tot dinsdag!"
    recipient_count = 1


class BerichtOntvangerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bijeenkomsten.BerichtOntvanger"

    bericht = factory.SubFactory(BerichtFactory)
    user = factory.SubFactory(UserFactory)


class DocumentFactory(factory.django.DjangoModelFactory):
    """A meeting document that was checked and accepted, for the circle's members; uploads
    that wait for their check go through bijeenkomsten.services.documenten."""

    class Meta:
        model = "bijeenkomsten.Document"

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    title = factory.Sequence(lambda n: f"Dia's {n}")
    visibility = "leerkring"
    kind = "pdf"
    status = "accepted"
    file = factory.django.FileField(
        data=b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", filename="document.pdf"
    )
    size = factory.LazyAttribute(lambda o: o.file.size if o.file else 0)


class EvaluatieFactory(factory.django.DjangoModelFactory):
    """A meeting's questionnaire with the default questions, not sent (pass sent_at to have it
    sent); its (empty) store of answers comes with it, as the service makes it."""

    class Meta:
        model = "bijeenkomsten.Evaluatie"
        skip_postgeneration_save = True

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)

    @factory.post_generation
    def vragen(self, create, extracted, **kwargs):
        from bijeenkomsten.models import EvaluatieAntwoorden, EvaluatieVraag
        from bijeenkomsten.services.evaluatie import default_questions

        if not create:
            return
        EvaluatieAntwoorden.objects.get_or_create(evaluatie=self)
        questions = extracted if extracted is not None else default_questions()
        EvaluatieVraag.objects.bulk_create(
            EvaluatieVraag(evaluatie=self, kind=q["kind"], text=q["text"], position=i)
            for i, q in enumerate(questions, start=1)
        )
