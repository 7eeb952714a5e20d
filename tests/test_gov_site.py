"""A government site's furniture: footer links, the two outside scripts (only when asked for, and then
allowed by the server's CSP and nothing else), PubDate's time, and `bulletin nginx`."""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.request
from pathlib import Path

import pytest

from tests.nginxkit import DEPLOY_CONF, deployed_nginx
from tests.sitekit import REPO, SITE_YAML, build, foreign_scripts, issue_text, make_site, run_cli, soup

EXAMPLE_ADDRESS = SITE_YAML.replace("https://example.gov.cn/zgxx/", "https://www.example.gov.cn/zgxx/")
FURNITURE = """\
footer:
  site_code: "1304000009"
  links:
    12380举报网站: https://www.12380.gov.cn/
    中国政府网: https://www.gov.cn/
  conac_id: 17/000/0000/60429971/CA170000000604299710001
  jiucuo_site_code: "1304000009"
"""


def issue_page(site: Path):
    return soup(site / "build" / "2025" / "1" / "index.html")


def test_footer_links_and_the_outside_scripts_appear_only_when_site_yaml_asks(tmp_path):
    plain = make_site(tmp_path / "plain", {"2025/01.md": issue_text(1, "2025-01-08")})
    assert build(plain).code == 0
    page = issue_page(plain)
    assert not page.select(".filing-links, .filing-badges") and not foreign_scripts(page)

    site = make_site(tmp_path / "gov", {"2025/01.md": issue_text(1, "2025-01-08")}, SITE_YAML + FURNITURE)
    assert build(site).code == 0
    page = issue_page(site)
    assert [(a.get_text(), a["href"]) for a in page.select(".filing-links a")] == [
        ("12380举报网站", "https://www.12380.gov.cn/"), ("中国政府网", "https://www.gov.cn/")]
    assert [s["src"] for s in foreign_scripts(page)] == [
        "https://dcs.conac.cn/js/17/000/0000/60429971/CA170000000604299710001.js",
        "https://zfwzgl.www.gov.cn/exposure/jiucuo.js"]
    assert page.select_one("#_jiucuo_")["sitecode"] == "1304000009"
    assert page.select_one("#_ideConac script"), "the badge script writes its picture into #_ideConac"


@pytest.mark.parametrize("setting, value", [("jiucuo_site_code", '"12345"'), ("conac_id", "http://evil.example/x.js"),
                                            ("links", "https://www.12380.gov.cn/")])
def test_a_malformed_outside_setting_is_an_error_at_its_line(tmp_path, setting, value):
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08")}, SITE_YAML + f"footer:\n  {setting}: {value}\n")
    run = run_cli("check", "--site", str(site))
    assert run.code == 1 and f"site.yaml:{len(SITE_YAML.splitlines()) + 2}: 错误: " in run.out + run.err, run.text


def test_bulletin_nginx_gives_the_shipped_block_for_the_example_and_the_same_file_is_in_the_package(tmp_path):
    from bulletin_gen.publish.nginx_conf import TEMPLATE

    assert TEMPLATE.read_bytes() == DEPLOY_CONF.read_bytes(), "deploy/nginx.conf is the package's block, as shipped"
    run = run_cli("nginx", "--site", str(REPO), "--target", "/srv/bulletin")
    assert run.code == 0 and run.out == DEPLOY_CONF.read_text(encoding="utf-8")


def _policy(conf: str) -> str:
    line = next(line for line in conf.splitlines() if "Content-Security-Policy" in line)
    return line.split('"')[1]


def test_the_csp_allows_the_outside_scripts_hosts_only_when_they_are_configured(tmp_path):
    plain = make_site(tmp_path / "plain", {"2025/01.md": issue_text(1, "2025-01-08")}, EXAMPLE_ADDRESS)
    gov = make_site(tmp_path / "gov", {"2025/01.md": issue_text(1, "2025-01-08")}, EXAMPLE_ADDRESS + FURNITURE)
    target = Path(tempfile.mkdtemp(prefix="bulletin-target-"))
    os.chmod(target, 0o755)
    try:
        for site, hosts in ((plain, ()), (gov, ("https://dcs.conac.cn", "https://zfwzgl.www.gov.cn"))):
            assert build(site).code == 0
            assert run_cli("publish", "--site", str(site), "--target", str(target)).code == 0
            conf = run_cli("nginx", "--site", str(site), "--target", "/srv/bulletin").out
            with deployed_nginx(target, conf) as base:
                with urllib.request.urlopen(base + "2025/1/index.html", timeout=10) as response:
                    policy = response.headers["Content-Security-Policy"]
            assert policy == _policy(conf)
            directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
            assert directives["script-src"] == ["'self'", *hosts] and directives["img-src"] == ["'self'", "data:", *hosts]
            assert directives["default-src"] == ["'none'"] and directives["style-src"] == ["'self'"]
    finally:
        shutil.rmtree(target, ignore_errors=True)


def test_an_issues_own_time_goes_into_its_pubdate(tmp_path):
    site = make_site(tmp_path, {"2025/01.md": issue_text(1, "2025-01-08", time='"14:30"'),
                                "2025/02.md": issue_text(2, "2025-01-22")}, SITE_YAML + 'publish_time: "09:00"\n')
    assert build(site).code == 0

    def pub_date(number: int) -> str:
        return soup(site / "build" / "2025" / str(number) / "index.html").find("meta", attrs={"name": "PubDate"})["content"]

    assert (pub_date(1), pub_date(2)) == ("2025-01-08 14:30", "2025-01-22 09:00")
    (site / "content/2025/01.md").write_text(issue_text(1, "2025-01-08", 发布时间="下午"), encoding="utf-8")
    run = run_cli("check", "--site", str(site))
    assert run.code == 1 and "content/2025/01.md:4: 错误: " in run.out
