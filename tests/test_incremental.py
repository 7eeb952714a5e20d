"""Incremental builds and the build cache: a rebuild after any edit equals a clean build, byte for byte."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_gen.base import parallel
from bulletin_gen.base.problems import Problems
from bulletin_gen.pipeline.builder import Builder, BuildOptions
from bulletin_gen.sources.discover import discover, rediscover
from tests.sitekit import build, issue_text, make_site, tree_bytes

CACHE = Path(".bulletin-cache/build.sqlite")
SMALL_SITE = """\
name: 组工信息
issuer: 中共示例县委组织部
base_url: https://example.gov.cn/zgxx/
per_page: 2
"""


def body(number: int, words: str = "正文") -> str:
    return f"## 第{number}期的文章\n\n{words}第一段。\n（组织一科 供稿）\n"


def start_site(root: Path, count: int = 5) -> Path:
    issues = {f"2024/{n:02d}.md": issue_text(n, f"2024-0{(n - 1) % 9 + 1}-1{n % 10}", body(n))
              for n in range(1, count + 1)}
    return make_site(root, issues, SMALL_SITE)


def clean_build(site: Path, where: Path) -> dict[str, bytes]:
    """The reference: a build from nothing, into a fresh directory, with no cache."""
    shutil.rmtree(where, ignore_errors=True)
    result = build(site, "--no-cache", "--output", str(where), "--jobs", "1")
    assert result.code == 0, result.text
    return tree_bytes(where)


def files_written(output: str) -> int:
    return int(output.split("写入 ")[1].split(" 个文件")[0])


# --- the edits a property test may apply ---------------------------------------

def issue_files(site: Path) -> list[Path]:
    return sorted((site / "content").rglob("*.md"))


def numbers(site: Path) -> set[int]:
    return {int(p.read_text(encoding="utf-8").split("issue: ")[1].split("\n")[0]) for p in issue_files(site)}


def picked(site: Path, pick: int) -> Path:
    files = issue_files(site)  # never empty: delete_issue keeps the last one
    return files[pick % len(files)]


def replace_field(path: Path, field: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    old = text.split(f"{field}: ")[1].split("\n")[0]
    path.write_text(text.replace(f"{field}: {old}", f"{field}: {value}"), encoding="utf-8")


def edit_body(site: Path, pick: int) -> None:
    path = picked(site, pick)
    path.write_text(path.read_text(encoding="utf-8").replace("第一段", "第一段（改）"), encoding="utf-8")


def edit_title(site: Path, pick: int) -> None:
    """An article title is in the issue's 内容摘要, which archive pages list."""
    path = picked(site, pick)
    path.write_text(path.read_text(encoding="utf-8").replace("的文章", f"的文章{pick}", 1), encoding="utf-8")


def change_date(site: Path, pick: int) -> None:
    replace_field(picked(site, pick), "date", f"2024-1{pick % 3}-0{pick % 9 + 1}")


def renumber(site: Path, pick: int) -> None:
    replace_field(picked(site, pick), "issue", str(max(numbers(site)) + 1 + pick % 3))


def add_issue(site: Path, pick: int) -> None:
    number = max(numbers(site) or {0}) + 1
    path = site / "content/2024" / f"new-{number}.md"
    path.write_text(issue_text(number, f"2024-12-{pick % 28 + 1:02d}", body(number, "新增")), encoding="utf-8")


def delete_issue(site: Path, pick: int) -> None:
    files = issue_files(site)
    if len(files) > 1:
        files[pick % len(files)].unlink()


def rename_file(site: Path, pick: int) -> None:
    path = picked(site, pick)
    path.rename(path.with_name(f"renamed-{pick}-{path.name}"))


def edit_template(site: Path, pick: int) -> None:
    """The site's own templates/ override the theme's: the footer partial gains a line."""
    path = site / "templates/partials/footer.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<footer class="site-footer"><p>本站第{pick}版</p></footer>\n', encoding="utf-8")


def edit_site_yaml(site: Path, pick: int) -> None:
    text = (site / "site.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("per_page", "description")))
    (site / "site.yaml").write_text(f"{text}\nper_page: {pick % 3 + 1}\ndescription: 第{pick}次修改\n",
                                    encoding="utf-8")


EDITS = [edit_body, edit_title, change_date, renumber, add_issue, delete_issue, rename_file, edit_template, edit_site_yaml]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 50)), min_size=1, max_size=6))
def test_incremental_build_after_any_edits_equals_a_clean_build(tmp_path_factory, steps):
    root = tmp_path_factory.mktemp("site")
    site = start_site(root / "site")
    assert build(site, "--jobs", "1").code == 0
    for edit, pick in steps:
        edit(site, pick)
        result = build(site, "--jobs", "1")
        assert result.code == 0, (edit.__name__, result.text)
        assert tree_bytes(site / "build") == clean_build(site, root / "clean"), f"after {edit.__name__}({pick})"


# --- the preview's way: one Builder kept open, told which files changed ---------------

def content_snapshot(site: Path) -> dict[str, bytes]:
    return {str(path.absolute()): path.read_bytes() for path in (site / "content").rglob("*") if path.is_file()}


def touched(before: dict[str, bytes], after: dict[str, bytes]) -> frozenset[str]:
    """The content files a watcher reports after an edit: made, changed or gone (a rename is both ends)."""
    return frozenset(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 50), st.booleans()), min_size=1,
                      max_size=6))
def test_a_builder_kept_open_told_what_changed_equals_a_clean_build(tmp_path_factory, steps):
    """What bulletin serve does: the Builder keeps the last build's files, parses, model and keys, and
    looks only at the files the watcher names (or at everything, when the watcher cannot say)."""
    root = tmp_path_factory.mktemp("site")
    site = start_site(root / "site")
    with Builder(BuildOptions(site_dir=site, jobs=1)) as builder:
        builder.build()
        for edit, pick, told in steps:
            before = content_snapshot(site)
            edit(site, pick)
            builder.build(touched(before, content_snapshot(site)) if told else None)
            assert tree_bytes(site / "build") == clean_build(site, root / "clean"), f"after {edit.__name__}({pick})"


def test_a_file_the_watcher_names_is_looked_at_and_others_are_not(tmp_path):
    """Trusting the watcher is what makes a preview's rebuild short: an unnamed file is not even opened."""
    site = start_site(tmp_path)
    with Builder(BuildOptions(site_dir=site, jobs=1)) as builder:
        builder.build()
        edit_body(site, 1)  # 2024/02.md
        edit_body(site, 3)  # 2024/04.md
        result = builder.build({str((site / "content/2024/02.md").absolute())})
        assert set(result.written.files) >= {"2024/2/index.html"}
        assert "2024/4/index.html" not in result.written.files
        # Told nothing, the next build looks at every file and finds the other edit.
        assert "2024/4/index.html" in builder.build().written.files


def test_the_list_of_files_follows_the_watcher_until_only_a_walk_can_tell(tmp_path):
    site = start_site(tmp_path)
    content = (site / "content").absolute()
    found = discover(content, Problems())
    new = content / "2024/03b.md"
    new.write_text(issue_text(9, "2024-03-20", body(9)), encoding="utf-8")
    (content / "2024/01.md").unlink()
    after = rediscover(found, {str(new), str(content / "2024/01.md"), str(content / "2024/notes.txt")})
    assert after is not None and after.paths == discover(content, Problems()).paths
    assert [p.name for p in after.paths] == ["02.md", "03.md", "03b.md", "04.md", "05.md"]
    # A link may lead anywhere, and a path spelled otherwise may be anything: walk the folder instead.
    (content / "2024/link.md").symlink_to(content / "2024/02.md")
    assert rediscover(after, {str(content / "2024/link.md")}) is None
    assert rediscover(after, {str(tmp_path / "elsewhere.md")}) is None


# --- what incremental output means for the files on disk ---------------------------

def test_an_edit_rewrites_only_the_pages_that_show_it_and_others_keep_their_mtime(tmp_path):
    site = start_site(tmp_path, count=9)
    assert build(site).code == 0
    output = site / "build"
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    for path in before:  # make any rewrite visible even on a coarse-mtime file system
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    edit_body(site, 4)  # 2024/05.md, in the middle of the chain
    result = build(site)
    assert result.code == 0
    rewritten = {p.relative_to(output).as_posix() for p in before if p.stat().st_mtime_ns != 1_000_000_000}
    # The page itself, the archive pages listing it are re-rendered; only the ones whose bytes changed
    # are written: its page, and the feed that carries its text. Its neighbours' links show only its
    # number and date, which did not change.
    assert rewritten == {"2024/5/index.html", "feed.xml", ".bulletin-gen"}
    assert files_written(result.out) == 2


def test_deleting_an_issue_removes_its_page_and_relinks_its_neighbours(tmp_path):
    site = start_site(tmp_path)
    assert build(site).code == 0
    (site / "content/2024/03.md").unlink()
    assert build(site).code == 0
    assert not (site / "build/2024/3").exists()
    assert tree_bytes(site / "build") == clean_build(site, tmp_path / "clean")


def test_a_no_change_rebuild_writes_nothing(tmp_path):
    site = start_site(tmp_path)
    assert build(site).code == 0
    again = build(site)
    assert again.code == 0 and files_written(again.out) == 0


@pytest.mark.parametrize("start", ["default", "spawn"])
def test_parallel_build_is_byte_identical_to_a_one_process_build(tmp_path, monkeypatch, start):
    """"spawn" is how workers start on Windows and macOS: everything they get must travel by pickle."""
    if start == "spawn":
        monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    issues = {f"{y}/{n:02d}.md": issue_text(n, f"{y}-{(n - 1) % 12 + 1:02d}-0{n % 9 + 1}", body(n))
              for y in (2023, 2024) for n in range(1, 61)}
    site = make_site(tmp_path / "site", issues, SMALL_SITE)
    assert build(site, "--no-cache", "--jobs", "2", "--output", str(tmp_path / "two")).code == 0
    assert build(site, "--no-cache", "--jobs", "1", "--output", str(tmp_path / "one")).code == 0
    two, one = tree_bytes(tmp_path / "two"), tree_bytes(tmp_path / "one")
    assert len(one) > 120 and two == one


def test_an_unfinished_incremental_build_is_followed_by_a_full_one(tmp_path):
    site = start_site(tmp_path)
    assert build(site).code == 0
    edit_body(site, 1)
    # What a build killed while moving files in leaves: a marker without its build key.
    marker = site / "build/.bulletin-gen"
    marker.write_text(marker.read_text(encoding="utf-8").split("build ")[0], encoding="utf-8")
    (site / "build/2024/1/index.html").write_text("half", encoding="utf-8")
    result = build(site)
    assert result.code == 0 and files_written(result.out) > 5
    assert tree_bytes(site / "build") == clean_build(site, tmp_path / "clean")


# --- a damaged cache is never trusted ------------------------------------------------

def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def garbage(path: Path) -> None:
    path.write_bytes(b"\x00not a database\xff" * 500)


def old_version(path: Path) -> None:
    """An older release: another code key, and a table of another shape."""
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '0:old' WHERE name = 'code'")
        db.execute("DROP TABLE sources")
        db.execute("CREATE TABLE sources (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
                   " digest TEXT NOT NULL, head BLOB NOT NULL, problems BLOB NOT NULL)")


def poisoned_rows(path: Path) -> None:
    """Same version, but the stored parse and text are damaged: they must be re-made, not used."""
    with sqlite3.connect(path) as db:
        db.execute("UPDATE sources SET head = X'00', size = NULL")
        db.execute("UPDATE bodies SET body = X'8003'")


@pytest.mark.parametrize("damage", [truncate, garbage, old_version, poisoned_rows])
def test_a_damaged_or_old_cache_still_gives_a_correct_build(tmp_path, damage):
    site = start_site(tmp_path)
    assert build(site).code == 0
    edit_body(site, 2)
    damage(site / CACHE)
    result = build(site)
    assert result.code == 0, result.text
    assert tree_bytes(site / "build") == clean_build(site, tmp_path / "clean")
    if damage is not poisoned_rows:
        assert "缓存" in result.err  # the editor is told why this build was slower
    again = build(site)  # and the cache works again from then on
    assert again.code == 0 and again.err == "" and files_written(again.out) == 0


def test_no_cache_neither_reads_nor_writes_the_cache(tmp_path):
    site = start_site(tmp_path)
    result = build(site, "--no-cache")
    assert result.code == 0
    assert not (site / ".bulletin-cache").exists()


# --- state changed behind the build's back ------------------------------------------------

def test_a_page_deleted_or_edited_by_hand_in_the_output_is_restored_by_the_next_build(tmp_path):
    site = start_site(tmp_path / "site")
    assert build(site).code == 0
    clean = tree_bytes(site / "build")
    page = site / "build" / "2024" / "3" / "index.html"
    stat = page.stat()
    page.write_bytes(page.read_bytes().replace("第3期".encode(), "第8期".encode()))  # same size
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and its mtime put back, as cp -p would
    (site / "build" / "2024" / "4" / "index.html").unlink()
    run = build(site)
    assert run.code == 0, run.text
    assert tree_bytes(site / "build") == clean
    assert files_written(run.err + run.out) == 2


def test_a_same_size_edit_with_its_mtime_put_back_is_rebuilt(tmp_path):
    site = start_site(tmp_path / "site")
    source = picked(site, 2)
    long_ago = 1_600_000_000_000_000_000  # so that the cache trusts its size and mtime (no racy write)
    os.utime(source, ns=(long_ago, long_ago))
    assert build(site).code == 0
    stat = source.stat()
    text = source.read_text(encoding="utf-8")
    edited = text.replace("正文", "改文", 1)
    assert len(edited.encode()) == len(text.encode()) and edited != text
    source.write_text(edited, encoding="utf-8")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # touch -r
    assert build(site).code == 0
    assert tree_bytes(site / "build") == clean_build(site, tmp_path / "clean")
