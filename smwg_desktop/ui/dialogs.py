"""Dialogs of the directory screens: add a record or a link, confirm a delete.

Each dialog builds the values and hands them to the core through an undoable
command when OK is pressed. A refusal keeps the dialog open with the core's
reason under the field it names; nothing is written until the core accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError, ValidationError
from smwg_desktop.core.model import SEAT_ROLES, Affiliation, Body, Organisation, Person, Seat
from smwg_desktop.i18n import _, ngettext
from smwg_desktop.storage.erasure import ErasureReport
from smwg_desktop.ui import labels
from smwg_desktop.ui.commands import RecordEdits
from smwg_desktop.ui.forms import ChoiceEditor, FieldEditor, FieldRows, LineEditor
from smwg_desktop.ui.widgets import ErrorLabel, RecordPicker, chain_tab_order


def country_completer(parent: QWidget) -> QCompleter:
    """Completion of country names, as a country field (``parent``) takes them.

    The names are listed when the field first takes the focus, before anything
    can be typed in it: naming some 250 countries in the session's language takes
    a tenth of a second at the first start after an install (later starts read the
    names kept in the user cache), which a form would otherwise spend when it is built.
    """
    model = QStringListModel(parent)
    completer = QCompleter(model, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    parent.installEventFilter(_CountriesOnFocus(model, parent))
    return completer


class _CountriesOnFocus(QObject):
    """Fills a completer's list of countries when its field first takes the focus."""

    def __init__(self, model: QStringListModel, field: QWidget) -> None:
        super().__init__(field)
        self._model = model

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            watched.removeEventFilter(self)
            self._model.setStringList(labels.countries())
        return False


class PickerEditor(FieldEditor):
    """A reference field: choose a record by typing part of its name."""

    def __init__(
        self, name: str, directory: Directory, record_class: type, parent: QWidget | None = None
    ) -> None:
        self.picker = RecordPicker(directory, record_class, parent)
        super().__init__(name, self.picker)
        self.picker.chosen.connect(self._finish)

    def set_value(self, value: object) -> None:
        self.picker.set_record(str(value or ""))

    def raw(self) -> str:
        return self.picker.resolve()


class EditDialog(QDialog):
    """A form in a dialog: OK hands the values to ``submit``, which may refuse.

    ``submit`` raises the core's ``UserError``; its reason then shows under the
    field it names (or under the form) and the dialog stays open.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.rows = FieldRows(self.form, self)
        self.general_error = ErrorLabel()
        layout.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.submit: Callable[[], None] = lambda: None

    def finish_layout(self) -> None:
        widgets = self.rows.tab_widgets()
        chain_tab_order([*widgets, *self.buttons.buttons()])
        if widgets:
            widgets[0].setFocus()

    def value(self, name: str) -> object:
        return self.rows.editors[name].raw()

    def accept(self) -> None:
        self.rows.clear_errors()
        self.general_error.show_reason("")
        try:
            self.submit()
        except ValidationError as error:
            if not self.rows.show_error(error.field, labels.reason(error)):
                self.general_error.show_reason(labels.user_message(error))
            return
        except UserError as error:
            self.general_error.show_reason(labels.reason(error))
            return
        super().accept()


def _date_editor(name: str) -> LineEditor:
    return LineEditor(name, labels.day, placeholder=_("YYYY-MM-DD"))


def new_organisation_dialog(
    edits: RecordEdits, parent: QWidget | None = None
) -> tuple[EditDialog, list[str]]:
    """The dialog that adds an organisation; the list receives the new id on OK."""
    dialog = EditDialog(_("New organisation"), parent)
    created: list[str] = []
    rows = dialog.rows
    rows.add(LineEditor("name"), _("&Name"))
    rows.add(LineEditor("acronym"), _("&Acronym"))
    country = rows.add(LineEditor("country", labels.country), _("&Country"))
    assert isinstance(country, LineEditor)
    country.line.setCompleter(country_completer(country.line))
    dialog.finish_layout()

    def submit() -> None:
        values = {name: dialog.value(name) for name in ("name", "acronym", "country")}
        created.append(
            edits.create(
                Organisation, values, _("Add “{name}”").format(name=str(values["name"]).strip())
            )
        )

    dialog.submit = submit
    return dialog, created


def new_person_dialog(
    edits: RecordEdits, parent: QWidget | None = None, *, organisation_id: str = ""
) -> tuple[EditDialog, list[str]]:
    """The dialog that adds a person, and their place in an organisation if one is chosen."""
    dialog = EditDialog(_("New person"), parent)
    created: list[str] = []
    rows = dialog.rows
    rows.add(LineEditor("name"), _("&Name"))
    country = rows.add(LineEditor("country", labels.country), _("&Country"))
    assert isinstance(country, LineEditor)
    country.line.setCompleter(country_completer(country.line))
    organisation = rows.add(
        PickerEditor("organisation_id", edits.directory, Organisation), _("&Organisation")
    )
    organisation.set_value(organisation_id)
    rows.add(LineEditor("role", placeholder=_("for example: coordinator")), _("&Role there"))
    dialog.finish_layout()

    def submit() -> None:
        picker = organisation.widget
        assert isinstance(picker, RecordPicker)
        org_id = str(dialog.value("organisation_id"))
        if picker.text().strip() and not org_id:
            raise ValidationError("organisation_id", _("choose an organisation from the list"))
        name = str(dialog.value("name")).strip()
        created.append(
            edits.add_person(
                {"name": dialog.value("name"), "country": dialog.value("country")},
                org_id,
                str(dialog.value("role")),
                _("Add “{name}”").format(name=name),
            )
        )

    dialog.submit = submit
    return dialog, created


def affiliation_dialog(
    edits: RecordEdits,
    *,
    person_id: str = "",
    organisation_id: str = "",
    affiliation: Affiliation | None = None,
    parent: QWidget | None = None,
) -> EditDialog:
    """Add (or change) a person's place in an organisation; one side is given, one is chosen."""
    editing = affiliation is not None
    dialog = EditDialog(
        _("Place in an organisation") if editing else _("Add to an organisation"), parent
    )
    rows = dialog.rows
    if affiliation is not None:
        person_id, organisation_id = affiliation.person_id, affiliation.organisation_id
    choose_person = not person_id
    if choose_person:
        rows.add(PickerEditor("person_id", edits.directory, Person), _("&Person"))
    else:
        rows.add(PickerEditor("organisation_id", edits.directory, Organisation), _("&Organisation"))
        rows.editors["organisation_id"].set_value(organisation_id)
        rows.editors["organisation_id"].set_enabled(not editing)
    rows.add(LineEditor("role", placeholder=_("for example: coordinator")), _("&Role"))
    rows.add(_date_editor("start"), _("&From"))
    rows.add(_date_editor("end"), _("&To"), hint=_("Leave empty while the person is still there."))
    if affiliation is not None:
        for name in ("role", "start", "end"):
            rows.editors[name].set_value(getattr(affiliation, name))
    dialog.finish_layout()

    def submit() -> None:
        values: dict[str, object] = {n: dialog.value(n) for n in ("role", "start", "end")}
        if choose_person:
            values["person_id"] = dialog.value("person_id")
            values["organisation_id"] = organisation_id
            if not values["person_id"]:
                raise ValidationError("person_id", _("choose a person from the list"))
        else:
            values["person_id"] = person_id
            values["organisation_id"] = dialog.value("organisation_id")
            if not values["organisation_id"]:
                raise ValidationError("organisation_id", _("choose an organisation from the list"))
        person = edits.directory.get(Person, str(values["person_id"]))
        organisation = edits.directory.get(Organisation, str(values["organisation_id"]))
        names = {"person": person.name, "organisation": organisation.acronym or organisation.name}
        if affiliation is None:
            edits.create(Affiliation, values, _("Add {person} to {organisation}").format(**names))
        else:
            changes = {n: values[n] for n in ("role", "start", "end")}
            edits.update(
                Affiliation,
                affiliation.id,
                changes,
                _("Change {person}'s place in {organisation}").format(**names),
            )

    dialog.submit = submit
    return dialog


def seat_dialog(
    edits: RecordEdits,
    *,
    body_id: str = "",
    person_id: str = "",
    seat: Seat | None = None,
    parent: QWidget | None = None,
) -> EditDialog:
    """Give a person a seat in a body (or change one): role, on behalf of which organisation, when."""
    directory = edits.directory
    dialog = EditDialog(_("Seat in a body") if seat else _("Add a seat"), parent)
    rows = dialog.rows
    bodies = directory.list(Body)
    if seat is not None:
        body_id, person_id = seat.body_id, seat.person_id
    rows.add(ChoiceEditor("body_id", [(b.id, b.name) for b in bodies]), _("&Body"))
    rows.editors["body_id"].set_value(body_id or (bodies[0].id if bodies else ""))
    person = rows.add(PickerEditor("person_id", directory, Person), _("&Person"))
    person.set_value(person_id)
    rows.add(ChoiceEditor("role", [(r, labels.seat_role(r)) for r in SEAT_ROLES]), _("&Role"))
    organisation = rows.add(ChoiceEditor("organisation_id", []), _("On behalf of"))
    assert isinstance(organisation, ChoiceEditor)
    rows.add(_date_editor("start"), _("&From"))
    rows.add(_date_editor("end"), _("&To"), hint=_("Leave empty while the seat is held."))

    def offer_organisations(chosen: str = "") -> None:
        combo: QComboBox = organisation.combo
        combo.clear()
        combo.addItem(_("No organisation"), "")
        who = rows.editors["person_id"].widget
        assert isinstance(who, RecordPicker)
        if who.record_id:
            links = directory.affiliations(person_id=who.record_id)
            org_ids = list(dict.fromkeys(a.organisation_id for a in links))
            for org in directory.list(Organisation, where={"id": org_ids}):
                combo.addItem(org.name, org.id)
        organisation.set_value(chosen or (combo.itemData(1) if combo.count() > 1 else ""))

    person.finished.connect(lambda _name: offer_organisations())
    if seat is not None:
        offer_organisations(seat.organisation_id)
        for name in ("role", "start", "end"):
            rows.editors[name].set_value(getattr(seat, name))
        rows.editors["body_id"].set_enabled(False)
        rows.editors["person_id"].set_enabled(False)
    else:
        offer_organisations()
        rows.editors["start"].set_value(date.today())
    dialog.finish_layout()

    def submit() -> None:
        values = {
            n: dialog.value(n)
            for n in ("body_id", "person_id", "role", "organisation_id", "start", "end")
        }
        if not values["person_id"]:
            raise ValidationError("person_id", _("choose a person from the list"))
        who = directory.get(Person, str(values["person_id"]))
        body = directory.get(Body, str(values["body_id"]))
        names = {"person": who.name, "body": body.acronym or body.name}
        if seat is None:
            edits.create(Seat, values, _("Give {person} a seat in {body}").format(**names))
        else:
            changes = {n: values[n] for n in ("role", "organisation_id", "start", "end")}
            edits.update(
                Seat, seat.id, changes, _("Change {person}'s seat in {body}").format(**names)
            )

    dialog.submit = submit
    return dialog


_DEPENDENT_WORDS: dict[str, tuple[str, str]] = {
    "affiliation": ("{n} place in an organisation", "{n} places in organisations"),
    "seat": ("{n} seat in a body", "{n} seats in bodies"),
    "participant": ("{n} place on an activity's list", "{n} places on activities' lists"),
    "review": ("{n} review of a proposal", "{n} reviews of proposals"),
    "agenda_item": ("{n} agenda item", "{n} agenda items"),
}


def describe_dependents(dependents: Sequence[tuple[str, str]]) -> str:
    """What goes with a record, in words ("2 places in organisations, 1 seat in a body")."""
    counts: dict[str, int] = {}
    for kind, _id in dependents:
        counts[kind] = counts.get(kind, 0) + 1
    parts = []
    for kind, n in counts.items():
        one, many = _DEPENDENT_WORDS.get(kind, ("{n} linked record", "{n} linked records"))
        parts.append(ngettext(one, many, n).format(n=n))
    return ", ".join(parts)


def confirm_delete(
    parent: QWidget | None, name: str, dependents: Sequence[tuple[str, str]]
) -> bool:
    """Ask before deleting ``name``, saying what goes with it; True to go ahead."""
    text = _("Delete “{name}”?").format(name=name)
    going = describe_dependents(dependents)
    if going:
        text += "\n\n" + _("This also deletes: {what}.").format(what=going)
    text += "\n\n" + _("You can undo this with Edit ▸ Undo.")
    return ask(parent, _("Delete"), text)


def confirm_erase(parent: QWidget | None, name: str) -> bool:
    """Ask before erasing ``name``, naming everything that goes and that it is final."""
    text = _("Erase “{name}” for good?").format(name=name) + "\n\n" + _(
        "This removes every trace of it from this computer: the record, its roles and "
        "participations, its values in the change history, any conflicts that hold them, and "
        "its copies in the automatic backups. Every other device of the network erases it "
        "when it next syncs. Only its identifier is kept, so that nothing brings it back."
    ) + "\n\n" + _("This cannot be undone. To hide a record for a while, delete it instead.")
    return ask(parent, _("Erase for good"), text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """The app's yes-or-no question, for every caller: the safe answer, No, is the default
    (Enter and Escape give it); True for Yes."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def describe_erasure(report: ErasureReport) -> str:
    """What an erasure did, in a sentence, backups included."""
    text = _("Erased from this computer.")
    if report.backups_rewritten:
        text += " " + ngettext(
            "{n} automatic backup was rewritten without it.",
            "{n} automatic backups were rewritten without it.",
            len(report.backups_rewritten),
        ).format(n=len(report.backups_rewritten))
    if report.backups_removed:
        text += " " + ngettext(
            "{n} automatic backup that held it was removed.",
            "{n} automatic backups that held it were removed.",
            len(report.backups_removed),
        ).format(n=len(report.backups_removed))
    return text


def show_refusal(parent: QWidget | None, error: UserError) -> None:
    """A refusal that has no field to sit beside."""
    QMessageBox.warning(parent, _("Not done"), labels.user_message(error))
