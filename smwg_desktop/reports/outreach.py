"""The outreach summary: the pipeline against the working group's priorities (more groups
from Africa, from Europe, and led by women), with charts, the membership now and if every
applicant joined, and the prospects stage by stage.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from smwg_desktop.core.consent import name_in_role, visible_organisation
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.figures import MembershipComposition
from smwg_desktop.core.model import OUTREACH_STAGES
from smwg_desktop.core.outreach import (
    ACTIVE_STAGES,
    GroupFigures,
    OutreachSummary,
    PipelineFilter,
    Prospect,
    outreach_summary,
    pipeline,
)
from smwg_desktop.i18n import (
    CONSTITUENCY_LABELS,
    OUTREACH_STAGE_LABELS,
    PIPELINE_GROUP_LABELS,
    REGION_LABELS,
    country_name,
    format_date,
    label,
    translations,
)
from smwg_desktop.reports.common import (
    Layout,
    Metadata,
    Styles,
    build_without_cover,
    closed_meeting_warning,
    grid,
    header_row,
    meeting_running,
    network_name,
    paper_size,
    section,
    shaded,
)
from smwg_desktop.reports.fonts import BOLD, REGULAR, markup
from smwg_desktop.reports.meeting import People

# Okabe and Ito's colours, as on the dashboard: told apart with any common colour blindness.
STAGE_COLOURS = {
    "identified": "#56B4E9",
    "contacted": "#0072B2",
    "in_conversation": "#009E73",
    "applied": "#E69F00",
}
NOW_COLOUR = "#0072B2"
WHAT_IF_COLOUR = "#D55E00"
CHART_FONT_SIZE = 8
EVERYONE_BACKGROUND = "#f1f3f4"
"""The priorities table's row of every prospect, set apart from the groups under it."""


@dataclass(frozen=True)
class OutreachReportResult:
    """What a printed outreach summary holds."""

    pages: int
    prospects: int
    """Organisations named in the pipeline pages."""
    withheld: int
    """Organisations counted in the figures but not named (at risk or not listed)."""


def write_outreach(
    directory: Directory,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    paper: str = "a4",
    wanted: PipelineFilter | None = None,
    closed_meeting: bool = False,
    today: date | None = None,
) -> OutreachReportResult:
    """Print the outreach summary to ``path``: figures, charts and the pipeline by stage.

    The figures count every organisation; the pipeline pages name only those that may
    be printed (``core.consent``: at risk or not listed are left out, and said to be),
    and the person responsible for a move only with their consent to their role.
    ``wanted`` narrows the pipeline (region, country, constituency, women-led);
    ``closed_meeting`` is the document-level override. Raises ``UserError`` for an
    unknown language or paper, or a missing folder.
    """
    _ = translations(lang).gettext
    paper_size(paper)
    wanted = wanted or PipelineFilter()
    today = today or date.today()
    summary = outreach_summary(directory, wanted)
    prospects = pipeline(directory, wanted)
    shown = [p for p in prospects if visible_organisation(
        p.organisation, include_prospects=True, override=closed_meeting) is not None]
    people = People(directory, override=closed_meeting, on=today)
    styles = Styles()
    title = _("Outreach summary")
    running = meeting_running(title, network_name(directory), closed_meeting, today, lang)
    metadata = Metadata(title=title, subject=network_name(directory))

    def make_story(previous: Layout | None) -> list[Flowable]:
        story = _heading(directory, wanted, styles, lang, today, closed_meeting)
        story += _priorities(summary, styles, lang)
        story += _membership(summary, styles, lang)
        story += _stages(shown, len(prospects) - len(shown), people, styles, lang)
        return story

    layout = build_without_cover(path, make_story, styles=styles, running=running,
                                 metadata=metadata, paper=paper, lang=lang)
    return OutreachReportResult(layout.pages, len(shown), len(prospects) - len(shown))


def _heading(
    directory: Directory,
    wanted: PipelineFilter,
    styles: Styles,
    lang: str,
    today: date,
    closed_meeting: bool,
) -> list[Flowable]:
    _ = translations(lang).gettext
    story: list[Flowable] = [
        styles.para(markup(network_name(directory)), styles.small),
        styles.para(markup(_("Outreach summary"), bold=True), styles.h1),
        styles.para(markup(format_date(today, lang)), styles.body),
        Spacer(0, 2 * mm),
        styles.para(markup(_(
            "Social movements and grassroots organisations are the working group's priorities "
            "for outreach, and within them: more groups from Africa, more groups from Europe, "
            "and groups led by women."
        )), styles.body),
    ]
    narrowed = _filter_text(wanted, lang)
    if narrowed:
        story.append(styles.para(
            markup(_("Only prospects that are: {what}").format(what=narrowed), bold=True),
            styles.body,
        ))
    if closed_meeting:
        story.append(closed_meeting_warning(styles, lang))
    return story


def _filter_text(wanted: PipelineFilter, lang: str) -> str:
    _ = translations(lang).gettext
    parts = []
    if wanted.region:
        parts.append(label(REGION_LABELS, wanted.region, _))
    if wanted.country:
        parts.append(country_name(wanted.country, lang))
    if wanted.constituency:
        parts.append(label(CONSTITUENCY_LABELS, wanted.constituency, _))
    if wanted.women_led:
        parts.append(_("led by women"))
    if wanted.stage:
        parts.append(label(OUTREACH_STAGE_LABELS, wanted.stage, _))
    return ", ".join(parts)


def _priorities(summary: OutreachSummary, styles: Styles, lang: str) -> list[Flowable]:
    _ = translations(lang).gettext
    heading = _("The pipeline against the priorities")
    groups = [summary.everyone, *summary.groups]
    names = [label(PIPELINE_GROUP_LABELS, g.group.key, _) for g in groups]
    story: list[Flowable] = [
        section(styles, heading, "priorities", styles.h2),
        styles.para(markup(_(
            "Prospects on their way, by the stage they have reached: identified, contacted, "
            "in conversation with the working group, or applied to join."
        )), styles.small),
        Spacer(0, 2 * mm),
        _pipeline_chart(groups, names, lang),
        Spacer(0, 3 * mm),
    ]
    header = [
        styles.para(markup(text, bold=True), styles.cell_small if n == 0 else styles.right_small)
        for n, text in enumerate((
            "", *(label(OUTREACH_STAGE_LABELS, s, _) for s in OUTREACH_STAGES),
            _("On their way"),
        ))
    ]
    rows: list[list[Flowable]] = [header]
    for name, figures in zip(names, groups, strict=True):
        rows.append([
            styles.para(markup(name, bold=True), styles.cell_small),
            *(styles.para(str(t.count), styles.right) for t in figures.by_stage),
            styles.para(markup(str(figures.in_pipeline), bold=True), styles.right),
        ])
    story.append(grid(rows, ["18%", *["11.5%"] * 6, "13%"], [shaded(1, EVERYONE_BACKGROUND)],
                      padding=3))
    return story


CHART_WIDTH = 170 * mm
LABEL_ROOM = 52 * mm
"""Room left of the bars for the category names (the longest is a priority's name in es)."""


def _bar_chart(rows: int, row_height: float) -> HorizontalBarChart:
    chart = HorizontalBarChart()
    chart.x = LABEL_ROOM
    chart.width = CHART_WIDTH - LABEL_ROOM - 12 * mm
    chart.height = rows * row_height
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = REGULAR
        axis.labels.fontSize = CHART_FONT_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.valueAxis.valueMin = 0
    return chart


def _framed(
    chart: HorizontalBarChart, pairs: list[tuple[object, str]], caption: str = ""
) -> Drawing:
    """The chart with its legend above it (one row, or two when the names run long) and
    an optional caption on top; the value axis and its figures below."""
    legend = Legend()
    legend.fontName = REGULAR
    legend.fontSize = CHART_FONT_SIZE
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    widest = max(stringWidth(name, REGULAR, CHART_FONT_SIZE) for _colour, name in pairs)
    legend.deltax = widest + legend.dx + legend.dxTextSpace + 4 * mm
    room = CHART_WIDTH - LABEL_ROOM
    legend.columnMaximum = 1 if legend.deltax * len(pairs) <= room else 2
    legend.colorNamePairs = pairs
    legend_height = legend.columnMaximum * legend.deltay + 2 * mm
    caption_height = 5 * mm if caption else 0
    axis_height = 8 * mm
    chart.y = axis_height
    height = axis_height + chart.height + 3 * mm + legend_height + caption_height
    drawing = Drawing(CHART_WIDTH, height)
    drawing.add(chart)
    legend.x = LABEL_ROOM
    legend.y = height - caption_height - 1 * mm
    drawing.add(legend)
    if caption:
        drawing.add(String(LABEL_ROOM, height - 3.5 * mm, caption, fontName=REGULAR,
                           fontSize=CHART_FONT_SIZE, fillColor=colors.HexColor("#5f6368")))
    return drawing


def _pipeline_chart(groups: list[GroupFigures], names: list[str], lang: str) -> Drawing:
    """Stacked bars, one per priority group, by the stage prospects have reached."""
    _ = translations(lang).gettext
    row = 7 * mm
    chart = _bar_chart(len(groups), row)
    # Bars are drawn from the bottom up: reverse, so the table's order reads top down.
    chart.data = [[g.at(stage) for g in reversed(groups)] for stage in ACTIVE_STAGES]
    chart.categoryAxis.categoryNames = list(reversed(names))
    chart.categoryAxis.style = "stacked"
    largest = max((g.in_pipeline for g in groups), default=0)
    chart.valueAxis.valueMax = max(largest, 1)
    chart.valueAxis.valueStep = max(1, (largest + 4) // 5)
    chart.valueAxis.labelTextFormat = "%d"
    chart.barWidth = row * 0.6
    chart.groupSpacing = row * 0.4
    for n, stage in enumerate(ACTIVE_STAGES):
        chart.bars[n].fillColor = colors.HexColor(STAGE_COLOURS[stage])
        chart.bars[n].strokeColor = None
    return _framed(chart, [
        (colors.HexColor(STAGE_COLOURS[s]), label(OUTREACH_STAGE_LABELS, s, _))
        for s in ACTIVE_STAGES
    ])


def _membership(summary: OutreachSummary, styles: Styles, lang: str) -> list[Flowable]:
    _ = translations(lang).gettext
    heading = _("The membership now, and if every applicant joined")
    now, then = summary.composition, summary.what_if
    rows: list[list[Flowable]] = [[
        styles.para(markup(text, bold=True), styles.right if text else styles.cell)
        for text in ("", _("Now"), _("If every applicant joined"))
    ]]
    rows.append([
        styles.para(markup(_("Member organisations"), bold=True), styles.cell),
        styles.para(str(now.members), styles.right),
        styles.para(str(then.members), styles.right),
    ])
    for present, future in zip(now.priorities, then.priorities, strict=True):
        rows.append([
            styles.para(markup(label(PIPELINE_GROUP_LABELS, present.key, _)), styles.cell),
            styles.para(markup(_share_text(present.members, present.total_members)), styles.right),
            styles.para(markup(_share_text(future.members, future.total_members)), styles.right),
        ])
    return [
        KeepTogether([
            Spacer(0, 4 * mm),
            section(styles, heading, "membership", styles.h2),
            _share_chart(now, then, lang),
            Spacer(0, 3 * mm),
            grid(rows, ["40%", "30%", "30%"]),
        ])
    ]


def _share_text(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else str(part)


def _share_chart(now: MembershipComposition, then: MembershipComposition, lang: str) -> Drawing:
    """Grouped bars: the share of members meeting each priority, now and if applicants joined."""
    _ = translations(lang).gettext
    row = 11 * mm
    chart = _bar_chart(len(now.priorities), row)
    # Within a group the first series is drawn lowest: "now" goes last, to sit on top.
    shares = [
        [round(100 * p.share) for p in reversed(composition.priorities)]
        for composition in (then, now)
    ]
    chart.data = shares
    chart.categoryAxis.categoryNames = [
        label(PIPELINE_GROUP_LABELS, p.key, _) for p in reversed(now.priorities)
    ]
    chart.valueAxis.valueMax = max(10, ((max(max(s) for s in shares) + 9) // 10) * 10)
    chart.valueAxis.valueStep = 10
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.barLabelFormat = "%d%%"
    chart.barLabels.fontName = BOLD
    chart.barLabels.fontSize = CHART_FONT_SIZE - 1
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    chart.barWidth = row * 0.3
    chart.groupSpacing = row * 0.3
    for n, colour in enumerate((WHAT_IF_COLOUR, NOW_COLOUR)):
        chart.bars[n].fillColor = colors.HexColor(colour)
        chart.bars[n].strokeColor = None
    return _framed(
        chart,
        [
            (colors.HexColor(NOW_COLOUR), _("Now")),
            (colors.HexColor(WHAT_IF_COLOUR), _("If every applicant joined")),
        ],
        _("Share of member organisations"),
    )


def _stages(
    shown: list[Prospect], withheld: int, people: People, styles: Styles, lang: str
) -> list[Flowable]:
    _ = translations(lang).gettext
    ngettext = translations(lang).ngettext
    heading = _("The pipeline, stage by stage")
    story: list[Flowable] = [
        Spacer(0, 4 * mm),
        section(styles, heading, "stages", styles.h2),
    ]
    if withheld:
        story.append(styles.para(markup(ngettext(
            "{n} organisation at risk or not listed is counted above but not named here.",
            "{n} organisations at risk or not listed are counted above but not named here.",
            withheld,
        ).format(n=withheld)), styles.small))
    for stage in OUTREACH_STAGES:
        at_stage = [p for p in shown if p.stage == stage]
        title = f"{label(OUTREACH_STAGE_LABELS, stage, _)} ({len(at_stage)})"
        story.append(section(styles, title, f"stage:{stage}", styles.h3, level=1))
        if not at_stage:
            story.append(styles.para(markup(_("None.")), styles.small))
            continue
        rows = [header_row(styles, (_("Organisation"), _("Country"), _("Constituencies"),
                                    _("Since"), _("Responsible")), styles.cell_small)]
        for prospect in at_stage:
            organisation = prospect.organisation
            name = markup(organisation.name, bold=True)
            if organisation.women_led:
                name += "<br/>" + markup(_("Led by women"))
            last_move = prospect.last_move
            responsible = name_in_role(people.person(last_move.responsible_id)) if last_move else ""
            rows.append([
                styles.para(name, styles.cell),
                styles.para(markup(country_name(organisation.country, lang)), styles.cell),
                styles.para(markup(", ".join(
                    label(CONSTITUENCY_LABELS, c, _) for c in organisation.constituencies
                )), styles.cell_small),
                styles.para(markup(format_date(prospect.since, lang, "medium"))
                            if prospect.since else "", styles.cell_small),
                styles.para(markup(responsible), styles.cell_small),
            ])
        story.append(grid(rows, ["34%", "16%", "20%", "14%", "16%"]))
    return story
