"""A loopback Gemini API / Vertex AI endpoint speaking the wire format google-genai uses.

`…/{model}:generateContent` and `:streamGenerateContent?alt=sse` answer with inline PNG parts and
`usageMetadata` split by modality; `…/{model}:predict` answers Imagen generate / edit / upscale with
`predictions[].bytesBase64Encoded`. Token counts per image follow the published figures, so costs
computed from them match the price table.
"""

from __future__ import annotations

import base64
import json
import math
from typing import Any

from otel_aiaudit.loopback.images import colour_for, solid_png
from otel_aiaudit.loopback.server import Handler, LoopbackServer, Recorded, Reply

# Output tokens per image by model family and image size.
IMAGE_TOKENS = {
    "gemini-2.5-flash-image": {"*": 1290},
    "gemini-3-pro-image": {"1K": 1120, "2K": 1120, "4K": 2000},
    "gemini-3.1-flash-image": {"0.5K": 747, "1K": 1120, "2K": 1680, "4K": 2520},
}
TEXT_OUT_TOKENS = 12  # "Here is your image." style caption


def image_tokens(model: str, size: str | None) -> int:
    for family, table in IMAGE_TOKENS.items():
        if model.startswith(family):
            return table.get(size or "1K", table.get("*", 1290))
    return 1290


def _model_and_verb(route: str) -> tuple[str, str]:
    last = route.rsplit("/", 1)[-1]
    model, _, verb = last.partition(":")
    return model, verb


def _user_texts(body: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for content in body.get("contents") or []:
        if content.get("role", "user") != "user":
            continue
        texts += [p["text"] for p in content.get("parts") or [] if "text" in p]
    return texts


def _image_inputs(body: dict[str, Any]) -> int:
    count = 0
    for content in body.get("contents") or []:
        for part in content.get("parts") or []:
            blob = part.get("inlineData") or part.get("inline_data") or {}
            mime = blob.get("mimeType") or blob.get("mime_type") or ""
            count += mime.startswith("image/")
    return count


class GoogleHandler(Handler):
    def route(self, rec: Recorded) -> Reply:
        if rec.method != "POST":
            return super().route(rec)
        model, verb = _model_and_verb(rec.route)
        body = rec.json()
        if verb == "generateContent":
            return Reply.of_json(self.content_response(model, body))
        if verb == "streamGenerateContent":
            return Reply(events=[b"data: " + json.dumps(c).encode() + b"\n\n" for c in self.stream_chunks(model, body)])
        if verb == "predict":
            return Reply.of_json(self.predict(body))
        return super().route(rec)

    # ------------------------------------------------------------------ Gemini
    @staticmethod
    def _plan(model: str, body: dict[str, Any]) -> tuple[str, int, bool, int, int, int]:
        config = body.get("generationConfig") or {}
        modalities = config.get("responseModalities") or ["TEXT", "IMAGE"]
        wants_image = "IMAGE" in modalities
        n = int(config.get("candidateCount") or 1)
        size = (config.get("imageConfig") or {}).get("imageSize")
        prompt = "\n".join(_user_texts(body))
        text_in = math.ceil(len(prompt) / 4)
        image_in = 258 * _image_inputs(body)
        per_image = image_tokens(model, size) if wants_image else 0
        return prompt, n, wants_image, text_in, image_in, per_image

    @staticmethod
    def _usage(n: int, text_in: int, image_in: int, per_image: int) -> dict[str, Any]:
        details = [{"modality": "TEXT", "tokenCount": TEXT_OUT_TOKENS * n}]
        if per_image:
            details.append({"modality": "IMAGE", "tokenCount": per_image * n})
        prompt_details = [{"modality": "TEXT", "tokenCount": text_in}]
        if image_in:
            prompt_details.append({"modality": "IMAGE", "tokenCount": image_in})
        out = TEXT_OUT_TOKENS * n + per_image * n
        return {
            "promptTokenCount": text_in + image_in,
            "candidatesTokenCount": out,
            "totalTokenCount": text_in + image_in + out,
            "promptTokensDetails": prompt_details,
            "candidatesTokensDetails": details,
        }

    @staticmethod
    def _image_part(prompt: str, index: int) -> dict[str, Any]:
        png = solid_png(8, 8, colour_for(f"{prompt}#{index}"))
        return {"inlineData": {"mimeType": "image/png", "data": base64.b64encode(png).decode()}}

    def content_response(self, model: str, body: dict[str, Any]) -> dict[str, Any]:
        prompt, n, wants_image, text_in, image_in, per_image = self._plan(model, body)
        candidates = []
        for i in range(n):
            parts: list[dict[str, Any]] = [{"text": "Here is your image."}]
            if wants_image:
                parts.append(self._image_part(prompt, i))
            candidates.append({"content": {"role": "model", "parts": parts}, "finishReason": "STOP", "index": i})
        return {
            "candidates": candidates,
            "usageMetadata": self._usage(n, text_in, image_in, per_image),
            "modelVersion": f"{model}-001" if not model[-1].isdigit() else model,
            "responseId": "resp-gemini-1",
        }

    def stream_chunks(self, model: str, body: dict[str, Any]) -> list[dict[str, Any]]:
        prompt, n, wants_image, text_in, image_in, per_image = self._plan(model, body)
        version = f"{model}-001" if not model[-1].isdigit() else model
        chunks = [
            {
                "candidates": [{"content": {"role": "model", "parts": [{"text": "Here is"}]}, "index": 0}],
                "modelVersion": version,
                "responseId": "resp-stream-1",
            }
        ]
        if wants_image:
            chunks.append(
                {
                    "candidates": [{"content": {"role": "model", "parts": [self._image_part(prompt, 0)]}, "index": 0}],
                    "modelVersion": version,
                    "responseId": "resp-stream-1",
                }
            )
        chunks.append(
            {
                "candidates": [
                    {
                        "content": {"role": "model", "parts": [{"text": " your image."}]},
                        "finishReason": "STOP",
                        "index": 0,
                    }
                ],
                "usageMetadata": self._usage(1, text_in, image_in, per_image),
                "modelVersion": version,
                "responseId": "resp-stream-1",
            }
        )
        return chunks

    # ------------------------------------------------------------------ Imagen (:predict)
    def predict(self, body: dict[str, Any]) -> dict[str, Any]:
        instance = (body.get("instances") or [{}])[0]
        params = body.get("parameters") or {}
        count = int(params.get("sampleCount") or 1)
        mime = (params.get("outputOptions") or {}).get("mimeType", "image/png")
        if "image" in instance and params.get("mode") == "upscale":
            size, seed_text = 16, "upscaled"
        else:
            size, seed_text = 8, instance.get("prompt", "")
        predictions: list[dict[str, Any]] = []
        for i in range(count):
            png = solid_png(size, size, colour_for(f"{seed_text}#{i}"))
            item: dict[str, Any] = {"bytesBase64Encoded": base64.b64encode(png).decode(), "mimeType": mime}
            if params.get("enhancePrompt"):
                item["prompt"] = f"An enhanced rendering of: {seed_text}"
            predictions.append(item)
        if params.get("includeRaiReason") and "filter me" in instance.get("prompt", ""):
            predictions = [{"raiFilteredReason": "filtered by the loopback safety stand-in"}]
        return {"predictions": predictions}


def start_google_server() -> LoopbackServer:
    return LoopbackServer(GoogleHandler).start()
