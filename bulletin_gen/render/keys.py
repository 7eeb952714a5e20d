"""Keys: short hashes of what an output file is made from.

A file's key changes exactly when its bytes may change, so a build re-renders
only the files whose key differs from the last build's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def key_of(*parts: object) -> str:
    """A short hash of the parts, each ended by a unit separator so that ("ab", "c") ≠ ("a", "bc")."""
    text = "".join(f"{part}\x1f" for part in parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def build_key(keys: dict[str, str]) -> str:
    """One key for a whole build: every output path with its key. The output's marker records it."""
    # Joined in C (map of str.join): this runs over every output file on every build.
    text = "\x1f".join(map("\x1e".join, sorted(keys.items())))
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def files_key(paths: dict[str, Path]) -> str:
    """Names and contents of a set of files, e.g. the templates in use."""
    digest = hashlib.blake2b(digest_size=16)
    for name, path in sorted(paths.items()):
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return digest.hexdigest()
