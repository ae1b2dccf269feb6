"""Which files of a distribution a package index already serves, read from its simple API.

A release never replaces a published version, so ``release:publish`` asks the target index
first. It reads the project page of the simple API, asking for JSON (PEP 691, as PyPI
serves it) and accepting HTML (PEP 503, as pypiserver serves it). A project the index has
never seen is a 404: nothing published. Any other failure is an error, never "nothing
published": a check that could not be made must not let an upload through.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import Version

from tools.release.errors import ReleaseError

PYPI_SIMPLE = "https://pypi.org/simple/"

ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1"
TIMEOUT = 30


def project_url(index_url: str, dist: str) -> str:
    """The project page of ``dist`` under a simple index: ``<index>/<normalised name>/``."""
    return urljoin(index_url.rstrip("/") + "/", f"{canonicalize_name(dist)}/")


def published_files(index_url: str, dist: str) -> list[str]:
    """The file names the index lists for ``dist`` (empty if it does not know the project)."""
    url = project_url(index_url, dist)
    request = urllib.request.Request(url, headers={"Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            content_type = response.headers.get_content_type()
            body = response.read().decode(response.headers.get_content_charset() or "utf-8")
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return []
        raise ReleaseError(f"cannot tell what {url} holds: the index answered {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ReleaseError(f"cannot tell what {url} holds: {reason}") from exc
    if content_type.endswith("+json") or content_type == "application/json":
        return _files_of_json(body, url)
    return _files_of_html(body)


def files_of_version(files: list[str], version: str) -> list[str]:
    """Those of ``files`` that are ``version`` of the distribution (as versions compare)."""
    wanted = Version(version)
    return [name for name in files if _version_of(name) == wanted]


def _version_of(filename: str) -> Version | None:
    try:
        if filename.endswith(".whl"):
            return parse_wheel_filename(filename)[1]
        return parse_sdist_filename(filename)[1]
    except (InvalidWheelFilename, InvalidSdistFilename):
        return None  # an old format (.egg, .exe, ...): not one of ours


def _files_of_json(body: str, url: str) -> list[str]:
    try:
        files = json.loads(body)["files"]
        return [str(entry["filename"]) for entry in files]
    except (ValueError, KeyError, TypeError) as exc:
        raise ReleaseError(f"{url} answered JSON that is not a PEP 691 project page ({exc!r})") from exc


class _Links(HTMLParser):
    """The last path segment of every ``<a href>``: the file names of a PEP 503 project page."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            path = urlsplit(href).path
            self.files.append(unquote(path.rsplit("/", 1)[-1]))


def _files_of_html(body: str) -> list[str]:
    links = _Links()
    links.feed(body)
    return [name for name in links.files if name]
