"""`bulletin init` and `bulletin new` through the real CLI, and init → new → build from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from bulletin_gen.settings import config as config_module
from bulletin_gen.settings.config import today
from bulletin_gen.text import yamlload
from tests.sitekit import REPO, issue_text, make_site, run_cli, soup


def test_init_makes_a_site_that_builds_at_once(tmp_path):
    site = tmp_path / "新站点"
    run = run_cli("init", str(site), "--issuer", "中共示例县委组织部")
    assert run.code == 0, run.text
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())[:2] == [
        ".gitignore", "content/" + next((site / "content").iterdir()).name + "/01.md"]
    assert not (site / "themes").exists(), "the theme comes from the package"
    assert {"build/", ".bulletin-cache/"} <= set((site / ".gitignore").read_text(encoding="utf-8").split())
    built = run_cli("build", "--site", str(site))
    assert built.code == 0, built.text
    page = soup(next((site / "build").glob("*/1/index.html")))
    assert page.select_one(".masthead-name").get_text() == "组工信息"
    assert page.select_one(".masthead-issuer").get_text() == "中共示例县委组织部"
    assert [w for w in built.err.splitlines()] == [
        "site.yaml: 警告: site.yaml 没有设置 base_url，因此没有生成 feed.xml 和 sitemap.xml（它们需要完整网址）。"]


def test_init_writes_every_setting_there_is(tmp_path):
    site = tmp_path / "site"
    assert run_cli("init", str(site)).code == 0
    text = (site / "site.yaml").read_text(encoding="utf-8")
    keys = set(yamlload.load(text).key_lines)
    assert set(config_module.SCHEMA) <= keys
    assert {"footer." + key for key in config_module.FOOTER_KEYS} <= keys


def test_init_quotes_names_that_yaml_would_misread(tmp_path):
    site = tmp_path / "site"
    assert run_cli("init", str(site), "--name", "组工信息: 特刊 #1", "--issuer", "- 某部").code == 0
    built = run_cli("build", "--site", str(site))
    assert built.code == 0, built.text
    page = soup(next((site / "build").glob("*/1/index.html")))
    assert page.select_one(".masthead-name").get_text() == "组工信息: 特刊 #1"


def test_init_follows_the_language_asked_for(tmp_path):
    run = run_cli("--lang", "en", "init", str(tmp_path / "site"))
    assert run.code == 0 and "created a new site" in run.out
    assert "language: en" in (tmp_path / "site" / "site.yaml").read_text(encoding="utf-8")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("编辑的文件", encoding="utf-8")
    run = run_cli("init", str(tmp_path))
    assert run.code == 1
    assert "不是空文件夹，没有写入任何文件" in run.err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_takes_the_next_number_of_the_year_and_the_next_total(tmp_path):
    site = make_site(tmp_path / "site", {
        "2025/01.md": issue_text(1, "2025-01-08", total="101"),
        "2025/02.md": issue_text(2, "2025-01-22", total="102"),
        "2024/30.md": issue_text(30, "2024-12-20", total="100"),
    })
    run = run_cli("new", "--site", str(site), "--date", "2025-02-05")
    assert run.code == 0, run.text
    created = Path(run.out.strip())
    assert created.resolve() == (site / "content" / "2025" / "03.md").resolve()
    text = created.read_text(encoding="utf-8")
    assert "issue: 3\ndate: 2025-02-05\ntotal: 103\n" in text
    assert "issuer: 中共示例县委组织部" in text and "summary:" in text and "contributing:" in text
    # the skeleton is a draft, and with drafts it builds cleanly: summary and titles match
    built = run_cli("build", "--site", str(site), "--drafts")
    assert built.code == 0 and "警告" not in built.err, built.err
    page = soup(site / "build" / "2025" / "3" / "index.html")
    assert [a.get_text() for a in page.select(".summary a")] == ["这里写第一篇文章的主标题这里写副标题", "工作动态"]
    assert run_cli("build", "--site", str(site)).code == 0
    assert not (site / "build" / "2025" / "3").exists(), "a draft is not published"


def test_new_in_a_new_year_starts_at_one_and_dates_today_by_default(tmp_path):
    site = make_site(tmp_path / "site", {"2024/30.md": issue_text(30, "2024-12-20")})
    run = run_cli("new", "--site", str(site))
    assert run.code == 0, run.text
    created = Path(run.out.strip()).read_text(encoding="utf-8")
    year = today("+08:00").year
    assert f"date: {today('+08:00').isoformat()}" in created
    assert ("issue: 1\n" if year != 2024 else "issue: 31\n") in created


def test_new_with_continuous_numbering_counts_on_across_years(tmp_path):
    site = make_site(tmp_path / "site", {"2024/40.md": issue_text(40, "2024-12-20")},
                     "name: 组工信息\nissuer: 某部\nnumbering: continuous\n")
    run = run_cli("new", "--site", str(site), "--date", "2025-01-10")
    assert run.code == 0, run.text
    assert Path(run.out.strip()).name == "41.md"


def test_new_refuses_a_number_that_is_taken_and_names_the_file(tmp_path):
    site = make_site(tmp_path / "site", {"2025/first.md": issue_text(1, "2025-01-08")})
    before = (site / "content" / "2025" / "first.md").read_bytes()
    run = run_cli("new", "--site", str(site), "--date", "2025-03-01", "--issue", "1")
    assert run.code == 1
    assert "2025年第1期已经有了：" in run.err and "first.md" in run.err
    assert sorted(p.name for p in (site / "content" / "2025").iterdir()) == ["first.md"]
    assert (site / "content" / "2025" / "first.md").read_bytes() == before


def test_new_never_overwrites_a_file(tmp_path):
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-01-08")})
    (site / "content" / "2025" / "02.md").write_text("还没写完的草稿，没有前置信息", encoding="utf-8")
    run = run_cli("new", "--site", str(site), "--date", "2025-03-01", "--issue", "2")
    assert run.code == 1, run.text
    assert (site / "content" / "2025" / "02.md").read_text(encoding="utf-8") == "还没写完的草稿，没有前置信息"


def test_new_rejects_a_bad_date_with_usage_help(tmp_path):
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-01-08")})
    run = run_cli("new", "--site", str(site), "--date", "2025-02-30")
    assert run.code == 2 and "expected a date such as 2025-03-06" in run.err


def test_every_command_has_help():
    for command in ("init", "new", "check", "build", "serve", "stats"):
        run = run_cli(command, "--help")
        assert run.code == 0 and run.out.startswith("usage: bulletin " + command)


# --- from a wheel ------------------------------------------------------------------

def _site_packages_without_us(tmp_path: Path) -> Path:
    """This environment's dependencies, without bulletin-gen itself, for a fresh venv to see."""
    ours = Path(sysconfig.get_paths()["purelib"])
    shelf = tmp_path / "deps"
    shelf.mkdir()
    for entry in ours.iterdir():
        if "bulletin" in entry.name.lower() or entry.suffix == ".pth":
            continue
        (shelf / entry.name).symlink_to(entry)
    return shelf


def test_init_new_build_from_an_installed_wheel(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(REPO)], check=True)
    wheel = next(wheels.glob("bulletin_gen-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "deps.pth").write_text(str(_site_packages_without_us(tmp_path)) + "\n")
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def bulletin(*args: str, cwd: Path = work) -> subprocess.CompletedProcess:
        return subprocess.run([str(venv / "bin" / "bulletin"), *args], cwd=cwd, env=env, capture_output=True,
                              text=True, encoding="utf-8", check=False)

    where = subprocess.run([str(python), "-c", "import bulletin_gen; print(bulletin_gen.__file__)"], cwd=work,
                           env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(purelib), "the test must run the installed wheel, not this checkout"
    assert bulletin("init", "mysite").returncode == 0
    site = work / "mysite"
    created = bulletin("new", cwd=site)
    assert created.returncode == 0, created.stderr
    (site / created.stdout.strip()).write_text(
        (site / created.stdout.strip()).read_text(encoding="utf-8").replace("draft: true", "draft: false"),
        encoding="utf-8")
    built = bulletin("build", cwd=site)
    assert built.returncode == 0, built.stderr
    output = site / "build"
    assert (output / "static" / "css" / "bulletin.css").is_file()
    assert (output / "stats" / "index.html").is_file()
    assert len(list(output.glob("*/[12]/index.html"))) == 2


def test_new_starts_the_first_issue_of_a_site_without_content(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "site.yaml").write_text("name: 组工信息\nissuer: 某部\n", encoding="utf-8")
    run = run_cli("new", "--site", str(site), "--date", "2025-03-06")
    assert run.code == 0, run.text
    assert Path(run.out.strip()).resolve() == (site / "content" / "2025" / "01.md").resolve()
    assert "issue: 1\ndate: 2025-03-06\ndraft: true" in (site / "content" / "2025" / "01.md").read_text(encoding="utf-8")


def test_new_stops_when_an_issue_cannot_be_read_and_says_nothing_was_written(tmp_path):
    site = make_site(tmp_path / "site", {"2025/01.md": issue_text(1, "2025-01-08"), "2025/02.md": "没有前置信息\n"})
    run = run_cli("new", "--site", str(site))
    assert run.code == 1
    assert run.err.splitlines()[-1] == "有 1 个错误、0 个警告，未能完成。请先改正上面的问题；没有写入任何文件。"
    assert sorted(p.name for p in (site / "content" / "2025").iterdir()) == ["01.md", "02.md"]
