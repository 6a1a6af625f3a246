"""`smwg proposal|outreach|body|seat|leadership`: the coordinator's story before the GSM."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.cli.conftest import Smwg, column
from tests.cli.test_processes import smwg_process


@dataclass
class Note:
    proposal: str
    bodies: dict[str, str]
    person: str


@pytest.fixture
def note(smwg: Smwg) -> Note:
    """A concept note sent to three thematic working groups; the Board is not asked."""
    bodies = {
        acronym: smwg.add("body", "add", "--name", name, "--acronym", acronym)
        for acronym, name in (
            ("LHWG", "Land and Housing Working Group"),
            ("WESCR", "Women and ESCR Working Group"),
            ("EPWG", "Economic Policy Working Group"),
        )
    }
    bodies["Board"] = smwg.add("body", "add", "--name", "Board of ESCR-Net", "--kind", "board")
    author = smwg.add("org", "add", "--name", "Red Andina (muestra)", "--country", "BO")
    person = smwg.add("person", "add", "--name", "Wanjiru Otieno")
    proposal = smwg.add(
        "proposal", "add", "--title", "Global campaign concept note", "--author", author[:8],
        "--deadline", "2016-10-14",
    )
    return Note(proposal, bodies, person)


@pytest.fixture
def sent(smwg: Smwg, note: Note) -> Note:
    smwg("proposal", "send-for-review", note.proposal[:8])
    return note


def test_sending_for_review_asks_every_thematic_working_group(smwg: Smwg, note: Note) -> None:
    out = smwg("proposal", "send-for-review", note.proposal[:8])

    assert out == (
        "Sent “Global campaign concept note” for review to 3 bodies: Economic Policy Working "
        "Group; Land and Housing Working Group; Women and ESCR Working Group.\n"
    )
    shown = json.loads(smwg("proposal", "show", note.proposal, "--json"))
    assert shown["status"] == "in_review"
    assert [r["body"] for r in shown["reviews"]] == [
        "Economic Policy Working Group", "Land and Housing Working Group",
        "Women and ESCR Working Group",
    ]
    assert {r["state"] for r in shown["reviews"]} == {"pending"}


def test_two_answers_that_came_by_email_and_the_status_that_follows(
    smwg: Smwg, sent: Note
) -> None:
    out = smwg(
        "proposal", "review", sent.proposal[:8], "--body", sent.bodies["LHWG"][:8],
        "--state", "endorsed", "--comment", "We will draft the evictions component.",
        "--reviewer", sent.person[:8], "--on", "2016-10-10",
    )
    assert out.splitlines()[0] == "Land and Housing Working Group: endorsed on 2016-10-10."
    assert out.splitlines()[1].startswith("1 of 3 working groups answered; 1 endorsed; ")
    smwg("proposal", "review", sent.proposal[:8], "--body", sent.bodies["EPWG"], "--state",
         "declined", "--on", "2016-10-11")

    status = smwg("proposal", "status", sent.proposal[:8], "--on", "2016-10-12")

    assert status.splitlines()[1] == (
        "2 of 3 working groups answered; 1 endorsed, 1 declined; 2 days to the deadline."
    )
    assert column(status, "STATE")[:3] == ["declined", "endorsed", "pending"]
    assert column(status, "REVIEWER")[1] == "Wanjiru Otieno"
    assert status.splitlines()[-1] == "No answer yet: Women and ESCR Working Group"
    progress = json.loads(smwg("proposal", "status", sent.proposal, "--on", "2016-10-12", "--json"))
    assert (progress["answered"], progress["total"], progress["days_left"]) == (2, 3, 2)
    assert progress["missing"] == [
        {"body_id": sent.bodies["WESCR"], "body": "Women and ESCR Working Group"}
    ]
    comments = smwg("proposal", "show", sent.proposal[:8])
    assert "    We will draft the evictions component." in comments.splitlines()


def test_a_revision_is_recorded_and_named_by_an_answer(smwg: Smwg, sent: Note) -> None:
    revision = smwg.add(
        "proposal", "revise", sent.proposal[:8], "--label", "Second draft", "--on", "2016-08-30",
        "--location", "https://docs.example.org/note-v2",
    )
    answer = json.loads(smwg(
        "proposal", "review", sent.proposal[:8], "--body", sent.bodies["WESCR"][:8], "--state",
        "commented", "--revision", revision[:8], "--json",
    ))
    assert answer["revision_id"] == revision
    assert answer["answered_on"] == date.today().isoformat()
    shown = smwg("proposal", "show", sent.proposal[:8])
    assert "Second draft" in column(shown, "LABEL")


def test_proposals_are_listed_with_their_answers(smwg: Smwg, sent: Note) -> None:
    smwg("proposal", "review", sent.proposal[:8], "--body", sent.bodies["LHWG"][:8], "--state",
         "endorsed")

    listed = smwg("proposal", "list")

    assert column(listed, "ANSWERED") == ["1 of 3"]
    assert json.loads(smwg("proposal", "list", "--json"))[0]["answered"] == 1
    smwg("proposal", "edit", sent.proposal[:8], "--set", "status=submitted")
    assert column(smwg("proposal", "list", "--status", "submitted"), "STATUS") == ["submitted"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--state", "approved", "--body", "LHWG"),
         "smwg: state: 'approved' is not one of: pending, commented, endorsed, declined"),
        (("--state", "endorsed", "--body", "Board"),
         "smwg: “Global campaign concept note” was not sent to Board of ESCR-Net for review"),
        (("--state", "endorsed", "--body", "LHWG", "--on", "12/10/2016"),
         "smwg: on: '12/10/2016' is not a date in the form YYYY-MM-DD"),
        (("--state", "endorsed", "--body", "LHWG", "--reviewer", "ffffffff"),
         "smwg: reviewer_id: no person with id 'ffffffff'"),
    ],
    ids=["unknown-state", "body-not-asked", "bad-date", "unknown-reviewer"],
)
def test_refused_answers_change_nothing(
    smwg: Smwg, sent: Note, args: tuple[str, ...], message: str
) -> None:
    args = tuple(sent.bodies.get(a, a) for a in args)

    assert smwg.refused_unchanged("proposal", "review", sent.proposal[:8], *args) == message


def test_sending_again_to_the_same_bodies_is_refused(smwg: Smwg, sent: Note) -> None:
    line = smwg.refused_unchanged(
        "proposal", "send-for-review", sent.proposal[:8], "--body", sent.bodies["LHWG"][:8]
    )
    assert line == "smwg: “Global campaign concept note” was already sent to LHWG"


# Outreach


@pytest.fixture
def prospects(smwg: Smwg) -> dict[str, str]:
    made = {
        "wlrc": smwg.add("org", "add", "--name", "Women's Land Rights Collective (sample)",
                         "--country", "MW", "--women-led", "--status", "prospect",
                         "--set", "outreach_stage=contacted"),
        "uwfn": smwg.add("org", "add", "--name", "Uganda Women Fisherfolk Network (sample)",
                         "--country", "UG", "--women-led", "--status", "applicant"),
        "pad": smwg.add("org", "add", "--name", "Plataforma de Afectados (muestra)",
                        "--country", "ES", "--status", "prospect",
                        "--set", "outreach_stage=in_conversation"),
        "member": smwg.add("org", "add", "--name", "Red Andina (muestra)", "--country", "BO"),
    }
    made["organiser"] = smwg.add("person", "add", "--name", "Aïssatou Diouf")
    return made


def test_the_pipeline_is_listed_and_filtered(smwg: Smwg, prospects: dict[str, str]) -> None:
    everything = smwg("outreach", "list")
    assert column(everything, "NAME")[:3] == [
        "Women's Land Rights Collective (sample)",
        "Plataforma de Afectados (muestra)",
        "Uganda Women Fisherfolk Network (sample)",
    ]
    assert column(everything, "STAGE")[:3] == ["contacted", "in conversation", "applied"]
    african_women = json.loads(smwg("outreach", "list", "--region", "africa", "--women-led", "--json"))
    assert sorted(o["name"] for o in african_women) == [
        "Uganda Women Fisherfolk Network (sample)", "Women's Land Rights Collective (sample)",
    ]
    assert column(smwg("outreach", "list", "--country", "Spain"), "NAME")[:1] == [
        "Plataforma de Afectados (muestra)"
    ]
    assert smwg("outreach", "list", "--stage", "declined") == "No organisations in the pipeline.\n"


def test_a_move_is_recorded_with_who_and_why(smwg: Smwg, prospects: dict[str, str]) -> None:
    out = smwg("outreach", "move", prospects["wlrc"][:8], "in_conversation", "--by",
               prospects["organiser"][:8], "--note", "Joined the virtual dialogue.",
               "--on", "2016-05-02")

    assert out == (
        "Moved Women's Land Rights Collective (sample) from contacted to in conversation on "
        "2016-05-02.\n"
    )
    (step,) = json.loads(smwg("outreach", "history", prospects["wlrc"][:8], "--json"))
    assert (step["stage"], step["responsible_id"], step["note"]) == (
        "in_conversation", prospects["organiser"], "Joined the virtual dialogue."
    )
    joined = smwg("outreach", "move", prospects["uwfn"][:8], "joined", "--on", "2016-11-11")
    assert joined.splitlines()[-1] == "Its membership status is now member."
    assert json.loads(smwg("org", "show", prospects["uwfn"], "--json"))["member_since"] == "2016-11-11"


@pytest.mark.parametrize(
    ("key", "stage", "message"),
    [
        ("pad", "contacted",
         "smwg: Plataforma de Afectados (muestra) is at 'in_conversation': 'contacted' would be a "
         "step back; add --force to record it anyway"),
        ("pad", "signed",
         "smwg: stage: 'signed' is not one of: identified, contacted, in_conversation, applied, "
         "joined, declined"),
        ("wlrc", "contacted",
         "smwg: Women's Land Rights Collective (sample) is already at stage 'contacted'"),
        ("member", "contacted",
         "smwg: Red Andina (muestra) is a member and not in the outreach pipeline"),
    ],
    ids=["backwards", "unknown-stage", "same-stage", "member"],
)
def test_refused_moves_change_nothing(
    smwg: Smwg, prospects: dict[str, str], key: str, stage: str, message: str
) -> None:
    assert smwg.refused_unchanged("outreach", "move", prospects[key][:8], stage) == message


def test_a_step_back_is_recorded_with_force(smwg: Smwg, prospects: dict[str, str]) -> None:
    smwg("outreach", "move", prospects["pad"][:8], "contacted", "--force", "--note", "New board.")

    assert json.loads(smwg("org", "show", prospects["pad"], "--json"))["outreach_stage"] == "contacted"


def test_the_summary_measures_the_pipeline_against_the_priorities(
    smwg: Smwg, prospects: dict[str, str]
) -> None:
    summary = json.loads(smwg("outreach", "summary", "--json"))

    assert summary["all"]["by_stage"] == {
        "identified": 0, "contacted": 1, "in_conversation": 1, "applied": 1, "joined": 0,
        "declined": 0,
    }
    assert summary["groups"]["africa_women_led"]["in_pipeline"] == 2
    assert summary["groups"]["europe"]["advanced"] == 1
    assert summary["membership"]["members"] == 1
    assert summary["what_if_applicants_joined"]["members"] == 2
    assert summary["what_if_applicants_joined"]["priorities"]["women_led"] == {
        "members": 1, "share": 0.5, "in_outreach": 1,
    }
    text = smwg("outreach", "summary")
    assert column(text, "ON THEIR WAY")[:4] == ["3", "2", "1", "2"]
    assert column(text, "IF APPLICANTS JOINED") == ["2", "1 (50%)", "0 (0%)", "1 (50%)"]


# Bodies, seats and leadership


@pytest.fixture
def board(smwg: Smwg) -> dict[str, str]:
    """The Board over the years: two grassroots members from 2016, one ally from 2019."""
    ids = {
        "board": smwg.add("body", "add", "--name", "Board of ESCR-Net", "--kind", "board",
                          "--acronym", "Board"),
        "andina": smwg.add("org", "add", "--name", "Red Andina (muestra)", "--country", "BO",
                           "--set", "member_since=2010-01-01"),
    }
    ids["rosa"] = smwg.add("person", "add", "--name", "Rosa Mamani", "--org", ids["andina"][:8])
    ids["thabo"] = smwg.add("person", "add", "--name", "Thabo Nkosi", "--org", ids["andina"][:8])
    ids["dana"] = smwg.add("person", "add", "--name", "Dana Brooks")
    ids["rosa_seat"] = smwg.add("seat", "add", ids["rosa"][:8], "--body", ids["board"][:8],
                                "--role", "board_member", "--from", "2013-11-15",
                                "--org", ids["andina"][:8])
    smwg.add("seat", "add", ids["thabo"][:8], "--body", ids["board"][:8], "--role",
             "board_member", "--from", "2016-01-01")
    smwg.add("seat", "add", ids["dana"][:8], "--body", ids["board"][:8], "--role", "chair",
             "--from", "2019-12-01")
    return ids


def test_leadership_on_a_past_date_follows_the_seats(smwg: Smwg, board: dict[str, str]) -> None:
    smwg("seat", "end", board["rosa_seat"][:8], "--on", "2018-12-31")

    in_2016 = smwg("leadership", "--at", "2016-06-01")
    today = json.loads(smwg("leadership", "--json"))

    assert in_2016.splitlines()[0] == (
        "On 2016-06-01, 2 of the 2 people on the Board sit for member organisations."
    )
    assert today["grassroots_on_board"] == 1
    (figures,) = today["bodies"]
    assert (figures["people"], figures["people_from_members"]) == (2, 1)
    seats = smwg("leadership", "--at", "2017-01-01", "--body", board["board"][:8])
    assert column(seats, "PERSON") == ["Rosa Mamani", "Thabo Nkosi"]
    assert column(seats, "MEMBER ORG") == ["yes", "yes"]


def test_a_body_shows_every_seat_past_and_present(smwg: Smwg, board: dict[str, str]) -> None:
    smwg("seat", "end", board["rosa_seat"][:8], "--on", "2018-12-31")

    shown = smwg("body", "show", board["board"][:8])

    assert column(shown, "PERSON") == ["Dana Brooks", "Rosa Mamani", "Thabo Nkosi"]
    assert column(shown, "TO") == ["", "2018-12-31", ""]
    assert column(shown, "MEMBER ORG") == ["", "yes", "yes"]
    listed = json.loads(smwg("body", "list", "--json"))
    assert (listed[0]["people"], listed[0]["people_from_members"]) == (2, 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("seat", "end", "{rosa_seat}", "--on", "2010-01-01"), "smwg: end: is before the start"),
        (("seat", "add", "{rosa}", "--body", "{board}", "--role", "treasurer", "--from",
          "2020-01-01"),
         "smwg: role: 'treasurer' is not one of: member, co_chair, chair, focal_point, "
         "board_member, observer"),
        (("leadership", "--at", "2016-13-01"),
         "smwg: at: '2016-13-01' is not a date in the form YYYY-MM-DD"),
        (("body", "add", "--name", "X", "--kind", "council"),
         "smwg: body_kind: 'council' is not one of: board, thematic_working_group, "
         "working_group, other"),
    ],
    ids=["end-before-start", "unknown-role", "bad-date", "unknown-kind"],
)
def test_refused_seat_and_body_commands_change_nothing(
    smwg: Smwg, board: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    args = tuple(a.format(**{k: v[:8] for k, v in board.items()}) for a in args)

    assert smwg.refused_unchanged(*args) == message


def test_a_seat_ends_once(smwg: Smwg, board: dict[str, str]) -> None:
    smwg("seat", "end", board["rosa_seat"][:8], "--on", "2018-12-31")

    line = smwg.refused_unchanged("seat", "end", board["rosa_seat"][:8], "--on", "2019-12-31")

    assert line == "smwg: this seat already ended on 2018-12-31"


def test_the_sample_network_answers_in_a_separate_process(data_dir: Path) -> None:
    where = ("--data-dir", str(data_dir))
    assert smwg_process(*where, "demo").returncode == 0

    board = json.loads(smwg_process(*where, "leadership", "--at", "2016-06-01", "--json").stdout)
    proposals = json.loads(smwg_process(*where, "proposal", "list", "--json").stdout)
    status = smwg_process(*where, "proposal", "status", proposals[0]["id"][:8], "--on", "2016-10-12")

    assert board["grassroots_on_board"] == 3
    assert status.returncode == 0 and status.stderr == ""
    assert "5 of 7 working groups answered" in status.stdout
    refused = smwg_process(*where, "outreach", "move", proposals[0]["id"], "joined")
    assert refused.returncode == 2
    assert refused.stderr.startswith("smwg: no organisation with id")


def test_the_review_status_and_the_outreach_summary_print_from_the_command_line(
    smwg: Smwg, sent: Note, prospects: dict[str, str], tmp_path: Path
) -> None:
    from tests.reports import pdfs

    smwg("proposal", "review", sent.proposal[:8], "--body", sent.bodies["LHWG"][:8], "--state",
         "endorsed", "--comment", "Ready for the GSM.")
    review = tmp_path / "revision.pdf"
    outreach = tmp_path / "alcance.pdf"

    line = smwg("pdf", "review", sent.proposal[:8], str(review), "--lang", "es")
    summary = smwg("pdf", "outreach", str(outreach), "--lang", "es", "--region", "africa")

    assert line == f"Wrote {review}: 1 page, 1 of 3 answers.\n"
    assert summary == f"Wrote {outreach}: 2 pages, 2 organisations in the pipeline.\n"
    assert "Ready for the GSM." in pdfs.text(review)
    again = json.loads(smwg("pdf", "outreach", str(outreach), "--json"))
    assert again == {"file": str(outreach), "pages": 2, "prospects": 3, "withheld": 0}
    assert "Respuestas por grupo de trabajo" in pdfs.text(review)
    assert "Uganda Women Fisherfolk Network (sample)" in " ".join(pdfs.text(outreach).split())


def test_a_review_report_of_an_unknown_proposal_is_refused(smwg: Smwg, tmp_path: Path) -> None:
    target = tmp_path / "review.pdf"

    assert smwg.refused_unchanged("pdf", "review", "ffffffff", str(target)) == (
        "smwg: no proposal with id 'ffffffff'"
    )
    assert not target.exists()


# Outputs that scripts and people read: each command's text and JSON, exactly


def test_adding_prints_the_new_id_or_with_json_the_whole_record(
    smwg: Smwg, board: dict[str, str]
) -> None:
    note = json.loads(smwg("proposal", "add", "--title", "Concept note", "--deadline",
                           "2016-10-14", "--author", board["andina"][:8], "--json"))
    revision = json.loads(smwg("proposal", "revise", note["id"][:8], "--label", "First draft",
                               "--on", "2016-04-18", "--json"))
    body = json.loads(smwg("body", "add", "--name", "Monitoring Working Group", "--acronym",
                           "MWG", "--json"))
    seat = json.loads(smwg("seat", "add", board["dana"][:8], "--body", body["id"][:8], "--role",
                           "focal_point", "--from", "2020-01-01", "--json"))

    assert (note["title"], note["deadline"], note["author_ids"], note["status"]) == (
        "Concept note", "2016-10-14", [board["andina"]], "draft"
    )
    assert (revision["proposal_id"], revision["name"], revision["issued_on"]) == (
        note["id"], "First draft", "2016-04-18"
    )
    assert (body["name"], body["acronym"], body["body_kind"]) == (
        "Monitoring Working Group", "MWG", "thematic_working_group"
    )
    assert (seat["person_id"], seat["body_id"], seat["role"], seat["start"], seat["end"]) == (
        board["dana"], body["id"], "focal_point", "2020-01-01", None
    )
    second = smwg("proposal", "revise", note["id"][:8], "--label", "Second draft")
    versions = json.loads(smwg("proposal", "show", note["id"], "--json"))["revisions"]
    assert second == versions[1]["id"] + "\n"


def test_changing_and_sending_a_proposal_print_what_was_written_as_json(
    smwg: Smwg, note: Note
) -> None:
    assert smwg("proposal", "edit", note.proposal[:8], "--set", "summary=Ready.") == ""
    edited = json.loads(smwg("proposal", "edit", note.proposal[:8], "--set", "status=submitted",
                             "--json"))
    opened = json.loads(smwg("proposal", "send-for-review", note.proposal[:8], "--body",
                             note.bodies["LHWG"][:8], "--json"))

    assert (edited["summary"], edited["status"]) == ("Ready.", "submitted")
    assert [(r["proposal_id"], r["body_id"], r["state"]) for r in opened] == [
        (note.proposal, note.bodies["LHWG"], "pending")
    ]


def test_an_organisations_history_lists_each_move_oldest_first(
    smwg: Smwg, prospects: dict[str, str]
) -> None:
    smwg("outreach", "move", prospects["wlrc"][:8], "in_conversation", "--by",
         prospects["organiser"][:8], "--note", "Joined the virtual dialogue.", "--on", "2016-05-02")
    moved = json.loads(smwg("outreach", "move", prospects["wlrc"][:8], "applied", "--on",
                            "2016-06-10", "--json"))

    history = smwg("outreach", "history", prospects["wlrc"][:8])

    assert (moved["move"]["stage"], moved["organisation"]["outreach_stage"]) == (
        "applied", "applied"
    )
    assert moved["organisation"]["status"] == "applicant"
    assert history.splitlines() == [
        "Women's Land Rights Collective (sample)",
        "DATE        STAGE            BY              NOTE",
        "2016-05-02  in conversation  Aïssatou Diouf  Joined the virtual dialogue.",
        "2016-06-10  applied",
    ]
    assert smwg("outreach", "history", prospects["member"][:8]) == (
        "Red Andina (muestra)\nNo moves recorded.\n"
    )


def test_the_bodies_are_listed_with_the_people_seated_today(
    smwg: Smwg, board: dict[str, str]
) -> None:
    smwg("seat", "end", board["rosa_seat"][:8], "--on", "2018-12-31")

    listed = smwg("body", "list").splitlines()

    assert listed == [
        "ID        NAME               ACRONYM  KIND   PEOPLE TODAY  FROM MEMBERS",
        f"{board['board'][:8]}  Board of ESCR-Net  Board    board  2             1",
    ]


def test_ending_a_seat_names_whose_it_was_and_json_gives_the_seat(
    smwg: Smwg, board: dict[str, str]
) -> None:
    out = smwg("seat", "end", board["rosa_seat"][:8], "--on", "2018-12-31")
    shown = json.loads(smwg("body", "show", board["board"][:8], "--at", "2017-01-01", "--json"))
    dana = next(s for s in json.loads(smwg("body", "show", board["board"], "--json"))["seats"]
                if s["person"] == "Dana Brooks")
    ended = json.loads(smwg("seat", "end", dana["id"][:8], "--on", "2021-06-30", "--json"))

    assert out == "Rosa Mamani's seat in Board of ESCR-Net ends on 2018-12-31.\n"
    assert [(s["person"], s["sits_for_name"], s["from_member"], s["end"])
            for s in shown["seats"]] == [
        ("Rosa Mamani", "Red Andina (muestra)", True, "2018-12-31"),
        ("Thabo Nkosi", "Red Andina (muestra)", True, None),
    ]
    assert (ended["id"], ended["role"], ended["end"]) == (dana["id"], "chair", "2021-06-30")


@pytest.mark.parametrize(
    ("command", "line"),
    [
        (("proposal", "show"), "--on DATE Count the days left from this date."),
        (("proposal", "status"), "--on DATE Count the days left from this date."),
        (("proposal", "revise"), "--on DATE The date of this version."),
        (("seat", "add"), "--from DATE [required]"),
        (("seat", "add"), "--to DATE"),
        (("seat", "end"), "--on DATE The last day it is held. [required]"),
        (("body", "show"), "--at DATE Only the seats held on this date."),
        (("leadership",), "--at DATE The date to look at (default: today)."),
    ],
)
def test_every_date_option_says_it_takes_a_date(
    smwg: Smwg, command: tuple[str, ...], line: str
) -> None:
    assert line in [" ".join(text.split()) for text in smwg(*command, "--help").splitlines()]


def test_the_review_report_with_json_gives_the_file_and_its_figures(
    smwg: Smwg, sent: Note, tmp_path: Path
) -> None:
    smwg("proposal", "review", sent.proposal[:8], "--body", sent.bodies["LHWG"][:8], "--state",
         "endorsed")
    review = tmp_path / "review.pdf"

    printed = json.loads(smwg("pdf", "review", sent.proposal[:8], str(review), "--json"))

    assert printed == {"file": str(review), "pages": 1, "reviews": 3, "answered": 1}
