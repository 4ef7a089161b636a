"""One-off, already applied: migrate overlays/ to the 2026-11 fact schema (official sources and research pass).

What it does, file by file, keeping each file's layout and comments:
- `note` becomes `reviewer_note` (never printed). A person then decides, note by note, which part is
  public and moves it to `limits`.
- Every fact with a citation gets `checked_against`: `official_text` when the page it names was on an
  official code, court or federal publisher's host (or, for a program, the running agency's .gov
  page), otherwise `secondary`.
- `confidence: high` without official text becomes `medium`: high means the official text was read.
- Unknown facts whose notes already say that nothing was found become `none_found`, with a
  `searched` record of what the earlier research pass searched and when.

The host list below is frozen with the migration: it records what was decided on 2026-11-30. The
rules that hold from now on live in ecmguide/law/sources.py and are enforced by validation.
"""

import json
import re
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ecmguide.core import safeyaml  # noqa: E402
from ecmguide.law import schema  # noqa: E402

# Hosts of official code publishers, legislatures, courts and federal publishers seen in the overlays.
CODE_HOSTS = (
    "uscode.house.gov",
    "ecfr.gov",
    "govinfo.gov",
    "congress.gov",
    "leginfo.legislature.ca.gov",
    "ilga.gov",
    "revisor.mn.gov",
    "house.leg.state.mn.us",
    "leg.state.nv.us",
    "nysenate.gov",
    "legislature.vermont.gov",
    "app.leg.wa.gov",
    "lawfilesext.leg.wa.gov",
    "legis.delaware.gov",
    "delcode.delaware.gov",
    "capitol.hawaii.gov",
    "docs.legis.wisconsin.gov",
    "cga.ct.gov",
    "isc.idaho.gov",
    "legislature.idaho.gov",
    "ksrevisor.org",
    "ksrevisor.gov",
    "legis.la.gov",
    "legislature.maine.gov",
    "mainelegislature.org",
    "scstatehouse.gov",
    "sdlegislature.gov",
    "utcourts.gov",
    "le.utah.gov",
    "legis.iowa.gov",
    "flsenate.gov",
    "leg.state.fl.us",
    "akleg.gov",
    "azleg.gov",
    "legislature.mi.gov",
    "courts.michigan.gov",
    "leg.mt.gov",
    "legmt.gov",
    "courts.mt.gov",
    "ndcourts.gov",
    "ndlegis.gov",
    "nebraskalegislature.gov",
    "gencourt.state.nh.us",
    "gc.nh.gov",
    "njcourts.gov",
    "pub.njleg.gov",
    "njleg.state.nj.us",
    "ncleg.gov",
    "ncleg.net",
    "ncga.state.nc.us",
    "oscn.net",
    "legis.state.pa.us",
    "palegis.us",
    "rilegislature.gov",
    "rilin.state.ri.us",
    "code.dccouncil.gov",
    "code.dccouncil.us",
    "revisor.mo.gov",
    "moga.mo.gov",
    "legvi.org",
    "asbar.org",
    "cnmilaw.org",
    "bvirtualogp.pr.gov",
    "ramajudicial.pr",
    "poderjudicial.pr",
    "guamcourts.gov",
    "statutes.capitol.texas.gov",
    "capitol.texas.gov",
    "law.lis.virginia.gov",
    "code.wvlegislature.gov",
    "wvlegislature.gov",
    "wyoleg.gov",
    "codes.ohio.gov",
    "legislature.ky.gov",
    "alison.legislature.state.al.us",
    "arkleg.state.ar.us",
    "leg.colorado.gov",
    "legis.ga.gov",
    "legislature.ms.gov",
    "malegislature.gov",
    "mgaleg.maryland.gov",
    "iga.in.gov",
    "nmonesource.com",
    "oregonlegislature.gov",
    "capitol.tn.gov",
    "supremecourt.gov",
    "loc.gov",
)
# Notes that say the fact was not checked against the official text.
NOT_CHECKED = re.compile(
    r"not (re-)?(checked|read|re-read|re-seen|reviewed) (against|in|today)|"
    r"official [a-z ]*(text|page)[a-z ]* (was )?not (re-)?(checked|read|reviewed)",
    re.I,
)

_PRIVILEGE_SEARCH = (
    "stored public pages, searched in the research passes of 2026-11-24 and 2026-11-25",
    "compilations: RAINN 'Laws about private communications' state pages (April 2023); Danu Center / "
    "Confidentiality Institute chart of advocate confidentiality and privilege laws (2019); American University "
    "WCL 50-state survey of confidentiality laws (2018)",
)
_ACP_SEARCH = (
    "stored public pages, searched in the research pass of 2026-11-25",
    "national lists of Address Confidentiality Programs (offlist.me; vawnet.org 2016 table), which cover states only",
)
# Unknown facts whose notes say that nothing was found, with what the earlier pass searched.
NONE_FOUND = {
    ("ak", "privileges.ht_caseworker"): _PRIVILEGE_SEARCH,
    ("al", "privileges.ht_caseworker"): _PRIVILEGE_SEARCH,
    ("ar", "privileges.sa_counselor"): _PRIVILEGE_SEARCH,
    ("ar", "privileges.ht_caseworker"): _PRIVILEGE_SEARCH,
    ("co", "privileges.ht_caseworker"): _PRIVILEGE_SEARCH,
    ("ct", "privileges.ht_caseworker"): _PRIVILEGE_SEARCH,
    ("id", "privileges.dv_advocate"): _PRIVILEGE_SEARCH,
    ("id", "privileges.sa_counselor"): _PRIVILEGE_SEARCH,
    ("ri", "privileges.dv_advocate"): _PRIVILEGE_SEARCH,
    ("ri", "privileges.sa_counselor"): _PRIVILEGE_SEARCH,
    ("sc", "privileges.sa_counselor"): _PRIVILEGE_SEARCH,
    ("sd", "privileges.dv_advocate"): _PRIVILEGE_SEARCH,
    ("tx", "privileges.ht_caseworker"): _PRIVILEGE_SEARCH,
    ("wa", "privileges.ht_caseworker"): _PRIVILEGE_SEARCH,
    ("us", "privileges.dv_advocate"): (
        "Federal Rules of Evidence, Rule 501, and the federal victim-services statutes cited in this overlay",
    ),
    ("vi", "privileges.dv_advocate"): (
        "stored public pages on the Virgin Islands Code (title 5 evidence provisions "
        "and title 27 professional privileges), searched 2026-11-25",
    ),
    ("vi", "duty_to_warn"): (
        "stored public pages on the Virgin Islands Code, including 27 V.I.C. § 169j, searched 2026-11-25",
    ),
    ("mp", "mandated_reporting.vulnerable_adult"): (
        "stored public pages on the Commonwealth Code and CNMI public laws, searched 2026-11-25",
    ),
    ("mp", "victims_rights"): (
        "stored public pages on the CNMI Constitution and Commonwealth Code, searched 2026-11-25",
    ),
    ("gu", "address_confidentiality"): _ACP_SEARCH,
    ("as", "address_confidentiality"): _ACP_SEARCH,
    ("mp", "address_confidentiality"): _ACP_SEARCH,
    ("vi", "address_confidentiality"): _ACP_SEARCH,
    ("wy", "address_confidentiality"): _ACP_SEARCH + ("Wyoming Secretary of State election rules (ch. 17)",),
}
SEARCHED_ON = "2026-11-25"


@dataclass
class Report:
    downgraded: list[str] = field(default_factory=list)  # "tx privileges.sa_counselor"
    official: int = 0
    secondary: int = 0
    none_found: list[str] = field(default_factory=list)
    notes: int = 0


def host(url: str) -> str:
    return (urllib.parse.urlparse(url).hostname or "").rstrip(".").lower()


def on_hosts(url: str, hosts) -> bool:
    h = host(url)
    return any(h == d or h.endswith("." + d) for d in hosts)


def checked_against(slot: str, fact: dict) -> str:
    url = fact.get("source_url", "")
    if NOT_CHECKED.search(fact.get("note", "")):
        return "secondary"
    if on_hosts(url, CODE_HOSTS):
        return "official_text"
    if slot == "address_confidentiality" and host(url).endswith(".gov") and "childwelfare" not in host(url):
        return "official_text"  # the running agency's own program page
    return "secondary"


def _facts(data: dict):
    for slot in schema.SLOTS:
        node = data
        for part in slot.path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            yield slot.path, tuple(slot.path.split(".")), node
    for key, node in (data.get("federal") or {}).items():
        if isinstance(node, dict):
            yield f"federal.{key}", ("federal", key), node


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def migrate_text(text: str, code: str, report: Report) -> str:
    data, lines = safeyaml.loads(text.encode("utf-8"), f"overlays/{code}.yml")
    out = text.split("\n")
    inserts: dict[int, list[str]] = {}  # after 0-based line index -> new lines
    replace_blocks: list[tuple[int, int, list[str]]] = []
    for slot, path, fact in _facts(data):
        status = fact.get("status", "in_force")
        start = lines[path] - 1
        if (code, slot) in NONE_FOUND and status == "unknown":
            indent = len(out[start]) - len(out[start].lstrip())
            end = _block_end(out, start, indent)
            pad = " " * (indent + 2)
            block = [
                f"{' ' * indent}{path[-1]}:",
                f"{pad}status: none_found",
                f"{pad}searched:",
                f"{pad}  date: {SEARCHED_ON}",
                f"{pad}  sources:",
            ]
            block += [f"{pad}    - {_q(s)}" for s in NONE_FOUND[(code, slot)]]
            if fact.get("note"):
                block.append(f"{pad}reviewer_note: {_q(fact['note'])}")
                report.notes += 1
            replace_blocks.append((start, end, block))
            report.none_found.append(f"{code} {slot}")
            continue
        if "note" in fact:
            i = lines[path + ("note",)] - 1
            new, n = re.subn(r"^(\s*)note:", r"\1reviewer_note:", out[i], count=1)
            if not n:
                new, n = re.subn(r"([{,]\s*)note:", r"\1reviewer_note:", out[i], count=1)
            assert n, (code, slot, out[i])
            out[i] = new
            report.notes += 1
        if "citation" not in fact or status == "unknown":
            continue
        verdict = checked_against(slot, fact)
        i = lines[path + ("source_url",)] - 1
        indent = out[i][: len(out[i]) - len(out[i].lstrip())]
        inserts.setdefault(i, []).append(f"{indent}checked_against: {verdict}")
        if verdict == "official_text":
            report.official += 1
        else:
            report.secondary += 1
            if fact.get("confidence") == "high":
                j = lines[path + ("confidence",)] - 1
                out[j] = re.sub(r'confidence:\s*"?high"?', "confidence: medium", out[j], count=1)
                report.downgraded.append(f"{code} {slot}")
    for start, end, block in sorted(replace_blocks, reverse=True):
        for i in list(inserts):
            assert not start <= i < end
        out[start:end] = block
        shift = len(block) - (end - start)
        inserts = {(i + shift if i >= end else i): v for i, v in inserts.items()}
    for i in sorted(inserts, reverse=True):
        out[i + 1 : i + 1] = inserts[i]
    return "\n".join(out)


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """Index after the last line of the mapping entry that starts at `start`."""
    i = start + 1
    if "{" in lines[start]:
        return i
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#") and len(lines[i]) - len(lines[i].lstrip()) <= indent:
            break
        i += 1
    while i > start + 1 and not lines[i - 1].strip():
        i -= 1
    return i


def migrate(root: Path) -> Report:
    report = Report()
    for path in sorted((root / "overlays").glob("*.yml")):
        if path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(migrate_text(text, path.stem, report), encoding="utf-8")
    return report


if __name__ == "__main__":
    report = migrate(ROOT)
    print(f"checked_against: {report.official} official_text, {report.secondary} secondary")
    print(f"notes moved to reviewer_note: {report.notes}")
    print(f"unknown -> none_found ({len(report.none_found)}): {', '.join(report.none_found)}")
    print(f"confidence high -> medium ({len(report.downgraded)}):")
    for item in report.downgraded:
        print(f"  {item}")
