"""Small real sites in tmp dirs, built by the real CLI, and parsed-HTML helpers."""

from __future__ import annotations

import io
import posixpath
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from bulletin_gen.cli import main

REPO = Path(__file__).resolve().parent.parent

SITE_YAML = """\
name: 组工信息
issuer: 中共示例县委组织部
base_url: https://example.gov.cn/zgxx/
per_page: 3
"""


def issue_text(number: int, date: str, body: str | None = None, **fields: str) -> str:
    front = [f"issue: {number}", f"date: {date}"] + [f"{k}: {v}" for k, v in fields.items()]
    if body is None:
        body = f"## 第{number}期的文章\n\n正文第一段。\n（组织一科 供稿）\n"
    return "---\n" + "\n".join(front) + "\n---\n\n" + textwrap.dedent(body)


def make_site(root: Path, issues: dict[str, str | bytes], site_yaml: str = SITE_YAML) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
    for relative, text in issues.items():
        path = root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def build(site: Path, *extra: str) -> Run:
    return run_cli("build", "--site", str(site), *extra)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


THEME_SCRIPTS = ("static/js/reader.js", "static/js/care.js")


def foreign_scripts(html: BeautifulSoup) -> list:
    """Every script on a page but the theme's own (reader.js, care.js), loaded from static/ with nothing inline."""
    return [script for script in html.find_all("script")
            if script.string or not script.get("src", "").split("?")[0].endswith(THEME_SCRIPTS)]


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def ids_in(path: Path) -> set[str]:
    return {tag["id"] for tag in soup(path).find_all(id=True)}


def internal_links(page: Path) -> list[str]:
    """Every href/src on the page that does not leave the site."""
    found = []
    for tag in soup(page).find_all(["a", "link", "img", "script"]):
        value = tag.get("href") or tag.get("src")
        if value and not urlsplit(value).scheme and not value.startswith("//"):
            found.append(value)
    return found


def resolve_from_disk(output: Path, page: Path, link: str) -> tuple[Path, str]:
    """What a browser opens for `link` on a page opened with file://: no directory index."""
    parts = urlsplit(link)
    base = page.parent if parts.path else page
    target = (base / unquote(parts.path)).resolve() if parts.path else page
    return target, parts.fragment


def resolve_on_server(output: Path, page: Path, link: str, base_url: str) -> tuple[Path | None, str]:
    """What a web server serving `output` at `base_url` returns for `link` (directory → index.html)."""
    page_url = base_url + page.relative_to(output).as_posix()
    absolute = urljoin(page_url, link)
    parts = urlsplit(absolute)
    if not absolute.startswith(base_url):
        return None, parts.fragment  # the link climbed out of the sub-path
    relative = unquote(parts.path[len(urlsplit(base_url).path):])
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return output / posixpath.normpath(relative), parts.fragment


def broken_links(output: Path, mode: str, base_url: str = "https://example.gov.cn/zgxx/") -> list[str]:
    """Every internal link or anchor that does not resolve, as 'page → link' strings."""
    broken = []
    id_cache: dict[Path, set[str]] = {}
    for page in html_files(output):
        if page.name == "404.html":
            continue  # served at any URL; checked on its own
        for link in internal_links(page):
            if mode == "disk":
                target, fragment = resolve_from_disk(output, page, link)
            else:
                target, fragment = resolve_on_server(output, page, link, base_url)
            if target is None or not target.is_file():
                broken.append(f"{page.relative_to(output)} → {link}")
                continue
            if fragment:
                ids = id_cache.setdefault(target, ids_in(target) if target.suffix == ".html" else set())
                if fragment not in ids:
                    broken.append(f"{page.relative_to(output)} → {link} (no #{fragment})")
    return broken


def tree_bytes(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}
