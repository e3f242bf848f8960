"""OpenAI and Azure OpenAI: Images (generate, edit, create_variation; streamed or not; raw responses)
and the Responses API `image_generation` tool (create and parse, streamed or not).

We patch the resource classes, so every client instance (OpenAI, AsyncOpenAI, AzureOpenAI,
AsyncAzureOpenAI) is covered, including `with_raw_response` wrappers created while instrumented.
"""

from __future__ import annotations

import base64
from typing import Any

from ..auditor import Audit, Auditor, ReturnedImage
from ..generation import Generation, Usage
from .base import AsyncStreamProxy, Patches, StreamProxy, audited, kwarg, server_of

RAW_HEADER = "X-Stainless-Raw-Response"


# ---------------------------------------------------------------------------- shared readers
def _client_of(instance: Any) -> Any:
    return getattr(instance, "_client", None)


_PROVIDER_BY_TYPE: dict[type, str] = {}


def _provider_of(client: Any) -> str:
    # Azure clients subclass the plain ones; the class name is the stable marker across SDK versions.
    cls = type(client)
    provider = _PROVIDER_BY_TYPE.get(cls)
    if provider is None:
        names = {c.__name__ for c in cls.__mro__}
        azure = names & {"AzureOpenAI", "AsyncAzureOpenAI", "BaseAzureClient"}
        provider = _PROVIDER_BY_TYPE[cls] = "azure.ai.openai" if azure else "openai"
    return provider


def _server_of(client: Any) -> tuple[str | None, int | None]:
    return server_of(getattr(client, "base_url", None))


def _base_generation(instance: Any, kwargs: dict[str, Any], operation: str, model: Any) -> Generation:
    client = _client_of(instance)
    provider = _provider_of(client) if client is not None else "openai"
    if model is None and provider == "azure.ai.openai":
        model = getattr(client, "_azure_deployment", None)
    host, port = _server_of(client) if client is not None else (None, None)
    return Generation(
        provider=provider,
        operation=operation,  # type: ignore[arg-type]
        model=str(model) if model is not None else None,
        server_address=host,
        server_port=port,
    )


def _usage_from(raw: Any) -> Usage:
    usage = Usage()
    if raw is None:
        return usage
    usage.input_tokens = getattr(raw, "input_tokens", None)
    usage.output_tokens = getattr(raw, "output_tokens", None)
    details = getattr(raw, "input_tokens_details", None)
    if details is not None:
        usage.input_text_tokens = getattr(details, "text_tokens", None)
        usage.input_image_tokens = getattr(details, "image_tokens", None)
    cached = getattr(raw, "cached_tokens", None)
    if cached is not None:
        usage.cached_input_tokens = cached
    out = getattr(raw, "output_tokens_details", None)
    if out is not None:
        usage.output_image_tokens = getattr(out, "image_tokens", None)
        usage.output_text_tokens = getattr(out, "text_tokens", None)
    return usage


def _mime_for(output_format: Any) -> str | None:
    return {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif"}.get(
        str(output_format) if output_format else "", None
    )


def _b64_slot(holder: Any, field: str, mime: str | None) -> ReturnedImage | None:
    """An image carried as base64 in `holder.field`; writing signed bytes back re-encodes it."""
    value = getattr(holder, field, None)
    if not value:
        return None

    def replace(data: bytes) -> None:
        setattr(holder, field, base64.b64encode(data).decode("ascii"))

    return ReturnedImage(data=base64.b64decode(value), mime_type=mime, replace=replace)


def _parse_raw(result: Any) -> Any:
    """Raw / streaming-response wrappers: parse() caches, so the user's own parse() still works."""
    if type(result).__name__ in ("LegacyAPIResponse", "APIResponse"):
        return result.parse()
    return result  # AsyncAPIResponse parses asynchronously: read nothing rather than consume it


_STREAM_TYPES: dict[type, bool] = {}


def _is_stream(result: Any) -> bool:
    cls = type(result)
    known = _STREAM_TYPES.get(cls)
    if known is None:
        known = _STREAM_TYPES[cls] = bool({c.__name__ for c in cls.__mro__} & {"Stream", "AsyncStream"})
    return known


# ---------------------------------------------------------------------------- images API
# Error codes the OpenAI API uses when its own safety system refuses an image request.
_REFUSAL_CODES = ("moderation_blocked", "content_policy_violation")


def content_refusal(exc: BaseException) -> str | None:
    """`code: message` of an OpenAI content refusal (an API error whose code is a refusal code)."""
    code = getattr(exc, "code", None)
    if code not in _REFUSAL_CODES:
        return None
    body = getattr(exc, "body", None)  # the API's error object: its message, without the status prefix
    message = str((body.get("message") if isinstance(body, dict) else None) or getattr(exc, "message", "") or "")
    return f"{code}: {message}"[:300] if message else str(code)


class ImagesTranslator:
    def __init__(self, operation: str, is_async: bool) -> None:
        self.operation = operation
        self.is_async = is_async
        self.where = f"openai.images.{operation}"

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation:
        gen = _base_generation(instance, kwargs, self.operation, kwarg(kwargs, "model"))
        gen.prompt = kwarg(kwargs, "prompt")
        gen.n = int(kwarg(kwargs, "n") or 1)
        gen.size = kwarg(kwargs, "size")
        gen.quality = kwarg(kwargs, "quality")
        gen.style = kwarg(kwargs, "style")
        for name in (
            "response_format",
            "background",
            "output_format",
            "moderation",
            "partial_images",
            "stream",
        ):
            value = kwarg(kwargs, name)
            if value is not None:
                gen.params[name] = value
        headers = kwarg(kwargs, "extra_headers") or {}
        if headers.get(RAW_HEADER):
            gen.params["raw_response"] = headers[RAW_HEADER]
        return gen

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple[Any, ...], dict]:
        return args, {**kwargs, "prompt": prompt}

    @staticmethod
    def refusal(exc: BaseException) -> str | None:
        return content_refusal(exc)

    def result(self, audit: Audit, result: Any) -> Any:
        if _is_stream(result):
            observer = ImageStreamObserver(audit)
            proxy = AsyncStreamProxy if self.is_async else StreamProxy
            return proxy(result, observer, self.where)
        parsed = _parse_raw(result)
        if _is_stream(parsed):  # raw response of a streamed call: nothing to read without consuming it
            audit.succeed(())
            return result
        mime = _mime_for(getattr(parsed, "output_format", None) or audit.gen.params.get("output_format"))
        images: list[ReturnedImage] = []
        for item in getattr(parsed, "data", None) or []:
            slot = _b64_slot(item, "b64_json", mime)
            if slot is None and getattr(item, "url", None):
                slot = ReturnedImage(url=item.url, mime_type=mime)
            if slot is not None:
                images.append(slot)
            if audit.gen.revised_prompt is None and getattr(item, "revised_prompt", None):
                audit.gen.revised_prompt = item.revised_prompt
        audit.gen.usage = _usage_from(getattr(parsed, "usage", None))
        audit.gen.response_id = str(parsed.created) if getattr(parsed, "created", None) else None
        if getattr(parsed, "size", None) and audit.gen.size in (None, "auto"):
            audit.gen.params["response_size"] = parsed.size
        if getattr(parsed, "quality", None):
            audit.gen.params["response_quality"] = parsed.quality
        audit.succeed(images)
        return result


class ImageStreamObserver:
    """`image_generation.*` / `image_edit.*` events: partial images, then one completed event."""

    def __init__(self, audit: Audit) -> None:
        self.audit = audit
        self.partials = 0
        self.images: list[ReturnedImage] = []
        self.completed = 0

    def on_event(self, event: Any) -> None:
        kind = getattr(event, "type", "") or ""
        if kind.endswith(".partial_image"):
            self.partials += 1
        elif kind.endswith(".completed"):
            self.completed += 1
            slot = _b64_slot(event, "b64_json", _mime_for(getattr(event, "output_format", None)))
            if slot is not None:
                self.images.append(slot)
                # Sign now, before the user sees the event: the proxy yields it right after this.
                self.audit.gen.usage = _usage_from(getattr(event, "usage", None))
                if self.completed >= self.audit.gen.n:
                    self._succeed()

    def _succeed(self) -> None:
        self.audit.gen.params["partial_images_received"] = self.partials
        self.audit.succeed(self.images)

    def on_end(self, error: BaseException | None) -> None:
        if error is not None:
            self.audit.fail(error)
        elif self.images:
            self._succeed()
        else:
            # Closed before any image arrived: the provider may still bill, so charge the estimate.
            self.audit.fail(None, "stream_incomplete", charge_estimate=True)


# ---------------------------------------------------------------------------- responses API
def _image_tool(kwargs: dict[str, Any]) -> dict[str, Any] | None:
    for tool in kwarg(kwargs, "tools") or []:
        if isinstance(tool, dict) and tool.get("type") == "image_generation":
            return tool
        if getattr(tool, "type", None) == "image_generation":
            return tool.model_dump() if hasattr(tool, "model_dump") else dict(vars(tool))
    return None


def _last_user_text(value: Any) -> tuple[str | None, Any]:
    """The prompt of a Responses `input`, and a path to write a replacement back."""
    if isinstance(value, str):
        return value, None
    if not isinstance(value, list):
        return None, None
    for index in range(len(value) - 1, -1, -1):
        item = value[index]
        if not isinstance(item, dict) or item.get("role", "user") != "user":
            continue
        content = item.get("content")
        if isinstance(content, str):
            return content, (index, None)
        if isinstance(content, list):
            for part_index in range(len(content) - 1, -1, -1):
                part = content[part_index]
                if isinstance(part, dict) and part.get("type") in ("input_text", "text"):
                    return part.get("text"), (index, part_index)
    return None, None


class ResponsesTranslator:
    def __init__(self, method: str, is_async: bool) -> None:
        self.is_async = is_async
        self.where = f"openai.responses.{method}"

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation | None:
        tool = _image_tool(kwargs)
        if tool is None:
            return None  # a text-only Responses call is not ours to audit
        gen = _base_generation(
            instance, kwargs, "edit" if tool.get("action") == "edit" else "generate", tool.get("model")
        )
        gen.prompt, _ = _last_user_text(kwarg(kwargs, "input"))
        gen.size = tool.get("size")
        gen.quality = tool.get("quality")
        gen.params["responses_model"] = str(kwarg(kwargs, "model") or "")
        for name in ("background", "output_format", "partial_images", "moderation"):
            if tool.get(name) is not None:
                gen.params[name] = tool[name]
        if kwarg(kwargs, "stream"):
            gen.params["stream"] = True
        return gen

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple[Any, ...], dict]:
        value = kwarg(kwargs, "input")
        _, path = _last_user_text(value)
        if isinstance(value, str):
            return args, {**kwargs, "input": prompt}
        if path is None:
            raise ValueError("no user text in the Responses input to rewrite")
        index, part_index = path
        new_input = [dict(item) if isinstance(item, dict) else item for item in value]
        message = new_input[index]
        if part_index is None:
            message["content"] = prompt
        else:
            parts = [dict(p) if isinstance(p, dict) else p for p in message["content"]]
            parts[part_index]["text"] = prompt
            message["content"] = parts
        return args, {**kwargs, "input": new_input}

    @staticmethod
    def refusal(exc: BaseException) -> str | None:
        return content_refusal(exc)

    def result(self, audit: Audit, result: Any) -> Any:
        if _is_stream(result):
            proxy = AsyncStreamProxy if self.is_async else StreamProxy
            return proxy(result, ResponsesStreamObserver(audit), self.where)
        parsed = _parse_raw(result)
        read_response(audit, parsed, {})
        return result


def read_response(audit: Audit, response: Any, signed: dict[str, tuple[str, str | None]]) -> None:
    """Images from a Response's `image_generation_call` items; usage from `tool_usage.image_gen`.

    `signed` maps item ids already signed while streaming to (base64, provenance status)."""
    gen = audit.gen
    images: list[ReturnedImage] = []
    calls = [
        item for item in getattr(response, "output", None) or [] if getattr(item, "type", "") == "image_generation_call"
    ]
    for item in calls:
        mime = _mime_for(getattr(item, "output_format", None))
        item_id = getattr(item, "id", None)
        if item_id in signed:
            b64, status = signed[item_id]
            item.result = b64  # the final response carries its own copy of the item
            images.append(ReturnedImage(data=base64.b64decode(b64), mime_type=mime, provenance=status))
        else:
            slot = _b64_slot(item, "result", mime)
            if slot is not None:
                images.append(slot)
        if gen.revised_prompt is None and getattr(item, "revised_prompt", None):
            gen.revised_prompt = item.revised_prompt
    gen.n = max(len(calls), 1)
    tool_usage = getattr(response, "tool_usage", None)
    gen.usage = _usage_from(getattr(tool_usage, "image_gen", None) if tool_usage is not None else None)
    gen.response_id = getattr(response, "id", None)
    audit.succeed(images)


class ResponsesStreamObserver:
    """Streamed Responses: sign each image at `response.output_item.done`, close at `response.completed`."""

    def __init__(self, audit: Audit) -> None:
        self.audit = audit
        self.signed: dict[str, tuple[str, str | None]] = {}
        self.partials = 0
        self.done = False

    def on_event(self, event: Any) -> None:
        kind = getattr(event, "type", "")
        if kind == "response.image_generation_call.partial_image":
            self.partials += 1
        elif kind == "response.output_item.done":
            item = getattr(event, "item", None)
            if getattr(item, "type", "") == "image_generation_call" and getattr(item, "result", None):
                slot = _b64_slot(item, "result", _mime_for(getattr(item, "output_format", None)))
                if slot is not None:
                    # Sign before the user sees this event; the final response reuses the signed copy.
                    self.audit.apply_provenance([slot])
                    self.signed[item.id] = (item.result, slot.provenance)
        elif kind in ("response.completed", "response.incomplete", "response.failed"):
            self.audit.gen.params["partial_images_received"] = self.partials
            if kind == "response.failed":
                self.audit.fail(None, "response.failed")
            else:
                read_response(self.audit, getattr(event, "response", None), self.signed)
            self.done = True

    def on_end(self, error: BaseException | None) -> None:
        if self.done:
            return
        if error is not None:
            self.audit.fail(error)
        else:
            self.audit.fail(None, "stream_incomplete", charge_estimate=True)


# ---------------------------------------------------------------------------- patching
def instrument(auditor: Auditor, patches: Patches) -> list[str]:
    """Patch what the installed openai has; returns the names patched."""
    try:
        from openai.resources import images as images_mod
    except ImportError:
        return []
    done: list[str] = []
    for cls_name, is_async in (("Images", False), ("AsyncImages", True)):
        cls = getattr(images_mod, cls_name, None)
        if cls is None:
            continue
        for method, operation in (
            ("generate", "generate"),
            ("edit", "edit"),
            ("create_variation", "variation"),
        ):
            if not hasattr(cls, method):
                continue
            translator = ImagesTranslator(operation, is_async)
            wrapper = audited(auditor, translator, is_async)
            if patches.wrap(cls, method, wrapper):
                done.append(f"openai.{cls_name}.{method}")
    try:
        from openai.resources.responses import responses as responses_mod
    except ImportError:
        return done
    for cls_name, is_async in (("Responses", False), ("AsyncResponses", True)):
        cls = getattr(responses_mod, cls_name, None)
        if cls is None:
            continue
        # `stream()` calls `create(stream=True)`; `parse()` posts by itself, so both are patched.
        for method in ("create", "parse"):
            if not hasattr(cls, method):
                continue
            translator = ResponsesTranslator(method, is_async)
            wrapper = audited(auditor, translator, is_async)
            if patches.wrap(cls, method, wrapper):
                done.append(f"openai.{cls_name}.{method}")
    return done
