"""Small widgets the screens share: a flowing row, an error line, a record picker, a list read on demand."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QModelIndex,
    QPoint,
    QRect,
    QSettings,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QWidget,
    QWidgetItem,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Record
from smwg_desktop.i18n import _
from smwg_desktop.ui import labels

if TYPE_CHECKING:
    # Event classes only as annotations: PySide makes QEvent's enums when one is first imported.
    from PySide6.QtGui import QFocusEvent, QWheelEvent

# Long enough to wait out a burst of typing, short enough to feel immediate.
TYPING_DELAY_MS = 150
PICKER_CHOICES = 20


class ChoicesOnDemand(QComboBox):
    """A list whose first entry stays ("All") and whose others are read when a person reaches it.

    ``read`` gives the other entries as (text, value). They are read when the list
    first takes the focus, opens, or turns under the mouse wheel, or when
    ``ensure_loaded`` is called: a screen shows its rows without reading them
    (the countries in use are a query over every record, and naming them loads
    babel's and pycountry's data at the first start after an install), and a list
    no one opens is never read. ``reload`` reads a list again if it was read,
    keeping the entry chosen when it is still there.
    """

    def __init__(
        self, read: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._read = read
        self._loaded = False

    @property
    def loaded(self) -> bool:
        return self._loaded

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self._loaded = True
            self._fill(self._read())

    def reload(self) -> None:
        if self._loaded:
            self._fill(self._read())

    def _fill(self, items: list[tuple[str, str]]) -> None:
        if [(self.itemText(i), self.itemData(i)) for i in range(1, self.count())] == items:
            return
        current = self.currentData()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for text, value in items:
            self.addItem(text, value)
        self.setCurrentIndex(max(self.findData(current), 0))
        self.blockSignals(False)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.ensure_loaded()
        super().focusInEvent(event)

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.ensure_loaded()
        super().wheelEvent(event)


class FlowLayout(QLayout):
    """Lays widgets out in a row that wraps onto the next line when it runs out of room.

    The filter bar uses it: it fits a narrow window, 150% scaling and French labels.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _spacing(self, orientation: Qt.Orientation) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        if parent is None:
            return 6
        from PySide6.QtWidgets import QStyle  # see models.at_risk_icon

        metric = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if orientation == Qt.Orientation.Horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        value = parent.style().pixelMetric(metric, None, parent)
        return (
            value
            if value >= 0
            else parent.style().layoutSpacing(
                QSizePolicy.ControlType.ComboBox, QSizePolicy.ControlType.ComboBox, orientation
            )
        )

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        across = self._spacing(Qt.Orientation.Horizontal)
        down = self._spacing(Qt.Orientation.Vertical)
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x, y = area.x(), y + line_height + down
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + across
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class ErrorLabel(QLabel):
    """The core's reason for refusing a field, shown under the field; hidden when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.palette()
        # A red that reads on light and dark themes alike.
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.red)
        self.setPalette(palette)
        self.hide()

    def show_reason(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))


class RecordPicker(QLineEdit):
    """A field to choose one organisation or person by typing part of the name.

    The choices come from the core's full-text search as one types, so it works
    as well over 100,000 people as over ten. ``record_id`` is the chosen record,
    or "" while what is typed matches no choice.
    """

    chosen = Signal(str)

    def __init__(
        self, directory: Directory, record_class: type[Record], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._class = record_class
        self._record_id = ""
        self._choices: list[tuple[str, str]] = []
        self._choice_model = QStringListModel(self)
        self._completer = QCompleter(self._choice_model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        # The index, not the text: two people may share a name.
        self._completer.activated[QModelIndex].connect(self._choose_index)  # type: ignore[index]
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(_("Type part of the name"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.look_up)
        self.textEdited.connect(self._typed)

    @property
    def record_id(self) -> str:
        return self._record_id

    def set_record(self, record_id: str) -> None:
        """Show an existing choice (or none, for "")."""
        self._record_id = record_id
        record = self._directory.find(self._class, record_id) if record_id else None
        self.setText(self._describe(record) if record is not None else "")

    def choices(self) -> list[tuple[str, str]]:
        """What the list offers now: (id, text) pairs."""
        return list(self._choices)

    def look_up(self) -> None:
        """Offer the records that match what is typed now."""
        self._timer.stop()
        hits = self._directory.search(self.text(), limit=PICKER_CHOICES, kinds=(self._class.kind,))
        self._choices = []
        for hit in hits:
            record = self._directory.find(self._class, hit.id)
            if record is not None:
                self._choices.append((hit.id, self._describe(record)))
        self._choice_model.setStringList([text for _id, text in self._choices])
        if self._choices and self.hasFocus():
            self._completer.complete()

    def choose(self, record_id: str) -> None:
        self.set_record(record_id)
        self.chosen.emit(record_id)

    def resolve(self) -> str:
        """The chosen id; when none was chosen but exactly one record matches, that one."""
        if not self._record_id and self.text().strip():
            self.look_up()
            if len(self._choices) == 1:
                self.choose(self._choices[0][0])
        return self._record_id

    def _typed(self, _text: str) -> None:
        self._record_id = ""
        self._timer.start()

    def _choose_index(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._choices):
            self.choose(self._choices[index.row()][0])

    def _describe(self, record: Record) -> str:
        name = str(getattr(record, "name", record.id))
        acronym = getattr(record, "acronym", "")
        where = labels.country(getattr(record, "country", ""))
        text = f"{name} ({acronym})" if acronym else name
        return f"{text} — {where}" if where else text


class SideBySide(QSplitter):
    """A list beside its detail, in proportions, with the divider where the person left it."""

    def __init__(
        self,
        left: QWidget,
        right: QWidget,
        proportions: tuple[int, int],
        settings: QSettings | None = None,
        key: str = "",
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.addWidget(left)
        self.addWidget(right)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, proportions[0])
        self.setStretchFactor(1, proportions[1])
        # Proportions, not pixels: Qt scales them to the width the window has.
        self.setSizes([proportions[0] * 1000, proportions[1] * 1000])
        self._settings = settings
        self._key = key
        state = settings.value(key) if settings is not None and key else None
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def remember(self) -> None:
        """Keep the divider's place for next time (screens call it from ``save_layout``)."""
        if self._settings is not None and self._key:
            self._settings.setValue(self._key, self.saveState())


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab goes through ``widgets`` in the order given (the order of the form)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def plain(text: str) -> str:
    """A label without its mnemonic marker."""
    return text.replace("&", "")


def tie(label: QLabel, widget: QWidget) -> None:
    """Tie a label to its field: the mnemonic focuses it and screen readers name it."""
    label.setBuddy(widget)
    widget.setAccessibleName(plain(label.text()))
