"""Serving the built web app (frontend/dist) next to the API, with a runtime /config.json that
names the API URL: the same build runs here and on S3 + CloudFront."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>Web app not built</title>
<p>The web app has not been built yet. Run <code>make dev</code> (it builds <code>frontend/</code>),
or <code>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</code>. The API is at
<a href="{api}/docs">{api}/docs</a>.</p>"""


class SinglePageApp(StaticFiles):
    """Static files, with index.html for any other path so client-side routes survive a reload."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code != 404:
                raise
            return await super().get_response("index.html", scope)


def web_app(dist: Path, api_port: int) -> Starlette:
    def api_url(request: Request) -> str:
        # The host the browser used for the web app also reaches the API.
        return f"{request.url.scheme}://{request.url.hostname}:{api_port}"

    async def config(request: Request) -> JSONResponse:
        return JSONResponse({"apiUrl": api_url(request)}, headers={"Cache-Control": "no-store"})

    async def not_built(request: Request) -> HTMLResponse:
        return HTMLResponse(NOT_BUILT.format(api=api_url(request)), status_code=503)

    routes: list = [Route("/config.json", config)]
    if (dist / "index.html").exists():
        routes.append(Mount("/", app=SinglePageApp(directory=dist, html=True)))
    else:
        routes.append(Route("/{path:path}", not_built))
    return Starlette(routes=routes)
