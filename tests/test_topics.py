"""The topic registry (ecmguide/data/topics.yml): each fact topic is declared once, and everything follows.

The slow test adds a topic to a copy of the project, in the declaration file alone, and checks that the
topic reaches every output: the discipline page and the facts page, the guide PDF and the handout, the
compare page, coverage, the JSON Schema, the template and the open data.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from ecmguide.law import schema

from conftest import REPO, TODAY, text_of

TOPIC = """
- path: interpreter_confidentiality
  title: Interpreter confidentiality
  short: Interp
  subject: interpreter confidentiality
  doc: Whether interpreters who work with victims must keep what they hear confidential.
  where: The court interpreter statute.
  disciplines: [healthcare]
  question: "Must interpreters keep it confidential in {jurisdiction}?"
  answer: "Yes: interpreters must keep what they hear confidential."
  fields:
    - name: court_only
      kind: bool
      doc: true if the duty reaches court interpreters only.
      example: true
      label: Court interpreters only
      labels: {true: "yes", false: "no"}
      compare: {headline: true, label: court interpreters only, missing: not coded}
      qc: true
"""
FACT = """
interpreter_confidentiality:
  status: in_force
  citation: "Fixture Code § 1"
  summary: "A fixture fact, written for this test only: interpreters keep what they hear confidential."
  source_url: "https://example.gov/fixture"
  checked_against: secondary
  last_reviewed: {today}
  confidence: medium
  court_only: true
"""


def test_every_macro_lists_the_pages_that_call_it():
    """The change report names the pages a topic shows on from the macro declarations: they match the guide."""
    calls: dict[str, set[str]] = {}
    for page in (REPO / "docs").rglob("*.md"):
        rel = page.relative_to(REPO / "docs").as_posix()
        if rel.startswith("es/"):
            continue  # the Spanish pages mirror the English ones
        for name in re.findall(r"\{\{\s*(\w+)\(\)", page.read_text(encoding="utf-8")):
            calls.setdefault(name, set()).add(rel)
    for name, paths in schema.topic_macros().items():
        assert set(schema.MACROS[name]["pages"]) == calls.get(name, set()), name
        assert paths, name


def test_a_declaration_with_an_unknown_key_is_refused():
    with pytest.raises(ValueError, match="unknown key"):
        schema._declared_topic(
            {"path": "x", "title": "X", "doc": "", "where": "", "disciplines": [], "short": "X", "colour": "red"}
        )
    with pytest.raises(ValueError, match="unknown discipline"):
        schema._declared_topic(
            {"path": "x", "title": "X", "doc": "", "where": "", "disciplines": ["nurses"], "short": "X"}
        )


@pytest.mark.slow
def test_a_topic_declared_once_reaches_every_output(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    for name in ("docs", "maintainers", "ecmguide"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(REPO / name, root / name)
    (root / "overlays").mkdir()
    (root / "jurisdictions").mkdir()
    for code in ("us", "ca"):
        shutil.copy(REPO / "overlays" / f"{code}.yml", root / "overlays")
        shutil.copy(REPO / "jurisdictions" / f"{code}.yml", root / "jurisdictions")
    topics = root / "ecmguide" / "data" / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + TOPIC, encoding="utf-8")  # the one declaration
    with (root / "overlays" / "ca.yml").open("a", encoding="utf-8") as f:
        f.write(FACT.format(today=TODAY.isoformat()))

    env = {
        "PATH": "/usr/bin:/bin",
        "NO_MKDOCS_2_WARNING": "1",
        "ECMGUIDE_TODAY": TODAY.isoformat(),
        "HOME": str(tmp_path),
    }

    def run(*args):
        done = subprocess.run(
            [sys.executable, "-m", "ecmguide", *args], cwd=root, env=env, capture_output=True, text=True, timeout=900
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout + done.stderr

    run("schema")
    overlay_schema = json.loads((root / "overlays" / "overlay.schema.json").read_text(encoding="utf-8"))
    assert "court_only" in json.dumps(overlay_schema["properties"]["interpreter_confidentiality"])
    assert "interpreter_confidentiality:" in (root / "overlays" / "_template.yml").read_text(encoding="utf-8")
    assert "`interpreter_confidentiality`" in (root / "maintainers" / "overlay-field-reference.md").read_text()
    assert re.search(r"\bInterp\b", run("coverage", "--no-notes"))
    run("build", "--only", "ca", "-j", "2")

    site = root / "site"
    page = text_of(site / "ca" / "disciplines" / "healthcare" / "index.html")
    assert "Must interpreters keep it confidential in California?" in page  # the short answer
    assert "Interpreter confidentiality" in page and "Court interpreters only: yes" in page
    facts = text_of(site / "ca" / "jurisdiction-facts" / "index.html")
    assert "Interpreter confidentiality" in facts and "Fixture Code § 1" in facts
    advocates = text_of(site / "ca" / "disciplines" / "advocates" / "index.html")
    assert "Interpreter confidentiality" not in advocates  # declared for healthcare only
    for pdf in ("ca-guide.pdf", "ca-healthcare.pdf"):
        text = " ".join(p.extract_text() for p in PdfReader(site / "ca" / "downloads" / pdf).pages)
        assert "Interpreter confidentiality" in text and "Court interpreters only" in text, pdf
    compare = text_of(site / "compare" / "index.html")
    assert "Interpreter confidentiality" in compare and "court interpreters only: yes" in compare
    data = json.loads((site / "data" / "facts.json").read_text(encoding="utf-8"))
    facts = [f for j in data["jurisdictions"] for f in j["facts"] if f["topic"] == "interpreter_confidentiality"]
    assert [f["values"]["court_only"] for f in facts if f["jurisdiction"] == "ca"] == [True]
    data_schema = json.loads((site / "data" / "schema.json").read_text(encoding="utf-8"))
    assert "interpreter_confidentiality" in data_schema["$defs"]["fact"]["properties"]["topic"]["enum"]
    home = text_of(site / "index.html")
    assert "victims' rights and interpreter confidentiality, plus printable PDFs" in home
