"""The dashboard: the membership against the outreach priorities, who leads, what comes next.

Every number comes from ``core.figures``; this module only draws them. Each chart
has its numbers in a table beside it, for screen readers and for people who do not
read charts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.figures import (
    PRIORITIES,
    BodyLeadership,
    MembershipComposition,
    UpcomingActivity,
    grassroots_on_board,
    leadership,
    membership_composition,
    upcoming_activities,
)
from smwg_desktop.core.model import Activity, Body
from smwg_desktop.i18n import CONSTITUENCY_LABELS, N_, REGION_LABELS, _, label, ngettext
from smwg_desktop.ui.activity_models import (
    ID_ROLE,
    format_dates,
    format_day,
    format_times,
    kind_label,
    zone_label,
)

# Okabe and Ito's colours, told apart by people with any common colour blindness.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
BLUE = "#0072B2"
VERMILION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#999999"

PRIORITY_COLOUR = VERMILION
OTHER_COLOUR = BLUE

PRIORITY_TITLES: dict[str, str] = {
    "africa": N_("From Africa"),
    "europe": N_("From Europe"),
    "women_led": N_("Led by women"),
}

UPCOMING_LIMIT = 5


def percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


# Charts


@dataclass(frozen=True)
class Bar:
    """One bar: ``value`` long, with ``part`` of it drawn strong (None: all of it)."""

    label: str
    value: int
    part: int | None = None
    colour: str = OTHER_COLOUR
    """A colour name Qt knows ("#0072B2")."""
    emphasis: bool = False
    text: str = ""
    """What is written at the end of the bar (the value when empty)."""


class BarChart(QWidget):
    """Horizontal bars with their labels on the left and their values at their ends.

    Sized from the font, so it stays readable at any scaling and in longer languages.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        self.setAccessibleDescription(
            "; ".join(f"{b.label}: {b.text or b.value}" for b in self.bars)
        )
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 1.7)

    def _label_width(self) -> int:
        metrics = self._bold_metrics()
        widest = max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0)
        return min(widest, metrics.averageCharWidth() * 28)

    def _bold_metrics(self) -> QFontMetrics:
        font = QFont(self.font())
        font.setBold(True)
        return QFontMetrics(font)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 60, self._row_height() * max(1, len(self.bars)))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 36, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        gap = metrics.averageCharWidth()
        value_width = metrics.horizontalAdvance("000 of 000") + gap
        # Long labels (Spanish, French) are cut short rather than leave no room for the bars.
        label_width = min(self._label_width(), self.width() - value_width - gap * 11)
        bar_left = label_width + gap
        bar_room = max(1, self.width() - bar_left - value_width)
        largest = max((b.value for b in self.bars), default=0) or 1
        row_height = self._row_height()
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        for n, bar in enumerate(self.bars):
            top = n * row_height
            font = QFont(self.font())
            font.setBold(bar.emphasis)
            painter.setFont(font)
            painter.setPen(text_colour)
            label_rect = QRectF(0, top, label_width, row_height)
            elided = QFontMetrics(font).elidedText(
                bar.label, Qt.TextElideMode.ElideRight, label_width
            )
            painter.drawText(
                label_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), elided
            )
            bar_height = row_height * 0.62
            bar_top = top + (row_height - bar_height) / 2
            length = bar_room * bar.value / largest
            painter.setPen(Qt.PenStyle.NoPen)
            if bar.part is not None:
                faint = QColor(bar.colour)
                faint.setAlpha(70)
                painter.setBrush(faint)
                painter.drawRect(QRectF(bar_left, bar_top, length, bar_height))
                length = bar_room * bar.part / largest
            painter.setBrush(QColor(bar.colour))
            painter.drawRect(QRectF(bar_left, bar_top, length, bar_height))
            painter.setPen(text_colour)
            end = bar_left + bar_room * bar.value / largest + gap / 2
            painter.drawText(
                QRectF(end, top, value_width, row_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                bar.text or str(bar.value),
            )
        painter.end()


@dataclass(frozen=True)
class Slice:
    label: str
    value: int
    colour: str


class PieChart(QWidget):
    """A ring cut into parts of a whole, the total in its middle."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slices: list[Slice] = []
        self.centre_text = ""
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_slices(self, slices: Sequence[Slice], centre_text: str) -> None:
        self.slices = list(slices)
        self.centre_text = centre_text
        self.setAccessibleDescription("; ".join(f"{s.label}: {s.value}" for s in self.slices))
        self.update()

    def sizeHint(self) -> QSize:
        side = self.fontMetrics().height() * 10
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        side = self.fontMetrics().height() * 7
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 4
        ring = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        total = sum(s.value for s in self.slices)
        painter.setPen(Qt.PenStyle.NoPen)
        if total == 0:
            painter.setBrush(QColor(GREY).lighter(150))
            painter.drawEllipse(ring)
        angle = 90 * 16
        for piece in self.slices:
            span = round(-360 * 16 * piece.value / total) if total else 0
            painter.setBrush(QColor(piece.colour))
            painter.drawPie(ring, angle, span)
            angle += span
        hole = ring.adjusted(side * 0.22, side * 0.22, -side * 0.22, -side * 0.22)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Window))
        painter.drawEllipse(hole)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(hole, int(Qt.AlignmentFlag.AlignCenter), self.centre_text)
        painter.end()


# The numbers beside each chart


def _swatch(colour: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return pixmap


class NumbersTable(QTableView):
    """A small read-only table of the numbers a chart draws, tall enough to need no scrolling."""

    def __init__(self, name: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QStandardItemModel(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.setModel(self.table)
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        # Sized from the text in ``set_rows`` (see ``_column_width``).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        # Never narrower than its columns: the chart beside it gives way instead.
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        """As wide as its columns: the names and numbers are never cut."""
        width = sum(self._column_width(c) for c in range(self.table.columnCount()))
        return QSize(width + 2 * self.frameWidth(), self.height())

    def _column_width(self, column: int) -> int:
        """From the text itself, not the header's sections: those are sized only once shown."""
        header = self.horizontalHeader()
        bold = QFont(self.font())
        bold.setBold(True)
        padding = self.fontMetrics().horizontalAdvance("M") * 2
        widest = header.sectionSizeHint(column)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, column)
            if item is None:
                continue
            metrics = QFontMetrics(bold if item.font().bold() else self.font())
            icon = self.fontMetrics().height() if item.data(Qt.ItemDataRole.DecorationRole) else 0
            widest = max(widest, metrics.horizontalAdvance(item.text()) + icon + padding)
        return widest

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def set_rows(
        self,
        rows: Sequence[Sequence[Any]],
        *,
        colours: Sequence[str | None] = (),
        bold_rows: Sequence[int] = (),
        ids: Sequence[str] = (),
    ) -> None:
        """Show these rows; ``ids`` names the record each row stands for, if any."""
        self.table.setRowCount(0)
        size = self.fontMetrics().height() * 2 // 3
        for n, values in enumerate(rows):
            items = []
            for column, value in enumerate(values):
                item = QStandardItem(str(value))
                if column > 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if n in bold_rows:
                    font = QFont()
                    font.setBold(True)
                    item.setFont(font)
                items.append(item)
            colour = colours[n] if n < len(colours) else None
            if colour is not None:
                items[0].setData(_swatch(colour, size), Qt.ItemDataRole.DecorationRole)
            if n < len(ids):
                items[0].setData(ids[n], ID_ROLE)
            self.table.appendRow(items)
        self.resizeRowsToContents()
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.table.rowCount()))
        self.setFixedHeight(height)
        for column in range(self.table.columnCount()):
            self.horizontalHeader().resizeSection(column, self._column_width(column))
        self.updateGeometry()

    def cell(self, row: int, column: int) -> str:
        return str(self.table.item(row, column).text())

    def rows(self) -> list[list[str]]:
        return [
            [self.cell(r, c) for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]


def _panel(
    title: str,
    chart: QWidget,
    table: NumbersTable,
    note: QLabel | None = None,
    *,
    below: bool = False,
) -> QGroupBox:
    """A chart with its numbers beside it (or ``below`` it, for a wide table)."""
    box = QGroupBox(title)
    layout: QHBoxLayout | QVBoxLayout = QVBoxLayout(box) if below else QHBoxLayout(box)
    layout.addWidget(chart, 1, Qt.AlignmentFlag.AlignTop)
    side = QVBoxLayout()
    side.addWidget(table, 0, Qt.AlignmentFlag.AlignLeft)
    if note is not None:
        side.addWidget(note)
    side.addStretch(1)
    layout.addLayout(side, 0)
    return box


def _note() -> QLabel:
    note = QLabel()
    note.setWordWrap(True)
    note.setEnabled(False)
    return note


class PriorityCard(QFrame):
    """One outreach priority at a glance: how many members meet it, of how many."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel(_(PRIORITY_TITLES[key]))
        self.figure = QLabel()
        font = QFont(self.figure.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 2)
        self.figure.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.bar = BarChart(_(PRIORITY_TITLES[key]))
        for widget in (self.title, self.figure, self.detail, self.bar):
            layout.addWidget(widget)

    def show_figures(
        self, composition: MembershipComposition, what_if: MembershipComposition | None = None
    ) -> None:
        priority = composition.priority(self.key)
        self.figure.setText(
            _("{count} of {total}").format(count=priority.members, total=priority.total_members)
        )
        detail = _("{share} of members · {outreach} more in outreach").format(
            share=percent(priority.members, priority.total_members),
            outreach=priority.in_outreach,
        )
        if what_if is not None:
            then = what_if.priority(self.key)
            detail += "\n" + _("{count} of {total} if every applicant joined").format(
                count=then.members, total=then.total_members
            )
        self.detail.setText(detail)
        self.bar.set_bars(
            [
                Bar(
                    _("Members"),
                    priority.total_members,
                    priority.members,
                    PRIORITY_COLOUR,
                    text=percent(priority.members, priority.total_members),
                )
            ]
        )
        self.setAccessibleName(f"{self.title.text()}: {self.figure.text()}. {self.detail.text()}")


class DashboardScreen(QWidget):
    """The composition of the membership, leadership in the network's bodies, what comes next.

    Read-only: ``changed`` exists so that every screen offers the same signals, and
    is never emitted. Call ``refresh`` after the data changed elsewhere.

    The figures are counted when the screen is built, which the window does when
    it is first shown, and again on ``refresh``, which the window calls while it
    is shown or on its next showing: with 10,000 organisations they take most of
    a second, which the window would otherwise spend before its first rows show.
    """

    changed = Signal()
    open_requested = Signal(str, str)
    """A record to show on its own screen: kind ("activity", "body") and id."""

    def __init__(
        self,
        directory: Directory,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.today = today
        self.composition: MembershipComposition | None = None
        self.what_if: MembershipComposition | None = None
        self.grassroots_on_board = 0
        self.leadership: tuple[BodyLeadership, ...] = ()
        self.upcoming: tuple[UpcomingActivity, ...] = ()

        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        font = QFont(self.summary.font())
        font.setBold(True)
        self.summary.setFont(font)
        as_of_label = QLabel(_("&As of"))
        self.as_of = QDateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("d MMM yyyy")
        self.as_of.setAccessibleName(_("As of"))
        as_of_label.setBuddy(self.as_of)
        self.today_button = QPushButton(_("&Today"))
        top.addWidget(self.summary, 1)
        top.addWidget(as_of_label)
        top.addWidget(self.as_of)
        top.addWidget(self.today_button)

        self.cards = [PriorityCard(key) for key in PRIORITIES]
        cards = QHBoxLayout()
        for card in self.cards:
            cards.addWidget(card)

        self.region_chart = BarChart(_("Members by region"))
        self.region_table = NumbersTable(
            _("Members by region"), [_("Region"), _("Members"), _("Share")]
        )
        self.region_note = _note()
        self.women_chart = PieChart(_("Women's leadership"))
        self.women_table = NumbersTable(
            _("Women's leadership"), [_("Women's leadership"), _("Members"), _("Share")]
        )
        self.constituency_chart = BarChart(_("Members by constituency"))
        self.constituency_table = NumbersTable(
            _("Members by constituency"), [_("Constituency"), _("Members")]
        )
        self.constituency_note = _note()
        self.leadership_chart = BarChart(_("Seats held by people of member organisations"))
        self.leadership_table = NumbersTable(
            _("Seats by body"),
            [
                _("Body"), _("Seats"), _("Held by members"), _("People"),
                _("From member organisations"), _("Leading roles, by members"),
            ],
        )
        self.leadership_note = _note()
        self.upcoming_table = NumbersTable(
            _("Upcoming activities"),
            [_("Activity"), _("When"), _("Time zone"), _("Kind"), _("Invited"), _("Confirmed")],
        )
        self.upcoming_note = _note()

        grid = QGridLayout()
        # Below: beside the long region names of the chart, the table left the bars no room.
        region_panel = _panel(
            _("Members by region"), self.region_chart, self.region_table, self.region_note,
            below=True,
        )
        women_panel = _panel(_("Women's leadership"), self.women_chart, self.women_table)
        constituency_panel = _panel(
            _("Constituencies represented"),
            self.constituency_chart,
            self.constituency_table,
            self.constituency_note,
        )
        leadership_panel = _panel(
            _("Leadership of members in the Board and working groups"),
            self.leadership_chart,
            self.leadership_table,
            self.leadership_note,
            below=True,
        )
        upcoming_box = QGroupBox(_("Coming up"))
        upcoming_layout = QVBoxLayout(upcoming_box)
        upcoming_layout.addWidget(self.upcoming_table)
        upcoming_layout.addWidget(self.upcoming_note)
        # Long names (constituencies, bodies, activities) get the whole width.
        grid.addWidget(region_panel, 0, 0)
        grid.addWidget(women_panel, 0, 1)
        grid.addWidget(leadership_panel, 1, 0, 1, 2)
        grid.addWidget(constituency_panel, 2, 0, 1, 2)
        grid.addWidget(upcoming_box, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addLayout(top)
        content_layout.addLayout(cards)
        content_layout.addLayout(grid)
        content_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        # Enter or a double click on a row opens the activity or body on its screen.
        self.upcoming_table.activated.connect(lambda index: self._open(Activity.kind, index))
        self.leadership_table.activated.connect(lambda index: self._open(Body.kind, index))
        self.as_of.setDate(QDate(self.today()))
        self.as_of.dateChanged.connect(lambda _day: self.refresh())
        self.today_button.clicked.connect(self.show_today)
        self.refresh()

    def _open(self, kind: str, index: QModelIndex) -> None:
        record_id = index.siblingAtColumn(0).data(ID_ROLE)
        if record_id:
            self.open_requested.emit(kind, record_id)

    # Showing

    def show_today(self) -> None:
        self.as_of.setDate(QDate(self.today()))
        self.refresh()

    @property
    def as_of_date(self) -> date:
        day = self.as_of.date()
        return date(day.year(), day.month(), day.day())

    def refresh(self) -> None:
        """Count again from the directory, as of the date chosen (today by default)."""
        day = self.as_of_date
        # Today the directory's statuses are the truth; another day follows the dates kept.
        on = None if day == self.today() else day
        # The same core queries as `smwg outreach summary` and `smwg leadership`.
        self.composition = membership_composition(self.directory, on)
        self.what_if = membership_composition(self.directory, on, applicants_join=True)
        self.leadership = leadership(self.directory, day)
        self.grassroots_on_board = grassroots_on_board(self.directory, day)
        self.upcoming = upcoming_activities(self.directory, day, UPCOMING_LIMIT)
        self._show_summary(self.composition)
        for card in self.cards:
            card.show_figures(self.composition, self.what_if)
        self._show_regions(self.composition)
        self._show_women(self.composition)
        self._show_constituencies(self.composition)
        self._show_leadership(self.leadership)
        self._show_upcoming(self.upcoming)

    def _show_summary(self, composition: MembershipComposition) -> None:
        self.summary.setText(
            ngettext(
                "{count} member organisation", "{count} member organisations", composition.members
            ).format(count=composition.members)
            + " · "
            + ngettext(
                "{count} more in outreach (prospects and applicants)",
                "{count} more in outreach (prospects and applicants)",
                composition.in_outreach,
            ).format(count=composition.in_outreach)
        )

    def _show_regions(self, composition: MembershipComposition) -> None:
        priority_regions = {k for k in PRIORITIES if k in REGION_LABELS}
        bars, rows, colours = [], [], []
        for tally in composition.by_region:
            name = label(REGION_LABELS, tally.key, _)
            priority = tally.key in priority_regions
            colour = PRIORITY_COLOUR if priority else OTHER_COLOUR
            bars.append(Bar(name, tally.count, colour=colour, emphasis=priority))
            rows.append([name, tally.count, percent(tally.count, composition.members)])
            colours.append(colour)
        rows.append(
            [
                _("All members"),
                composition.members,
                percent(composition.members, composition.members),
            ]
        )
        self.region_chart.set_bars(bars)
        self.region_table.set_rows(rows, colours=colours, bold_rows=[len(rows) - 1])
        note = _("In bold and orange-red: the outreach priorities.")
        if composition.without_region:
            note += " " + _("{count} members have a country no region holds.").format(
                count=composition.without_region
            )
        self.region_note.setText(note)

    def _show_women(self, composition: MembershipComposition) -> None:
        parts = [
            (_("Women-led"), composition.women_led, PRIORITY_COLOUR),
            (_("With a women's section"), composition.women_section_only, ORANGE),
            (_("Neither"), composition.neither_women_led_nor_section, GREY),
        ]
        self.women_chart.set_slices(
            [Slice(name, count, colour) for name, count, colour in parts],
            _("{share}\nwomen-led").format(
                share=percent(composition.women_led, composition.members)
            ),
        )
        self.women_table.set_rows(
            [[name, count, percent(count, composition.members)] for name, count, _c in parts],
            colours=[colour for _n, _c, colour in parts],
        )

    def _show_constituencies(self, composition: MembershipComposition) -> None:
        tallies = composition.by_constituency
        names = [label(CONSTITUENCY_LABELS, t.key, _) for t in tallies]
        self.constituency_chart.set_bars(
            [Bar(name, t.count, colour=GREEN) for name, t in zip(names, tallies, strict=True)]
        )
        self.constituency_table.set_rows(
            [[name, t.count] for name, t in zip(names, tallies, strict=True)]
        )
        note = _("A member representing several constituencies counts in each.")
        if composition.without_constituency:
            note += " " + ngettext(
                "{count} member has none recorded.",
                "{count} members have none recorded.",
                composition.without_constituency,
            ).format(count=composition.without_constituency)
        self.constituency_note.setText(note)

    def _show_leadership(self, figures: Sequence[BodyLeadership]) -> None:
        bars, rows = [], []
        for body in figures:
            name = body.body.acronym or body.body.name
            bars.append(
                Bar(
                    name,
                    body.seats,
                    body.held_by_members,
                    BLUE,
                    text=_("{part} of {whole}").format(part=body.held_by_members, whole=body.seats),
                )
            )
            rows.append(
                [
                    body.body.name,
                    body.seats,
                    body.held_by_members,
                    body.people,
                    body.people_from_members,
                    _("{part} of {whole}").format(
                        part=body.leading_held_by_members, whole=body.leading_seats
                    ),
                ]
            )
        self.leadership_chart.set_bars(bars)
        self.leadership_table.set_rows(rows, ids=[b.body.id for b in figures])
        on_board = sum(f.people for f in figures if f.body.body_kind == "board")
        self.leadership_note.setText(
            _(
                "On {day}, {count} of the {people} people on the Board sit for member "
                "organisations."
            ).format(
                day=format_day(self.as_of_date, "d MMM yyyy"), count=self.grassroots_on_board,
                people=on_board,
            )
            + " "
            + _(
                "Seats held on {day}. Strong blue: held by people of member organisations; "
                "pale: by others. Leading roles: chair, co-chair, focal point, Board member."
            ).format(day=format_day(self.as_of_date, "d MMM yyyy"))
        )

    def _show_upcoming(self, upcoming: Sequence[UpcomingActivity]) -> None:
        self.upcoming_table.set_rows(
            [
                [
                    u.activity.title,
                    f"{format_dates(u.activity)}, {format_times(u.activity)}",
                    zone_label(u.activity.tz, u.activity.start),
                    kind_label(u.activity),
                    u.invited,
                    u.confirmed,
                ]
                for u in upcoming
            ],
            ids=[u.activity.id for u in upcoming],
        )
        self.upcoming_table.setVisible(bool(upcoming))
        self.upcoming_note.setText(
            ""
            if upcoming
            else _(
                "No activity is planned from {day} on. Plan one on the Activities screen."
            ).format(day=format_day(self.as_of_date, "d MMM yyyy"))
        )
        self.upcoming_note.setVisible(not upcoming)
