"""Hostile and broken input: the only outcomes are a build or the tool's own message with exit 1.

Property-based (hypothesis), over what editors and their tools actually
produce, and what an attacker might: arbitrary text and bytes, BOMs, mixed
line ends, GBK, NUL bytes, huge lines, deeply nested YAML, alias bombs,
unclosed front matter, front matter that is a list or a scalar, keys that are
not strings, dates as strings and numbers. Every case runs under a time bound;
alias bombs are also run in a child with a memory limit.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bulletin_gen.base.problems import Problems
from bulletin_gen.text import credits, frontmatter, yamlload
from tests.conftest import FUZZ_CASES
from tests.sitekit import REPO, make_site, run_cli

SECONDS = 20  # per case: far above any real file, far below a hang


@contextmanager
def time_bound(seconds: int = SECONDS):
    def expired(signum, frame):
        raise AssertionError(f"no answer within {seconds} s: a hang on this input")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- what goes into a file ------------------------------------------------------

BOMB = textwrap.dedent("""\
    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    """)
KEYS = ["issue", "date", "total", "title", "issuer", "summary", "contributing", "draft", "期号", "日期", "供稿"]
scalars = st.one_of(
    st.text(max_size=30), st.integers(-10**30, 10**30).map(str), st.floats(allow_nan=True).map(str),
    st.sampled_from(["2025-03-06", "20250306", "2025年3月6日", "２０２５-０３-０６", "2025-02-30", "0000-01-01",
                     "9999-12-31", "!!timestamp 2025-03-06", "!!binary aGk=", "*h", "~", "yes", "[", "{a: 1}",
                     "!!python/object:os.system ls", "第４０期", "99999999999999999999999", "-3", "1e9",
                     '"\\0\\e\\a\\x0c\\ud800 转义"', "\x0b\x0c\x1b[31m红\x7f", '"\\u0085\\x9f"']),
)
lines = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(KEYS), scalars),
    st.builds(lambda v: f"  - {v}", scalars),
    st.builds(lambda k: f"? [{k}, x]\n: y", st.sampled_from(KEYS)),  # a key that is a list
    st.sampled_from(["1: one", "null: x", "[a, b]: c", "<<: {issue: 1}", "- list item", "just a scalar",
                     "x: " + "[" * 3000 + "]" * 3000, "x: " + "{a: " * 1000 + "1" + "}" * 1000,
                     BOMB + "summary: *h", BOMB + "title: *h", BOMB + "issue: *h", "issue：１", "date：2025-01-01"]),
    st.text(max_size=40),
)
# What made Markdown slow or recurse: "[" left open (each one scans to the end of the text), brackets
# nested in one another, lists and quotes nested hundreds deep.
WORST_SHAPES = ["[" * 20000, "[x " * 20000, "]" * 20000 + "[" * 20000, "[[" * 10000 + "]]" * 10000, "![[" * 8000,
                "[a](b)" * 5000, "\n".join("    " * depth + "- 列表" for depth in range(250)), ">" * 300 + " 引用",
                "\n".join("\t" * depth + "* 列表" for depth in range(250))]
body_lines = st.one_of(
    st.sampled_from(["## 标题", "### 副标题", "# 工作动态", "> 编者按：说明", "（组织一科 供稿）", "（供稿单位：某县）",
                     "(供稿)", "```", "<script>alert(1)</script>", "[链接](../1/index.html#x)", "　　全角空格缩进",
                     "(" + " " * 5000 + "x", "（" * 3000 + "供稿）", "字" * 100_000, "\t正文\t", "\u200b\u00a0“引号”",
                     "Word 的换行\x0b下一行\x0c分页\x1b[0m", "\x01\x02\x03\x7f\x85\x9f", *WORST_SHAPES]),
    st.text(max_size=60),
)


@st.composite
def issue_files(draw) -> bytes:
    front = "\n".join(draw(st.lists(lines, max_size=8)))
    body = "\n".join(draw(st.lists(body_lines, max_size=8)))
    opening = draw(st.sampled_from(["---\n", "---\r\n", "--- \n", "", "\ufeff---\n", "---\n---\n"]))
    closing = draw(st.sampled_from(["\n---\n", "\r\n---\r\n", "\n", "\n...\n", "\n---"]))
    text = opening + front + closing + body
    text = text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"]))) if draw(st.booleans()) else text
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "gbk", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))] + b"\x00" + data[len(data) // 2:]
    return data


# --- the parts ----------------------------------------------------------------------

@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), issue_files().map(lambda b: b.decode("utf-8", errors="replace"))))
def test_front_matter_splitting_and_loading_never_fail_unreported(text):
    FUZZ_CASES["front matter split + YAML load"] += 1
    problems = Problems()
    with time_bound():
        part = frontmatter.split(text, Path("x.md"), problems)
        loaded = frontmatter.load(part, Path("x.md"), problems) if part else None
    if part is None or loaded is None:
        assert problems.has_errors(), "a file that cannot be read says why"


class _ReferenceLoader(yamlload._BaseLoader):
    """PyYAML's own constructor and resolvers, with the same bool/null-only implicit types."""

    yaml_implicit_resolvers = yamlload.StringlyLoader.yaml_implicit_resolvers


_FLOW = st.lists(st.sampled_from(["a", "b: c", "yes", "No", "~", "null", "NULL", "''", '""', "1", "- x", ": ", ", ",
                                  "[", "]", "{", "}", "&x ", "*x", "!!str ", "!!bool ", "!!null ", "!!int ", "? ",
                                  "\n", "\n  ", "\n- ", "#", "<<: ", "y", "Nul", "TRUE ", "False", "OFF", "On",
                                  "ON", "YES", "NO", "Yes", "no", "true", "Null", "off", "Truth", "nULL"]),
                 max_size=12).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_FLOW, st.lists(lines, max_size=6).map("\n".join).filter(lambda text: "[[[[[[[[" not in text
                                                                           and "{a: {a: {a: " not in text)))
def test_front_matter_values_are_what_pyyamls_own_constructor_makes(text):
    """Values are built straight from the parsed nodes; they must be exactly what PyYAML would build."""
    FUZZ_CASES["YAML values against PyYAML"] += 1
    try:
        expected = yaml.load(text, Loader=_ReferenceLoader)
    except Exception:  # noqa: BLE001 - whatever PyYAML raises, ours says why
        with pytest.raises(yamlload.YamlError):
            yamlload.load(text)
        return
    assert yamlload.load(text).value == expected


# --- plain front matter is read without PyYAML, to exactly what PyYAML's way gives -------------

_FM_KEY = st.sampled_from(["issue", "date", "title", "subtitle", "summary", "a-b", "_x", "期号", "标题2", "k",
                           "yes", "on", "No", "null", "x" * 70, "2024", "a b", "-k", "#k", "<<", "? k"])
_FM_SEP = st.sampled_from([": ", ":", ":  ", " : ", ":\t", ":\u3000", ": \xa0"])
_FM_VALUE = st.lists(st.sampled_from([
    "中文", "2010-01-31", "40", "a#b", " #c", "x: y", "x:y", "'q'", '"q"', "it's", "- d", "-1", "~", "null", "Null",
    "yes", "No", "OFF", "10:30", "http://a.b/c", "[a]", "{b}", "a,b", "&a", "*a", "!x", "|", ">", "...", "---",
    "%x", "@x", "`x", "?x", ":x", "x:", "\u3000", "\xa0", " ", "  ", "é", "全角：冒号", "（组织一科 供稿）", "\\",
    "<b>", "工作动态", "\u2028", "\x85", "\ufeff", "😀"]), max_size=3).map("".join)
_FM_PLAIN = st.sampled_from(["中文", "2010-01-31", "40", "北岭县推进党员教育", "it's", "a,b", "a b"])


@st.composite
def front_matters(draw) -> str:
    """Front matter shaped as editors write it, some values or layouts a little off."""
    def value() -> str:
        return draw(st.one_of(_FM_PLAIN, _FM_VALUE, st.tuples(_FM_PLAIN, _FM_VALUE).map("".join)))

    def key() -> str:
        return draw(st.one_of(st.sampled_from(["issue", "date", "title", "subtitle", "summary"]), _FM_KEY))

    def sep() -> str:
        return draw(st.one_of(st.just(": "), _FM_SEP))

    lines = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            lines.append(key() + sep() + value())
            continue
        lines.append(key() + draw(st.sampled_from([":", ":", ": ", ":  "])))
        indent = draw(st.sampled_from([1, 2, 2, 4]))
        for _ in range(draw(st.integers(0, 4))):
            at = " " * (indent + draw(st.sampled_from([0, 0, 0, 0, 1, -1])))
            dash = draw(st.sampled_from(["- ", "- ", "- ", "-", "-  "]))
            if draw(st.booleans()):
                lines.append(at + dash + value())
                continue
            lines.append(at + dash + key() + sep() + value())
            for _ in range(draw(st.integers(0, 2))):
                lines.append(at + "  " + " " * draw(st.sampled_from([0, 0, 0, 1])) + key() + sep() + value())
            if draw(st.integers(0, 9)) == 0:
                lines.append(draw(st.sampled_from(["", "   ", "# 注释"])))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(max_examples=3000, deadline=None)
@given(front_matters())
# Front matter as editors write it, which must take the short way.
@example("issue: 5\ndate: 2010-01-31\nsummary:\n  - title: 北岭县推进基层党组织建设\n    subtitle: 成效明显\n  - 工作动态\n")
@example("issue: 1\nissue: 2\nsummary:\n  - 一\nsummary:\n  - 二\n  - 三\n")
# And what is plain only at a glance: each must be left to PyYAML, or read as it reads it.
@example("title: 中文 #注释\n")
@example("title: 中文: 副标题\n")
@example("title: 中文:\n")
@example("summary:\n  - title: 一 #注释\n")
@example("summary:\n  - title: 一\n     subtitle: 二\n")
@example("summary:\n  - title: 一\n\n    subtitle: 二\n")
@example("summary:\n  - title: 一\n    - 二\n")
@example("summary:\n  - 一\n   - 二\n")
@example("summary:\n  -\n  - 二\n")
@example("summary:\n  icp: 一\n")
@example("title: 一\n  二\n")
def test_plain_front_matter_is_read_as_pyyaml_reads_it(text):
    FUZZ_CASES["plain front matter against PyYAML"] += 1
    short = yamlload.simple(text)
    if short is None:
        return  # PyYAML's to read
    assert short == yamlload.by_nodes(text)  # values, every key's line, repeated keys
    assert short.value == yaml.load(text, Loader=_ReferenceLoader)


def test_every_example_front_matter_but_a_commented_one_takes_the_short_way():
    taken = []
    for path in sorted((REPO / "content").rglob("*.md")):
        part = frontmatter.split(path.read_text(encoding="utf-8"), path, Problems())
        taken.append(yamlload.simple(yamlload.fix_fullwidth_colons(part.yaml_text)[0]) is not None)
    assert taken.count(False) <= 1 and len(taken) >= 30  # 2025/15.md has a comment after draft: true


def _nested(depth: int, shape: str) -> str:
    if shape == "flow":
        return "x: " + "[" * depth + "v" + "]" * depth + "\n"
    return "".join(" " * level + f"k{level}:\n" for level in range(depth)) + " " * depth + "v\n"


def _depth_of(value: object) -> int:
    depth = 0
    while isinstance(value, (list, dict)) and value:
        value = value[0] if isinstance(value, list) else next(iter(value.values()))
        depth += 1
    return depth


@pytest.mark.parametrize("shape", ["flow", "block"])
@pytest.mark.parametrize("depth", [20, 400, 999, 3000, 20000])
def test_deep_nesting_loads_as_written_or_says_so_in_the_editors_words(depth, shape):
    """Where the YAML library's limit lies is its own (PyYAML 6.0.4 stops at 1000 levels,
    6.0.3 built 3000): either the value is as deep as written, or the editor is told."""
    text = _nested(depth, shape)
    try:
        loaded = yamlload.load(text)
    except yamlload.YamlError as refused:
        assert yamlload.Described(refused.problem).text("zh-CN").startswith("嵌套层数过多")
        assert "flatten it" in yamlload.Described(refused.problem).text("en")
        assert 1 <= refused.line <= text.count("\n")
    else:
        assert _depth_of(loaded.value["x"] if shape == "flow" else loaded.value) == depth


def test_too_deep_for_python_itself_is_said_at_the_deepest_line(monkeypatch):
    """The pure-Python parser runs out of recursion instead of naming a line."""
    def recursing(*args, **kwargs):
        raise RecursionError
    monkeypatch.setattr(yamlload.yaml, "compose", recursing)
    with pytest.raises(yamlload.YamlError) as refused:
        yamlload.load("issue: 3\ndate: 2015-12-23\ntags: [[[[[[a]]]]]]\nnote: x\n")
    assert refused.value.line == 3
    assert yamlload.Described(refused.value.problem).text("zh-CN").startswith("嵌套层数过多")


def test_a_value_that_does_not_fit_its_tag_is_named_with_its_line():
    with pytest.raises(yamlload.YamlError) as raised:
        yamlload.load("issue: 3\ndraft: !!bool maybe\n")
    assert raised.value.line == 2
    assert yamlload.Described(raised.value.problem).text("zh-CN").startswith("这个值和它前面 !! 标记的类型对不上")


@settings(max_examples=400, deadline=None)
@given(st.text(), st.sampled_from(["", "（组织一科 供稿）", "(供稿单位:某县)", "（供稿）", ")", "（", "【供稿：办公室】",
                                  "（供稿人：张三）", "供稿单位：研究室"]))
def test_credit_parser_takes_any_line(text, tail):
    FUZZ_CASES["credit line parser"] += 1
    line = text + tail
    with time_bound(2):
        found = credits.find_at_end(line)
    if found is not None:
        spaces = " \t\u3000\u00a0"  # what a credit line may be padded with, no-break spaces from Word too
        assert line.rstrip(spaces).endswith(found.text)
        assert found.form in ("section", "unit", "contributed", "person")
        assert found.rest == line[: line.rstrip(spaces).rindex(found.text)].rstrip(spaces)


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4)))
def test_value_previews_are_short_whatever_the_value(value):
    FUZZ_CASES["value previews"] += 1
    assert len(yamlload.preview(value)) <= 41


def test_a_billion_laughs_is_previewed_without_expanding_it():
    loaded = yamlload.load(BOMB + "top: *h\n").value
    with time_bound(2):
        assert yamlload.preview(loaded["top"]).startswith("[[[[[[[[x, x")


# --- whole builds -----------------------------------------------------------------------

@pytest.mark.parametrize("shape", WORST_SHAPES, ids=lambda shape: repr(shape[:12]))
def test_the_worst_shapes_build_within_the_bound_or_say_why(tmp_path, shape):
    text = "---\nissue: 1\ndate: 2025-01-08\n---\n## 标题\n" + shape + "\n（组织一科 供稿）\n"
    site = make_site(tmp_path, {"2025/01.md": text})
    with time_bound():
        run = run_cli("build", "--site", str(site))
    assert run.code in (0, 1) and "Traceback" not in run.text and "内部错误" not in run.text, run.text
    if run.code == 1:
        assert "content/2025/01.md:6: 错误: 从这一行起的正文里列表或引用一层套一层" in run.err, run.err


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=issue_files())
def test_a_one_issue_site_builds_or_says_why(tmp_path_factory, data):
    FUZZ_CASES["whole build of a one-issue site"] += 1
    site = make_site(tmp_path_factory.mktemp("fuzz"), {"2025/01.md": data})
    with time_bound():
        run = run_cli("build", "--site", str(site))
    assert run.code in (0, 1), run.text
    assert "Traceback" not in run.text and "内部错误" not in run.text
    if run.code == 1:
        assert run.err.rstrip().endswith("原来的输出没有改动。")
        assert "错误:" in run.err, "the failure names at least one error"
    else:
        assert (site / "build" / "index.html").is_file()
        ET.parse(site / "build" / "feed.xml")  # well-formed, whatever the fields held


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=st.lists(st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(["per_page", "language", "base_url", "theme", "numbering",
                                                         "reading_speed", "labels", "footer", "credit_aliases",
                                                         "timezone", "output_dir", "pretty_urls", "stats_page"]),
              scalars),
    st.sampled_from([BOMB + "description: *h", BOMB + "footer: {icp: *h}", BOMB + "labels: {prev: *h}",
                     "credit_aliases: {a: [[x]]}", "footer: [1, 2]", "labels: {neighbour: '{nope}'}",
                     "per_page: " + "9" * 5000, "output_dir: ../..", "output_dir: content"])), max_size=4))
def test_any_site_yaml_builds_or_says_why(tmp_path_factory, extra):
    FUZZ_CASES["whole build with a fuzzed site.yaml"] += 1
    text = "name: 组工信息\nissuer: 某部\n" + "\n".join(extra) + "\n"
    site = make_site(tmp_path_factory.mktemp("fuzzcfg"), {"2025/01.md": "---\nissue: 1\ndate: 2025-01-08\n---\n## 标题\n正文\n"},
                     text)
    with time_bound():
        run = run_cli("build", "--site", str(site))
    assert run.code in (0, 1), run.text
    assert "Traceback" not in run.text and "内部错误" not in run.text


def _build_in_a_child_with_1_gb(site: Path) -> subprocess.CompletedProcess:
    script = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        sys.path.insert(0, {str(REPO)!r})
        from bulletin_gen.cli import main
        sys.exit(main(["build", "--site", {str(site)!r}]))
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8",
                          timeout=60, check=False)


def test_alias_bombs_stay_within_bounded_memory(tmp_path):
    """An alias bomb in every field of an issue, and in site.yaml, each built in a child limited to 1 GB."""
    bombed_issue = "---\n" + BOMB + "issue: *h\ndate: *h\ntitle: *h\nsummary: *h\ncontributing: *h\n---\n## 标题\n正文\n"
    bombed_config = "name: 组工信息\nissuer: 某部\n" + BOMB + "description: *h\nfooter: {icp: *h}\nlabels: {prev: *h}\n"
    plain_issue = "---\nissue: 1\ndate: 2025-01-08\n---\n## 标题\n正文\n"
    cases = {"content/2025/01.md": make_site(tmp_path / "issue", {"2025/01.md": bombed_issue}),
             "site.yaml": make_site(tmp_path / "config", {"2025/01.md": plain_issue}, bombed_config)}
    for culprit, site in cases.items():
        done = _build_in_a_child_with_1_gb(site)
        assert done.returncode == 1, done.stderr
        assert "MemoryError" not in done.stderr and "Traceback" not in done.stderr
        assert f"{culprit}:" in done.stderr and "错误" in done.stderr
        FUZZ_CASES["alias bombs, 1 GB limit"] += 1
