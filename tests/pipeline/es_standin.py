"""A loopback HTTP stand-in for the few Elasticsearch and Kibana endpoints `aiaudit setup` calls.

Elasticsearch and Kibana cannot run in the test environment; this server speaks their wire format
(paths, JSON bodies, the product header the official client checks) and keeps state in memory, so the
real elasticsearch-py client and the real setup code can be driven end to end, twice, to show the apply
is idempotent. It proves nothing about what a real cluster accepts.
"""

from __future__ import annotations

import email
import email.policy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

BUILTIN_COMPONENTS = [
    "logs@mappings",
    "logs@settings",
    "otel@mappings",
    "logs-otel@mappings",
    "semconv-resource-to-ecs@mappings",
    "logs@custom",
    "logs-otel@custom",
    "ecs@mappings",
]


class StandIn:
    def __init__(self) -> None:
        self.ilm: dict = {}
        self.templates: dict = {
            "logs-otel@template": {
                "index_patterns": ["logs-*.otel-*"],
                "priority": 120,
                "composed_of": BUILTIN_COMPONENTS,
                "data_stream": {},
            }
        }
        self.roles: dict = {}
        self.saved: dict = {}
        self.writes: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()

    def _handler(self):
        state = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, code: int, body) -> None:
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _json(self):
                n = int(self.headers.get("Content-Length") or 0)
                return json.loads(self.rfile.read(n) or b"{}")

            def do_HEAD(self):
                self._send(200, {})

            def do_GET(self):
                path = urlsplit(self.path).path.strip("/").split("/")
                if path == [""]:
                    return self._send(
                        200, {"version": {"number": "9.1.5"}, "tagline": "You Know, for Search"}
                    )
                if path[:2] == ["_ilm", "policy"] and path[2] in state.ilm:
                    return self._send(200, {path[2]: {"version": 1, "policy": state.ilm[path[2]]}})
                if path[0] == "_index_template" and path[1] in state.templates:
                    return self._send(
                        200,
                        {"index_templates": [{"name": path[1], "index_template": state.templates[path[1]]}]},
                    )
                if path[:2] == ["_security", "role"] and path[2] in state.roles:
                    return self._send(200, {path[2]: state.roles[path[2]]})
                return self._send(404, {"error": {"type": "resource_not_found_exception"}, "status": 404})

            def do_PUT(self):
                path = urlsplit(self.path).path.strip("/").split("/")
                body = self._json()
                state.writes.append("/".join(path))
                if path[:2] == ["_ilm", "policy"]:
                    state.ilm[path[2]] = body["policy"]
                elif path[0] == "_index_template":
                    missing = [c for c in body.get("composed_of", []) if c not in BUILTIN_COMPONENTS]
                    if missing:
                        return self._send(
                            400,
                            {
                                "error": {
                                    "type": "invalid_index_template_exception",
                                    "reason": f"missing {missing}",
                                },
                                "status": 400,
                            },
                        )
                    state.templates[path[1]] = body
                elif path[:2] == ["_security", "role"]:
                    state.roles[path[2]] = body
                    return self._send(200, {"role": {"created": True}})
                else:
                    return self._send(404, {"error": "no route", "status": 404})
                return self._send(200, {"acknowledged": True})

            def do_POST(self):
                url = urlsplit(self.path)
                if url.path != "/api/saved_objects/_import" or self.headers.get("kbn-xsrf") != "true":
                    return self._send(400, {"statusCode": 400, "message": "bad request"})
                n = int(self.headers.get("Content-Length") or 0)
                raw = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + self.rfile.read(n)
                msg = email.message_from_bytes(raw, policy=email.policy.HTTP)
                part = next(
                    p for p in msg.iter_parts() if p.get_param("name", header="content-disposition") == "file"
                )
                lines = (
                    part.get_content().decode().splitlines()
                    if isinstance(part.get_content(), bytes)
                    else (part.get_content().splitlines())
                )
                results = []
                for line in lines:
                    obj = json.loads(line)
                    state.saved[(obj["type"], obj["id"])] = obj
                    results.append({"type": obj["type"], "id": obj["id"]})
                state.writes.append("kibana/_import")
                return self._send(
                    200, {"success": True, "successCount": len(results), "successResults": results}
                )

        return Handler
