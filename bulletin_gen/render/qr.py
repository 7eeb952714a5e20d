"""A page's address as a QR code, in inline SVG: a reader at a desk scans it to go on reading on the phone."""

from __future__ import annotations

import io


def svg(url: str, label: str) -> str:
    """The QR code of `url` as an <svg> element, `label` its accessible name; the same bytes every time.

    The mask is fixed: choosing the best of eight (segno's default) took three
    quarters of the time, and any mask reads alike on a screen.
    """
    import segno  # only for a site that shows QR codes

    code = segno.make(url, error="m", mask=0, boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, nl=False, scale=4, border=2, dark="#1f1f1f", light="#fff",
              svgclass="page-qr-code", lineclass=None, title=None)
    return out.getvalue().decode("utf-8").replace("<svg ", f'<svg role="img" aria-label="{_attr(label)}" ', 1)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
