"""replicate: `run` / `async_run` and `predictions.create` (then `wait()` / `reload()` /
`predictions.get()`), for image models.

Where we patch, and why:
- `replicate.client.run` / `async_run`, the module functions `Client.run` calls. `replicate.run` is a
  method bound to a default client at import, so a patch on the class would miss it; the function
  underneath catches both entry points.
- `Predictions.create`, `ModelsPredictions.create`, `DeploymentPredictions.create`,
  `DeploymentsPredictions.create` (and `async_create`). Inside `run` these pass through (one audit per
  logical call) but hand the Prediction to the run audit, which reads its id, metrics and model.
- `Predictions.get` / `async_get` / `cancel` / `async_cancel`: `Prediction.wait()`, `reload()` and
  their async twins all come through `get`, so one hook sees every poll.

Create-then-wait: the generation is the create call, so policy runs before the POST and the span
opens there. When the create reply is already terminal (`Prefer: wait`), the audit closes at once.
Otherwise it is kept by prediction id and closes when a `get` (any `wait`/`reload`/`get`) or `cancel`
first observes a terminal status: succeeded (images, `metrics.predict_time`), failed (error
`ModelError`, cost 0) or canceled (error `canceled`, cost 0). A prediction nobody waits for stays open;
beyond PENDING_LIMIT open ones, the oldest is closed as `result_not_observed` charging the estimate.

Which calls are image generations: models with a Replicate price-table row, else inputs that look like
an image model's (num_outputs, aspect_ratio, width/height, negative_prompt, image output_format, ...)
and none of a language, audio or video model's (max_tokens, system_prompt, duration, fps, ...).
Other models pass through untouched.

Outputs: data: URLs are decoded locally (and signed bytes written back as a new data: URL); https
URLs are recorded as URL-only images and never fetched.
"""

from __future__ import annotations

import base64
import contextvars
from collections.abc import Callable
from typing import Any

from ..auditor import Audit, Auditor, ReturnedImage, in_audit, log_internal_error
from ..generation import Generation
from .base import AsyncStreamProxy, Patches, PendingAudits, StreamProxy, audited, server_of

PROVIDER = "replicate"
DEFAULT_BASE_URL = "https://api.replicate.com"
TERMINAL = ("succeeded", "failed", "canceled")

_IMAGE_KEYS = frozenset(
    {
        "num_outputs",
        "aspect_ratio",
        "width",
        "height",
        "negative_prompt",
        "guidance_scale",
        "guidance",
        "num_inference_steps",
        "megapixels",
        "image_size",
        "style_type",
        "magic_prompt_option",
        "safety_tolerance",
        "disable_safety_checker",
    }
)
_NOT_IMAGE_KEYS = frozenset(
    {
        "max_tokens",
        "max_new_tokens",
        "min_new_tokens",
        "system_prompt",
        "messages",
        "top_p",
        "top_k",
        "duration",
        "fps",
        "num_frames",
        "frames",
        "audio",
        "video",
    }
)
_IMAGE_FORMATS = frozenset({"png", "jpg", "jpeg", "webp", "gif", "avif"})
_NOT_IMAGE_EXT = (".json", ".txt", ".mp4", ".mov", ".webm", ".mp3", ".wav", ".ogg", ".flac", ".zip", ".tar")
_EXT_MIME = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
}

# Set by the run wrapper: creates made inside that run append their Prediction here.
_CAPTURE: contextvars.ContextVar[list[Any] | None] = contextvars.ContextVar("aiaudit_replicate_capture", default=None)


# ---------------------------------------------------------------------------- pending audits
PENDING = PendingAudits()


# ---------------------------------------------------------------------------- readers
def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str) -> Any:
    return args[index] if len(args) > index else kwargs.get(name)


def _with_arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, value: Any) -> tuple[tuple, dict]:
    if len(args) > index:
        return args[:index] + (value,) + args[index + 1 :], kwargs
    return args, {**kwargs, name: value}


def _model_name(value: Any) -> str | None:
    """`owner/name` from a str, an (owner, name) tuple, a Model or a Deployment."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        return f"{value[0]}/{value[1]}"
    owner, name = getattr(value, "owner", None), getattr(value, "name", None)
    return f"{owner}/{name}" if owner and name else None


def _ref_name(ref: Any) -> str | None:
    if isinstance(ref, str):
        return ref
    try:
        from replicate import identifier

        version, owner, name, version_id = identifier._resolve(ref)
    except Exception:
        return _model_name(ref)
    base = f"{owner}/{name}" if owner and name else None
    version_id = version_id or getattr(version, "id", None)
    if base and version_id:
        return f"{base}:{version_id}"
    return base or version_id


def _base_url(client: Any) -> str:
    import os

    return getattr(client, "_base_url", None) or os.environ.get("REPLICATE_BASE_URL") or DEFAULT_BASE_URL


def looks_like_image(model: str | None, inputs: Any, priced: bool) -> bool:
    if priced:
        return True
    if not isinstance(inputs, dict):
        return False
    keys = set(inputs)
    if keys & _NOT_IMAGE_KEYS:
        return False
    if str(inputs.get("output_format", "")).lower() in _IMAGE_FORMATS:
        return True
    return bool(keys & _IMAGE_KEYS)


def _fill_from_input(gen: Generation, inputs: dict[str, Any]) -> None:
    prompt = inputs.get("prompt")
    gen.prompt = prompt if isinstance(prompt, str) else None
    negative = inputs.get("negative_prompt")
    gen.negative_prompt = negative if isinstance(negative, str) else None
    count = inputs.get("num_outputs") or inputs.get("num_images")
    gen.n = int(count) if isinstance(count, (int, float)) and count > 0 else 1
    gen.seed = inputs.get("seed") if isinstance(inputs.get("seed"), int) else None
    gen.aspect_ratio = inputs.get("aspect_ratio") if isinstance(inputs.get("aspect_ratio"), str) else None
    width, height = inputs.get("width"), inputs.get("height")
    if isinstance(width, int) and isinstance(height, int):
        gen.size = f"{width}x{height}"
    for name in ("output_format", "output_quality", "megapixels", "num_inference_steps", "guidance_scale", "go_fast"):
        value = inputs.get(name)
        if isinstance(value, (str, int, float, bool)):
            gen.params[name] = value
    if any(k in inputs for k in ("image", "input_image", "mask")):
        gen.operation = "edit"


def decode_data_url(url: str) -> tuple[bytes, str | None] | None:
    """`data:<mime>;base64,<payload>` -> (bytes, mime); None for anything else (no network, ever)."""
    if not url.startswith("data:") or "," not in url:
        return None
    head, payload = url[5:].split(",", 1)
    if not head.endswith(";base64"):
        return None
    mime = head[: -len(";base64")] or None
    try:
        return base64.b64decode(payload), mime
    except ValueError:
        return None


def encode_data_url(data: bytes, mime: str | None) -> str:
    return f"data:{mime or 'application/octet-stream'};base64,{base64.b64encode(data).decode('ascii')}"


def _url_mime(url: str) -> str | None:
    path = url.split("?", 1)[0].lower()
    return next((mime for ext, mime in _EXT_MIME.items() if path.endswith(ext)), None)


def collect_images(value: Any, put: Callable[[Any], None]) -> list[ReturnedImage]:
    """Images in a Replicate output (str, FileOutput, list, dict), each with a way to write signed
    bytes back into the same structure."""
    if isinstance(value, list):
        found: list[ReturnedImage] = []
        for index, item in enumerate(value):
            found += collect_images(item, lambda new, i=index: value.__setitem__(i, new))
        return found
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            found += collect_images(item, lambda new, k=key: value.__setitem__(k, new))
        return found
    url = getattr(value, "url", None) if hasattr(value, "read") else value  # FileOutput
    if not isinstance(url, str):
        return []
    decoded = decode_data_url(url)
    if decoded is not None:
        data, mime = decoded
        if mime is not None and not mime.startswith("image/"):
            return []
        if url is value:

            def replace(new: bytes) -> None:
                put(encode_data_url(new, mime))

        else:

            def replace(new: bytes) -> None:
                value.url = encode_data_url(new, mime)

        return [ReturnedImage(data=data, mime_type=mime, replace=replace)]
    if url.startswith(("https://", "http://")) and not url.split("?", 1)[0].lower().endswith(_NOT_IMAGE_EXT):
        return [ReturnedImage(url=url, mime_type=_url_mime(url))]
    return []


def read_prediction(gen: Generation, prediction: Any) -> None:
    """Id, model, status and billed time of a Prediction."""
    if prediction is None:
        return
    gen.response_id = getattr(prediction, "id", None) or gen.response_id
    model = getattr(prediction, "model", None)
    if model:
        gen.response_model = model
    metrics = getattr(prediction, "metrics", None) or {}
    seconds = metrics.get("predict_time") if isinstance(metrics, dict) else None
    if isinstance(seconds, (int, float)):
        gen.usage.predict_seconds = float(seconds)
    status = getattr(prediction, "status", None)
    if status:
        gen.params["prediction_status"] = status


def close_prediction(audit: Audit, prediction: Any) -> None:
    """Close an audit from a Prediction in a terminal state."""
    read_prediction(audit.gen, prediction)
    status = getattr(prediction, "status", None)
    if status == "succeeded":
        images = collect_images(prediction.output, lambda new: setattr(prediction, "output", new))
        audit.succeed(images)
    elif status == "canceled":
        audit.fail(None, "canceled")
    else:
        audit.fail(None, "ModelError")


# ---------------------------------------------------------------------------- translators
class RunTranslator:
    """`run(client, ref, input, *, use_file_output, **params)` (the module function, client first)."""

    def __init__(self, auditor: Auditor, is_async: bool) -> None:
        self.auditor = auditor
        self.is_async = is_async
        self.where = "replicate.async_run" if is_async else "replicate.run"

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation | None:
        client = args[0] if args else kwargs.get("client")
        model = _ref_name(_arg(args, kwargs, 1, "ref"))
        inputs = _arg(args, kwargs, 2, "input") or {}
        if not looks_like_image(model, inputs, self.auditor.prices.lookup(PROVIDER, model) is not None):
            return None
        host, port = server_of(_base_url(client))
        gen = Generation(provider=PROVIDER, model=model, server_address=host, server_port=port)
        _fill_from_input(gen, inputs)
        if kwargs.get("use_file_output") is False:
            gen.params["use_file_output"] = False
        return gen

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple, dict]:
        inputs = _arg(args, kwargs, 2, "input")
        if not isinstance(inputs, dict) or "prompt" not in inputs:
            raise ValueError("no prompt in the input to rewrite")
        return _with_arg(args, kwargs, 2, "input", {**inputs, "prompt": prompt})

    def result(self, audit: Audit, result: Any) -> Any:
        captured = _CAPTURE.get() or []
        prediction = captured[-1] if captured else None
        if _is_iterator(result):
            observer = OutputStreamObserver(audit, prediction)
            return (AsyncStreamProxy if hasattr(result, "__anext__") else StreamProxy)(result, observer, self.where)
        read_prediction(audit.gen, prediction)
        box = [result]
        images = collect_images(result, lambda new: box.__setitem__(0, new))
        audit.succeed(images)
        return box[0]


def _is_iterator(value: Any) -> bool:
    return hasattr(value, "__next__") or hasattr(value, "__anext__")


class OutputStreamObserver:
    """`run` on a model whose output is an iterator: images arrive item by item."""

    def __init__(self, audit: Audit, prediction: Any) -> None:
        self.audit = audit
        self.prediction = prediction
        self.images: list[ReturnedImage] = []

    def on_event(self, item: Any) -> None:
        box = [item]
        slots = collect_images(item, lambda new: box.__setitem__(0, new))
        if slots:
            self.audit.apply_provenance(slots)  # FileOutput items are signed in place
            self.images += slots

    def on_end(self, error: BaseException | None) -> None:
        read_prediction(self.audit.gen, self.prediction)
        if error is not None:
            self.audit.fail(error)
        else:
            self.audit.succeed(self.images)


class CreateTranslator:
    """The create methods of the four prediction namespaces; `shape` says where model and input are."""

    def __init__(self, auditor: Auditor, shape: str, is_async: bool) -> None:
        self.auditor = auditor
        self.shape = shape
        self.where = f"replicate.{shape}.{'async_create' if is_async else 'create'}"

    def _input_slot(self) -> tuple[int, str]:
        return {"predictions": (1, "input"), "models": (1, "input"), "deployment": (0, "input")}.get(
            self.shape, (1, "input")
        )

    def _model(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[str | None, bool]:
        """(model name, whether it names a deployment)."""
        if self.shape == "predictions":
            if kwargs.get("model") is not None:
                return _model_name(kwargs["model"]), False
            if kwargs.get("deployment") is not None:
                return _model_name(kwargs["deployment"]), True
            version = _arg(args, kwargs, 0, "version")
            return (version if isinstance(version, str) else getattr(version, "id", None)), False
        if self.shape == "models":
            return _model_name(_arg(args, kwargs, 0, "model")), False
        if self.shape == "deployment":
            return _model_name(getattr(instance, "_deployment", None)), True
        return _model_name(_arg(args, kwargs, 0, "deployment")), True

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation | None:
        model, deployment = self._model(instance, args, kwargs)
        index, name = self._input_slot()
        inputs = _arg(args, kwargs, index, name) or {}
        if not looks_like_image(model, inputs, self.auditor.prices.lookup(PROVIDER, model) is not None):
            return None
        host, port = server_of(_base_url(getattr(instance, "_client", None)))
        gen = Generation(provider=PROVIDER, model=model, server_address=host, server_port=port)
        _fill_from_input(gen, inputs)
        if deployment:
            gen.params["deployment"] = True
        if kwargs.get("wait") is not None:
            gen.params["wait"] = kwargs["wait"] if isinstance(kwargs["wait"], (bool, int)) else str(kwargs["wait"])
        return gen

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple, dict]:
        index, name = self._input_slot()
        inputs = _arg(args, kwargs, index, name)
        if not isinstance(inputs, dict) or "prompt" not in inputs:
            raise ValueError("no prompt in the input to rewrite")
        return _with_arg(args, kwargs, index, name, {**inputs, "prompt": prompt})

    def result(self, audit: Audit, prediction: Any) -> Any:
        if getattr(prediction, "status", None) in TERMINAL:
            close_prediction(audit, prediction)
        else:
            read_prediction(audit.gen, prediction)
            PENDING.add(str(prediction.id), audit)  # closed by the first get/cancel that sees it finish
        return prediction


# ---------------------------------------------------------------------------- wrappers
def _run_wrappers(auditor: Auditor, is_async: bool) -> Callable[..., Any]:
    inner = audited(auditor, RunTranslator(auditor, is_async), is_async)
    if is_async:

        async def arun(wrapped: Callable[..., Any], instance: Any, args: tuple, kwargs: dict) -> Any:
            token = _CAPTURE.set([])
            try:
                return await inner(wrapped, instance, args, kwargs)
            finally:
                _CAPTURE.reset(token)

        return arun

    def run(wrapped: Callable[..., Any], instance: Any, args: tuple, kwargs: dict) -> Any:
        token = _CAPTURE.set([])
        try:
            return inner(wrapped, instance, args, kwargs)
        finally:
            _CAPTURE.reset(token)

    return run


def _create_wrapper(auditor: Auditor, shape: str, is_async: bool) -> Callable[..., Any]:
    translator = CreateTranslator(auditor, shape, is_async)
    inner = audited(auditor, translator, is_async)

    def capturing() -> list[Any] | None:
        # Inside our own run(): hand the Prediction to the run audit instead of opening a second one.
        holder = _CAPTURE.get()
        return holder if holder is not None and in_audit() else None

    if is_async:

        async def acreate(wrapped: Callable[..., Any], instance: Any, args: tuple, kwargs: dict) -> Any:
            holder = capturing()
            if holder is None:
                return await inner(wrapped, instance, args, kwargs)
            prediction = await wrapped(*args, **kwargs)
            holder.append(prediction)
            return prediction

        return acreate

    def create(wrapped: Callable[..., Any], instance: Any, args: tuple, kwargs: dict) -> Any:
        holder = capturing()
        if holder is None:
            return inner(wrapped, instance, args, kwargs)
        prediction = wrapped(*args, **kwargs)
        holder.append(prediction)
        return prediction

    return create


def _observe(prediction: Any) -> Audit | None:
    """A poll or cancel saw this prediction: close its pending audit when it has finished."""
    try:
        if getattr(prediction, "status", None) not in TERMINAL:
            return None
        audit = PENDING.pop(getattr(prediction, "id", None))
        if audit is not None:
            close_prediction(audit, prediction)
        return audit
    except Exception as exc:
        log_internal_error("replicate prediction poll", exc)
        return None


def _poll_wrapper(auditor: Auditor, is_async: bool) -> Callable[..., Any]:
    if is_async:

        async def apoll(wrapped: Callable[..., Any], instance: Any, args: tuple, kwargs: dict) -> Any:
            prediction = await wrapped(*args, **kwargs)
            if auditor.active and len(PENDING):
                audit = _observe(prediction)
                if audit is not None:
                    await audit.completed()
            return prediction

        return apoll

    def poll(wrapped: Callable[..., Any], instance: Any, args: tuple, kwargs: dict) -> Any:
        prediction = wrapped(*args, **kwargs)
        if auditor.active and len(PENDING):
            _observe(prediction)
        return prediction

    return poll


# ---------------------------------------------------------------------------- patching
def instrument(auditor: Auditor, patches: Patches) -> list[str]:
    """Patch what the installed replicate has; returns the names patched."""
    try:
        from replicate import client as client_mod
        from replicate import deployment as deployment_mod
        from replicate import model as model_mod
        from replicate import prediction as prediction_mod
    except ImportError:
        return []
    patches.on_restore(PENDING.close_all)  # results never fetched are recorded at uninstrument
    done: list[str] = []
    for name, is_async in (("run", False), ("async_run", True)):
        if hasattr(client_mod, name) and patches.wrap(client_mod, name, _run_wrappers(auditor, is_async)):
            done.append(f"replicate.client.{name}")
    namespaces = (
        (prediction_mod, "Predictions", "predictions"),
        (model_mod, "ModelsPredictions", "models"),
        (deployment_mod, "DeploymentPredictions", "deployment"),
        (deployment_mod, "DeploymentsPredictions", "deployments"),
    )
    for module, cls_name, shape in namespaces:
        cls = getattr(module, cls_name, None)
        if cls is None:
            continue
        for method, is_async in (("create", False), ("async_create", True)):
            if hasattr(cls, method) and patches.wrap(cls, method, _create_wrapper(auditor, shape, is_async)):
                done.append(f"replicate.{cls_name}.{method}")
    predictions = getattr(prediction_mod, "Predictions", None)
    if predictions is not None:
        for method, is_async in (("get", False), ("async_get", True), ("cancel", False), ("async_cancel", True)):
            if hasattr(predictions, method) and patches.wrap(predictions, method, _poll_wrapper(auditor, is_async)):
                done.append(f"replicate.Predictions.{method}")
    return done
