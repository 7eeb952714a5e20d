"""A deterministic generator of realistic synthetic bulletin sites.

`python bench/corpus.py N DIR` writes, from one seeded random stream:
- DIR/ours/     a bulletin-gen site (site.yaml + content/<year>/<nn>.md);
- DIR/hugo/     the same issues as a Hugo site with equivalent minimal templates;
- DIR/pelican/  the same issues as a Pelican site with equivalent minimal templates.

Issues are weekly, 52 a year, ending in 2025, each 4-8 KB of Chinese text in
3-5 articles (some with two-line titles and 编者按) plus a 工作动态 column,
with credits in both common forms. The phrases are our own invention; the
same N always gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

PLACES = ["清河市", "东城区", "西山县", "南湖区", "北岭县", "河口镇", "高新区", "柳林乡", "城关街道", "桃源县"]
SECTIONS = ["组织一科", "组织二科", "干部一科", "干部二科", "干部监督科", "人才工作科", "办公室",
            "党员教育中心", "研究室", "公务员管理科"]
UNITS = ["东城区委组织部", "西山县委组织部", "市委党校", "市人社局", "南湖区委组织部", "北岭县委组织部"]
TOPICS = ["基层党组织建设", "年轻干部培养", "人才引进服务", "党员教育管理", "村级组织运转保障",
          "干部考核评价", "机关党建", "两新组织党建", "乡村振兴人才支撑", "干部监督管理"]
ACTIONS = ["聚焦", "突出", "强化", "推行", "创新", "完善", "深化", "建立"]
OBJECTS = ["培训提能", "制度规范", "监督管理", "精准服务", "实践锻炼", "考核激励", "示范引领", "阵地建设"]
SENTENCES = [
    "{place}围绕{topic}目标任务，坚持问题导向，细化工作措施，推动各项任务落地见效。",
    "全年共举办各类专题培训班{n}期，培训党员干部{m}人次，实现重点对象全覆盖。",
    "建立“月调度、季通报、年考核”工作机制，对进度滞后的单位及时提醒督促。",
    "坚持把{topic}作为一项基础性工作来抓，层层压实责任，形成上下联动的工作格局。",
    "选派{n}名优秀年轻干部到信访维稳、项目建设一线接受锻炼，在实践中提升能力。",
    "制定{topic}工作清单{n}项，明确责任单位和完成时限，实行销号管理。",
    "组织开展专项调研，走访基层单位{n}个，收集意见建议{m}条，逐条研究落实。",
    "依托党员教育阵地，开展“微党课”“主题党日”等活动，增强党员的获得感和归属感。",
    "健全联系服务机制，领导干部每人联系{n}名专家人才，定期走访、帮助解决实际困难。",
    "对照年度目标，开展“回头看”，查找短板弱项{n}个，建立整改台账，确保整改到位。",
    "加强跟踪管理，建立个人成长档案，实行一人一策、动态调整。",
    "强化经费保障，落实村级组织运转经费{m}万元，确保有钱办事、有人管事。",
]
DYNAMICS = [
    "市委组织部召开{topic}工作推进会，通报前一阶段工作进展，部署下一步重点任务。",
    "{place}举办{topic}专题培训班，{n}名学员参加培训。",
    "市委组织部组织开展{topic}专题调研，实地走访{n}个单位。",
    "{place}启动{topic}示范点创建工作，首批确定示范点{n}个。",
]


@dataclass(frozen=True)
class Article:
    title: str
    subtitle: str
    note: str
    paragraphs: tuple[str, ...]
    credit: str  # the whole credit line, in one of the two common forms


@dataclass(frozen=True)
class Issue:
    year: int
    number: int
    date: dt.date
    articles: tuple[Article, ...]
    dynamics: tuple[tuple[str, str], ...]  # (text, credit)

    @property
    def name(self) -> str:
        return f"{self.year}-{self.number:02d}"


def _fill(rng: random.Random, template: str) -> str:
    return template.format(place=rng.choice(PLACES), topic=rng.choice(TOPICS),
                           n=rng.randint(3, 60), m=rng.randint(100, 3000))


def _credit(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"（{rng.choice(SECTIONS)} 供稿）"
    return f"（供稿单位：{rng.choice(UNITS)}）"


def _article(rng: random.Random) -> Article:
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    two_line = rng.random() < 0.4
    title = f"{place}“{rng.choice(['三个', '四项', '五个'])}{rng.choice(ACTIONS)}”推进{topic}"
    subtitle = f"{rng.choice(OBJECTS)}成效明显" if two_line else ""
    note = "编者按：现将有关做法刊发，供各地学习借鉴。" if rng.random() < 0.15 else ""
    paragraphs = [_fill(rng, rng.choice(SENTENCES)) + _fill(rng, rng.choice(SENTENCES))]
    for _ in range(rng.randint(2, 4)):
        lead = f"**{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}。**"
        paragraphs.append(lead + "".join(_fill(rng, rng.choice(SENTENCES)) for _ in range(rng.randint(2, 3))))
    return Article(title, subtitle, note, tuple(paragraphs), _credit(rng))


def _issue(rng: random.Random, year: int, number: int) -> Issue:
    date = dt.date(year, 1, 3) + dt.timedelta(days=7 * (number - 1))
    articles = tuple(_article(rng) for _ in range(rng.randint(3, 5)))
    dynamics = tuple((_fill(rng, rng.choice(DYNAMICS)), _credit(rng)) for _ in range(rng.randint(3, 5)))
    return Issue(year, number, date, articles, dynamics)


def issues(count: int, seed: int = 2024) -> list[Issue]:
    """`count` weekly issues, 52 a year, the newest in 2025."""
    rng = random.Random(seed)
    first_year = 2025 - (count - 1) // 52
    return [_issue(rng, first_year + i // 52, i % 52 + 1) for i in range(count)]


# --- bulletin-gen --------------------------------------------------------

SITE_YAML = """name: 组工信息
issuer: 中共清河市委组织部
language: zh-CN
base_url: https://bench.example.gov.cn/zgxx/
numbering: yearly
per_page: 20
footer:
  icp: 示ICP备20240001号-1
  police: 示公网安备 00000000000001号
"""


def ours(issue: Issue) -> str:
    lines = ["---", f"issue: {issue.number}", f"date: {issue.date.isoformat()}", "summary:"]
    for article in issue.articles:
        lines.append(f"  - title: {article.title}")
        if article.subtitle:
            lines.append(f"    subtitle: {article.subtitle}")
    lines += ["  - 工作动态", "---", ""]
    for article in issue.articles:
        lines.append(f"## {article.title}")
        if article.subtitle:
            lines.append(f"### {article.subtitle}")
        lines.append("")
        if article.note:
            lines += [f"> {article.note}", ""]
        lines += [*article.paragraphs[:-1], article.paragraphs[-1] + article.credit, ""]
    lines += ["# 工作动态", ""]
    for text, credit in issue.dynamics:
        lines += [text, credit, ""]
    return "\n".join(lines)


# --- peers: the same text as plain Markdown ---------------------------------

def plain_body(issue: Issue) -> str:
    parts = []
    for article in issue.articles:
        parts.append(f"## {article.title}" + (f"<br>{article.subtitle}" if article.subtitle else ""))
        if article.note:
            parts.append(f"> {article.note}")
        parts.extend(article.paragraphs)
        parts.append(article.credit)
    parts.append("## 工作动态")
    for text, credit in issue.dynamics:
        parts += [text, credit]
    return "\n\n".join(parts) + "\n"


def _title(issue: Issue) -> str:
    return f"组工信息 {issue.year}年第{issue.number}期"


def hugo(issue: Issue) -> str:
    return (f'---\ntitle: "{_title(issue)}"\ndate: {issue.date.isoformat()}\n'
            f"weight: {issue.year * 100 + issue.number}\n---\n\n" + plain_body(issue))


def pelican(issue: Issue) -> str:
    return f"Title: {_title(issue)}\nDate: {issue.date.isoformat()}\nSlug: {issue.name}\n\n" + plain_body(issue)


PEER_FILES = Path(__file__).resolve().parent / "peers"


def write(count: int, directory: Path) -> None:
    if directory.exists():
        shutil.rmtree(directory)
    for issue in issues(count):
        _put(directory / "ours/content" / str(issue.year) / f"{issue.number:02d}.md", ours(issue))
        _put(directory / "hugo/content/posts" / f"{issue.name}.md", hugo(issue))
        _put(directory / "pelican/content" / f"{issue.name}.md", pelican(issue))
    _put(directory / "ours/site.yaml", SITE_YAML)
    shutil.copytree(PEER_FILES / "hugo", directory / "hugo", dirs_exist_ok=True)
    shutil.copytree(PEER_FILES / "pelican", directory / "pelican", dirs_exist_ok=True)


def _put(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("directory", type=Path)
    args = parser.parse_args()
    write(args.count, args.directory)


if __name__ == "__main__":
    main()
