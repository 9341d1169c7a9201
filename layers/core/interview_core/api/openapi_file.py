"""The platform's whole OpenAPI document as a file: the app the local runner serves, with every
HTTP function's route (api/openapi.py adds the shared answers), written with sorted keys so that
the same routes and models always give the same bytes.

The web app's API types are generated from that file (frontend/src/api/openapi.json, then
openapi-typescript: `npm run api-types` in frontend/ runs both):

    python -m interview_core.api.openapi_file --write frontend/src/api/openapi.json
    python -m interview_core.api.openapi_file --check frontend/src/api/openapi.json

Nothing connects to a database: the handlers read their settings when imported, so a command
run without them gets placeholders that no request ever uses.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

# Read by the handlers' settings when they are imported; the document depends on none of them.
_PLACEHOLDER_SETTINGS = {
    "ENVIRONMENT": "test",
    "DATABASE_URL": "postgresql://openapi@localhost/openapi",
    "SECRET_KEY": "openapi-document-placeholder-secret",
}

REGENERATE = "run `npm run api-types` in frontend/"


def platform_document() -> dict[str, Any]:
    """The document of the app with every HTTP function, as `interview dev` serves it."""
    from interview_core.api.app import create_app
    from interview_core.local.platform import http_routers
    from interview_core.settings import get_settings

    return create_app(get_settings(), http_routers()).openapi()


def render(document: dict[str, Any]) -> str:
    """Stable text: sorted keys, two spaces, non-ASCII kept, one final newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m interview_core.api.openapi_file",
        description="Write (or check) the platform's OpenAPI document as a JSON file.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, metavar="PATH", help="write the document there")
    action.add_argument(
        "--check", type=Path, metavar="PATH", help="exit 1 if the file there is not the document"
    )
    args = parser.parse_args(argv)
    for name, value in _PLACEHOLDER_SETTINGS.items():
        os.environ.setdefault(name, value)
    text = render(platform_document())
    if args.write is not None:
        args.write.write_text(text, encoding="utf-8")
        print(f"wrote {args.write}", file=sys.stderr)
        return 0
    current = args.check.read_text(encoding="utf-8") if args.check.exists() else None
    if current != text:
        print(f"{args.check} is not the current OpenAPI document: {REGENERATE}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
