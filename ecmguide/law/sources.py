"""Say how far a source URL can be trusted: official, secondary or refused.

The hosts live in one data file, ecmguide/data/sources.yml; this module only reads it (once, on
import) and matches URLs against it. A host matches case-insensitively, with any trailing dot
ignored ("uscode.house.gov."), and an entry covers its subdomains. The order of decision:

1. a refused entry that matches wins: such a page is never cited;
2. otherwise the longest matching official or secondary entry decides (so "lexisnexis.com" is
   secondary while its public-access portal paths are official);
3. otherwise a government suffix (.gov, .mil, fed.us, or an RFC 1480 locality name such as
   leg.state.mt.us) makes the host official;
4. otherwise the host is secondary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml

DATA_FILE = Path(__file__).parents[1] / "data" / "sources.yml"
Authority = Literal["official", "secondary", "refused"]


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("official", "secondary", "refused"):
        data[key] = {str(h).lower().rstrip("."): str(why) for h, why in (data.get(key) or {}).items()}
    data["portals"] = [
        dict(p, host=host(p["url"]), path=urlsplit(p["url"]).path.lower()) for p in data.get("portals") or []
    ]
    return data


def host(url: str) -> str:
    """The URL's host name: lower case, no port, no trailing dot; "" when there is none."""
    text = (url or "").strip()
    if "//" not in text:
        text = "//" + text
    try:
        name = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return name.rstrip(".")


def _covers(entry: str, name: str) -> bool:
    return name == entry or name.endswith("." + entry)


def _longest(entries: dict[str, str], name: str) -> str | None:
    hits = [e for e in entries if _covers(e, name)]
    return max(hits, key=len) if hits else None


def _portal(url: str) -> dict | None:
    name = host(url)
    try:
        path = urlsplit(url if "//" in url else "//" + url).path.lower()
    except ValueError:
        return None
    for portal in _DATA["portals"]:
        if name == portal["host"] and (path + "/").startswith(portal["path"]):
            return portal
    return None


def _government(name: str) -> bool:
    labels = name.split(".")
    if any(name.endswith("." + s) for s in _DATA["government_suffixes"]):
        return True
    if len(labels) >= 3 and labels[-1] == "us" and labels[-2] in _DATA["us_locality_states"]:
        return not any(f".{p}.{labels[-2]}.us" in "." + name for p in _DATA["us_locality_private"])
    return False


def authority(url: str) -> Authority:
    """How far the page at `url` can be trusted: "official", "secondary" or "refused"."""
    name = host(url)
    if _longest(_DATA["refused"], name):
        return "refused"
    if _portal(url):
        return "official"
    best_official = _longest(_DATA["official"], name) or ""
    best_secondary = _longest(_DATA["secondary"], name) or ""
    if best_official or best_secondary:
        return "official" if len(best_official) > len(best_secondary) else "secondary"
    return "official" if name and _government(name) else "secondary"


def is_official(url: str) -> bool:
    """True when `url` is on an official host (or an official publisher's portal)."""
    return authority(url) == "official"


def refused(url: str) -> bool:
    """True when `url` is on a host the guide never cites."""
    return authority(url) == "refused"


def portal_label(url: str) -> str | None:
    """The honest label for an official publisher's portal link, or None for any other URL."""
    return _DATA["portal_label"] if _portal(url) else None


def listed(url: str) -> bool:
    """True when the host was classified on purpose: listed in sources.yml or under a government suffix."""
    name = host(url)
    return bool(
        _portal(url)
        or _government(name)
        or any(_longest(_DATA[key], name) for key in ("official", "secondary", "refused"))
    )


def code_host(jurisdiction: str) -> str:
    """The jurisdiction's official code host, for messages ("statutes.capitol.texas.gov"); "" if not listed."""
    return _DATA.get("code_hosts", {}).get(jurisdiction, "")


def refusal_reason(url: str) -> str | None:
    """Why a refused host is refused (the note in sources.yml), or None when it is not refused."""
    entry = _longest(_DATA["refused"], host(url))
    return _DATA["refused"][entry] if entry else None


_DATA = _load(DATA_FILE)
