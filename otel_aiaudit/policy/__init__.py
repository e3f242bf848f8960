"""Policy: rules decided before the provider is called (content, PII, copyright, prompt length).

Knows the Generation record and nothing of OTel or client libraries.
"""

from .config import PolicyConfig, load_policy
from .engine import PolicyEngine, raise_for

__all__ = ["PolicyConfig", "PolicyEngine", "load_policy", "raise_for"]
