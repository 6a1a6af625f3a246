"""The review status report: which body answered what and when, with the comments, as consent
allows, in English, Spanish and French."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Body, Proposal
from smwg_desktop.core.proposals import add_revision, record_review, send_for_review
from smwg_desktop.reports.review import write_review
from tests.reports import pdfs
from tests.reports.conftest import Network

ON = date(2016, 10, 12)


@pytest.fixture
def proposal(network: Network) -> str:
    """A note sent to four working groups; three answered, by reviewers of every kind."""
    directory, ids = network.directory, network.ids
    bodies = {
        key: directory.create(Body, {"name": name}).id
        for key, name in (
            ("land", "Land and Housing Working Group"),
            ("women", "Women and ESCR Working Group"),
            ("economic", "Economic Policy Working Group"),
            ("monitoring", "Monitoring Working Group"),
        )
    }
    note = directory.create(Proposal, {
        "title": "Concept note: a global campaign",
        "summary": "A coordinated global campaign to realise ESCR.",
        "author_ids": (ids["andina"], ids["hidden"], ids["prospect"]),
        "deadline": "2016-10-14",
    })
    send_for_review(directory, note.id)
    add_revision(directory, note.id, {"name": "First draft", "issued_on": "2016-04-18"})
    second = add_revision(directory, note.id, {
        "name": "Second draft", "issued_on": "2016-08-30",
        "location": "https://docs.example.org/note-v2",
    })
    record_review(directory, note.id, bodies["land"], "endorsed", reviewer_id=ids["rosa"],
                  comments="We will draft the component on evictions.\nAnd on land grabs.",
                  revision_id=second.id, answered_on=date(2016, 9, 1))
    record_review(directory, note.id, bodies["women"], "declined", reviewer_id=ids["ana"],
                  comments="Our workplan is full.", answered_on=date(2016, 9, 15))
    record_review(directory, note.id, bodies["economic"], "commented",
                  reviewer_id=ids["carmen"], comments="Name the IFIs.",
                  answered_on=date(2016, 10, 3))
    record_review(directory, note.id, bodies["monitoring"], "pending", reviewer_id=ids["maryam"])
    return note.id


def test_the_report_shows_each_answer_in_body_order_and_who_is_missing(
    network: Network, proposal: str, tmp_path: Path
) -> None:
    path = tmp_path / "review.pdf"

    result = write_review(network.directory, proposal[:8], path, today=ON)

    assert (result.reviews, result.answered) == (4, 3)
    text = pdfs.text(path)
    assert "Concept note: a global campaign" in text
    assert "3 of 4 working groups answered; 1 endorsed, 1 commented, 1 declined; 2 days to the" in text
    assert "No answer yet from: Monitoring Working Group" in text
    table = text[text.index("Version read") :]
    positions = [
        table.index(name)
        for name in ("Economic Policy", "Land and Housing", "Monitoring", "Women and ESCR")
    ]
    assert positions == sorted(positions)
    for words in ("Endorsed", "Declined", "Commented", "Pending", "Sep 1, 2016",
                  "Second draft (Aug 30, 2016)", "https://docs.example.org/note-v2",
                  "October 14, 2016 (2 days to the deadline)"):
        assert words in " ".join(text.split()), words


def test_comments_are_printed_under_their_body(
    network: Network, proposal: str, tmp_path: Path
) -> None:
    path = tmp_path / "review.pdf"
    write_review(network.directory, proposal, path, today=ON)
    text = pdfs.text(path)

    comments = text[text.index("Comments") :]
    assert "Land and Housing Working Group · Endorsed, September 1, 2016" in comments
    assert "Reviewer: Rosa Mamani" in comments
    assert "We will draft the component on evictions.\nAnd on land grabs." in comments
    assert "Our workplan is full." in comments and "Name the IFIs." in comments


def test_consent_decides_which_reviewers_and_authors_are_named(
    network: Network, proposal: str, tmp_path: Path
) -> None:
    path = tmp_path / "review.pdf"
    write_review(network.directory, proposal, path, today=ON)
    text = pdfs.text(path)

    assert "Rosa Mamani" in text
    assert pdfs.visual_words("مريم الحسيني") in text
    assert "Ana Secreta" not in text  # at risk
    assert "Carmen Reservada" not in text  # did not consent to her role being printed
    assert "Red Andina (muestra) (RA)" in text
    assert "Plataforma Prospecto (muestra)" in text
    assert "Proceso Oculto" not in text  # an organisation at risk


def test_a_closed_meeting_edition_names_everyone_and_says_so(
    network: Network, proposal: str, tmp_path: Path
) -> None:
    path = tmp_path / "review.pdf"
    write_review(network.directory, proposal, path, today=ON, closed_meeting=True)
    text = pdfs.text(path)

    assert "Closed-meeting edition" in text
    assert "Ana Secreta" in text and "Carmen Reservada" in text and "Proceso Oculto" in text


def test_after_the_deadline_the_missing_answers_are_called_overdue(
    network: Network, proposal: str, tmp_path: Path
) -> None:
    path = tmp_path / "review.pdf"
    write_review(network.directory, proposal, path, today=date(2016, 10, 20))
    text = pdfs.text(path)

    assert "6 days past the deadline" in text
    assert "The deadline has passed and these have not answered: Monitoring Working Group" in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("es", ("Estado de la revisión", "Respuestas por grupo de trabajo",
                "3 de 4 grupos de trabajo respondieron", "Respaldó", "Pendiente", "Comentarios",
                "14 de octubre de 2016 (2 días para la fecha límite)")),
        ("fr", ("État de l'examen", "Réponses par groupe de travail",
                "3 groupes de travail sur 4 ont répondu", "A approuvé", "En attente",
                "Commentaires", "14 octobre 2016 (2 jours avant la date limite)")),
    ],
)
def test_the_report_reads_in_spanish_and_french(
    network: Network, proposal: str, tmp_path: Path, lang: str, words: tuple[str, ...]
) -> None:
    path = tmp_path / f"review-{lang}.pdf"
    write_review(network.directory, proposal, path, lang=lang, paper="letter", today=ON)
    text = pdfs.text(path)

    for word in words:
        assert word in text, word
    assert round(pdfs.page_size(path)[0]) == 612


def test_a_proposal_not_yet_sent_says_so(network: Network, tmp_path: Path) -> None:
    draft = network.directory.create(Proposal, {"title": "A draft"})
    path = tmp_path / "draft.pdf"

    write_review(network.directory, draft.id, path, today=ON)

    assert "The proposal has not been sent for review yet." in pdfs.text(path)


def test_an_unknown_proposal_is_refused_and_writes_nothing(
    network: Network, tmp_path: Path
) -> None:
    path = tmp_path / "none.pdf"

    with pytest.raises(UserError, match="no proposal with id"):
        write_review(network.directory, "ffffffff", path)

    assert not path.exists()


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_the_demo_concept_note_prints_and_every_page_renders(
    demo: Directory, tmp_path: Path, lang: str
) -> None:
    (note,) = demo.list(Proposal)
    path = tmp_path / f"review-{lang}.pdf"

    result = write_review(demo, note.id, path, lang=lang, today=ON)

    assert (result.reviews, result.answered) == (7, 5)
    assert all(pdfs.has_ink(image) for image in pdfs.render(path, scale=0.3))
    assert "Land and Housing Working Group" in pdfs.text(path)
