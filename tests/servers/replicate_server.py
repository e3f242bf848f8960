"""A loopback Replicate API speaking the wire format the `replicate` client uses.

- `POST /v1/models/{owner}/{name}/predictions`, `POST /v1/predictions` (version), and
  `POST /v1/deployments/{owner}/{name}/predictions` create a prediction. With `Prefer: wait` the reply
  is already `succeeded`; without it the prediction is `starting`, then `processing` on the first
  `GET /v1/predictions/{id}`, then `succeeded`.
- `GET /v1/models/{owner}/{name}/versions/{id}` answers the schema lookup `run` makes for version refs.
- `POST /v1/predictions/{id}/cancel` cancels.
Outputs are `data:image/png;base64,...` URLs (decoded locally by the client), one per `num_outputs`;
`state["https_outputs"] = True` returns https URLs instead (never fetched).
`metrics.predict_time` is `PREDICT_TIME`.
"""

from __future__ import annotations

import base64
import itertools
from typing import Any

from otel_aiaudit.loopback.images import colour_for, solid_png
from otel_aiaudit.loopback.server import Handler, LoopbackServer, Recorded, Reply

PREDICT_TIME = 2.5
VERSIONS = {"7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc": "stability-ai/sdxl"}
_ids = itertools.count(1)


def _outputs(srv: LoopbackServer, inputs: dict[str, Any]) -> list[str]:
    count = int(inputs.get("num_outputs") or 1)
    prompt = str(inputs.get("prompt", ""))
    if srv.state.get("https_outputs"):
        return [f"https://replicate.delivery/xezq/out-{i}.webp" for i in range(count)]
    return [
        "data:image/png;base64," + base64.b64encode(solid_png(8, 8, colour_for(f"{prompt}#{i}"))).decode()
        for i in range(count)
    ]


class ReplicateHandler(Handler):
    def route(self, rec: Recorded) -> Reply:
        parts = rec.route.strip("/").split("/")
        srv = self.server
        if (
            rec.method == "POST"
            and parts[-1] == "predictions"
            and parts[:2] in (["v1", "models"], ["v1", "deployments"])
        ):
            return self._create(rec, f"{parts[2]}/{parts[3]}", "v-latest")
        if rec.method == "POST" and parts == ["v1", "predictions"]:
            version = rec.json().get("version", "")
            return self._create(rec, VERSIONS.get(version, "unknown/model"), version)
        if rec.method == "GET" and len(parts) == 3 and parts[:2] == ["v1", "predictions"]:
            return self._poll(parts[2])
        if rec.method == "POST" and len(parts) == 4 and parts[-1] == "cancel":
            prediction = srv.state["predictions"][parts[2]]
            prediction.update(status="canceled", output=None)
            return Reply.of_json(prediction)
        if rec.method == "GET" and len(parts) == 6 and parts[4] == "versions":
            return Reply.of_json(
                {"id": parts[5], "created_at": "2026-01-01T00:00:00Z", "cog_version": "0.9.0", "openapi_schema": {}}
            )
        return super().route(rec)

    def _create(self, rec: Recorded, model: str, version: str) -> Reply:
        srv = self.server
        inputs = rec.json().get("input") or {}
        pid = f"p{next(_ids)}"
        prediction: dict[str, Any] = {
            "id": pid,
            "model": model,
            "version": version,
            "input": inputs,
            "status": "starting",
            "output": None,
            "logs": "",
            "error": None,
            "metrics": {},
            "created_at": "2026-11-30T10:00:00Z",
            "urls": {"get": f"{srv.url}/v1/predictions/{pid}", "cancel": f"{srv.url}/v1/predictions/{pid}/cancel"},
        }
        srv.state.setdefault("predictions", {})[pid] = prediction
        srv.state.setdefault("outputs", {})[pid] = _outputs(srv, inputs)
        if "wait" in rec.headers.get("prefer", ""):
            self._finish(pid)
        return Reply.of_json(prediction, 201)

    def _finish(self, pid: str) -> None:
        srv = self.server
        prediction = srv.state["predictions"][pid]
        if srv.state.get("fail"):
            prediction.update(status="failed", error="CUDA out of memory", metrics={"predict_time": 0.4})
            return
        prediction.update(
            status="succeeded",
            output=srv.state["outputs"][pid],
            metrics={"predict_time": PREDICT_TIME, "total_time": PREDICT_TIME + 0.3},
            completed_at="2026-11-30T10:00:03Z",
        )

    def _poll(self, pid: str) -> Reply:
        prediction = self.server.state["predictions"][pid]
        if prediction["status"] == "starting":
            prediction["status"] = "processing"
        elif prediction["status"] == "processing":
            self._finish(pid)
        return Reply.of_json(prediction)


def start_replicate_server() -> LoopbackServer:
    return LoopbackServer(ReplicateHandler).start()
