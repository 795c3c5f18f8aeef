"""The demo circle, written in our own words from the public texts about the learning circle
"Ambtelijk vakmanschap in de participatiemaatschappij" (Tilburg University, 2017–2019).
Names, dates and figures are the real ones; the people with demo accounts are invented."""

import datetime

DEMO_PASSWORD = "leerkring-demo"  # noqa: S105 - published in README for the demo accounts

LEERKRING = {
    "slug": "ambtelijk-vakmanschap",
    "title": "Ambtelijk vakmanschap in de participatiemaatschappij",
    "subtitle": "Op zoek naar nieuwe democratische werkvormen in de faciliterende gemeente",
    "summary": (
        "Inwoners en maatschappelijke organisaties nemen steeds vaker zelf het initiatief in de "
        "publieke zaak. Dat vraagt iets nieuws van gemeenten en van de ambtenaren die dagelijks met "
        "inwoners werken. In deze tweejarige leerkring onderzoekt de Tilburg School of Governance "
        "samen met zes gemeenten welke werkpraktijken ambtenaren ontwikkelen, hoe zij omgaan met de "
        "dilemma's in hun werk en hoe ze daarin van elkaar kunnen leren.\n"
        "Ruim vijftig medewerkers die rechtstreeks contact hebben met inwoners zijn geïnterviewd. Wat "
        "zij vertelden, wordt in de leerkring besproken en samengebracht in een slotpublicatie."
    ),
    "framework": (
        "De onderzoekers geven de leerkring een denk- en handelingskader mee. Daarin staan rollen "
        "(loslaten, faciliteren en sturen), werkpraktijken en de democratische waarden die erbij "
        "horen (gelijkheid en inclusie, verantwoording en deliberatie) naast elkaar. Zo kunnen "
        "ambtenaren en gemeenten hun eigen rol doordenken en bewust kiezen voor werkvormen die daarbij "
        "passen."
    ),
    "max_gemeenten": 8,
    "starts_on": datetime.date(2017, 9, 1),
    "ends_on": datetime.date(2019, 8, 31),
    "contact_name": "Wieke Blijleven (Tilburg University)",
    "contact_email": "onderzoek@leerkring.example",
}

KERNVRAGEN = [
    "Hoe verbind je bewonersparticipatie met de interne processen van de gemeente?",
    "Hoe ga je als ambtenaar om met spanning tussen initiatieven uit de samenleving en beleid "
    "of regelgeving?",
    "Waar liggen de grenzen tussen loslaten, faciliteren en sturen, en hoe kies je tussen die "
    "rollen of schakel je ertussen?",
    "Hoe betrek je collega's, de gemeenteraad en het college bij initiatieven?",
    "Hoe krijgen nieuwe werkpraktijken een plek in de bestaande ambtelijke functies?",
    "Hoe combineer en deel je professionele en lokale kennis zo dat het werkt?",
    "Hoe geef je democratische waarden (gelijkheid en inclusie, verantwoording, deliberatie) vorm "
    "als het gaat om maatwerk en initiatief?",
]

PARTNERS = [
    {
        "slug": "tilburg-university",
        "name": "Tilburg University, Tilburg School of Governance",
        "kind": "organisator",
        "description": "Leidt het onderzoek en de leerkring: Merlijn van Hulst, Wieke Blijleven "
        "en Frank Hendriks.",
        "website": "https://www.tilburguniversity.edu/",
    },
    {
        "slug": "ao-fonds-gemeenten",
        "name": "A+O fonds Gemeenten",
        "kind": "financier",
        "description": "Maakt het onderzoek mede mogelijk.",
        "website": "https://www.aofondsgemeenten.nl/",
    },
    {
        "slug": "bzk",
        "name": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "kind": "financier",
        "description": "Maakt het onderzoek mede mogelijk.",
        "website": "https://www.rijksoverheid.nl/ministeries/ministerie-van-binnenlandse-zaken-en-koninkrijksrelaties",
    },
    {
        "slug": "vng",
        "name": "Vereniging van Nederlandse Gemeenten",
        "kind": "financier",
        "description": "Maakt het onderzoek mede mogelijk.",
        "website": "https://vng.nl/",
    },
    {
        "slug": "ontwikkelagenda-lokale-democratie",
        "name": "Ontwikkelagenda Lokale Democratie",
        "kind": "kennispartner",
        "description": "Zette het onderzoek en de leerkring mee op.",
        "website": "",
    },
]

# The three accounts README.md promises. Their roles in Breda arrive with the municipalities.
ACCOUNTS = [
    {"email": "onderzoeker@leerkring.example", "name": "Eva Jansen", "role": "onderzoeker"},
    {"email": "coordinator@breda.nl", "name": "Mark de Wit", "role": "coördinator van Breda"},
    {"email": "ambtenaar@breda.nl", "name": "Fatima El Amrani", "role": "ambtenaar van Breda"},
]
