"""What a Pagefind index of the bench corpus costs, per way of cutting Chinese into words, in one run.

    python bench/search_cost.py [--sizes 52 520 5000] [--work DIR] [--phrases 52]

For issue 24 (search), before the index is an output kind: how long the
Pagefind CLI takes to index N issues of the synthetic corpus (corpus.py),
its peak memory and the bundle's size on disk, with one record (an HTML
file) per article, the article's text cut into words three ways:

- `jieba`: the text as written, `<html lang="zh-CN">`: Pagefind segments it
  (jieba at index time, the browser's Intl.Segmenter at query time);
- `unigram`: every Han character a word of its own (`lang="und"`: Pagefind
  leaves words alone), so a quoted phrase is an exact run of characters;
- `bigram`: every overlapping pair of Han characters a word, and each run's
  last character alone (`lang="und"`).

52 issues is one year of the corpus: the shard a one-issue edit would
re-index if the index is sharded by year. Pagefind comes from PyPI
(`pagefind[extended]`, the binary with jieba) into a venv under the work
directory, as the peers do in run.py. Each index is built twice and the two
bundles compared: is Pagefind's output byte-identical for the same input?

`--phrases N` then searches the N-issue bundles in Debian's Chromium
(Playwright, the project's venv) for 40 phrases of 2-6 Han characters drawn
from the text and 5 that appear nowhere, each as one quoted (exact) query in
the scheme's words, and compares the articles found with a scan of the
articles' text: precision and recall over all hits.
"""

from __future__ import annotations

import argparse
import filecmp
import functools
import gzip
import html
import http.server
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402
from run import timed  # noqa: E402
from serve_latency import ARGS as CHROMIUM_FLAGS, CHROMIUM  # noqa: E402

PAGEFIND = "pagefind[extended]==1.5.2"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{HAN}]+|[^\s{HAN}]+")


def pagefind_binary(work: Path) -> Path:
    venv = work / "pagefind-venv"
    found = list(venv.glob("lib/python*/site-packages/pagefind_bin_extended/pagefind_extended"))
    if not found:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "-q", PAGEFIND], check=True)
        found = list(venv.glob("lib/python*/site-packages/pagefind_bin_extended/pagefind_extended"))
    return found[0]


def words(text: str, scheme: str) -> str:
    """The article's text as the words Pagefind is to index, separated by spaces."""
    if scheme == "jieba":
        return text
    out: list[str] = []
    for match in _RUNS.finditer(text):
        run = match.group()
        if not re.fullmatch(rf"[{HAN}]+", run):
            out.append(run)
        elif scheme == "unigram":
            out.extend(run)
        else:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
            # A text's run ends with its last character alone; a query's only when that is all it is,
            # so that a phrase may end in the middle of a run of the text.
            if scheme == "bigram" or len(run) == 1:
                out.append(run[-1])
    return " ".join(out)


def records(issues: list[corpus.Issue], scheme: str, directory: Path) -> int:
    """One HTML file per article, as the search kind would index it; the number of Han characters."""
    lang = "zh-CN" if scheme == "jieba" else "und"
    han = 0
    for issue in issues:
        for number, article in enumerate(issue.articles, start=1):
            text = "\n".join((article.title, article.subtitle, article.note, *article.paragraphs))
            han += len(re.findall(rf"[{HAN}]", text))
            page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title></head>'
                    f'<body><main data-pagefind-body>'
                    f'<h1 data-pagefind-meta="title">{html.escape(article.title)}</h1>'
                    f'<span data-pagefind-filter="year" hidden>{issue.year}</span>'
                    f'<span data-pagefind-sort="date" hidden>{issue.date.isoformat()}</span>'
                    f'<p>{html.escape(words(text, scheme))}</p></main></body></html>')
            target = directory / str(issue.year) / str(issue.number) / f"{number}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
    return han


def size_on_disk(directory: Path) -> tuple[int, int]:
    files = [path for path in directory.rglob("*") if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


def same_tree(a: Path, b: Path) -> bool:
    comparison = filecmp.dircmp(a, b)
    if comparison.left_only or comparison.right_only or comparison.diff_files or comparison.funny_files:
        return False
    return all(same_tree(a / name, b / name) for name in comparison.common_dirs)


def measure(size: int, scheme: str, binary: Path, work: Path) -> dict[str, object]:
    site = work / f"search-{size}-{scheme}"
    shutil.rmtree(site, ignore_errors=True)
    han = records(corpus.issues(size), scheme, site / "records")
    runs = []
    for attempt in ("a", "b"):
        bundle = site / f"bundle-{attempt}"
        seconds, peak, _ = timed([str(binary), "--site", str(site / "records"), "--output-path", str(bundle)], site)
        runs.append((seconds, peak))
    total, files = size_on_disk(site / "bundle-a")
    return {"size": size, "scheme": scheme, "han": han, "seconds": min(s for s, _ in runs),
            "peak": max(p for _, p in runs), "bytes": total, "files": files,
            "identical": same_tree(site / "bundle-a", site / "bundle-b")}


ABSENT = ["量子纠缠", "火星基地", "深海潜航", "冰川融化", "恐龙化石"]


def phrases(size: int, count: int = 40, seed: int = 7) -> dict[str, set[str]]:
    """Phrases drawn from the articles' text, and absent ones, each with the articles that hold it."""
    texts = {f"{issue.year}/{issue.number}/{number}": "\n".join((a.title, a.subtitle, a.note, *a.paragraphs))
             for issue in corpus.issues(size) for number, a in enumerate(issue.articles, start=1)}
    rng, drawn = random.Random(seed), []
    while len(drawn) < count:
        runs = re.findall(rf"[{HAN}]{{6,}}", rng.choice(list(texts.values())))
        run, length = rng.choice(runs), rng.randint(2, 6)
        start = rng.randint(0, len(run) - length)
        drawn.append(run[start:start + length])
    return {phrase: {key for key, text in texts.items() if phrase in text} for phrase in drawn + ABSENT}


def exact_query(phrase: str, scheme: str) -> str:
    return '"' + words(phrase, scheme if scheme != "bigram" else "bigram-query") + '"'


def phrase_accuracy(size: int, schemes: list[str], work: Path) -> list[str]:
    from playwright.sync_api import sync_playwright  # the project's test venv has it

    truth = phrases(size)
    handler = functools.partial(_QuietHandler, directory=str(work))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    (work / "search-query.html").write_text("<!DOCTYPE html><title>q</title>", encoding="utf-8")
    lines = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/search-query.html")
        for scheme in schemes:
            page.evaluate("async (url) => { window.pf = await import(url); await pf.options({baseUrl: '/'});"
                          " await pf.init(); }", f"/search-{size}-{scheme}/bundle-a/pagefind.js")
            # Results are told by their fragment's name, read here from disk: loading every hit's
            # fragment in the browser takes minutes at thousands of issues.
            urls_of = fragment_urls(work / f"search-{size}-{scheme}/bundle-a")
            found = hits = wrong = 0
            fetched = []
            for phrase, holders in truth.items():
                # The bytes a query fetches: the index chunks its words lie in, and the hits' fragments.
                _QuietHandler.index_bytes = 0
                ids = page.evaluate("async (q) => (await pf.search(q)).results.map(x => x.id)",
                                    exact_query(phrase, scheme))
                urls = [urls_of[hit] for hit in ids]
                fetched.append(_QuietHandler.index_bytes / 1024)
                got = {re.sub(r"^/|\.html$", "", url) for url in urls}
                found, hits, wrong = found + len(got & holders), hits + len(holders), wrong + len(got - holders)
            precision = found / (found + wrong) if found + wrong else 1.0
            lines.append(f"{size} issues, {scheme}: {len(truth)} exact queries, {hits} true hits; "
                         f"precision {precision:.1%}, recall {found / hits:.1%} ({wrong} wrong, {hits - found} missed); "
                         f"index chunks fetched a query: median {statistics.median(fetched):.0f} KB, "
                         f"most {max(fetched):.0f} KB (a chunk once fetched is reused by later queries)")
        browser.close()
    server.shutdown()
    return lines


def fragment_urls(bundle: Path) -> dict[str, str]:
    """Each fragment's name (a result's id) and the address of its record."""
    urls = {}
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        urls[fragment.stem] = json.loads(data)["url"]
    return urls


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    index_bytes = 0  # of index chunks served since the count was last set to 0 (Pagefind fetches from a worker)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_header(self, keyword: str, value: str) -> None:
        if keyword == "Content-Length" and "/index/" in self.path:
            _QuietHandler.index_bytes += int(value)
        super().send_header(keyword, value)


def report(rows: list[dict[str, object]]) -> str:
    lines = ["| issues | words | Han chars | index s | peak MB | bundle MB | files | two builds identical |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['size']} | {row['scheme']} | {row['han']:,} | {row['seconds']:.2f} | {row['peak']} "
                     f"| {int(row['bytes']) / 1e6:.1f} | {row['files']} | {'yes' if row['identical'] else 'NO'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[52, 520, 5000])
    parser.add_argument("--schemes", nargs="+", default=["jieba", "unigram", "bigram"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bulletin-bench"))
    parser.add_argument("--phrases", type=int, metavar="N", help="search the N-issue bundles in Chromium")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    binary = pagefind_binary(args.work)
    rows = [measure(size, scheme, binary, args.work) for size in args.sizes for scheme in args.schemes]
    print(report(rows))
    if args.phrases:
        print("\n".join(phrase_accuracy(args.phrases, args.schemes, args.work)))


if __name__ == "__main__":
    main()
