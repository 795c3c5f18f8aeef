from dilemmas import services as dilemma_services
from dilemmas.models import Rol, Waarde
from tests.factories import BijeenkomstFactory, DilemmaFactory, WerkgroepFactory


def test_cases_discussed_in_a_work_group_show_on_both_sides_and_filter_the_library(client, circle):
    dilemma = DilemmaFactory(leerkring=circle.leerkring)

    def casus(title):
        return dilemma_services.casus_create(
            author=circle.member,
            leerkring=circle.leerkring,
            dilemma=dilemma,
            rollen=Rol.objects.filter(slug="sturen"),
            waarden=Waarde.objects.none(),
            publish=True,
            title=title,
            situation="s",
            question="q",
        )

    discussed, other = casus("Besproken casus"), casus("Andere casus")
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Werkgroepsessie maart")
    group = WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Tafel A", capacity=5)
    group.casussen.add(discussed)

    client.force_login(circle.other_member)
    case_page = client.get(f"/dilemmas/casussen/{discussed.pk}/").text
    assert "Besproken in" in case_page and "Werkgroepsessie maart" in case_page
    meeting_page = client.get(f"/bijeenkomsten/{meeting.pk}/").text
    assert "Besproken casus" in meeting_page and "Andere casus" not in meeting_page
    library = client.get("/dilemmas/casussen/", {"bijeenkomst": meeting.pk}).text
    assert "Besproken casus" in library and "Andere casus" not in library
    assert "1 casus" in library
    assert client.get("/dilemmas/casussen/", {"bijeenkomst": "abc"}).status_code == 200
    assert other.pk


def test_researchers_link_and_unlink_cases_on_the_work_groups_page(client, circle):
    dilemma = DilemmaFactory(leerkring=circle.leerkring)
    casus = dilemma_services.casus_create(
        author=circle.member,
        leerkring=circle.leerkring,
        dilemma=dilemma,
        rollen=Rol.objects.filter(slug="sturen"),
        waarden=Waarde.objects.none(),
        publish=True,
        title="Te koppelen",
        situation="s",
        question="q",
    )
    draft = dilemma_services.casus_create(
        author=circle.member,
        leerkring=circle.leerkring,
        dilemma=dilemma,
        rollen=Rol.objects.filter(slug="sturen"),
        waarden=Waarde.objects.none(),
        publish=False,
        title="Concept",
        situation="s",
        question="q",
    )
    meeting = BijeenkomstFactory(leerkring=circle.leerkring)
    group = WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Tafel B", capacity=5)
    url = f"/bijeenkomsten/{meeting.pk}/werkgroepen/"
    client.force_login(circle.researcher)
    page = client.get(url).text
    assert "Te koppelen" in page and ">Concept<" not in page
    client.post(url + "casus-koppelen/", {"werkgroep": group.pk, "casus": casus.pk})
    assert list(group.casussen.all()) == [casus]
    refused = client.post(
        url + "casus-koppelen/", {"werkgroep": group.pk, "casus": draft.pk}, follow=True
    )
    assert "Kies een gepubliceerde casus uit deze leerkring." in refused.text
    nonsense = client.post(
        url + "casus-koppelen/", {"werkgroep": group.pk, "casus": "x"}, follow=True
    )
    assert "Kies een gepubliceerde casus uit deze leerkring." in nonsense.text
    client.post(url + "casus-ontkoppelen/", {"werkgroep": group.pk, "casus": casus.pk})
    assert not group.casussen.exists()
