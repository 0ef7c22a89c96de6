"""The built-in LSSC framework and the framework file readers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

import lta_align as la
from lta_align.columns import FRAMEWORK_COLUMNS, SET_COLUMNS
from lta_align.frameworks import framework_to_frame


@pytest.fixture(scope="module")
def lssc() -> la.Framework:
    return la.load_framework("lssc")


def test_lssc_has_ten_sets_three_required(lssc):
    assert len(lssc.sets) == 10
    required = lssc.sets.loc[lssc.sets["required"], "set_name"].tolist()
    assert required == [
        "Foundations of Library Services",
        "Communication and Teamwork",
        "Technology",
    ]
    assert lssc.rule is not None and lssc.rule.n_electives == 3
    assert "every competency" in lssc.rule.text


def test_lssc_tables_have_contract_columns(lssc):
    assert list(lssc.competencies.columns[:5]) == FRAMEWORK_COLUMNS
    assert list(lssc.sets.columns[:4]) == SET_COLUMNS
    assert isinstance(lssc.name, str) and "LSSC" in lssc.name
    assert lssc.version == "2012"


def test_lssc_competency_ids_are_set_id_dot_number(lssc):
    comps = lssc.competencies
    assert comps["competency_id"].is_unique
    expected = comps["set_id"] + "." + comps["number"]
    assert (comps["competency_id"] == expected).all()
    counts = lssc.sets.set_index("set_id")["n_competencies"]
    assert counts["cataloging_classification"] == 8
    assert counts["foundations"] == 12
    assert counts.sum() == len(comps)


def test_lssc_marks_the_three_sets_known_only_in_part(lssc):
    assert lssc.incomplete_sets == [
        "adult_readers_advisory",
        "supervision_management",
        "youth_services",
    ]
    note = lssc.provisional_note("youth_services")
    assert "Provisional" in note and "official" in note
    assert lssc.provisional_note("technology") == ""
    # the missing items are not invented: the partial ones say they are partial
    partial = lssc.competencies[lssc.competencies["partial"]]
    assert set(partial["competency_id"]) == {
        "adult_readers_advisory.12",
        "supervision_management.15",
    }
    assert all("missing" in t for t in partial["text"])


def test_lssc_match_terms_are_kept_apart_from_statements(lssc):
    terms = lssc.match_terms["cataloging_classification.4"]
    assert "Dewey Decimal Classification" in terms
    text = lssc.competencies.set_index("competency_id").at[
        "cataloging_classification.4", "text"
    ]
    assert "Dewey" not in text


def test_lssc_says_its_wording_is_a_paraphrase(lssc):
    assert "paraphrase" in lssc.source_note
    assert "official" in lssc.source_note


def test_csv_export_loads_back_to_the_same_framework(lssc, tmp_path):
    path = tmp_path / "lssc.csv"
    framework_to_frame(lssc).to_csv(path, index=False)
    back = la.load_framework(path)
    pd.testing.assert_frame_equal(back.competencies, lssc.competencies)
    pd.testing.assert_frame_equal(back.sets, lssc.sets)
    assert dict(back.match_terms) == dict(lssc.match_terms)
    assert (back.name, back.version) == (lssc.name, lssc.version)
    assert back.rule is not None and back.rule.n_electives == 3


def test_cli_csv_export_round_trips(lssc, tmp_path):
    out = tmp_path / "lssc_official.csv"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "lta_align",
            "framework",
            "show",
            "lssc",
            "--format",
            "csv",
            "--output",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    back = la.load_framework(out)
    pd.testing.assert_frame_equal(back.competencies, lssc.competencies)


def test_xlsx_export_loads_back(lssc, tmp_path):
    from lta_align.frameworks._export import write_framework_xlsx

    path = write_framework_xlsx(lssc, tmp_path / "fw.xlsx")
    back = la.load_framework(path)
    pd.testing.assert_frame_equal(back.competencies, lssc.competencies)


def test_case_style_columns_are_accepted(tmp_path):
    path = tmp_path / "case.csv"
    pd.DataFrame(
        {
            "identifier": ["9f1c", "9f1d", "9f1e"],
            "humanCodingScheme": ["CLA.1.1", "CLA.1.2", "CLA.2.1"],
            "fullStatement": [
                "Explain library roles.",
                "Describe ethics.",
                "Catalogue items with RDA.",
            ],
            "isChildOf": ["CLA.1", "CLA.1", "CLA.2"],
        }
    ).to_csv(path, index=False)
    fw = la.load_framework(path)
    assert fw.competencies["competency_id"].tolist() == [
        "CLA.1.1",
        "CLA.1.2",
        "CLA.2.1",
    ]
    assert fw.sets["set_id"].tolist() == ["CLA.1", "CLA.2"]
    assert fw.sets["n_competencies"].tolist() == [2, 1]


def test_program_outcomes_without_sets_become_one_set(tmp_path):
    path = tmp_path / "our_program_outcomes.csv"
    path.write_text(
        "number,statement\n1,Apply cataloging standards.\n"
        "2,Provide reference service.\n",
        encoding="utf-8",
    )
    fw = la.load_framework(path)
    assert fw.sets["set_name"].tolist() == ["our_program_outcomes"]
    assert fw.competencies["competency_id"].tolist() == [
        "our_program_outcomes.1",
        "our_program_outcomes.2",
    ]
    assert fw.rule is None


def test_yaml_framework_nested_and_flat(tmp_path):
    nested = tmp_path / "state.yaml"
    nested.write_text(
        yaml.safe_dump(
            {
                "name": "State LTA outcomes",
                "version": "2024",
                "sets": [
                    {
                        "id": "core",
                        "name": "Core",
                        "required": True,
                        "competencies": [
                            {"number": 1, "text": "Explain libraries."},
                            {"number": 2, "text": "Shelve materials."},
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    fw = la.load_framework(nested)
    assert (fw.name, fw.version) == ("State LTA outcomes", "2024")
    assert fw.competencies["competency_id"].tolist() == ["core.1", "core.2"]
    assert bool(fw.sets["required"].iloc[0])

    flat = tmp_path / "flat.yml"
    flat.write_text(
        yaml.safe_dump(
            {
                "competencies": [
                    {"competency_id": "A1", "set": "A", "text": "Do a thing."}
                ]
            }
        ),
        encoding="utf-8",
    )
    assert la.load_framework(flat).competencies["competency_id"].tolist() == ["A1"]


def test_xlsx_framework_prefers_a_competencies_sheet(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Read me"
    book.active.append(["This sheet explains the file."])
    sheet = book.create_sheet("Competencies")
    sheet.append(["Competency ID", "Set", "Statement", "Required"])
    sheet.append(["T.1", "Tech", "Troubleshoot printers.", "yes"])
    path = tmp_path / "fw.xlsx"
    book.save(path)
    fw = la.load_framework(path)
    assert fw.competencies["text"].tolist() == ["Troubleshoot printers."]
    assert bool(fw.sets["required"].iloc[0])


# --- bad framework files: one clear message naming file, row and fix ----------
def test_missing_statement_column_names_file_and_fix(tmp_path):
    path = tmp_path / "nocol.csv"
    path.write_text("competency_id,set_id\nA.1,A\n", encoding="utf-8")
    with pytest.raises(la.SchemaError, match=r"nocol\.csv.*statement column.*Rename"):
        la.load_framework(path)


def test_duplicate_ids_and_empty_statements_are_all_listed(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "competency_id,set_id,text\nA.1,A,One\nA.1,A,Two\nA.2,A,\n", encoding="utf-8"
    )
    with pytest.raises(la.FrameworkError) as info:
        la.load_framework(path)
    message = str(info.value)
    assert "bad.csv" in message and "2 problem(s)" in message
    assert "row 3: duplicate competency id 'A.1' (first on row 2)" in message
    assert "row 4 (A.2): the statement is empty" in message


def test_bad_required_value_is_reported(tmp_path):
    path = tmp_path / "req.csv"
    path.write_text(
        "competency_id,set_id,text,required\nA.1,A,One,maybe\n", encoding="utf-8"
    )
    with pytest.raises(la.FrameworkError, match="required is 'maybe'; use yes or no"):
        la.load_framework(path)


def test_wrong_sheet_lists_the_sheets(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Sets"
    book.active.append(["competency_id", "text"])
    path = tmp_path / "fw.xlsx"
    book.save(path)
    with pytest.raises(la.SchemaError, match=r"no sheet named 'Outcomes'.*\['Sets'\]"):
        la.load_framework(path, sheet="Outcomes")


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(la.InputFileError, match="not a built-in framework"):
        la.load_framework(tmp_path / "nope.csv")
    odd = tmp_path / "fw.json"
    odd.write_text("{}", encoding="utf-8")
    with pytest.raises(la.UnsupportedFormatError, match=r"\.json"):
        la.load_framework(odd)


def test_corrupt_xlsx_framework_is_a_parse_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(la.ParseError, match="broken.xlsx.*damaged"):
        la.load_framework(path)


def test_yaml_without_sets_explains_the_layout(tmp_path):
    path = tmp_path / "odd.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(la.SchemaError, match="top-level 'sets:'"):
        la.load_framework(path)


def test_framework_template_loads(tmp_path):
    template = Path(__file__).parents[1] / "templates" / "framework_template.csv"
    fw = la.load_framework(template)
    assert len(fw.competencies) >= 2
    assert fw.competencies["text"].str.len().gt(0).all()


def test_changing_a_loaded_framework_does_not_change_the_next_load():
    first = la.load_framework("lssc")
    before = la.load_framework("lssc")
    first.competencies.loc[:, "text"] = "changed"
    first.sets.loc[:, "set_name"] = "changed"
    first.match_terms.clear()
    again = la.load_framework("lssc")
    assert again is not first
    pd.testing.assert_frame_equal(again.competencies, before.competencies)
    pd.testing.assert_frame_equal(again.sets, before.sets)
    assert again.match_terms == before.match_terms and len(again.match_terms)


def test_a_builtin_missing_from_the_install_is_named_with_the_fix(monkeypatch):
    from lta_align import frameworks

    monkeypatch.setitem(frameworks.BUILTINS, "ghost", "ghost.yaml")
    with pytest.raises(
        la.LtaAlignError, match=r"frameworks/data/ghost\.yaml.*Reinstall"
    ):
        la.load_framework("ghost")
