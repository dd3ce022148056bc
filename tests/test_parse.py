"""`resume-inbox parse FILE...`: one JSON line per file, errors reported and the run goes on."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cli import app
from tests.factories import make_docx, make_pdf


def test_parse_prints_one_json_line_per_file_and_goes_on_after_an_error(tmp_path):
    good = tmp_path / "Jane_Doe_CV.pdf"
    good.write_bytes(make_pdf(["Jane Doe", "jane.doe@example.com | (312) 555-0123 | Chicago, IL", "EXPERIENCE",
                               "Analyst, Acme, 2019 - 2024"]))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a pdf")
    docx = tmp_path / "cv.docx"
    docx.write_bytes(make_docx(["Akash Kumar", "Email: akash123@gmail.com | Phone: +91 98765 43210"]))

    result = CliRunner().invoke(app, ["parse", str(good), str(broken), str(docx)])

    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r["file"] for r in rows] == [str(good), str(broken), str(docx)]
    fields = rows[0]["fields"]
    assert fields["first_name"]["value"] == "Jane" and fields["last_name"]["value"] == "Doe"
    assert fields["email"]["value"] == "jane.doe@example.com"
    assert fields["phone"]["value"] == "(312) 555-0123"
    assert 0 < fields["email"]["score"] <= 1
    assert "error" in rows[1] and rows[1]["error"]
    assert rows[2]["fields"]["phone_e164"]["value"] == "+919876543210"


def test_parse_reports_a_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["parse", str(tmp_path / "nope.pdf")])
    row = json.loads(result.output.strip().splitlines()[-1])
    assert row["file"].endswith("nope.pdf") and "error" in row
