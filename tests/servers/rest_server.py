"""One loopback server speaking the wire formats of the shipped REST mappings.

Clients reach it as a plain HTTP proxy: they request `http://api.stability.ai/...` through
`proxy=http://127.0.0.1:PORT`, so the request line carries the real host and path and the shipped
mappings match exactly as they would in production, with no DNS and no outside network.
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import parse_qs, urlsplit

from otel_aiaudit.loopback.images import colour_for, solid_png
from otel_aiaudit.loopback.openai import multipart_fields
from otel_aiaudit.loopback.server import Handler, LoopbackServer, Recorded, Reply


def host_of(rec: Recorded) -> str:
    return (urlsplit(rec.path).hostname or rec.headers.get("host", "").split(":")[0]).lower()


def fields_of(rec: Recorded) -> dict[str, Any]:
    """The request's form fields (multipart) or JSON object."""
    if rec.headers.get("content-type", "").startswith("multipart/form-data"):
        return multipart_fields(rec)
    return rec.json() if rec.body else {}


def png_for(text: str, size: int = 12) -> bytes:
    return solid_png(size, size, colour_for(text))


class RestHandler(Handler):
    def route(self, rec: Recorded) -> Reply:
        host = host_of(rec)
        path = rec.route
        handler = {
            "api.stability.ai": self.stability,
            "api.bfl.ai": self.bfl,
            "api.ideogram.ai": self.ideogram,
            "firefly-api.adobe.io": self.firefly,
            "api.apimart.ai": self.apimart,
            "api.useapi.net": self.useapi,
            "stream.example.test": self.stream,
        }.get(host)
        if handler is None:
            return Reply.of_json({"error": f"unknown host {host}"}, 404)
        return handler(rec, path)

    # Stability v2beta: multipart in; image bytes (accept: image/*) or JSON base64 out.
    def stability(self, rec: Recorded, path: str) -> Reply:
        form = fields_of(rec)
        prompt = form.get("prompt", "")
        if path.endswith(("/upscale/creative", "/replace-background-and-relight")):
            return Reply.of_json({"id": "gen-async-1"})
        reason = "CONTENT_FILTERED" if "FILTERME" in prompt else "SUCCESS"
        image = png_for(prompt)
        if rec.headers.get("accept", "").startswith("image/"):
            return Reply(200, image, "image/png", {"finish-reason": reason, "seed": "99"})
        return Reply.of_json({"image": base64.b64encode(image).decode(), "finish_reason": reason, "seed": 99})

    # BFL: submit answers a job id and a polling URL; the poll answers the result.
    def bfl(self, rec: Recorded, path: str) -> Reply:
        if rec.method == "GET" and path == "/v1/get_result":
            job = parse_qs(urlsplit(rec.path).query)["id"][0]
            return Reply.of_json({"id": job, "status": "Ready", "result": {"sample": f"http://delivery.bfl.ai/{job}.png"}})
        job = f"bfl-{len(self.server.requests)}"
        return Reply.of_json({"id": job, "polling_url": f"http://api.bfl.ai/v1/get_result?id={job}"})

    def ideogram(self, rec: Recorded, path: str) -> Reply:
        form = fields_of(rec)
        request = form.get("image_request", form)
        n = int(request.get("num_images") or 1)
        data = [{"url": f"http://ideogram.test/ephemeral/{i}.png", "resolution": "1024x1024", "seed": i,
                 "is_image_safe": "UNSAFE" not in request.get("prompt", ""), "prompt": request.get("prompt")}
                for i in range(n)]
        return Reply.of_json({"created": "2026-11-30T00:00:00Z", "data": data})

    def firefly(self, rec: Recorded, path: str) -> Reply:
        body = rec.json()
        if path.endswith("-async"):
            return Reply.of_json({"jobId": "ff-job-1", "statusUrl": "http://firefly-api.adobe.io/v3/status/ff-job-1"})
        n = int(body.get("numVariations") or 1)
        outputs = [{"seed": i, "image": {"url": f"http://firefly.test/{i}.jpg"}} for i in range(n)]
        return Reply.of_json({"size": body.get("size"), "outputs": outputs, "contentClass": body.get("contentClass")})

    def apimart(self, rec: Recorded, path: str) -> Reply:
        if rec.method == "GET":
            return Reply.of_json({"code": 200, "data": {"status": "completed", "image_urls": ["http://m.test/1.png"]}})
        return Reply.of_json({"code": 200, "data": [{"status": "submitted", "task_id": "task_01MJ"}]})

    def useapi(self, rec: Recorded, path: str) -> Reply:
        if rec.method == "GET":
            return Reply.of_json({"jobid": "j-1", "verb": "imagine", "status": "completed", "attachments": []})
        return Reply.of_json({"jobid": "j-1", "verb": "imagine", "status": "started", "prompt": rec.json()["prompt"]})

    # A user-mapped service that answers with server-sent events.
    def stream(self, rec: Recorded, path: str) -> Reply:
        return Reply(events=[b'data: {"progress": 0.5}\n\n', b'data: {"progress": 1.0}\n\n'])


def start_rest_server() -> LoopbackServer:
    return LoopbackServer(RestHandler).start()
