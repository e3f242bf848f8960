"""Amazon Bedrock image models through boto3 / botocore: `bedrock-runtime` `InvokeModel`.

One class-level patch, `botocore.client.BaseClient._make_api_call`, sees every client of every session.
It is filtered to service `bedrock-runtime` and operation `InvokeModel`, and then to image model
families; every other call (text models, other services, streamed invocations) passes through untouched.

Bedrock treats the request and response bodies as opaque bytes, so the JSON is read per model family:
- Amazon Titan Image Generator v1/v2 and Nova Canvas: `taskType` + `<task>Params` + `imageGenerationConfig`
  -> `{"images": [b64...], "error": ...}`;
- Stability SD3 / SD3.5 Large, Stable Image Core / Ultra and the Stability image services:
  `{"prompt", "aspect_ratio", ...}` -> `{"images": [b64...], "finish_reasons": [...], "seeds": [...]}`;
- legacy Stability SDXL: `{"text_prompts": [{"text", "weight"}], ...}` -> `{"artifacts": [{"base64", "finishReason"}]}`.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable
from importlib.util import find_spec
from typing import Any

from ..auditor import Audit, Auditor, ReturnedImage
from ..generation import Generation
from ..pricing.pricing import normalise_model
from .base import Patches, server_of, sync_wrapper

PROVIDER = "aws.bedrock"
SERVICE = "bedrock-runtime"
OPERATION = "InvokeModel"

# Titan / Nova task type -> (params key, image operation). BACKGROUND_REMOVAL has no text.
_AMAZON_TASKS: dict[str, tuple[str | None, str]] = {
    "TEXT_IMAGE": ("textToImageParams", "generate"),
    "COLOR_GUIDED_GENERATION": ("colorGuidedGenerationParams", "generate"),
    "IMAGE_VARIATION": ("imageVariationParams", "variation"),
    "INPAINTING": ("inPaintingParams", "edit"),
    "OUTPAINTING": ("outPaintingParams", "edit"),
    "VIRTUAL_TRY_ON": (None, "edit"),
    "BACKGROUND_REMOVAL": (None, "edit"),
}
_STABILITY_EDITS = ("inpaint", "outpaint", "erase", "search", "remove-background", "control", "style")
_MIME = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "webp": "image/webp"}
# Several text pieces (SDXL weighted prompts) travel as one policy prompt, one piece per line.
_JOIN = "\n"


def family_of(model: str | None) -> str | None:
    """`amazon` (Titan / Nova Canvas), `stability`, `sdxl` (legacy Stability), or None (not an image model)."""
    if not model:
        return None
    if model.startswith(("amazon.titan-image-generator", "amazon.nova-canvas")):
        return "amazon"
    if model.startswith("stability.stable-diffusion-xl"):
        return "sdxl"
    if model.startswith("stability."):
        return "stability"
    return None


def _read_body(params: dict[str, Any]) -> bytes | None:
    """The request body as bytes. A file-like body is read once and handed on as bytes."""
    body = params.get("body")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):
        data = body.read()
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        params["body"] = data  # api_params is botocore's own per-call dict; the file is consumed now
        return data
    return None


def _size(width: Any, height: Any) -> str | None:
    return f"{int(width)}x{int(height)}" if width and height else None


def _sdxl_pieces(body: dict[str, Any]) -> tuple[list[int], list[int]]:
    """Indexes of the positive and negative (weight < 0) entries of `text_prompts`."""
    positive: list[int] = []
    negative: list[int] = []
    for i, item in enumerate(body.get("text_prompts") or []):
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            (negative if float(item.get("weight", 1.0)) < 0 else positive).append(i)
    return positive, negative


class InvokeModelTranslator:
    where = "bedrock.invoke_model"

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation | None:
        operation, params = _call_args(args, kwargs)
        if operation != OPERATION or not isinstance(params, dict):
            return None
        if instance.meta.service_model.service_name != SERVICE:
            return None
        raw_id = str(params.get("modelId") or "")
        model = normalise_model(raw_id)
        family = family_of(model)
        if family is None:
            return None  # a text or embedding model: not ours
        raw = _read_body(params)
        body = json.loads(raw) if raw else {}
        if not isinstance(body, dict):
            return None
        host, port = server_of(getattr(instance.meta, "endpoint_url", None))
        gen = Generation(provider=PROVIDER, model=model, server_address=host, server_port=port)
        if raw_id and raw_id.lower() != model:
            gen.params["model_id"] = raw_id  # the region-prefixed id or ARN the caller used
        {"amazon": self._amazon, "stability": self._stability, "sdxl": self._sdxl}[family](gen, body)
        return gen

    @staticmethod
    def _amazon(gen: Generation, body: dict[str, Any]) -> None:
        task = str(body.get("taskType") or "TEXT_IMAGE")
        key, operation = _AMAZON_TASKS.get(task, (None, "generate"))
        gen.operation = operation  # type: ignore[assignment]
        gen.params["task_type"] = task
        task_params = body.get(key) if key else None
        if isinstance(task_params, dict):
            gen.prompt = task_params.get("text")
            gen.negative_prompt = task_params.get("negativeText")
            gen.style = task_params.get("style")
        config = body.get("imageGenerationConfig") or {}
        gen.n = int(config.get("numberOfImages") or 1)
        gen.size = _size(config.get("width"), config.get("height"))
        gen.quality = config.get("quality")
        gen.seed = config.get("seed")
        if config.get("cfgScale") is not None:
            gen.params["cfg_scale"] = config["cfgScale"]

    @staticmethod
    def _stability(gen: Generation, body: dict[str, Any]) -> None:
        model = gen.model or ""
        if "upscale" in model:
            gen.operation = "upscale"
        elif any(word in model for word in _STABILITY_EDITS) or body.get("mode") == "image-to-image":
            gen.operation = "edit"
        gen.prompt = body.get("prompt")
        gen.negative_prompt = body.get("negative_prompt")
        gen.aspect_ratio = body.get("aspect_ratio")
        gen.seed = body.get("seed") or None
        for name in ("mode", "output_format", "strength", "style_preset"):
            if body.get(name) is not None:
                gen.params[name] = body[name]

    @staticmethod
    def _sdxl(gen: Generation, body: dict[str, Any]) -> None:
        positive, negative = _sdxl_pieces(body)
        prompts = body["text_prompts"] if positive or negative else []
        gen.prompt = _JOIN.join(prompts[i]["text"] for i in positive) if positive else None
        gen.negative_prompt = _JOIN.join(prompts[i]["text"] for i in negative) if negative else None
        gen.n = int(body.get("samples") or 1)
        gen.size = _size(body.get("width"), body.get("height"))
        gen.seed = body.get("seed") or None
        steps = body.get("steps")
        if steps is not None:
            gen.params["steps"] = steps
            if int(steps) > 50:
                gen.quality = "premium"  # Bedrock bills SDXL above 50 steps at the higher rate
        for name in ("cfg_scale", "style_preset", "sampler"):
            if body.get(name) is not None:
                gen.params[name] = body[name]

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple[Any, ...], dict]:
        operation, params = _call_args(args, kwargs)
        body = json.loads(_read_body(params) or b"{}")
        family = family_of(normalise_model(str(params.get("modelId") or "")))
        if family == "amazon":
            key, _ = _AMAZON_TASKS.get(str(body.get("taskType") or "TEXT_IMAGE"), (None, "generate"))
            if not key or not isinstance(body.get(key), dict):
                raise ValueError("no text field in this Bedrock task to rewrite")
            body[key]["text"] = prompt
        elif family == "stability":
            body["prompt"] = prompt
        elif family == "sdxl":
            positive, _ = _sdxl_pieces(body)
            pieces = prompt.split(_JOIN, len(positive) - 1) if positive else []
            pieces += [""] * (len(positive) - len(pieces))  # a truncation may drop trailing pieces
            for index, text in zip(positive, pieces, strict=True):
                body["text_prompts"][index]["text"] = text
        new_params = {**params, "body": json.dumps(body).encode("utf-8")}
        return (operation, new_params), {}

    @staticmethod
    def refusal(exc: BaseException) -> str | None:
        """Bedrock's content filter refuses with a ValidationException that says so."""
        error = getattr(exc, "response", None)
        error = error.get("Error") if isinstance(error, dict) else None
        message = str((error or {}).get("Message") or "")
        if (error or {}).get("Code") == "ValidationException" and "content filter" in message.lower():
            return f"content_filter: {message}"[:300]
        return None

    def result(self, audit: Audit, result: Any) -> Any:
        gen = audit.gen
        meta = result.get("ResponseMetadata") or {}
        gen.response_id = meta.get("RequestId")
        stream = result.get("body")
        if stream is None or not hasattr(stream, "read"):
            audit.succeed(())
            return result
        raw = stream.read()
        result["body"] = _streaming_body(raw)  # reading consumed it: the user gets a fresh one
        payload = json.loads(raw) if raw else {}
        if not isinstance(payload, dict):
            audit.succeed(())
            return result
        family = family_of(gen.model)
        images, error = (self._sdxl_images if family == "sdxl" else self._images)(gen, payload)
        if error is not None:
            gen.params["bedrock_error"] = error[1]
            if error[0] == "content_filtered":  # the model's own safety filter: evidence, not a fault
                audit.refused(f"content_filtered: {error[1]}")
            else:
                audit.fail(None, error[0])
            return result
        changed: list[bool] = []
        slots = [self._slot(payload, path, mime, changed) for path, mime in images]
        audit.succeed(slots)
        if changed:  # signed image bytes were written into the payload: re-encode the body
            result["body"] = _streaming_body(json.dumps(payload).encode("utf-8"))
        return result

    @staticmethod
    def _images(gen: Generation, payload: dict[str, Any]) -> tuple[list[tuple[tuple[Any, ...], str | None]], Any]:
        mime = _MIME.get(str(gen.params.get("output_format") or "").lower())
        if payload.get("error"):
            return [], ("bedrock.error", str(payload["error"])[:200])
        reasons = payload.get("finish_reasons") or []
        images = payload.get("images") or []
        keep = [i for i in range(len(images)) if i >= len(reasons) or reasons[i] is None]
        filtered = [r for r in reasons if r]
        if filtered:
            gen.params["finish_reasons"] = ", ".join(str(r) for r in reasons)  # records keep scalars only
        if images and not keep:
            kind = "content_filtered" if any(str(r).lower().startswith("filter") for r in filtered) else "bedrock.error"
            return [], (kind, str(filtered[0])[:200])
        if not images and filtered:
            return [], ("content_filtered", str(filtered[0])[:200])
        if payload.get("seeds"):
            gen.params["seeds"] = ", ".join(str(seed) for seed in payload["seeds"])
        return [(("images", i), mime) for i in keep], None

    @staticmethod
    def _sdxl_images(gen: Generation, payload: dict[str, Any]) -> tuple[list[tuple[tuple[Any, ...], str | None]], Any]:
        artifacts = payload.get("artifacts") or []
        ok = (None, "SUCCESS")
        keep = [i for i, a in enumerate(artifacts) if isinstance(a, dict) and a.get("finishReason") in ok]
        reasons = [a.get("finishReason") for a in artifacts if isinstance(a, dict)]
        if artifacts and not keep:
            gen.params["finish_reasons"] = ", ".join(str(r) for r in reasons)
            kind = "content_filtered" if "CONTENT_FILTERED" in reasons else "bedrock.error"
            return [], (kind, str(reasons[0]))
        if payload.get("result") not in (None, "success"):
            return [], ("bedrock.error", str(payload["result"])[:200])
        return [(("artifacts", i, "base64"), "image/png") for i in keep], None

    @staticmethod
    def _slot(payload: dict[str, Any], path: tuple[Any, ...], mime: str | None, changed: list[bool]) -> ReturnedImage:
        holder: Any = payload
        for key in path[:-1]:
            holder = holder[key]
        last = path[-1]

        def replace(data: bytes) -> None:
            holder[last] = base64.b64encode(data).decode("ascii")
            changed.append(True)

        return ReturnedImage(data=base64.b64decode(holder[last]), mime_type=mime, replace=replace)


def _call_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
    operation = args[0] if args else kwargs.get("operation_name")
    params = args[1] if len(args) > 1 else kwargs.get("api_params")
    return operation, params


def _streaming_body(raw: bytes) -> Any:
    from botocore.response import StreamingBody

    return StreamingBody(io.BytesIO(raw), len(raw))


def instrument(auditor: Auditor, patches: Patches) -> list[str]:
    if find_spec("botocore") is None:
        return []
    from botocore.client import BaseClient

    wrapper: Callable[..., Any] = sync_wrapper(auditor, InvokeModelTranslator())
    if patches.wrap(BaseClient, "_make_api_call", wrapper):
        return ["botocore.client.BaseClient._make_api_call"]
    return []
