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
    # The pilot ended with the essay of summer 2019 (issue 20: a programme's ended circle).
    "phase": "afgesloten",
    "closed_at": datetime.datetime(2019, 8, 31, 17, 0, tzinfo=datetime.UTC),
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
        "email_domain": "tilburguniversity.edu",
    },
    {
        "slug": "ao-fonds-gemeenten",
        "name": "A+O fonds Gemeenten",
        "kind": "financier",
        "description": "Maakt het onderzoek mede mogelijk.",
        "website": "https://www.aofondsgemeenten.nl/",
        "email_domain": "aofondsgemeenten.nl",
    },
    {
        "slug": "bzk",
        "name": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "kind": "financier",
        "description": "Maakt het onderzoek mede mogelijk.",
        "website": "https://www.rijksoverheid.nl/ministeries/ministerie-van-binnenlandse-zaken-en-koninkrijksrelaties",
        "email_domain": "minbzk.nl",
    },
    {
        "slug": "vng",
        "name": "Vereniging van Nederlandse Gemeenten",
        "kind": "financier",
        "description": "Maakt het onderzoek mede mogelijk.",
        "website": "https://vng.nl/",
        "email_domain": "vng.nl",
    },
    {
        "slug": "ontwikkelagenda-lokale-democratie",
        "name": "Ontwikkelagenda Lokale Democratie",
        "kind": "kennispartner",
        "description": "Zette het onderzoek en de leerkring mee op.",
        "website": "",
    },
]

# The accounts README.md promises. Their roles in Breda arrive with the municipalities; the
# programme manager's and Zwolle's with the programme (issue 20, below: invented people).
ACCOUNTS = [
    {"email": "onderzoeker@leerkring.example", "name": "Eva Jansen", "role": "onderzoeker"},
    {"email": "coordinator@breda.nl", "name": "Mark de Wit", "role": "coördinator van Breda"},
    {"email": "ambtenaar@breda.nl", "name": "Fatima El Amrani", "role": "ambtenaar van Breda"},
    {
        "email": "programma@leerkring.example",
        "name": "Marloes Verhagen",
        "role": "programmamanager",
    },
    {
        "email": "ambtenaar@zwolle.nl",
        "name": "Lotte Brinkman",
        "role": "ambtenaar van Zwolle, in de vervolgkring",
    },
]

# Fatima's choices on "Mijn instellingen" (issue 18): a reminder three days before a meeting
# instead of the researchers' two, e-mail about comments on her cases, and the weekly digest;
# she reads Leerkring in Dutch. Changing them on the page changes what she receives.
FATIMA_SETTINGS = {
    "reminders": True,
    "reminder_days": 3,
    "email_notifications": True,
    "weekly_digest": True,
    "language": "nl",
}

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

# One request and one application waiting, so the queues can be tried. The circle keeps its six
# municipalities: admitting Zwolle asks who will coordinate it, and "later" puts it on the
# researcher's home as work to do.
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

# The three core dilemmas recognised at the kick-off of 14 March 2018, with that day's
# conclusions (in our words).
DILEMMAS = [
    {
        "slug": "loslaten-of-sturen",
        "title": "Loslaten of sturen",
        "summary": "Wanneer laat je een initiatief uit de samenleving los, en wanneer blijf je toch sturen?",
        # The fixed vocabulary in English (issue 18): the name and the one-line summary.
        "title_en": "Letting go or steering",
        "summary_en": "When do you leave a citizens' initiative to itself, and when do you keep steering?",
        "description": "Gemeenten willen vaker faciliteren of loslaten in plaats van regisseren. Maar waar ligt "
        "de grens? Een ambtenaar die loslaat, blijft verantwoordelijk voor publieke waarden en voor "
        "de regels die gelden.",
        "questions": "- Waar liggen de grenzen tussen loslaten, faciliteren en sturen?\n"
        "- Hoe kies je tussen die rollen, en hoe schakel je ertussen?\n"
        "- Wat heb je nodig van je organisatie om te kunnen loslaten?",
        "conclusions": "Los kunnen laten vraagt om een heldere visie en duidelijke kaders. Loslaten levert "
        "misschien zelfs meer werk op in plaats van minder.",
    },
    {
        "slug": "bemiddelen",
        "title": "Bemiddelen",
        "summary": "Wat doe je als partijen in de stad het niet met elkaar eens zijn?",
        "title_en": "Mediating",
        "summary_en": "What do you do when parties in town do not agree with each other?",
        "description": "Initiatieven uit de samenleving spreken niet altijd voor iedereen. Bewoners, "
        "ondernemers en organisaties kunnen tegenover elkaar komen te staan. Dan wordt de "
        "ambtenaar gevraagd te bemiddelen, zonder zelf partij te worden.",
        "questions": "- Wanneer is bemiddelen jouw rol, en wanneer niet?\n"
        "- Hoe zorg je dat ook stille stemmen gehoord worden?",
        "conclusions": "Conclusie van de hele dag, ook voor dit dilemma: het ambtelijk vakmanschap van nu "
        "vraagt om een nieuwe werkgeversrol. Ambtenaren hebben rugdekking nodig, steun en ruimte "
        "voor creativiteit.",
    },
    {
        "slug": "afwegen-van-belangen",
        "title": "Afwegen van belangen",
        "summary": "Wat als een initiatief uit de stad botst met een belang van de gemeente?",
        "title_en": "Weighing interests",
        "summary_en": "What if an initiative from town clashes with an interest of the municipality?",
        "description": "Soms past een goed initiatief niet in beleid of regels, of kost het de gemeente geld "
        "of risico. De ambtenaar moet dan afwegen, en vaak uitleggen waarom.",
        "questions": "- Wat is eigenlijk het belang van de overheid in deze situatie?\n"
        "- Hoe handel je in de geest van de wet als de letter knelt?",
        "conclusions": "Afwegen van belangen vraagt om helderheid over wat het belang van de overheid is. "
        "Dat is niet altijd eenvoudig vast te stellen.",
    },
]

# Demo cases: invented, to show the library. Each names its municipality and author by the
# slug of the municipality; the author is the first civil servant of that municipality
# (Breda: ambtenaar@breda.nl).
CASES = [
    {
        "gemeente": "amersfoort",
        "dilemma": "loslaten-of-sturen",
        "title": "Een moestuin op braakliggend terrein",
        "situation": "Een groep bewoners wil van een braakliggend stuk grond een buurtmoestuin maken. De grond is van de gemeente en staat op de lijst voor woningbouw over vijf jaar. De initiatiefnemers vragen een toezegging voor minstens tien jaar.",
        "question": "Hoe ver kun je gaan met loslaten als de gemeente over vijf jaar iets anders met de grond wil?",
        "rollen": ["faciliteren", "verbinder"],
        "waarden": ["gelijkheid-en-inclusie"],
    },
    {
        "gemeente": "apeldoorn",
        "dilemma": "afwegen-van-belangen",
        "title": "Speeltuin door bewoners en de veiligheidseisen",
        "situation": "Ouders in een wijk hebben geld ingezameld voor nieuwe speeltoestellen. De toestellen die zij kozen voldoen niet aan de keuringseisen die de gemeente hanteert. De bewoners vinden dat de gemeente hun initiatief tegenhoudt.",
        "question": "Hoe weeg je het enthousiasme van de burgers af tegen de verantwoordelijkheid voor veiligheid?",
        "rollen": ["sturen", "analist"],
        "waarden": ["verantwoording"],
    },
    {
        "gemeente": "berkelland",
        "dilemma": "loslaten-of-sturen",
        "title": "Het dorp wil de bibliotheek zelf runnen",
        "situation": "Na een bezuiniging dreigt de bibliotheek in een kern te sluiten. De dorpsraad biedt aan het gebouw met vrijwilligers open te houden. Zij vragen een meerjarige bijdrage, maar willen zelf bepalen hoe het geld besteed wordt.",
        "question": "Welke afspraken maak je over verantwoording zonder het initiatief te smoren?",
        "rollen": ["loslaten", "facilitator"],
        "waarden": ["deliberatie", "verantwoording"],
    },
    {
        "gemeente": "breda",
        "dilemma": "bemiddelen",
        "title": "Twee bewonersgroepen en één buurthuis",
        "situation": "Twee groepen bewoners willen allebei het buurthuis beheren. De ene groep is al jaren actief, de andere bestaat vooral uit nieuwe bewoners met jonge kinderen. Beide groepen vragen de gemeente om te kiezen.",
        "question": "Moet ik kiezen, of help ik ze samen tot een oplossing te komen? En hoe blijf ik dan neutraal?",
        "rollen": ["procesbegeleider", "verbinder"],
        "waarden": ["deliberatie", "gelijkheid-en-inclusie"],
    },
    {
        "gemeente": "harderwijk",
        "dilemma": "afwegen-van-belangen",
        "title": "Een energiecoöperatie en de aanbesteding",
        "situation": "Een lokale energiecoöperatie wil zonnepanelen leggen op daken van gemeentelijke gebouwen. De gemeente moet zulke opdrachten normaal aanbesteden. De coöperatie vindt dat een lokaal initiatief voorrang verdient.",
        "question": "Hoe ga je om met de spanning tussen een initiatief uit de samenleving en de regels voor aanbesteden?",
        "rollen": ["sturen", "netwerker"],
        "waarden": ["verantwoording"],
    },
    {
        "gemeente": "tilburg",
        "dilemma": "loslaten-of-sturen",
        "title": "Wijkbudget: wie beslist er?",
        "situation": "De gemeente geeft een wijk een eigen budget. Een klein groepje actieve bewoners verdeelt het geld, vooral aan activiteiten voor hun eigen straat. Andere bewoners weten niet eens dat het budget bestaat.",
        "question": "Hoe zorg je dat het wijkbudget de hele wijk bereikt zonder de regie terug te pakken?",
        "rollen": ["faciliteren", "procesbegeleider"],
        "waarden": ["gelijkheid-en-inclusie", "deliberatie"],
    },
    {
        "gemeente": "breda",
        "dilemma": "afwegen-van-belangen",
        "title": "Een straatfeest zonder vergunning",
        "situation": "Bewoners organiseren al jaren een straatfeest. Dit jaar vraagt de politie om een vergunning met een verkeersplan. De bewoners zeggen dat het feest dan te duur en te ingewikkeld wordt.",
        "question": "Kun je in de geest van de regels handelen als de letter van de regels het initiatief kost?",
        "rollen": ["faciliteren", "analist"],
        "waarden": ["verantwoording"],
        "visibility": "gemeente",
    },
    {
        "gemeente": "amersfoort",
        "dilemma": "bemiddelen",
        "title": "Ondernemers en bewoners over parkeren",
        "situation": "Winkeliers in een straat willen meer parkeerplekken voor klanten. Bewoners willen juist minder auto's en meer groen. Beide groepen hebben een petitie gestuurd naar de gemeenteraad.",
        "question": "Hoe breng je twee groepen met tegengestelde belangen met elkaar in gesprek?",
        "rollen": ["netwerker", "verbinder"],
        "waarden": ["deliberatie"],
    },
    {
        "gemeente": "apeldoorn",
        "dilemma": "loslaten-of-sturen",
        "title": "Zorgcoöperatie en de subsidievoorwaarden",
        "situation": "Een zorgcoöperatie van bewoners in de wijk De Maten helpt ouderen met boodschappen en vervoer. Ze willen subsidie, maar vinden de verantwoordingseisen te zwaar. Wethouder en raad willen wel weten wat het geld oplevert.",
        "question": "Hoe licht kan de verantwoording zijn als het om publiek geld gaat?",
        "rollen": ["sturen", "analist"],
        "waarden": ["verantwoording"],
        "anonymise": True,
        "anon_title": "Een zorgcoöperatie en de subsidievoorwaarden",
        "anon_situation": "Een zorgcoöperatie van bewoners helpt ouderen met boodschappen en vervoer. Ze willen subsidie, maar vinden de verantwoordingseisen te zwaar. Het bestuur van de gemeente wil wel weten wat het geld oplevert.",
        "anon_question": "Hoe licht kan de verantwoording zijn als het om publiek geld gaat?",
    },
    {
        "gemeente": "tilburg",
        "dilemma": "bemiddelen",
        "title": "Een buurtpreventie-app die mensen buitensluit",
        "situation": "Bewoners hebben een buurtpreventie-app opgezet. Een deel van de wijk voelt zich er niet welkom: berichten over 'verdachte personen' gaan vaak over jongeren met een migratieachtergrond.",
        "question": "Mag of moet de gemeente iets zeggen over een initiatief van bewoners zelf?",
        "rollen": ["verbinder"],
        "waarden": ["gelijkheid-en-inclusie"],
    },
    {
        "gemeente": "berkelland",
        "dilemma": "bemiddelen",
        "title": "Windmolens verdelen het dorp",
        "situation": "Een coöperatie wil twee windmolens bouwen bij een dorp. De helft van het dorp doet mee, de andere helft vreest voor uitzicht en geluid. Op bewonersavonden lopen de emoties hoog op.",
        "question": "Hoe organiseer je een gesprek waarin beide kanten zich gehoord voelen?",
        "rollen": ["procesbegeleider"],
        "waarden": ["deliberatie"],
    },
    {
        "gemeente": "harderwijk",
        "dilemma": "loslaten-of-sturen",
        "title": "Bewoners beheren het groen",
        "situation": "Bewoners van een straat nemen het onderhoud van het plantsoen over. Na een jaar is een deel van het groen verwaarloosd, omdat een paar vrijwilligers zijn verhuisd. Andere bewoners klagen bij de gemeente.",
        "question": "Wanneer stap je als gemeente weer in bij een initiatief dat je hebt losgelaten?",
        "rollen": ["loslaten", "facilitator"],
        "waarden": ["verantwoording"],
    },
]
DRAFT_CASE = {
    "gemeente": "breda",
    "dilemma": "loslaten-of-sturen",
    "title": "Concept: tiny houses op een tijdelijke plek",
    "situation": "Een groep jongeren wil tiny houses plaatsen op een tijdelijke locatie. (Nog uit te werken.)",
    # Unfinished (issue 18): the case page lists what is still missing before it can be shared.
    "question": "",
    "rollen": [],
    "waarden": [],
}
COMMENTS = [
    (
        3,
        "tilburg",
        "Herkenbaar! Wij hebben bij zo'n conflict een onafhankelijke gespreksleider ingehuurd. Daardoor werd de gemeente geen partij.",
    ),
    (
        3,
        "amersfoort",
        "Misschien kun je ze vragen om samen een beheerplan te schrijven, met een rol voor allebei.",
    ),
    (
        0,
        "berkelland",
        "Wij sluiten in zo'n geval een overeenkomst voor bepaalde tijd, met een heldere afspraak over wat er gebeurt als de grond nodig is.",
    ),
    (
        5,
        "breda",
        "Wij hebben huis-aan-huis laten weten dat er een budget is. Het aantal aanvragen verdubbelde.",
    ),
    (
        8,
        "harderwijk",
        "Goede vraag. Bij ons werkt een kort jaarverslag met foto's beter dan formulieren.",
    ),
]

# Meetings. The kick-off (14 March 2018, 60 participants, three work groups on the three
# dilemmas) and the closing conference (16 January 2019) are real; the reflection meetings in
# between follow the programme's half-yearly rhythm (their details are demo text), and one
# meeting lies in the near future so that registering can be tried.
KICKOFF = {
    "title": "Kick-off: werken aan ambtelijk vakmanschap in de participatiemaatschappij",
    "kind": "kickoff",
    "starts": (2018, 3, 14, 10, 0),
    "ends": (2018, 3, 14, 16, 0),
    "location": "Tilburg University, Tilburg",
    "capacity": 70,
    "description": "De eerste leerkringbijeenkomst. Na de opening en een inleiding over ambtelijk "
    "vakmanschap anno nu praten de deelnemers in drie werkgroepen door over de drie dilemma's "
    "rond initiatieven uit de samenleving.",
    "programma": [
        (
            (10, 0),
            "Opening",
            "Bertien Houwing, wethouder Amersfoort en bestuurslid A+O fonds Gemeenten",
        ),
        ((10, 20), "Ambtelijk vakmanschap anno nu", "prof. dr. Frank Hendriks"),
        ((11, 15), "Werkgroepen over de drie dilemma's", ""),
        ((15, 0), "Conclusies van de dag", "Merlijn van Hulst en Wieke Blijleven"),
    ],
    "participants": 60,
}
REFLECTIONS = [
    {
        "title": "Reflectiebijeenkomst najaar 2018",
        "kind": "reflectie",
        "starts": (2018, 10, 4, 13, 0),
        "ends": (2018, 10, 4, 17, 0),
        "location": "Stadhuis Apeldoorn",
        "host": "apeldoorn",
        "capacity": 50,
        "participants": 38,
        "description": "Demotekst: halfjaarlijkse bijeenkomst om samen terug te kijken op de casussen.",
    },
]
CONFERENCE = {
    "title": "Slotconferentie Ambtelijk vakmanschap in de participatiemaatschappij",
    "kind": "slotconferentie",
    "starts": (2019, 1, 16, 13, 0),
    "ends": (2019, 1, 16, 17, 30),
    "location": "Utrecht",
    "capacity": 120,
    "participants": 74,
    "description": "De uitkomsten van het onderzoek worden gedeeld. In de zomer van 2019 volgt een "
    "essay met de resultaten.",
}
UPCOMING = {
    "title": "Leeratelier netwerkend werken",
    "kind": "leeratelier",
    "days_ahead": 21,
    "location": "Stadskantoor Breda",
    "host": "breda",
    "capacity": 25,
    "max_per_gemeente": 6,
    "description": "Demotekst: we bespreken de uitdagingen van netwerkend werken voor de ambtenaar van "
    "nu, en wat wetenschap en praktijk weten over de toepassingen en dilemma's ervan.",
    "participants": 12,
    # Hybrid, with its venue (issue 18): a seat holder reads when the join button comes.
    "address": "Claudius Prinsenlaan 10, 4811 DJ Breda",
    "latitude": "51.585600",
    "longitude": "4.780300",
    "venue_accessibility": "Ingang zonder drempels aan de Claudius Prinsenlaan. Lift naar alle "
    "verdiepingen, een invalidentoilet op de begane grond en een ringleiding in de zaal. "
    "Parkeergarage onder het gebouw, met plaatsen voor mensen met een beperking.",
    "contact_name": "Demo: Sanne de Bode (gastvrouw)",
    "contact_phone": "06 12345678",
    "online_url": "https://video.example.org/leerkring-leeratelier",
}
# A hybrid meeting that is on when the demo is seeded: it starts a quarter of an hour after
# seeding, so its join button shows at once for whoever has a seat (Fatima has one), until it
# ends six hours later. Seeding again leaves it where it was; a fresh demo database (make run
# after removing it) moves it to the new day.
TODAY = {
    "title": "Intervisie op afstand: casussen uit de praktijk",
    "kind": "werkgroep",
    "starts_in_minutes": 15,
    "hours": 6,
    "location": "Stadhuis Breda, trouwzaal",
    "host": "breda",
    "capacity": 20,
    "description": "Demotekst: deze bijeenkomst begint altijd kort nadat de demo is gevuld, zodat je "
    "de knop Deelnemen ziet. Je kunt in de zaal meedoen of online.",
    "participants": 8,
    "address": "Grote Markt 38, 4811 XS Breda",
    "latitude": "51.588900",
    "longitude": "4.775900",
    "venue_accessibility": "Hoofdingang met hellingbaan aan de Grote Markt. Lift naar de trouwzaal "
    "op de eerste verdieping.",
    "contact_name": "Demo: Joost Verhoeven (bode)",
    "contact_phone": "06 87654321",
    "online_url": "https://video.example.org/leerkring-intervisie",
}

# The report of the kick-off, written in our words from the circle's own account of the day:
# the programme, the 60 participants, the three work groups and the three conclusions.
KICKOFF_REPORT = {
    "title": "Verslag van de kick-off op 14 maart 2018",
    "authors": "Merlijn van Hulst, Wieke Blijleven",
    "body": """De eerste bijeenkomst van de leerkring trok 60 deelnemers uit de zes gemeenten: Amersfoort, Apeldoorn, Berkelland, Breda, Harderwijk en Tilburg. De leerkring hoort bij het onderzoek van Tilburg University naar ambtelijk vakmanschap in de participatiemaatschappij, dat mogelijk is dankzij het A+O fonds Gemeenten, het ministerie van BZK, de VNG en de zes gemeenten.

## Opening

Bertien Houwing, wethouder in Amersfoort en bestuurslid van het A+O fonds Gemeenten, opende de dag.

## Ambtelijk vakmanschap anno nu

Hoogleraar Frank Hendriks hield een inleiding over het vak van de ambtenaar van nu. Zijn kern: het vak vraagt om een andere houding. Niet eerst beoordelen of iets mag, maar samen zoeken hoe iets kan. Soms betekent dat handelen in de geest van de wet. Vertrouwen is daarbij onmisbaar, binnen de gemeente en in het contact met inwoners. Die houding komt bovenop wat een ambtenaar altijd al moest kunnen, zoals het kennen van beleid en procedures.

## Werkgroepen

Daarna gingen de deelnemers in drie werkgroepen verder, elk over een van de drie dilemma's die in de interviews steeds terugkwamen:

- **loslaten of sturen**: wanneer laat je een initiatief los, en wanneer blijf je toch sturen?
- **bemiddelen**: wat doe je als partijen in de stad het niet met elkaar eens zijn?
- **afwegen van belangen**: wat als een initiatief uit de stad botst met een belang van de gemeente?

De gesprekken in de werkgroepen gingen over eigen praktijkvoorbeelden. De conclusies per werkgroep staan hieronder.

## Hoe verder

In de werkgroepen en de reflectiebijeenkomsten van de komende tijd bespreken de deelnemers hun eigen casussen. De opbrengst wordt samen met de ruim 50 interviews met ambtenaren gebruikt voor het onderzoek.""",
    "conclusions": """1. Los kunnen laten vraagt om een heldere visie en duidelijke kaders. Loslaten kan zelfs meer werk geven in plaats van minder.
2. Afwegen van belangen vraagt om helderheid over wat het belang van de overheid is, en dat is niet altijd eenvoudig vast te stellen.
3. Het ambtelijk vakmanschap van nu vraagt ook om een nieuwe rol van de werkgever: rugdekking, steun en ruimte voor creativiteit.""",
}

# Publications. The invitation of March 2017 (the researchers' own call for municipalities),
# retold in our words, and the closing essay announced for the summer of 2019. The essay's
# facts come from the circle's sources; every passage we made up for the demo says so.
PUBLICATIONS = [
    {
        "slug": "uitnodiging-leerkring-2017",
        "kind": "overig",
        "title": "Ambtelijk vakmanschap in de participatiemaatschappij: op zoek naar nieuwe "
        "democratische werkvormen in de faciliterende gemeente",
        "author_names": "Wieke Blijleven, Merlijn van Hulst, Frank Hendriks",
        "release": (2017, 3, 1, 10, 0),
        "visibility": "openbaar",
        "abstract": "De uitnodiging van maart 2017 waarmee de Tilburg School of Governance vijf tot "
        "acht gemeenten zocht voor een leerkring van twee jaar over het vakmanschap van "
        "ambtenaren in de participatiemaatschappij.",
        "body": """## Aanleiding

Al zo'n twintig jaar nemen burgers en maatschappelijke organisaties steeds vaker zelf het initiatief voor de publieke zaak. In dorpen, wijken en steden vraagt dat iets nieuws van gemeenten. Veel gemeenten proberen bewoners te betrekken of initiatieven te steunen, en willen vaker faciliteren of loslaten in plaats van regelen en regisseren. In bijna negen op de tien gemeenten staat dit in het collegeprogramma.

## De vraag

Ruimte voor burgers ontstaat niet vanzelf: gemeenten maken die ruimte, en bewaken haar. Wat voor vakmanschap hebben ambtenaren daarvoor nodig? En hoe zorgen zij, met minder en andere middelen dan vroeger, dat democratische waarden overeind blijven?

## Onderzoek en leerkring

De Tilburg School of Governance zet samen met de Ontwikkelagenda Lokale Democratie een onderzoek en een leerkring op. De onderzoekers voeren gesprekken en doen observaties in de deelnemende gemeenten, en verkennen daarna samen met hen de gedeelde uitdagingen en oplossingen. Tot de zomer van 2017 zoeken zij vijf tot acht gemeenten die vanaf september twee jaar willen meedoen. Twee keer per jaar is er een bijeenkomst om samen terug te kijken en te leren.

## Kernvragen

- Hoe verbind je de participatie van bewoners met de processen binnen de gemeente?
- Hoe ga je om met spanning tussen initiatieven en beleid of regels?
- Waar liggen de grenzen tussen loslaten, faciliteren en sturen, en hoe kies of wissel je tussen die rollen?
- Hoe combineer en deel je professionele en lokale kennis?
- Hoe geef je gelijkheid en inclusie, verantwoording en deliberatie vorm bij maatwerk en initiatief?

## Afsluiting

De leerkring biedt een denk- en handelingskader met rollen, werkpraktijken en democratische waarden, en sluit af met een conferentie en een slotpublicatie.""",
    },
    {
        "slug": "slotpublicatie-2019",
        "kind": "slotpublicatie",
        "title": "Ambtelijk vakmanschap in de participatiemaatschappij: wat de leerkring ons leerde",
        "author_names": "Wieke Blijleven, Merlijn van Hulst, Frank Hendriks",
        "release": (2019, 7, 1, 10, 0),
        "visibility": "openbaar",
        "abstract": "Het essay met de uitkomsten van het onderzoek en de leerkring (2017–2019) met "
        "Amersfoort, Apeldoorn, Berkelland, Breda, Harderwijk en Tilburg: de drie dilemma's van "
        "het dagelijkse werk met initiatieven uit de samenleving, en wat ambtenaren en hun organisaties nodig hebben. (De tekst van "
        "het essay in deze demo is deels demotekst.)",
        "body": """## Inleiding

Dit essay sluit het onderzoek *Ambtelijk vakmanschap in de participatiemaatschappij* af. Tilburg University voerde het uit met zes gemeenten: Amersfoort, Apeldoorn, Berkelland, Breda, Harderwijk en Tilburg, en met steun van het A+O fonds Gemeenten, het ministerie van BZK en de VNG. De onderzoekers spraken ruim 50 ambtenaren die dagelijks met inwoners werken. Wat zij vertelden, besprak de leerkring vanaf de kick-off op 14 maart 2018 tot de slotconferentie op 16 januari 2019.

## Een andere houding

Het vak van de ambtenaar vraagt om een andere houding: niet eerst beoordelen of iets mag, maar samen zoeken hoe iets kan, soms in de geest van de wet. Vertrouwen is daarbij onmisbaar, binnen de gemeente en in het contact met inwoners. Die houding komt bovenop wat een ambtenaar altijd al moest kunnen, zoals het kennen van beleid en procedures.

## Drie dilemma's

**Loslaten of sturen.** Los kunnen laten vraagt om een heldere visie en duidelijke kaders. Loslaten levert misschien zelfs meer werk op in plaats van minder.

**Bemiddelen.** Als partijen in de stad het niet met elkaar eens zijn, wordt de ambtenaar gevraagd te bemiddelen zonder zelf partij te worden.

**Afwegen van belangen.** Dat vraagt om helderheid over wat het belang van de overheid is, en dat is niet altijd eenvoudig vast te stellen.

## Wat ambtenaren nodig hebben

Het vakmanschap van nu vraagt ook om een nieuwe rol van de werkgever: rugdekking, steun en ruimte voor creativiteit.

## Hoe verder (demotekst)

*Demotekst, niet uit de bronnen:* gemeenten die verder willen, kunnen de casussen uit de leerkring gebruiken in hun eigen teams, en het gesprek over de drie dilemma's een vaste plek geven in werkoverleg en inwerkprogramma's.""",
    },
]

# --- The programme (issue 20) -----------------------------------------------------------------
# The pilot's funders and knowledge partner (PARTNERS) run a programme of circles. The pilot
# is its first, ended circle. The programme's name is the example; the follow-up
# circle, its people and its meetings are invented for the demo and say so.
PROGRAMMA = {
    "slug": "leerkringen-lokale-democratie",
    "title": "Leerkringen lokale democratie",
    "summary": (
        "Het A+O fonds Gemeenten, het ministerie van BZK en de VNG maakten de eerste leerkring "
        "over ambtelijk vakmanschap in de participatiemaatschappij mogelijk (2017–2019), met de "
        "Ontwikkelagenda Lokale Democratie als kennispartner. In dit programma volgen meer "
        "leerkringen, met steeds andere gemeenten, en neemt elke kring de lessen van de vorige "
        "mee.\n"
        "Demotekst: het programma en de vervolgkring zijn verzonnen voor de demo."
    ),
}
# The partners (slugs of PARTNERS) that fund the programme and share their knowledge with it;
# they are named on the follow-up circle too.
PROGRAMMA_PARTNERS = ["ao-fonds-gemeenten", "bzk", "vng", "ontwikkelagenda-lokale-democratie"]
# The programme manager, at the fund (invented; in ACCOUNTS).
PROGRAMMA_MANAGER = "programma@leerkring.example"

# The follow-up circle: invented for the demo, as its title and summary say.
VERVOLG = {
    "slug": "vervolgkring-2020",
    "title": "Vervolgkring lokale democratie 2020–2022 (demo)",
    "subtitle": "Verzonnen vervolg voor de demo",
    "summary": (
        "Verzonnen vervolg voor de demo. Berkelland neemt de lessen van de eerste leerkring mee "
        "naar een nieuwe kring met Zwolle en Deventer. Samen werken ze verder aan de drie "
        "dilemma's van de eerste kring, nu met de vraag hoe je ze een vaste plek geeft in het "
        "werk van teams en in het gesprek met de gemeenteraad."
    ),
    "framework": (
        "Demotekst: de kring werkt met het denk- en handelingskader van de eerste leerkring: de "
        "rollen loslaten, faciliteren en sturen, en de democratische waarden gelijkheid en "
        "inclusie, verantwoording en deliberatie."
    ),
    "max_gemeenten": 6,
    "starts_on": datetime.date(2020, 9, 1),
    "ends_on": datetime.date(2022, 8, 31),
    "phase": "lopend",
    "contact_name": "Eva Jansen (demo)",
    "contact_email": "onderzoek@leerkring.example",
}
VERVOLG_KERNVRAGEN = [
    "Demotekst: hoe geef je de drie dilemma's een vaste plek in het werkoverleg van teams?",
    "Demotekst: hoe neem je de gemeenteraad mee in het werken met initiatieven uit de samenleving?",
    "Demotekst: wat kun je leren van de casussen van gemeenten uit de eerste leerkring?",
]
# Eva Jansen researches both circles; a second researcher joins for the follow-up (invented).
VERVOLG_RESEARCHERS = ["onderzoeker@leerkring.example", "n.hamdan@leerkring.example"]
VERVOLG_ACCOUNTS = [
    {"email": "n.hamdan@leerkring.example", "name": "Noor Hamdan", "role": "onderzoeker"},
]
# The municipalities of the follow-up: Berkelland again (its pilot coordinator and people), and
# Zwolle (whose application to the pilot still waits) and Deventer, real municipalities as
# invented participants. Each new one has an invented coordinator and civil servants; the first
# civil servant of Zwolle has a demo login of their own.
VERVOLG_GEMEENTEN = ["berkelland", "zwolle", "deventer"]
NEW_GEMEENTEN = [
    {
        "slug": "zwolle",
        "name": "Zwolle",
        "cbs_code": "GM0193",
        "website": "https://www.zwolle.nl/",
        "domains": ["zwolle.nl"],
        "coordinator": ("coordinator@zwolle.nl", "Wouter Hofman"),
        "people": [
            ("ambtenaar@zwolle.nl", "Lotte Brinkman", "wijkmanager"),
            ("daan.kok@zwolle.nl", "Daan Kok", "beleidsadviseur participatie"),
            ("yara.mansour@zwolle.nl", "Yara Mansour", "gebiedsmakelaar"),
            ("pieter.smit@zwolle.nl", "Pieter Smit", "projectleider"),
        ],
    },
    {
        "slug": "deventer",
        "name": "Deventer",
        "cbs_code": "GM0150",
        "website": "https://www.deventer.nl/",
        "domains": ["deventer.nl"],
        "coordinator": ("coordinator@deventer.nl", "Ilse Ramaker"),
        "people": [
            ("bram.hulshof@deventer.nl", "Bram Hulshof", "wijkregisseur"),
            ("meryem.aydin@deventer.nl", "Meryem Aydın", "omgevingsmanager"),
            ("koen.jansen@deventer.nl", "Koen Jansen", "adviseur burgerparticipatie"),
            ("femke.nijhof@deventer.nl", "Femke Nijhof", "jurist"),
        ],
    },
]
# Berkelland's people who were at the follow-up's kick-off (the first ones by e-mail address).
VERVOLG_BERKELLAND_ATTENDEES = 3
VERVOLG_KICKOFF = {
    "title": "Online kick-off van de vervolgkring (demo)",
    "kind": "kickoff",
    "starts": (2020, 10, 7, 13, 30),
    "ends": (2020, 10, 7, 16, 30),
    "location": "Online",
    "capacity": 40,
    "online_url": "https://video.example.org/vervolgkring-kick-off",
    "description": "Demotekst: de eerste bijeenkomst van de vervolgkring, online. Berkelland "
    "vertelt wat de eerste leerkring opleverde; daarna bespreken de deelnemers de drie dilemma's.",
}
VERVOLG_UPCOMING = {
    "title": "Werkatelier: de dilemma's in het werkoverleg (demo)",
    "kind": "leeratelier",
    "days_ahead": 35,
    "location": "Stadhuis Zwolle",
    "host": "zwolle",
    "capacity": 30,
    "max_per_gemeente": 10,
    "participants": 5,
    "description": "Demotekst: we oefenen met een casus uit de eerste leerkring in een "
    "werkoverleg, en bespreken wat dat je team oplevert.",
}
# A case of Berkelland from 2018, in the pilot (invented, like the other cases): anonymised,
# opened to the whole programme by its author and approved by the researcher, so that the civil
# servants of the follow-up circle find it in the case library, without the names.
PROGRAMME_CASE = {
    "gemeente": "berkelland",
    "dilemma": "loslaten-of-sturen",
    "published": (2018, 11, 12, 10, 0),
    "title": "De dorpsraad van Rekken beheert zelf het groen",
    "situation": "Sinds 2018 krijgt de dorpsraad van Rekken een eigen budget voor het groen en de "
    "speelplekken in de kern. De dorpsraad besteedt het geld anders dan de gemeente deed: minder "
    "maaien, meer bloemenweiden en een jeu-de-boulesbaan bij het dorpshuis. Een paar inwoners "
    "klagen bij wethouder en raad van Berkelland dat niemand hun iets heeft gevraagd.",
    "question": "Hoe laat je het budget echt bij de dorpsraad, en zorg je toch dat alle inwoners "
    "mee kunnen praten?",
    "rollen": ["loslaten", "facilitator"],
    "waarden": ["gelijkheid-en-inclusie", "deliberatie"],
    "anonymise": True,
    "programme_open": True,
    "anon_title": "Een dorpsraad beheert zelf het groen",
    "anon_situation": "Een dorpsraad in een kleine kern krijgt een eigen budget voor het groen en "
    "de speelplekken. De dorpsraad besteedt het geld anders dan de gemeente deed: minder maaien, "
    "meer bloemenweiden en een jeu-de-boulesbaan. Een paar inwoners klagen bij het gemeentebestuur "
    "dat niemand hun iets heeft gevraagd.",
    "anon_question": "Hoe laat je het budget echt bij de dorpsraad, en zorg je toch dat alle "
    "inwoners mee kunnen praten?",
}
