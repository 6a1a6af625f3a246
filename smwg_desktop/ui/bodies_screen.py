"""The Bodies and roles screen: the Board, the thematic working groups, this working group.

For each body, who holds which seat, on behalf of which organisation, from when
to when. Seats held by people of member organisations (the grassroots
leadership the working group aims for) stand out in bold, and each body's line
says how many of its seats they hold today.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import BODY_KINDS, Body, Organisation, Person, Seat
from smwg_desktop.i18n import _, ngettext
from smwg_desktop.ui import labels
from smwg_desktop.ui.commands import RecordEdits
from smwg_desktop.ui.dialogs import EditDialog, confirm_delete, seat_dialog, show_refusal
from smwg_desktop.ui.directory_screen import RecordTable, fit_columns, heading
from smwg_desktop.ui.forms import (
    ChoiceEditor,
    LineEditor,
    NotesEditor,
    hint_label,
)
from smwg_desktop.ui.models import ID_ROLE, Line, LinesModel
from smwg_desktop.ui.record_forms import RecordForm, end_seat_today
from smwg_desktop.ui.widgets import SideBySide, chain_tab_order

MEMBER = "member"


class BodyForm(RecordForm):
    """A body's own fields: name, acronym, kind, notes."""

    def __init__(self, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(edits, Body, parent)
        self.title.hide()
        self.empty.setText(_("Choose a body in the list."))
        rows = self.section(_("Body"))
        rows.add(LineEditor("name"), _("&Name"))
        rows.add(LineEditor("acronym"), _("A&cronym"))
        rows.add(ChoiceEditor("body_kind", [(k, labels.body_kind(k)) for k in BODY_KINDS]), _("&Kind"))
        rows.add(NotesEditor("notes"), _("N&otes"))
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.finish()


def new_body_dialog(edits: RecordEdits, parent: QWidget | None = None) -> tuple[EditDialog, list[str]]:
    dialog = EditDialog(_("New body"), parent)
    created: list[str] = []
    dialog.rows.add(LineEditor("name"), _("&Name"))
    dialog.rows.add(LineEditor("acronym"), _("&Acronym"))
    kind = dialog.rows.add(
        ChoiceEditor("body_kind", [(k, labels.body_kind(k)) for k in BODY_KINDS]), _("&Kind")
    )
    kind.set_value("thematic_working_group")
    dialog.finish_layout()

    def submit() -> None:
        values = {n: dialog.value(n) for n in ("name", "acronym", "body_kind")}
        created.append(edits.create(Body, values, _("Add “{name}”").format(name=str(values["name"]).strip())))

    dialog.submit = submit
    return dialog, created


class BodiesScreen(QWidget):
    """Bodies on the left; the seats of the one chosen on the right.

    Offers the window ``changed``, ``refresh``, ``new_record`` (a body) and
    ``delete_selected`` (the seat chosen, or else the body); ``open_requested``
    asks to show a person.
    """

    changed = Signal()
    open_requested = Signal(str, str)

    def __init__(
        self,
        directory: Directory,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.undo_stack = undo_stack
        self.edits = RecordEdits(directory, undo_stack, self)
        self._settings = settings
        self._body_id: str | None = None
        self.today = date.today

        self.bodies_model = LinesModel([_("Body"), _("Seats today"), _("For members")], self)
        self.bodies_view = RecordTable(_("Bodies"))
        self.bodies_view.setModel(self.bodies_model)
        fit_columns(self.bodies_view, 0)
        self.new_body_button = QPushButton(_("New &body…"))

        self.title = heading("")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = hint_label(
            _("Seats in bold are held by people of member organisations: the grassroots "
              "leadership the working group works for.")
        )
        self.show_ended = QCheckBox(_("Show &ended seats"))
        self.seats_model = LinesModel(
            [_("Person"), _("Role"), _("On behalf of"), _("Membership"), _("From"), _("To")], self
        )
        self.seats_view = RecordTable(_("Seats"))
        self.seats_view.setModel(self.seats_model)
        fit_columns(self.seats_view, 2)
        self.add_seat_button = QPushButton(_("&Add a seat…"))
        self.change_seat_button = QPushButton(_("&Change seat…"))
        self.end_seat_button = QPushButton(_("End seat &today"))
        self.form = BodyForm(self.edits)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.bodies_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_body_button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        right = QWidget()
        detail = QVBoxLayout(right)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.title)
        detail.addWidget(self.summary)
        detail.addWidget(self.legend)
        detail.addWidget(self.show_ended)
        detail.addWidget(self.seats_view, 1)
        row = QHBoxLayout()
        for button in (self.add_seat_button, self.change_seat_button, self.end_seat_button):
            row.addWidget(button)
        row.addStretch(1)
        detail.addLayout(row)
        detail.addWidget(self.form)

        self.splitter = SideBySide(left, right, (2, 3), settings, "bodies_screen/splitter")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.bodies_view.selectionModel().currentRowChanged.connect(self._body_changed)
        self.bodies_view.delete_requested.connect(self.delete_body)
        self.bodies_view.open_requested.connect(lambda: self.seats_view.setFocus())
        self.seats_view.delete_requested.connect(self.delete_seat)
        self.seats_view.open_requested.connect(self._open_person)
        self.new_body_button.clicked.connect(self.new_record)
        self.add_seat_button.clicked.connect(self.add_seat)
        self.change_seat_button.clicked.connect(self.change_seat)
        self.end_seat_button.clicked.connect(self.end_seat)
        self.show_ended.toggled.connect(lambda _on: self._show_seats())
        self.edits.applied.connect(self._after_edit)
        self.edits.refused.connect(lambda text: show_refusal(self, UserError(text)))
        chain_tab_order([
            self.bodies_view, self.new_body_button, self.show_ended, self.seats_view,
            self.add_seat_button, self.change_seat_button, self.end_seat_button,
        ])
        self.refresh()

    @property
    def body_id(self) -> str | None:
        """The body whose seats are shown."""
        return self._body_id

    def show_body(self, body_id: str) -> None:
        row = self.bodies_model.row_of(body_id)
        if row is not None:
            self.bodies_view.selectRow(row)

    # The window's protocol

    def refresh(self) -> None:
        chosen = self.body_id or self._first_body()
        bodies = self.directory.list(Body)
        seats = self.directory.list(Seat)
        orgs = {o.id: o for o in self.directory.list(Organisation, where={"id": sorted({s.organisation_id for s in seats} - {""})})}
        today = self.today()
        lines = []
        for body in bodies:
            held = [s for s in seats if s.body_id == body.id and s.holds_on(today)]
            grassroots = [s for s in held if self._member_org(orgs, s) is not None]
            lines.append(Line(
                body.id,
                (body.name, str(len(held)), str(len(grassroots))),
                tooltip=_("{kind}. {held} seats held today, {members} of them for member "
                          "organisations.").format(
                    kind=labels.body_kind(body.body_kind), held=len(held), members=len(grassroots)
                ),
            ))
        selection = self.bodies_view.selectionModel()
        selection.blockSignals(True)
        self.bodies_model.set_lines(lines)
        row = self.bodies_model.row_of(chosen) if chosen else None
        if row is not None:
            self.bodies_view.selectRow(row)
        self._body_id = chosen if row is not None else None
        selection.blockSignals(False)
        self._show_seats()

    def _first_body(self) -> str | None:
        first = self.directory.list(Body, limit=1)
        return first[0].id if first else None

    def new_record(self) -> None:
        dialog, created = new_body_dialog(self.edits)
        dialog.setParent(self.window(), Qt.WindowType.Dialog)
        dialog.exec()
        if created:
            self.show_body(created[0])

    def delete_selected(self) -> None:
        if self.seats_view.hasFocus() and self.seats_view.selected_id():
            self.delete_seat()
        else:
            self.delete_body()

    def save_layout(self) -> None:
        self.splitter.remember()

    # Seats

    @staticmethod
    def _member_org(orgs: dict[str, Organisation], seat: Seat) -> Organisation | None:
        org = orgs.get(seat.organisation_id)
        return org if org is not None and org.status == MEMBER else None

    def _body_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._body_id = str(current.data(ID_ROLE)) if current.isValid() else None
        self._show_seats()

    def _show_seats(self) -> None:
        body = self.directory.find(Body, self.body_id) if self.body_id else None
        self.form.load(body.id if body else None)
        for button in (self.add_seat_button, self.change_seat_button, self.end_seat_button):
            button.setEnabled(body is not None)
        if body is None:
            self.title.setText("")
            self.summary.setText("")
            self.seats_model.set_lines([])
            return
        self.title.setText(f"{body.name} ({body.acronym})" if body.acronym else body.name)
        today = self.today()
        seats = self.directory.seats(body_id=body.id)
        shown = seats if self.show_ended.isChecked() else [s for s in seats if s.holds_on(today) or (s.start and s.start > today)]
        people = {p.id: p for p in self.directory.list(Person, where={"id": sorted({s.person_id for s in seats})})}
        orgs = {o.id: o for o in self.directory.list(Organisation, where={"id": sorted({s.organisation_id for s in seats} - {""})})}
        rank = {r: n for n, r in enumerate(("chair", "co_chair", "focal_point", "board_member", "member", "observer"))}

        def order(seat: Seat) -> tuple[Any, ...]:
            person = people.get(seat.person_id)
            return (
                not seat.holds_on(today),
                rank.get(seat.role, 99),
                labels.sort_text(person.name if person else ""),
            )

        lines = []
        for seat in sorted(shown, key=order):
            person = people.get(seat.person_id)
            org = orgs.get(seat.organisation_id)
            member = org is not None and org.status == MEMBER
            ended = not seat.holds_on(today)
            lines.append(Line(
                seat.id,
                (
                    person.name if person else "",
                    labels.seat_role(seat.role),
                    org.name if org else "",
                    labels.status(org.status) if org else "",
                    labels.day(seat.start),
                    labels.day(seat.end),
                ),
                tooltip=_("Ended") if ended else (_("Held for a member organisation") if member else ""),
                strong=member and not ended,
                warn=bool(person and person.at_risk),
                extra={"person_id": seat.person_id},
            ))
        self.seats_model.set_lines(lines)
        self.summary.setText(self._summary([s for s in seats if s.holds_on(today)], orgs))

    def _summary(self, held: list[Seat], orgs: dict[str, Organisation]) -> str:
        if not held:
            return _("Nobody holds a seat in this body today.")
        grassroots = [s for s in held if self._member_org(orgs, s) is not None]
        women = [s for s in held if s.organisation_id in orgs and orgs[s.organisation_id].women_led]
        regions = Counter(
            labels.region(orgs[s.organisation_id].region or "")
            for s in grassroots
            if orgs[s.organisation_id].region
        )
        text = ngettext(
            "{held} seat held today; {members} for member organisations",
            "{held} seats held today; {members} for member organisations",
            len(held),
        ).format(held=len(held), members=len(grassroots))
        text += "; " + ngettext(
            "{n} for a women-led organisation", "{n} for women-led organisations", len(women)
        ).format(n=len(women))
        if regions:
            text += ". " + _("Members' seats by region: {regions}").format(
                regions=", ".join(f"{name} {n}" for name, n in sorted(regions.items()))
            )
        return text + "."

    def _selected_seat(self) -> Seat | None:
        seat_id = self.seats_view.selected_id()
        return self.directory.find(Seat, seat_id) if seat_id else None

    def add_seat(self) -> None:
        if self.body_id:
            dialog = seat_dialog(self.edits, body_id=self.body_id)
            dialog.setParent(self.window(), Qt.WindowType.Dialog)
            dialog.exec()

    def change_seat(self) -> None:
        seat = self._selected_seat()
        if seat is not None:
            dialog = seat_dialog(self.edits, seat=seat)
            dialog.setParent(self.window(), Qt.WindowType.Dialog)
            dialog.exec()

    def end_seat(self) -> None:
        seat = self._selected_seat()
        if seat is not None:
            end_seat_today(self.edits, seat, self)

    def delete_seat(self) -> None:
        seat = self._selected_seat()
        if seat is None:
            return
        person = self.directory.find(Person, seat.person_id)
        body = self.directory.find(Body, seat.body_id)
        name = _("{person}'s seat in {body}").format(
            person=person.name if person else "", body=body.name if body else ""
        )
        if confirm_delete(self.window(), name, []):
            try:
                self.edits.delete(Seat, seat.id, _("Delete {seat}").format(seat=name))
            except UserError as error:
                show_refusal(self, error)

    def delete_body(self) -> None:
        body = self.directory.find(Body, self.body_id) if self.body_id else None
        if body is None:
            return
        if confirm_delete(self.window(), body.name, self.directory.dependents(Body, body.id)):
            try:
                self.edits.delete(Body, body.id, _("Delete “{name}”").format(name=body.name))
            except UserError as error:
                show_refusal(self, error)

    def _open_person(self) -> None:
        row = self.seats_view.currentIndex().row()
        if row >= 0:
            self.open_requested.emit(Person.kind, str(self.seats_model.line(row).extra["person_id"]))

    def _after_edit(self, _kind: str, _record_id: str) -> None:
        # Hidden (an undo from another screen), the window refreshes it when shown.
        if self.isVisible():
            self.refresh()
        self.changed.emit()
