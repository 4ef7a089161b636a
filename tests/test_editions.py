"""A task force's local edition: one manifest and optional pages, without forking the guide."""
import re

import pytest

from conftest import text_of

pytestmark = pytest.mark.slow


def test_example_edition_shows_its_task_force_and_contacts(built_site):
    text = text_of(built_site / "ca-example" / "jurisdiction-facts" / "index.html")
    assert "Example County Human Trafficking Task Force (example)" in text
    assert "Example edition: the contacts below are placeholders" in text
    for contact in ("555-0101", "555-0102", "coordinator@example.org", "Memorandum of understanding"):
        assert contact in text


def test_example_edition_extra_pages_are_in_the_navigation(built_site):
    home = (built_site / "ca-example" / "index.html").read_text()
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', home, re.S).group(0)
    assert 'href="local/local-resources/"' in nav and "Local resources" in nav
    assert "Local protocol summary" in nav
    page = text_of(built_site / "ca-example" / "local" / "local-resources" / "index.html")
    assert "555-0101" in page  # the page can use the edition's contacts


def facts_table(site, code):
    html = (site / code / "jurisdiction-facts" / "index.html").read_text()
    return re.search(r'<table class="facts-table">.*?</table>', html, re.S).group(0)


def test_example_edition_state_facts_match_the_state_edition(built_site):
    assert facts_table(built_site, "ca-example") == facts_table(built_site, "ca")
    def box(code):
        html = (built_site / code / "disciplines" / "healthcare" / "index.html").read_text()
        return re.search(r'<div class="admonition jurisdiction-box".*?<p class="fact-disclaimer">', html, re.S).group(0)
    assert "In California" in box("ca") and "Duty to warn or protect" in box("ca")
    assert box("ca-example") == box("ca")


def test_example_edition_uses_its_colour_and_links_back_to_the_hub(built_site):
    home = (built_site / "ca-example" / "index.html").read_text()
    assert "--md-primary-fg-color:#5a2d82" in home
    assert '<a href="./../">All jurisdictions</a>' in home
    deeper = (built_site / "ca-example" / "disciplines" / "advocates" / "index.html").read_text()
    assert '<a href="../../../">All jurisdictions</a>' in deeper
