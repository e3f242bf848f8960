"""A tiny loopback server speaking OpenAI's POST /v1/moderations, for the classifier tests.

Scores come from the input text: the word "attack" scores violence 0.91, "explicit-ish" scores
sexual 0.8; "slowly" makes the server sleep past the classifier timeout; "crash" returns 500.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LABELS = [
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/instructions",
    "self-harm/intent",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
]


class _Handler(BaseHTTPRequestHandler):
    server: ModerationServer

    def log_message(self, *args) -> None:  # keep test output clean
        return None

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        self.server.requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        if self.path != "/v1/moderations":
            self.send_error(404)
            return
        text = body.get("input", "")
        text = text if isinstance(text, str) else json.dumps(text)
        if "crash" in text:
            self.send_error(500, "boom")
            return
        if "slowly" in text:
            time.sleep(1.5)
        scores = dict.fromkeys(LABELS, 0.01)
        if "attack" in text:
            scores["violence"] = 0.91
        if "explicit-ish" in text:
            scores["sexual"] = 0.8
        payload = {
            "id": "modr-test",
            "model": body.get("model", "omni-moderation-latest"),
            "results": [
                {
                    "flagged": any(v >= 0.5 for v in scores.values()),
                    "categories": {k: v >= 0.5 for k, v in scores.items()},
                    "category_scores": scores,
                    "category_applied_input_types": {k: ["text"] for k in LABELS},
                }
            ],
        }
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to tell it


class ModerationServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def __enter__(self) -> ModerationServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
