"""Every section, citation and named resource of the source guide is in the built site."""

import html
import re
from pathlib import Path

import pytest
import yaml

from conftest import text_of

OUTLINE = yaml.safe_load((Path(__file__).parent / "data" / "source_outline.yml").read_text(encoding="utf-8"))
pytestmark = pytest.mark.slow


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def headings(page: Path) -> list[str]:
    raw = page.read_text(encoding="utf-8")
    found = re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", raw, re.S)
    return [norm(html.unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "")) for h in found]


def page_path(site: Path, page: str) -> Path:
    return site / "ca" / page / "index.html" if page != "index" else site / "ca" / "index.html"


@pytest.mark.parametrize("section", OUTLINE["sections"], ids=[s["source"][:40] for s in OUTLINE["sections"]])
def test_every_source_section_has_a_counterpart(built_site, section):
    page = page_path(built_site, section["page"])
    if "heading" in section:
        assert norm(section["heading"]) in headings(page), f"{section['source']!r} missing from {page}"
    else:
        assert norm(section["text"]) in norm(text_of(page))


def site_text(site: Path, code: str) -> str:
    return norm(" ".join(text_of(p) for p in (site / code).rglob("index.html")))


@pytest.mark.parametrize("code", ["us", "ca"])
def test_named_resources_citations_and_people_appear(built_site, code):
    text = site_text(built_site, code)
    for item in OUTLINE["named_items"] + OUTLINE["citations"] + OUTLINE["acknowledged"]:
        assert norm(item) in text, item


def test_reference_urls_are_linked(built_site):
    raw = (built_site / "ca" / "references" / "index.html").read_text(encoding="utf-8")
    for url in OUTLINE["urls"]:
        assert f'href="{html.escape(url)}"' in raw or f'href="{url}"' in raw, url


# Each related resource is linked only to an address seen on its publisher's own page (or already cited in the
# guide); the rest stay named without a link until someone verifies one. Keep in step with docs/disciplines/*.md.
RELATED_LINKS = {
    "advocates": {
        "Survivor Confidentiality and Privacy: Releases and Waivers At-A-Glance": "https://techsafety.org/waivers-at-a-glance",
        "How to Respond to a Subpoena": "https://techsafety.org/how-to-respond-to-a-subpoena",
    },
    "healthcare": {
        "Mandatory Reporting and HIPAA Compliance": "https://courses.acf.train.org/SOAR/SOAR%20for%20School%20Based%20"
        "Professionals/story_content/external_files/SOAR_Mandatory%20Reporting%20Handout(k)_508%20c.pdf",
        "Human Trafficking and Health Care Providers: Legal Requirements for Reporting and Education": "https://www.jonesday.com/en/insights/2021/09/human-trafficking-and-health-care-providers",
        "Human Trafficking and HIPAA What the Health Care Professional Needs to Know": "http://dx.doi.org/10.1080/23322705.2017.1285613",
    },
    "law-enforcement": {"About Victims' Rights": "https://victimlaw.org/victimlaw/pages/victimsRight.jsp"},
    "prosecutors": {},
    "civil-attorneys": {},
}


@pytest.mark.parametrize("discipline", sorted(RELATED_LINKS))
def test_related_resources_link_to_their_publishers_pages(built_site, discipline):
    raw = (built_site / "tx" / "disciplines" / discipline / "index.html").read_text(encoding="utf-8")
    section = raw.split('<h2 id="related-resources"', 1)[1].split("</article>", 1)[0].split("<h2", 1)[0]
    links = {
        html.unescape(re.sub(r"<[^>]+>", "", text)).strip(): html.unescape(href)
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', section, re.S)
    }
    assert links == RELATED_LINKS[discipline]
    assert len(re.findall(r"<li>", section)) >= max(1, len(links))  # the unlinked resources are still listed


# Domains of the e-mail addresses the guide prints, each checked against the organisation's own site
# (nnedv.org: the National Network to End Domestic Violence; example.org: the example edition's placeholder).
MAIL_DOMAINS = {"nnedv.org", "example.org"}


def test_every_printed_email_address_is_at_a_verified_domain(built_site):
    found = {}
    for page in built_site.rglob("*.html"):
        for address in re.findall(r'href="mailto:([^"?]+)', page.read_text(encoding="utf-8")):
            found.setdefault(html.unescape(address), page.relative_to(built_site).as_posix())
    assert {a.rsplit("@", 1)[1].lower() for a in found} <= MAIL_DOMAINS, found
    page = (built_site / "tx" / "disciplines" / "advocates" / "index.html").read_text(encoding="utf-8")
    assert 'href="mailto:htconfidentiality@nnedv.org"' in page and "nnev.org" not in page
