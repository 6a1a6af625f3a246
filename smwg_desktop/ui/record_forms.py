"""The form of an organisation or a person, beside the table of its screen.

Built when the first record is opened (``DirectoryScreen.form``): a start shows the
table without the thirty field editors, nor the modules behind them (the field
editors of ``ui.forms``, the dialogs a form opens).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.errors import UserError, ValidationError
from smwg_desktop.core.model import (
    CONSTITUENCIES,
    MEMBERSHIP_STATUSES,
    ORGANISATION_CONSENT_FIELDS,
    OUTREACH_STAGES,
    PERSON_CONSENT_FIELDS,
    Affiliation,
    Body,
    Organisation,
    Person,
    Record,
    Seat,
)
from smwg_desktop.i18n import _
from smwg_desktop.ui import labels
from smwg_desktop.ui.commands import RecordEdits
from smwg_desktop.ui.dialogs import (
    affiliation_dialog,
    confirm_delete,
    country_completer,
    seat_dialog,
    show_refusal,
)
from smwg_desktop.ui.directory_screen import RecordTable, empty_note, heading, link_table
from smwg_desktop.ui.forms import (
    CheckEditor,
    ChecksEditor,
    ChoiceEditor,
    FieldEditor,
    FieldRows,
    LineEditor,
    NotesEditor,
    contacts_text,
    list_text,
)
from smwg_desktop.ui.models import Line, LinesModel, at_risk_icon
from smwg_desktop.ui.widgets import ErrorLabel, FlowLayout, chain_tab_order


class AtRiskBanner(QFrame):
    """A band across the top of a form: this record is never printed nor exported."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("atRiskBanner")
        # Dark text on a pale red: readable on light and dark themes alike.
        self.setStyleSheet(
            "#atRiskBanner { background: #fdecea; border: 1px solid #c62828; border-radius: 3px; }"
            "#atRiskBanner QLabel { color: #7f0000; background: transparent; }"
        )
        layout = QHBoxLayout(self)
        icon = QLabel()
        size = self.fontMetrics().height()
        icon.setPixmap(at_risk_icon().pixmap(size, size))
        self.text = QLabel()
        self.text.setWordWrap(True)
        font = QFont(self.text.font())
        font.setBold(True)
        self.text.setFont(font)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.setAccessibleName(_("At risk"))
        self.hide()

    def show_for(self, record: Record | None) -> None:
        at_risk = bool(getattr(record, "at_risk", False))
        if at_risk:
            self.text.setText(
                _(
                    "At risk. Never printed in a directory nor exported in plain text, "
                    "unless someone overrides it for one document."
                )
            )
        self.setVisible(at_risk)


class RecordForm(QWidget):
    """The form of one organisation or person; each field commits as it is left.

    ``open_requested`` asks the window to show another record (a person named in
    an organisation's list, say).
    """

    open_requested = Signal(str, str)

    def __init__(
        self, edits: RecordEdits, record_class: type[Record], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.edits = edits
        self.directory = edits.directory
        self.record_class = record_class
        self.record: Any = None
        self._rows: list[FieldRows] = []
        self._blocks: list[FieldRows | list[QWidget]] = []
        """Sections and link tables in the order they appear, for the tab chain."""

        self.layout_ = QVBoxLayout(self)
        self.title = heading("")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.banner = AtRiskBanner()
        self.empty = empty_note()
        self.layout_.addWidget(self.empty)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addWidget(self.title)
        self.body_layout.addWidget(self.subtitle)
        self.body_layout.addWidget(self.banner)
        self.layout_.addWidget(self.body)
        self.layout_.addStretch(1)
        self.general_error = ErrorLabel()
        self.body_layout.addWidget(self.general_error)

    # Building

    def section(self, title: str) -> FieldRows:
        group = QGroupBox(title)
        form = QFormLayout(group)
        rows = FieldRows(form, self)
        self._rows.append(rows)
        self._blocks.append(rows)
        self.body_layout.addWidget(group)
        return rows

    def add_safety(self) -> FieldRows:
        """The at-risk switch, framed in red with what it means, and the listing switch."""
        frame = QFrame()
        frame.setObjectName("safety")
        frame.setStyleSheet("#safety { border: 2px solid #c62828; border-radius: 4px; }")
        column = QVBoxLayout(frame)
        form = QFormLayout()
        column.addLayout(form)
        rows = FieldRows(form, self)
        self._rows.append(rows)
        self._blocks.append(rows)
        at_risk = CheckEditor("at_risk", _("At &risk"))
        font = QFont(at_risk.box.font())
        font.setBold(True)
        at_risk.box.setFont(font)
        at_risk.box.setIcon(at_risk_icon())
        rows.add(
            at_risk,
            _("At risk"),
            hint=_(
                "Never printed in a directory nor exported in plain text, unless someone "
                "deliberately overrides it for one document."
            ),
        )
        rows.add(
            CheckEditor("listed", _("&Listed in printed directories")),
            _("Listed in printed directories"),
        )
        self.body_layout.addWidget(frame)
        return rows

    def add_consent(self, choices: Sequence[str]) -> None:
        rows = self.section(_("What may be printed beside the name"))
        rows.add(
            ChecksEditor("consent", [(c, labels.consent(c)) for c in choices]),
            _("Consent"),
            hint=_("Only what is ticked appears in printed directories."),
        )

    def add_local_note(self, rows: FieldRows) -> None:
        rows.add(
            NotesEditor("local_note"),
            _("Note on this &device"),
            hint=_("Kept on this computer only: it is never sent to other devices."),
        )

    def add_links(
        self,
        title: str,
        name: str,
        headers: Sequence[str],
        buttons: Sequence[QPushButton],
        *,
        stretch: int = 0,
    ) -> tuple[RecordTable, LinesModel]:
        group = QGroupBox(title)
        column = QVBoxLayout(group)
        view, model = link_table(name, headers, stretch)
        column.addWidget(view)
        row = QWidget()
        flow = FlowLayout(row)
        flow.setContentsMargins(0, 0, 0, 0)
        for button in buttons:
            flow.add(button)
        column.addWidget(row)
        self.body_layout.addWidget(group)
        self._blocks.append([view, *buttons])
        return view, model

    def finish(self) -> None:
        """Connect the fields and chain the tab order down the form."""
        chain: list[QWidget] = []
        for rows in self._rows:
            for editor in rows.editors.values():
                editor.finished.connect(self.commit)
        for block in self._blocks:
            chain.extend(block.tab_widgets() if isinstance(block, FieldRows) else block)
        chain_tab_order(chain)
        self.load(None)

    def editor(self, name: str) -> FieldEditor | None:
        for rows in self._rows:
            if name in rows.editors:
                return rows.editors[name]
        return None

    def first_field(self) -> QWidget | None:
        editor = self.editor("name")
        return editor.focus_widget() if editor else None

    def show_error(self, name: str, text: str) -> bool:
        return any(rows.show_error(name, text) for rows in self._rows)

    def error_text(self, name: str) -> str:
        for rows in self._rows:
            if name in rows.errors and rows.has_error(name):
                return rows.errors[name].text()
        return ""

    # Showing

    @property
    def record_id(self) -> str | None:
        return self.record.id if self.record is not None else None

    def load(self, record_id: str | None) -> None:
        """Show a record (None: nothing); fields waiting with a refused value keep it."""
        same = record_id is not None and record_id == self.record_id
        record = self.directory.find(self.record_class, record_id) if record_id else None
        self.record = record
        if not same:
            for rows in self._rows:
                rows.clear_errors()
            self.general_error.show_reason("")
        self.empty.setVisible(record is None)
        self.body.setVisible(record is not None)
        if record is None:
            return
        values = record.values()
        values["local_note"] = self.directory.local_note(self.record_class, record.id)
        for rows in self._rows:
            for name, editor in rows.editors.items():
                if same and rows.has_error(name):
                    continue
                editor.widget.blockSignals(True)
                try:
                    editor.set_value(values.get(name))
                finally:
                    editor.widget.blockSignals(False)
        self.title.setText(str(getattr(record, "name", "")))
        self.banner.show_for(record)
        self.show_details(record)

    def reload(self) -> None:
        self.load(self.record_id)

    def show_details(self, record: Any) -> None:
        """The parts beyond the fields: subtitle, links (subclasses)."""

    # Committing

    def commit(self, name: str) -> None:
        """Hand one field's new value to the core; a refusal shows beside the field."""
        editor = self.editor(name)
        if editor is None or self.record is None:
            return
        record = self.record
        for rows in self._rows:
            rows.clear_error(name)
        self.general_error.show_reason("")
        text = _("Edit “{name}”: {field}").format(
            name=getattr(record, "name", ""), field=labels.field_label(name)
        )
        try:
            if name == "local_note":
                self.edits.set_local_note(self.record_class, record.id, str(editor.raw()), text)
            else:
                self.edits.update(self.record_class, record.id, {name: editor.raw()}, text)
        except ValidationError as error:
            if not self.show_error(error.field, labels.reason(error)):
                self.show_error(name, labels.user_message(error))
        except UserError as error:
            self.show_error(name, labels.reason(error))

    def run_dialog(self, dialog: QWidget) -> None:
        dialog.setParent(self.window(), Qt.WindowType.Dialog)
        dialog.exec()  # type: ignore[attr-defined]


def _contact_field(name: str, default_kind: str, example: str) -> LineEditor:
    return LineEditor(name, contacts_text(default_kind), placeholder=example)


def _country_field() -> LineEditor:
    editor = LineEditor("country", labels.country, placeholder=_("for example: Peru or PE"))
    editor.line.setCompleter(country_completer(editor.line))
    return editor


def _languages_field() -> LineEditor:
    return LineEditor("languages", list_text, placeholder=_("codes, for example: es, qu, en"))


def _dates(start: Any, end: Any) -> tuple[str, str]:
    return labels.day(start), labels.day(end)


class OrganisationForm(RecordForm):
    """An organisation: who it is, its membership, contacts, consent, and its people."""

    def __init__(self, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(edits, Organisation, parent)
        self.add_safety()
        details = self.section(_("Organisation"))
        details.add(LineEditor("name"), _("&Name"))
        details.add(LineEditor("acronym"), _("&Acronym"))
        details.add(_country_field(), _("&Country"))
        details.add(
            ChecksEditor(
                "constituencies",
                [(c, labels.constituency(c)) for c in CONSTITUENCIES],
                others=_("Other constituencies, separated by commas"),
            ),
            _("Constituencies"),
        )
        details.add(CheckEditor("women_led", _("&Women-led")), _("Women-led"))
        details.add(CheckEditor("women_section", _("Has a women's &section")), _("Women's section"))
        details.add(_languages_field(), _("Lan&guages"))
        membership = self.section(_("Membership"))
        membership.add(
            ChoiceEditor("status", [(s, labels.status(s)) for s in MEMBERSHIP_STATUSES]),
            _("&Status"),
        )
        membership.add(
            LineEditor("status_since", labels.day, placeholder=_("YYYY-MM-DD")), _("Status si&nce")
        )
        membership.add(
            LineEditor("member_since", labels.day, placeholder=_("YYYY-MM-DD")), _("Member since")
        )
        membership.add(
            ChoiceEditor(
                "outreach_stage", [(s, labels.outreach_stage(s)) for s in ("", *OUTREACH_STAGES)]
            ),
            _("&Outreach stage"),
        )
        contact = self.section(_("Contact"))
        contact.add(LineEditor("website", placeholder="https://…"), _("Web&site"))
        contact.add(
            _contact_field("emails", "work", _("info@example.org, other:press@example.org")),
            _("&E-mail addresses"),
        )
        contact.add(
            _contact_field("phones", "work", _("+51 1 555 0100, mobile:+51 955 500 100")),
            _("&Phone numbers"),
        )
        contact.add(NotesEditor("address"), _("A&ddress"))
        self.add_consent(ORGANISATION_CONSENT_FIELDS)
        self.add_person_button = QPushButton(_("Add a &person…"))
        self.change_link_button = QPushButton(_("Change place…"))
        self.remove_link_button = QPushButton(_("Remove from organisation"))
        self.people_view, self.people = self.add_links(
            _("People"),
            _("People of this organisation"),
            [_("Name"), _("Role"), _("From"), _("To")],
            [self.add_person_button, self.change_link_button, self.remove_link_button],
        )
        notes = self.section(_("Notes"))
        notes.add(NotesEditor("notes"), _("N&otes"))
        self.add_local_note(notes)
        self.add_person_button.clicked.connect(self.add_person)
        self.change_link_button.clicked.connect(self.change_link)
        self.remove_link_button.clicked.connect(self.remove_link)
        self.people_view.open_requested.connect(self._open_person)
        self.people_view.delete_requested.connect(self.remove_link)
        self.finish()

    def show_details(self, record: Any) -> None:
        organisation: Organisation = record
        parts = [labels.status(organisation.status), labels.country(organisation.country)]
        if organisation.region:
            parts.append(labels.region(organisation.region))
        if organisation.women_led:
            parts.append(_("women-led"))
        self.subtitle.setText(" · ".join(p for p in parts if p))
        links = self.directory.affiliations(organisation_id=organisation.id)
        people = {
            p.id: p
            for p in self.directory.list(Person, where={"id": sorted({a.person_id for a in links})})
        }
        lines = []
        for link in sorted(
            links,
            key=lambda a: (
                a.end is not None,
                labels.sort_text(people[a.person_id].name if a.person_id in people else ""),
            ),
        ):
            person = people.get(link.person_id)
            if person is None:
                continue
            lines.append(
                Line(
                    link.id,
                    (person.name, link.role, *_dates(link.start, link.end)),
                    tooltip=_("At risk") if person.at_risk else "",
                    warn=person.at_risk,
                    extra={"person_id": person.id},
                )
            )
        self.people.set_lines(lines)

    def add_person(self) -> None:
        if self.record is not None:
            self.run_dialog(affiliation_dialog(self.edits, organisation_id=self.record.id))

    def _selected_link(self) -> Affiliation | None:
        link_id = self.people_view.selected_id()
        return self.directory.find(Affiliation, link_id) if link_id else None

    def change_link(self) -> None:
        link = self._selected_link()
        if link is not None:
            self.run_dialog(affiliation_dialog(self.edits, affiliation=link))

    def remove_link(self) -> None:
        link = self._selected_link()
        if link is None or self.record is None:
            return
        remove_affiliation(self.edits, link, self)

    def _open_person(self) -> None:
        row = self.people_view.currentIndex().row()
        if row >= 0:
            self.open_requested.emit(Person.kind, str(self.people.line(row).extra["person_id"]))


class PersonForm(RecordForm):
    """A person: contacts, consent and at-risk, their organisations and their seats in bodies."""

    def __init__(self, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(edits, Person, parent)
        self.add_safety()
        details = self.section(_("Person"))
        details.add(LineEditor("name"), _("&Name"))
        details.add(_country_field(), _("&Country"))
        details.add(_languages_field(), _("Lan&guages"))
        details.add(LineEditor("interpretation"), _("&Interpretation needs"))
        contact = self.section(_("Contact"))
        contact.add(
            _contact_field("emails", "work", _("ana@example.org, home:ana@example.net")),
            _("&E-mail addresses"),
        )
        contact.add(
            _contact_field("phones", "work", _("+51 1 555 0100, mobile:+51 955 500 100")),
            _("&Phone numbers"),
        )
        contact.add(
            _contact_field("handles", "other", _("signal:+51955500100, telegram:@ana")),
            _("&Messaging"),
        )
        self.add_consent(PERSON_CONSENT_FIELDS)
        self.add_link_button = QPushButton(_("Add to an &organisation…"))
        self.change_link_button = QPushButton(_("Change place…"))
        self.remove_link_button = QPushButton(_("Remove from organisation"))
        self.links_view, self.links = self.add_links(
            _("Organisations"),
            _("Organisations of this person"),
            [_("Organisation"), _("Role"), _("From"), _("To")],
            [self.add_link_button, self.change_link_button, self.remove_link_button],
        )
        self.add_seat_button = QPushButton(_("Add a &seat…"))
        self.end_seat_button = QPushButton(_("End seat today"))
        self.seats_view, self.seats = self.add_links(
            _("Bodies and roles"),
            _("Seats of this person"),
            [_("Body"), _("Role"), _("On behalf of"), _("From"), _("To")],
            [self.add_seat_button, self.end_seat_button],
            stretch=2,
        )
        notes = self.section(_("Notes"))
        notes.add(NotesEditor("notes"), _("N&otes"))
        self.add_local_note(notes)
        self.add_link_button.clicked.connect(self.add_link)
        self.change_link_button.clicked.connect(self.change_link)
        self.remove_link_button.clicked.connect(self.remove_link)
        self.links_view.open_requested.connect(self._open_organisation)
        self.links_view.delete_requested.connect(self.remove_link)
        self.add_seat_button.clicked.connect(self.add_seat)
        self.end_seat_button.clicked.connect(self.end_seat)
        self.finish()

    def show_details(self, record: Any) -> None:
        person: Person = record
        links = self.directory.affiliations(person_id=person.id)
        seats = self.directory.seats(person_id=person.id)
        org_ids = sorted(
            {a.organisation_id for a in links} | {s.organisation_id for s in seats} - {""}
        )
        orgs = {o.id: o for o in self.directory.list(Organisation, where={"id": org_ids})}
        bodies = {b.id: b for b in self.directory.list(Body)}
        current = [
            orgs[a.organisation_id].name
            for a in links
            if a.end is None and a.organisation_id in orgs
        ]
        self.subtitle.setText(" · ".join([*current, labels.country(person.country)][:4]))
        self.links.set_lines(
            [
                Line(
                    a.id,
                    (orgs[a.organisation_id].name, a.role, *_dates(a.start, a.end)),
                    extra={"organisation_id": a.organisation_id},
                    strong=orgs[a.organisation_id].status == "member",
                )
                for a in links
                if a.organisation_id in orgs
            ]
        )
        def short(record: Body | Organisation | None) -> str:
            return (record.acronym or record.name) if record is not None else ""

        self.seats.set_lines([
            Line(
                s.id,
                (
                    short(bodies.get(s.body_id)),
                    labels.seat_role(s.role),
                    short(orgs.get(s.organisation_id)),
                    *_dates(s.start, s.end),
                ),
                tooltip=" — ".join(
                    r.name for r in (bodies.get(s.body_id), orgs.get(s.organisation_id)) if r
                ),
            )
            for s in seats
        ])

    def _selected(self, view: RecordTable, cls: type[Any]) -> Any:
        record_id = view.selected_id()
        return self.directory.find(cls, record_id) if record_id else None

    def add_link(self) -> None:
        if self.record is not None:
            self.run_dialog(affiliation_dialog(self.edits, person_id=self.record.id))

    def change_link(self) -> None:
        link = self._selected(self.links_view, Affiliation)
        if link is not None:
            self.run_dialog(affiliation_dialog(self.edits, affiliation=link))

    def remove_link(self) -> None:
        link = self._selected(self.links_view, Affiliation)
        if link is None or self.record is None:
            return
        remove_affiliation(self.edits, link, self)

    def add_seat(self) -> None:
        if self.record is not None:
            self.run_dialog(seat_dialog(self.edits, person_id=self.record.id))

    def end_seat(self) -> None:
        seat = self._selected(self.seats_view, Seat)
        if seat is not None:
            end_seat_today(self.edits, seat, self)

    def _open_organisation(self) -> None:
        row = self.links_view.currentIndex().row()
        if row >= 0:
            self.open_requested.emit(
                Organisation.kind, str(self.links.line(row).extra["organisation_id"])
            )


def remove_affiliation(edits: RecordEdits, link: Affiliation, parent: QWidget) -> None:
    """Take a person out of an organisation, once asked: one undoable edit."""
    person = edits.directory.find(Person, link.person_id)
    org = edits.directory.find(Organisation, link.organisation_id)
    names = {"person": person.name if person else "", "organisation": org.name if org else ""}
    place = _("{person}'s place in {organisation}").format(**names)
    if not confirm_delete(parent.window(), place, []):
        return
    try:
        edits.delete(Affiliation, link.id, _("Remove {person} from {organisation}").format(**names))
    except UserError as error:
        show_refusal(parent, error)


def end_seat_today(edits: RecordEdits, seat: Seat, parent: QWidget) -> None:
    """End a seat as of today: one undoable edit (a seat already ended stays as it is)."""
    if seat.end is not None and seat.end <= date.today():
        show_refusal(parent, UserError(_("This seat has already ended.")))
        return
    person = edits.directory.find(Person, seat.person_id)
    body = edits.directory.find(Body, seat.body_id)
    text = _("End {person}'s seat in {body}").format(
        person=person.name if person else "", body=(body.acronym or body.name) if body else ""
    )
    try:
        edits.update(Seat, seat.id, {"end": date.today()}, text)
    except UserError as error:
        show_refusal(parent, error)
