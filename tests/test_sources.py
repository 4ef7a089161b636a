"""Source authority: real hosts from the overlays land in the class they deserve."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ecmguide.law import sources

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "url",
    [
        "https://courtgpt.ai/answers/texas-advocate-privilege",
        "https://instalawyer.io/tx/family-code/93-004",
        "https://WWW.INSTALAWYER.IO/x",  # host case does not matter
        "https://app.midpage.ai/document/emerich-v-philadelphia-center-for-human-development-inc-2259243",
        "https://ak.elaws.us/law/47.17.020",  # any *.elaws.us
        "http://dccode.elaws.us/code?no=14-310",
        "https://docslib.org/doc/8408446/available-at",
        "https://vdocuments.us/x.html",
        "https://legalclarity.org/accessing-the-arkansas-code-online-how-to-find-state-laws",
        "https://law.uslawyerdatabase.com/us-law/2019-us-virgin-islands-code/",
        "https://www.legalfix.com/x",
        "http://bankruptcylawyer.co/statutes/90390/Rule-504.-Physician-and-Psychotherapist-Patient-Privilege.html",
    ],
)
def test_refused_hosts(url):
    assert sources.authority(url) == "refused"
    assert sources.refused(url) and not sources.is_official(url)
    assert sources.refusal_reason(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://uscode.house.gov./view.xhtml?edition=prelim&num=0&req=granuleid%3AUSC-prelim-title28a-node230-article5-rule501",
        "https://www.ecfr.gov/current/title-45/section-164.512",
        "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=EVID&sectionNum=1038.2.",
        "https://nebraskalegislature.gov./laws/statutes.php?statute=27-503",  # trailing dot
        "https://sos.tn.gov/safeathome/",  # a state agency's program page
        "http://gencourt.state.nh.us/rsa/html/XII/161-F/161-F-46.htm",  # *.state.nh.us
        "http://webserver.rilin.state.ri.us/Statutes/TITLE42/42-66/42-66-8.HTM",
        "https://nmonesource.com/nmos/nmsa/en/item/4379/index.do",
        "http://www.oscn.net/applications/oscn/DeliverDocument.asp?CiteID=84278",
        "https://new.asbar.org/code-annotated/46-5012-victim-confidentiality/",  # subdomain of asbar.org
        "https://statepolicy.militaryonesource.mil/bill/DE/HB/hb-181/2018",
        "https://sos.maryland.gov:443/ACP/Pages/FAQ.aspx",  # a port is not part of the host
    ],
)
def test_official_hosts(url):
    assert sources.authority(url) == "official"
    assert sources.is_official(url) and not sources.refused(url)
    assert sources.portal_label(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.law.cornell.edu/uscode/text/34/12291",
        "http://print.casetext.com/rule/texas-court-rules/texas-rules-of-evidence/article-v-privileges",
        "https://law.justia.com/codes/oklahoma/2022/title-74/section-74-18p-3/",
        "https://texas.public.law/statutes/tex._gov't_code_section_420.071",
        "https://www.childwelfare.gov/resources/clergy-mandatory-reporters-child-abuse-and-neglect-texas/",
        "https://act.marsyslaw.us/southdakota",  # .us alone is not government
        "http://www.monroeprosecutor.us/criminal-justice/adult-protective-services/common-reporters/",
        "https://dps.mn.gov.ifsight.net/node/850",  # .gov inside the name, not at its end
        "https://www.lexisnexis.com/lawschool/resources/p/casebrief-adams-v-franklin.aspx",
        "https://www.lexisnexis.com/hottopics/arcodex/",  # not the portal path
        "https://s3.us-west-2.amazonaws.com/beta.leg.colorado.gov/43d5be69ad1a10cc5dfeb48874c12f16",
    ],
)
def test_secondary_hosts(url):
    assert sources.authority(url) == "secondary"
    assert not sources.is_official(url) and not sources.refused(url)


@pytest.mark.parametrize(
    "url, code",
    [
        ("https://www.lexisnexis.com/hottopics/arcode/", "ar"),
        ("http://www.lexisnexis.com/hottopics/gacode/Default.asp", "ga"),
        ("https://www.lexisnexis.com/hottopics/Colorado", "co"),
        ("https://www.lexisnexis.com/hottopics/vicode/", "vi"),
    ],
)
def test_publisher_portals_are_official_with_an_honest_label(url, code):
    assert sources.authority(url) == "official"
    assert sources.portal_label(url) == "official publisher's portal"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://uscode.house.gov./view.xhtml", "uscode.house.gov"),
        ("HTTPS://WWW.NYSENATE.GOV/legislation/laws/CVP/4503", "www.nysenate.gov"),
        ("https://wisbar.org:443/NewsPublications/Pages/General-Article.aspx", "wisbar.org"),
        ("www.oregonlaws.org/ors/40.235", "www.oregonlaws.org"),
        ("", ""),
    ],
)
def test_host(url, expected):
    assert sources.host(url) == expected


def test_locality_names_are_government_but_private_schools_are_not():
    assert sources.is_official("https://www.co.king.wa.us/")
    assert not sources.is_official("https://school.pvt.k12.ca.us/")
    assert not sources.is_official("https://example.us/")


def test_the_data_file_is_consistent():
    data = yaml.safe_load((REPO / "ecmguide" / "data" / "sources.yml").read_text(encoding="utf-8"))
    lists = {key: set(data[key]) for key in ("official", "secondary", "refused")}
    assert not lists["official"] & lists["secondary"]
    assert not (lists["official"] | lists["secondary"]) & lists["refused"]
    assert all(str(reason).strip() for reason in data["refused"].values())
    for required in [
        "courtgpt.ai",
        "instalawyer.io",
        "info.5y1.org",
        "laws9.com",
        "getpocketlaw.com",
        "howtolegalhelp.com",
        "lexace.ai",
        "midpage.ai",
        "codexpr.ai",
        "legalclarity.org",
        "law.counselstack.com",
        "docslib.org",
        "vdocuments.us",
        "vdocuments.site",
        "fdocuments.us",
        "paperzz.com",
        "docstoc.com",
        "wikimili.com",
        "wikisum.wiki",
        "metaglossary.com",
        "brainscape.com",
        "elaws.us",
        "statutes.laws.com",
        "statutes.laws-info.com",
        "law.uslawyerdatabase.com",
        "legalfix.com",
        "ininet.org",
        "studicata.com",
        "jurris.com",
        "legalfina.com",
    ]:
        assert sources.refused(f"https://{required}/page"), required
