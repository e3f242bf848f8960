"""google-genai: Gemini image output (`generate_content`, `generate_content_stream`) and Imagen
(`generate_images`, `edit_image`, `upscale_image`), sync and `client.aio`.

We patch `google.genai.models.Models` / `AsyncModels` at the method level, not the HTTP layer: the SDK
sends over httpx2, or aiohttp for async when it is installed, and one `generate_content` call can send
several requests (automatic function calling, continuation tokens) that are still one generation.
Chats call `Models.generate_content`, so they are covered too.

Only calls that ask for image output are audited: `response_modalities` naming IMAGE, an
`image_config`, or (when no modalities are given) a model id containing "image". Text-only calls pass
through untouched. The provider name is `gcp.vertex_ai` when the client runs in Vertex mode
(`vertexai=True`), else `gcp.gemini`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from ..auditor import Audit, Auditor, ReturnedImage
from ..generation import Generation, Usage
from .base import AsyncStreamProxy, Patches, StreamProxy, audited, kwarg, server_of

PROVIDER_GEMINI = "gcp.gemini"
PROVIDER_VERTEX = "gcp.vertex_ai"
# Text parts of one turn are joined with this for policy; a rewrite maps the pieces back part by part.
_SEP = "\n"
_DROP = object()  # a text part left empty by a rewrite is removed rather than sent as ""


# ---------------------------------------------------------------------------- small readers
def _get(obj: Any, name: str) -> Any:
    """A field of a pydantic config/type or of its dict form (snake_case, or the camelCase wire key)."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        if name in obj:
            return obj[name]
        head, *rest = name.split("_")
        return obj.get(head + "".join(w.title() for w in rest))
    return getattr(obj, name, None)


def _enum_text(value: Any) -> str:
    return str(getattr(value, "value", value)).upper()


def _model_id(model: Any) -> str | None:
    """`models/x`, `publishers/google/models/x` and full Vertex resource names all price as `x`."""
    if model is None:
        return None
    name = str(model)
    if "models/" in name and not name.startswith("tunedModels/"):
        name = name.rsplit("models/", 1)[-1]
    return name


def _base_generation(instance: Any, operation: str, model: Any) -> Generation:
    api = getattr(instance, "_api_client", None)
    vertex = bool(getattr(api, "vertexai", False))
    options = getattr(api, "_http_options", None)
    base_url = getattr(options, "base_url", None)
    host, port = server_of(base_url) if base_url else (None, None)
    return Generation(
        provider=PROVIDER_VERTEX if vertex else PROVIDER_GEMINI,
        operation=operation,  # type: ignore[arg-type]
        model=_model_id(model),
        server_address=host,
        server_port=port,
    )


def _put_params(gen: Generation, config: Any, names: tuple[str, ...]) -> None:
    for name in names:
        value = _get(config, name)
        if value is not None:
            gen.params[name] = value if isinstance(value, (str, int, float, bool)) else _enum_text(value)


# ---------------------------------------------------------------------------- contents <-> prompt
def _is_a(item: Any, name: str) -> bool:
    # By class name through the MRO: chats pass `UserContent`, a Content subclass.
    return any(cls.__name__ == name for cls in type(item).__mro__)


def _is_content(item: Any) -> bool:
    if isinstance(item, dict):
        return "parts" in item or "role" in item
    return _is_a(item, "Content") and hasattr(item, "parts")


def _role(item: Any) -> str | None:
    return _get(item, "role")


def _map_part(part: Any, fn: Callable[[int, str], Any], counter: Iterator[int]) -> Any:
    if isinstance(part, str):
        return fn(next(counter), part)
    if isinstance(part, dict):
        text = part.get("text")
        if isinstance(text, str) and not part.get("thought"):
            new = fn(next(counter), text)
            return _DROP if new is _DROP else {**part, "text": new}
        return part
    text = getattr(part, "text", None)
    if _is_a(part, "Part") and isinstance(text, str) and not getattr(part, "thought", None):
        new = fn(next(counter), text)
        return _DROP if new is _DROP else part.model_copy(update={"text": new})
    return part


def _map_parts(parts: Any, fn: Callable[[int, str], Any], counter: Iterator[int]) -> list[Any]:
    mapped = [_map_part(p, fn, counter) for p in parts or []]
    return [p for p in mapped if p is not _DROP]


def _map_content(content: Any, fn: Callable[[int, str], Any], counter: Iterator[int]) -> Any:
    parts = _map_parts(_get(content, "parts"), fn, counter)
    if isinstance(content, dict):
        return {**content, "parts": parts}
    return content.model_copy(update={"parts": parts})


def _map_turn(contents: Any, fn: Callable[[int, str], Any]) -> Any:
    """Apply `fn` to each text of the user's current turn; returns new contents (the input is not mutated).

    With a history (a list holding Content items), the turn is the last user Content: earlier turns
    were audited when they were sent. A bare list of strings/parts is one turn."""
    counter = itertools.count()
    if isinstance(contents, list):
        turns = [i for i, item in enumerate(contents) if _is_content(item) and _role(item) in (None, "user")]
        if not any(_is_content(item) for item in contents):
            return _map_parts(contents, fn, counter)
        if not turns:
            return contents
        new = list(contents)
        new[turns[-1]] = _map_content(contents[turns[-1]], fn, counter)
        return new
    if _is_content(contents):
        return _map_content(contents, fn, counter)
    mapped = _map_part(contents, fn, counter)
    return "" if mapped is _DROP else mapped


def _turn_texts(contents: Any) -> list[str]:
    texts: list[str] = []

    def collect(_i: int, text: str) -> str:
        texts.append(text)
        return text

    _map_turn(contents, collect)
    return texts


def _split_back(texts: list[str], prompt: str) -> list[Any]:
    """The modified prompt, cut back into the original text parts (redaction keeps the separators;
    truncation does not, then the first part carries the whole prompt and the others are dropped)."""
    counts = [t.count(_SEP) + 1 for t in texts]
    pieces = prompt.split(_SEP)
    if len(pieces) == sum(counts):
        out: list[Any] = []
        start = 0
        for count in counts:
            out.append(_SEP.join(pieces[start : start + count]))
            start += count
        return out
    return [prompt] + [_DROP] * (len(texts) - 1)


def _is_image_part(part: Any) -> bool:
    cls = type(part)
    if cls.__module__.startswith("PIL.") or cls.__name__ == "Image":
        return True
    for field in ("inline_data", "file_data"):
        blob = _get(part, field)
        mime = _get(blob, "mime_type") if blob is not None else None
        if mime and str(mime).startswith("image/"):
            return True
    return False


def _has_image_input(contents: Any) -> bool:
    items: list[Any]
    if isinstance(contents, list):
        users = [c for c in contents if _is_content(c) and _role(c) in (None, "user")]
        items = list(_get(users[-1], "parts") or []) if users else list(contents)
    elif _is_content(contents):
        items = list(_get(contents, "parts") or [])
    else:
        items = [contents]
    return any(_is_image_part(p) for p in items)


# ---------------------------------------------------------------------------- results
def _blob_slot(blob: Any) -> ReturnedImage:
    def replace(data: bytes) -> None:
        blob.data = data  # the SDK already decoded base64: the user reads these bytes

    return ReturnedImage(data=blob.data, mime_type=blob.mime_type, replace=replace)


# Finish reasons a candidate ends with when Gemini's safety system withheld its content.
_SAFETY_FINISH = {"SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "IMAGE_PROHIBITED_CONTENT"}


def safety_block(response: Any) -> str | None:
    """Gemini's own content refusal: the prompt's block reason, or every candidate stopped for safety
    with no image; None when the response carries an answer."""
    feedback = getattr(response, "prompt_feedback", None)
    blocked = getattr(feedback, "block_reason", None)
    if blocked:
        message = getattr(feedback, "block_reason_message", None)
        return f"prompt_blocked: {_enum_text(blocked)}" + (f": {message}" if message else "")
    candidates = getattr(response, "candidates", None) or []
    reasons = [_enum_text(getattr(c, "finish_reason", "") or "") for c in candidates]
    if candidates and all(r in _SAFETY_FINISH for r in reasons) and not _image_parts(response):
        return "finish_reason: " + ",".join(sorted(set(reasons)))
    return None


def _image_parts(response: Any) -> list[ReturnedImage]:
    slots: list[ReturnedImage] = []
    for candidate in getattr(response, "candidates", None) or []:
        content = getattr(candidate, "content", None)
        for part in getattr(content, "parts", None) or []:
            if getattr(part, "thought", None):
                continue  # interim "thinking" images are not the model's answer
            blob = getattr(part, "inline_data", None)
            if blob is not None and blob.data and str(blob.mime_type or "").startswith("image/"):
                slots.append(_blob_slot(blob))
    return slots


def _modality_sum(details: Any, modality: str) -> int | None:
    if not details:
        return None
    counts = [d.token_count or 0 for d in details if _enum_text(getattr(d, "modality", "")) == modality]
    return sum(counts) if counts else 0


def usage_from(meta: Any) -> Usage:
    """`usage_metadata`: prompt tokens (by modality), candidate tokens split IMAGE / TEXT, thinking tokens.

    Thinking tokens are billed as text output, so they count in output_tokens and output_text_tokens."""
    usage = Usage()
    if meta is None:
        return usage
    candidates = getattr(meta, "candidates_token_count", None)
    thoughts = getattr(meta, "thoughts_token_count", None) or 0
    usage.input_tokens = getattr(meta, "prompt_token_count", None)
    usage.cached_input_tokens = getattr(meta, "cached_content_token_count", None)
    prompt_details = getattr(meta, "prompt_tokens_details", None)
    usage.input_image_tokens = _modality_sum(prompt_details, "IMAGE")
    usage.input_text_tokens = _modality_sum(prompt_details, "TEXT")
    if candidates is None and not thoughts:
        return usage
    usage.output_tokens = (candidates or 0) + thoughts
    details = getattr(meta, "candidates_tokens_details", None)
    if details:
        usage.output_image_tokens = _modality_sum(details, "IMAGE")
        usage.output_text_tokens = (_modality_sum(details, "TEXT") or 0) + thoughts
    else:
        # No modality split reported: candidates of an image call are taken as image tokens.
        usage.output_image_tokens = candidates or 0
        usage.output_text_tokens = thoughts
    return usage


def _read_meta(gen: Generation, response: Any) -> None:
    if getattr(response, "model_version", None):
        gen.response_model = response.model_version
    if getattr(response, "response_id", None):
        gen.response_id = response.response_id
    meta = getattr(response, "usage_metadata", None)
    if meta is not None:
        gen.usage = usage_from(meta)
    reasons = [
        _enum_text(c.finish_reason)
        for c in getattr(response, "candidates", None) or []
        if getattr(c, "finish_reason", None) is not None
    ]
    if reasons:
        gen.params["finish_reasons"] = ",".join(reasons)
    feedback = getattr(response, "prompt_feedback", None)
    if feedback is not None and getattr(feedback, "block_reason", None):
        gen.params["prompt_block_reason"] = _enum_text(feedback.block_reason)


# ---------------------------------------------------------------------------- generate_content
class ContentTranslator:
    """`generate_content` and `generate_content_stream` (the stream is read by ContentStreamObserver)."""

    def __init__(self, method: str, is_async: bool) -> None:
        self.method = method
        self.is_async = is_async
        self.where = f"google_genai.{method}"

    @staticmethod
    def wants_image(model: str | None, config: Any) -> bool:
        modalities = _get(config, "response_modalities")
        if modalities:
            return any(_enum_text(m) == "IMAGE" for m in modalities)
        if _get(config, "image_config") is not None:
            return True
        return "image" in (model or "").lower()

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation | None:
        config = kwarg(kwargs, "config")
        model = _model_id(kwarg(kwargs, "model"))
        if not self.wants_image(model, config):
            return None
        contents = kwarg(kwargs, "contents")
        operation = "edit" if _has_image_input(contents) else "generate"
        gen = _base_generation(instance, operation, model)
        texts = _turn_texts(contents)
        gen.prompt = _SEP.join(texts) if texts else None
        gen.n = int(_get(config, "candidate_count") or 1)
        gen.seed = _get(config, "seed")
        image_config = _get(config, "image_config")
        gen.size = _get(image_config, "image_size")
        gen.aspect_ratio = _get(image_config, "aspect_ratio")
        modalities = _get(config, "response_modalities")
        if modalities:
            gen.params["response_modalities"] = ",".join(_enum_text(m) for m in modalities)
        _put_params(gen, image_config, ("person_generation", "output_mime_type"))
        if self.method.endswith("_stream"):
            gen.params["stream"] = True
        return gen

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple[Any, ...], dict]:
        contents = kwarg(kwargs, "contents")
        texts = _turn_texts(contents)
        if not texts:
            raise ValueError("no text part in contents to rewrite")
        pieces = _split_back(texts, prompt)
        return args, {**kwargs, "contents": _map_turn(contents, lambda i, _old: pieces[i])}

    def result(self, audit: Audit, result: Any) -> Any:
        if self.method.endswith("_stream"):
            proxy = AsyncStreamProxy if self.is_async else StreamProxy
            return proxy(result, ContentStreamObserver(audit), self.where)
        _read_meta(audit.gen, result)
        reason = safety_block(result)
        if reason is not None:
            audit.refused(reason)
        else:
            audit.succeed(_image_parts(result))
        return result


class ContentStreamObserver:
    """Stream chunks: image parts may come early, finish reason and usage in the last chunk. Each image
    is signed when its chunk passes, before the user sees it."""

    def __init__(self, audit: Audit) -> None:
        self.audit = audit
        self.images: list[ReturnedImage] = []
        self.finished = False
        self.saw_usage = False

    def on_event(self, chunk: Any) -> None:
        slots = _image_parts(chunk)
        if slots:
            self.audit.apply_provenance(slots)
            self.images += slots
        if getattr(chunk, "usage_metadata", None) is not None:
            self.saw_usage = True
        if any(getattr(c, "finish_reason", None) is not None for c in getattr(chunk, "candidates", None) or []):
            self.finished = True
        _read_meta(self.audit.gen, chunk)

    def on_end(self, error: BaseException | None) -> None:
        if error is not None:
            self.audit.fail(error)
        elif self.finished or self.saw_usage or self.images:
            self.audit.succeed(self.images)
        else:
            # Closed before the model finished: it may still bill the call, so charge the estimate.
            self.audit.fail(None, "stream_incomplete", charge_estimate=True)


# ---------------------------------------------------------------------------- Imagen
_IMAGEN_PARAMS = (
    "guidance_scale",
    "safety_filter_level",
    "person_generation",
    "output_mime_type",
    "enhance_prompt",
    "add_watermark",
    "language",
    "edit_mode",
    "base_steps",
    "output_gcs_uri",
)


class ImagenTranslator:
    """`generate_images` / `edit_image` / `upscale_image`: `:predict` on Vertex; bytes come back decoded."""

    def __init__(self, method: str, operation: str) -> None:
        self.operation = operation
        self.where = f"google_genai.{method}"

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation:
        config = kwarg(kwargs, "config")
        gen = _base_generation(instance, self.operation, kwarg(kwargs, "model"))
        gen.prompt = kwarg(kwargs, "prompt")
        gen.negative_prompt = _get(config, "negative_prompt")
        gen.n = int(_get(config, "number_of_images") or 1)
        gen.seed = _get(config, "seed")
        gen.size = _get(config, "image_size")
        gen.aspect_ratio = _get(config, "aspect_ratio")
        _put_params(gen, config, _IMAGEN_PARAMS)
        if self.operation == "edit":
            gen.params["reference_images"] = len(kwarg(kwargs, "reference_images") or [])
        if self.operation == "upscale":
            gen.params["upscale_factor"] = kwarg(kwargs, "upscale_factor")
        return gen

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple[Any, ...], dict]:
        if kwarg(kwargs, "prompt") is None:
            raise ValueError("this call has no prompt to rewrite")
        return args, {**kwargs, "prompt": prompt}

    def result(self, audit: Audit, result: Any) -> Any:
        gen = audit.gen
        images: list[ReturnedImage] = []
        filtered = 0
        for generated in getattr(result, "generated_images", None) or []:
            image = getattr(generated, "image", None)
            if image is not None and image.image_bytes:

                def replace(data: bytes, image: Any = image) -> None:
                    image.image_bytes = data

                images.append(ReturnedImage(data=image.image_bytes, mime_type=image.mime_type, replace=replace))
            elif image is not None and getattr(image, "gcs_uri", None):
                images.append(ReturnedImage(url=image.gcs_uri, mime_type=image.mime_type))
            if getattr(generated, "rai_filtered_reason", None):
                filtered += 1
            if gen.revised_prompt is None and getattr(generated, "enhanced_prompt", None):
                gen.revised_prompt = generated.enhanced_prompt
        if filtered:
            gen.params["rai_filtered"] = filtered
        reasons = [
            str(g.rai_filtered_reason)
            for g in getattr(result, "generated_images", None) or []
            if getattr(g, "rai_filtered_reason", None)
        ]
        if not images and reasons:  # Imagen filtered every image it made: a refusal, not a success
            audit.refused("rai_filtered: " + "; ".join(sorted(set(reasons)))[:300])
        else:
            audit.succeed(images)
        return result


# ---------------------------------------------------------------------------- patching
_METHODS: tuple[tuple[str, Callable[[str, bool], Any]], ...] = (
    ("generate_content", lambda m, a: ContentTranslator(m, a)),
    ("generate_content_stream", lambda m, a: ContentTranslator(m, a)),
    ("generate_images", lambda m, a: ImagenTranslator(m, "generate")),
    ("edit_image", lambda m, a: ImagenTranslator(m, "edit")),
    ("upscale_image", lambda m, a: ImagenTranslator(m, "upscale")),
)


def instrument(auditor: Auditor, patches: Patches) -> list[str]:
    """Patch what the installed google-genai has; returns the names patched."""
    try:
        from google.genai import models as models_mod
    except ImportError:
        return []
    done: list[str] = []
    for cls_name, is_async in (("Models", False), ("AsyncModels", True)):
        cls = getattr(models_mod, cls_name, None)
        if cls is None:
            continue
        for method, make in _METHODS:
            if not hasattr(cls, method):
                continue
            translator = make(method, is_async)
            wrapper = audited(auditor, translator, is_async)
            if patches.wrap(cls, method, wrapper):
                done.append(f"google.genai.{cls_name}.{method}")
    return done
