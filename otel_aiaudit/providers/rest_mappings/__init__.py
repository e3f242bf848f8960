"""Declarative mappings for REST image services without an SDK, and their schema.

A mapping says which requests are image generations (method + host regex + path regex), which
provider and model they are, where the prompt and parameters sit in the request, and where the
images, job id and errors sit in the response. The shipped mappings are the YAML files beside this
module; users add theirs under `rest_mappings:` in the policy file or in a mappings file
(OTEL_AIAUDIT_MAPPINGS_FILE). A user mapping with the name of a shipped one replaces it.

Values are read from *sources*, written as one string:
  `a.b[0].c`          the request (or response) body, JSON path or multipart field name
  `header:NAME`       a request (or response) header
  `query:NAME`        a query parameter of the URL
  `url:GROUP`         a named group of the path regex
  `prompt:REGEX`      the first group of REGEX found in the prompt (e.g. `--(fast|relax)`)
  `const:VALUE`       a literal
A list of sources means the first one present wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from ... import safe_yaml
from .bodies import check_path

SOURCE_KINDS = ("header", "query", "url", "prompt", "const")


class MappingError(ValueError):
    """A mapping that cannot be used: names the file or policy key, the entry and the problem."""


def check_source(value: str) -> str:
    kind, sep, arg = value.partition(":")
    if sep and kind in SOURCE_KINDS:
        if not arg:
            raise ValueError(f"source {value!r} needs a value after '{kind}:'")
        if kind == "prompt":
            try:
                if re.compile(arg).groups < 1:
                    raise ValueError(f"source {value!r}: the regex needs one group")
            except re.error as exc:
                raise ValueError(f"source {value!r}: bad regex: {exc}") from None
        return value
    return check_path(value)


Sources = list[str]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _check_sources(value: Sources) -> Sources:
    return [check_source(s) for s in value]


# One source or a list of them, each checked where it is declared.
CheckedSources = Annotated[Sources, BeforeValidator(_as_list), AfterValidator(_check_sources)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Match(_Strict):
    method: str = "POST"
    host: str  # regex, matched against the whole lower-cased host name
    path: str  # regex, matched against the whole URL path; named groups feed `url:` sources

    @field_validator("host", "path")
    @classmethod
    def _regex(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"bad regex {value!r}: {exc}") from None
        return value

    @field_validator("method")
    @classmethod
    def _method(cls, value: str) -> str:
        return value.upper()


class Var(_Strict):
    """A named value for the model template: from a source, or chosen by whether the source is present."""

    from_: CheckedSources = Field(alias="from")
    default: str = ""
    present: str | None = None  # value when the source is present (then `absent` when it is not)
    absent: str = ""


class RequestSpec(_Strict):
    prompt: Sources = Field(default_factory=list)
    negative_prompt: Sources = Field(default_factory=list)
    count: Sources = Field(default_factory=list)
    size: Sources = Field(default_factory=list)  # "1024x1024" as one value
    width: Sources = Field(default_factory=list)
    height: Sources = Field(default_factory=list)
    aspect_ratio: Sources = Field(default_factory=list)
    quality: Sources = Field(default_factory=list)
    style: Sources = Field(default_factory=list)
    seed: Sources = Field(default_factory=list)
    params: dict[str, Sources] = Field(default_factory=dict)  # recorded in the audit log's parameters

    @model_validator(mode="before")
    @classmethod
    def _lists(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {
                k: {n: _as_list(s) for n, s in v.items()} if k == "params" and isinstance(v, dict) else _as_list(v)
                for k, v in data.items()
            }
        return data

    @model_validator(mode="after")
    def _check(self) -> RequestSpec:
        for name in type(self).model_fields:
            value = getattr(self, name)
            for sources in value.values() if isinstance(value, dict) else [value]:
                for source in sources:
                    try:
                        check_source(source)
                    except ValueError as exc:
                        raise ValueError(f"{name}: {exc}") from None
        return self


class ErrorRule(_Strict):
    field: str  # a response source: body path or header:NAME
    values: list[str] | None = Field(default=None, alias="in")  # None: any present, non-empty value
    error_type: str = "content_filtered"

    @field_validator("field")
    @classmethod
    def _source(cls, value: str) -> str:
        return check_source(value)


class ResponseSpec(_Strict):
    image_body: bool = False  # an `image/*` response body is the image itself
    images_b64: list[str] = Field(default_factory=list)  # body paths of base64 images
    image_urls: list[str] = Field(default_factory=list)  # body paths of image URLs
    job_id: CheckedSources = Field(default_factory=list)  # submit-and-poll services: the job the submit created
    errors: list[ErrorRule] = Field(default_factory=list)

    @field_validator("images_b64", "image_urls", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("images_b64", "image_urls")
    @classmethod
    def _paths(cls, value: list[str]) -> list[str]:
        return [check_path(p) for p in value]


class RestMapping(_Strict):
    name: str
    provider: str  # gen_ai.provider.name
    match: Match
    model: str  # a template: `{group}` from the path regex, `{var}` from `vars`
    model_from: CheckedSources = Field(default_factory=list)  # a model named in the request wins over the template
    vars: dict[str, Var] = Field(default_factory=dict)
    operation: Literal["generate", "edit", "variation", "upscale"] = "generate"
    request: RequestSpec = Field(default_factory=RequestSpec)
    response: ResponseSpec = Field(default_factory=ResponseSpec)

    @model_validator(mode="after")
    def _template(self) -> RestMapping:
        groups = set(re.compile(self.match.path).groupindex)
        for name in re.findall(r"\{(\w+)\}", self.model):
            if name not in groups and name not in self.vars:
                raise ValueError(
                    f"model template {self.model!r} uses {{{name}}}, which is neither a path group nor a var"
                )
        return self


@dataclass(frozen=True)
class Compiled:
    mapping: RestMapping
    host: re.Pattern[str]
    path: re.Pattern[str]


class MappingSet:
    """All mappings, compiled; `match()` is cheap and never looks at bodies."""

    def __init__(self, mappings: Iterable[RestMapping]) -> None:
        self.compiled = [Compiled(m, re.compile(m.match.host), re.compile(m.match.path)) for m in mappings]

    def __len__(self) -> int:
        return len(self.compiled)

    def names(self) -> list[str]:
        return [c.mapping.name for c in self.compiled]

    def match(self, method: str, host: str | None, path: str) -> tuple[RestMapping, dict[str, str]] | None:
        if not host:
            return None
        host = host.lower()
        for c in self.compiled:
            if c.mapping.match.method != method.upper() or c.host.fullmatch(host) is None:
                continue
            m = c.path.fullmatch(path)
            if m is not None:
                return c.mapping, {k: v for k, v in m.groupdict().items() if v is not None}
        return None


def _validate(raw: Any, where: str) -> list[RestMapping]:
    if isinstance(raw, Mapping):
        raw = raw.get("mappings")
    if not isinstance(raw, list):
        raise MappingError(f"{where}: expected a list of mappings (or a mapping with 'mappings:')")
    out: list[RestMapping] = []
    for i, entry in enumerate(raw):
        label = entry.get("name") if isinstance(entry, Mapping) and entry.get("name") else f"entry {i}"
        try:
            out.append(RestMapping.model_validate(entry))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or '<entry>'}: {err['msg']}" for err in exc.errors()
            )
            raise MappingError(f"{where}: mapping {label}: {problems}") from None
    return out


def shipped() -> list[RestMapping]:
    package = resources.files(__package__)
    out: list[RestMapping] = []
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith((".yaml", ".yml"))):
        out += _validate(safe_yaml.load(package.joinpath(name).read_bytes(), name), name)
    return out


def load_mappings(
    policy_mappings: Iterable[Mapping[str, Any]] = (), mappings_file: str | Path | None = None
) -> MappingSet:
    """User mappings (policy `rest_mappings:`, then the mappings file) first, then the shipped ones.

    Raises MappingError naming the source, the mapping and each problem."""
    user: list[RestMapping] = []
    policy_list = list(policy_mappings)
    if policy_list:
        user += _validate(policy_list, "policy rest_mappings")
    if mappings_file:
        path = Path(mappings_file)
        try:
            data = safe_yaml.load_file(path)  # bounded: size, aliases and depth
        except safe_yaml.YAMLFileError as exc:
            where = f"{path}:{exc.line}" if exc.line is not None else str(path)
            raise MappingError(f"{where}: cannot read mappings file: {exc.problem}") from None
        user += _validate(data, str(path))
    names = {m.name for m in user}
    return MappingSet(user + [m for m in shipped() if m.name not in names])
