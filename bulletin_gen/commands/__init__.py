"""The `bulletin` sub-commands, one module each, and what their command lines share."""

from __future__ import annotations

import argparse
import re
from pathlib import Path


def add_site_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), help="the site directory (default: .)")


def year(text: str) -> int:
    """--year 2025, --volume 2025: four digits."""
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise argparse.ArgumentTypeError(f"年份应写成 2025 这样 / expected a year such as 2025, got {text!r}")
    return int(text)


def positive_int(text: str) -> int:
    """--jobs N, --keep N: a whole number of at least 1."""
    if not re.fullmatch(r"[0-9]{1,4}", text) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为不小于 1 的整数 / expected a whole number of at least 1, got {text!r}")
    return int(text)
