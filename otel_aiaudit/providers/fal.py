"""fal-client: `run`, `subscribe`, `submit` and their async twins (`run_async`, `subscribe_async`,
`submit_async`), for image endpoints.

We patch the `SyncClient` / `AsyncClient` methods and re-bind the module-level functions
(`fal_client.run` and friends are methods bound to a default client at import, so a class patch alone
misses them); uninstrument puts the original bound methods back. `subscribe` calls `submit` and then
`handle.get()`: those pass through inside it, so one subscribe is one audit.

`submit` returns a request handle; the generation is the submit call (policy runs before the POST and
the span opens there), and the result arrives later through the handle. The audit is kept by
request id and closes when `handle.get()` (also reached by `fal_client.result(...)`) returns the
result, with its images, or raises; `handle.cancel()` closes it as `canceled` at no cost. A result
that is never fetched leaves the audit open; beyond the pending limit the oldest is closed as
`result_not_observed`, charging the estimate.

Which calls are image generations: endpoints with a fal price-table row, else inputs that look like an
image endpoint's (image_size, num_images, aspect_ratio, negative_prompt, ...), for endpoint ids that
do not name video, audio, speech or language models. Other endpoints pass through untouched.

Images: `images: [{url, width, height, content_type}]` (or a single `image`). https URLs are recorded
as URL-only images (never fetched), with their width and height for megapixel pricing; data: URIs
(`sync_mode`) are decoded locally and signed bytes are written back as a new data: URI.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..auditor import Audit, Auditor, ReturnedImage
from ..generation import Generation
from .base import Patches, PendingAudits, acall_under, audited, call_under, server_of
from .replicate import decode_data_url, encode_data_url

PROVIDER = "fal"
PENDING = PendingAudits()

# fal's image_size presets.
_PRESETS = {
    "square_hd": (1024, 1024),
    "square": (512, 512),
    "portrait_4_3": (768, 1024),
    "portrait_16_9": (576, 1024),
    "landscape_4_3": (1024, 768),
    "landscape_16_9": (1024, 576),
}
_IMAGE_KEYS = frozenset(
    {
        "image_size",
        "num_images",
        "aspect_ratio",
        "negative_prompt",
        "guidance_scale",
        "num_inference_steps",
        "enable_safety_checker",
    }
)
_NOT_IMAGE_WORDS = ("video", "audio", "speech", "tts", "whisper", "music", "llm", "lipsync", "3d")
_IMAGE_FORMATS = frozenset({"png", "jpeg", "jpg", "webp"})


# ---------------------------------------------------------------------------- readers
def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str) -> Any:
    return args[index] if len(args) > index else kwargs.get(name)


def _endpoint(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    app = _arg(args, kwargs, 0, "application")
    if not isinstance(app, str):
        return None
    path = kwargs.get("path")
    return f"{app}/{path.strip('/')}" if isinstance(path, str) and path.strip("/") else app


def looks_like_image(endpoint: str | None, inputs: Any, priced: bool) -> bool:
    if priced:
        return True
    if not isinstance(inputs, dict) or not endpoint:
        return False
    if any(word in endpoint.lower() for word in _NOT_IMAGE_WORDS):
        return False
    if str(inputs.get("output_format", "")).lower() in _IMAGE_FORMATS:
        return True
    return bool(set(inputs) & _IMAGE_KEYS)


def _size(value: Any) -> str | None:
    if isinstance(value, str) and value in _PRESETS:
        return "{}x{}".format(*_PRESETS[value])
    if isinstance(value, dict) and isinstance(value.get("width"), int) and isinstance(value.get("height"), int):
        return f"{value['width']}x{value['height']}"
    return None


def _fill_from_input(gen: Generation, inputs: dict[str, Any]) -> None:
    prompt = inputs.get("prompt")
    gen.prompt = prompt if isinstance(prompt, str) else None
    negative = inputs.get("negative_prompt")
    gen.negative_prompt = negative if isinstance(negative, str) else None
    count = inputs.get("num_images")
    gen.n = int(count) if isinstance(count, int) and count > 0 else 1
    gen.seed = inputs.get("seed") if isinstance(inputs.get("seed"), int) else None
    gen.aspect_ratio = inputs.get("aspect_ratio") if isinstance(inputs.get("aspect_ratio"), str) else None
    gen.size = _size(inputs.get("image_size"))
    if isinstance(inputs.get("image_size"), str):
        gen.params["image_size"] = inputs["image_size"]
    for name in ("num_inference_steps", "guidance_scale", "output_format", "enable_safety_checker", "sync_mode"):
        value = inputs.get(name)
        if isinstance(value, (str, int, float, bool)):
            gen.params[name] = value
    if any(k in inputs for k in ("image_url", "image_urls", "mask_url")):
        gen.operation = "upscale" if "upscale" in str(gen.model or "").lower() else "edit"


def _image_slot(item: Any) -> ReturnedImage | None:
    if not isinstance(item, dict) or not isinstance(item.get("url"), str):
        return None
    url = item["url"]
    width = item.get("width") if isinstance(item.get("width"), int) else None
    height = item.get("height") if isinstance(item.get("height"), int) else None
    mime = item.get("content_type") if isinstance(item.get("content_type"), str) else None
    decoded = decode_data_url(url)
    if decoded is not None:
        data, data_mime = decoded
        mime = mime or data_mime

        def replace(new: bytes) -> None:
            item["url"] = encode_data_url(new, mime)
            item.pop("file_size", None)

        return ReturnedImage(data=data, mime_type=mime, replace=replace, width=width, height=height)
    return ReturnedImage(url=url, mime_type=mime, width=width, height=height)


def read_result(audit: Audit, result: Any) -> None:
    """Close the audit from an endpoint's result JSON."""
    gen = audit.gen
    images: list[ReturnedImage] = []
    if isinstance(result, dict):
        items = result.get("images")
        if not isinstance(items, list):
            items = [result["image"]] if isinstance(result.get("image"), dict) else []
        images = [slot for slot in (_image_slot(i) for i in items) if slot is not None]
        flagged = result.get("has_nsfw_concepts")
        if isinstance(flagged, list) and any(flagged):
            gen.params["nsfw_flagged"] = sum(1 for f in flagged if f)
        returned = result.get("prompt")
        if isinstance(returned, str) and returned and returned != gen.sent_prompt:
            gen.revised_prompt = returned
        if isinstance(result.get("seed"), int):
            gen.params["response_seed"] = result["seed"]
    audit.succeed(images)


# ---------------------------------------------------------------------------- translator
class FalTranslator:
    """`run` / `subscribe` / `submit` (`application, arguments` first, the rest keyword-only)."""

    def __init__(self, auditor: Auditor, method: str, is_async: bool) -> None:
        self.auditor = auditor
        self.method = method
        self.where = f"fal.{method}{'_async' if is_async else ''}"

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation | None:
        endpoint = _endpoint(args, kwargs)
        inputs = _arg(args, kwargs, 1, "arguments")
        if not looks_like_image(endpoint, inputs, self.auditor.prices.lookup(PROVIDER, endpoint) is not None):
            return None
        from fal_client import client as fal_module

        base = fal_module.RUN_URL_FORMAT if self.method == "run" else fal_module.QUEUE_URL_FORMAT
        host, port = server_of(base)
        gen = Generation(provider=PROVIDER, model=endpoint, server_address=host, server_port=port)
        _fill_from_input(gen, inputs if isinstance(inputs, dict) else {})
        if self.method != "run":
            gen.params["queue"] = self.method
        return gen

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple, dict]:
        inputs = _arg(args, kwargs, 1, "arguments")
        if not isinstance(inputs, dict) or "prompt" not in inputs:
            raise ValueError("no prompt in the arguments to rewrite")
        new = {**inputs, "prompt": prompt}
        if len(args) > 1:
            return (args[0], new, *args[2:]), kwargs
        return args, {**kwargs, "arguments": new}

    def result(self, audit: Audit, result: Any) -> Any:
        if self.method == "submit":
            request_id = getattr(result, "request_id", None)
            audit.gen.response_id = request_id
            PENDING.add(str(request_id), audit)  # closed by handle.get() / cancel()
            return result
        read_result(audit, result)
        return result


# ---------------------------------------------------------------------------- handle hooks
def _get_wrapper(auditor: Auditor, is_async: bool) -> Callable[..., Any]:
    """`handle.get()`: the result of a submitted request; closes its pending audit."""

    def pending(instance: Any) -> Audit | None:
        if not auditor.active or not len(PENDING):
            return None
        return PENDING.pop(getattr(instance, "request_id", None))

    if is_async:

        async def aget(wrapped: Callable[..., Any], instance: Any, args: tuple, kwargs: dict) -> Any:
            audit = pending(instance)
            if audit is None:
                return await wrapped(*args, **kwargs)
            result = await acall_under(audit, wrapped, args, kwargs)
            _read_guarded(audit, result)
            await audit.completed()
            audit.check()
            return result

        return aget

    def get(wrapped: Callable[..., Any], instance: Any, args: tuple, kwargs: dict) -> Any:
        audit = pending(instance)
        if audit is None:
            return wrapped(*args, **kwargs)
        result = call_under(audit, wrapped, args, kwargs)
        _read_guarded(audit, result)
        audit.check()
        return result

    return get


def _read_guarded(audit: Audit, result: Any) -> None:
    from ..auditor import log_internal_error

    try:
        read_result(audit, result)
    except Exception as exc:
        log_internal_error("fal result", exc)
        audit.succeed(())


def _cancel_wrapper(auditor: Auditor, is_async: bool) -> Callable[..., Any]:
    def close(instance: Any) -> Audit | None:
        audit = PENDING.pop(getattr(instance, "request_id", None)) if auditor.active and len(PENDING) else None
        if audit is not None:
            audit.fail(None, "canceled")
        return audit

    if is_async:

        async def acancel(wrapped: Callable[..., Any], instance: Any, args: tuple, kwargs: dict) -> Any:
            result = await wrapped(*args, **kwargs)
            audit = close(instance)
            if audit is not None:
                await audit.completed()
            return result

        return acancel

    def cancel(wrapped: Callable[..., Any], instance: Any, args: tuple, kwargs: dict) -> Any:
        result = wrapped(*args, **kwargs)
        close(instance)
        return result

    return cancel


# ---------------------------------------------------------------------------- patching
_MODULE_FUNCTIONS = {
    "sync_client": (("run", "run"), ("subscribe", "subscribe"), ("submit", "submit")),
    "async_client": (("run_async", "run"), ("subscribe_async", "subscribe"), ("submit_async", "submit")),
}


def instrument(auditor: Auditor, patches: Patches) -> list[str]:
    """Patch what the installed fal-client has; returns the names patched."""
    try:
        import fal_client
        from fal_client import client as client_mod
    except ImportError:
        return []
    patches.on_restore(PENDING.close_all)  # results never fetched are recorded at uninstrument
    done: list[str] = []
    for cls_name, is_async in (("SyncClient", False), ("AsyncClient", True)):
        cls = getattr(client_mod, cls_name, None)
        if cls is None:
            continue
        for method in ("run", "subscribe", "submit"):
            if not hasattr(cls, method):
                continue
            translator = FalTranslator(auditor, method, is_async)
            wrapper = audited(auditor, translator, is_async)
            if patches.wrap(cls, method, wrapper):
                done.append(f"fal_client.{cls_name}.{method}")
    for cls_name, is_async in (("SyncRequestHandle", False), ("AsyncRequestHandle", True)):
        cls = getattr(client_mod, cls_name, None)
        if cls is None:
            continue
        if hasattr(cls, "get") and patches.wrap(cls, "get", _get_wrapper(auditor, is_async)):
            done.append(f"fal_client.{cls_name}.get")
        if hasattr(cls, "cancel") and patches.wrap(cls, "cancel", _cancel_wrapper(auditor, is_async)):
            done.append(f"fal_client.{cls_name}.cancel")
    # Module-level functions are bound to the default clients at import: re-bind them to the
    # (now wrapped) methods of the same clients.
    for client_name, names in _MODULE_FUNCTIONS.items():
        default = getattr(fal_client, client_name, None)
        if default is None:
            continue
        for module_name, method in names:
            if hasattr(fal_client, module_name) and hasattr(default, method):
                patches.replace(fal_client, module_name, getattr(default, method))
                done.append(f"fal_client.{module_name}")
    return done
