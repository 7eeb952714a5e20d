"""Bytes a publish sends: the first release of the synthetic site, then a republish after one new issue.

`python bench/publish_bytes.py [--size 1000]` writes the corpus (corpus.py),
builds it, publishes it over ssh+rsync to a throwaway sshd on 127.0.0.1
(tests/sshkit.py) and to a folder, adds the next week's issue, builds and
publishes again. It prints rsync's own "Total bytes sent" and the folder
target's copied bytes for both, against the size of the whole site.
Needs openssh-server and rsync (as .ci/run installs them).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import corpus  # noqa: E402

from tests.sitekit import build, run_cli  # noqa: E402
from tests.sshkit import sshd  # noqa: E402


def _numbers(out: str) -> tuple[int, int, int]:
    """(files copied, files shared, bytes sent) from the publish message."""
    found = re.search(r"新传 (\d+) 个，与上一版相同而共用 (\d+) 个）?，传输 (\d+) 字节", out)
    if not found:
        raise SystemExit(f"unexpected publish output: {out}")
    copied, shared, sent = map(int, found.groups())
    return copied, shared, sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bulletin-publish-bench-"))
    corpus.write(args.size, work)
    site = work / "ours"
    assert build(site).code == 0
    whole = sum(p.stat().st_size for p in (site / "build").rglob("*") if p.is_file())
    rows = []
    with sshd() as server:
        targets = {"rsync over ssh": (server.target(work / "remote"), ["--ssh", server.ssh]),
                   "folder": (str(work / "folder"), [])}
        for label, (target, extra) in targets.items():
            first = run_cli("publish", "--site", str(site), "--target", target, *extra)
            assert first.code == 0, first.text
            rows.append((label, "first release", *_numbers(first.out)))
        newest = corpus.issues(args.size + 1)[-1]
        path = site / "content" / str(newest.year) / f"{newest.number:02d}.md"
        path.write_text(corpus.ours(newest), encoding="utf-8")
        assert build(site).code == 0
        for label, (target, extra) in targets.items():
            again = run_cli("publish", "--site", str(site), "--target", target, *extra)
            assert again.code == 0, again.text
            rows.append((label, "one new issue", *_numbers(again.out)))
    print(f"site: {args.size} issues, {whole:,} bytes in build/")
    print(f"{'target':16} {'publish':14} {'copied':>7} {'shared':>7} {'bytes sent':>12} {'of a full copy':>15}")
    for label, what, copied, shared, sent in rows:
        print(f"{label:16} {what:14} {copied:7} {shared:7} {sent:12,} {sent / whole:15.1%}")


if __name__ == "__main__":
    main()
