"""The security headers of the web app: one policy for the local server (local/web.py) and for
CloudFront (infra_cdk/frontend.py), so the browser tests run the app under what AWS serves."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

CONTENT_TYPE_OPTIONS = "nosniff"
FRAME_OPTIONS = "DENY"
# Invitation links carry their token in the query (/invite?token=...): never pass the URL on.
REFERRER_POLICY = "no-referrer"


def url_origin(url: str) -> str:
    """scheme://host[:port] of a URL, the form a CSP source takes."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(connect_to: Iterable[str]) -> str:
    """The built app (frontend/dist) is one module script and one stylesheet of its own origin,
    with no inline script or style element; it fetches its config.json and calls the API and
    the speech service's websocket (`connect_to`: their origins)."""
    directives = [
        ("default-src", "'self'"),
        ("script-src", "'self'"),
        ("style-src", "'self'"),
        ("img-src", "'self' data:"),
        ("font-src", "'self'"),
        ("connect-src", " ".join(["'self'", *dict.fromkeys(connect_to)])),
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", "'self'"),
        ("frame-ancestors", "'none'"),
    ]
    return "; ".join(f"{name} {value}" for name, value in directives)


def security_headers(connect_to: Iterable[str]) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(connect_to),
        "X-Content-Type-Options": CONTENT_TYPE_OPTIONS,
        "X-Frame-Options": FRAME_OPTIONS,
        "Referrer-Policy": REFERRER_POLICY,
    }
