"""The `bulletin` sub-commands, one module each, and what their command lines share."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_site_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), help="the site directory (default: .)")
