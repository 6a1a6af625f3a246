"""Headers recognised in English, Spanish and French, as address books and people write them."""

from __future__ import annotations

import pytest

from smwg_desktop.interop.columns import guess_mapping, label_kind, recognise


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("E-mail Address", "person.email"), ("Correo electrónico", "person.email"),
        ("Courriel", "person.email"), ("Adresse e-mail", "person.email"),
        ("Teléfono", "person.phone"), ("Téléphone portable", "person.phone:mobile"),
        ("Celular", "person.phone:mobile"), ("Mobile Phone", "person.phone:mobile"),
        ("Nombre", "person.first_name"), ("Apellidos", "person.last_name"),
        ("Prénom", "person.first_name"), ("Organización", "organisation.name"),
        ("Company", "organisation.name"), ("Cargo", "role"), ("Fonction", "role"),
        ("País", "person.country"), ("Pays", "person.country"),
        ("Liderada por mujeres", "organisation.women_led"),
        ("Phone 2 - Value", "person.phone@2"), ("E-mail 1 - Label", "person.email_label@1"),
        ("Address 1 - Country", "person.country@1"), ("Birthday", ""),
    ],
)
def test_usual_headers_are_recognised(header: str, target: str) -> None:
    assert recognise(header) == target


def test_french_nom_is_the_family_name_only_beside_prenom() -> None:
    with_first = guess_mapping(["Prénom", "Nom"])
    alone = guess_mapping(["Nom", "Courriel"])

    assert [u.target for u in with_first] == ["person.first_name", "person.last_name"]
    assert alone[0].target == "person.name"


def test_contact_columns_of_an_organisation_list_belong_to_the_organisations() -> None:
    uses = guess_mapping(["Organisation", "Country", "Email", "Phone"])

    assert [u.target for u in uses] == [
        "organisation.name", "organisation.country", "organisation.email", "organisation.phone",
    ]


@pytest.mark.parametrize(
    ("label", "kind"),
    [("* Mobile", "mobile"), ("Trabajo", "work"), ("Domicile", "home"), ("_$!<Work>!$_", "work"),
     ("Escritório", "work"), ("Fax", "other"), ("", "work")],
)
def test_address_book_labels_become_contact_kinds(label: str, kind: str) -> None:
    assert label_kind(label, ("work", "mobile", "home", "other")) == kind
