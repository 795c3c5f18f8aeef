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

# The six municipalities of the circle, with their real CBS codes and e-mail domains.
GEMEENTEN = [
    {
        "slug": "amersfoort",
        "name": "Amersfoort",
        "cbs_code": "GM0307",
        "website": "https://www.amersfoort.nl/",
        "domains": ["amersfoort.nl"],
    },
    {
        "slug": "apeldoorn",
        "name": "Apeldoorn",
        "cbs_code": "GM0200",
        "website": "https://www.apeldoorn.nl/",
        "domains": ["apeldoorn.nl"],
    },
    {
        "slug": "berkelland",
        "name": "Berkelland",
        "cbs_code": "GM1859",
        "website": "https://www.gemeenteberkelland.nl/",
        "domains": ["gemeenteberkelland.nl", "berkelland.nl"],
    },
    {
        "slug": "breda",
        "name": "Breda",
        "cbs_code": "GM0758",
        "website": "https://www.breda.nl/",
        "domains": ["breda.nl"],
    },
    {
        "slug": "harderwijk",
        "name": "Harderwijk",
        "cbs_code": "GM0243",
        "website": "https://www.harderwijk.nl/",
        "domains": ["harderwijk.nl"],
    },
    {
        "slug": "tilburg",
        "name": "Tilburg",
        "cbs_code": "GM0855",
        "website": "https://www.tilburg.nl/",
        "domains": ["tilburg.nl"],
    },
]

# Berkelland's own project page about the circle, in our words.
BERKELLAND_CARD = {
    "portfolio_holder": "Maikel van der Neut",
    "quality_status": "groen",
    "quality_note": "Berkelland zet de samenleving centraal; dat verandert hoe ambtenaren werken en "
    "samenwerken. Naast het onderzoek loopt een eigen project om het ambtelijk vakmanschap verder te "
    "ontwikkelen.",
    "time_status": "groen",
    "time_note": "Het onderzoek loopt meerdere jaren. In 2018 kwamen de gemeenten en partners een aantal "
    "keren bijeen; de slotconferentie was op 16 januari 2019 en het essay volgt in de zomer van 2019.",
    "money_status": "groen",
    "money_note": "Gedragen door de deelnemende gemeenten en de partners.",
}

# Invented people (demo only). Coordinators first; coordinator@breda.nl is README's.
COORDINATORS = {
    "amersfoort": ("coordinator@amersfoort.nl", "Ingrid Hoekstra"),
    "apeldoorn": ("coordinator@apeldoorn.nl", "Ruud Kamphuis"),
    "berkelland": ("coordinator@gemeenteberkelland.nl", "Annemiek Wessels"),
    "breda": ("coordinator@breda.nl", "Mark de Wit"),
    "harderwijk": ("coordinator@harderwijk.nl", "Jeroen Veldkamp"),
    "tilburg": ("coordinator@tilburg.nl", "Samira Bouzid"),
}
FIRST_NAMES = [
    "Anouk",
    "Bas",
    "Chantal",
    "Daan",
    "Esther",
    "Frank",
    "Gerda",
    "Hamza",
    "Iris",
    "Joost",
    "Karin",
    "Lars",
    "Miriam",
    "Nadia",
    "Olaf",
    "Priya",
    "Quirine",
    "Rob",
    "Sanne",
    "Tim",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yılmaz",
    "Haddou",
    "Pinas",
    "Nguyen",
]
JOB_TITLES = [
    "wijkregisseur",
    "beleidsadviseur participatie",
    "gebiedsmakelaar",
    "projectleider",
    "accountmanager maatschappelijke initiatieven",
    "beleidsmedewerker sociaal domein",
    "omgevingsmanager",
    "adviseur burgerparticipatie",
    "wijkcoördinator",
    "jurist",
]
CIVIL_SERVANTS_PER_GEMEENTE = 10

# One request and one application waiting, so the queues can be tried.
PENDING_MEMBER = {
    "email": "sanne.bakker@mail.example",
    "name": "Sanne Bakker",
    "gemeente": "breda",
    "job_title": "stagiair participatie",
}
PENDING_APPLICATION = {
    "gemeente": {
        "slug": "zwolle",
        "name": "Zwolle",
        "cbs_code": "GM0193",
        "website": "https://www.zwolle.nl/",
    },
    "contact_name": "Petra Kuipers",
    "contact_email": "p.kuipers@zwolle.example",
    "motivation": "Demotekst: Zwolle werkt aan overheidsparticipatie en wil graag leren van de andere gemeenten.",
}
