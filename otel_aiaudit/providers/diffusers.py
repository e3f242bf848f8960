"""Local image pipelines: calls of diffusers `DiffusionPipeline` subclasses (SD, SDXL, SD3, Flux, their
img2img / inpaint variants, and every other pipeline class that defines its own `__call__`).

`DiffusionPipeline` has no `__call__` of its own; each of the ~300 pipeline classes defines one, in its
own module under `diffusers.pipelines`, which diffusers loads lazily on first use of the name. Importing
diffusers pulls in torch (seconds), so instrumenting must not import it. The choice made here:

- at instrument time, every pipeline module *already imported* is scanned and its classes patched;
- an import hook (a `sys.meta_path` finder) patches each `diffusers.pipelines.*` module the moment it
  is executed later, whether reached through diffusers' lazy names (`diffusers.FluxPipeline`) or a
  direct import. Only classes that really load (their extra dependencies installed) are ever patched.
  Uninstrument restores every patched `__call__` and removes the hook.

A pipeline runs in-process: Generation.local (span kind INTERNAL), provider `diffusers`, model the
pipeline's `name_or_path` or its class name. Cost is wall time x `Settings.gpu_hour_usd`
(OTEL_AIAUDIT_GPU_HOUR_USD); without it the call is unpriced. Returned images are hashed from PNG
bytes encoded in memory (PIL output) or from the array bytes (np / pt / latent output).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import inspect
import io
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

from ..auditor import Audit, Auditor, ReturnedImage, log_internal_error
from ..generation import Generation
from .base import Patches, sync_wrapper

PROVIDER = "diffusers"
PIPELINES_PACKAGE = "diffusers.pipelines."
_BASE_MODULE = "diffusers.pipelines.pipeline_utils"
# A list of prompts travels through policy as one text, one prompt per line.
_JOIN = "\n"


def _operation(class_name: str) -> str:
    name = class_name.lower()
    if "upscale" in name or "superresolution" in name:
        return "upscale"
    if "variation" in name:
        return "variation"
    if any(word in name for word in ("img2img", "inpaint", "edit", "instructpix2pix", "controlnet", "depth2img")):
        return "edit"
    return "generate"


def _bound(wrapped: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The call's arguments by parameter name (pipelines take `prompt` first, positionally or not)."""
    try:
        return dict(inspect.signature(wrapped).bind_partial(*args, **kwargs).arguments)
    except (TypeError, ValueError):
        return dict(kwargs)


def _prompt_count(prompt: Any) -> tuple[str | None, int | None]:
    if isinstance(prompt, str):
        return prompt, 1
    if isinstance(prompt, (list, tuple)) and prompt and all(isinstance(p, str) for p in prompt):
        return _JOIN.join(prompt), len(prompt)
    return None, None


def _seed(generator: Any) -> int | None:
    seed = getattr(generator, "initial_seed", None)
    try:
        return int(seed()) if callable(seed) else None
    except Exception:
        return None


class PipelineTranslator:
    where = "diffusers.pipeline"

    def __init__(self, auditor: Auditor, wrapped: Callable[..., Any]) -> None:
        self.auditor = auditor
        self.wrapped = wrapped

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation:
        cls_name = type(instance).__name__
        call = _bound(self.wrapped, args, kwargs)
        model = getattr(instance, "name_or_path", None) or cls_name
        gen = Generation(provider=PROVIDER, operation=_operation(cls_name), model=str(model), local=True)  # type: ignore[arg-type]
        prompt, count = _prompt_count(call.get("prompt"))
        gen.prompt = prompt
        if prompt is None:
            # Only embeddings (or nothing): there is no prompt text to check or record.
            has_embeds = call.get("prompt_embeds") is not None
            gen.params["prompt_source"] = "prompt_embeds" if has_embeds else "none"
            embeds = call.get("prompt_embeds")
            count = int(embeds.shape[0]) if has_embeds and hasattr(embeds, "shape") else 1
        negative, _ = _prompt_count(call.get("negative_prompt"))
        gen.negative_prompt = negative
        per_prompt = call.get("num_images_per_prompt")
        gen.n = (count or 1) * (int(per_prompt) if per_prompt else 1)
        height, width = call.get("height"), call.get("width")
        if height and width:
            gen.size = f"{int(width)}x{int(height)}"
        generator = call.get("generator")
        gen.seed = _seed(generator) if generator is not None and not isinstance(generator, list) else None
        for name in ("num_inference_steps", "guidance_scale", "strength", "output_type"):
            value = call.get(name)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                gen.params[name] = value
        gen.params["pipeline"] = cls_name
        device = getattr(instance, "device", None)
        if device is not None:
            gen.params["device"] = str(device)
        rate = self.auditor.settings.gpu_hour_usd
        if rate is not None:
            gen.params["gpu_hour_usd"] = float(rate)
        return gen

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple[Any, ...], dict]:
        call = _bound(self.wrapped, args, kwargs)
        original = call.get("prompt")
        new: Any = prompt
        if isinstance(original, (list, tuple)):
            pieces = prompt.split(_JOIN, len(original) - 1)
            new = pieces + [""] * (len(original) - len(pieces))  # a truncation may drop trailing prompts
        names = list(inspect.signature(self.wrapped).parameters)
        if "prompt" in names and names.index("prompt") < len(args):
            index = names.index("prompt")
            return (*args[:index], new, *args[index + 1 :]), kwargs
        return args, {**kwargs, "prompt": new}

    def result(self, audit: Audit, output: Any) -> Any:
        images = getattr(output, "images", None)
        if images is None and isinstance(output, tuple) and output:
            images = output[0]  # return_dict=False
        audit.succeed(_returned(images))
        return output


def _returned(images: Any) -> list[ReturnedImage]:
    if images is None:
        return []
    if hasattr(images, "detach"):  # torch tensor (output_type="pt" / "latent"): N x C x H x W
        images = images.detach().cpu().numpy()
        return [ReturnedImage(data=a.tobytes(), width=int(a.shape[-1]), height=int(a.shape[-2])) for a in images]
    if hasattr(images, "shape") and hasattr(images, "tobytes"):  # numpy: N x H x W x C
        return [ReturnedImage(data=a.tobytes(), width=int(a.shape[1]), height=int(a.shape[0])) for a in images]
    out: list[ReturnedImage] = []
    for image in images:
        if hasattr(image, "save"):  # PIL
            buf = io.BytesIO()
            image.save(buf, format="PNG")
            png = buf.getvalue()
            out.append(
                ReturnedImage(
                    data=png,
                    mime_type="image/png",
                    width=image.width,
                    height=image.height,
                    replace=_attach_signed(image),
                )
            )
    return out


SIGNED_PNG_KEY = "c2pa_png"


def _attach_signed(image: Any) -> Any:
    """A PIL image cannot carry a C2PA manifest (saving re-encodes it), so the signed PNG travels with
    the image: `image.info["c2pa_png"]` holds the bytes to write to disk as they are."""

    def replace(signed: bytes) -> None:
        image.info[SIGNED_PNG_KEY] = signed

    return replace


# ---------------------------------------------------------------------------- patching
class _Patcher:
    """Patches the pipeline classes of one module; shared by the scan and the import hook."""

    def __init__(self, auditor: Auditor, patches: Patches) -> None:
        self.auditor = auditor
        self.patches = patches
        self.patched: list[str] = []
        self._lock = threading.Lock()

    def module(self, module: ModuleType) -> None:
        base = getattr(sys.modules.get(_BASE_MODULE), "DiffusionPipeline", None)
        if base is None:
            return
        for value in list(vars(module).values()):
            if (
                isinstance(value, type)
                and issubclass(value, base)
                and value.__module__ == module.__name__
                and "__call__" in value.__dict__
            ):
                with self._lock:
                    if self.patches.wrap(value, "__call__", self._wrapper()):
                        self.patched.append(f"diffusers.{value.__name__}.__call__")

    def _wrapper(self) -> Callable[..., Any]:
        auditor = self.auditor

        def wrapper(wrapped: Callable[..., Any], instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
            # The translator needs the bound original for its signature; sync_wrapper does the rest.
            return sync_wrapper(auditor, PipelineTranslator(auditor, wrapped))(wrapped, instance, args, kwargs)

        return wrapper


class _Loader(importlib.abc.Loader):
    """Runs the real loader, then patches the module it executed."""

    def __init__(self, inner: Any, on_loaded: Callable[[ModuleType], None]) -> None:
        self._inner = inner
        self._on_loaded = on_loaded

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._inner.exec_module(module)
        try:
            self._on_loaded(module)
        except Exception as exc:
            log_internal_error("diffusers import hook", exc)

    def __getattr__(self, name: str) -> Any:  # get_source, get_resource_reader, ... for tracebacks
        return getattr(self._inner, name)


class _PipelineFinder(importlib.abc.MetaPathFinder):
    def __init__(self, patcher: _Patcher) -> None:
        self.patcher = patcher

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith(PIPELINES_PACKAGE):
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec.loader, self.patcher.module)
                return spec
        return None


class HookSwitch:
    """Owns the import hook. `Patches.restore_all()` sets `enabled` back to False, which removes it."""

    def __init__(self) -> None:
        self._enabled = False
        self.finder: _PipelineFinder | None = None

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._enabled = bool(value)
        if self.finder is None:
            return
        if value and self.finder not in sys.meta_path:
            sys.meta_path.insert(0, self.finder)
        elif not value and self.finder in sys.meta_path:
            sys.meta_path.remove(self.finder)


HOOK = HookSwitch()


def instrument(auditor: Auditor, patches: Patches) -> list[str]:
    if importlib.machinery.PathFinder.find_spec("diffusers") is None:
        return []
    patcher = _Patcher(auditor, patches)
    HOOK.finder = _PipelineFinder(patcher)
    patches.replace(HOOK, "enabled", True)  # installs the hook; restore_all() removes it
    for name, module in list(sys.modules.items()):
        if name.startswith(PIPELINES_PACKAGE) and isinstance(module, ModuleType):
            patcher.module(module)
    return ["diffusers (import hook)", *patcher.patched]
