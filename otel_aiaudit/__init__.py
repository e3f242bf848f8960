"""otel-aiaudit: every AI image generation audited, governed and costed, through OpenTelemetry."""

from .context import audit_context
from .errors import (
    ApprovalRequired,
    BudgetExceeded,
    ConfigurationError,
    ContentBlocked,
    CopyrightBlocked,
    GovernanceUnavailable,
    MissingExtra,
    PIIBlocked,
    PolicyFileError,
    PolicyViolation,
    PromptTooLong,
    RateLimited,
)
from .version import __version__


def __getattr__(name: str):  # lazy: importing the package must stay cheap and side-effect free
    if name == "AIAuditInstrumentor":
        from .instrumentor import AIAuditInstrumentor

        return AIAuditInstrumentor
    if name == "PolicySpanProcessor":
        from .telemetry.processor import PolicySpanProcessor

        return PolicySpanProcessor
    raise AttributeError(name)


__all__ = [
    "AIAuditInstrumentor",
    "PolicySpanProcessor",
    "audit_context",
    "PolicyViolation",
    "ContentBlocked",
    "PIIBlocked",
    "CopyrightBlocked",
    "PromptTooLong",
    "BudgetExceeded",
    "RateLimited",
    "ApprovalRequired",
    "GovernanceUnavailable",
    "PolicyFileError",
    "ConfigurationError",
    "MissingExtra",
    "__version__",
]
