"""The policy file schema (`policy.yaml`). Keys are a public contract (see DESIGN.md).

Every section forbids unknown keys so a typo fails at start-up instead of silently disabling a rule.
Types are strict (`per_user_daily: true` or `"5"` is refused, not read as 1 or 5), numbers must be
finite and within sane bounds, and the checks that span sections (time zone, approver roles, the
policy's own prices and REST mappings) run in the model too. So `parse_policy` is the one validation
path: `aiaudit policy check|eval` and the instrumentor both load through it, and whatever would fail
at the first call fails there instead, as `file:line: key: problem`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import typing
import zoneinfo
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .. import safe_yaml
from ..errors import PolicyFileError

# Bounds past which a number is a typo rather than a setting (a budget of 5e12 USD, a week's wait).
MAX_USD = 1e9
MAX_SECONDS = 7 * 86400
MAX_RETENTION_DAYS = 100 * 366


class PolicyFileUnreadable(PolicyFileError):
    """The policy file could not be read at all (missing, a directory, no permission): an input error,
    not an invalid policy, so `aiaudit policy check` exits 2 for it and 1 for a policy it read."""


class _KeyProblems(ValueError):
    """Problems found by a whole-policy check, each with the key path it belongs to, so the loader can
    still point at the right line (pydantic reports a model validator's error at the model itself)."""

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        super().__init__("; ".join(f"{'.'.join(map(str, loc))}: {why}" for loc, why in problems))
        self.problems = problems


class _Section(BaseModel):
    # strict: YAML already gives native numbers and booleans, so a conversion can only hide a mistake
    # (`true` read as 1, "5" read as 5.0). allow_inf_nan: `.inf` would disable a limit, `.nan` every one.
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


# `minors` (sexual content involving minors) is always blocked: see ContentFilter.
Category = Literal["violence", "explicit", "hate_speech", "deepfake", "minors"]


# ShieldGemma's published harm types, one Yes/No question each (policy/safety_models.py).
ShieldGemmaPolicy = Literal["dangerous_content", "harassment", "hate_speech", "sexually_explicit"]


class ClassifierConfig(_Section):
    """An extra classifier: `openai_moderation` (built in), `llama_guard` or `shieldgemma` (a
    self-hosted safety model behind an OpenAI-compatible chat endpoint), or `python` (a dotted callable)."""

    name: str
    type: Literal["openai_moderation", "llama_guard", "shieldgemma", "python"] = "python"
    callable: str | None = None  # "package.module:function" for type python
    model: str | None = None  # moderation model, or the served safety model's name
    base_url: str | None = None
    api_key_env: str | None = None
    # For shieldgemma the probability of "Yes"; Llama Guard's categories score 1.0 when named.
    threshold: float = Field(default=0.5, ge=0, le=1)
    timeout_seconds: float = Field(default=2.0, gt=0, le=600)
    categories: dict[str, Category] = Field(default_factory=dict)  # classifier label -> our category
    # Unset: the policy's fail mode for the `classifier` step (closed in enforce mode; see on_error).
    fail_mode: Literal["fail_open", "fail_closed"] | None = None
    # shieldgemma: the harm types asked about, one request each (unset: all four).
    policies: list[ShieldGemmaPolicy] | None = None
    # llama_guard: `template` sends the model card's full task prompt as the user message; `server`
    # sends the prompt alone, for servers whose chat template already builds that task prompt.
    prompt_format: Literal["template", "server"] = "template"

    @model_validator(mode="after")
    def _fits_type(self) -> ClassifierConfig:
        # A self-hosted model has no default address or name: without them the first call would fail.
        if self.type in ("llama_guard", "shieldgemma"):
            missing = [key for key in ("base_url", "model") if not getattr(self, key)]
            if missing:
                raise ValueError(f"type {self.type} needs {' and '.join(missing)}")
        if self.policies is not None and self.type != "shieldgemma":
            raise ValueError("policies applies to type shieldgemma only")
        if self.policies is not None and not self.policies:
            raise ValueError("policies is empty, so nothing would be asked")
        if self.prompt_format != "template" and self.type != "llama_guard":
            raise ValueError("prompt_format applies to type llama_guard only")
        return self


class ContentFilter(_Section):
    blocked_categories: list[Category] = Field(
        default_factory=lambda: ["violence", "explicit", "hate_speech", "deepfake"]
    )
    extra_terms: dict[Category, list[str]] = Field(default_factory=dict)
    allow_terms: list[str] = Field(default_factory=list)
    lexicon_files: dict[Category, list[str]] = Field(default_factory=dict)  # extra term files, one per line
    # Extra composition rules (lexicons/README.md: an act and a target within a window of words).
    rule_files: list[str] = Field(default_factory=list)
    action: Literal["block", "block_and_alert", "warn"] = "block_and_alert"
    alert_webhook: str | None = None
    # Also scan `negative_prompt` (an evasion channel on some services). Turn off for
    # Stable-Diffusion-style negatives such as "nsfw, gore", which name what must NOT appear.
    check_negative_prompt: bool = True
    # The shipped prompt model (policy/prompt_model.py): scores what the lexicons let through.
    prompt_model: bool = True
    classifiers: list[ClassifierConfig] = Field(default_factory=list)
    # The model stage's time budget: every classifier answers within it (unset: each its own timeout).
    model_budget_seconds: float | None = Field(default=None, gt=0, le=600)

    @field_validator("blocked_categories")
    @classmethod
    def _minors_always(cls, value: list[str]) -> list[str]:
        # Sexual content involving minors is illegal to produce almost everywhere: no policy may
        # stop blocking it, so the category is blocked whether or not the file lists it.
        return value if "minors" in value else [*value, "minors"]


PIIType = Literal["email", "phone", "card", "iban", "ip", "thai_id", "us_ssn"]


class PIIConfig(_Section):
    action: Literal["redact", "block", "warn"] = "redact"
    detectors: list[PIIType] = Field(
        default_factory=lambda: ["email", "phone", "card", "iban", "ip", "thai_id", "us_ssn"]
    )


class CopyrightConfig(_Section):
    action: Literal["warn", "block"] = "warn"
    extra_artists: list[str] = Field(default_factory=list)
    allow_artists: list[str] = Field(default_factory=list)


class PromptLength(_Section):
    max_chars: int = Field(default=500, gt=0, le=1_000_000)
    action: Literal["truncate_and_warn", "block", "warn"] = "truncate_and_warn"


class CostLimits(_Section):
    per_user_daily: float | None = Field(default=None, ge=0, le=MAX_USD)
    per_team_monthly: float | None = Field(default=None, ge=0, le=MAX_USD)
    timezone: str = "UTC"
    action: Literal["warn_at_80_block_at_100", "warn_only"] = "warn_at_80_block_at_100"
    warn_at: float = Field(default=0.8, gt=0, le=1)
    on_store_error: Literal["fail_closed", "fail_open"] = "fail_closed"
    unpriced: Literal["block", "allow"] = "allow"
    reservation_ttl_seconds: int = Field(default=900, gt=0, le=MAX_SECONDS)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        # Budgets are cut at midnight in this zone; an unknown name would only fail at the first call.
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {name!r}") from None
        return name


class RateLimit(_Section):
    images_per_hour: int = Field(gt=0, le=1_000_000)
    per: Literal["user", "team"] = "user"
    action: Literal["queue_and_wait", "block"] = "queue_and_wait"
    max_wait_seconds: float = Field(default=60, ge=0, le=MAX_SECONDS)
    window_seconds: int = Field(default=3600, gt=0, le=MAX_SECONDS)


class ApprovalRequired(_Section):
    for_external_use: bool = False
    for_marketing: bool = False
    purposes: list[str] = Field(default_factory=list)  # further purposes needing approval
    approvers: list[str] = Field(default_factory=list)  # role names, each must approve
    ticket_ttl_hours: float = Field(default=72, gt=0, le=366 * 24)  # at most a year


class Retention(_Section):
    prompts: int = Field(default=365, gt=0, le=MAX_RETENTION_DAYS)
    images: int = Field(default=180, gt=0, le=MAX_RETENTION_DAYS)
    logs: int = Field(default=730, gt=0, le=MAX_RETENTION_DAYS)


class PolicyConfig(_Section):
    version: Literal[1] = 1
    mode: Literal["enforce", "observe"] = "enforce"
    content_filter: ContentFilter | None = None
    pii: PIIConfig | None = None
    copyright: CopyrightConfig | None = None
    prompt_length: PromptLength | None = None
    cost_limits: CostLimits | None = None
    rate_limit: RateLimit | None = None
    approval_required: ApprovalRequired | None = None
    roles: dict[str, list[str]] = Field(default_factory=dict)
    teams: dict[str, str] = Field(default_factory=dict)  # user -> team
    retention: Retention = Field(default_factory=Retention)
    # Fail mode per governance step (policy/failmode.py): unset steps fail closed in enforce mode.
    on_error: dict[Literal["policy", "classifier", "store", "ledger"], Literal["fail_closed", "fail_open"]] = Field(
        default_factory=dict
    )
    # Declarative REST mappings for services without an SDK (validated by providers.rest).
    rest_mappings: list[dict[str, Any]] = Field(default_factory=list)
    # Extra price entries, same shape as prices.yaml.
    prices: list[dict[str, Any]] = Field(default_factory=list)

    # Filled by the loader: content hash of the file (policy version on every span and record).
    digest: str = Field(default="builtin", exclude=True)
    source: str | None = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _cross_checks(self) -> PolicyConfig:
        problems = _approver_problems(self) + _embedded_problems(self)
        if problems:
            raise _KeyProblems(problems)
        return self


def _approver_problems(cfg: PolicyConfig) -> list[tuple[tuple[str | int, ...], str]]:
    """Every approver role must exist under `roles:` with members, or no ticket could be approved."""
    approval = cfg.approval_required
    if approval is None:
        return []
    problems: list[tuple[tuple[str | int, ...], str]] = []
    needs = approval.for_external_use or approval.for_marketing or bool(approval.purposes)
    if needs and not approval.approvers:
        problems.append((("approval_required", "approvers"), "approvers is empty, so no ticket could ever be approved"))
    for i, role in enumerate(approval.approvers):
        if not cfg.roles.get(role):
            why = "it is not defined there" if role not in cfg.roles else "its member list is empty"
            problems.append((("approval_required", "approvers", i), f"role {role!r} has no members under roles: {why}"))
    return problems


def _embedded_problems(cfg: PolicyConfig) -> list[tuple[tuple[str | int, ...], str]]:
    """The policy's own `prices:` and `rest_mappings:` entries, checked by the loaders that use them."""
    # Imported here: both loaders live in packages that import the policy package in turn.
    from ..pricing.pricing import PriceEntry
    from ..providers.rest_mappings import RestMapping

    problems: list[tuple[tuple[str | int, ...], str]] = []
    for i, entry in enumerate(cfg.prices):
        try:
            PriceEntry.parse(entry, f"entry {i}")
        except ValueError as exc:
            problems.append((("prices", i), str(exc)))
    for i, entry in enumerate(cfg.rest_mappings):
        try:
            RestMapping.model_validate(entry)
        except ValidationError as exc:
            for err in exc.errors():
                problems.append((("rest_mappings", i, *err["loc"]), err["msg"]))
    return problems


# --- loading -------------------------------------------------------------------------------------
# YAML is composed into nodes first so every key keeps its line; pydantic's error locations are
# then mapped back to `file:line: key: problem`.


def _node_lines(
    node: yaml.Node,
    path: tuple[str | int, ...],
    lines: dict[tuple[str | int, ...], int],
    problems: list[tuple[int, str, str]],
) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            dotted = ".".join(str(p) for p in (*path, key))
            if key in seen:
                problems.append((key_node.start_mark.line + 1, dotted, "duplicate key"))
            seen.add(key)
            lines[(*path, key)] = key_node.start_mark.line + 1
            _node_lines(value_node, (*path, key), lines, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _node_lines(item, (*path, i), lines, problems)


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The pydantic model that owns the last element of `loc` (for "did you mean")."""
    model: Any = PolicyConfig
    for part in loc[:-1]:
        if isinstance(part, int) or not (isinstance(model, type) and issubclass(model, BaseModel)):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _explain(error: dict[str, Any]) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        model = _model_at(loc)
        fields = [name for name in (model.model_fields if model else {}) if name not in ("digest", "source")]
        close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else (f"; allowed keys: {', '.join(fields)}" if fields else "")
        return f"unknown key{hint}"
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        value = error.get("input")
        close = difflib.get_close_matches(str(value), expected, n=1, cutoff=0.6) if expected else []
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{value!r} is not one of {', '.join(expected)}{hint}"
    if kind == "missing":
        return "required key is missing"
    if kind.endswith("_type") and "input" in error:  # strict types: say what was given instead
        return f"{error['msg']}, got {_yaml_repr(error['input'])}"
    if kind == "value_error":  # our own validators: their message without pydantic's "Value error, "
        return str(error.get("ctx", {}).get("error", error["msg"]))
    return str(error["msg"])


def _yaml_repr(value: Any) -> str:
    """A scalar as the user wrote it in YAML (`true`, not Python's `True`); other values briefly."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


def _fail(path: str, problems: list[tuple[int | None, str, str]]) -> PolicyFileError:
    # A problem of the file as a whole (too large, bad YAML) has no key; one before any line (unreadable
    # bytes) has no line. Either is left out rather than shown as a placeholder.
    text = "\n".join(
        ": ".join(part for part in (f"{path}:{line}" if line is not None else path, key, why) if part)
        for line, key, why in problems
    )
    line, key, _ = problems[0]
    return PolicyFileError(text, path=path, line=line, key=key)


def parse_policy(text: str | bytes, source: str = "<policy>") -> PolicyConfig:
    """Validate policy YAML; raise PolicyFileError naming file, line, key and the problem."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        node, data = safe_yaml.compose_and_load(raw, source)
    except safe_yaml.YAMLFileError as exc:
        raise _fail(source, [(exc.line, "", exc.problem)]) from None
    if node is None or data is None:
        raise _fail(source, [(1, "", "the policy file is empty")])
    if not isinstance(data, dict):
        raise _fail(source, [(node.start_mark.line + 1, "", "the policy file must be a mapping of sections")])
    lines: dict[tuple[str | int, ...], int] = {}
    problems: list[tuple[int, str, str]] = []
    _node_lines(node, (), lines, problems)
    if problems:
        raise _fail(source, list(problems))
    try:
        config = PolicyConfig.model_validate(data)
    except ValidationError as exc:
        found: list[tuple[int | None, str, str]] = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            # Drop pydantic's union-branch markers ("function-after[...]", model names) from the path.
            loc = tuple(p for p in loc if isinstance(p, int) or p in _KNOWN_KEYS or not p[:1].isupper())
            cross = error.get("ctx", {}).get("error")
            if isinstance(cross, _KeyProblems):  # a whole-policy check: one entry per key it names
                for sub, why in cross.problems:
                    found.append(_located((*loc, *sub), why, lines))
            else:
                found.append(_located(loc, _explain({**error, "loc": loc}), lines))
        raise _fail(source, found) from None
    config.digest = "sha256:" + hashlib.sha256(raw).hexdigest()[:12]
    config.source = source
    return config


def _located(
    loc: tuple[str | int, ...], why: str, lines: dict[tuple[str | int, ...], int]
) -> tuple[int | None, str, str]:
    """`(line, dotted key, problem)`: the line of the deepest part of `loc` present in the file."""
    line = None
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            line = lines[loc[:cut]]
            break
    return line, ".".join(str(p) for p in loc), why


def load_policy(path: str | Path) -> PolicyConfig:
    """Load and validate `policy.yaml`; the digest is the policy version on every span and record.

    Raises PolicyFileUnreadable when the file cannot be read, PolicyFileError when it is invalid."""
    p = Path(path)
    try:
        raw = safe_yaml.read_bounded(p)
    except safe_yaml.YAMLFileError as exc:
        if exc.unreadable:
            raise PolicyFileUnreadable(f"{p}: cannot read policy file: {exc.problem}", path=str(p)) from None
        raise _fail(str(p), [(exc.line, "", exc.problem)]) from None
    return parse_policy(raw, source=str(p))


_KNOWN_KEYS: set[str] = set()


def _collect_keys(model: type[BaseModel]) -> None:
    for name, field in model.model_fields.items():
        _KNOWN_KEYS.add(name)
        inner = _inner_model(field.annotation)
        if inner is not None and inner is not model:
            _collect_keys(inner)


_collect_keys(PolicyConfig)
