"""The hub and an edition in a real headless Chromium, at desktop and phone widths."""
import pytest

from ecmguide import checks

pytestmark = pytest.mark.slow
PAGES = ["", "coverage/", "compare/", "ca/", "ca/disciplines/advocates/", "ca/basics/before-you-share/", "ca-example/", "us/downloads/"]


@pytest.fixture(scope="module")
def browsed(built_site, tmp_path_factory):
    shots = tmp_path_factory.mktemp("shots")
    axe, privacy, console, results = checks.browser(built_site, [], shots=shots, pages=PAGES)
    return axe, privacy, console, results, shots


def test_pages_load_without_console_errors(browsed):
    _, _, console, results, _ = browsed
    assert [r["path"] for r in results] == PAGES
    assert console.problems == []


def test_no_request_leaves_the_local_server(browsed):
    assert browsed[1].problems == []


def test_no_axe_violations_on_sampled_pages(browsed):
    assert browsed[0].problems == []


def test_screenshots_taken_and_phone_layout_does_not_scroll_sideways(browsed):
    results, shots = browsed[3], browsed[4]
    for r in results:
        for name in r["screenshots"]:
            assert (shots / name).stat().st_size > 5000  # a real rendered image, not a blank
        assert r["phoneOverflow"] <= 0, r["path"]
