"""An OpenAI-compatible images endpoint on loopback: the offline demo's provider and the tests' fake.

Speaks the wire format the real `openai` client uses: JSON for /images/generations, multipart for
/images/edits and /images/variations, SSE for streamed images, /responses with the image_generation
tool (streamed or not), and the Azure deployment paths. Token usage follows the published per-image
token counts, so costs computed from it match the public price table.
"""

from __future__ import annotations

import base64
import json
import math
import time
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from .images import colour_for, solid_png
from .server import Handler, LoopbackServer, Recorded, Reply

# Output tokens per image (square, then portrait/landscape) for GPT Image models, by quality.
OUTPUT_TOKENS = {
    "low": (272, 408),
    "medium": (1056, 1584),
    "high": (4160, 6240),
}
SPLIT_OUTPUT_MODELS = ("gpt-image-1.5", "gpt-image-2", "chatgpt-image")  # report image/text output split


def _is_gpt_image(model: str) -> bool:
    return model.startswith(("gpt-image", "chatgpt-image"))


def usage_for(
    model: str, prompt: str, n: int, quality: str | None, size: str | None, image_inputs: int = 0
) -> dict:
    text_tokens = math.ceil(len(prompt) / 4)
    image_tokens = 323 * image_inputs
    q = quality if quality in OUTPUT_TOKENS else "high"
    square = size in (None, "auto", "1024x1024")
    out = OUTPUT_TOKENS[q][0 if square else 1] * n
    usage: dict[str, Any] = {
        "input_tokens": text_tokens + image_tokens,
        "input_tokens_details": {"text_tokens": text_tokens, "image_tokens": image_tokens},
        "output_tokens": out,
        "total_tokens": text_tokens + image_tokens + out,
    }
    if model.startswith(SPLIT_OUTPUT_MODELS):
        usage["output_tokens_details"] = {"image_tokens": out, "text_tokens": 0}
    return usage


def _sse(payload: dict) -> bytes:
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


class OpenAIHandler(Handler):
    def route(self, rec: Recorded) -> Reply:
        path = rec.route
        if rec.method == "GET" and "/files/" in path:
            return self._file(path)
        if rec.method != "POST":
            return super().route(rec)
        if path.endswith("/images/generations"):
            return self._images(rec, rec.json(), "image_generation", image_inputs=0)
        if path.endswith("/images/edits"):
            fields, files = _multipart(rec)
            return self._images(rec, fields, "image_edit", image_inputs=len(files))
        if path.endswith("/images/variations"):
            fields, files = _multipart(rec)
            return self._images(rec, fields, "image_variation", image_inputs=len(files))
        if path.endswith("/responses"):
            return self._responses(rec.json())
        return super().route(rec)

    # ------------------------------------------------------------------ images
    def _model(self, body: dict) -> str:
        model = body.get("model")
        if not model and "/deployments/" in self.path:
            model = self.path.split("/deployments/", 1)[1].split("/", 1)[0]
        return str(model or "gpt-image-2")

    def _images(self, rec: Recorded, body: dict, kind: str, image_inputs: int) -> Reply:
        model = self._model(body)
        prompt = str(body.get("prompt") or "")
        n = int(body.get("n") or 1)
        size = body.get("size")
        quality = body.get("quality")
        png = solid_png(8, 8, colour_for(prompt + model))
        as_url = body.get("response_format") == "url" or (
            body.get("response_format") is None and model.startswith("dall-e")
        )
        data: list[dict[str, Any]] = []
        for i in range(n):
            item: dict[str, Any] = {}
            if as_url:
                name = f"{abs(hash((prompt, i)))}.png"
                self.server.state.setdefault("files", {})[name] = png
                item["url"] = f"{self.server.url}/files/{name}"
            else:
                item["b64_json"] = base64.b64encode(png).decode()
            if model == "dall-e-3":
                item["revised_prompt"] = f"A detailed rendering: {prompt}"
            data.append(item)
        stream = str(body.get("stream")).lower() == "true"
        if stream and _is_gpt_image(model):
            return self._image_stream(kind, model, prompt, n, size, quality, body, png, image_inputs)
        payload: dict[str, Any] = {"created": int(time.time()), "data": data}
        if _is_gpt_image(model):
            payload["usage"] = usage_for(model, prompt, n, quality, size, image_inputs)
            payload["output_format"] = body.get("output_format") or "png"
            payload["quality"] = quality if quality in OUTPUT_TOKENS else "high"
            payload["size"] = size if size not in (None, "auto") else "1024x1024"
        return Reply.of_json(payload)

    def _image_stream(
        self,
        kind: str,
        model: str,
        prompt: str,
        n: int,
        size: Any,
        quality: Any,
        body: dict,
        png: bytes,
        inputs: int,
    ) -> Reply:
        partials = int(body.get("partial_images") or 0)
        b64 = base64.b64encode(png).decode()
        common = {
            "background": "opaque",
            "output_format": "png",
            "quality": quality or "high",
            "size": size or "1024x1024",
        }
        events = []
        for i in range(partials):
            events.append(
                _sse(
                    {
                        "type": f"{kind}.partial_image",
                        "b64_json": b64,
                        "partial_image_index": i,
                        "created_at": 1,
                        **common,
                    }
                )
            )
        prefix = "image_edit" if kind == "image_edit" else "image_generation"
        for _ in range(n):
            events.append(
                _sse(
                    {
                        "type": f"{prefix}.completed",
                        "b64_json": b64,
                        "created_at": 1,
                        "usage": usage_for(model, prompt, 1, quality, size, inputs),
                        **common,
                    }
                )
            )
        events.append(b"data: [DONE]\n\n")
        return Reply(events=events)

    def _file(self, path: str) -> Reply:
        name = path.rsplit("/", 1)[-1]
        data = self.server.state.get("files", {}).get(name)
        if data is None:
            return Reply.of_json({"error": {"message": "no such file"}}, 404)
        return Reply(200, data, "image/png")

    # ------------------------------------------------------------------ responses
    def _responses(self, body: dict) -> Reply:
        tools = [t for t in body.get("tools") or [] if t.get("type") == "image_generation"]
        text_model = body.get("model") or "gpt-5"
        prompt = _input_text(body.get("input"))
        tool = tools[0] if tools else {}
        image_model = tool.get("model") or "gpt-image-2"
        png = solid_png(8, 8, colour_for(prompt + image_model))
        b64 = base64.b64encode(png).decode()
        call = {
            "id": "ig_1",
            "type": "image_generation_call",
            "status": "completed",
            "result": b64,
            "revised_prompt": f"Revised: {prompt}",
            "output_format": tool.get("output_format") or "png",
            "quality": tool.get("quality") or "high",
            "size": tool.get("size") or "1024x1024",
            "background": "opaque",
        }
        message = {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "status": "completed",
            "content": [{"type": "output_text", "text": "Here is your image.", "annotations": []}],
        }
        output = [call, message] if tools else [message]
        response = {
            "id": "resp_1",
            "object": "response",
            "created_at": int(time.time()),
            "status": "completed",
            "model": text_model,
            "output": output,
            "parallel_tool_calls": True,
            "tool_choice": "auto",
            "tools": body.get("tools") or [],
            "usage": {
                "input_tokens": 20,
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens": 10,
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": 30,
            },
        }
        if tools:
            response["tool_usage"] = {
                "image_gen": usage_for(image_model, prompt, 1, tool.get("quality"), tool.get("size"))
            }
        if not body.get("stream"):
            return Reply.of_json(response)
        seq = iter(range(1000))
        in_progress = {**call, "status": "in_progress", "result": None}
        events = [
            _sse(
                {
                    "type": "response.created",
                    "sequence_number": next(seq),
                    "response": {**response, "status": "in_progress", "output": []},
                }
            ),
            _sse(
                {
                    "type": "response.output_item.added",
                    "sequence_number": next(seq),
                    "output_index": 0,
                    "item": in_progress,
                }
            ),
            _sse(
                {
                    "type": "response.image_generation_call.in_progress",
                    "sequence_number": next(seq),
                    "output_index": 0,
                    "item_id": "ig_1",
                }
            ),
            _sse(
                {
                    "type": "response.image_generation_call.generating",
                    "sequence_number": next(seq),
                    "output_index": 0,
                    "item_id": "ig_1",
                }
            ),
        ]
        for i in range(int(tool.get("partial_images") or 0)):
            events.append(
                _sse(
                    {
                        "type": "response.image_generation_call.partial_image",
                        "sequence_number": next(seq),
                        "output_index": 0,
                        "item_id": "ig_1",
                        "partial_image_index": i,
                        "partial_image_b64": b64,
                    }
                )
            )
        events += [
            _sse(
                {
                    "type": "response.image_generation_call.completed",
                    "sequence_number": next(seq),
                    "output_index": 0,
                    "item_id": "ig_1",
                }
            ),
            _sse(
                {
                    "type": "response.output_item.done",
                    "sequence_number": next(seq),
                    "output_index": 0,
                    "item": call,
                }
            ),
            _sse({"type": "response.completed", "sequence_number": next(seq), "response": response}),
        ]
        return Reply(events=events)


def _input_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    texts = []
    for item in value or []:
        content = item.get("content") if isinstance(item, dict) else None
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):
            texts += [
                p.get("text", "")
                for p in content
                if isinstance(p, dict) and p.get("type") in ("input_text", "text")
            ]
    return texts[-1] if texts else ""


def _multipart(rec: Recorded) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """Form fields and files of a multipart/form-data body (edits and variations)."""
    head = f"Content-Type: {rec.headers.get('content-type', '')}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + rec.body)
    fields: dict[str, Any] = {}
    files: list[tuple[str, bytes]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename() is not None:
            files.append((str(name), payload))
        else:
            fields[str(name)] = payload.decode("utf-8")
    return fields, files


def multipart_fields(rec: Recorded) -> dict[str, Any]:
    return _multipart(rec)[0]


def start_openai_server(host: str = "127.0.0.1", port: int = 0) -> LoopbackServer:
    return LoopbackServer(OpenAIHandler, host, port).start()
