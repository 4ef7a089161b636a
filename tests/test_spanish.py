"""The guide in Spanish (issue #27 items 4 and 6): an edition that opts in with `languages: [en, es]` publishes
<code>-es, built from docs/es/, linked both ways; Puerto Rico opts in.

The fast tests check the sources, the manifest rules and the rendering; the slow ones build pr, pr-es and us
(with PDFs) once and read what readers get."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from ecmguide.editions.project import Project
from ecmguide.law import schema
from ecmguide.outputs import render
from ecmguide.outputs.catalog import messages, unreviewed_notice
from ecmguide.review.affected import affected

from conftest import REPO, TODAY, text_of

DOCS, ES = REPO / "docs", REPO / "docs" / "es"
UNREVIEWED = "Traducido; aún no revisado por una persona."
FACTS_NOTE = "Los datos legales se muestran en inglés: aún no hay una traducción revisada."
MACRO = re.compile(r"\{\{.*?\}\}")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def english_pages() -> list[str]:
    """The guide's English pages that docs/es/ mirrors (the survivor explainers in Spanish are English editions')."""
    return sorted(
        str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] not in ("es", "survivors")
    )


# ---------------------------------------------------------------- the Spanish pages (fast)


def test_every_english_page_has_a_spanish_page_with_the_same_macros_and_link_targets():
    for rel in english_pages():
        en, es = (DOCS / rel).read_text(encoding="utf-8"), ES / rel
        assert es.is_file(), f"docs/es/{rel} is missing"
        es_text = es.read_text(encoding="utf-8")
        assert sorted(MACRO.findall(es_text)) == sorted(MACRO.findall(en)), rel
        assert sorted(set(LINK.findall(es_text))) == sorted(set(LINK.findall(en))), rel


def test_spanish_headings_keep_the_english_anchors():
    """Links between pages, the fact boxes' guidance links and the language switcher land on the same section."""
    from markdown.extensions.toc import slugify

    for rel in english_pages():
        en = [
            slugify(h, "-")
            for h in re.findall(r"^#{2,3} (.+)$", (DOCS / rel).read_text(encoding="utf-8"), re.M)
            if h != "Duties at a glance"
        ]  # printed in the handout only, never linked
        es = re.findall(r"^#{2,3} .+ \{: #([a-z0-9-]+) \}$", (ES / rel).read_text(encoding="utf-8"), re.M)
        assert es == en, rel


def test_the_spanish_nav_lists_every_spanish_page_once():
    from ecmguide.outputs.site.mkdocs_site import _base_nav, page_sources
    from ecmguide.pipeline.workers import nav_order_of

    order = nav_order_of(_base_nav(Project(REPO, TODAY), "es"))
    assert sorted(order) == page_sources(Project(REPO, TODAY), "es") and len(order) == len(set(order))


def test_the_glossary_lists_sourced_terms_first_and_says_which_need_a_reviewer():
    terms = yaml.safe_load((REPO / "ecmguide/data/glossary-es.yml").read_text(encoding="utf-8"))["terms"]
    research = (REPO / "research/pass-2026-12/glossary-es-research.md").read_text(encoding="utf-8")
    sourced = [t for t in terms if "source_url" in t]
    assert len(terms) >= 20 and len(sourced) >= 10
    assert terms[: len(sourced)] == sourced  # sourced ones first
    for t in terms:
        assert {"term_en", "term_es", "note"} <= set(t) and t["term_en"] and t["term_es"], t
        if "source_url" in t:
            assert t["source_url"] in research, t  # only pages the research found using the term
        else:
            assert t["source"] == "none yet — needs a reviewer", t
    used = " ".join(p.read_text(encoding="utf-8") for p in ES.rglob("*.md")).casefold()
    for term in (
        "confidencialidad",
        "privilegio",
        "intercesor",
        "trata de personas",
        "sobreviviente",
        "agencias del orden público",
        "consentimiento informado",
        "deber de advertir",
        "citación",
    ):
        assert term in used and any(term in t["term_es"].casefold() for t in terms), term


def test_the_translation_is_unreviewed_until_es_yml_records_a_role_and_a_date():
    assert messages("es")["review"] == {}
    assert unreviewed_notice("es") == UNREVIEWED == messages("es")["unreviewed"]
    assert unreviewed_notice("en") == ""


# ---------------------------------------------------------------- the manifest and the editions (fast)


def test_puerto_rico_opts_in_and_publishes_pr_es():
    project = Project(REPO, TODAY)
    assert "pr-es" in project.published_codes() and "pr-es" not in project.edition_codes()
    es, pr = project.edition("pr-es"), project.edition("pr")
    assert (es.lang, es.base_code, es.languages, es.file) == ("es", "pr", ("en", "es"), "jurisdictions/pr.yml")
    assert not es.is_local and es.facts == pr.facts and pr.lang == "en"
    assert project.with_languages(["pr", "us"]) == ["pr", "pr-es", "us"]


@pytest.mark.parametrize(
    "value,message",
    [
        ("[es, en]", "starts with 'es'; the edition itself is the English guide, so list en first"),
        ("[en, fr]", "'fr' is not a language the guide is written in"),
        ("[en, es, es]", "lists a language twice"),
    ],
)
def test_languages_must_be_english_first_and_known(project_factory, value, message):
    project = project_factory(editions={"ca": f"code: ca\noverlays: [us, ca]\nlanguages: {value}\n"})
    problems = [str(p) for p in project.validate([project.jurisdictions_dir / "ca.yml"])]
    assert any("languages" in p and message in p for p in problems), problems
    assert "ca-es" not in project.published_codes()


def test_a_language_edition_may_not_take_another_manifests_code(project_factory):
    project = project_factory(
        copy_editions=("us", "ca", "ca-example"),
        editions={
            "ca": "code: ca\noverlays: [us, ca]\nlanguages: [en, es]\n",
            "ca-es": "code: ca-es\noverlays: [us, ca]\n",
        },
    )
    problems = [str(p) for p in project.validate([project.jurisdictions_dir / "ca.yml"])]
    assert any("jurisdictions/ca-es.yml is another edition" in p for p in problems), problems


@pytest.mark.parametrize(
    "site_url,expected",
    [
        ("", "https://example.org/guide/ca-es/"),  # the project's address: <base>/<code>/
        ("site_url: https://tf.example.org/ca/\n", "https://tf.example.org/ca-es/"),  # the manifest's, next to it
    ],
)
def test_a_language_edition_sits_beside_its_english_one(project_factory, monkeypatch, site_url, expected):
    monkeypatch.setenv("ECMGUIDE_BASE_URL", "https://example.org/guide/")
    project = project_factory(editions={"ca": f"code: ca\noverlays: [us, ca]\nlanguages: [en, es]\n{site_url}"})
    assert project.edition("ca-es").site_url == expected


def test_a_change_to_the_manifest_or_its_overlays_rebuilds_both_languages(project_factory):
    project = project_factory(editions={"ca": "code: ca\noverlays: [us, ca]\nlanguages: [en, es]\n"})
    assert affected(project, ["jurisdictions/ca.yml"]) == ["ca", "ca-es"]
    assert affected(project, ["overlays/ca.yml"]) == ["ca", "ca-es"]


def test_a_fact_with_summary_es_shows_it_in_spanish_and_others_stay_english():
    """Puerto Rico's overlay has no summary_es yet (none may be invented): this one is made up for the test."""
    es = Project(REPO, TODAY).edition("pr-es")
    slot = "privileges.dv_advocate"
    fact = dataclasses.replace(es.fact(slot), summary_es="Resumen de prueba, escrito para esta prueba.")
    shown = dataclasses.replace(es, facts={**es.facts, slot: fact})
    block = str(render.fact_block(shown, slot, "disciplines/advocates/"))
    assert '<p class="fact-summary-translated" lang="es">Resumen de prueba, escrito para esta prueba.</p>' in block
    assert fact.summary not in block
    other = str(render.fact_block(shown, "duty_to_warn", ""))
    assert es.fact("duty_to_warn").summary in other and 'lang="es"' not in other
    english = dataclasses.replace(shown, code="pr", lang="en")
    assert fact.summary in str(render.fact_block(english, slot, ""))  # English editions keep the English summary
    wrapped = str(render.english_part(shown, render.facts_group(shown, [slot], "")))
    assert wrapped.startswith(
        f'<div class="in-english"><p class="translation-note english-note">{FACTS_NOTE}</p><div lang="en">'
    )
    assert render.english_part(english, block) == block


def test_pdfs_of_the_spanish_edition_are_documents_in_spanish():
    from ecmguide.outputs.printed import pdf

    es = Project(REPO, TODAY).edition("pr-es")
    docs = pdf.documents(es, ["index.md"])
    assert {d.lang for d in docs if d.kind in ("guide", "handout")} == {"es"}
    assert docs[0].title == "Guía ECM sobre confidencialidad e intercambio de información"
    assert docs[1].title == "Hoja informativa: Manejadores de casos e intercesores comunitarios"


# ---------------------------------------------------------------- built (slow)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """One build of Puerto Rico in both languages and the federal edition (no languages), with PDFs."""
    from ecmguide.pipeline.build import build

    out = tmp_path_factory.mktemp("spanish") / "site"
    summary = build(Project(REPO, TODAY), only=["pr", "pr-es", "us"], out=out, jobs=2)
    assert sorted(summary.built) == ["pr", "pr-es", "us"]
    return out


class _Langs(HTMLParser):
    """Every element with its effective language (the nearest lang attribute), and the class it carries."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.seen: list[tuple[str, str, str]] = []  # (tag, class, effective lang)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lang = a.get("lang") or (self.stack[-1][1] if self.stack else "")
        self.seen.append((tag, a.get("class") or "", lang))
        if tag not in self.VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def langs(page: Path) -> list[tuple[str, str, str]]:
    parser = _Langs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.seen


@pytest.mark.slow
def test_every_spanish_page_is_spanish_says_it_is_unreviewed_and_links_its_english_version(built):
    pages = sorted((built / "pr-es").rglob("*.html"))
    assert len(pages) >= 25
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="es"', html), page
        assert UNREVIEWED in text_of(page), page
        if page.name == "404.html":
            assert "404: página no encontrada" in html
            continue
        url = page.parent.relative_to(built / "pr-es").as_posix()
        url = "" if url == "." else url + "/"
        depth = "../" * (url.count("/") + 1) if url else "./../"  # mkdocs' base_url: "../.." deep, "." at home
        assert (built / "pr" / url / "index.html").is_file(), page  # the English version exists
        assert f'<a href="{depth}pr/{url}" hreflang="en" lang="en">English</a>' in html, page


@pytest.mark.slow
def test_the_spanish_edition_reads_spanish_around_the_pages(built):
    home = (built / "pr-es" / "index.html").read_text(encoding="utf-8")
    assert "<title>Puerto Rico: Guía ECM sobre confidencialidad e intercambio de información</title>" in home
    assert "Información, no asesoría legal." in home and 'placeholder="Búsqueda"' in home
    assert '"lang":["es"]' in (built / "pr-es" / "search" / "search_index.json").read_text(encoding="utf-8")
    downloads = text_of(built / "pr-es" / "downloads" / "index.html")
    assert "La guía completa para Puerto Rico" in downloads and "páginas" in downloads
    assert "se genera con el sitio" not in downloads  # every PDF's size and page count filled in


@pytest.mark.slow
def test_fact_boxes_stay_english_inside_lang_en_after_the_spanish_note(built):
    for rel in ["disciplines/advocates", "disciplines/healthcare", "definitions", "jurisdiction-facts"]:
        page = built / "pr-es" / rel / "index.html"
        seen = langs(page)
        facts = [
            (tag, cls, lang)
            for tag, cls, lang in seen
            if re.search(r"\b(fact|jurisdiction-box|facts-table|bottom-line)\b", cls)
        ]
        assert facts, rel
        assert {lang for _, _, lang in facts} == {"en"}, rel
        html = page.read_text(encoding="utf-8")
        wrappers = re.findall(
            r'<div class="in-english"><p class="translation-note english-note">(.*?)</p>'
            r'<div lang="en">',
            html,
        )
        assert wrappers and set(wrappers) == {FACTS_NOTE}, rel
    # the Spanish text around them is Spanish: no element outside the fact parts is marked English but titles
    prose = [
        cls
        for tag, cls, lang in langs(built / "pr-es" / "disciplines" / "advocates" / "index.html")
        if tag == "p" and lang == "es" and "translation-note" not in cls
    ]
    assert prose


@pytest.mark.slow
def test_english_editions_build_no_spanish_page_but_keep_the_survivor_explainers(built):
    for code in ("pr", "us"):
        site = built / code
        assert not (site / "es").exists()
        index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
        assert '"location":"es/' not in index
        assert (site / "survivors" / "es" / "advocates" / "index.html").is_file()
        assert "Manejadores de casos e intercesores comunitarios" not in index


@pytest.mark.slow
def test_only_editions_that_opted_in_get_a_language_switcher(built):
    pr = (built / "pr" / "disciplines" / "advocates" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../../pr-es/disciplines/advocates/" hreflang="es" lang="es">Español</a>' in pr
    assert '<link rel="alternate"' not in pr  # Material would fetch <href>sitemap.xml for each: a 404 per page
    for page in (built / "us").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "language-switch" not in html and '<link rel="alternate" hreflang' not in html, page
        assert '<html lang="en" class="no-js">' in html, page


@pytest.mark.slow
def test_spanish_pdfs_are_tagged_es_and_read_spanish(built):
    from pypdf import PdfReader

    folder = built / "pr-es" / "downloads"
    names = ["pr-es-guide.pdf"] + [f"pr-es-{d}.pdf" for d in schema.DISCIPLINES]
    for name in names:
        reader = PdfReader(folder / name)
        assert reader.trailer["/Root"]["/Lang"] == "es", name
        assert UNREVIEWED in re.sub(r"\s+", " ", reader.pages[0].extract_text()), name
    guide = PdfReader(folder / "pr-es-guide.pdf")
    assert guide.metadata.title == "Guía ECM sobre confidencialidad e intercambio de información: Puerto Rico"
    cover = re.sub(r"\s+", " ", guide.pages[0].extract_text())
    assert "Información, no asesoría legal." in cover and UNREVIEWED in cover
    handout = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(folder / "pr-es-advocates.pdf").pages))
    assert "Antes de compartir" in handout and FACTS_NOTE in handout
    assert "¿Dio la víctima su consentimiento informado por escrito?" in handout  # the checklist, from the Spanish page
    assert PdfReader(built / "pr" / "downloads" / "pr-guide.pdf").trailer["/Root"]["/Lang"] == "en"


@pytest.mark.slow
def test_the_hub_lists_the_spanish_edition_once_in_spanish(built):
    hub = (built / "index.html").read_text(encoding="utf-8")
    assert '<a href="pr-es/" hreflang="es"><span lang="es">Puerto Rico (español)</span></a>' in hub
    assert hub.index('href="pr/"') < hub.index('href="pr-es/"')
    coverage = (built / "coverage" / "index.html").read_text(encoding="utf-8")
    assert coverage.count(">Puerto Rico</a></th>") == 1 and "pr-es" not in coverage  # counted once
    assert "pr-es" not in (built / "compare" / "index.html").read_text(encoding="utf-8")
