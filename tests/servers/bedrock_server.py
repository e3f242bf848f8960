"""A loopback Bedrock runtime: `POST /model/{modelId}/invoke` answering in each image family's body shape.

boto3 reaches it with `endpoint_url=` and dummy keys (SigV4 is computed locally and not checked here).
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import unquote

from otel_aiaudit.loopback.images import colour_for, solid_png
from otel_aiaudit.loopback.server import Handler, LoopbackServer, Recorded, Reply

TEXT_MODEL_REPLY = {"results": [{"outputText": "hello", "completionReason": "FINISH"}]}


def model_of(rec: Recorded) -> str:
    # /model/<url-encoded id>/invoke
    return unquote(rec.route.split("/")[2])


def _b64_png(text: str, width: int = 16, height: int = 16) -> str:
    return base64.b64encode(solid_png(width, height, colour_for(text))).decode("ascii")


class BedrockHandler(Handler):
    def route(self, rec: Recorded) -> Reply:
        parts = rec.route.split("/")
        if rec.method != "POST" or len(parts) != 4 or parts[1] != "model" or parts[3] != "invoke":
            return Reply.of_json({"message": f"no route for {rec.method} {rec.route}"}, 404)
        model = model_of(rec).rsplit("/", 1)[-1]
        for prefix in ("us.", "eu.", "apac.", "global."):
            model = model.removeprefix(prefix)
        body = rec.json()
        headers = {"x-amzn-RequestId": "req-0001"}
        if model.startswith(("amazon.titan-image", "amazon.nova-canvas")):
            text = (body.get("textToImageParams") or {}).get("text", "")
            n = int((body.get("imageGenerationConfig") or {}).get("numberOfImages") or 1)
            return Reply.of_json({"images": [_b64_png(f"{text}{i}") for i in range(n)], "error": None}, headers=headers)
        if model.startswith("stability.stable-diffusion-xl"):
            text = " ".join(p["text"] for p in body.get("text_prompts", []))
            n = int(body.get("samples") or 1)
            artifacts = [{"seed": i, "base64": _b64_png(f"{text}{i}"), "finishReason": "SUCCESS"} for i in range(n)]
            return Reply.of_json({"result": "success", "artifacts": artifacts}, headers=headers)
        if model.startswith("stability."):
            image = _b64_png(body.get("prompt", ""))
            reply: dict[str, Any] = {"seeds": [42], "finish_reasons": [None], "images": [image]}
            return Reply.of_json(reply, headers=headers)
        return Reply(200, json.dumps(TEXT_MODEL_REPLY).encode(), "application/json", headers)


def start_bedrock_server() -> LoopbackServer:
    return LoopbackServer(BedrockHandler).start()
