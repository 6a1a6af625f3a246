"""What a table's columns mean: headers recognised in English, Spanish and French.

A column maps to a *target*: a field of the person, of their organisation, or the
role between them, written ``person.email``, ``person.phone:mobile`` (a contact of
one kind) or ``person.email@1`` with ``person.email_label@1`` (Google's numbered
value and label columns, linked by the number). A mapping that a person corrects
can be saved as a small JSON file and given again next time (``load_mapping``).

``rows_from_table`` turns cells into ``IncomingRow`` text; the same vocabulary
writes the header of an export (``export_table``), so an export reads back as it was.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from smwg_desktop.core.errors import UserError
from smwg_desktop.core.fields import Contact
from smwg_desktop.core.geo import REGION_LABELS, region_of
from smwg_desktop.core.model import CONSTITUENCIES
from smwg_desktop.core.text import fold
from smwg_desktop.i18n import N_, _
from smwg_desktop.interop.files import write_atomically
from smwg_desktop.interop.rows import ColumnUse, IncomingRow, OutgoingEntry

MAPPING_FORMAT = "smwg-column-mapping"

TARGETS: dict[str, str] = {
    "person.name": N_("Person: full name"),
    "person.first_name": N_("Person: first name"),
    "person.middle_name": N_("Person: middle name"),
    "person.last_name": N_("Person: last name"),
    "person.email": N_("Person: e-mail"),
    "person.email_label": N_("Person: label of a numbered e-mail column"),
    "person.phone": N_("Person: phone"),
    "person.phone_label": N_("Person: label of a numbered phone column"),
    "person.handle": N_("Person: messaging handle"),
    "person.country": N_("Person: country"),
    "person.languages": N_("Person: languages"),
    "person.notes": N_("Person: notes"),
    "person.at_risk": N_("Person: at risk"),
    "person.id": N_("Person: id in this application"),
    "role": N_("Role in the organisation"),
    "organisation.name": N_("Organisation: name"),
    "organisation.acronym": N_("Organisation: acronym"),
    "organisation.country": N_("Organisation: country"),
    "organisation.constituencies": N_("Organisation: constituencies"),
    "organisation.women_led": N_("Organisation: women-led"),
    "organisation.women_section": N_("Organisation: women's section"),
    "organisation.status": N_("Organisation: membership status"),
    "organisation.website": N_("Organisation: website"),
    "organisation.email": N_("Organisation: e-mail"),
    "organisation.phone": N_("Organisation: phone"),
    "organisation.address": N_("Organisation: address"),
    "organisation.languages": N_("Organisation: languages"),
    "organisation.notes": N_("Organisation: notes"),
    "organisation.at_risk": N_("Organisation: at risk"),
    "organisation.id": N_("Organisation: id in this application"),
}
"""Every target a column can have, with a label for the wizard's mapping page."""

EMAIL_KINDS = ("work", "home", "other")
PHONE_KINDS = ("work", "mobile", "home", "other")
HANDLE_KINDS = ("signal", "whatsapp", "telegram", "matrix", "skype", "wire", "element", "other")


@dataclass(frozen=True)
class Target:
    """A parsed target: ``field`` from ``TARGETS``, a contact ``kind``, a ``group``."""

    field: str
    kind: str = ""
    group: str = ""

    def __str__(self) -> str:
        text = self.field
        if self.kind:
            text += f":{self.kind}"
        if self.group:
            text += f"@{self.group}"
        return text

    @classmethod
    def parse(cls, text: str) -> Target:
        """Read ``field[:kind][@group]``; ``UserError`` naming what is wrong."""
        rest, _at, group = text.strip().partition("@")
        name, _colon, kind = rest.partition(":")
        if name not in TARGETS:
            raise UserError(
                _("'{text}' is not a column target; targets are: {targets}").format(
                    text=text, targets=", ".join(TARGETS)
                )
            )
        kinds = {
            "person.email": EMAIL_KINDS,
            "organisation.email": EMAIL_KINDS,
            "person.phone": PHONE_KINDS,
            "organisation.phone": PHONE_KINDS,
            "person.handle": HANDLE_KINDS,
        }.get(name, ())
        if kind and kind not in kinds:
            raise UserError(
                _("'{text}': '{kind}' is not a kind of {name}").format(
                    text=text, kind=kind, name=name
                )
                + (_("; kinds are: {kinds}").format(kinds=", ".join(kinds)) if kinds else "")
            )
        return cls(name, kind, group)


def header_key(header: str) -> str:
    """A header as it is looked up: accents, case and punctuation removed."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(header)).split())


def _aliases(target: str, *names: str) -> dict[str, str]:
    return {header_key(name): target for name in names}


_KNOWN: dict[str, str] = {
    **_aliases(
        "person.name", "name", "full name", "display name", "formatted name", "contact name",
        "person", "nombre completo", "nombre y apellidos", "nom complet", "nom et prenom",
        "prenom et nom", "nom prenom",
    ),
    **_aliases("person.first_name", "first name", "given name", "firstname", "nombre",
               "nombres", "primer nombre", "prenom", "prenoms"),
    **_aliases("person.middle_name", "middle name", "additional name", "segundo nombre",
               "second prenom", "deuxieme prenom"),
    **_aliases("person.last_name", "last name", "family name", "surname", "lastname",
               "apellido", "apellidos", "nom de famille"),
    **_aliases(
        "person.email", "email", "e-mail", "email address", "e-mail address", "mail",
        "primary email", "correo", "correo electronico", "email principal", "courriel",
        "adresse email", "adresse e-mail", "adresse electronique", "adresse de courriel",
    ),
    **_aliases("person.email:work", "work email", "work e-mail", "business email",
               "correo del trabajo", "correo de trabajo", "courriel professionnel"),
    **_aliases("person.email:home", "home email", "home e-mail", "personal email",
               "correo personal", "courriel personnel"),
    **_aliases(
        "person.email:other", "other email", "other e-mail", "secondary email",
        "e-mail 2 address", "e-mail 3 address", "otro correo", "correo secundario",
        "autre courriel", "courriel secondaire",
    ),
    **_aliases(
        "person.phone", "phone", "phone number", "telephone", "tel", "primary phone",
        "telefono", "numero de telefono", "numero de telephone",
    ),
    **_aliases(
        "person.phone:work", "work phone", "business phone", "business phone 2",
        "company main phone", "telefono del trabajo", "telefono de trabajo",
        "telefono de la oficina", "telephone professionnel", "telephone bureau",
        "telephone travail",
    ),
    **_aliases(
        "person.phone:mobile", "mobile", "mobile phone", "mobile number", "cell", "cell phone",
        "cellular", "movil", "celular", "telefono movil", "telefono celular", "portable",
        "telephone portable", "telephone mobile", "mobile 2",
    ),
    **_aliases("person.phone:home", "home phone", "home phone 2", "telefono particular",
               "telefono de casa", "telephone domicile", "telephone personnel"),
    **_aliases("person.phone:other", "other phone", "otro telefono", "autre telephone"),
    **_aliases("person.handle", "messaging", "handles", "messaging handles", "mensajeria",
               "messagerie"),
    **{header_key(kind): f"person.handle:{kind}" for kind in HANDLE_KINDS if kind != "other"},
    **_aliases(
        "person.country", "country", "country/region", "business country/region",
        "home country/region", "other country/region", "work country", "home country",
        "pais", "pays",
    ),
    **_aliases("person.languages", "languages", "language", "idiomas", "idioma", "lenguas",
               "langues", "langue"),
    **_aliases("person.notes", "notes", "note", "comments", "notas", "nota", "comentarios",
               "observaciones", "remarques", "commentaires"),
    **_aliases("person.at_risk", "at risk", "en riesgo", "a riesgo", "en danger", "a risque"),
    **_aliases("person.id", "id", "person id"),
    **_aliases(
        "role", "role", "job title", "organization title", "organisation title", "position",
        "cargo", "puesto", "rol", "funcion", "fonction", "poste", "title", "titre",
    ),
    **_aliases("person.name", "nom"),
    **_aliases(
        "organisation.name", "organisation", "organization", "organisation name",
        "organization name", "company", "organizacion", "nombre de la organizacion",
        "empresa", "organisme", "nom de l'organisation", "entreprise", "societe",
    ),
    **_aliases("organisation.acronym", "acronym", "organisation acronym",
               "organization acronym", "sigla", "siglas", "acronimo", "sigle"),
    **_aliases("organisation.country", "organisation country", "organization country",
               "pais de la organizacion", "pays de l'organisation"),
    **_aliases(
        "organisation.constituencies", "constituency", "constituencies", "constituencia",
        "constituencias", "circunscripcion", "circonscription", "circonscriptions",
    ),
    **_aliases("organisation.women_led", "women-led", "women led", "led by women",
               "liderada por mujeres", "dirigida por mujeres", "dirigee par des femmes",
               "menee par des femmes"),
    **_aliases("organisation.women_section", "women's section", "women section",
               "seccion de mujeres", "section des femmes", "section femmes"),
    **_aliases("organisation.status", "status", "membership status", "estado", "estatus",
               "membresia", "statut", "statut de membre"),
    **_aliases("organisation.website", "website", "web site", "sitio web", "pagina web",
               "site web", "site internet"),
    **_aliases("organisation.email", "organisation e-mail", "organization email",
               "correo de la organizacion", "courriel de l'organisation"),
    **_aliases("organisation.phone", "organisation phone", "organization phone",
               "telefono de la organizacion", "telephone de l'organisation"),
    **_aliases("organisation.address", "organisation address", "organization address",
               "direccion de la organizacion", "adresse de l'organisation"),
    **_aliases("organisation.languages", "organisation languages", "organization languages",
               "idiomas de la organizacion", "langues de l'organisation"),
    **_aliases("organisation.notes", "organisation notes", "organization notes"),
    **_aliases("organisation.at_risk", "organisation at risk", "organization at risk"),
    **_aliases("organisation.id", "organisation id", "organization id"),
}

_NUMBERED = re.compile(r"^(e mail|email|phone|address) (\d+) (value|label|type|country)$")
_NUMBERED_TARGETS = {
    ("e mail", "value"): "person.email",
    ("email", "value"): "person.email",
    ("e mail", "label"): "person.email_label",
    ("e mail", "type"): "person.email_label",
    ("email", "label"): "person.email_label",
    ("phone", "value"): "person.phone",
    ("phone", "label"): "person.phone_label",
    ("phone", "type"): "person.phone_label",
    ("address", "country"): "person.country",
}
_NAME_TARGETS = ("person.name", "person.first_name", "person.middle_name", "person.last_name")
_PERSON_TO_ORGANISATION = {
    "person.email": "organisation.email",
    "person.phone": "organisation.phone",
    "person.country": "organisation.country",
    "person.languages": "organisation.languages",
    "person.notes": "organisation.notes",
    "person.at_risk": "organisation.at_risk",
}


def recognise(header: str) -> str:
    """The target a header usually means, or "" when it is not one the directory keeps."""
    key = header_key(header)
    if key in _KNOWN:
        return _KNOWN[key]
    numbered = _NUMBERED.match(key)
    if numbered:
        what, number, part = numbered.groups()
        target = _NUMBERED_TARGETS.get((what, part))
        if target:
            return f"{target}@{number}"
    return ""


def guess_mapping(
    header: Sequence[str], saved: Mapping[str, str] | None = None
) -> tuple[ColumnUse, ...]:
    """How each column will be read: ``saved`` (header to target) first, then recognition.

    A header missing from ``saved`` is recognised as usual; a saved target of ""
    or ``ignore`` leaves the column out. Raises ``UserError`` for a saved target
    that does not exist.
    """
    saved = saved or {}
    for target in saved.values():
        if target not in ("", "ignore"):
            Target.parse(target)
    uses: list[ColumnUse] = []
    for index, text in enumerate(header):
        if text in saved:
            target = saved[text]
            uses.append(ColumnUse(index, text, "" if target == "ignore" else target, False))
        else:
            uses.append(ColumnUse(index, text, recognise(text), True))
    return _settle(uses)


def column_examples(
    width: int, table: Iterable[tuple[int, Sequence[str]]], *, looked_at: int = 50
) -> tuple[str, ...]:
    """The first non-empty value of each of ``width`` columns, among the first rows."""
    found = [""] * width
    for count, (_line, cells) in enumerate(table):
        if count >= looked_at or all(found):
            break
        for index, cell in enumerate(cells[:width]):
            if not found[index] and isinstance(cell, str) and cell.strip():
                found[index] = cell.strip()
    return tuple(found)


def _settle(uses: list[ColumnUse]) -> tuple[ColumnUse, ...]:
    """Rules that need the whole header; they change recognised columns only."""
    keys = {header_key(u.header) for u in uses}

    def fields() -> set[str]:
        return {Target.parse(u.target).field for u in uses if u.target}

    for position, use in enumerate(uses):
        if not use.automatic:
            continue
        key = header_key(use.header)
        target = use.target
        if key == "nom":
            # French "Nom" is the family name beside "Prénom", the whole name on its own.
            target = "person.last_name" if "prenom" in keys else "person.name"
        elif key in ("title", "titre"):
            # Outlook's "Title" is a name prefix when "Job Title" holds the role.
            others = [u for u in uses if u is not use and u.target == "role"]
            target = "" if others else "role"
        uses[position] = ColumnUse(use.index, use.header, target, True)
    if not fields() & set(_NAME_TARGETS) and "organisation.name" in fields():
        # A list of organisations: its e-mail, phone and country columns are theirs.
        for position, use in enumerate(uses):
            if not (use.automatic and use.target):
                continue
            parsed = Target.parse(use.target)
            if parsed.field in _PERSON_TO_ORGANISATION:
                field = _PERSON_TO_ORGANISATION[parsed.field]
                keeps_kind = field in ("organisation.email", "organisation.phone")
                moved = Target(field, parsed.kind if keeps_kind else "", parsed.group)
                uses[position] = ColumnUse(use.index, use.header, str(moved), True)
    return tuple(uses)


def load_mapping(path: str | os.PathLike[str]) -> dict[str, str]:
    """A saved mapping (header to target); ``UserError`` if it cannot be used."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(
            _("cannot read the mapping file {path}: {why}").format(path=path, why=exc.strerror)
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UserError(
            _("the mapping file {path} is not a JSON column mapping").format(path=path)
        ) from None
    columns = data.get("columns") if isinstance(data, dict) else None
    if data.get("format") != MAPPING_FORMAT or not isinstance(columns, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
    ):
        raise UserError(_("the mapping file {path} is not a JSON column mapping").format(path=path))
    for target in columns.values():
        if target not in ("", "ignore"):
            Target.parse(target)
    return dict(columns)


def save_mapping(path: str | os.PathLike[str], columns: Iterable[ColumnUse]) -> None:
    """Write how each column was read, to give as ``--mapping`` next time.

    ``UserError`` if the file cannot be written.
    """
    data = {
        "format": MAPPING_FORMAT,
        "version": 1,
        "columns": {use.header: use.target or "ignore" for use in columns if use.header},
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text.encode("utf-8"))


# Values: what address books write, as the core's field types read it.

_LABEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("mobile", ("mobile", "mobil", "cell", "movil", "celular", "portable", "iphone")),
    ("work", ("work", "business", "office", "trabajo", "oficina", "empresa", "travail",
              "bureau", "professionnel", "pro", "escritorio")),
    ("home", ("home", "personal", "casa", "hogar", "particular", "domicile", "maison",
              "personnel", "perso", "residencia")),
)


def label_kind(label: str, kinds: Sequence[str]) -> str:
    """The contact kind an address book's label means ("* Mobile", "Trabajo", "Escritório")."""
    words = set(header_key(label).split())
    if not words:
        return kinds[0]
    for kind, hints in _LABEL_WORDS:
        if kind in kinds and words & set(hints):
            return kind
    return "other"


_CONSTITUENCY_NAMES: dict[str, tuple[str, ...]] = {
    "indigenous_peoples": ("indigenous", "indigenous people", "pueblos indigenas",
                           "indigenas", "peuples autochtones", "autochtones",
                           "peuples indigenes"),
    "peasants": ("peasant", "campesinos", "campesinas", "campesinado", "paysans",
                 "paysannes", "paysannerie"),
    "fisherfolk": ("fishers", "fisherfolks", "pescadores", "pescadoras",
                   "pescadores artesanales", "pecheurs", "pecheuses", "pecheurs artisanaux"),
    "urban_poor": ("pobres urbanos", "pobladores urbanos", "pauvres urbains"),
    "landless_farmers": ("landless", "sin tierra", "campesinos sin tierra", "sans terre",
                         "paysans sans terre"),
    "domestic_workers": ("trabajadoras domesticas", "trabajadores domesticos",
                         "trabajadoras del hogar", "travailleuses domestiques",
                         "travailleurs domestiques"),
    "racial_and_ethnic_minorities": ("minorias etnicas", "minorias raciales y etnicas",
                                     "minorites ethniques", "minorites raciales et ethniques"),
    "communities_resisting_harmful_development_projects": (
        "comunidades que resisten proyectos de desarrollo daninos",
        "communautes resistant aux projets de developpement nuisibles",
    ),
}
_CONSTITUENCIES: dict[str, str] = {
    **{header_key(key.replace("_", " ")): key for key in CONSTITUENCIES},
    **{header_key(n): key for key, names in _CONSTITUENCY_NAMES.items() for n in names},
}
_STATUSES: dict[str, str] = {
    **{header_key(n): "member" for n in ("miembro", "miembra", "membre", "socio", "socia")},
    **{header_key(n): "applicant" for n in ("solicitante", "candidata", "candidato",
                                              "candidat", "candidate")},
    **{header_key(n): "prospect" for n in ("prospecto", "prospecta", "potencial",
                                             "potentiel", "potentielle")},
    **{header_key(n): "former" for n in ("former member", "antiguo miembro", "ex miembro",
                                           "exmiembro", "ancien membre", "ancienne membre")},
}
_BOOLEANS = {"verdadero": "yes", "falso": "no", "vrai": "yes", "faux": "no", "true": "yes",
             "false": "no"}


def constituencies_text(text: str) -> str:
    """Constituencies named in English, Spanish or French, as the directory's keywords."""
    parts = [p.strip() for p in re.split(r"[,;\n]", text) if p.strip()]
    return ", ".join(_CONSTITUENCIES.get(header_key(p), p) for p in parts)


def status_text(text: str) -> str:
    return _STATUSES.get(header_key(text), text)


def bool_text(text: str) -> str:
    return _BOOLEANS.get(fold(text.strip()), text)


def split_contacts(text: str) -> list[str]:
    """The addresses or numbers in one cell (Google separates them with ' ::: ')."""
    return [p.strip() for p in re.split(r":::|[,;\n]", text) if p.strip()]


def contact_lines(kind: str, kinds: Sequence[str], text: str) -> list[str]:
    """``kind:value`` lines for a cell; a value that names its own kind keeps it."""
    lines = []
    for part in split_contacts(text):
        head, sep, _ = part.partition(":")
        lines.append(part if sep and head.strip().lower() in kinds else f"{kind}:{part}")
    return lines


def rows_from_table(
    uses: Sequence[ColumnUse],
    table: Iterable[tuple[int, Sequence[str]]],
    *,
    unescape_formulas: bool = True,
) -> list[IncomingRow]:
    """Each table row (line number, cells) as an ``IncomingRow``; blank rows are left out.

    ``unescape_formulas`` (CSV) removes the apostrophe that ``export_table`` puts
    before a cell that starts like a formula.

    A row with more non-empty cells than the header has columns, or with fewer
    cells, is returned with a ``problem``: its values cannot be trusted to sit
    under the right headers.
    """
    width = len(uses)
    targets = [(use.index, Target.parse(use.target)) for use in uses if use.target]
    found: list[IncomingRow] = []
    for line, cells in table:
        cells = [c if isinstance(c, str) else "" for c in cells]
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < width or any(c.strip() for c in cells[width:]):
            found.append(IncomingRow(line, problem=(
                _("has {cells} cells where the header has {width} columns; "
                  "a separator may be missing or extra, or a quote left open").format(
                    cells=len(cells), width=width)
            )))
            continue
        if unescape_formulas:
            cells = [_unescape(c) for c in cells]
        found.append(_row(line, cells, targets))
    return found


def _row(line: int, cells: Sequence[str], targets: Sequence[tuple[int, Target]]) -> IncomingRow:
    person: dict[str, list[str]] = {}
    organisation: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    refs = {"person.id": "", "organisation.id": ""}
    role = ""
    labels = {
        (t.field.removesuffix("_label"), t.group): cells[i].strip()
        for i, t in targets if t.field.endswith("_label")
    }
    for index, target in targets:
        text = cells[index].strip()
        if not text or target.field.endswith("_label"):
            continue
        owner, _, name = target.field.partition(".")
        values = person if owner == "person" else organisation
        if target.field in _NAME_TARGETS:
            names.setdefault(name, text)
        elif target.field in refs:
            refs[target.field] = refs[target.field] or text
        elif owner == "role":
            role = role or text
        elif name in ("email", "phone", "handle"):
            kinds = {"email": EMAIL_KINDS, "phone": PHONE_KINDS, "handle": HANDLE_KINDS}[name]
            kind = target.kind
            if not kind and target.group:
                kind = label_kind(labels.get((target.field, target.group), ""), kinds)
            values.setdefault(name + "s", []).extend(contact_lines(kind or kinds[0], kinds, text))
        elif name == "country":
            values.setdefault(name, [text])
        else:
            values.setdefault(name, []).append(_value(name, text))
    full = names.get("name") or " ".join(
        names[p] for p in ("first_name", "middle_name", "last_name") if p in names
    )
    if full:
        person["name"] = [full]
    return IncomingRow(
        line,
        person={k: "\n".join(v) for k, v in person.items()},
        organisation={k: "\n".join(v) for k, v in organisation.items()},
        role=role,
        person_ref=refs["person.id"],
        organisation_ref=refs["organisation.id"],
    )


def _value(name: str, text: str) -> str:
    if name == "constituencies":
        return constituencies_text(text)
    if name == "status":
        return status_text(text)
    if name in ("women_led", "women_section", "at_risk"):
        return bool_text(text)
    return text


# Writing: the header and cells of a CSV or XLSX export.

EXPORT_HEADER = (
    "ID", "Name", "Organisation", "Role", "Work e-mail", "Home e-mail", "Other e-mail",
    "Work phone", "Mobile phone", "Home phone", "Other phone", "Messaging", "Country",
    "Languages", "Organisation ID", "Acronym", "Organisation country", "Region",
    "Constituencies", "Women-led", "Women's section", "Status", "Website",
    "Organisation e-mail", "Organisation phone", "Organisation address",
)
"""Columns of a CSV or XLSX export, all recognised when the file is imported again."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE_LIKE = re.compile(r"^\+[0-9]+(\n\+[0-9]+)*$")


def _escape(text: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula.

    Cells starting like a formula get a leading apostrophe (as spreadsheets do
    themselves); a cell that already starts with an apostrophe before such a
    character gets one more, so that ``_unescape`` gives back exactly the text.
    """
    bare = text.lstrip("'")
    if bare.startswith(_FORMULA_START) and not _PHONE_LIKE.match(text):
        return "'" + text
    return text


def _unescape(text: str) -> str:
    if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text


def _region_label(country: str) -> str:
    region = region_of(country)
    return REGION_LABELS[region] if region else ""


def _contacts(contacts: Iterable[Contact], kind: str) -> str:
    return "\n".join(c.value for c in contacts if c.kind == kind)


def _handles(contacts: Iterable[Contact]) -> str:
    return "\n".join(f"{c.kind}:{c.value}" for c in contacts)


def export_table(
    entries: Iterable[OutgoingEntry], *, escape_formulas: bool = True
) -> list[list[str]]:
    """The rows under ``EXPORT_HEADER``: one per place a person holds (or one if none),
    and one per organisation exported on its own.

    With ``escape_formulas`` (CSV) a cell that a spreadsheet would run as a formula
    starts with an apostrophe, which ``rows_from_table`` removes again; XLSX marks
    such cells as text instead.
    """
    entries = list(entries)
    # An organisation shown beside its people needs no row of its own.
    beside_people = {p.organisation.id for e in entries for p in e.places}
    rows: list[list[str]] = []
    for entry in entries:
        if entry.organisation is not None and entry.organisation.id in beside_people:
            continue
        person = entry.person
        places = entry.places or ((None,) if person else ())
        organisations = [p.organisation if p else None for p in places] or [entry.organisation]
        roles = [p.role if p else "" for p in places] or [""]
        for organisation, role in zip(organisations, roles, strict=True):
            cells = [""] * len(EXPORT_HEADER)
            if person is not None:
                cells[0:14] = [
                    person.id, person.name, "", role,
                    _contacts(person.emails, "work"), _contacts(person.emails, "home"),
                    _contacts(person.emails, "other"),
                    _contacts(person.phones, "work"), _contacts(person.phones, "mobile"),
                    _contacts(person.phones, "home"), _contacts(person.phones, "other"),
                    _handles(person.handles), person.country, ", ".join(person.languages),
                ]
            if organisation is not None:
                cells[2] = organisation.name
                cells[14:] = [
                    organisation.id, organisation.acronym, organisation.country,
                    _region_label(organisation.country),
                    ", ".join(organisation.constituencies),
                    "yes" if organisation.women_led else "no",
                    "yes" if organisation.women_section else "no",
                    organisation.status, organisation.website,
                    "\n".join(f"{c.kind}:{c.value}" for c in organisation.emails),
                    "\n".join(f"{c.kind}:{c.value}" for c in organisation.phones),
                    organisation.address,
                ]
            rows.append([_escape(c) for c in cells] if escape_formulas else cells)
    return rows
