"""site.yaml: the one place a site is configured, checked key by key.

The schema below is the whole list of settings. Unknown keys are reported
with a did-you-mean, wrong values with file, line and what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from bulletin_gen.base import i18n
from bulletin_gen.base.problems import BuildFailed, Msg, Problems, did_you_mean
from bulletin_gen.settings import labels as site_labels  # SiteConfig has a field named labels
from bulletin_gen.text import textfile, yamlload
from bulletin_gen.text.wordcount import DEFAULT_SPEED as DEFAULT_READING_SPEED

CONFIG_NAME = "site.yaml"
DEFAULT_TIMEZONE = "+08:00"  # China Standard Time

DEFAULT_POLICE_ICON = "img/police-badge.svg"  # the theme's own drawing of the badge
FOOTER_KEYS = ("copyright", "sponsor", "organizer", "address", "postcode", "phone", "email",
               "tech_support", "site_code", "icp", "police", "police_icon", "links", "conac_id", "jiucuo_site_code")
# The two scripts a government site's footer may load from outside, each only where site.yaml asks for it.
CONAC_HOST = "https://dcs.conac.cn"  # the red 党政机关 badge
JIUCUO_HOST = "https://zfwzgl.www.gov.cn"  # 网站纠错 (error reports to the government site authority)
JIUCUO_SCRIPT = JIUCUO_HOST + "/exposure/jiucuo.js"
SITE_CODE = re.compile(r"\d{10}|bm\d{8}")  # 网站标识码: ten digits for a local site, bm and eight for a ministry


@dataclass(frozen=True)
class Footer:
    """The filing footer (备案信息) every Chinese government site carries."""

    copyright: str | None = None
    sponsor: str | None = None
    organizer: str | None = None
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None
    tech_support: str | None = None
    site_code: str | None = None
    icp: str | None = None
    police: str | None = None
    police_icon: str | None = None
    links: tuple[tuple[str, str], ...] = ()  # (text, address) of the footer's links: 12380举报网站 and the like
    conac_id: str | None = None  # the 党政机关 badge's script, as dcs.conac.cn issued its address
    jiucuo_site_code: str | None = None  # the 网站纠错 script's site code

    @property
    def conac_script(self) -> str | None:
        """The badge's script address: conac_id is its path under /js/ (17/000/0000/…/CA…), or the whole URL."""
        if not self.conac_id:
            return None
        if self.conac_id.startswith(CONAC_HOST + "/"):
            return self.conac_id
        return f"{CONAC_HOST}/js/{self.conac_id.strip('/').removesuffix('.js')}.js"

    @property
    def remote_hosts(self) -> tuple[str, ...]:
        """The hosts the footer loads scripts (and their pictures) from: what the CSP must allow, and only these."""
        return tuple(host for host, wanted in ((CONAC_HOST, self.conac_id), (JIUCUO_HOST, self.jiucuo_site_code))
                     if wanted)

    @property
    def police_code(self) -> str | None:
        """The digits of 公网安备 15030202000164号, for the query link."""
        if not self.police:
            return None
        runs = re.findall(r"\d+", textfile.to_halfwidth(self.police))
        return max(runs, key=len) if runs else None


# The print edition's settings, as site.yaml names them; an issue's front matter may override
# the 版记 lines under `print:`. Text unless listed in _PRINT_NUMBERS or _PRINT_FLAGS.
PRINT_KEYS = ("report_to", "send_to", "distribute_to", "printed_by", "copies", "mark", "number_single_page")
# What an issue's `print:` may set: the 版记 and the marks of page one, 编号 (serial) its own.
ISSUE_PRINT_KEYS = ("report_to", "send_to", "distribute_to", "printed_by", "copies", "mark", "serial", "special")
_PRINT_NUMBERS, _PRINT_FLAGS = ("copies",), ("number_single_page",)


@dataclass(frozen=True)
class PrintEdition:
    """The printed bulletin (a PDF per issue): its 版记 and the marks on its first page."""

    report_to: str | None = None  # 报：the offices above, who receive it
    send_to: str | None = None  # 送：offices alongside
    distribute_to: str | None = None  # 发：offices below
    printed_by: str | None = None  # 印发 at the 版记's foot; the issuer when not set
    copies: int | None = None  # 共印N份
    mark: str | None = None  # top left of page one: 内部资料 注意保存, a 密级
    number_single_page: bool = False  # "— 1 —" on an issue of one page too
    serial: str | None = None  # 编号, top right of page one: an issue's own (front matter `print:`)
    special: str | None = None  # 增刊, 专刊: under the bulletin's name on page one, an issue's own


DEFAULT_KEEP = 5  # releases `bulletin publish` keeps on the server


@dataclass(frozen=True)
class PublishSettings:
    """Where `bulletin publish` puts the site: a folder, or [user@]host:/path over ssh and rsync."""

    target: str | None = None
    keep: int = DEFAULT_KEEP  # releases kept, the live one always among them
    ssh: str | None = None  # the ssh command, with its options: "ssh -p 2222 -i ~/.ssh/publish"


@dataclass(frozen=True)
class SiteConfig:
    # Not part of repr(), which keys the build: the same content built in another folder (a copy
    # on the editor's laptop, a CI checkout) makes the same pages, so it must get the same keys.
    root: Path = field(repr=False)
    name: str
    issuer: str
    language: str = i18n.DEFAULT_LANGUAGE
    base_url: str | None = None
    description: str | None = None
    theme: str = "default"
    numbering: str = "yearly"
    per_page: int = 20
    date_style: str = "arabic"
    paragraphs: str = "lines"
    # The 内容摘要: "auto" lists the issue's titles when it lists none; "listed" shows only one the issue
    # lists; "required": every issue must list one (check fails without it).
    summary: str = "auto"
    punctuation: str = "as_typed"  # or "full_width": half-width marks in Chinese text set full-width
    credit_style: str = "as_written"  # or "section" / "unit": every credit printed in that one form
    pretty_urls: bool = False
    timezone: str = DEFAULT_TIMEZONE
    content_dir: str = "content"
    output_dir: str = "build"
    reading_speed: int = DEFAULT_READING_SPEED  # characters a minute, for "预计阅读 M 分钟"
    article_reading: bool = False  # each article shows its own 字数 and reading time, for compilations
    stats_page: bool = True  # build the 供稿统计 page, stats/index.html
    qr_code: bool = False  # an issue page shows its address as a QR code, on desktop (needs base_url)
    publish_time: str = "00:00"  # the time of day of an issue's PubDate meta tag (YYYY-MM-DD HH:mm)
    # (another spelling, the section it means): 人才科 → 人才工作科, for the 供稿统计
    credit_aliases: tuple[tuple[str, str], ...] = ()
    labels: dict[str, str] = field(default_factory=dict)
    footer: Footer = field(default_factory=Footer)
    print_edition: PrintEdition | None = None  # None: no PDFs
    # Not part of repr(), which keys the build: where a site is published does not change its pages.
    publish: PublishSettings = field(default_factory=PublishSettings, repr=False)
    # site.yaml's line of each key it sets ("footer.icp" for nested ones), for messages about a
    # setting found wrong later (a theme that is not there, an output folder that must not be used).
    setting_lines: tuple[tuple[str, int], ...] = field(default=(), repr=False, compare=False)

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: "/zgxx/" for https://example.gov.cn/zgxx/."""
        if not self.base_url:
            return "/"
        path = re.sub(r"^[a-z]+://[^/]*", "", self.base_url)
        return path if path.endswith("/") else path + "/"

    def label(self, key: str) -> str:
        return self.labels[key]

    def where(self, key: str) -> tuple[Path | None, int | None]:
        """site.yaml and the line that sets `key`; (None, None) when site.yaml leaves it at its default."""
        line = dict(self.setting_lines).get(key)
        return (self.root / CONFIG_NAME, line) if line is not None else (None, None)


# --- the schema ------------------------------------------------------------

Check = Callable[[object], "object | None"]


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _positive_int(value: object) -> int | None:
    # [0-9], not isdigit(): "²" is a digit to isdigit() and not to int(); nine digits at most, so int() never refuses.
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value.strip()) and int(value) > 0:
        return int(value)
    return None


def _boolean(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def check_base_url(value: object) -> str | None:
    """An http(s) URL, normalised to end in /; None if it is not one."""
    text = _text(value)
    if text and re.match(r"^https?://[^/\s]+(/\S*)?$", text):
        return text if text.endswith("/") else text + "/"
    return None


def _timezone(value: object) -> str | None:
    text = _text(value)
    return text if text and re.fullmatch(r"[+-](0\d|1[0-4]):[0-5]\d", text) else None


def clock_time(value: object) -> str | None:
    """09:00: a time of day, hours and minutes (YAML may read 9:00 as a number of minutes)."""
    text = _text(value) if isinstance(value, str) else None
    match = re.fullmatch(r"([01]?\d|2[0-3])[:：]([0-5]\d)", text or "")
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else None


def _aliases(value: object) -> tuple[tuple[str, str], ...] | None:
    """`人才工作科: [人才科, 人才办]` (or one spelling as plain text) → (("人才科", "人才工作科"), …)."""
    if not isinstance(value, dict):
        return None
    pairs = []
    for section, spellings in value.items():
        spellings = [spellings] if isinstance(spellings, str) else spellings
        if _text(section) is None or not isinstance(spellings, list) or not all(_text(s) for s in spellings):
            return None
        pairs.extend((_text(s), _text(section)) for s in spellings)
    return tuple(sorted(pairs))  # type: ignore[arg-type]


def _publish(value: object) -> PublishSettings | None:
    """`publish: /srv/www/zgxx`, or a mapping of target, keep and ssh."""
    if _text(value):
        return PublishSettings(target=_text(value))
    if not isinstance(value, dict) or not set(map(str, value)) <= {"target", "keep", "ssh"}:
        return None
    target, ssh = value.get("target"), value.get("ssh")
    keep = _positive_int(value.get("keep", str(DEFAULT_KEEP)))
    if keep is None or any(v is not None and _text(v) is None for v in (target, ssh)):
        return None
    return PublishSettings(target=_text(target), keep=keep, ssh=_text(ssh))


def _relative_dir(value: object) -> str | None:
    text = _text(value)
    return text if text and not Path(text).is_absolute() and ".." not in Path(text).parts else None


# key → (converter, expected-type message, allowed choices or ())
SCHEMA: dict[str, tuple[Check, str, tuple[str, ...]]] = {
    "name": (_text, "type.text", ()),
    "issuer": (_text, "type.text", ()),
    "language": (_text, "type.text", i18n.LANGUAGES),
    "base_url": (check_base_url, "type.url", ()),
    "description": (_text, "type.text", ()),
    "theme": (_text, "type.text", ()),
    "numbering": (_text, "type.text", ("yearly", "continuous")),
    "per_page": (_positive_int, "type.positive_int", ()),
    "date_style": (_text, "type.text", ("arabic", "chinese")),
    "paragraphs": (_text, "type.text", ("lines", "markdown")),
    "credit_style": (_text, "type.text", ("as_written", "section", "unit")),
    "summary": (_text, "type.text", ("auto", "listed", "required")),
    "punctuation": (_text, "type.text", ("as_typed", "full_width")),
    "pretty_urls": (_boolean, "type.bool", ()),
    "timezone": (_timezone, "type.timezone", ()),
    "publish_time": (clock_time, "type.clock_time", ()),
    "content_dir": (_relative_dir, "type.relative_dir", ()),
    "output_dir": (_relative_dir, "type.relative_dir", ()),
    "reading_speed": (_positive_int, "type.positive_int", ()),
    "stats_page": (_boolean, "type.bool", ()),
    "article_reading": (_boolean, "type.bool", ()),
    "qr_code": (_boolean, "type.bool", ()),
    "credit_aliases": (_aliases, "type.aliases", ()),
    "publish": (_publish, "type.publish", ()),
    "labels": (lambda v: v if isinstance(v, dict) else None, "type.mapping", ()),
    "footer": (lambda v: v if isinstance(v, dict) else None, "type.mapping", ()),
    "print_edition": (lambda v: v if isinstance(v, (dict, bool)) else None, "type.print_edition", ()),
}
REQUIRED = ("name", "issuer")



def load_config(site_dir: Path) -> tuple[SiteConfig, Problems]:
    """Read and check site.yaml; raise BuildFailed (with every problem) if unusable."""
    problems = Problems()
    path = site_dir / CONFIG_NAME
    if not path.is_file():
        problems.error("config.missing", None, None, path=path)
        raise BuildFailed(problems)
    text = textfile.read_text(path, problems)
    if text is None:
        raise BuildFailed(problems)
    text, fixes = yamlload.fix_fullwidth_colons(text)
    for line, key in fixes:
        problems.warning("fm.fullwidth_colon", path, line, key=key)
    try:
        loaded = yamlload.load(text)
    except yamlload.YamlError as exc:
        problems.error("config.yaml", path, yamlload.error_line(exc, text), problem=yamlload.Described(exc.problem))
        raise BuildFailed(problems) from None
    raw = loaded.value if loaded.value is not None else {}
    if not isinstance(raw, dict):
        problems.error("config.not_mapping", path, 1, key=CONFIG_NAME)
        raise BuildFailed(problems)
    for key, first, again in loaded.duplicates:
        problems.error("fm.duplicate_key", path, again, key=key, first=first)
    if "\\" in text:  # only a double-quoted escape can put a control character in a value
        raw = textfile.values_without_controls(raw, loaded.key_lines, path, problems)
    return _SettingsReader(site_dir, path, raw, loaded.key_lines, problems).build()


def office_zone(timezone: str = DEFAULT_TIMEZONE) -> dt.timezone:
    """site.yaml's `timezone: +08:00` as a tzinfo."""
    sign = -1 if timezone.startswith("-") else 1
    hours, minutes = (int(part) for part in timezone[1:].split(":"))
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def today(timezone: str = DEFAULT_TIMEZONE) -> dt.date:
    """Today where the office is (site.yaml timezone), not where the server's clock is set."""
    return dt.datetime.now(office_zone(timezone)).date()


def site_language(site_dir: Path) -> str:
    """The language to report in before site.yaml has been checked: a quick look, else zh-CN."""
    try:
        return sniff_language((site_dir / CONFIG_NAME).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return i18n.DEFAULT_LANGUAGE


def sniff_language(text: str) -> str:
    """The `language:` of a site.yaml that may not even parse, to report its problems in."""
    match = re.search(r"^language\s*[:：]\s*['\"]?(en|zh-CN)\b", text, re.M)
    return match.group(1) if match else i18n.DEFAULT_LANGUAGE


class _SettingsReader:
    def __init__(self, root: Path, path: Path, raw: dict, lines: dict[str, int], problems: Problems):
        self.root, self.path, self.raw, self.lines, self.problems = root, path, raw, lines, problems

    def build(self) -> tuple[SiteConfig, Problems]:
        values: dict[str, object] = {}
        for key, value in self.raw.items():
            key = str(key)
            if key not in SCHEMA:
                self._unknown(key, SCHEMA)
            elif value is not None:
                converted = self._convert(key, value, *SCHEMA[key])
                if converted is not None:
                    values[key] = converted
        for key in REQUIRED:
            if key not in values and key not in self.raw:
                self.problems.error("fm.missing_field", self.path, 1, key=key, what=Msg.of(f"field.{key}"))
        language = str(values.get("language", i18n.DEFAULT_LANGUAGE))
        labels = self._labels(values.pop("labels", {}), language)
        footer = self._footer(values.pop("footer", {}))
        values["print_edition"] = self._print_edition(values.pop("print_edition", False))
        if self.problems.has_errors():
            raise BuildFailed(self.problems)
        return SiteConfig(root=self.root, labels=labels, footer=footer, setting_lines=tuple(self.lines.items()),
                          **values), self.problems  # type: ignore[arg-type]

    def _unknown(self, key: str, known: object, prefix: str = "") -> None:
        self.problems.warning("config.unknown_key", self.path, self.lines.get(prefix + key), key=prefix + key,
                              hint=did_you_mean(key, list(known), prefix=prefix))  # type: ignore[arg-type]

    def _convert(self, key: str, value: object, check: Check, expected: str,
                 choices: tuple[str, ...]) -> object | None:
        converted = check(value)
        line = self.lines.get(key)
        if converted is None:
            self.problems.error("config.wrong_type", self.path, line, key=key,
                                expected=Msg.of(expected), value=yamlload.preview(value))
        elif choices and converted not in choices:
            self.problems.error("config.choice", self.path, line, key=key, choices=" / ".join(choices),
                                value=converted, hint=did_you_mean(str(converted), choices, 0.5))
            return None
        return converted

    def _labels(self, given: object, language: str) -> dict[str, str]:
        labels = site_labels.defaults(language)
        for key, value in dict(given).items():  # type: ignore[call-overload]
            key = str(key)
            if key not in labels:
                self._unknown(key, labels, "labels.")
            elif not isinstance(value, str):
                self.problems.error("config.wrong_type", self.path, self.lines.get("labels." + key),
                                    key="labels." + key, expected=Msg.of("type.text"),
                                    value=yamlload.preview(value))
            elif self._placeholders_ok(key, value):
                labels[key] = value
        return labels

    def _placeholders_ok(self, key: str, value: str) -> bool:
        unknown = site_labels.unknown_placeholder(key, value)
        if unknown is not None:
            known = site_labels.PLACEHOLDERS.get(key, ())
            self.problems.error("config.placeholder", self.path, self.lines.get("labels." + key),
                                key="labels." + key, name=unknown,
                                known=", ".join("{%s}" % k for k in known) or "—")
            return False
        return True

    def _print_edition(self, given: object) -> PrintEdition | None:
        """`print_edition: true`, or its settings as a mapping (which turns it on too)."""
        if given is False:
            return None
        values: dict[str, object] = {}
        for key, value in (dict(given) if isinstance(given, dict) else {}).items():
            key = str(key)
            if key not in PRINT_KEYS:
                self._unknown(key, PRINT_KEYS, "print_edition.")
            elif value is not None:
                converted = self._print_value(key, value)
                if converted is not None:
                    values[key] = converted
        return PrintEdition(**values)  # type: ignore[arg-type]

    def _print_value(self, key: str, value: object) -> object:
        check, expected = ((_positive_int, "type.positive_int") if key in _PRINT_NUMBERS
                           else (_boolean, "type.bool") if key in _PRINT_FLAGS else (_text, "type.text"))
        converted = check(value)
        if converted is None:
            self.problems.error("config.wrong_type", self.path, self.lines.get("print_edition." + key),
                                key="print_edition." + key, expected=Msg.of(expected),
                                value=yamlload.preview(value))
        return converted

    def _footer(self, given: object) -> Footer:
        values = {}
        for key, value in dict(given).items():  # type: ignore[call-overload]
            key = str(key)
            if key not in FOOTER_KEYS:
                self._unknown(key, FOOTER_KEYS, "footer.")
            elif key == "links":
                if value is not None:  # `links:` with nothing under it: none
                    values[key] = self._footer_links(value)
            elif value is not None:
                text = _text(value)
                if text is None:
                    self.problems.error("config.wrong_type", self.path, self.lines.get("footer." + key),
                                        key="footer." + key, expected=Msg.of("type.text"),
                                        value=yamlload.preview(value))
                else:
                    values[key] = text
        if "police" in values:
            values.setdefault("police_icon", DEFAULT_POLICE_ICON)
        self._check_remote(values)
        return Footer(**values)

    def _footer_links(self, given: object) -> tuple[tuple[str, str], ...]:
        """`links:` — text: address pairs, in the order written; an address must be http(s)."""
        line = self.lines.get("footer.links")
        if not isinstance(given, dict):
            self.problems.error("config.wrong_type", self.path, line, key="footer.links",
                                expected=Msg.of("type.links"), value=yamlload.preview(given))
            return ()
        links = []
        for text, address in given.items():
            if not isinstance(address, str) or not re.match(r"^https?://[^\s/]+", address.strip()):
                self.problems.error("config.wrong_type", self.path, line, key=f"footer.links.{text}",
                                    expected=Msg.of("type.url"), value=yamlload.preview(address))
                continue
            links.append((str(text).strip(), address.strip()))
        return tuple(links)

    def _check_remote(self, values: dict[str, object]) -> None:
        """The two outside scripts' settings, each in the form its issuer gives it."""
        code = values.get("jiucuo_site_code")
        if isinstance(code, str) and not SITE_CODE.fullmatch(code):
            self.problems.error("config.wrong_type", self.path, self.lines.get("footer.jiucuo_site_code"),
                                key="footer.jiucuo_site_code", expected=Msg.of("type.site_code"), value=code)
            del values["jiucuo_site_code"]
        conac = values.get("conac_id")
        if isinstance(conac, str) and not (conac.startswith(CONAC_HOST + "/js/")
                                           or re.fullmatch(r"[0-9A-Za-z/]+(\.js)?", conac)):
            self.problems.error("config.wrong_type", self.path, self.lines.get("footer.conac_id"),
                                key="footer.conac_id", expected=Msg.of("type.conac_id"), value=conac)
            del values["conac_id"]
