"""A small threaded HTTP server (127.0.0.1 unless told otherwise) that records every request.

Shared by the offline demo and the test suite. Provider-specific handlers subclass `Handler` and
implement `route()`; replies use HTTP/1.1 keep-alive with Content-Length, SSE with chunked encoding.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Recorded:
    method: str
    path: str  # path with query
    headers: dict[str, str]  # lower-cased names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def route(self) -> str:
        return urlsplit(self.path).path


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    events: list[bytes] | None = None  # SSE chunks when set

    @classmethod
    def of_json(cls, payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
        return cls(status, json.dumps(payload).encode(), "application/json", headers or {})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one segment: without this, Nagle plus delayed ACK adds ~40 ms a reply.
    disable_nagle_algorithm = True
    wbufsize = 1 << 16
    server: LoopbackServer

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._read_chunked()
        rec = Recorded(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        with self.server.lock:
            self.server.requests.append(rec)
        try:
            reply = self.server.override(rec) if self.server.override else None
            if reply is None:
                reply = self.route(rec)
        except Exception as exc:  # a broken fixture must show up as a 500, not a hung client
            reply = Reply.of_json({"error": {"message": f"loopback handler failed: {exc}"}}, 500)
        self._send(reply)

    def _read_chunked(self) -> bytes:
        out = b""
        while True:
            size = int(self.rfile.readline().strip() or b"0", 16)
            if size == 0:
                self.rfile.readline()
                return out
            out += self.rfile.read(size)
            self.rfile.readline()

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.events is not None:
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in reply.events:
                self.wfile.write(f"{len(chunk):X}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            return
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)
        self.wfile.flush()

    do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815 - http.server's naming

    def route(self, rec: Recorded) -> Reply:
        return Reply.of_json({"error": {"message": f"no route for {rec.method} {rec.route}"}}, 404)


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, handler: type[Handler], host: str = "127.0.0.1", port: int = 0) -> None:
        # Port 0: the system picks a free one (tests, the demo); `aiaudit loopback` asks for a fixed one.
        super().__init__((host, port), handler)
        self.requests: list[Recorded] = []
        self.lock = threading.Lock()
        # A test may answer a request itself (errors, malformed bodies) by returning a Reply.
        self.override: Any = None
        self.state: dict[str, Any] = {}
        self._thread: threading.Thread | None = None

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that closes a stream early resets the connection: expected, not worth a traceback.
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> LoopbackServer:
        self._thread = threading.Thread(target=self.serve_forever, name="aiaudit-loopback", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
        self.override = None
        self.state.clear()

    def routes(self, prefix: str = "") -> list[Recorded]:
        with self.lock:
            return [r for r in self.requests if r.route.startswith(prefix)]
