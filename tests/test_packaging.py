"""The package installs from a clone and its console script works on a checkout it does not live in."""

import os
import subprocess
import sys

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow  # builds and installs a wheel (no site, but tens of seconds)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pkg")
    clone = tmp / "clone"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(clone)], check=True)
    target = tmp / "target"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "--target",
            str(target),
            str(clone),
        ],
        check=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ECMGUIDE_ROOT", None)
    return clone, target, env


def test_package_data_is_installed(installed):
    _, target, _ = installed
    for rel in (
        "data/sources.yml",
        "data/citeurl-templates.yml",
        "outputs/printed/print.css",
        "outputs/site/theme/main.html",
    ):
        assert (target / "ecmguide" / rel).is_file(), rel


def test_console_script_validates_the_checkout_it_is_run_in(installed):
    clone, target, env = installed
    script = target / "bin" / "ecmguide"
    done = subprocess.run(
        [sys.executable, str(script), "validate", "overlays/tx.yml"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("1 file(s) checked: 0 error(s)")


def test_console_script_takes_root_or_environment(installed, tmp_path):
    clone, target, env = installed
    script = target / "bin" / "ecmguide"
    by_flag = subprocess.run(
        [sys.executable, str(script), "--root", str(clone), "validate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    by_env = subprocess.run(
        [sys.executable, str(script), "validate"],
        cwd=tmp_path,
        env={**env, "ECMGUIDE_ROOT": str(clone)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert by_flag.returncode == by_env.returncode == 0, by_flag.stderr + by_env.stderr
    assert "0 error(s)" in by_flag.stdout and by_flag.stdout.splitlines()[-1] == by_env.stdout.splitlines()[-1]
    nowhere = subprocess.run(
        [sys.executable, str(script), "validate"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert "0 file(s) checked" in nowhere.stdout  # an empty folder is no checkout: nothing of the package's own
