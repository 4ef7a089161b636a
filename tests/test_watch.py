"""`make watch-sources` against local HTTP servers: never the internet (ecmguide/review/watch.py)."""

import datetime as dt
import http.server
import threading
import time

import pytest

from ecmguide.review import watch

PAGES = {
    "/same": b"<html><body><h1>Sec. 611.004</h1><p>A professional may disclose.</p></body></html>",
    "/changed": b"<html><body><p>Version one of the statute.</p></body></html>",
}


class Handler(http.server.BaseHTTPRequestHandler):
    hits: list

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.hits.append((self.server.server_address[0], self.path, self.headers.get("User-Agent")))
        if self.path == "/robots.txt":
            return self.reply(200, b"User-agent: *\nDisallow: /private\n")
        if self.path == "/slow":
            time.sleep(1.5)
            return self.reply(200, b"late")
        if self.path == "/moved":
            return self.redirect("/same")
        if self.path == "/offsite":
            return self.redirect(self.server.offsite + "/x")
        if self.path in PAGES:
            return self.reply(200, PAGES[self.path])
        return self.reply(404, b"not found")

    def reply(self, code, body):
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the watcher gave up on a slow page, as it should

    def redirect(self, where):
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def servers():
    hits = []
    handler = type("H", (Handler,), {"hits": hits})
    listed = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    other = http.server.ThreadingHTTPServer(("127.0.0.2", 0), handler)
    listed.offsite = f"http://127.0.0.2:{other.server_address[1]}"
    for s in (listed, other):
        threading.Thread(target=s.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{listed.server_address[1]}", hits
    for s in (listed, other):
        s.shutdown()
        s.server_close()


def test_watch_reports_exactly_the_changed_page_and_survives_timeouts_404s_and_redirects(servers):
    base, hits = servers
    names = ("same", "changed", "slow", "missing", "moved", "offsite", "private")
    targets = [watch.Target(f"tx.fact_{n}", f"{base}/{n}", "2026-11-20") for n in names]
    fetcher = watch.Fetcher(delay=0, timeout=0.5, retries=1)
    stored, problems = watch.record(targets, {}, fetcher, dt.date(2026, 11, 20))
    assert sorted(stored) == ["tx.fact_changed", "tx.fact_moved", "tx.fact_same"]
    assert stored["tx.fact_moved"]["digest"] == stored["tx.fact_same"]["digest"]  # a same-host redirect is followed
    assert sorted(p.split(":")[0] for p in problems) == [
        "tx.fact_missing",
        "tx.fact_offsite",
        "tx.fact_private",
        "tx.fact_slow",
    ]
    PAGES["/changed"] = b"<html><body><p>Version two of the statute.</p></body></html>"
    try:
        findings = watch.check(stored, fetcher)
    finally:
        PAGES["/changed"] = b"<html><body><p>Version one of the statute.</p></body></html>"
    assert [(f.fact, f.problem) for f in findings] == [("tx.fact_changed", "changed")]
    text = watch.report(findings, dt.date(2026, 12, 7), len(stored))
    assert f"- [ ] `tx.fact_changed`: {base}/changed (last reviewed 2026-11-20; page recorded 2026-11-20)" in text
    assert "3 official pages checked; 1 changed since the fact was last reviewed; 0 could not be read." in text
    assert not [h for h in hits if h[0] != "127.0.0.1"], "a request left the listed host"
    assert all(h[2] == watch.USER_AGENT for h in hits)
    assert ("127.0.0.1", "/private", watch.USER_AGENT) not in hits  # robots.txt is obeyed


def test_problems_say_why_a_page_could_not_be_read(servers):
    base, _ = servers
    fetcher = watch.Fetcher(delay=0, timeout=0.5, retries=0)
    assert fetcher.fetch(f"{base}/missing") == (None, "HTTP 404")
    assert fetcher.fetch(f"{base}/slow")[1].startswith("not reachable")
    assert "redirect to another host (127.0.0.2) not followed" in fetcher.fetch(f"{base}/offsite")[1]
    assert fetcher.fetch(f"{base}/private") == (None, "robots.txt asks crawlers not to read this page")


def test_markup_alone_is_not_a_change():
    a = b"<html><head><script>var t=1</script></head><body><p>Same   text.</p></body></html>"
    b = b"<div class='new-theme'><p>Same text.</p><!-- build 2 --></div>"
    assert watch.digest(a) == watch.digest(b)
    assert watch.digest(a) != watch.digest(b"<p>Other text.</p>")


def test_the_watch_file_keeps_the_day_a_change_was_first_found():
    import datetime as dt
    import json

    from ecmguide.review.watch import Finding, changes_json

    found = [
        Finding("tx.duty_to_warn", "https://statutes.capitol.texas.gov/x", "2026-11-20", "2026-11-20", "changed"),
        Finding("tx.victims_rights", "https://statutes.capitol.texas.gov/y", "2026-11-20", "2026-11-20", "timeout"),
    ]
    first = json.loads(changes_json(found, {}, dt.date(2026, 12, 7)))
    assert first == {
        "checked": "2026-12-07",
        "changed": [{"fact": "tx.duty_to_warn", "url": "https://statutes.capitol.texas.gov/x", "date": "2026-12-07"}],
    }
    again = json.loads(changes_json(found, first, dt.date(2026, 12, 14)))
    assert again["changed"][0]["date"] == "2026-12-07" and again["checked"] == "2026-12-14"
