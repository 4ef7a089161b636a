"""For survivors: every sentence of the explainer comes from the catalog by status and value, an open question
always reads "ask me", and every edition has the printed explainer (5 pages) and release form (1-2 pages) in
English and Spanish."""

import concurrent.futures as cf
import dataclasses
import datetime as dt
import multiprocessing
import re
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from ecmguide.editions.project import Project
from ecmguide.law import schema
from ecmguide.law.model import Edition, Fact, Overlay
from ecmguide.outputs import survivor
from ecmguide.outputs.catalog import messages

from conftest import REPO, TODAY

EDITION = Edition(
    code="tx",
    title="T",
    jurisdiction="Texas",
    layers=(Overlay("tx", "Texas", "state", "x"),),
    facts={},
    federal={},
    file="x",
    edition_date=dt.date(2026, 12, 7),
)
SEARCHED = (("date", dt.date(2026, 11, 20)), ("sources", ("https://statutes.capitol.texas.gov/x (looked for: y)",)))


def edition_with(**facts) -> Edition:
    return dataclasses.replace(EDITION, facts={k.replace("__", "."): v for k, v in facts.items()})


def texts(edition, discipline, lang="en") -> list[str]:
    return [s.text() for b in survivor.blocks(edition, discipline, lang) for s in b.sentences]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_open_question_always_reads_ask_me_never_no(lang):
    ask = {"en": "Ask me", "es": "Pregúnteme"}[lang]
    for status in ("unknown", "none_found"):
        searched = SEARCHED if status == "none_found" else ()
        edition = edition_with(
            **{s.path.replace(".", "__"): Fact(slot=s.path, status=status, searched=searched) for s in schema.SLOTS}
        )
        for d in schema.DISCIPLINES:
            for b in survivor.blocks(edition, d, lang):
                if b.heading in (
                    messages(lang)["survivor"][k] for k in ("report_heading", "warn_heading", "address_heading")
                ):
                    assert all(ask in s.text() for s in b.sentences), (status, d, b)
        said = " ".join(texts(edition, "advocates", lang))
        if status == "unknown":
            assert messages(lang)["survivor"]["privilege_unknown"] in said
        else:  # searched and not found: says so, and still asks
            assert messages(lang)["survivor"]["privilege_none_found"].format(J="Texas") in said


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_template_fills_for_every_value(lang):
    m = messages(lang)["survivor"]
    seen = set()
    for universal in (True, False, "conditional"):
        for rule in ("mandatory", "permissive", "none"):
            for through in ("self", "application_assistant", "advocate"):
                edition = edition_with(
                    mandated_reporting__child=Fact(
                        slot="mandated_reporting.child",
                        status="in_force",
                        citation="c",
                        summary="s",
                        extra=(("universal", universal),),
                    ),
                    mandated_reporting__vulnerable_adult=Fact(
                        slot="mandated_reporting.vulnerable_adult",
                        status="in_force",
                        citation="c",
                        summary="s",
                        extra=(("universal", universal),),
                    ),
                    duty_to_warn=Fact(
                        slot="duty_to_warn", status="in_force", citation="c", summary="s", extra=(("rule", rule),)
                    ),
                    address_confidentiality=Fact(
                        slot="address_confidentiality",
                        status="in_force",
                        citation="c",
                        summary="s",
                        extra=(
                            ("apply", (("how", "h"), ("through", through))),
                            ("phone", "(888) 832-2322"),
                            ("program_name", "Safe at Home"),
                        ),
                    ),
                    privileges__psychotherapist=Fact(
                        slot="privileges.psychotherapist", status="in_force", citation="c", summary="s"
                    ),
                )
                for d in schema.DISCIPLINES:
                    for t in texts(edition, d, lang):
                        assert "{" not in t and "None" not in t, t
                        seen.add(t)
    key = {True: "true", False: "false", "conditional": "conditional"}
    for k in key.values():
        assert m["child"][k].format(J="Texas") in seen and m["adult"][k].format(J="Texas") in seen
    for rule in ("mandatory", "permissive", "none"):
        assert m["warn"][rule] in seen
    for through in ("self", "application_assistant", "advocate"):
        assert m["apply"][through] in seen
    assert m["address_call"].format(phone="(888) 832-2322") in seen
    assert m["privilege_yes"].format(J="Texas", who=m["who"]["privileges.psychotherapist"]) in seen


def test_the_federal_edition_gives_federal_rules_and_says_state_law_adds_more():
    us = Project(REPO, TODAY).edition("us")
    said = " ".join(texts(us, "advocates"))
    assert messages()["survivor"]["federal"] in said and messages()["survivor"]["vawa"] in said
    assert "In the United States" not in said  # no state rule stated for the federal edition


def test_measured_sentences_replace_names_and_numbers_by_one_word():
    tx = Project(REPO, TODAY).edition("tx")
    measured = " ".join(survivor.running_sentences(tx, "advocates"))
    assert "Texas" not in measured and "832-2322" not in measured and survivor.NAME_TOKEN in measured


def test_a_local_edition_fills_the_agency_blank_from_its_manifest():
    example = Project(REPO, TODAY).edition("ca-example")
    assert example.task_force and example.task_force in str(survivor.page_html(example, "advocates"))
    ca = Project(REPO, TODAY).edition("ca")
    assert '<span class="blank"></span></span>' in str(survivor.page_html(ca, "advocates"))


def _render(code: str) -> list[tuple[str, int, str, str]]:
    """(file, pages, PDF language, text) of the survivor documents of one edition."""
    from ecmguide.outputs.printed import forms, pdf

    edition = Project(REPO, TODAY).edition(code)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for doc in pdf.documents(edition, []):
            if doc.kind not in ("survivors", "release"):
                continue
            html = forms.document_html(edition, doc.kind, doc.lang)
            if code != "tx":  # laid out, not written: the page count is the layout's (tx is written and read back)
                document = pdf.layout(html, tmp)
                lang = re.search(r'<html lang="([a-z]+)"', html).group(1)
                text = re.sub(r"<[^>]+>", " ", html)
                out.append((doc.filename, len(document.pages), lang, re.sub(r"\s+", " ", text)))
                continue
            path = Path(tmp) / doc.filename
            pdf.render(html, path, tmp)
            reader = PdfReader(path)
            text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
            out.append((doc.filename, len(reader.pages), str(reader.trailer["/Root"].get("/Lang")), text))
    return out


@pytest.mark.slow
def test_every_edition_has_the_explainer_in_five_pages_and_the_release_form_in_both_languages():
    codes = Project(REPO, TODAY).edition_codes()
    with cf.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        results = [r for batch in pool.map(_render, codes) for r in batch]
    assert len(results) == 4 * len(codes)
    wrong = []
    for name, pages, lang, text in results:
        expected_lang = "es" if name.endswith("-es.pdf") else "en"
        limits = (5, 5) if "-survivors" in name else (1, 2)
        if not limits[0] <= pages <= limits[1] or lang != expected_lang:
            wrong.append((name, pages, lang))
        if expected_lang == "es" and "Traducido; aún no revisado por una persona." not in text:
            wrong.append((name, "no translation notice"))
        if "-survivors" in name and "1-888-373-7888" not in text:
            wrong.append((name, "no national line"))
    assert wrong == []


def test_each_survivor_page_links_the_same_page_in_the_other_language_and_exits_quickly():
    tx = Project(REPO, TODAY).edition("tx")
    en, es = str(survivor.web_page(tx, "healthcare")), str(survivor.web_page(tx, "healthcare", "es"))
    assert '<a href="../es/healthcare/" hreflang="es" lang="es">En español</a>' in en
    assert '<a href="../../healthcare/" hreflang="en" lang="en">In English</a>' in es
    assert '<div class="explainer" lang="es">' in es
    for page in (en, es):
        assert 'href="about:blank" data-quick-exit' in page  # leaves without asking any other site
