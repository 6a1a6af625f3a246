"""The Outreach board: prospects as cards in a column per stage, moved by drag and drop or
by keys, with the priority figures above (more groups from Africa, from Europe, led by
women) and the membership if every applicant joined.

Each column is a list model over ``core.outreach.pipeline``; a card dropped on another
column, or moved with Ctrl+Right and Ctrl+Left, is one undoable move through the same
core call as ``smwg outreach move``. A step back is asked about before it is recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError, ValidationError
from smwg_desktop.core.figures import PRIORITIES, meets_priority
from smwg_desktop.core.geo import Region
from smwg_desktop.core.model import OUTREACH_STAGES, Organisation, OutreachMove, Person
from smwg_desktop.core.outreach import (
    STAGE_RANK,
    OutreachSummary,
    PipelineFilter,
    Prospect,
    moves,
    outreach_summary,
    pipeline,
    stage_of,
)
from smwg_desktop.core.text import fold
from smwg_desktop.i18n import PIPELINE_GROUP_LABELS, _, label
from smwg_desktop.ui import dialogs, labels
from smwg_desktop.ui.commands import RecordEdits
from smwg_desktop.ui.dialogs import EditDialog, PickerEditor, show_refusal
from smwg_desktop.ui.directory_screen import RecordTable, fit_columns, fit_rows
from smwg_desktop.ui.forms import ChoiceEditor, LineEditor, NotesEditor, hint_label
from smwg_desktop.ui.governance_commands import MoveProspectCommand
from smwg_desktop.ui.models import ID_ROLE, Line, LinesModel
from smwg_desktop.ui.widgets import chain_tab_order

MIME_TYPE = "application/x-smwg-organisation-ids"
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
PRIORITY_ROLE = Qt.ItemDataRole.UserRole + 2
PRIORITY_COLOUR = "#D55E00"
"""The stripe of a card that meets an outreach priority (Okabe and Ito's vermilion)."""


class StageModel(QAbstractListModel):
    """The prospects at one stage. Cards leave as their organisation's id; a card dropped
    here asks (``dropped``) to move its organisation to this stage."""

    dropped = Signal(str, str)
    """Organisation id, stage."""

    def __init__(self, stage: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.prospects: list[Prospect] = []

    def set_prospects(self, prospects: Sequence[Prospect]) -> None:
        self.beginResetModel()
        self.prospects = list(prospects)
        self.endResetModel()

    def row_of(self, organisation_id: str) -> int | None:
        for row, prospect in enumerate(self.prospects):
            if prospect.organisation.id == organisation_id:
                return row
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.prospects)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.prospects):
            return None
        prospect = self.prospects[index.row()]
        organisation = prospect.organisation
        if role == Qt.ItemDataRole.DisplayRole:
            return organisation.name
        if role == ID_ROLE:
            return organisation.id
        if role == DETAIL_ROLE:
            return card_detail(prospect)
        if role == PRIORITY_ROLE:
            return any(meets_priority(organisation, key) for key in PRIORITIES)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{organisation.name}\n{card_detail(prospect)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{organisation.name}. {card_detail(prospect)}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [str(i.data(ID_ROLE)) for i in indexes if i.isValid()]
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray("\n".join(ids).encode("ascii")))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return data.hasFormat(MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not data.hasFormat(MIME_TYPE):
            return False
        ids = bytes(data.data(MIME_TYPE).data()).decode("ascii").split()
        arriving = [i for i in ids if self.row_of(i) is None]
        for organisation_id in arriving:
            self.dropped.emit(organisation_id, self.stage)
        # The screen reads the board again from the core: nothing is inserted here.
        return False


def card_detail(prospect: Prospect) -> str:
    """The second line of a card: country, women-led, since when at this stage."""
    organisation = prospect.organisation
    parts = [labels.country(organisation.country)]
    if organisation.women_led:
        parts.append(_("led by women"))
    if prospect.since:
        parts.append(_("since {day}").format(day=labels.day(prospect.since)))
    return " · ".join(p for p in parts if p)


class CardDelegate(QStyledItemDelegate):
    """A prospect drawn as a card: its name in bold, a line of detail, and a stripe in the
    priority colour when it is from Africa or Europe or led by women."""

    def _lines(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        small = QFont(option.font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.9)
        return bold, small

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        bold, small = self._lines(option)
        height = QFontMetrics(bold).height() + QFontMetrics(small).height()
        margin = QFontMetrics(option.font).height() // 2
        return QSize(QFontMetrics(option.font).averageCharWidth() * 16, height + 3 * margin)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        palette = option.palette
        margin = QFontMetrics(option.font).height() // 2
        card = option.rect.adjusted(2, 2, -2, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(
            QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        ))
        painter.drawRoundedRect(card, 4, 4)
        if index.data(PRIORITY_ROLE):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PRIORITY_COLOUR))
            painter.drawRect(QRect(card.left(), card.top() + 1, max(3, margin // 2), card.height() - 1))
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        bold, small = self._lines(option)
        inner = card.adjusted(margin, margin // 2, -margin // 2, -margin // 2)
        painter.setPen(text_colour)
        painter.setFont(bold)
        name = QFontMetrics(bold).elidedText(str(index.data()), Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), name)
        painter.setFont(small)
        detail = QFontMetrics(small).elidedText(
            str(index.data(DETAIL_ROLE) or ""), Qt.TextElideMode.ElideRight, inner.width()
        )
        below = inner.adjusted(0, QFontMetrics(bold).height(), 0, 0)
        painter.drawText(below, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), detail)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(palette.color(QPalette.ColorRole.Highlight).darker(150))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 4, 4)
        painter.restore()


class StageView(QListView):
    """One column of cards. Ctrl+Right and Ctrl+Left ask to move the card chosen a stage on
    or back; Enter asks to open its organisation."""

    step_requested = Signal(str, int)
    """Organisation id, +1 or -1."""
    open_requested = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setItemDelegate(CardDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setUniformItemSizes(True)
        self.setSpacing(2)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.doubleClicked.connect(self._open)

    def selected_id(self) -> str | None:
        index = self.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        chosen = self.selected_id()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if chosen and control and event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            self.step_requested.emit(chosen, 1 if event.key() == Qt.Key.Key_Right else -1)
            return
        if chosen and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(chosen)
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(str(index.data(ID_ROLE)))


class StageColumn(QWidget):
    """A stage's title with its count, over its column of cards."""

    def __init__(self, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.model = StageModel(stage, self)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.view = StageView(labels.outreach_stage(stage))
        self.view.setModel(self.model)
        self.title.setBuddy(self.view)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.view, 1)
        width = self.fontMetrics().averageCharWidth() * 20
        self.setMinimumWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_prospects(self, prospects: Sequence[Prospect]) -> None:
        self.model.set_prospects(prospects)
        self.title.setText(f"{labels.outreach_stage(self.stage)} ({len(prospects)})")

    def names(self) -> list[str]:
        return [p.organisation.name for p in self.model.prospects]


class FigureCard(QFrame):
    """One priority at a glance: prospects on their way and, for the three priorities, the
    share of members now and if every applicant joined."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(label(PIPELINE_GROUP_LABELS, key, _))
        self.title.setWordWrap(True)
        self.figure = QLabel()
        font = QFont(self.figure.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.6)
        self.figure.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.figure, self.detail):
            layout.addWidget(widget)
        layout.addStretch(1)
        # Never squeezed below its text by the board under it: wrapped lines stay whole.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        lines = self.fontMetrics().lineSpacing()
        return QSize(hint.width(), max(hint.height(), self.figure.sizeHint().height() + lines * 6))

    def show_figures(self, summary: OutreachSummary) -> None:
        group = summary.everyone if self.key == "all" else summary.group(self.key)
        self.figure.setText(_("{n} on their way").format(n=group.in_pipeline))
        lines = [_("{n} in conversation or applied").format(n=group.advanced)]
        if self.key in PRIORITIES:
            now = summary.composition.priority(self.key)
            then = summary.what_if.priority(self.key)
            lines.append(_("Members: {now} ({share}); {then} ({then_share}) if every applicant "
                           "joined").format(
                now=now.members, share=f"{now.share:.0%}", then=then.members,
                then_share=f"{then.share:.0%}",
            ))
        elif self.key == "all":
            lines.append(_("Members: {now}; {then} if every applicant joined").format(
                now=summary.composition.members, then=summary.what_if.members))
        self.detail.setText("\n".join(lines))
        self.setAccessibleName(f"{self.title.text()}: {self.figure.text()}. {' '.join(lines)}")


class OutreachScreen(QWidget):
    """The pipeline as a board, filtered by region, country, constituency and women-led.

    Offers the window ``changed``, ``refresh``, ``focus_search`` and ``open_requested``
    (an organisation, on the Organisations screen).
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
        today: Callable[[], date] = date.today,
        ask: Callable[[str, str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.edits = RecordEdits(directory, undo_stack, self)
        self.today = today
        self.ask = ask or partial(dialogs.ask, self)
        self.summary: OutreachSummary | None = None

        self.cards = [FigureCard(key) for key in ("all", "africa", "europe", "women_led", "africa_women_led")]
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find an organisation"))
        self.search.setAccessibleName(_("Find an organisation"))
        self.search.setClearButtonEnabled(True)
        self.region_box = QComboBox()
        self.region_box.setAccessibleName(_("Region"))
        self.region_box.addItem(_("Every region"), "")
        for region in Region:
            self.region_box.addItem(labels.region(region.value), region.value)
        self.country_box = QComboBox()
        self.country_box.setAccessibleName(_("Country"))
        self.constituency_box = QComboBox()
        self.constituency_box.setAccessibleName(_("Constituency"))
        self.women_check = QCheckBox(_("Only groups led by &women"))

        self.columns = [StageColumn(stage) for stage in OUTREACH_STAGES]
        self.back_button = QPushButton(_("◀ &Back a stage"))
        self.forward_button = QPushButton(_("&Forward a stage ▶"))
        self.move_button = QPushButton(_("&Move with a note…"))
        self.history_model = LinesModel([_("Date"), _("Stage"), _("By"), _("Note")], self)
        self.history_view = RecordTable(_("Moves of the organisation chosen"))
        self.history_view.setModel(self.history_model)
        fit_columns(self.history_view, 3)
        fit_rows(self.history_view, 4)
        self.history_title = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)

        figures = QHBoxLayout()
        for card in self.cards:
            figures.addWidget(card, 1)
        filters = QHBoxLayout()
        for widget in (self.search, self.region_box, self.country_box, self.constituency_box, self.women_check):
            filters.addWidget(widget)
        filters.addStretch(1)
        board = QWidget()
        board_row = QHBoxLayout(board)
        board_row.setContentsMargins(0, 0, 0, 0)
        for stage_column in self.columns:
            board_row.addWidget(stage_column, 1)
        board_scroll = QScrollArea()
        board_scroll.setWidgetResizable(True)
        board_scroll.setFrameShape(QFrame.Shape.NoFrame)
        board_scroll.setWidget(board)
        board_scroll.setMinimumHeight(self.fontMetrics().height() * 16)
        buttons = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.move_button):
            buttons.addWidget(button)
        buttons.addWidget(hint_label(_(
            "Drag a card to another column, or press Ctrl+Right and Ctrl+Left. Cards with an "
            "orange-red edge meet an outreach priority."
        )), 1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(figures)
        column.addLayout(filters)
        column.addWidget(board_scroll, 1)
        column.addLayout(buttons)
        column.addWidget(self.status)
        column.addWidget(self.history_title)
        column.addWidget(self.history_view)
        # On a small screen (or at 150% scaling) the page scrolls rather than squeezing the board.
        page = QScrollArea()
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)

        self.search.textChanged.connect(lambda _text: self._show_board())
        for box in (self.region_box, self.country_box, self.constituency_box):
            box.currentIndexChanged.connect(lambda _index: self.refresh())
        self.women_check.toggled.connect(lambda _on: self.refresh())
        for stage_column in self.columns:
            stage_column.model.dropped.connect(self.move_prospect)
            stage_column.view.step_requested.connect(self.step)
            stage_column.view.open_requested.connect(
                lambda org_id: self.open_requested.emit(Organisation.kind, org_id)
            )
            stage_column.view.selectionModel().currentChanged.connect(
                lambda current, _previous, c=stage_column: self._chosen(c, current)
            )
        self.back_button.clicked.connect(lambda: self._step_chosen(-1))
        self.forward_button.clicked.connect(lambda: self._step_chosen(1))
        self.move_button.clicked.connect(self.move_with_note)
        self.edits.applied.connect(self._after_edit)
        self.edits.refused.connect(lambda text: show_refusal(self, UserError(text)))
        chain_tab_order([
            self.search, self.region_box, self.country_box, self.constituency_box,
            self.women_check, *(c.view for c in self.columns), self.back_button,
            self.forward_button, self.move_button, self.history_view,
        ])
        self._chosen_id: str | None = None
        self._fill_choices()
        self.refresh()

    # The window's protocol

    def refresh(self) -> None:
        self.summary = outreach_summary(self.directory, self.filter())
        for card in self.cards:
            card.show_figures(self.summary)
        self._show_board()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # Filtering

    def filter(self) -> PipelineFilter:
        return PipelineFilter(
            region=str(self.region_box.currentData() or ""),
            country=str(self.country_box.currentData() or ""),
            constituency=str(self.constituency_box.currentData() or ""),
            women_led=self.women_check.isChecked(),
        )

    def _fill_choices(self) -> None:
        in_pipeline = pipeline(self.directory)
        countries = sorted({p.organisation.country for p in in_pipeline}, key=lambda c: fold(labels.country(c)))
        constituencies = sorted(
            {c for p in in_pipeline for c in p.organisation.constituencies},
            key=lambda c: fold(labels.constituency(c)),
        )
        for box, everything, items in (
            (self.country_box, _("Every country"), [(c, labels.country(c)) for c in countries]),
            (self.constituency_box, _("Every constituency"),
             [(c, labels.constituency(c)) for c in constituencies]),
        ):
            chosen = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, "")
            for value, text in items:
                box.addItem(text, value)
            index = box.findData(chosen)
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    # Showing

    def _show_board(self) -> None:
        wanted = fold(self.search.text().strip())
        prospects = [
            p for p in pipeline(self.directory, self.filter())
            if not wanted or wanted in fold(p.organisation.name)
        ]
        for stage_column in self.columns:
            stage_column.show_prospects([p for p in prospects if p.stage == stage_column.stage])
        self.choose(self._chosen_id)

    def column_of(self, organisation_id: str) -> StageColumn | None:
        return next((c for c in self.columns if c.model.row_of(organisation_id) is not None), None)

    def choose(self, organisation_id: str | None) -> None:
        """Select an organisation's card (wherever it now stands) and show its moves."""
        found = self.column_of(organisation_id) if organisation_id else None
        if found is not None and organisation_id is not None:
            row = found.model.row_of(organisation_id)
            assert row is not None
            found.view.setCurrentIndex(found.model.index(row))
        else:
            self._chosen_id = None
        self._show_history()

    def _chosen(self, column: StageColumn, current: QModelIndex) -> None:
        if current.isValid():
            self._chosen_id = str(current.data(ID_ROLE))
            for other in self.columns:
                if other is not column:
                    other.view.selectionModel().clearSelection()
        self._show_history()

    def _show_history(self) -> None:
        organisation = self.directory.find(Organisation, self._chosen_id) if self._chosen_id else None
        for button in (self.back_button, self.forward_button, self.move_button):
            button.setEnabled(organisation is not None)
        if organisation is None:
            self.history_title.setText(_("Choose a card to see how it came through the pipeline."))
            self.history_model.set_lines([])
            return
        self.history_title.setText(_("Moves of {name}").format(name=organisation.name))
        lines = []
        for step in reversed(moves(self.directory, organisation.id)):
            person = self.directory.find(Person, step.responsible_id) if step.responsible_id else None
            lines.append(Line(step.id, (
                labels.day(step.moved_on), labels.outreach_stage(step.stage),
                person.name if person else "", step.note,
            )))
        self.history_model.set_lines(lines)

    # Moving

    def step(self, organisation_id: str, direction: int) -> bool:
        """Move a card one stage on (+1) or back (-1), in the order of the columns."""
        organisation = self.directory.get(Organisation, organisation_id)
        current = stage_of(organisation)
        place = OUTREACH_STAGES.index(current) + direction if current else 0
        if not 0 <= place < len(OUTREACH_STAGES):
            return False
        return self.move_prospect(organisation_id, OUTREACH_STAGES[place])

    def _step_chosen(self, direction: int) -> None:
        if self._chosen_id:
            self.step(self._chosen_id, direction)

    def move_prospect(
        self, organisation_id: str, stage: str, *, note: str = "", responsible_id: str = "",
        on: date | None = None,
    ) -> bool:
        """Move a prospect to ``stage`` (dated today unless ``on``); a step back is asked
        about. False when not moved (declined, or refused: the reason is shown)."""
        try:
            return self._move(organisation_id, stage, note=note, responsible_id=responsible_id, on=on)
        except UserError as error:
            show_refusal(self, error)
            return False

    def _move(
        self, organisation_id: str, stage: str, *, note: str, responsible_id: str,
        on: date | None,
    ) -> bool:
        """The move itself; raises the core's ``UserError`` when it refuses."""
        organisation = self.directory.get(Organisation, organisation_id)
        current = stage_of(organisation)
        back = current == "joined" or (bool(current) and STAGE_RANK[stage] < STAGE_RANK[current])
        if back and not self.ask(
            _("A step back"),
            _("{name} is at “{now}”. Move it back to “{stage}”?").format(
                name=organisation.name, now=labels.outreach_stage(current),
                stage=labels.outreach_stage(stage),
            ),
        ):
            return False
        command = MoveProspectCommand(
            self.edits, organisation.id, stage,
            _("Move {name} to {stage}").format(name=organisation.name, stage=labels.outreach_stage(stage)),
            force=back, note=note, responsible_id=responsible_id, on=on or self.today(),
        )
        self.edits.push(command)
        self._chosen_id = organisation.id
        self.choose(organisation.id)
        moved = self.column_of(organisation.id)
        if moved is not None:
            moved.view.setFocus()
        return True

    def move_with_note(self) -> None:
        if self._chosen_id:
            dialog = self.move_dialog(self._chosen_id)
            dialog.setParent(self.window(), Qt.WindowType.Dialog)
            dialog.exec()

    def move_dialog(self, organisation_id: str) -> EditDialog:
        """A move with its stage, date, the person responsible and a note."""
        organisation = self.directory.get(Organisation, organisation_id)
        dialog = EditDialog(_("Move {name}").format(name=organisation.name), self)
        rows = dialog.rows
        rows.add(ChoiceEditor("stage", [(s, labels.outreach_stage(s)) for s in OUTREACH_STAGES]), _("&Stage"))
        current = stage_of(organisation)
        following = OUTREACH_STAGES.index(current) + 1 if current else 0
        rows.editors["stage"].set_value(OUTREACH_STAGES[min(following, len(OUTREACH_STAGES) - 1)])
        rows.add(LineEditor("moved_on", labels.day, placeholder=_("YYYY-MM-DD")), _("&Date"))
        rows.editors["moved_on"].set_value(self.today())
        rows.add(PickerEditor("responsible_id", self.directory, Person), _("&Person responsible"))
        rows.add(NotesEditor("note"), _("&Note"))
        dialog.finish_layout()

        def submit() -> None:
            try:
                day = OutreachMove.field_types()["moved_on"].clean(dialog.value("moved_on"), {})
            except ValueError as error:
                raise ValidationError("moved_on", str(error)) from None
            if not self._move(
                organisation.id, str(dialog.value("stage")), note=str(dialog.value("note")),
                responsible_id=str(dialog.value("responsible_id") or ""), on=day,
            ):
                raise UserError(_("Not moved: the step back was not confirmed."))

        dialog.submit = submit
        return dialog

    def _after_edit(self, _kind: str, _record_id: str) -> None:
        self._fill_choices()
        # Hidden (an undo from another screen), the window refreshes it when shown.
        if self.isVisible():
            self.refresh()
        self.changed.emit()
