"""Reading a project page of the simple API, in both of its forms, and what counts as "published"."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from tools.release.errors import ReleaseError
from tools.release.simple_index import files_of_version, project_url, published_files

HTML = """<!DOCTYPE html><html><body>
<a href="/packages/txaio_log-1.0.0-py3-none-any.whl#sha256=00">txaio_log-1.0.0-py3-none-any.whl</a><br>
<a href="https://files.example/txaio_log-1.0.1.tar.gz">txaio_log-1.0.1.tar.gz</a>
<a href="../../packages/txaio-log-0.9.win32.exe">old</a>
</body></html>"""
JSON = '{"meta": {"api-version": "1.0"}, "name": "txaio-log", "files": [{"filename": "txaio_log-1.0.0.tar.gz"}]}'

PAGES = {
    "/html/txaio-log/": (200, "text/html; charset=utf-8", HTML),
    "/json/txaio-log/": (200, "application/vnd.pypi.simple.v1+json", JSON),
    "/broken/txaio-log/": (200, "application/vnd.pypi.simple.v1+json", '{"files": 3}'),
    "/down/txaio-log/": (503, "text/plain", "maintenance"),
}


class Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, kind, body = PAGES.get(self.path, (404, "text/plain", "not found"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_the_project_page_uses_the_normalised_name() -> None:
    assert project_url("https://pypi.org/simple", "Txaio_Log") == "https://pypi.org/simple/txaio-log/"
    assert project_url("http://127.0.0.1:1/simple/", "txaio.log") == "http://127.0.0.1:1/simple/txaio-log/"


def test_an_html_page_lists_the_last_segment_of_each_link(site: str) -> None:
    files = published_files(f"{site}/html/", "txaio-log")
    assert files == ["txaio_log-1.0.0-py3-none-any.whl", "txaio_log-1.0.1.tar.gz", "txaio-log-0.9.win32.exe"]
    assert files_of_version(files, "1.0.0") == ["txaio_log-1.0.0-py3-none-any.whl"]
    assert files_of_version(files, "1.0.1") == ["txaio_log-1.0.1.tar.gz"]
    assert files_of_version(files, "1.0.2") == []


def test_a_json_page_lists_its_files(site: str) -> None:
    assert published_files(f"{site}/json/", "txaio-log") == ["txaio_log-1.0.0.tar.gz"]


def test_versions_compare_as_versions() -> None:
    assert files_of_version(["txaio_log-1.0.tar.gz"], "1.0.0") == ["txaio_log-1.0.tar.gz"]


def test_a_project_the_index_does_not_know_has_nothing_published(site: str) -> None:
    assert published_files(f"{site}/html/", "txaio-core") == []


@pytest.mark.parametrize(
    ("path", "message"),
    [("/down/", "the index answered 503"), ("/broken/", "not a PEP 691 project page")],
)
def test_a_page_that_cannot_be_read_is_an_error_not_nothing_published(site: str, path: str, message: str) -> None:
    with pytest.raises(ReleaseError, match=message):
        published_files(f"{site}{path}", "txaio-log")
