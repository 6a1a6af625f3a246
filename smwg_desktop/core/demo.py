"""A sample network for trying out, demonstrating and measuring SMWG Desktop.

Every record it makes is fictional and has ``sample=True``. Organisation names end
with a sample tag such as "(sample)" or "(muestra)". E-mail addresses use the
example.org, example.net and example.com domains, and phone numbers come from
ranges that no subscriber holds. Many people in a real directory face
repression, so nothing here may look like a real person's contact details.

One seed always gives the same records, ids included: loading the same seed into
two empty directories gives the same canonical export. The curated core is about
40 organisations, 120 people, the bodies, three activities and the campaign
concept note. It is made first and draws nothing from what comes after, so asking
for more organisations or people adds records around the same core.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple, TypeVar

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import RefusedError, ValidationError
from smwg_desktop.core.fields import Contact
from smwg_desktop.core.model import (
    Activity,
    Affiliation,
    AgendaItem,
    Body,
    Organisation,
    OutreachMove,
    Participant,
    Person,
    Proposal,
    Record,
    Review,
    Revision,
    Seat,
)
from smwg_desktop.core.outreach import ACTIVE_STAGES
from smwg_desktop.core.proposals import review_id
from smwg_desktop.core.text import fold, nfc
from smwg_desktop.i18n import _

R = TypeVar("R", bound=Record)

DEFAULT_ORGANISATIONS = 40
DEFAULT_PEOPLE = 120
DEFAULT_SEED = 2016

SAMPLE_TAGS = ("(sample)", "(muestra)", "(exemple)", "(amostra)")
"""Every sample organisation's name ends with one of these."""

EXAMPLE_DOMAINS = ("example.org", "example.net", "example.com")
"""The only domains that sample e-mail addresses and websites use (RFC 2606)."""

USER_CONSTITUENCIES = ("pastoralists", "migrant_workers", "street_vendors")
"""Constituencies the sample adds beyond the working group's own list, as users do."""


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind ``load_demo`` added."""

    organisations: int = 0
    people: int = 0
    affiliations: int = 0
    bodies: int = 0
    seats: int = 0
    activities: int = 0
    participants: int = 0
    agenda_items: int = 0
    proposals: int = 0
    reviews: int = 0
    revisions: int = 0
    outreach_moves: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))


# Phone numbers: "#" is a random digit. Where a country has a range set aside for
# fiction (North America's 555-01XX, Ofcom's drama numbers), the sample uses it.
# Elsewhere the national number starts with 555 (or 1555, 2555, 40555) where
# phonenumbers says the number is possible but not assigned, so a number copied
# from the sample reaches nobody.
PHONE_PLANS: dict[str, str] = {
    "AR": "+54 555 #######", "BO": "+591 555 #####", "BR": "+55 555 ########",
    "CL": "+56 1555 #####", "CO": "+57 555 #######", "EC": "+593 555 ######",
    "GT": "+502 1555 ####", "HN": "+504 555 #####", "HT": "+509 1555 ####",
    "MX": "+52 1555 ######", "NI": "+505 1555 ####", "PE": "+51 555 ######",
    "PY": "+595 555 ######", "SV": "+503 1555 ####",
    "BF": "+226 1555 ####", "CM": "+237 555 ######", "GH": "+233 1555 #####",
    "KE": "+254 1555 #####", "ML": "+223 555 #####", "MW": "+265 555 ######",
    "MZ": "+258 555 ######", "NG": "+234 555 #######", "SN": "+221 555 ######",
    "TZ": "+255 555 ######", "UG": "+256 555 ######", "ZA": "+27 555 ######",
    "ZW": "+263 555 ######",
    "BD": "+880 555 #######", "ID": "+62 555 ########", "IN": "+91 555 #######",
    "KG": "+996 1555 #####", "KH": "+855 555 #####", "NP": "+977 555 #######",
    "PH": "+63 555 #######", "VN": "+84 555 ######",
    "EG": "+20 555 #######", "JO": "+962 555 ######", "LB": "+961 2555 ###",
    "MA": "+212 555 ######", "TN": "+216 1555 ####",
    "DE": "+49 1555 #####", "ES": "+34 555 ######", "FR": "+33 40555 ####",
    "GB": "+44 20 7946 0###", "PT": "+351 555 ######", "RO": "+40 555 ######",
    "RS": "+381 555 ######", "UA": "+380 1555 #####",
    "CA": "+1 613 555 01##", "US": "+1 202 555 01##",
}

LANGUAGE_NAMES: dict[str, str] = {
    "ar": "Arabic", "ay": "Aymara", "bm": "Bambara", "bn": "Bengali", "ca": "Catalan",
    "de": "German", "en": "English", "es": "Spanish", "fr": "French", "gn": "Guarani",
    "hi": "Hindi", "ht": "Haitian Creole", "id": "Indonesian", "km": "Khmer", "ky": "Kyrgyz",
    "mos": "Mooré", "ne": "Nepali", "ny": "Chichewa", "pt": "Portuguese", "qu": "Quechua",
    "quc": "K'iche'", "ro": "Romanian", "ru": "Russian", "sn": "Shona", "sr": "Serbian",
    "sw": "Swahili", "ta": "Tamil", "tl": "Tagalog", "uk": "Ukrainian", "vi": "Vietnamese",
    "wo": "Wolof", "xh": "Xhosa", "zu": "Zulu",
}

_BRIDGE_LANGUAGES = ("es", "en", "fr")
"""The languages the network's meetings are interpreted between."""


class _Name(NamedTuple):
    native: str
    latin: str
    gender: str


def _names(spec: str) -> tuple[_Name, ...]:
    """Parse "native=latin:g, ..." (latin defaults to the native form, g to "x")."""
    parsed: list[_Name] = []
    for entry in spec.split(","):
        entry = entry.strip()
        entry, _, gender = entry.partition(":")
        native, _, latin = entry.partition("=")
        parsed.append(_Name(nfc(native), latin or native, gender or "x"))
    return tuple(parsed)


class _Culture(NamedTuple):
    """How people of one naming tradition are called."""

    given: tuple[_Name, ...]
    family: tuple[_Name, ...]
    family_first: bool = False
    double_family: bool = False
    middle: tuple[str, str] = ("", "")
    """Middle names for (f, m), as Vietnamese "Thị" and "Văn"."""
    feminine: tuple[str, str] = ("", "")
    """Suffix added to the family name of a woman (native, latin), as Kyrgyz "-а"."""


CULTURES: dict[str, _Culture] = {
    "es": _Culture(
        _names(
            "María:f, Lucía:f, Inés:f, Sofía:f, Dolores:f, Ximena:f, Rosa:f, Begoña:f,"
            " Ángel:m, Andrés:m, Raúl:m, Joaquín:m, Nicolás:m, Efraín:m, Tomás:m"
        ),
        _names(
            "Chávez, Huamán, Núñez, Mamani, Quispe, Gutiérrez, Ramírez, Muñoz, Condori,"
            " Hernández, Sánchez, Choque, Ibáñez, Peña, Yupanqui, Cúmez, Tzoc"
        ),
        double_family=True,
    ),
    "pt": _Culture(
        _names(
            "Conceição:f, Luíza:f, Benedita:f, Raimunda:f, Iracema:f, Joana:f,"
            " João:m, Antônio:m, Sebastião:m, Tomé:m, Severino:m, Cícero:m"
        ),
        _names(
            "Gonçalves, Araújo, Magalhães, Guimarães, Brandão, Simões, Assunção,"
            " da Conceição, da Silva, dos Santos, Sitoe, Macuácua"
        ),
    ),
    "fr": _Culture(
        _names(
            "Aïssatou:f, Françoise:f, Hélène:f, Fatoumata:f, Marième:f, Chloé:f, Noëlla:f,"
            " Jérôme:m, Étienne:m, Ousmane:m, Ibrahima:m, Jean-Baptiste:m, Frantz:m"
        ),
        _names(
            "Kaboré, Diouf, Ndiaye, Traoré, Ouédraogo, Sané, Coulibaly, Lefèvre,"
            " Pierre-Louis, Désir, Sawadogo, Nkoulou, Théodore"
        ),
    ),
    "en_af": _Culture(
        _names(
            "Amina:f, Grace:f, Nomvula:f, Chipo:f, Wanjiru:f, Esther:f, Nakato:f,"
            " Thabo:m, Kwame:m, Joseph:m, Tendai:m, Emeka:m, Baraka:m"
        ),
        _names(
            "Okafor, Nkosi, Mensah, Moyo, Otieno, Achieng, Banda, Dlamini, Mwangi, Phiri,"
            " Adeyemi, Mutasa"
        ),
    ),
    "en_na": _Culture(
        _names(
            "Dana:f, Marisol:f, Winona:f, Ruth:f, Tanya:f, Marcus:m, Luis:m, Daniel:m,"
            " Raymond:m"
        ),
        _names("Brooks, Morales, Cardinal, Thompson, Delgado, Begay, Rivera, Nguyen"),
    ),
    "hi": _Culture(
        _names(
            "प्रिया=priya:f, सुनीता=sunita:f, कविता=kavita:f, लक्ष्मी=lakshmi:f, रेखा=rekha:f,"
            " राजेश=rajesh:m, अनिल=anil:m, अर्जुन=arjun:m, दीपक=deepak:m, विजय=vijay:m"
        ),
        _names(
            "पासवान=paswan, मुंडा=munda, उरांव=oraon, गोंड=gond, कुमार=kumar, वर्मा=verma,"
            " मांझी=manjhi, सोरेन=soren"
        ),
    ),
    "ne": _Culture(
        _names(
            "सीता=sita:f, गीता=gita:f, सरिता=sarita:f, कमला=kamala:f, मन्जु=manju:f,"
            " राम=ram:m, विष्णु=bishnu:m, हरि=hari:m"
        ),
        _names(
            "थापा=thapa, गुरुङ=gurung, तामाङ=tamang, विश्वकर्मा=bishwakarma, परियार=pariyar,"
            " सार्की=sarki, राई=rai"
        ),
    ),
    "ar": _Culture(
        _names(
            "فاطمة=fatima:f, ليلى=layla:f, مريم=maryam:f, نادية=nadia:f, زينب=zaynab:f,"
            " سلمى=salma:f, أحمد=ahmed:m, يوسف=youssef:m, خالد=khaled:m, سمير=samir:m,"
            " عمر=omar:m, كريم=karim:m"
        ),
        _names(
            "الحسيني=husseini, المصري=masri, العمري=omari, بوزيد=bouzid, حداد=haddad,"
            " منصور=mansour, الخطيب=khatib, بنعيسى=benaissa, الشريف=cherif"
        ),
    ),
    "sr": _Culture(
        _names(
            "Јелена=jelena:f, Милица=milica:f, Драгана=dragana:f, Снежана=snezana:f,"
            " Бојана=bojana:f, Марко=marko:m, Ненад=nenad:m, Милош=milos:m, Душан=dusan:m"
        ),
        _names(
            "Петровић=petrovic, Јовановић=jovanovic, Николић=nikolic, Марковић=markovic,"
            " Ђорђевић=djordjevic, Стојановић=stojanovic, Илић=ilic, Павловић=pavlovic"
        ),
    ),
    "uk": _Culture(
        _names(
            "Оксана=oksana:f, Олена=olena:f, Ірина=iryna:f, Мирослава=myroslava:f,"
            " Тарас=taras:m, Богдан=bohdan:m, Андрій=andrii:m, Юрій=yurii:m"
        ),
        _names(
            "Шевченко=shevchenko, Коваленко=kovalenko, Бондаренко=bondarenko,"
            " Ткаченко=tkachenko, Кравченко=kravchenko, Мельниченко=melnychenko,"
            " Литвиненко=lytvynenko, Савченко=savchenko"
        ),
    ),
    "ky": _Culture(
        _names(
            "Айгүл=aigul:f, Жылдыз=zhyldyz:f, Асел=asel:f, Нургүл=nurgul:f,"
            " Бакыт=bakyt:m, Нурлан=nurlan:m, Азамат=azamat:m, Эрлан=erlan:m"
        ),
        _names(
            "Абдыкадыров=abdykadyrov, Асанов=asanov, Токтогулов=toktogulov, Исаков=isakov,"
            " Жумабаев=zhumabaev, Осмонов=osmonov"
        ),
        feminine=("а", "a"),
    ),
    "vi": _Culture(
        _names(
            "Hương:f, Thảo:f, Phượng:f, Ngọc Ánh:f, Lan:f, Dũng:m, Tuấn:m, Hùng:m, Minh:m"
        ),
        _names("Nguyễn, Trần, Lê, Phạm, Hoàng, Đặng, Vũ, Bùi"),
        family_first=True,
        middle=("Thị", "Văn"),
    ),
    "km": _Culture(
        _names(
            "Sokha:f, Srey Mom:f, Chantha:f, Sophea:f, Dara:m, Vannak:m, Sokhom:m, Rithy:m"
        ),
        _names("Chan, Sok, Heng, Keo, Meas, Prak"),
        family_first=True,
    ),
    "tl": _Culture(
        _names(
            "Maricel:f, Luzviminda:f, Rosario:f, Divina:f, Rodrigo:m, Ernesto:m, Jun:m,"
            " Efren:m"
        ),
        _names("Dela Cruz, Bautista, Macaraeg, Villanueva, Mendoza, Dimaculangan, Agbayani"),
    ),
    "id": _Culture(
        _names("Siti:f, Dewi:f, Ratna:f, Wulan:f, Agus:m, Budi:m, Joko:m, Rahmat:m"),
        _names("Rahayu, Santoso, Wibowo, Lestari, Saragih, Nainggolan, Hasibuan, Pratama"),
    ),
    "bn": _Culture(
        _names("Rahima:f, Nasreen:f, Shirin:f, Ayesha:f, Abdul:m, Rafiq:m, Kamal:m, Habib:m"),
        _names("Hossain, Rahman, Uddin, Sarkar, Mondal, Biswas"),
    ),
    "ro": _Culture(
        _names(
            "Ioana:f, Mădălina:f, Florentina:f, Ștefania:f, Gheorghe:m, Marian:m, Costel:m,"
            " Dănuț:m"
        ),
        _names("Rădulescu, Stănescu, Lăcătuș, Căldărar, Florea, Dumitru, Ciurar, Munteanu"),
    ),
    "de": _Culture(
        _names("Anja:f, Birgit:f, Sabine:f, Ayşe:f, Jürgen:m, Jörg:m, Lukas:m, Mehmet:m"),
        _names("Müller, Schröder, Weiß, Köhler, Yılmaz, Öztürk, Becker, Krämer"),
    ),
}


class _Country(NamedTuple):
    code: str
    naming: str
    """The language organisation names are made in: es, pt, fr, en or ar."""
    culture: str
    languages: tuple[str, ...]
    cities: tuple[str, ...]


def _country(code: str, naming: str, culture: str, languages: str, cities: str) -> _Country:
    return _Country(code, naming, culture, tuple(languages.split()), tuple(cities.split(", ")))


COUNTRIES: dict[str, _Country] = {
    c.code: c
    for c in (
        _country("BO", "es", "es", "es qu ay", "El Alto, La Paz, Cochabamba"),
        _country("PE", "es", "es", "es qu", "Cusco, Puno, Lima"),
        _country("BR", "pt", "pt", "pt", "Recife, Belém, Porto Alegre"),
        _country("MX", "es", "es", "es", "Ciudad de México, Oaxaca, San Cristóbal de las Casas"),
        _country("HN", "es", "es", "es", "Choluteca, Tegucigalpa, La Ceiba"),
        _country("GT", "es", "es", "es quc", "Quetzaltenango, Cobán"),
        _country("CO", "es", "es", "es", "Buenaventura, Cali, Bogotá"),
        _country("PY", "es", "es", "es gn", "Asunción, Concepción"),
        _country("HT", "fr", "fr", "fr ht", "Saint-Marc, Port-au-Prince, Hinche"),
        _country("CL", "es", "es", "es", "Santiago, Temuco"),
        _country("EC", "es", "es", "es qu", "Puyo, Quito"),
        _country("SV", "es", "es", "es", "San Salvador, Santa Ana"),
        _country("NI", "es", "es", "es", "Managua, León"),
        _country("AR", "es", "es", "es", "Buenos Aires, Salta"),
        _country("ZA", "en", "en_af", "en zu xh", "Durban, Johannesburg, Cape Town"),
        _country("NG", "en", "en_af", "en", "Port Harcourt, Lagos"),
        _country("SN", "fr", "fr", "fr wo", "Saint-Louis, Dakar"),
        _country("BF", "fr", "fr", "fr mos", "Ouagadougou, Bobo-Dioulasso"),
        _country("KE", "en", "en_af", "en sw", "Nanyuki, Nairobi, Kisumu"),
        _country("CM", "fr", "fr", "fr en", "Bamenda, Douala"),
        _country("UG", "en", "en_af", "en", "Jinja, Kampala"),
        _country("MZ", "pt", "pt", "pt", "Nampula, Maputo"),
        _country("MW", "en", "en_af", "en ny", "Lilongwe, Blantyre"),
        _country("ZW", "en", "en_af", "en sn", "Harare, Bulawayo"),
        _country("GH", "en", "en_af", "en", "Tamale, Accra"),
        _country("ML", "fr", "fr", "fr bm", "Ségou, Bamako"),
        _country("TZ", "en", "en_af", "sw en", "Arusha, Dar es Salaam"),
        _country("IN", "en", "hi", "hi en", "Ranchi, Bhopal, Lucknow"),
        _country("PH", "en", "tl", "tl en", "Quezon City, Davao"),
        _country("ID", "en", "id", "id", "Jakarta, Makassar"),
        _country("NP", "en", "ne", "ne en", "Kathmandu, Nepalgunj"),
        _country("BD", "en", "bn", "bn en", "Khulna, Dhaka"),
        _country("KH", "en", "km", "km", "Phnom Penh, Siem Reap"),
        _country("VN", "en", "vi", "vi", "Huế, Cần Thơ"),
        _country("KG", "en", "ky", "ky ru", "Bishkek, Osh"),
        _country("TN", "ar", "ar", "ar fr", "Sfax, Gafsa, Tunis"),
        _country("EG", "ar", "ar", "ar", "Minya, Cairo"),
        _country("MA", "ar", "ar", "ar fr", "Kénitra, Agadir"),
        _country("JO", "ar", "ar", "ar", "Irbid, Amman"),
        _country("LB", "ar", "ar", "ar fr", "Beirut, Tripoli"),
        _country("RS", "en", "sr", "sr", "Belgrade, Niš"),
        _country("UA", "en", "uk", "uk", "Poltava, Kharkiv"),
        _country("RO", "en", "ro", "ro", "Cluj-Napoca, Bucharest"),
        _country("ES", "es", "es", "es ca", "Barcelona, Sevilla"),
        _country("FR", "fr", "fr", "fr", "Marseille, Lyon"),
        _country("DE", "en", "de", "de", "Berlin, Leipzig"),
        _country("PT", "pt", "pt", "pt", "Lisboa, Porto"),
        _country("US", "en", "en_na", "en es", "Miami, Detroit, Albuquerque"),
        _country("CA", "en", "en_na", "en fr", "Winnipeg, Montréal"),
    )
}

# Where generated organisations come from, weighted as the network's membership
# is: mostly Latin America and the Caribbean, Africa and Asia.
_REGION_WEIGHTS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("BO", "PE", "BR", "MX", "HN", "GT", "CO", "PY", "HT", "CL", "EC", "SV", "NI", "AR"), 36),
    (("ZA", "NG", "SN", "BF", "KE", "CM", "UG", "MZ", "MW", "ZW", "GH", "ML", "TZ"), 26),
    (("IN", "PH", "ID", "NP", "BD", "KH", "VN", "KG"), 22),
    (("TN", "EG", "MA", "JO", "LB"), 5),
    (("RS", "UA", "RO", "ES", "FR", "DE", "PT"), 7),
    (("US", "CA"), 4),
)


class _Org(NamedTuple):
    """One organisation of the curated core."""

    name: str
    acronym: str
    country: str
    constituencies: tuple[str, ...]
    status: str
    since: date
    women_led: bool = False
    women_section: bool = False
    stage: str = ""
    left: date | None = None
    at_risk: bool = False
    listed: bool = True
    notes: str = ""


IND = "indigenous_peoples"
PEA = "peasants"
FISH = "fisherfolk"
URB = "urban_poor"
LAND = "landless_farmers"
DOM = "domestic_workers"
MIN = "racial_and_ethnic_minorities"
RES = "communities_resisting_harmful_development_projects"

# The first six cover the six regions, so even a tiny sample spans the network.
# Members are the working group's 23 of March 2016: almost half from Latin America
# and the Caribbean, most of the rest from Africa and Asia, two from North America.
CORE_ORGANISATIONS: tuple[_Org, ...] = (
    _Org("Red de Comunidades Andinas (muestra)", "RCA", "BO", (IND, PEA), "member",
         date(2013, 3, 12), women_section=True),
    _Org("Shack Dwellers Solidarity Network (sample)", "SDSN", "ZA", (URB,), "member",
         date(2013, 3, 12), women_section=True),
    _Org("National Domestic Workers Forum (sample)", "NDWF", "IN", (DOM,), "member",
         date(2013, 6, 4), women_led=True),
    _Org("Take Back the Land Coalition (sample)", "TBLC", "US", (URB, MIN), "member",
         date(2014, 2, 18)),
    _Org("Мрежа станара и кућних савета (sample)", "MSKS", "RS", (URB,), "prospect",
         date(2015, 9, 1), stage="contacted",
         notes="Tenants' network; met at a European housing meeting."),
    _Org("جمعية صيادي الساحل (sample)", "", "TN", (FISH,), "prospect", date(2015, 11, 20),
         stage="in_conversation", notes="Coastal fishers' association."),
    _Org("Confederación Campesina del Valle Sagrado (muestra)", "CCVS", "PE", (PEA, LAND),
         "member", date(2013, 3, 12)),
    _Org("Movimento dos Trabalhadores Sem Terra do Exemplo (amostra)", "MTSE", "BR",
         (LAND, PEA), "member", date(2013, 3, 12), women_section=True),
    _Org("Frente Urbano por la Vivienda (muestra)", "FUV", "MX", (URB,), "member",
         date(2013, 9, 9), women_led=True),
    _Org("Asociación de Pescadores del Golfo (muestra)", "APG", "HN", (FISH,), "member",
         date(2014, 5, 6)),
    _Org("Coordinadora de Pueblos Mayas (muestra)", "CPM", "GT", (IND, RES), "member",
         date(2013, 3, 12), women_section=True),
    _Org("Proceso de Comunidades Negras del Pacífico (muestra)", "PCNP", "CO", (MIN, RES),
         "member", date(2013, 6, 4), women_led=True, at_risk=True,
         notes="Leaders threatened after opposing a port expansion."),
    _Org("Sindicato de Trabajadoras del Hogar (muestra)", "SINTRAHO", "PY", (DOM,), "member",
         date(2015, 2, 23), women_led=True),
    _Org("Mouvement Paysan de l'Artibonite (exemple)", "MPA", "HT", (PEA,), "member",
         date(2014, 10, 14)),
    _Org("Movimiento de Pobladores sin Casa (muestra)", "MPSC", "CL", (URB,), "member",
         date(2015, 6, 1)),
    _Org("Confederación de Nacionalidades Amazónicas (muestra)", "CNA", "EC", (IND, RES),
         "member", date(2013, 3, 12)),
    _Org("Niger Delta Communities Alliance (sample)", "NDCA", "NG", (RES, FISH), "member",
         date(2013, 6, 4), at_risk=True,
         notes="Offices raided in 2015; contact through the secretariat."),
    _Org("Collectif des Pêcheurs Artisanaux (exemple)", "CPA", "SN", (FISH,), "member",
         date(2014, 3, 3)),
    _Org("Réseau des Travailleuses Domestiques (exemple)", "RTD", "BF", (DOM,), "member",
         date(2015, 9, 15), women_led=True, stage="joined"),
    _Org("Pastoralist Land Forum (sample)", "PLF", "KE", (IND, "pastoralists", LAND),
         "member", date(2014, 11, 10)),
    _Org("Kilusang Magsasaka ng Halimbawa (sample)", "KMH", "PH", (PEA, LAND), "member",
         date(2013, 3, 12), at_risk=True, listed=False,
         notes="Not listed in printed directories at the members' request."),
    _Org("Jaringan Rakyat Miskin Kota (sample)", "JRMK", "ID", (URB,), "member",
         date(2014, 6, 16), women_section=True),
    _Org("Dalit Land Rights Forum (sample)", "DLRF", "NP", (MIN, LAND), "member",
         date(2015, 3, 9)),
    _Org("First Nations Water Keepers (sample)", "FNWK", "CA", (IND, RES), "member",
         date(2015, 10, 5), women_led=True),
    _Org("भूमि अधिकार आंदोलन (sample)", "BAA", "IN", (LAND, IND), "member",
         date(2016, 2, 1), women_section=True, stage="joined", notes="Land rights movement."),
    _Org("Union des Paysans Sans Terre (exemple)", "UPST", "CM", (LAND, PEA), "applicant",
         date(2016, 1, 18), stage="applied"),
    _Org("Uganda Women Fisherfolk Network (sample)", "UWFN", "UG", (FISH,), "applicant",
         date(2016, 2, 8), women_led=True, stage="applied"),
    _Org("Roma Grassroots Housing Network (sample)", "RGHN", "RO", (MIN, URB), "applicant",
         date(2016, 3, 1), women_led=True, stage="applied"),
    _Org("Plataforma de Afectados por Desalojos (muestra)", "PAD", "ES", (URB,), "prospect",
         date(2015, 12, 1), stage="in_conversation"),
    _Org("Coordination des Travailleuses Domestiques Migrantes (exemple)", "CTDM", "FR",
         (DOM, "migrant_workers"), "prospect", date(2016, 1, 11), women_led=True,
         stage="identified"),
    _Org("União de Camponeses do Norte (amostra)", "UCN", "MZ", (PEA,), "prospect",
         date(2015, 10, 19), stage="contacted"),
    _Org("Women's Land Rights Collective (sample)", "WLRC", "MW", (LAND, PEA), "prospect",
         date(2016, 2, 22), women_led=True, stage="in_conversation"),
    _Org("Ініціатива сільських громад (sample)", "ISH", "UA", (PEA,), "prospect",
         date(2016, 3, 7), stage="identified", notes="Rural communities' initiative."),
    _Org("Mạng lưới Ngư dân Ven biển (sample)", "MNVB", "VN", (FISH,), "prospect",
         date(2015, 8, 3), stage="declined", notes="Coastal fishers' network."),
    _Org("اتحاد صغار المزارعين (sample)", "", "EG", (PEA,), "prospect", date(2016, 4, 4),
         stage="contacted", notes="Union of small farmers."),
    _Org("Coordination des Femmes Soulaliyates (exemple)", "CFS", "MA", (IND, LAND),
         "prospect", date(2016, 1, 25), women_led=True, stage="in_conversation"),
    _Org("Mieterinitiative Beispielstadt (sample)", "MIB", "DE", (URB,), "prospect",
         date(2014, 5, 12), stage="declined"),
    _Org("Asociación de Vendedores Ambulantes (muestra)", "AVA", "SV",
         (URB, "street_vendors"), "former", date(2013, 3, 12), left=date(2015, 6, 30)),
    _Org("Char Dwellers Solidarity (sample)", "CDS", "BD", (LAND,), "former",
         date(2013, 6, 4), left=date(2016, 1, 31)),
    _Org("Ассоциация пастбищных сообществ (sample)", "APS", "KG", ("pastoralists", IND),
         "former", date(2014, 1, 20), left=date(2015, 12, 31),
         notes="Association of pasture communities."),
)


class _Naming(NamedTuple):
    """Parts a generated organisation's name is made of, in one language."""

    tag: str
    forms: tuple[str, ...]
    subjects: tuple[tuple[str, str], ...]
    """(words, constituency) pairs."""
    places: tuple[str, ...]
    chapter: str
    pattern: str


_SUBJECT_KEYS = (PEA, FISH, URB, DOM, IND, LAND, MIN, RES, "rural_women", "pastoralists")


def _subjects(words: str) -> tuple[tuple[str, str], ...]:
    parts = [w.strip() for w in words.split(";")]
    return tuple(zip(parts, _SUBJECT_KEYS, strict=True))


NAMINGS: dict[str, _Naming] = {
    "es": _Naming(
        "(muestra)",
        ("Asociación", "Red", "Coordinadora", "Movimiento", "Frente", "Unión", "Colectivo",
         "Comité", "Federación", "Asamblea"),
        _subjects(
            "de Campesinos; de Pescadores Artesanales; de Pobladores; de Trabajadoras del"
            " Hogar; de Comunidades Indígenas; de Campesinos sin Tierra; de Comunidades"
            " Afrodescendientes; de Comunidades Afectadas por la Minería; de Mujeres"
            " Rurales; de Pastores"
        ),
        ("del Valle", "de la Costa", "de la Sierra", "del Altiplano", "del Norte", "del Sur",
         "de la Cuenca Alta", "del Litoral", "de los Cerros", "del Río Grande"),
        "sección", "{form} {subject} {place}",
    ),
    "pt": _Naming(
        "(amostra)",
        ("Associação", "Rede", "Movimento", "Coletivo", "União", "Articulação", "Fórum",
         "Federação"),
        _subjects(
            "de Camponeses; de Pescadores Artesanais; de Moradores Sem Teto; de Trabalhadoras"
            " Domésticas; de Povos Indígenas; de Trabalhadores Sem Terra; de Comunidades"
            " Quilombolas; de Atingidos por Barragens; de Mulheres Camponesas; de Pastores"
        ),
        ("do Vale", "do Litoral", "do Sertão", "do Norte", "do Sul", "da Serra", "do Cerrado",
         "da Mata", "do Rio", "das Ilhas"),
        "núcleo", "{form} {subject} {place}",
    ),
    "fr": _Naming(
        "(exemple)",
        ("Association", "Réseau", "Mouvement", "Collectif", "Union", "Fédération",
         "Coordination", "Plateforme"),
        _subjects(
            "des Paysans; des Pêcheurs Artisanaux; des Habitants des Quartiers Populaires;"
            " des Travailleuses Domestiques; des Peuples Autochtones; des Paysans sans Terre;"
            " des Minorités Ethniques; des Communautés Affectées par les Mines; des Femmes"
            " Rurales; des Éleveurs Pasteurs"
        ),
        ("du Fleuve", "de la Vallée", "du Littoral", "du Nord", "du Sud", "des Collines",
         "du Delta", "des Plateaux", "du Sahel", "de la Forêt"),
        "section", "{form} {subject} {place}",
    ),
    "en": _Naming(
        "(sample)",
        ("Association", "Alliance", "Network", "Movement", "Forum", "Federation", "Union",
         "Collective"),
        _subjects(
            "Peasant Farmers'; Fisherfolk; Urban Poor; Domestic Workers'; Indigenous Peoples';"
            " Landless Farmers'; Minority Communities'; Mining-Affected Communities';"
            " Rural Women's; Pastoralist"
        ),
        ("Coastal", "Highland", "Riverside", "Northern", "Southern", "Delta", "Lakeside",
         "Valley", "Hill Country", "Plains"),
        "chapter", "{place} {subject} {form}",
    ),
    "ar": _Naming(
        "(sample)",
        ("جمعية", "اتحاد", "شبكة", "تنسيقية", "رابطة"),
        _subjects(
            "صغار الفلاحين; الصيادين; سكان الأحياء الشعبية; العاملات المنزليات;"
            " الشعوب الأصلية; المزارعين بلا أرض; الأقليات; المجتمعات المتضررة من المناجم;"
            " النساء الريفيات; الرعاة"
        ),
        ("في الجنوب", "في الشمال", "في الساحل", "في الواحات", "في الدلتا", "في الجبال"),
        "فرع", "{form} {subject} {place}",
    ),
}

ROLES: dict[str, tuple[str, ...]] = {
    "es": ("Coordinación general", "Secretaría de la mujer", "Comunicación", "Vocería",
           "Secretaría de tierra y territorio", "Tesorería", "Dirigente de base"),
    "pt": ("Coordenação nacional", "Setor de gênero", "Comunicação", "Direção estadual",
           "Secretaria de formação"),
    "fr": ("Coordination", "Présidence", "Chargée de plaidoyer", "Secrétariat général",
           "Animatrice de terrain"),
    "en": ("Organiser", "Coordinator", "Focal point", "Programme lead", "Chairperson",
           "Secretary", "Community mobiliser"),
}
ROLES["ar"] = ROLES["fr"]

_ADDRESS_FORMS = {
    "es": "Apartado {n}, {city}", "pt": "Caixa Postal {n}, {city}", "fr": "BP {n}, {city}",
    "en": "PO Box {n}, {city}", "ar": "PO Box {n}, {city}",
}

# Little words left out of acronyms, in the languages names are made in.
_MINOR_WORDS = frozenset((
    "de", "del", "la", "las", "los", "el", "do", "da", "das", "dos", "des", "du", "le", "les",
    "et", "y", "e", "en", "of", "the", "and", "por", "para", "sin", "sans", "ng",
))


class _Body(NamedTuple):
    name: str
    acronym: str
    kind: str
    topic: str


BODIES: tuple[_Body, ...] = (
    _Body("Board of ESCR-Net", "Board", "board", ""),
    _Body("Economic Policy Working Group", "EPWG", "thematic_working_group",
          "debt, tax justice and austerity"),
    _Body("Land and Housing Working Group", "LHWG", "thematic_working_group",
          "land grabs and forced evictions"),
    _Body("Women and ESCR Working Group", "WESCR", "thematic_working_group",
          "women's land and housing rights"),
    _Body("Corporate Accountability Working Group", "CAWG", "thematic_working_group",
          "corporate capture and extractive industries"),
    _Body("Environment and ESCR Working Group", "EnvWG", "thematic_working_group",
          "climate change and communities resisting harmful projects"),
    _Body("Strategic Litigation Working Group", "SLWG", "thematic_working_group",
          "strategic cases on the right to food and water"),
    _Body("Monitoring Working Group", "MWG", "thematic_working_group",
          "monitoring ESCR with communities"),
    _Body("Working Group of Social Movements and Grassroots Groups", "SMWG", "working_group",
          ""),
)

_REVIEW_STATES = (
    "endorsed", "commented", "pending", "declined", "endorsed", "commented", "pending",
)
"""One state per thematic working group, in the order of ``BODIES``."""

_REVIEW_COMMENTS = {
    "endorsed": "Endorsed. The working group offers to draft the campaign component on {topic}.",
    "commented": (
        "Supports the campaign; asks that the shared analysis of {topic} name the role of "
        "international financial institutions, and that the timeline leave room for "
        "consultation with members."
    ),
    "declined": (
        "Declines to co-sponsor before the GSM: its 2016 workplan on {topic} is full. "
        "Will look at the campaign again afterwards."
    ),
    "pending": "On the agenda of the working group's next call.",
}

_Agenda = tuple[tuple[int, str, int, str, str], ...]
"""(day, title, minutes, item_kind, who): who is "", "facilitator" or "speakers"."""

_GSM_MEETING_AGENDA: _Agenda = (
    (1, "Welcome and opening circle", 45, "session", "facilitator"),
    (1, "Our struggles since 2013: introductions by region", 90, "session", "speakers"),
    (1, "Coffee break", 30, "break", ""),
    (1, "Shared analysis: global forces behind impoverishment and dispossession", 90,
     "session", "speakers"),
    (1, "Lunch", 60, "break", ""),
    (1, "Growing repression and criminalisation: testimonies", 90, "session", "speakers"),
    (1, "Tea break", 30, "break", ""),
    (1, "Group work by region", 60, "session", "facilitator"),
    (1, "Closing of the day", 15, "session", "facilitator"),
    (2, "Recap of day one", 15, "session", "facilitator"),
    (2, "Concept note: global campaign to realise ESCR", 90, "session", "speakers"),
    (2, "Coffee break", 30, "break", ""),
    (2, "Campaign components proposed by the thematic working groups", 90, "session",
     "speakers"),
    (2, "Lunch", 60, "break", ""),
    (2, "Leadership of grassroots groups in the Network's collective work", 90, "session",
     "speakers"),
    (2, "Tea break", 30, "break", ""),
    (2, "Women's leadership and an intersectional analysis", 75, "session", "speakers"),
    (3, "Recap of day two", 15, "session", "facilitator"),
    (3, "Mutual learning: defending land and territory", 90, "session", "speakers"),
    (3, "Coffee break", 30, "break", ""),
    (3, "Preparing the working group's message to the GSM", 90, "session", "facilitator"),
    (3, "Lunch", 60, "break", ""),
    (3, "Agreements and next steps", 60, "session", "facilitator"),
    (3, "Closing ceremony", 30, "session", "facilitator"),
)

_REPRESSION_DIALOGUE_AGENDA: _Agenda = (
    (1, "Welcome and check of interpretation channels", 15, "session", "facilitator"),
    (1, "Testimonies from Latin America and the Caribbean", 35, "session", "speakers"),
    (1, "Testimonies from Africa", 35, "session", "speakers"),
    (1, "Testimonies from Asia", 35, "session", "speakers"),
    (1, "Short break", 10, "break", ""),
    (1, "Underlying causes and potential responses", 40, "session", "facilitator"),
    (1, "Next steps and closing", 10, "session", "facilitator"),
)

_STRATEGIC_EXCHANGE_AGENDA: _Agenda = (
    (1, "Opening and introductions", 45, "session", "facilitator"),
    (1, "Land grabs and forced evictions: what we face", 90, "session", "speakers"),
    (1, "Tea break", 30, "break", ""),
    (1, "Community visit: the settlement's own land survey", 120, "session", "speakers"),
    (1, "Lunch", 60, "break", ""),
    (1, "Strategies that worked, and those that did not", 90, "session", "facilitator"),
    (2, "Campaign components on land and housing", 90, "session", "speakers"),
    (2, "Tea break", 30, "break", ""),
    (2, "Who leads what: grassroots groups in the thematic working groups", 75, "session",
     "facilitator"),
    (2, "Lunch", 60, "break", ""),
    (2, "Agreements and evaluation", 60, "session", "facilitator"),
)


def _ascii(text: str) -> str:
    """Lower-case ASCII letters and digits only, for e-mail addresses and web names."""
    folded = fold(text).replace("đ", "d").replace("ı", "i").replace("ß", "ss")
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def _acronym(name: str) -> str:
    words = name.replace("'s ", " ").replace("-", " ").split()
    return "".join(w[0] for w in words if w[0].isupper() and w.lower() not in _MINOR_WORDS)


class _Member(NamedTuple):
    """A person of the core and their first organisation (None for independents)."""

    person: Person
    organisation: Organisation | None


class _Builder:
    """Makes the sample records, drawing every choice and id from one generator."""

    def __init__(self, directory: Directory, rng: random.Random) -> None:
        self.directory = directory
        self.rng = rng
        self.counts: Counter[str] = Counter()
        self.emails: set[str] = set()
        self.slugs: set[str] = set()
        self.org_names: set[str] = set()

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def create(self, cls: type[R], values: Mapping[str, Any], record_id: str | None = None) -> R:
        record = self.directory.create(
            cls, {**values, "sample": True}, record_id=record_id or self.new_id()
        )
        self.counts[cls.kind] += 1
        return record

    def summary(self) -> DemoSummary:
        c = self.counts
        return DemoSummary(
            organisations=c["organisation"], people=c["person"], affiliations=c["affiliation"],
            bodies=c["body"], seats=c["seat"], activities=c["activity"],
            participants=c["participant"], agenda_items=c["agenda_item"],
            proposals=c["proposal"], reviews=c["review"], revisions=c["revision"],
            outreach_moves=c["outreach_move"],
        )

    # Small values

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randrange((last - first).days + 1))

    def phone(self, country: str) -> str:
        plan = PHONE_PLANS[country]
        return "".join(str(self.rng.randrange(10)) if ch == "#" else ch for ch in plan)

    def unique_email(self, local: str, domain: str) -> str:
        local = local.strip(".") or "member"
        address, n = f"{local}@{domain}", 1
        while address in self.emails:
            n += 1
            address = f"{local}{n}@{domain}"
        self.emails.add(address)
        return address

    def unique_slug(self, base: str) -> str:
        base = base or "org"
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}{n}"
        self.slugs.add(slug)
        return slug

    # Organisations

    def organisation(
        self, spec: _Org, record_id: str | None = None
    ) -> Organisation:
        country = COUNTRIES[spec.country]
        rng = self.rng
        city = rng.choice(country.cities)
        slug = self.unique_slug(_ascii(spec.acronym) or f"org{spec.country.lower()}")
        values: dict[str, Any] = {
            "name": spec.name,
            "acronym": spec.acronym,
            "country": spec.country,
            "constituencies": spec.constituencies,
            "women_led": spec.women_led,
            "women_section": spec.women_section,
            "status": spec.status,
            "languages": country.languages,
            "website": f"https://{slug}.{rng.choice(EXAMPLE_DOMAINS)}",
            "emails": (Contact(self.unique_email(slug, "example.org"), "work"),),
            "phones": (Contact(self.phone(spec.country), "work"),),
            "address": _ADDRESS_FORMS[country.naming].format(n=rng.randrange(100, 1000), city=city),
            "notes": " ".join(filter(None, (spec.notes, "Fictional organisation (sample data)."))),
            "at_risk": spec.at_risk,
            "listed": spec.listed,
        }
        if spec.status in ("member", "former"):
            values["member_since"] = spec.since
        values["status_since"] = spec.left if spec.status == "former" else spec.since
        if spec.stage:
            values["outreach_stage"] = spec.stage
        if spec.at_risk:
            values["consent"] = ("website",)
        self.org_names.add(spec.name)
        return self.create(Organisation, values, record_id)

    def generated_org_spec(self) -> _Org:
        rng = self.rng
        codes = rng.choices([c for c, _ in _REGION_WEIGHTS], [w for _, w in _REGION_WEIGHTS])[0]
        country = COUNTRIES[rng.choice(codes)]
        naming = NAMINGS[country.naming]
        form = rng.choice(naming.forms)
        subject, constituency = rng.choice(naming.subjects)
        place = rng.choice(naming.places)
        base = naming.pattern.format(form=form, subject=subject, place=place)
        name, n = f"{base} {naming.tag}", 1
        while name in self.org_names:
            n += 1
            name = f"{base}, {naming.chapter} {n} {naming.tag}"
        women_led = constituency == "rural_women" or rng.random() < 0.25
        constituencies = [PEA if constituency == "rural_women" else constituency]
        if rng.random() < 0.3:
            constituencies.append(rng.choice(_SUBJECT_KEYS[:8]))
        status = rng.choices(
            ("member", "applicant", "prospect", "former"), (55, 10, 25, 10)
        )[0]
        since = self.day_between(date(2008, 1, 1), date(2025, 12, 31))
        stage = {
            "member": "joined" if rng.random() < 0.3 else "",
            "applicant": "applied",
            "prospect": rng.choice(("identified", "contacted", "in_conversation", "declined")),
            "former": "",
        }[status]
        left = self.day_between(since, date(2026, 3, 31)) if status == "former" else None
        return _Org(
            name=name,
            acronym=_acronym(base)[:12] if country.naming != "ar" else "",
            country=country.code,
            constituencies=tuple(dict.fromkeys(constituencies)),
            status=status,
            since=since,
            women_led=women_led,
            women_section=not women_led and rng.random() < 0.25,
            stage=stage,
            left=left,
            at_risk=rng.random() < 0.04,
            listed=rng.random() >= 0.03,
        )

    # People

    def person(
        self, country_code: str, organisation: Organisation | None, *, at_risk: bool = False,
        interpreter: bool = False,
    ) -> Person:
        rng = self.rng
        country = COUNTRIES[country_code]
        culture = CULTURES[country.culture]
        given = rng.choice(culture.given)
        family = rng.choice(culture.family)
        feminine = given.gender == "f"
        family_native, family_latin = family.native, family.latin
        if feminine and culture.feminine[0]:
            family_native += culture.feminine[0]
            family_latin += culture.feminine[1]
        parts = [given.native, family_native]
        if culture.double_family and rng.random() < 0.5:
            second = rng.choice(culture.family)
            if second != family:
                parts.append(second.native)
        if culture.family_first:
            middle = culture.middle[0 if feminine else 1]
            parts = [family_native, *([middle] if middle else []), given.native]
        name = " ".join(parts)

        languages = self.person_languages(country, organisation, interpreter)
        local = f"{_ascii(given.latin)}.{_ascii(family_latin)}"
        emails = [Contact(self.unique_email(local, "example.org"), "work")]
        if rng.random() < 0.3:
            emails.append(Contact(self.unique_email(local, rng.choice(EXAMPLE_DOMAINS[1:])), "home"))
        mobile = self.phone(country_code)
        phones = [Contact(mobile, "mobile")]
        if rng.random() < 0.25:
            phones.append(Contact(self.phone(country_code), "work"))
        handles: list[Contact] = []
        if rng.random() < 0.4:
            service = rng.choice(("signal", "whatsapp", "telegram", "matrix"))
            handle = {
                "signal": f"@{_ascii(given.latin)}.{rng.randrange(10, 100)}",
                "whatsapp": mobile.replace(" ", ""),
                "telegram": f"@{_ascii(given.latin)}_{_ascii(family_latin)}",
                "matrix": f"@{_ascii(given.latin)}{rng.randrange(10, 100)}:example.org",
            }[service]
            handles.append(Contact(handle, service))

        values: dict[str, Any] = {
            "name": name,
            "country": country_code,
            "emails": tuple(emails),
            "phones": tuple(phones),
            "handles": tuple(handles),
            "languages": languages,
            "interpretation": self.interpretation(country, languages, interpreter),
            "notes": "Conference interpreter. Fictional person (sample data)."
            if interpreter
            else "Fictional person (sample data).",
        }
        at_risk = at_risk or rng.random() < 0.04
        chance = rng.random()
        if at_risk:
            values["at_risk"] = True
            values["consent"] = ("organisation",) if chance < 0.5 else ("organisation", "role")
            values["listed"] = chance >= 0.3
            values["notes"] = (
                "Faces threats after denouncing a land grab; share contact details only with "
                "their consent. Fictional person (sample data)."
            )
        elif chance < 0.1:
            values["consent"] = ("organisation", "role")
        elif chance < 0.14:
            values["listed"] = False
        elif chance < 0.34:
            values["consent"] = (
                "organisation", "role", "work_email", "work_phone", "handles", "country",
                "languages",
            )
        return self.create(Person, values)

    def person_languages(
        self, country: _Country, organisation: Organisation | None, interpreter: bool
    ) -> tuple[str, ...]:
        rng = self.rng
        if interpreter:
            return tuple(dict.fromkeys((country.languages[0], *_BRIDGE_LANGUAGES)))
        spoken = organisation.languages if organisation else country.languages
        local = [lang for lang in spoken if lang not in _BRIDGE_LANGUAGES]
        if local and rng.random() < 0.15:
            return (rng.choice(local),)
        chosen = [spoken[0], *(lang for lang in spoken[1:] if rng.random() < 0.5)]
        if "en" not in chosen and rng.random() < 0.3:
            chosen.append("en")
        return tuple(dict.fromkeys(chosen))

    def interpretation(
        self, country: _Country, languages: Sequence[str], interpreter: bool
    ) -> str:
        if interpreter:
            return ""
        if not any(lang in _BRIDGE_LANGUAGES for lang in languages):
            own = LANGUAGE_NAMES.get(languages[0], languages[0])
            bridge = [lang for lang in country.languages if lang in _BRIDGE_LANGUAGES]
            into = LANGUAGE_NAMES[bridge[0] if bridge else "en"]
            return f"Needs interpretation between {own} and {into}."
        if "en" not in languages and self.rng.random() < 0.3:
            own = LANGUAGE_NAMES.get(languages[0], languages[0])
            return f"Needs {own} interpretation in English-only sessions."
        return ""

    def affiliation(
        self, person: Person, organisation: Organisation, *, start: date,
        end: date | None = None,
    ) -> Affiliation:
        naming = COUNTRIES[organisation.country].naming
        values: dict[str, Any] = {
            "person_id": person.id,
            "organisation_id": organisation.id,
            "role": self.rng.choice(ROLES[naming]),
            "start": start,
        }
        if end is not None:
            values["end"] = end
        return self.create(Affiliation, values)

    def seat(
        self, member: _Member, body: Body, role: str, start: date, end: date | None = None
    ) -> Seat:
        values: dict[str, Any] = {
            "person_id": member.person.id, "body_id": body.id, "role": role, "start": start,
        }
        if member.organisation is not None:
            values["organisation_id"] = member.organisation.id
        if end is not None:
            values["end"] = end
        return self.create(Seat, values)


def load_demo(
    directory: Directory,
    *,
    organisations: int = DEFAULT_ORGANISATIONS,
    people: int = DEFAULT_PEOPLE,
    seed: int = DEFAULT_SEED,
) -> DemoSummary:
    """Add a fictional sample network to ``directory``; returns what was added.

    Makes ``organisations`` organisations and ``people`` people, plus the Board,
    the thematic working groups, this working group, seats in them, three
    activities with agendas and participants, and the campaign concept note with
    its reviews. Everything happens in one transaction. Raises ``ValidationError``
    for fewer than one organisation or a negative number of people, and
    ``RefusedError`` if the sample for this seed is already in the directory.
    """
    if isinstance(organisations, bool) or not isinstance(organisations, int) or organisations < 1:
        raise ValidationError("organisations", _("must be a whole number, 1 or more"))
    if isinstance(people, bool) or not isinstance(people, int) or people < 0:
        raise ValidationError("people", _("must be a whole number, 0 or more"))
    builder = _Builder(directory, random.Random(seed))
    first_id = builder.new_id()
    if directory.find(Organisation, first_id) is not None:
        raise RefusedError(
            _("the sample network for seed {seed} is already in this directory").format(seed=seed)
        )
    with directory.store.transaction():
        core_orgs = [
            builder.organisation(spec, first_id if n == 0 else None)
            for n, spec in enumerate(CORE_ORGANISATIONS[:organisations])
        ]
        members = _core_people(builder, core_orgs, min(people, DEFAULT_PEOPLE))
        bodies = [
            builder.create(
                Body, {"name": b.name, "acronym": b.acronym, "body_kind": b.kind,
                       "notes": "Sample data."},
            )
            for b in BODIES
        ]
        _core_seats(builder, members, bodies)
        _core_activities(builder, members)
        _campaign_proposal(builder, core_orgs, members, bodies)
        _board_today(builder, members, bodies[0])
        _outreach_history(builder, core_orgs, members, bodies[-1])
        _more(builder, core_orgs, bodies, organisations, people)
    return builder.summary()


def _core_people(
    builder: _Builder, orgs: Sequence[Organisation], count: int
) -> list[_Member]:
    """People of the curated core: most in one organisation, some in two, a few in none."""
    members: list[_Member] = []
    affiliated = 0
    independents = ("MX", "SN", "US", "AR", "CA", "FR")
    for n in range(count):
        if n % 20 == 19:
            # Interpreters and allies who belong to no member organisation.
            country = independents[(n // 20) % len(independents)]
            person = builder.person(country, None, interpreter=(n // 20) % 3 != 2)
            members.append(_Member(person, None))
            continue
        org = orgs[affiliated % len(orgs)]
        affiliated += 1
        person = builder.person(org.country, org, at_risk=org.at_risk)
        earliest = org.member_since or org.status_since or date(2013, 1, 1)
        builder.affiliation(
            person, org, start=builder.day_between(earliest - timedelta(days=900), earliest)
        )
        if n % 15 == 4 and len(orgs) > 1:
            other = orgs[(affiliated * 7 + 3) % len(orgs)]
            if other.id != org.id:
                start = builder.day_between(date(2010, 1, 1), date(2015, 12, 31))
                end = (
                    builder.day_between(start, date(2016, 6, 30)) if n % 2 else None
                )
                builder.affiliation(person, other, start=start, end=end)
        members.append(_Member(person, org))
    return members


def _pick(rng: random.Random, pool: Sequence[_Member], k: int) -> list[_Member]:
    return rng.sample(list(pool), min(k, len(pool)))


def _core_seats(builder: _Builder, members: Sequence[_Member], bodies: Sequence[Body]) -> None:
    """Seats from 2013 to 2026, so that who leads in 2016 and who leads today differ."""
    rng = builder.rng
    grassroots = [m for m in members if m.organisation and m.organisation.status == "member"]
    board, thematic, smwg = bodies[0], bodies[1:-1], bodies[-1]

    leaders = _pick(rng, grassroots, 7)
    terms = (
        (date(2013, 11, 15), date(2016, 11, 30)),
        (date(2013, 11, 15), date(2016, 11, 30)),
        (date(2014, 11, 20), date(2019, 11, 30)),
        (date(2016, 12, 1), date(2022, 11, 14)),
        (date(2019, 12, 1), None),
        (date(2022, 11, 15), None),
        (date(2025, 3, 1), None),
    )
    for leader, (start, end) in zip(leaders, terms, strict=False):
        builder.seat(leader, board, "board_member", start, end)

    for body in thematic:
        chosen = _pick(rng, grassroots, 6)
        plan = (
            ("co_chair", date(2014, 1, 15), date(2017, 12, 31)),
            ("co_chair", date(2021, 2, 1), None),
            ("focal_point", date(2016, 1, 10), date(2018, 12, 31)),
            ("member", builder.day_between(date(2013, 3, 1), date(2015, 12, 31)), None),
            ("member", builder.day_between(date(2014, 1, 1), date(2016, 6, 30)),
             date(2019, 6, 30)),
            ("member", builder.day_between(date(2020, 1, 1), date(2026, 2, 28)), None),
        )
        for member, (role, start, end) in zip(chosen, plan, strict=False):
            builder.seat(member, body, role, start, end)

    first_of_org: dict[str, _Member] = {}
    for member in grassroots:
        assert member.organisation is not None
        first_of_org.setdefault(member.organisation.id, member)
    for member in first_of_org.values():
        assert member.organisation is not None
        builder.seat(member, smwg, "member", member.organisation.member_since or date(2013, 3, 12))
    co_chairs = _pick(rng, list(first_of_org.values()), 6)
    co_terms = (
        (date(2013, 3, 12), date(2016, 12, 31)),
        (date(2013, 3, 12), date(2016, 12, 31)),
        (date(2017, 1, 1), date(2021, 12, 31)),
        (date(2017, 1, 1), date(2021, 12, 31)),
        (date(2022, 1, 1), None),
        (date(2022, 1, 1), None),
    )
    for member, (start, end) in zip(co_chairs, co_terms, strict=False):
        builder.seat(member, smwg, "co_chair", start, end)
    independents = [m for m in members if m.organisation is None]
    if independents:
        builder.seat(independents[-1], smwg, "focal_point", date(2013, 3, 12))


_PARTICIPANT_STATUSES = (
    "attended", "attended", "declined", "attended", "confirmed", "attended", "invited",
    "attended", "attended", "declined",
)


def _invite(
    builder: _Builder,
    activity: Activity,
    pool: Sequence[_Member],
    interpreters: Sequence[_Member],
    *,
    size: int,
    facilitators: int,
    speakers: int,
) -> dict[str, list[str]]:
    """Invite people in every role; returns person ids by role."""
    rng = builder.rng
    chosen = [m.person.id for m in _pick(rng, pool, size)]
    by_role: dict[str, list[str]] = {
        "facilitator": chosen[:facilitators],
        "speaker": chosen[facilitators : facilitators + speakers],
        "participant": chosen[facilitators + speakers :],
        "interpreter": [m.person.id for m in interpreters],
    }
    for role, person_ids in by_role.items():
        for n, person_id in enumerate(person_ids):
            status = _PARTICIPANT_STATUSES[n % len(_PARTICIPANT_STATUSES)]
            if role != "participant":
                status = "confirmed" if n == 1 and role == "speaker" else "attended"
            builder.create(
                Participant,
                {"activity_id": activity.id, "person_id": person_id, "status": status,
                 "role": role},
            )
    return by_role


def _add_agenda(
    builder: _Builder,
    activity: Activity,
    agenda: _Agenda,
    people: Mapping[str, Sequence[str]],
    languages: Sequence[str],
) -> None:
    rng = builder.rng
    facilitators = list(people["facilitator"])
    speakers = list(people["speaker"])
    for n, (day, title, minutes, kind, who) in enumerate(agenda):
        values: dict[str, Any] = {
            "title": title, "minutes": minutes, "day": day, "item_kind": kind, "sample": True,
        }
        if kind == "session":
            if facilitators:
                values["facilitator_id"] = facilitators[n % len(facilitators)]
            if who == "speakers" and speakers:
                values["speaker_ids"] = tuple(_pick_ids(rng, speakers, 2))
            values["language"] = languages[n % len(languages)]
        builder.directory.add_agenda_item(activity.id, values, record_id=builder.new_id())
        builder.counts[AgendaItem.kind] += 1


def _pick_ids(rng: random.Random, ids: Sequence[str], k: int) -> list[str]:
    return rng.sample(list(ids), min(k, len(ids)))


def _core_activities(builder: _Builder, members: Sequence[_Member]) -> None:
    """The three activities the working group prioritised for 2016."""
    interpreters = [m for m in members if m.organisation is None]
    grassroots = [m for m in members if m.organisation and m.organisation.status == "member"]
    affiliated = [m for m in members if m.organisation is not None]

    meeting = builder.create(Activity, {
        "title": "SMWG meeting alongside the Global Strategy Meeting",
        "activity_kind": "side_meeting",
        "start": datetime(2016, 11, 10, 9, 0),
        "end": datetime(2016, 11, 12, 17, 30),
        "tz": "America/Argentina/Buenos_Aires",
        "day_start": time(9, 0),
        "venue": "Centro Comunitario de Ejemplo (muestra), Av. Ejemplo 555, Buenos Aires",
        "languages": ("es", "en", "fr", "pt"),
        "interpretation": "Simultaneous es<>en<>fr in plenary; whispered pt on request",
        "objective": "shared_analysis",
        "description": (
            "A dedicated meeting of the working group during the GSM to deepen shared "
            "analysis of common global conditions and clarify the connections between "
            "members' struggles. Sample data."
        ),
    })
    people = _invite(builder, meeting, grassroots, interpreters[:3], size=26, facilitators=2,
                     speakers=7)
    _add_agenda(builder, meeting, _GSM_MEETING_AGENDA, people, ("es", "en", "fr"))

    dialogue = builder.create(Activity, {
        "title": "Virtual dialogue: growing trends of repression and our responses",
        "activity_kind": "virtual_dialogue",
        "start": datetime(2016, 6, 15, 9, 0),
        "end": datetime(2016, 6, 15, 12, 0),
        "tz": "America/New_York",
        "link": "https://meet.example.org/smwg-repression-dialogue-2016",
        "languages": ("es", "en", "fr"),
        "interpretation": "Simultaneous es<>en<>fr on separate audio channels",
        "objective": "mutual_learning",
        "description": (
            "Members share how repression is growing where they work, its underlying "
            "causes and possible collective responses. Sample data."
        ),
    })
    people = _invite(builder, dialogue, affiliated, interpreters[:3], size=22, facilitators=1,
                     speakers=5)
    _add_agenda(builder, dialogue, _REPRESSION_DIALOGUE_AGENDA, people, ("en", "es", "fr"))

    exchange = builder.create(Activity, {
        "title": "Strategic exchange on land, territory and housing",
        "activity_kind": "strategic_exchange",
        "start": datetime(2016, 8, 23, 9, 0),
        "end": datetime(2016, 8, 24, 16, 0),
        "tz": "Africa/Johannesburg",
        "day_start": time(8, 30),
        "venue": "Community hall of the Shack Dwellers Solidarity Network (sample), Durban",
        "languages": ("en", "fr", "pt"),
        "interpretation": "Consecutive en<>fr<>pt; zu with the host community",
        "objective": "proposals",
        "description": (
            "Two days of mutual learning between land and housing movements, preparing "
            "campaign components for the concept note. Sample data."
        ),
    })
    people = _invite(builder, exchange, grassroots, interpreters[:1], size=14, facilitators=2,
                     speakers=4)
    _add_agenda(builder, exchange, _STRATEGIC_EXCHANGE_AGENDA, people, ("en", "fr", "pt"))


_REVISIONS = (
    ("First draft", date(2016, 4, 18), "concept-note-global-campaign-v1.docx",
     "Written by the working group's co-chairs after the virtual dialogue."),
    ("Second draft, after the strategic exchange in Durban", date(2016, 8, 30),
     "https://docs.example.org/smwg/concept-note-global-campaign-v2",
     "Adds the land and housing component; sent to the thematic working groups."),
)
"""The versions of the concept note: (label, date, where it is kept, notes)."""


def _campaign_proposal(
    builder: _Builder,
    orgs: Sequence[Organisation],
    members: Sequence[_Member],
    bodies: Sequence[Body],
) -> None:
    """The concept note for the global campaign, vetted by each thematic working group."""
    rng = builder.rng
    authors = [o.id for o in orgs if o.status == "member"][:5] or [orgs[0].id]
    proposal = builder.create(Proposal, {
        "title": "Concept note: a global campaign to realise economic, social and cultural "
                 "rights",
        "summary": (
            "A coordinated global campaign to promote the realisation of ESCR and collectively "
            "confront threats affecting many members, built on the working group's shared "
            "analysis. The thematic working groups are invited to build the analysis further "
            "and detail campaign components before it goes to the GSM. Sample data."
        ),
        "author_ids": tuple(authors),
        "status": "in_review",
        "deadline": date(2016, 10, 14),
    })
    revisions = [
        builder.create(Revision, {
            "proposal_id": proposal.id, "name": name, "issued_on": issued,
            "location": location, "notes": notes,
        })
        for name, issued, location, notes in _REVISIONS
    ]
    seats = builder.directory.list(Seat, {"body_id": [b.id for b in bodies]}, order_by=["id"])
    for body, spec, state in zip(bodies[1:-1], BODIES[1:-1], _REVIEW_STATES, strict=True):
        values: dict[str, Any] = {
            "proposal_id": proposal.id,
            "body_id": body.id,
            "state": state,
            "comments": _REVIEW_COMMENTS[state].format(topic=spec.topic),
        }
        holders = [
            s.person_id for s in seats
            if s.body_id == body.id and s.role in ("co_chair", "focal_point")
            and s.holds_on(date(2016, 9, 1))
        ]
        if holders:
            values["reviewer_id"] = rng.choice(sorted(holders))
        elif members:
            values["reviewer_id"] = rng.choice(members).person.id
        if state != "pending":
            answered = builder.day_between(date(2016, 7, 1), date(2016, 10, 14))
            values["answered_on"] = answered
            read = [r for r in revisions if r.issued_on and r.issued_on <= answered]
            values["revision_id"] = read[-1].id
        # The id every device gives this body's review (see core.proposals).
        builder.create(Review, values, record_id=review_id(proposal.id, body.id))


def _board_today(builder: _Builder, members: Sequence[_Member], board: Body) -> None:
    """More grassroots members on the Board today than in 2016, beside allies who are not."""
    rng = builder.rng
    sitting = {s.person_id for s in builder.directory.seats(body_id=board.id)}
    grassroots = [
        m for m in members
        if m.organisation and m.organisation.status == "member" and m.person.id not in sitting
    ]
    for member, start in zip(
        _pick(rng, grassroots, 2), (date(2022, 11, 15), date(2024, 11, 20)), strict=False
    ):
        builder.seat(member, board, "board_member", start)
    allies = [m for m in members if m.organisation is None and m.person.id not in sitting]
    if allies:
        builder.seat(allies[0], board, "board_member", date(2019, 12, 1))


_MOVE_NOTES = {
    "identified": "Named by a member as a grassroots group to approach.",
    "contacted": "First call; shared the working group's objectives and its 2016 plan.",
    "in_conversation": "Took part in a virtual dialogue; discussing membership with its assembly.",
    "applied": "Application received, with references from two members.",
    "joined": "Membership confirmed by the Board.",
    "declined": "Decided not to join for now; asked to stay informed.",
}


def _outreach_history(
    builder: _Builder, orgs: Sequence[Organisation], members: Sequence[_Member], smwg: Body
) -> None:
    """Each organisation with a stage got there by moves, each with a date, a person and a note.

    Applicants applied on the day their status was set and members joined on the day
    they became members; prospects were identified on that day and moved on after.
    """
    rng = builder.rng
    staff = sorted({
        s.person_id for s in builder.directory.seats(body_id=smwg.id)
        if s.role in ("co_chair", "focal_point")
    }) or [m.person.id for m in members[:1]]
    for organisation in orgs:
        stage = organisation.outreach_stage
        if not stage:
            continue
        path = [*ACTIVE_STAGES[: ACTIVE_STAGES.index(stage) + 1]] if stage in ACTIVE_STAGES else (
            [*ACTIVE_STAGES, "joined"] if stage == "joined" else ["identified", "contacted", stage]
        )
        anchor = organisation.member_since or organisation.status_since or date(2016, 1, 1)
        if stage in ("applied", "joined"):
            days = [anchor]
            for _ in path[1:]:
                days.insert(0, days[0] - timedelta(days=rng.randrange(20, 90)))
        else:
            days = [anchor]
            for _ in path[1:]:
                days.append(days[-1] + timedelta(days=rng.randrange(20, 90)))
        for step, day in zip(path, days, strict=True):
            builder.create(OutreachMove, {
                "organisation_id": organisation.id,
                "stage": step,
                "moved_on": day,
                "responsible_id": rng.choice(staff) if staff else "",
                "note": _MOVE_NOTES[step],
            })


def _more(
    builder: _Builder,
    core_orgs: Sequence[Organisation],
    bodies: Sequence[Body],
    organisations: int,
    people: int,
) -> None:
    """Records beyond the curated core, of the same kinds, for larger samples."""
    rng = builder.rng
    orgs = list(core_orgs)
    for _extra in range(organisations - len(core_orgs)):
        orgs.append(builder.organisation(builder.generated_org_spec()))
    thematic = bodies[1:-1]
    for n in range(max(0, people - DEFAULT_PEOPLE)):
        if n % 25 == 24:
            country = rng.choice(("MX", "SN", "US", "AR", "CA", "FR", "KE"))
            builder.person(country, None, interpreter=n % 2 == 0)
            continue
        org = rng.choice(orgs)
        person = builder.person(org.country, org, at_risk=org.at_risk and rng.random() < 0.5)
        earliest = org.member_since or org.status_since or date(2013, 1, 1)
        start = builder.day_between(earliest - timedelta(days=900), earliest)
        builder.affiliation(person, org, start=start)
        if n % 12 == 5:
            other = rng.choice(orgs)
            if other.id != org.id:
                end = builder.day_between(start, date(2026, 3, 31)) if n % 2 else None
                builder.affiliation(person, other, start=start, end=end)
        if n % 30 == 7:
            role = "focal_point" if n % 60 == 7 else "member"
            seat_start = builder.day_between(date(2013, 1, 1), date(2026, 3, 31))
            seat_end = (
                builder.day_between(seat_start, date(2026, 12, 31)) if n % 4 == 3 else None
            )
            builder.seat(_Member(person, org), rng.choice(thematic), role, seat_start, seat_end)
