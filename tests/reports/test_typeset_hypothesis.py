"""Whatever the names, in whatever scripts and lengths, the typesetter draws every
character once, in order, and never outside its frames."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from smwg_desktop.reports.fonts import register_fonts
from smwg_desktop.reports.typeset import (
    _LINE_ENDS,
    Block,
    Frame,
    Item,
    Keep,
    Line,
    NeedSpace,
    NewPage,
    PageKind,
    Paragraph,
    Space,
    Typesetter,
    joined_runs,
    line_break,
    one_line,
    text_runs,
)

BLACK = (0.0, 0.0, 0.0)
GREY = (0.4, 0.4, 0.4)
SCRIPTS = {
    "latin": "abcdefghijklmnopqrstuvwxyzáéíóúñçãõàèâêîôûëïü",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщыэюяЮЛИЯ",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωΝΊΚΟΣ",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "devanagari": "कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह्िीुूेैोौंः",
}
FUZZ = 1e-6

words = st.one_of(*[
    st.text(alphabet=letters, min_size=1, max_size=40) for letters in SCRIPTS.values()
])
names = st.lists(words, min_size=1, max_size=5).map(" ".join)
"""A name: one to five words, each in one script, some longer than a narrow column."""


@st.composite
def paragraphs(draw: st.DrawFn) -> Paragraph:
    size = draw(st.sampled_from([7.5, 8.0, 9.5, 13.3]))
    leading = size * draw(st.sampled_from([1.1, 1.3, 2.0]))
    block = Block(
        leading,
        space_before=draw(st.sampled_from([0.0, 2.0, 10.0])),
        space_after=draw(st.sampled_from([0.0, 1.0, 8.0])),
        indent=draw(st.sampled_from([0.0, 11.3])),
        first_indent=draw(st.sampled_from([0.0, -11.3, 20.0])),
        align=draw(st.sampled_from(["left", "centre", "right"])),
        keep_with_next=draw(st.booleans()),
    )
    runs = text_runs(draw(names), size, BLACK, bold=draw(st.booleans()))
    if draw(st.booleans()):
        runs.append(line_break(size, GREY))
        runs += joined_runs(draw(st.lists(names, min_size=1, max_size=4)), " · ", size, GREY)
    return Paragraph(runs, block)


@st.composite
def stories(draw: st.DrawFn) -> list[Item]:
    story: list[Item] = []
    for _ in range(draw(st.integers(1, 25))):
        kind = draw(st.sampled_from(["paragraph", "paragraph", "keep", "space", "need", "page"]))
        if kind == "paragraph":
            story.append(draw(paragraphs()))
        elif kind == "keep":
            story.append(Keep(draw(st.lists(paragraphs(), min_size=1, max_size=4))))
        elif kind == "space":
            story.append(Space(draw(st.floats(0, 60))))
        elif kind == "need":
            story.append(NeedSpace(draw(st.floats(0, 200))))
        else:
            story.append(NewPage(draw(st.sampled_from(["page", "columns"]))))
    return story


def characters(story: list[Item]) -> str:
    """Every character of the story but spaces, in order."""
    found: list[str] = []
    for item in story:
        paragraphs_ = item.paragraphs if isinstance(item, Keep) else (
            [item] if isinstance(item, Paragraph) else [])
        for paragraph in paragraphs_:
            found += [run.text for run in paragraph.runs if run.text != "\n"]
    return "".join(found).replace(" ", "")


@settings(max_examples=150, deadline=None)
@given(story=stories(), width=st.sampled_from([130.0, 250.0, 480.0]),
       height=st.sampled_from([60.0, 200.0, 700.0]))
def test_every_character_is_drawn_once_in_order_inside_a_frame(
    story: list[Item], width: float, height: float
) -> None:
    register_fonts()
    page = Frame(40, 40, width, height)
    columns = tuple(Frame(40 + n * (width / 2 + 5), 40, width / 2 - 5, height) for n in range(2))
    kinds = {"page": PageKind((page,)), "columns": PageKind(columns)}

    layout = Typesetter(kinds).lay_out(story, "page")

    drawn: list[str] = []
    for placed in layout.pages:
        frames = kinds[placed.kind].frames
        for line in placed.lines:
            assert isinstance(line, Line)
            drawn += [run.source or run.text for run in line.runs]
            top = max(run.size for run in line.runs) if line.runs else 0.0
            assert any(
                frame.x - FUZZ <= line.x
                and line.x + line.width <= frame.x + frame.width + FUZZ
                and frame.y - FUZZ <= line.y
                and line.y + top <= frame.y + frame.height + FUZZ
                for frame in frames
            ), (line.x, line.y, line.width, placed.kind)
    assert "".join(drawn).replace(" ", "") == characters(story)


@settings(max_examples=300)
@given(st.text(st.sampled_from(" a\t\n\v\f\r\x1c\x1f\x85\u2028\u2029\x00\x07\xad\u200b\ue000é")
               | st.characters()))
def test_one_line_reads_each_run_of_line_ends_and_tabs_as_one_space(text: str) -> None:
    """Texts printable throughout are taken as they are; every other text goes through
    the line-end pattern (unprintable characters that are not line ends stay)."""
    expected = _LINE_ENDS.sub(" ", text).strip(" ") if _LINE_ENDS.search(text) else text
    assert one_line(text) == expected
