"""The policy file schema (`policy.yaml`). Keys are a public contract (see DESIGN.md).

Every section forbids unknown keys so a typo fails at start-up instead of silently disabling a rule.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


Category = Literal["violence", "explicit", "hate_speech", "deepfake"]


class ClassifierConfig(_Section):
    """An extra classifier: `openai_moderation` (built in) or `python` (a dotted callable)."""

    name: str
    type: Literal["openai_moderation", "python"] = "python"
    callable: str | None = None  # "package.module:function" for type python
    model: str | None = None  # moderation model for openai_moderation
    base_url: str | None = None
    api_key_env: str | None = None
    threshold: float = 0.5
    timeout_seconds: float = 2.0
    categories: dict[str, Category] = Field(default_factory=dict)  # classifier label -> our category
    fail_mode: Literal["fail_open", "fail_closed"] = "fail_open"


class ContentFilter(_Section):
    blocked_categories: list[Category] = Field(default_factory=lambda: ["violence", "explicit", "hate_speech", "deepfake"])
    extra_terms: dict[Category, list[str]] = Field(default_factory=dict)
    allow_terms: list[str] = Field(default_factory=list)
    lexicon_files: dict[Category, list[str]] = Field(default_factory=dict)  # extra term files, one per line
    action: Literal["block", "block_and_alert", "warn"] = "block_and_alert"
    alert_webhook: str | None = None
    classifiers: list[ClassifierConfig] = Field(default_factory=list)


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
    max_chars: int = Field(default=500, gt=0)
    action: Literal["truncate_and_warn", "block", "warn"] = "truncate_and_warn"


class CostLimits(_Section):
    per_user_daily: float | None = Field(default=None, ge=0)
    per_team_monthly: float | None = Field(default=None, ge=0)
    timezone: str = "UTC"
    action: Literal["warn_at_80_block_at_100", "warn_only"] = "warn_at_80_block_at_100"
    warn_at: float = Field(default=0.8, gt=0, le=1)
    on_store_error: Literal["fail_closed", "fail_open"] = "fail_closed"
    unpriced: Literal["block", "allow"] = "allow"
    reservation_ttl_seconds: int = Field(default=900, gt=0)


class RateLimit(_Section):
    images_per_hour: int = Field(gt=0)
    per: Literal["user", "team"] = "user"
    action: Literal["queue_and_wait", "block"] = "queue_and_wait"
    max_wait_seconds: float = Field(default=60, ge=0)
    window_seconds: int = Field(default=3600, gt=0)


class ApprovalRequired(_Section):
    for_external_use: bool = False
    for_marketing: bool = False
    purposes: list[str] = Field(default_factory=list)  # further purposes needing approval
    approvers: list[str] = Field(default_factory=list)  # role names, each must approve
    ticket_ttl_hours: float = Field(default=72, gt=0)


class Retention(_Section):
    prompts: int = Field(default=365, gt=0)
    images: int = Field(default=180, gt=0)
    logs: int = Field(default=730, gt=0)


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
    # Declarative REST mappings for services without an SDK (validated by providers.rest).
    rest_mappings: list[dict[str, Any]] = Field(default_factory=list)
    prices: list[dict[str, Any]] = Field(default_factory=list)  # extra price entries, same shape as prices.yaml

    # Filled by the loader: content hash of the file (policy version on every span and record).
    digest: str = Field(default="builtin", exclude=True)
    source: str | None = Field(default=None, exclude=True)
