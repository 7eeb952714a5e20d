"""The checkers the quality gates run, installed from npm into tests/quality/, and the site they check.

The versions are pinned in tests/quality/package.json. `.ci/run` installs
them; a local run installs them on first use when npm is there. Without npm or
Java a gate is skipped with the reason, except under CI=true, where it must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.sitekit import REPO, build

TOOLS = REPO / "tests" / "quality"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
SITEMAP_XSD = TOOLS / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"  # the sitemaps.org 0.9 schema
SUB_PATH_URL = "https://www.example.gov.cn/zgxx/"


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason + "; under CI=true quality gates must run (.ci/run installs them)")
    pytest.skip(reason)


def npm_tool(path: Path) -> Path:
    if not path.exists():
        if not shutil.which("npm"):
            unavailable(f"{path.relative_to(REPO)} is missing and npm is not installed")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS, check=True,
                       capture_output=True)
    return path


def java() -> str:
    found = shutil.which("java")
    if not found:
        unavailable("Java is not installed (apt-get install default-jre-headless)")
    return found


def example_under_sub_path(tmp_path_factory) -> Path:
    """The example site, built for https://www.example.gov.cn/zgxx/: the gates' subject."""
    site = tmp_path_factory.mktemp("quality") / "site"
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns("build", ".venv", ".git", "__pycache__", "tests", ".*"))
    run = build(site, "--base-url", SUB_PATH_URL)
    assert run.code == 0, run.text
    return site / "build"
