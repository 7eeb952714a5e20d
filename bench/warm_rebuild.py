"""Rebuild time after a one-issue edit in a process that stays up, as `bulletin serve` runs it.

`python bench/warm_rebuild.py [--sizes 1000 5000] [--edits 20]` writes the
synthetic corpus (corpus.py), builds it once with a `Builder` kept open, then
edits one issue in the middle EDITS times and times each rebuild in the same
process, telling the builder which file changed, as the watcher does. Prints median and p95 per size. There is no peer here: the
comparison with `hugo server` is serve_latency.py, which times the whole
save-to-screen path.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import corpus  # noqa: E402

from bulletin_gen.pipeline.builder import Builder, BuildOptions  # noqa: E402


def measure(size: int, edits: int, work: Path) -> list[float]:
    root = work / f"warm-{size}"
    corpus.write(size, root)
    site = root / "ours"
    builder = Builder(BuildOptions(site_dir=site, output_dir=site / "preview", drafts=True, versioned_assets=False))
    try:
        builder.build()
        issue = sorted((site / "content").rglob("*.md"))[size // 2]
        original = issue.read_text(encoding="utf-8")
        seconds = []
        for number in range(edits):
            issue.write_text(original + f"\n\n第{number}次修改的段落。\n", encoding="utf-8")
            started = time.perf_counter()
            builder.build({str(issue)})  # what bulletin serve's watcher tells it
            seconds.append(time.perf_counter() - started)
        return seconds
    finally:
        builder.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bulletin-bench"))
    args = parser.parse_args()
    print("| issues | warm one-issue rebuild, median | p95 |\n|---|---|---|")
    for size in args.sizes:
        ms = [s * 1000 for s in measure(size, args.edits, args.work)]
        print(f"| {size} | {statistics.median(ms):.0f} ms | {statistics.quantiles(ms, n=20)[-1]:.0f} ms |",
              flush=True)


if __name__ == "__main__":
    main()
