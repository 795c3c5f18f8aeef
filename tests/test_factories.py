"""Every factory makes a valid row, so that a test failing on its data points at the test and
not at a factory that no longer fits the model's constraints or clean rules."""

import inspect

import factory
import pytest

from tests import factories

pytestmark = pytest.mark.django_db

ALL = sorted(
    (
        cls
        for _name, cls in inspect.getmembers(factories, inspect.isclass)
        if issubclass(cls, factory.django.DjangoModelFactory)
        and cls.__module__ == factories.__name__
    ),
    key=lambda cls: cls.__name__,
)


def test_every_model_the_tests_make_has_a_factory():
    made = {cls._meta.get_model_class()._meta.label for cls in ALL}
    assert made >= {
        "account.EmailAddress",
        "core.User",
        "core.Leerkring",
        "core.RenderJob",
        "core.ExportJob",
        "gemeenten.Partner",
        "gemeenten.Gemeente",
        "gemeenten.Emaildomein",
        "gemeenten.Deelname",
        "gemeenten.Lidmaatschap",
        "dilemmas.Kernvraag",
        "dilemmas.Dilemma",
        "dilemmas.Casus",
        "dilemmas.Reactie",
        "bijeenkomsten.Bijeenkomst",
        "bijeenkomsten.Programmaonderdeel",
        "bijeenkomsten.Werkgroep",
        "bijeenkomsten.Aanmelding",
        "bijeenkomsten.Agendakoppeling",
        "bijeenkomsten.Verslag",
        "publicaties.Publicatie",
        "publicaties.PublicatieVersie",
        "publicaties.Download",
        "publicaties.PdfUpload",
    }


@pytest.mark.parametrize("factory_class", ALL, ids=lambda cls: cls.__name__)
def test_a_factory_makes_a_valid_row(factory_class):
    made = factory_class.create()
    made.full_clean()
    # A second one does not clash with the first on a unique field.
    factory_class.create().full_clean()
