"""The nginx server block for this site, from site.yaml: `bulletin nginx`.

deploy/nginx.conf is the block for the example address (www.example.gov.cn,
/zgxx/, /srv/bulletin); this package carries the same file and fills it in
for a site: its host and path from base_url, its publish target, and its
Content-Security-Policy. The policy allows nothing from outside unless
site.yaml asks for one of the footer's two outside scripts (the 党政机关
badge, 网站纠错): then exactly their hosts, for scripts and their pictures.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bulletin_gen.settings.config import SiteConfig

TEMPLATE = Path(__file__).with_name("nginx.conf")
EXAMPLE_HOST, EXAMPLE_PATH, EXAMPLE_TARGET = "www.example.gov.cn", "/zgxx/", "/srv/bulletin"
_POLICY = re.compile(r'add_header Content-Security-Policy "[^"]*"')
_BARE_PATH_REDIRECT = re.compile(r"\n    # The site's address without the final slash\.\n    location = /zgxx \{.*?\n    \}\n", re.S)


def content_security_policy(remote_hosts: tuple[str, ...] = ()) -> str:
    """What the pages may load: their own files, and the footer scripts' hosts where site.yaml asks for them."""
    outside = "".join(" " + host for host in remote_hosts)
    return (f"default-src 'none'; script-src 'self'{outside}; style-src 'self'; img-src 'self' data:{outside}; "
            "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'")


def server_block(config: SiteConfig, target: str | None = None) -> str:
    """deploy/nginx.conf for this site. `target`: the publish target folder (default: site.yaml's publish target)."""
    text = TEMPLATE.read_text(encoding="utf-8")
    text = _POLICY.sub(f'add_header Content-Security-Policy "{content_security_policy(config.footer.remote_hosts)}"',
                       text)
    host = urlsplit(config.base_url).hostname if config.base_url else None
    if host:
        text = text.replace(f"server_name {EXAMPLE_HOST};", f"server_name {host};")
    path = config.base_path if config.base_url else EXAMPLE_PATH
    if path == "/":
        text = _BARE_PATH_REDIRECT.sub("\n", text)  # the root needs no redirect to itself
    text = text.replace(EXAMPLE_PATH, path).replace(EXAMPLE_PATH.rstrip("/") + " ", path.rstrip("/") + " ")
    folder = _target_folder(target or config.publish.target)
    return text.replace(EXAMPLE_TARGET + "/", folder.rstrip("/") + "/") if folder else text


def _target_folder(spec: str | None) -> str | None:
    """The folder of a publish target: /srv/bulletin, or the path of user@host:/srv/bulletin."""
    if not spec:
        return None
    remote = re.match(r"^(?:[^@/\s]+@)?[^:/\s]+:(/.*)$", spec)
    folder = remote.group(1) if remote else spec
    return folder if folder.startswith("/") else None
