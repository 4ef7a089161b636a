"""Translations that say when they are behind: a changed English message makes its Spanish stale, the build
warns, and the Spanish documents say so."""

import shutil

import pytest

from ecmguide.editions.project import Project
from ecmguide.outputs import catalog, survivor, translations
from ecmguide.outputs.printed import forms

from conftest import REPO, TODAY


@pytest.fixture
def changed_english(tmp_path, monkeypatch):
    folder = tmp_path / "messages"
    shutil.copytree(catalog.FOLDER, folder)
    en = (folder / "en.yml").read_text(encoding="utf-8")
    old = 'choice: "You can say no when I ask to share what you tell me.'
    assert old in en
    (folder / "en.yml").write_text(
        en.replace(old, 'choice: "You may always say no when I ask to share what you tell me.'), encoding="utf-8"
    )
    monkeypatch.setattr(catalog, "FOLDER", folder)
    catalog.messages.cache_clear()
    yield folder
    catalog.messages.cache_clear()


def test_the_repository_translations_are_current():
    assert translations.stale("es") == []
    assert len(translations.english("es")) == len(translations.recorded("es"))


def test_a_changed_english_message_makes_its_translation_stale_and_the_build_warns(changed_english):
    assert translations.stale("es") == ["survivor.choice"]
    from ecmguide.pipeline.build import validate

    warned = [p for p in validate(Project(REPO, TODAY), ["tx"]) if p.file == "ecmguide/data/messages/es.yml"]
    assert [(w.field, w.severity) for w in warned] == [("survivor.choice", "warning")]
    assert "the English text changed since this was translated" in warned[0].message


def test_the_spanish_page_shows_the_notice_and_the_english_does_not(changed_english):
    tx = Project(REPO, TODAY).edition("tx")
    behind = catalog.messages("es")["behind"]
    assert behind in str(survivor.web_page(tx, "advocates", "es"))
    assert behind not in str(survivor.web_page(tx, "advocates", "en"))
    assert behind not in forms.release_html(tx, "es")  # the release form's own messages did not change


def test_recording_clears_it(changed_english):
    assert translations.record("es") == len(translations.english("es")) + len(translations.english_pages(REPO, "es"))
    assert translations.stale("es") == []
    assert catalog.messages("es")["behind"] not in str(
        survivor.web_page(Project(REPO, TODAY).edition("tx"), "advocates", "es")
    )


def test_the_repository_translated_pages_are_current():
    assert translations.stale_pages(REPO, "es") == []
    assert len(translations.english_pages(REPO, "es")) >= 20


@pytest.mark.slow
def test_a_changed_english_page_warns_and_its_spanish_page_says_it_may_be_behind(project_factory, tmp_path):
    from ecmguide.outputs.site import mkdocs_site
    from ecmguide.pipeline.build import validate

    project = project_factory(copy_overlays=("us", "pr"), copy_editions=("pr",))
    page = project.root / "docs" / "benefits.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new English paragraph.\n", encoding="utf-8")
    assert translations.stale_pages(project.root, "es") == ["benefits.md"]
    warned = [p for p in validate(project, ["pr", "pr-es"]) if p.file == "docs/es/benefits.md"]
    assert len(warned) == 1 and warned[0].severity == "warning" and "docs/benefits.md changed" in warned[0].message
    out = tmp_path / "pr-es"
    mkdocs_site.build_site(project, project.edition("pr-es"), out)
    behind = catalog.messages("es")["behind"]
    assert behind in (out / "benefits" / "index.html").read_text(encoding="utf-8")
    assert behind not in (out / "definitions" / "index.html").read_text(encoding="utf-8")  # unchanged English
