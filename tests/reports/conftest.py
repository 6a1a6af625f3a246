"""A small network whose printed documents can be stated exactly, and the demo network."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

import pytest

from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import (
    Activity,
    Affiliation,
    Body,
    Organisation,
    Participant,
    Person,
    Seat,
)


@dataclass
class Network:
    directory: Directory
    ids: dict[str, str]
    activity: str

    def person(self, key: str) -> Person:
        return self.directory.get(Person, self.ids[key])


ORGANISATIONS: dict[str, dict[str, Any]] = {
    "andina": {"name": "Red Andina (muestra)", "acronym": "RA", "country": "BO",
               "constituencies": "peasants, indigenous_peoples", "women_led": True,
               "member_since": "2013-03-12", "website": "https://andina.example.org"},
    "golfo": {"name": "Asociación de Pescadores del Golfo (muestra)", "acronym": "APG",
              "country": "HN", "constituencies": "fisherfolk", "member_since": "2014-05-06"},
    "shack": {"name": "Shack Dwellers (sample)", "acronym": "SD", "country": "ZA",
              "constituencies": "urban_poor", "member_since": "2013-03-12",
              "consent": "website"},
    "prospect": {"name": "Plataforma Prospecto (muestra)", "country": "ES",
                 "status": "prospect", "constituencies": "urban_poor"},
    "former": {"name": "Antigua Asociación (muestra)", "country": "SV", "status": "former",
               "status_since": "2015-06-30"},
    "hidden": {"name": "Proceso Oculto (muestra)", "country": "CO", "at_risk": True},
    "unlisted": {"name": "Kilusang Lihim (sample)", "country": "PH", "listed": False},
}

PEOPLE: dict[str, tuple[dict[str, Any], str | None, str]] = {
    "rosa": ({"name": "Rosa Mamani", "emails": "work:rosa@example.org, home:rosa@example.net",
              "phones": "work:+591 2 2345678, mobile:+591 71234567"}, "andina", "Tesorera"),
    "yulia": ({"name": "Юлия Петрова", "emails": "yulia@example.org"}, "andina", "Coordinator"),
    "nikos": ({"name": "Νίκος Παπαδόπουλος", "emails": "nikos@example.org"}, "golfo", "Secretary"),
    "maryam": ({"name": "مريم الحسيني", "emails": "maryam@example.org"}, "shack", "Organiser"),
    "priya": ({"name": "प्रिया पासवान", "emails": "priya@example.org"}, "shack", "Organiser"),
    "ana": ({"name": "Ana Secreta", "emails": "ana@example.org", "at_risk": True},
            "andina", "Vocera"),
    "luis": ({"name": "Luis Oculto", "emails": "luis@example.org", "listed": False},
             "golfo", "Tesorero"),
    "carmen": ({"name": "Carmen Reservada", "emails": "carmen@example.org",
                "consent": "organisation"}, "golfo", "Presidenta"),
    "pedro": ({"name": "Pedro Prospecto", "emails": "pedro@example.org"}, "prospect", "Vocero"),
    "nadia": ({"name": "Nadia Riesgo", "emails": "nadia@example.org"}, "hidden", "Lideresa"),
    "sam": ({"name": "Sam Libre", "emails": "sam@example.org"}, None, ""),
}


def build_network(directory: Directory) -> Network:
    ids: dict[str, str] = {}
    for key, values in ORGANISATIONS.items():
        ids[key] = directory.create(Organisation, values).id
    for key, (values, organisation, role) in PEOPLE.items():
        person = directory.create(Person, values)
        ids[key] = person.id
        if organisation:
            directory.create(Affiliation, {"person_id": person.id,
                                           "organisation_id": ids[organisation], "role": role,
                                           "start": "2012-01-01"})
    board = directory.create(Body, {"name": "Board of ESCR-Net", "acronym": "Board",
                                    "body_kind": "board"})
    directory.create(Seat, {"person_id": ids["rosa"], "body_id": board.id,
                            "role": "board_member", "organisation_id": ids["andina"],
                            "start": "2014-01-01"})
    directory.create(Seat, {"person_id": ids["ana"], "body_id": board.id,
                            "role": "co_chair", "organisation_id": ids["andina"]})
    activity = directory.create(Activity, {
        "title": "Strategic exchange on land",
        "activity_kind": "strategic_exchange",
        "start": datetime(2026, 3, 4, 9, 0), "end": datetime(2026, 3, 5, 17, 0),
        "tz": "America/Bogota", "day_start": time(8, 30),
        "venue": "Casa Comunal, Bogotá", "languages": "es, en",
        "interpretation": "Simultaneous es<>en", "objective": "mutual_learning",
    })
    for key, status, role in (
        ("rosa", "confirmed", "facilitator"),
        ("yulia", "attended", "speaker"),
        ("maryam", "confirmed", "participant"),
        ("priya", "confirmed", "speaker"),
        ("ana", "confirmed", "speaker"),
        ("nikos", "declined", "participant"),
        ("sam", "invited", "participant"),
        ("carmen", "confirmed", "interpreter"),
    ):
        directory.create(Participant, {"activity_id": activity.id, "person_id": ids[key],
                                       "status": status, "role": role})
    for day, title, minutes, kind, facilitator, speakers in (
        (1, "Welcome", 30, "session", "rosa", ()),
        (1, "Coffee", 15, "break", "", ()),
        (1, "Panel on land grabs", 90, "session", "rosa", ("yulia", "ana")),
        (2, "Opening of day two", 45, "session", "rosa", ()),
        (2, "Lunch", 60, "break", "", ()),
        (2, "Closing", 20, "session", "", ("priya",)),
    ):
        values: dict[str, Any] = {"title": title, "minutes": minutes, "day": day,
                                  "item_kind": kind}
        if facilitator:
            values["facilitator_id"] = ids[facilitator]
        if speakers:
            values["speaker_ids"] = tuple(ids[s] for s in speakers)
        directory.add_agenda_item(activity.id, values)
    return Network(directory, ids, activity.id)


@pytest.fixture
def network(directory: Directory) -> Network:
    return build_network(directory)


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Directory]:
    """The demo network, loaded once and only read."""
    with Directory.open(tmp_path_factory.mktemp("demo")) as directory:
        load_demo(directory)
        yield directory
