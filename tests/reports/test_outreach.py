"""The outreach summary: the pipeline by stage and the priority figures with charts, counting
every organisation but naming only those that may be printed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.core.outreach import PipelineFilter, move
from smwg_desktop.reports.common import WORKING_GROUP
from smwg_desktop.reports.outreach import write_outreach
from tests.reports import pdfs
from tests.reports.conftest import Network

ON = date(2016, 11, 1)


@pytest.fixture
def pipeline(network: Network) -> Network:
    """Besides the fixture's Spanish prospect (identified): five more, one of them at risk.

    ====================  =======  ===============  =========  ============================
    organisation          country  stage            women-led  last move by
    ====================  =======  ===============  =========  ============================
    Plataforma Prospecto  ES       identified       -          (no move)
    Women's Land Rights   MW       in_conversation  yes        Rosa Mamani
    Uganda Fisherfolk     UG       applied          yes        Carmen Reservada (no consent)
    Roma Housing Network  RO       contacted        yes        Rosa Mamani
    Tenants' Union        DE       declined         -          (no one)
    Hidden Prospect       KE       contacted        yes        at risk: counted, not named
    ====================  =======  ===============  =========  ============================
    """
    directory, ids = network.directory, network.ids
    for key, name, country in (
        ("wlrc", "Women's Land Rights Collective (sample)", "MW"),
        ("uwfn", "Uganda Women Fisherfolk Network (sample)", "UG"),
        ("roma", "Roma Grassroots Housing Network (sample)", "RO"),
        ("secret", "Hidden Prospect Network (sample)", "KE"),
    ):
        ids[key] = directory.create(Organisation, {
            "name": name, "country": country, "status": "prospect", "women_led": True,
            "at_risk": key == "secret", "constituencies": "peasants",
        }).id
    ids["tenants"] = directory.create(
        Organisation, {"name": "Mieterinitiative (sample)", "country": "DE", "status": "prospect"}
    ).id
    for key, stages, who in (
        ("wlrc", ("contacted", "in_conversation"), "rosa"),
        ("uwfn", ("contacted", "applied"), "carmen"),
        ("roma", ("contacted",), "rosa"),
        ("tenants", ("declined",), ""),
        ("secret", ("contacted",), "rosa"),
    ):
        for n, stage in enumerate(stages):
            move(directory, ids[key], stage, on=date(2016, 3 + n, 1),
                 responsible_id=ids.get(who, ""))
    return network


def test_every_stage_lists_the_organisations_that_may_be_named(
    pipeline: Network, tmp_path: Path
) -> None:
    path = tmp_path / "outreach.pdf"

    result = write_outreach(pipeline.directory, path, today=ON)

    assert (result.prospects, result.withheld) == (5, 1)
    text = " ".join(pdfs.text(path).split())
    stages = text[text.index("The pipeline, stage by stage") :]
    expected = [
        ("Identified (1)", "Plataforma Prospecto (muestra)"),
        ("Contacted (1)", "Roma Grassroots Housing Network (sample)"),
        ("In conversation (1)", "Women's Land Rights Collective (sample)"),
        ("Applied (1)", "Uganda Women Fisherfolk Network (sample)"),
        ("Joined (0)", "None."),
        ("Declined (1)", "Mieterinitiative (sample)"),
    ]
    places = [stages.index(title) for title, _ in expected]
    assert places == sorted(places)
    for (title, first), start in zip(expected, places, strict=True):
        assert stages.index(first, start) > start, title
    assert "Hidden Prospect" not in text
    assert "1 organisation at risk or not listed is counted above but not named here." in text


def test_every_page_names_the_summary_and_the_network_and_says_a_closed_meeting(
    pipeline: Network, tmp_path: Path
) -> None:
    path = tmp_path / "outreach.pdf"

    result = write_outreach(pipeline.directory, path, today=ON, closed_meeting=True)

    assert pdfs.running_heads(path) == [f"Outreach summary · {WORKING_GROUP}"] * result.pages
    assert result.pages > 1
    assert pdfs.text(path).count("Closed meeting: contains withheld records") == result.pages


def test_the_person_responsible_is_named_only_with_consent(
    pipeline: Network, tmp_path: Path
) -> None:
    path = tmp_path / "outreach.pdf"
    write_outreach(pipeline.directory, path, today=ON)
    text = pdfs.text(path)

    assert text.count("Rosa Mamani") == 2  # the Roma network's move and the Collective's
    assert "Carmen Reservada" not in text


def test_the_priority_figures_count_everyone_in_the_pipeline(
    pipeline: Network, tmp_path: Path
) -> None:
    path = tmp_path / "outreach.pdf"
    write_outreach(pipeline.directory, path, today=ON)
    text = pdfs.text(path)

    # Stages: identified, contacted, in conversation, applied, joined, declined; on their way.
    rows = {
        "All prospects": "1 2 1 1 0 1 5",
        "From Africa": "0 1 1 1 0 0 3",
        "From Europe": "1 1 0 0 0 1 2",
        "Led by women": "0 2 1 1 0 0 4",
    }
    for name, figures in rows.items():
        pattern = re.escape(name) + r"\s+" + r"\s+".join(figures.split()) + r"\b"
        assert re.search(pattern, text), name
    # Members: the fixture's andina, golfo, shack, hidden and unlisted; one applicant (UWFN).
    membership = " ".join(text[text.index("The membership now") :].split())
    assert "Member organisations 5 6" in membership
    assert "From Africa 1 (20%) 2 (33%)" in membership
    assert "Share of member organisations" in text


def test_the_what_if_counts_the_applicants_as_members(pipeline: Network, tmp_path: Path) -> None:
    path = tmp_path / "outreach.pdf"
    move(pipeline.directory, pipeline.ids["wlrc"], "applied", on=date(2016, 6, 1))

    write_outreach(pipeline.directory, path, today=ON)

    membership = " ".join(pdfs.text(path)[pdfs.text(path).index("The membership now") :].split())
    # Five members (see above); the applicants WLRC and UWFN would make seven.
    assert "Member organisations 5 7" in membership
    assert "From Africa 1 (20%) 3 (43%)" in membership
    assert "Led by women 1 (20%) 3 (43%)" in membership


def test_a_narrowed_summary_says_what_it_shows(pipeline: Network, tmp_path: Path) -> None:
    path = tmp_path / "outreach.pdf"

    result = write_outreach(
        pipeline.directory, path, today=ON, wanted=PipelineFilter(region="africa", women_led=True)
    )

    text = pdfs.text(path)
    assert result.prospects == 2
    assert "Only prospects that are: Africa, led by women" in " ".join(text.split())
    assert "Plataforma Prospecto" not in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("es", ("Resumen del acercamiento a nuevas organizaciones", "El proceso, etapa por etapa",
                "Dirigidas por mujeres", "Si todas las solicitantes se unieran", "En camino")),
        ("fr", ("Synthèse de la prospection", "La prospection, étape par étape",
                "Dirigées par des femmes", "Si toutes les candidates adhéraient", "En chemin")),
    ],
)
def test_the_summary_reads_in_spanish_and_french(
    pipeline: Network, tmp_path: Path, lang: str, words: tuple[str, ...]
) -> None:
    path = tmp_path / f"outreach-{lang}.pdf"
    write_outreach(pipeline.directory, path, lang=lang, today=ON)
    text = " ".join(pdfs.text(path).split())

    for word in words:
        assert word in text, word


def test_a_closed_meeting_edition_names_the_prospect_at_risk(
    pipeline: Network, tmp_path: Path
) -> None:
    path = tmp_path / "outreach.pdf"

    result = write_outreach(pipeline.directory, path, today=ON, closed_meeting=True)

    text = " ".join(pdfs.text(path).split())
    assert result.withheld == 0
    assert "Hidden Prospect Network (sample)" in text and "Carmen Reservada" in text
    assert "Closed-meeting edition" in text


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_the_demo_summary_prints_with_its_charts_and_every_page_renders(
    demo: Directory, tmp_path: Path, lang: str
) -> None:
    path = tmp_path / f"outreach-{lang}.pdf"

    result = write_outreach(demo, path, lang=lang, paper="letter")

    assert result.prospects == 16 and result.withheld == 0
    images = pdfs.render(path, scale=0.3)
    assert len(images) == result.pages and all(pdfs.has_ink(image) for image in images)
