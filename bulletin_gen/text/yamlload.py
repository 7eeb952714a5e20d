"""YAML loading that keeps line numbers and never guesses types.

Plain YAML 1.1 turns `issue: 010` into 8 and `date: 2015-13-45` into a
crash; editors would never guess either. So numbers and dates stay strings
here, and each field is converted (with a clear message) by whoever knows
what the field means. Only booleans, null, lists and mappings are typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from bulletin_gen.base.problems import Phrase

try:  # the C parser is several times faster; the pure one behaves the same
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_TYPED_TAGS = {_BOOL, _NULL}
_ITEM_LINES = 1000  # list items whose lines are noted (`summary.1` …), a bound for hostile input
_STR, _SEQ, _MAP = _BaseLoader.DEFAULT_SCALAR_TAG, _BaseLoader.DEFAULT_SEQUENCE_TAG, _BaseLoader.DEFAULT_MAPPING_TAG
# Every plain scalar PyYAML's bool and null patterns match, and the tag they give it.
_BOOL_WORDS = [word for base in _BaseLoader.bool_values for word in (base, base.capitalize(), base.upper())]
_IMPLICIT = {**dict.fromkeys(_BOOL_WORDS, _BOOL), **dict.fromkeys(("~", "null", "Null", "NULL", ""), _NULL)}


class StringlyLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader that resolves only bool and null implicitly."""

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        # The parser asks this of every node: a table lookup gives what the filtered
        # regular-expression resolvers below would (their `$` also allows one final newline).
        if kind is yaml.ScalarNode:
            if implicit[0]:
                assert isinstance(value, str)
                tag = _IMPLICIT.get(value[:-1] if value.endswith("\n") and len(value) > 1 else value)
                if tag is not None:
                    return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


StringlyLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in _TYPED_TAGS]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Loaded:
    value: object
    key_lines: dict[str, int]  # 1-based line of each mapping key, nested as `a.b`
    duplicates: tuple[tuple[str, int, int], ...]  # (key, first line, repeated line)


class YamlError(Exception):
    def __init__(self, problem: str, line: int | None, context_line: int | None = None):
        super().__init__(problem)
        self.problem = problem
        self.line = line  # 1-based within the loaded text
        self.context_line = context_line  # where the construct that failed began


_UNREADABLE_TAG = "a value does not fit the type its !! tag names"
# Said for any nesting the YAML library will not read: libyaml 0.2.5+ (PyYAML 6.0.4) stops at
# 1000 levels, the pure parser at Python's recursion limit. Which limit applies is the
# library's; what the editor reads is ours.
_TOO_DEEP = ("nested too deeply to be read (brackets, braces or indentation inside one another);"
             " flatten it: front matter and site.yaml need two or three levels at most")
_LIBRARY_TOO_DEEP = "exceeded maximum nesting depth"
# PyYAML's problems in words an editor understands; the rest pass through.
_PROBLEMS_ZH = (
    ("mapping values are not allowed", "这一行里的冒号让人看不懂；如果值里本身有“: ”，请给整个值加上引号"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("found character '\\t' that cannot start any token", "不能用 Tab 缩进，请改用空格"),
    ("did not find expected key", "缩进不一致，或者多了/少了一个短横线“-”"),
    ("did not find expected '-' indicator", "列表的缩进不一致"),
    ("found undefined alias", "用了未定义的别名（*）"),
    ("found unexpected end of stream", "引号没有配对"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有配对；如果值里本身有方括号，请给整个值加上引号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有配对；如果值里本身有花括号，请给整个值加上引号"),
    ("found unknown escape character", "双引号里有不认识的转义符“\\”，可改用单引号"),
    (_UNREADABLE_TAG, "这个值和它前面 !! 标记的类型对不上；不需要类型标记时请删去 !! 标记"),
    (_TOO_DEEP, "嵌套层数过多（方括号、花括号或缩进一层套一层），读不出来；请减少嵌套，前置信息和 site.yaml 最多只需要两三层"),
)


@dataclass(frozen=True)
class Described(Phrase):
    """PyYAML's problem as a message parameter: in words an editor understands in zh-CN, as PyYAML put it in en."""

    problem: str

    def text(self, language: str) -> str:
        if language == "zh-CN":
            for english, chinese in _PROBLEMS_ZH:
                if self.problem.startswith(english):
                    return chinese
        return self.problem


def error_line(exc: YamlError, text: str) -> int | None:
    """The line to show the editor: where it failed, or where the unclosed thing began.

    An unclosed bracket or quote is only noticed at the end of the text; the
    line that opened it is the one to fix.
    """
    last = len(text.splitlines())
    if exc.line is not None and exc.line > last and exc.context_line:
        return exc.context_line
    return exc.line


def load(text: str) -> Loaded:
    """Parse one YAML document; raise YamlError with a 1-based line."""
    found = simple(text)
    return found if found is not None else by_nodes(text)


def by_nodes(text: str) -> Loaded:
    """load() by PyYAML's composer, for any YAML."""
    try:
        node = yaml.compose(text, Loader=StringlyLoader)
        if node is None:
            return Loaded(None, {}, ())
        value = _plain_value(node)
    except yaml.MarkedYAMLError as exc:
        problem, context = exc.problem_mark, exc.context_mark
        line = problem.line + 1 if problem else None
        if (exc.problem or "").startswith(_LIBRARY_TOO_DEEP):
            raise YamlError(_TOO_DEEP, line) from None
        raise YamlError(exc.problem or str(exc), line, context.line + 1 if context else None) from None
    except RecursionError:
        raise YamlError(_TOO_DEEP, deepest_line(text)) from None
    except (yaml.YAMLError, ValueError) as exc:
        raise YamlError(str(exc), None) from None
    key_lines: dict[str, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    _record_keys(node, "", key_lines, duplicates)
    return Loaded(value, key_lines, tuple(duplicates))


def deepest_line(text: str) -> int:
    """The first line where brackets and indentation reach their deepest: where to flatten.

    Only for text too deep to parse, so a rough count is enough (quotes are not honoured).
    """
    best_line, best, flow = 1, -1, 0
    for number, line in enumerate(text.split("\n"), start=1):
        depth = flow * 1000 + len(line) - len(line.lstrip(" -"))
        for char in line:
            flow += 1 if char in "[{" else -1 if char in "]}" else 0
            depth = max(depth, flow * 1000)
        if depth > best:
            best_line, best = number, depth
    return best_line


# --- front matter as editors write it, read without PyYAML ------------------------------
#
# A front matter is almost always `key: value` lines, and lists of plain items or of
# `title:`/`subtitle:` pairs under a key. PyYAML composes such text into a tree of nodes,
# each with its marks, asking Python to resolve every scalar: some 10 µs a line, a tenth
# of parsing an issue. Text made only of such lines is read here, to what load() gives
# PyYAML's way (property-tested against it); anything else, or anything in doubt, goes to
# PyYAML, which also words every error.

_SIMPLE_KEY = re.compile(r"([A-Za-z_][\w-]{0,63}|[\u4e00-\u9fff][\u4e00-\u9fff\w-]{0,31}):(?: +(.*))?$", re.ASCII)
_SIMPLE_ITEM = re.compile(r"( *)- ([^ ].*)$")  # "- " with a value right after it
# What a plain value may not start with (YAML's indicators); nor may it hold a comment's #
# anywhere, or a ": " that would open a mapping (tabs and odd spaces are left out earlier).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NOT_SIMPLE = object()


def simple(text: str) -> Loaded | None:
    """The front matter, when it is only plain `key: value` lines and lists of them; else None."""
    lines = text.split("\n")
    if not all(map(str.isprintable, lines)):
        return None  # tabs, control characters, odd spaces: PyYAML's to judge
    mapping: dict[str, object] = {}
    key_lines: dict[str, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    index = 0
    while index < len(lines):
        line, index = lines[index], index + 1
        if not line.strip(" "):
            continue
        pair = _simple_pair(line)
        if pair is None:
            return None
        name, raw, line_number = pair[0], pair[1], index
        if raw:
            value, item_lines = _simple_scalar(raw), []
        else:
            index, value, item_lines = _simple_list(lines, index)
        if value is _NOT_SIMPLE:
            return None
        if name in key_lines:
            duplicates.append((name, key_lines[name], line_number))
        else:
            key_lines[name] = line_number
        mapping[name] = value  # a repeated key: the last one counts, as in PyYAML
        for number, item_line in enumerate(item_lines[:_ITEM_LINES], start=1):
            key_lines.setdefault(f"{name}.{number}", item_line)
    return Loaded(mapping, key_lines, tuple(duplicates)) if mapping else Loaded(None, {}, ())


def _simple_pair(line: str) -> tuple[str, str] | None:
    """`key: value` (value "" for `key:`), when the key is a plain word that stays a string."""
    match = _SIMPLE_KEY.match(line)
    if match is None or match[1] in _IMPLICIT:
        return None
    return match[1], (match[2] or "").rstrip(" ")


def _simple_scalar(raw: str) -> object:
    """A plain value as StringlyLoader reads it: a string, or a bool or null word."""
    if raw[0] in _INDICATORS or "#" in raw or ": " in raw or raw.endswith(":"):
        return _NOT_SIMPLE
    tag = _IMPLICIT.get(raw)
    if tag is None:
        return raw
    return None if tag == _NULL else _BaseLoader.bool_values[raw.lower()]


def _simple_list(lines: list[str], index: int) -> tuple[int, object, list[int]]:
    """What follows `key:`: an indented list of plain values or of plain `key: value` groups, or
    nothing (null). Returns where the list ends, its value and each item's line."""
    items: list[object] = []
    item_lines: list[int] = []
    indent: int | None = None
    while index < len(lines):
        line = lines[index]
        if not line.strip(" "):
            index += 1
            continue
        if not line.startswith(" "):
            break  # the next key
        match = _SIMPLE_ITEM.match(line)
        if match is None or (indent is not None and len(match[1]) != indent):
            return index, _NOT_SIMPLE, []
        indent = len(match[1])
        index += 1
        item_lines.append(index)
        pair = _simple_pair(match[2])
        if pair is None:
            value = _simple_scalar(match[2].rstrip(" "))
            if value is _NOT_SIMPLE:
                return index, _NOT_SIMPLE, []
            items.append(value)
            continue
        index, group = _simple_group(lines, index, indent + 2, pair)
        if group is None:
            return index, _NOT_SIMPLE, []
        items.append(group)
    return index, (items if items else None), item_lines


def _simple_group(lines: list[str], index: int, indent: int,
                  first: tuple[str, str]) -> tuple[int, dict[str, object] | None]:
    """A list item's `key: value` lines: the first after its dash, the others under it at `indent`."""
    group: dict[str, object] = {}
    pair = first
    while True:
        value = _simple_scalar(pair[1]) if pair[1] else None
        if value is _NOT_SIMPLE:
            return index, None
        group[pair[0]] = value
        if index == len(lines) or not lines[index].startswith(" " * indent) or not lines[index].strip(" "):
            return index, group
        following = _simple_pair(lines[index][indent:])
        if following is None:
            return index, None
        pair, index = following, index + 1


class _NotPlain(Exception):
    """A node left to PyYAML's constructor: another tag, an alias, a key that is a list."""


def _plain_value(node: yaml.Node) -> object:
    """The node's value, as PyYAML's constructor makes it.

    Built straight from the nodes when they are only strings, booleans,
    nulls, lists and mappings (a front matter always is), which is several
    times quicker than the constructor's general machinery.
    """
    try:
        return _build(node, set())
    except (_NotPlain, RecursionError):  # PyYAML builds deep nesting without recursing
        pass
    loader = StringlyLoader("")
    try:
        return loader.construct_document(node)
    except yaml.YAMLError:
        raise
    except Exception as exc:  # noqa: BLE001 - PyYAML's constructors let KeyError, IndexError, … out
        # of `!!bool maybe`, `!!int` or `!!timestamp soon`: name the tagged line instead.
        tagged = _first_tagged(node)
        raise YamlError(f"{_UNREADABLE_TAG} ({tagged.tag if tagged else type(exc).__name__})",
                        tagged.start_mark.line + 1 if tagged else None) from None
    finally:
        loader.dispose()


def _build(node: yaml.Node, seen: set[int]) -> object:
    if id(node) in seen:  # an alias: PyYAML shares one object, or builds a recursive one
        raise _NotPlain
    seen.add(id(node))
    tag, kind = node.tag, type(node)
    if kind is yaml.ScalarNode:
        if tag == _STR:
            return node.value
        if tag == _NULL:
            return None
        if _is_bool(node):
            return _BaseLoader.bool_values[node.value.lower()]
    elif kind is yaml.MappingNode and tag == _MAP:
        mapping = {}
        for key_node, value_node in node.value:
            key = _build(key_node, seen)
            if isinstance(key, (list, dict)):
                raise _NotPlain  # PyYAML's own error names it
            mapping[key] = _build(value_node, seen)
        return mapping
    elif kind is yaml.SequenceNode and tag == _SEQ:
        return [_build(item, seen) for item in node.value]
    raise _NotPlain


def _is_bool(node: yaml.Node) -> bool:
    return node.tag == _BOOL and isinstance(node, yaml.ScalarNode) and node.value.lower() in _BaseLoader.bool_values


def _first_tagged(node: yaml.Node) -> yaml.Node | None:
    """The first node, in document order, whose tag a plain front matter never has."""
    pending, seen = [node], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if current.tag not in (_STR, _SEQ, _MAP, _NULL) and not _is_bool(current):
            return current
        if isinstance(current, yaml.MappingNode):
            pending.extend(reversed([part for pair in current.value for part in pair]))
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(reversed(current.value))
    return None


def _record_keys(node: yaml.Node, prefix: str, key_lines: dict[str, int],
                 duplicates: list[tuple[str, int, int]]) -> None:
    """Note the line of every mapping key, nested ones as `footer.icp`, and of list items as `summary.1`."""
    if isinstance(node, yaml.SequenceNode) and prefix:
        for index, item in enumerate(node.value[:_ITEM_LINES], start=1):
            key_lines.setdefault(f"{prefix}{index}", item.start_mark.line + 1)
        return
    if not isinstance(node, yaml.MappingNode):
        return
    for key_node, value_node in node.value:
        key = prefix + str(key_node.value)
        line = key_node.start_mark.line + 1
        if key in key_lines:
            duplicates.append((key, key_lines[key], line))
        else:
            key_lines[key] = line
        if prefix.count(".") < 4:  # deep enough for any real config; bounded for hostile input
            _record_keys(value_node, key + ".", key_lines, duplicates)


_FULLWIDTH_COLON_KEY = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*|[\u4e00-\u9fff]{1,8})[ \t\u3000]*：[ \t\u3000]*(?P<rest>.*)$")


def fix_fullwidth_colons(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Read `issue：40` as `issue: 40`; report each line so fixed.

    Only a full-width colon straight after a key-like word at the start of a
    line is touched, so a `：` inside a value is left alone.
    """
    fixed_lines = []
    fixes: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _FULLWIDTH_COLON_KEY.match(line)
        if match and ":" not in line[: match.start("rest")]:
            line = f"{match['lead']}{match['key']}: {match['rest']}"
            fixes.append((number, match["key"]))
        fixed_lines.append(line)
    return "\n".join(fixed_lines), fixes


def preview(value: object, limit: int = 40) -> str:
    """A short text of a loaded value for a message, without expanding it.

    str() of a value would write out every element, and YAML aliases let a
    few lines of front matter stand for billions of them ("billion laughs"):
    this stops as soon as `limit` characters are written.
    """
    parts: list[str] = []
    room = [limit + 1]

    def emit(text: str) -> None:
        text = text[: room[0]]
        parts.append(text)
        room[0] -= len(text)

    def walk(item: object) -> None:
        if room[0] <= 0:
            return
        if isinstance(item, dict):
            emit("{")
            for index, (key, inner) in enumerate(item.items()):
                if room[0] <= 0:
                    return
                emit(", " if index else "")
                walk(key)
                emit(": ")
                walk(inner)
            emit("}")
        elif isinstance(item, (list, tuple)):
            emit("[")
            for index, inner in enumerate(item):
                if room[0] <= 0:
                    return
                emit(", " if index else "")
                walk(inner)
            emit("]")
        else:
            emit("" if item is None else str(item)[: limit + 1])

    walk(value)
    text = "".join(parts)
    return text if len(text) <= limit else text[:limit] + "…"
