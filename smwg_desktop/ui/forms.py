"""Form fields that commit as they are left, with the core's reason beside each one.

A ``FieldEditor`` wraps one widget for one record field: it shows the field's
value, gives back what the person entered (text the core cleans, or a typed
value) and says when an edit is finished (focus leaves the field, Enter, a
click). A ``FieldRows`` places editors in a ``QFormLayout``, ties each label to
its field (mnemonic, accessible name) and puts an ``ErrorLabel`` under each field.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.fields import Contact
from smwg_desktop.ui.widgets import ErrorLabel, FlowLayout

Committed = Callable[[str], None]


class FieldEditor(QObject):
    """One field's widget: ``value`` shows, ``raw`` reads back, ``finished`` says "commit"."""

    finished = Signal(str)
    """The field's name, when the person has finished an edit of it."""

    def __init__(self, name: str, widget: QWidget) -> None:
        super().__init__(widget)
        self.name = name
        self.widget = widget

    @abc.abstractmethod
    def set_value(self, value: Any) -> None:
        """Show ``value`` in the widget."""

    @abc.abstractmethod
    def raw(self) -> Any:
        """What the widget holds now, as the core's field takes it."""

    def focus_widget(self) -> QWidget:
        return self.widget

    def set_enabled(self, enabled: bool) -> None:
        self.widget.setEnabled(enabled)

    def _finish(self, *_args: object) -> None:
        self.finished.emit(self.name)


class LineEditor(FieldEditor):
    """A one-line field; ``to_text`` writes the value as the core reads it back."""

    def __init__(
        self,
        name: str,
        to_text: Callable[[Any], str] = str,
        *,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        self.line = QLineEdit(parent)
        super().__init__(name, self.line)
        self._to_text = to_text
        self._shown = ""
        if placeholder:
            self.line.setPlaceholderText(placeholder)
        self.line.editingFinished.connect(self._edited)

    def set_value(self, value: Any) -> None:
        self._shown = self._to_text(value)
        self.line.setText(self._shown)
        self.line.setCursorPosition(0)

    def raw(self) -> Any:
        return self.line.text()

    def _edited(self) -> None:
        # editingFinished also comes when focus merely passes through the field.
        if self.line.text() != self._shown:
            self._finish()


class NotesEditor(FieldEditor):
    """Several lines of text, committed when focus leaves them."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        self.text = QPlainTextEdit(parent)
        super().__init__(name, self.text)
        self._shown = ""
        self.text.setTabChangesFocus(True)
        lines = 4
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * lines)
        self.text.setSizeAdjustPolicy(QPlainTextEdit.SizeAdjustPolicy.AdjustToContents)
        self.text.installEventFilter(self)

    def set_value(self, value: Any) -> None:
        self._shown = str(value or "")
        self.text.setPlainText(self._shown)

    def raw(self) -> Any:
        return self.text.toPlainText()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.text.toPlainText() != self._shown:
            self._finish()
        return False


class CheckEditor(FieldEditor):
    """A yes-or-no field, committed on each click."""

    def __init__(self, name: str, text: str, parent: QWidget | None = None) -> None:
        self.box = QCheckBox(text, parent)
        super().__init__(name, self.box)
        self.box.clicked.connect(self._finish)

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def raw(self) -> Any:
        return self.box.isChecked()


class ChoiceEditor(FieldEditor):
    """One of a fixed set of values, shown by their labels."""

    def __init__(
        self, name: str, choices: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        self.combo = QComboBox(parent)
        super().__init__(name, self.combo)
        for value, text in choices:
            self.combo.addItem(text, value)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(self._finish)

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0:
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def raw(self) -> Any:
        return self.combo.currentData()


class ChecksEditor(FieldEditor):
    """Several choices of one list field (consent, constituencies) as checkboxes.

    With ``others`` a line takes values beyond the choices, written as the core
    reads a list ("pastoralists, street vendors").
    """

    def __init__(
        self,
        name: str,
        choices: Sequence[tuple[str, str]],
        *,
        others: str = "",
        parent: QWidget | None = None,
    ) -> None:
        self.panel = QWidget(parent)
        super().__init__(name, self.panel)
        column = QVBoxLayout(self.panel)
        column.setContentsMargins(0, 0, 0, 0)
        # A flowing row, not a grid: long labels (and their translations) wrap to fit.
        boxes = QWidget(self.panel)
        flow = FlowLayout(boxes)
        flow.setContentsMargins(0, 0, 0, 0)
        column.addWidget(boxes)
        self.boxes: dict[str, QCheckBox] = {}
        for value, text in choices:
            box = QCheckBox(text, boxes)
            box.clicked.connect(self._finish)
            flow.add(box)
            self.boxes[value] = box
        self.others: QLineEdit | None = None
        self._others_shown = ""
        if others:
            self.others = QLineEdit(self.panel)
            self.others.setPlaceholderText(others)
            self.others.setAccessibleName(others)
            self.others.editingFinished.connect(self._others_edited)
            column.addWidget(self.others)

    def set_value(self, value: Any) -> None:
        chosen = list(value or ())
        for key, box in self.boxes.items():
            box.setChecked(key in chosen)
        if self.others is not None:
            self._others_shown = ", ".join(v for v in chosen if v not in self.boxes)
            self.others.setText(self._others_shown)

    def raw(self) -> Any:
        chosen: list[Any] = [key for key, box in self.boxes.items() if box.isChecked()]
        if self.others is not None and self.others.text().strip():
            chosen.append(self.others.text())
        return chosen

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()), self.panel)

    def widgets(self) -> list[QWidget]:
        found: list[QWidget] = list(self.boxes.values())
        if self.others is not None:
            found.append(self.others)
        return found

    def _others_edited(self) -> None:
        assert self.others is not None
        if self.others.text() != self._others_shown:
            self._finish()


def contacts_text(default_kind: str) -> Callable[[Any], str]:
    """Contacts as the core reads them back: bare values of the default kind, others prefixed."""

    def write(value: Any) -> str:
        items: Iterable[Contact] = value or ()
        return ", ".join(
            c.value if c.kind == default_kind else f"{c.kind}:{c.value}" for c in items
        )

    return write


def list_text(value: Any) -> str:
    return ", ".join(str(v) for v in value or ())


class FieldRows(QObject):
    """Fields in a ``QFormLayout``: a label tied to each, and the core's reason under each."""

    def __init__(self, layout: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layout = layout
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.labels: dict[str, QLabel] = {}
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

    def add(self, editor: FieldEditor, text: str, *, hint: str = "") -> FieldEditor:
        """A row for ``editor`` labelled ``text`` (with a mnemonic '&' if wanted)."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(editor.widget)
        if hint:
            note = hint_label(hint)
            column.addWidget(note)
        error = ErrorLabel()
        column.addWidget(error)
        plain = text.replace("&", "")
        if isinstance(editor, CheckEditor):
            label = QLabel()
            editor.widget.setAccessibleName(plain)
        else:
            label = QLabel(text)
            label.setBuddy(editor.focus_widget())
            editor.focus_widget().setAccessibleName(plain)
        self.layout.addRow(label, cell)
        self.editors[editor.name] = editor
        self.errors[editor.name] = error
        self.labels[editor.name] = label
        return editor

    def show_error(self, name: str, text: str) -> bool:
        """Show the reason under a field; False when this form has no such field."""
        error = self.errors.get(name)
        if error is None:
            return False
        error.show_reason(text)
        self.editors[name].focus_widget().setAccessibleDescription(text)
        return True

    def clear_error(self, name: str) -> None:
        if name in self.errors:
            self.errors[name].show_reason("")
            self.editors[name].focus_widget().setAccessibleDescription("")

    def clear_errors(self) -> None:
        for name in self.errors:
            self.clear_error(name)

    def has_error(self, name: str) -> bool:
        return name in self.errors and not self.errors[name].isHidden()

    def tab_widgets(self) -> list[QWidget]:
        """The fields' widgets in the order they appear, for the tab chain."""
        found: list[QWidget] = []
        for editor in self.editors.values():
            if isinstance(editor, ChecksEditor):
                found.extend(editor.widgets())
            else:
                found.append(editor.focus_widget())
        return found


def hint_label(text: str) -> QLabel:
    """A line that explains a field, a little smaller than the field but as readable."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label
