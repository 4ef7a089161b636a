"""`make watch-sources`: notice when the official text under a recorded fact may have changed.

When a fact's `last_reviewed` changes, a job on main records a digest of the normalized text of its
official-text page in research/source-digests.json (kept apart from the overlays, so recording a
digest rebuilds no edition). Each week the watch fetches every recorded page again and lists the
facts whose page no longer matches, for legal staff to re-review.

It is polite: it reads robots.txt, waits between requests to the same host, gives up after a
timeout and a few retries, names itself in its user agent, and never follows a redirect to a host
other than the one it was asked to read (so it makes no request outside the listed hosts).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from pathlib import Path

from ecmguide.law import citations

DIGESTS = "research/source-digests.json"
USER_AGENT = (
    "ECM-Guide-source-watch/1.0 (weekly check of official statute pages cited by the ECM confidentiality guide)"
)


@dataclass(frozen=True)
class Target:
    fact: str  # "tx.duty_to_warn"
    url: str
    last_reviewed: str


def targets(project) -> list[Target]:
    """Every in-force or not-enacted fact with an official-text link, from every overlay."""
    out = []
    for code in project.overlay_codes():
        overlay = project.overlay(code)
        for fact in (*overlay.facts.values(), *overlay.federal.values()):
            link = citations.fact_link(fact) if fact.has_law else None
            if link is not None:
                out.append(
                    Target(
                        f"{code}.{fact.slot.removeprefix('federal.')}",
                        link.url,
                        fact.last_reviewed.isoformat() if fact.last_reviewed else "",
                    )
                )
    return out


def normalize(page: bytes) -> str:
    """The page's visible text, whitespace folded: markup, scripts and styles do not count as a change."""
    text = page.decode("utf-8", "replace")
    text = re.sub(r"<(script|style|noscript)\b.*?</\1\s*>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())


def digest(page: bytes) -> str:
    return hashlib.sha256(normalize(page).encode("utf-8")).hexdigest()


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if (old.scheme, old.hostname, old.port) != (new.scheme, new.hostname, new.port) and not (
            old.hostname == new.hostname and new.scheme == "https"
        ):
            raise urllib.error.HTTPError(
                newurl, code, f"redirect to another host ({new.hostname}) not followed", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class Fetcher:
    """Polite fetching: robots.txt, a delay per host, a timeout and retries."""

    delay: float = 2.0
    timeout: float = 20.0
    retries: int = 2
    _last: dict = field(default_factory=dict)
    _robots: dict = field(default_factory=dict)

    def __post_init__(self):
        self._opener = urllib.request.build_opener(_SameHostRedirects)

    def _wait(self, host: str) -> None:
        pause = self._last.get(host, 0) + self.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last[host] = time.monotonic()

    def _get(self, url: str) -> bytes:
        parts = urllib.parse.urlsplit(url)
        self._wait(parts.netloc)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with self._opener.open(request, timeout=self.timeout) as response:
            return response.read(5_000_000)

    def allowed(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser = urllib.robotparser.RobotFileParser()
            try:
                parser.parse(self._get(root + "/robots.txt").decode("utf-8", "replace").splitlines())
            except (urllib.error.URLError, OSError, ValueError):
                parser.parse([])  # no readable robots.txt: nothing is disallowed
            self._robots[root] = parser
        return self._robots[root].can_fetch(USER_AGENT, url)

    def fetch(self, url: str) -> tuple[bytes | None, str]:
        """(body, "") or (None, why it could not be read)."""
        if not self.allowed(url):
            return None, "robots.txt asks crawlers not to read this page"
        why = ""
        for attempt in range(self.retries + 1):
            try:
                return self._get(url), ""
            except urllib.error.HTTPError as exc:
                why = f"HTTP {exc.code}" + (f": {exc.msg}" if "redirect" in str(exc.msg) else "")
                if exc.code < 500:
                    break
            except (urllib.error.URLError, OSError) as exc:  # timeouts and refused connections
                why = f"not reachable ({getattr(exc, 'reason', exc)})"
            time.sleep(min(2**attempt * self.delay, 30))
        return None, why


def load(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(data.items())), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def record(targets_: list[Target], stored: dict, fetcher: Fetcher, today: dt.date) -> tuple[dict, list[str]]:
    """Digests for facts reviewed since their digest was taken (or never taken); returns (digests, problems)."""
    out, problems = dict(stored), []
    for t in targets_:
        old = stored.get(t.fact, {})
        if old.get("last_reviewed") == t.last_reviewed and old.get("url") == t.url:
            continue
        body, why = fetcher.fetch(t.url)
        if body is None:
            problems.append(f"{t.fact}: {t.url}: {why}")
            continue
        out[t.fact] = {
            "url": t.url,
            "digest": digest(body),
            "last_reviewed": t.last_reviewed,
            "recorded": today.isoformat(),
        }
    return out, problems


@dataclass(frozen=True)
class Finding:
    fact: str
    url: str
    last_reviewed: str
    recorded: str
    problem: str  # "changed", or why the page could not be read


def check(stored: dict, fetcher: Fetcher) -> list[Finding]:
    """Every recorded page fetched again: the ones that changed or could not be read."""
    out = []
    for fact, entry in sorted(stored.items()):
        body, why = fetcher.fetch(entry["url"])
        if body is None:
            out.append(Finding(fact, entry["url"], entry["last_reviewed"], entry["recorded"], why))
        elif digest(body) != entry["digest"]:
            out.append(Finding(fact, entry["url"], entry["last_reviewed"], entry["recorded"], "changed"))
    return out


def changes_json(findings: list[Finding], previous: dict, today: dt.date) -> str:
    """research/source-watch.json: each fact whose official page changed, with the day it was first found
    changed (kept from the previous file, so rebuilt editions agree on it)."""
    first = {e.get("fact"): e.get("date") for e in previous.get("changed", []) if isinstance(e, dict)}
    changed = [
        {"fact": f.fact, "url": f.url, "date": first.get(f.fact) or today.isoformat()}
        for f in findings
        if f.problem == "changed"
    ]
    return json.dumps({"checked": today.isoformat(), "changed": changed}, indent=1, ensure_ascii=False) + "\n"


def report(findings: list[Finding], today: dt.date, checked: int) -> str:
    changed = [f for f in findings if f.problem == "changed"]
    unread = [f for f in findings if f.problem != "changed"]
    lines = [
        f"## Official texts to re-review ({today.isoformat()})",
        "",
        f"{checked} official pages checked; {len(changed)} changed since the fact was last reviewed; "
        f"{len(unread)} could not be read.",
        "",
    ]
    if changed:
        lines += [
            "The page under each fact below no longer matches the text recorded when the fact was last "
            "reviewed. The law may have changed, or only the page around it. Re-read it and update the fact.",
            "",
        ]
        lines += [
            f"- [ ] `{f.fact}`: {f.url} (last reviewed {f.last_reviewed}; page recorded {f.recorded})" for f in changed
        ]
        lines.append("")
    if unread:
        lines += ["Could not be read this time (checked again next week):", ""]
        lines += [f"- `{f.fact}`: {f.url}: {f.problem}" for f in unread]
    return "\n".join(lines) + "\n"
