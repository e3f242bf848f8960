"""REST image services without an SDK, over httpx, httpx2 and requests, from declarative mappings.

Patched: `httpx.Client.send` / `httpx.AsyncClient.send`, the same two of `httpx2` (the fork the openai
and google-genai SDKs use; after `httpx2.alias_httpx()` both names are one class, patched once), and
`requests.Session.send`. Each runs once per logical request; redirect hops and SDK calls already under
audit pass straight through (`passthrough`). A request matching no mapping (method + host + path) is
passed on untouched, before its body is looked at.

For a matching request the body (JSON or multipart) is read, the Generation is built from the mapping,
and the auditor decides *before* anything is sent: a blocked request never leaves the process, and a
prompt the policy modified is written into the body that is sent. After the call only JSON and image
bodies are parsed; event streams and responses the caller asked to stream are never read.
"""

from __future__ import annotations

import base64
import importlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.util import find_spec
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..auditor import Audit, Auditor, ReturnedImage, guarded, passthrough
from ..generation import Generation
from .base import Patches, async_wrapper, sync_wrapper
from .rest_mappings import ErrorRule, MappingSet, RestMapping, load_mappings
from .rest_mappings.bodies import Body, is_json_type, media_type, slots

_DROP_ON_REWRITE = {"content-length", "transfer-encoding"}


# ---------------------------------------------------------------------------- reading the request
@dataclass
class RequestView:
    """One outgoing request, library-neutral."""

    method: str
    scheme: str
    host: str | None
    port: int | None
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-cased names
    body: Body
    groups: dict[str, str] = field(default_factory=dict)
    prompt_path: str | None = None  # the body path the prompt came from (where a rewrite goes)

    def value(self, source: str, prompt: str | None = None) -> Any:
        kind, sep, arg = source.partition(":")
        if sep and kind == "header":
            return self.headers.get(arg.lower())
        if sep and kind == "query":
            return self.query.get(arg)
        if sep and kind == "url":
            return self.groups.get(arg)
        if sep and kind == "const":
            return arg
        if sep and kind == "prompt":
            found = re.search(arg, prompt or "")
            return found.group(1) if found else None
        values = self.body.get(source)
        return values[0] if values else None

    def first(self, sources: list[str], prompt: str | None = None) -> Any:
        for source in sources:
            value = self.value(source, prompt)
            if value is not None and value != "":
                return value
        return None

    def present(self, sources: list[str]) -> bool:
        for source in sources:
            kind, sep, arg = source.partition(":")
            if sep and kind in ("header", "query", "url", "const", "prompt"):
                if self.value(source):
                    return True
            elif self.body.has(source):
                return True
        return False


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _scalar(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool)) else None


def build_generation(mapping: RestMapping, view: RequestView) -> Generation:
    spec = mapping.request
    gen = Generation(provider=mapping.provider, operation=mapping.operation, server_address=view.host,
                     server_port=view.port)
    for source in spec.prompt:
        value = view.value(source)
        if isinstance(value, str):
            gen.prompt = value
            view.prompt_path = source if ":" not in source else None
            break
    variables = dict(view.groups)
    for name, var in mapping.vars.items():
        if var.present is not None:
            variables[name] = var.present if view.present(var.from_) else var.absent
        else:
            found = view.first(var.from_, gen.prompt)
            variables[name] = str(found) if found is not None else var.default
    named = view.first(mapping.model_from, gen.prompt)
    gen.model = str(named) if isinstance(named, str) and named else mapping.model.format_map(variables)
    negative = view.first(spec.negative_prompt, gen.prompt)
    gen.negative_prompt = negative if isinstance(negative, str) else None
    gen.n = _int(view.first(spec.count, gen.prompt)) or 1
    size = view.first(spec.size, gen.prompt)
    width, height = _int(view.first(spec.width, gen.prompt)), _int(view.first(spec.height, gen.prompt))
    gen.size = str(size) if size else (f"{width}x{height}" if width and height else None)
    for name in ("aspect_ratio", "quality", "style"):
        value = _scalar(view.first(getattr(spec, name), gen.prompt))
        setattr(gen, name, str(value) if value is not None else None)
    gen.seed = _int(view.first(spec.seed, gen.prompt))
    for name, sources in spec.params.items():
        value = _scalar(view.first(sources, gen.prompt))
        if value is not None:
            gen.params[name] = value
    gen.params["rest_mapping"] = mapping.name
    return gen


def rewritten_body(view: RequestView, prompt: str) -> bytes:
    if view.prompt_path is None or view.body.kind is None:
        raise ValueError("the prompt of this request is not in a body this mapping can rewrite")
    if view.body.set(view.prompt_path, prompt) == 0:
        raise ValueError(f"prompt field {view.prompt_path!r} not found for rewrite")
    return view.body.encode()


# ---------------------------------------------------------------------------- reading the response
@dataclass
class ResponseView:
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes | None  # None: not read (streamed by the caller)


def _rule_hits(rule: ErrorRule, headers: Mapping[str, str], payload: Any) -> bool:
    kind, sep, arg = rule.field.partition(":")
    if sep and kind == "header":
        values = [headers[arg.lower()]] if arg.lower() in headers else []
    else:
        values = [c[k] for c, k in slots(payload, rule.field)] if payload is not None else []
    values = [v for v in values if v is not None and v != ""]
    if not values:
        return False
    if rule.values is None:
        return True
    return all(str(v) in rule.values for v in values)  # every image refused, not just one of several


def read_response(audit: Audit, mapping: RestMapping, resp: ResponseView) -> bytes | None:
    """Close the audit from the response; returns a new body when signed image bytes were written in."""
    if resp.status >= 400:
        audit.fail(None, f"http.{resp.status}")
        return None
    spec = mapping.response
    kind = media_type(resp.headers.get("content-type"))
    payload: Any = None
    if resp.body is not None and is_json_type(kind):
        try:
            payload = json.loads(resp.body)
        except ValueError:
            payload = None
    for rule in spec.errors:
        if _rule_hits(rule, resp.headers, payload):
            if rule.error_type == "content_filtered":  # the service's own safety filter: evidence
                audit.refused("content_filtered")
            else:
                audit.fail(None, rule.error_type)
            return None
    if resp.body is None:
        audit.gen.params["response_read"] = False  # the caller streams it: we do not buffer
        audit.succeed((), images_pending=True)  # images unknown: billed as asked
        return None
    pending = False
    images: list[ReturnedImage] = []
    changed: list[bool] = []
    new_body: list[bytes] = []
    if kind.startswith("image/") and spec.image_body:

        def replace_body(data: bytes) -> None:
            new_body.append(data)

        images.append(ReturnedImage(data=resp.body, mime_type=kind, replace=replace_body))
    elif payload is not None:
        for path in spec.images_b64:
            for container, key in slots(payload, path):
                if isinstance(container[key], str) and container[key]:
                    images.append(_b64_slot(container, key, changed))
        for path in spec.image_urls:
            for container, key in slots(payload, path):
                if isinstance(container[key], str) and container[key]:
                    images.append(ReturnedImage(url=container[key]))
        job = RequestView("", "", None, None, "", {}, resp.headers, Body("json", payload)).first(spec.job_id)
        if job is not None:
            audit.gen.response_id = str(job)
            pending = not images  # they come with the poll: bill the job as asked
    audit.succeed(images, images_pending=pending)
    if new_body:
        return new_body[-1]
    if changed:
        return json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return None


def _b64_slot(container: Any, key: Any, changed: list[bool]) -> ReturnedImage:
    def replace(data: bytes) -> None:
        container[key] = base64.b64encode(data).decode("ascii")
        changed.append(True)

    value = container[key]
    if value.startswith("data:") and "," in value:  # a data URL
        value = value.split(",", 1)[1]
    return ReturnedImage(data=base64.b64decode(value), replace=replace)


# ---------------------------------------------------------------------------- httpx and httpx2
def _httpx_view(request: Any, mappings: MappingSet) -> tuple[RestMapping, RequestView] | None:
    url = request.url
    hit = mappings.match(request.method, url.host, url.path)
    if hit is None:
        return None
    mapping, groups = hit
    headers = {k.lower(): v for k, v in request.headers.items()}
    try:
        raw = request.content  # read by the caller of this function (read() / aread())
    except Exception:  # a streamed upload we cannot read without consuming it
        raw = None
    port = url.port or (443 if url.scheme == "https" else 80)
    view = RequestView(request.method, url.scheme, url.host, port, url.path, dict(url.params.items()), headers,
                       Body.parse(raw, headers.get("content-type")), groups)
    return mapping, view


class HttpxCall:
    """The Translator of one matched httpx / httpx2 request (built per call: it carries the parsed body)."""

    def __init__(self, lib: str, mapping: RestMapping, view: RequestView) -> None:
        self.where = f"rest.{lib}"
        self.mapping = mapping
        self.view = view
        self.gen = build_generation(mapping, view)

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation:
        return self.gen

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple[Any, ...], dict]:
        request = args[0] if args else kwargs["request"]
        content = rewritten_body(self.view, prompt)
        headers = [(k, v) for k, v in request.headers.multi_items() if k.lower() not in _DROP_ON_REWRITE]
        new = type(request)(request.method, request.url, headers=headers, content=content,
                            extensions=request.extensions)
        if args:
            return (new, *args[1:]), kwargs
        return args, {**kwargs, "request": new}

    def result(self, audit: Audit, response: Any) -> Any:
        try:
            body: bytes | None = response.content
        except Exception:  # ResponseNotRead: send(stream=True) / client.stream(...)
            body = None
        headers = {k.lower(): v for k, v in response.headers.items()}
        new = read_response(audit, self.mapping, ResponseView(response.status_code, headers, body))
        if new is not None:
            # Signed bytes: the already-read content is swapped in place, so elapsed, history and the
            # stream state of the user's response stay as they were.
            response._content = new
            response.headers["content-length"] = str(len(new))
        return response


def _httpx_sync(auditor: Auditor, mappings: MappingSet, lib: str) -> Callable[..., Any]:
    def wrapper(wrapped: Callable[..., Any], instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if passthrough(auditor):
            return wrapped(*args, **kwargs)
        call = guarded(f"rest.{lib} request", _httpx_call, lib, args, kwargs, mappings, False)
        if call is None:
            return wrapped(*args, **kwargs)
        return sync_wrapper(auditor, call)(wrapped, instance, args, kwargs)

    return wrapper


def _httpx_async(auditor: Auditor, mappings: MappingSet, lib: str) -> Callable[..., Any]:
    async def wrapper(wrapped: Callable[..., Any], instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if passthrough(auditor):
            return await wrapped(*args, **kwargs)
        request = args[0] if args else kwargs.get("request")
        hit = guarded(f"rest.{lib} match", _httpx_matches, request, mappings)
        if not hit:
            return await wrapped(*args, **kwargs)
        try:
            await request.aread()
        except Exception:  # an upload stream we cannot buffer: audited without its body
            pass
        call = guarded(f"rest.{lib} request", _httpx_call, lib, args, kwargs, mappings, True)
        if call is None:
            return await wrapped(*args, **kwargs)
        return await async_wrapper(auditor, call)(wrapped, instance, args, kwargs)

    return wrapper


def _httpx_matches(request: Any, mappings: MappingSet) -> bool:
    return mappings.match(request.method, request.url.host, request.url.path) is not None


def _httpx_call(lib: str, args: tuple[Any, ...], kwargs: dict[str, Any], mappings: MappingSet,
                already_read: bool) -> HttpxCall | None:
    request = args[0] if args else kwargs.get("request")
    if request is None or (not already_read and not _httpx_matches(request, mappings)):
        return None
    if not already_read:
        try:
            request.read()
        except Exception:  # an upload stream we cannot buffer: audited without its body
            pass
    found = _httpx_view(request, mappings)
    return HttpxCall(lib, *found) if found else None


# ---------------------------------------------------------------------------- requests
def _requests_view(prepared: Any, mappings: MappingSet) -> tuple[RestMapping, RequestView] | None:
    parts = urlsplit(prepared.url or "")
    hit = mappings.match(prepared.method or "GET", parts.hostname, parts.path)
    if hit is None:
        return None
    mapping, groups = hit
    headers = {k.lower(): v for k, v in prepared.headers.items()}
    body = prepared.body
    raw = body.encode("utf-8") if isinstance(body, str) else None
    if isinstance(body, (bytes, bytearray)):
        raw = bytes(body)  # a generator or file body streams: it is not read here
    port = parts.port or (443 if parts.scheme == "https" else 80)
    view = RequestView(prepared.method, parts.scheme, parts.hostname, port, parts.path, dict(parse_qsl(parts.query)),
                       headers, Body.parse(raw, headers.get("content-type")), groups)
    return mapping, view


class RequestsCall:
    where = "rest.requests"

    def __init__(self, mapping: RestMapping, view: RequestView, stream: bool) -> None:
        self.mapping = mapping
        self.view = view
        self.stream = stream
        self.gen = build_generation(mapping, view)

    def request(self, instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generation:
        return self.gen

    def with_prompt(self, args: tuple[Any, ...], kwargs: dict[str, Any], prompt: str) -> tuple[tuple[Any, ...], dict]:
        prepared = args[0] if args else kwargs["request"]
        new = prepared.copy()  # the caller's PreparedRequest stays as they built it
        new.body = rewritten_body(self.view, prompt)
        new.headers["Content-Length"] = str(len(new.body))
        if args:
            return (new, *args[1:]), kwargs
        return args, {**kwargs, "request": new}

    def result(self, audit: Audit, response: Any) -> Any:
        headers = {k.lower(): v for k, v in response.headers.items()}
        kind = media_type(headers.get("content-type"))
        readable = not self.stream and (kind.startswith("image/") or is_json_type(kind))
        body = response.content if readable else None  # content is cached: the caller reads it again
        if body is None and not self.stream:
            body = b""  # read by requests already, but neither JSON nor an image: nothing to parse
        new = read_response(audit, self.mapping, ResponseView(response.status_code, headers, body))
        if new is not None:
            response._content = new  # requests keeps the read body here; signed bytes replace it
            response.headers["Content-Length"] = str(len(new))
        return response


def _requests_send(auditor: Auditor, mappings: MappingSet) -> Callable[..., Any]:
    def wrapper(wrapped: Callable[..., Any], instance: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if passthrough(auditor):
            return wrapped(*args, **kwargs)
        prepared = args[0] if args else kwargs.get("request")
        found = guarded("rest.requests request", _requests_view, prepared, mappings) if prepared is not None else None
        if not found:
            return wrapped(*args, **kwargs)
        call = guarded("rest.requests request", RequestsCall, *found, bool(kwargs.get("stream")))
        if call is None:
            return wrapped(*args, **kwargs)
        return sync_wrapper(auditor, call)(wrapped, instance, args, kwargs)

    return wrapper


# ---------------------------------------------------------------------------- patching
def instrument(auditor: Auditor, patches: Patches) -> list[str]:
    """Patch httpx, httpx2 and requests where installed. A broken user mapping raises MappingError."""
    policy_mappings = auditor.policy.config.rest_mappings if auditor.policy is not None else []
    mappings = load_mappings(policy_mappings, auditor.settings.mappings_file)
    done: list[str] = []
    for lib in ("httpx", "httpx2"):
        if find_spec(lib) is None:
            continue
        module = importlib.import_module(lib)
        # After httpx2.alias_httpx() both names are the same classes: Patches wraps each owner once.
        if patches.wrap(module.Client, "send", _httpx_sync(auditor, mappings, lib)):
            done.append(f"{lib}.Client.send")
        if patches.wrap(module.AsyncClient, "send", _httpx_async(auditor, mappings, lib)):
            done.append(f"{lib}.AsyncClient.send")
    if find_spec("requests") is not None:
        import requests

        if patches.wrap(requests.Session, "send", _requests_send(auditor, mappings)):
            done.append("requests.Session.send")
    return done
