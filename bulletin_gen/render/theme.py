"""Finding a theme, layering the site's own overrides on it, and its Jinja setup.

Lookup order for `theme: NAME`: the site's themes/NAME/, then the themes
shipped with the package. The site's own templates/ and static/ override the
theme's files one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import jinja2

from bulletin_gen.base.problems import BuildFailed, Problems, did_you_mean
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.text import textfile

_PACKAGE = Path(__file__).resolve().parent.parent  # bulletin_gen/
# In a wheel the default theme sits inside the package; in a source checkout
# (and an editable install) it is the repository's themes/.
BUILTIN_THEME_DIRS = (_PACKAGE / "themes", _PACKAGE.parent / "themes")


@dataclass(frozen=True)
class Theme:
    name: str
    directory: Path
    template_dirs: tuple[Path, ...]  # most specific first
    static_dirs: tuple[Path, ...]  # least specific first; later ones win

    def environment(self, bytecode_dir: Path | None = None) -> jinja2.Environment:
        """`bytecode_dir` keeps compiled templates between builds (Jinja checks them against the source)."""
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.template_dirs], encoding="utf-8"),
            bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode_dir)) if bytecode_dir else None,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # An environment lives for one build; checking templates' mtimes on every include is waste.
            auto_reload=False,
        )

    def static_files(self) -> dict[str, Path]:
        """Output path under static/ → the file that provides it, overrides applied."""
        return _layered(self.static_dirs)

    def template_files(self) -> dict[str, Path]:
        """Template name → the file Jinja will load for it, overrides applied."""
        return _layered(tuple(reversed(self.template_dirs)))


def _layered(directories: tuple[Path, ...]) -> dict[str, Path]:
    """Files of several directories by relative path; a later directory's file wins."""
    files: dict[str, Path] = {}
    for directory in directories:
        if directory.is_dir():
            for path in sorted(directory.rglob("*")):
                relative = path.relative_to(directory)
                if path.is_file() and not any(p.startswith(".") for p in relative.parts):
                    files[relative.as_posix()] = path
    return dict(sorted(files.items()))


def available_themes(site_dir: Path) -> list[str]:
    names = set()
    for directory in (site_dir / "themes", *BUILTIN_THEME_DIRS):
        if directory.is_dir():
            names.update(p.name for p in directory.iterdir() if (p / "templates").is_dir())
    return sorted(names)


def load_theme(config: SiteConfig, problems: Problems, required: Sequence[str] = ()) -> Theme:
    """The theme site.yaml names; `required`, the templates the site's pages are rendered with,
    are each named when missing, before anything is parsed or rendered (one run says them all,
    where rendering would stop at the first page that needs one)."""
    for directory in (config.root / "themes", *BUILTIN_THEME_DIRS):
        candidate = directory / config.theme
        if (candidate / "templates").is_dir():
            theme = Theme(
                name=config.theme,
                directory=candidate,
                template_dirs=(config.root / "templates", candidate / "templates"),
                static_dirs=(candidate / "static", config.root / "static"),
            )
            _check_page_templates(theme, required, problems)
            _check_template_text(theme, problems)
            return theme
    available = available_themes(config.root)
    problems.error("theme.unknown", config.root / "site.yaml", config.where("theme")[1], name=config.theme,
                   available=", ".join(available) or "—", hint=did_you_mean(config.theme, available, 0.5))
    raise BuildFailed(problems)


def _check_page_templates(theme: Theme, required: Sequence[str], problems: Problems) -> None:
    present = theme.template_files()
    for name in required:
        if name not in present:
            problems.error("template.missing", None, None, template=name, theme=theme.name)


def _check_template_text(theme: Theme, problems: Problems) -> None:
    """Name each template file that is not UTF-8 text. Jinja would fail on it only while
    rendering a page that includes it, and report that page's template instead."""
    for path in theme.template_files().values():
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            textfile.decode(data, path, problems)  # says which encoding it looks like, and the line

