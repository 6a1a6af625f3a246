"""A real WebDAV server (wsgidav on cheroot) on 127.0.0.1, for tests that sync through one."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cheroot import wsgi
from wsgidav.wsgidav_app import WsgiDAVApp

USER = "alice"
PASSWORD = "s3cret-pass-word"


@dataclass
class DavServer:
    url: str
    root: Path
    cut_uploads_after: int | None = None
    """When set, a PUT is cut off after this many bytes, as a dropped connection would."""
    requests: list[str] = field(default_factory=list)


class _Interrupter:
    """WSGI middleware that records requests and can abort uploads part-way."""

    def __init__(self, app: Callable[..., Iterable[bytes]], server: DavServer) -> None:
        self.app = app
        self.server = server

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        self.server.requests.append(f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}")
        limit = self.server.cut_uploads_after
        if environ["REQUEST_METHOD"] == "PUT" and limit is not None:
            environ["wsgi.input"].read(limit)
            raise ConnectionAbortedError("upload cut off by the test")
        return self.app(environ, start_response)


@contextmanager
def dav_server(root: Path) -> Iterator[DavServer]:
    root.mkdir(parents=True, exist_ok=True)
    config = {
        "provider_mapping": {"/": str(root)},
        "http_authenticator": {"accept_basic": True, "accept_digest": False, "default_to_digest": False},
        "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD}}}},
        "verbose": 0,
        "logging": {"enable": False},
        "lock_storage": True,
    }
    server = DavServer(url="", root=root)
    httpd = wsgi.Server(("127.0.0.1", 0), _Interrupter(WsgiDAVApp(config), server))
    httpd.prepare()
    server.url = f"http://127.0.0.1:{httpd.bind_addr[1]}/"
    thread = threading.Thread(target=httpd.serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.stop()
        thread.join(timeout=10)
