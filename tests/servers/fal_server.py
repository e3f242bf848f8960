"""A loopback fal endpoint speaking the wire format fal-client uses.

fal-client builds https URLs from two module constants; point them here with
`fal_client.client.RUN_URL_FORMAT = f"{srv.url}/run/"` and `QUEUE_URL_FORMAT = f"{srv.url}/queue/"`.

- `POST /run/{endpoint}` answers the result at once.
- `POST /queue/{endpoint}` enqueues: `{request_id, status: IN_QUEUE, response_url, status_url, cancel_url}`.
  `GET …/requests/{id}/status` says IN_PROGRESS once, then COMPLETED; `GET …/requests/{id}` is the
  result; `PUT …/requests/{id}/cancel` cancels.
Results follow fal's image endpoints: `{"images": [{url, width, height, content_type}], "seed",
"timings", "has_nsfw_concepts", "prompt"}`. URLs are https (never fetched) unless the input asks for
`sync_mode`, which returns data: URIs. Sizes follow `image_size` (preset or {width, height}).
"""

from __future__ import annotations

import base64
import itertools
from typing import Any

from otel_aiaudit.loopback.images import colour_for, solid_png
from otel_aiaudit.loopback.server import Handler, LoopbackServer, Recorded, Reply

PRESETS = {
    "square_hd": (1024, 1024),
    "square": (512, 512),
    "portrait_4_3": (768, 1024),
    "portrait_16_9": (576, 1024),
    "landscape_4_3": (1024, 768),
    "landscape_16_9": (1024, 576),
}
_ids = itertools.count(1)


def result_for(endpoint: str, inputs: dict[str, Any]) -> dict[str, Any]:
    size = inputs.get("image_size", "landscape_4_3")
    width, height = PRESETS[size] if isinstance(size, str) else (size["width"], size["height"])
    prompt = str(inputs.get("prompt", ""))
    images = []
    for i in range(int(inputs.get("num_images") or 1)):
        if inputs.get("sync_mode"):
            png = solid_png(8, 8, colour_for(f"{prompt}#{i}"))
            url = "data:image/png;base64," + base64.b64encode(png).decode()
        else:
            url = f"https://v3.fal.media/files/rabbit/out-{i}.jpeg"
        images.append(
            {
                "url": url,
                "width": width,
                "height": height,
                "content_type": "image/jpeg" if "https" in url else "image/png",
            }
        )
    return {
        "images": images,
        "seed": inputs.get("seed", 1234),
        "timings": {"inference": 0.42},
        "has_nsfw_concepts": [False] * len(images),
        "prompt": prompt,
    }


class FalHandler(Handler):
    def route(self, rec: Recorded) -> Reply:
        srv = self.server
        path = rec.route
        if rec.method == "POST" and path.startswith("/run/"):
            return Reply.of_json(result_for(path[len("/run/") :], rec.json()), headers={"x-fal-request-id": "run-1"})
        if rec.method == "POST" and path.startswith("/queue/"):
            endpoint = path[len("/queue/") :]
            request_id = f"req-{next(_ids)}"
            owner_alias = "/".join(endpoint.split("/")[:2])
            base = f"{srv.url}/queue/{owner_alias}/requests/{request_id}"
            srv.state.setdefault("jobs", {})[request_id] = {"result": result_for(endpoint, rec.json()), "polls": 0}
            return Reply.of_json(
                {
                    "request_id": request_id,
                    "status": "IN_QUEUE",
                    "queue_position": 0,
                    "response_url": base,
                    "status_url": f"{base}/status",
                    "cancel_url": f"{base}/cancel",
                }
            )
        if "/requests/" in path:
            request_id, _, tail = path.split("/requests/", 1)[1].partition("/")
            job = srv.state.get("jobs", {}).get(request_id)
            if job is None:
                return Reply.of_json({"detail": "request not found"}, 404)
            if rec.method == "PUT" and tail == "cancel":
                job["canceled"] = True
                return Reply.of_json({"status": "CANCELLATION_REQUESTED"}, 202)
            if tail == "status":
                job["polls"] += 1
                if job["polls"] == 1:
                    return Reply.of_json({"status": "IN_PROGRESS", "logs": []}, 202)
                return Reply.of_json({"status": "COMPLETED", "logs": [], "metrics": {"inference_time": 0.42}})
            return Reply.of_json(job["result"])
        return super().route(rec)


def start_fal_server() -> LoopbackServer:
    return LoopbackServer(FalHandler).start()
