"""What we assert about a generated image: the manifest definition handed to the c2pa Builder."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from otel_aiaudit.provenance.formats import EXTENSIONS
from otel_aiaudit.version import __version__

# Our own assertion. C2PA labels outside `c2pa.*` must be reverse-DNS names we own.
ASSERTION_LABEL = "org.otel-aiaudit.generation"
TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
GENERATOR_NAME = "otel-aiaudit"
SOFT_BINDING_LABEL = "c2pa.soft-binding"


def generator_version() -> str:
    return __version__


@dataclass
class ProvenanceInfo:
    """What goes into our assertion; the auditor fills it from the Generation and the span."""

    generation_id: str
    trace_id: str | None = None
    span_id: str | None = None
    prompt_hash: str | None = None  # already keyed (HMAC) when a hash key is configured
    user: str | None = None
    team: str | None = None
    organisation: str | None = None
    policy_decision: str | None = None
    model: str | None = None
    provider: str | None = None
    created_at: float = 0.0  # epoch seconds

    @classmethod
    def from_generation(
        cls, generation: Any, trace_id: str | None = None, span_id: str | None = None
    ) -> ProvenanceInfo:
        """Build from a `Generation` (typed loosely so this module does not import the auditor's record)."""
        actor = generation.actor
        return cls(
            generation_id=generation.id,
            trace_id=trace_id,
            span_id=span_id,
            prompt_hash=generation.prompt_hash,
            user=actor.user,
            team=actor.team,
            organisation=actor.organisation,
            policy_decision=generation.decision.outcome,
            model=generation.response_model or generation.model,
            provider=generation.provider,
            created_at=generation.started_at,
        )


def iso_time(epoch: float) -> str:
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc)
    return stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def assertion_data(info: ProvenanceInfo) -> dict[str, Any]:
    """Our assertion's content. Unknown fields are left out rather than written as nulls."""
    data = {k: v for k, v in asdict(info).items() if v is not None and k != "created_at"}
    data["created_at"] = iso_time(info.created_at)
    data["generator"] = f"{GENERATOR_NAME}/{generator_version()}"
    return data


def soft_binding(alg: str, value: str, alg_params: str | None = None) -> dict[str, Any]:
    """A `c2pa.soft-binding` assertion: the watermark in the pixels, named from inside the manifest.

    The manifest's hard binding breaks with the first re-save; the watermark does not, and its value
    (our per-generation key) is what `aiaudit verify-image` looks up in the ledger. So each points at
    the other: the manifest names the mark, the mark leads back to the generation. One block with an
    empty scope: the mark covers the whole image. `pad` is required by the assertion's schema."""
    data: dict[str, Any] = {"alg": alg, "blocks": [{"scope": {}, "value": value}], "pad": [0]}
    if alg_params:
        data["alg_params"] = alg_params
    return {"label": SOFT_BINDING_LABEL, "data": data}


def build_manifest(
    info: ProvenanceInfo, mime_type: str, has_parent: bool, binding: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The manifest definition for one image.

    A fresh image gets the `c2pa.created` action with the trainedAlgorithmicMedia source type and the
    model as software agent. An image that already carries a manifest (OpenAI signs its output) is
    signed with the EDIT intent instead: c2pa then keeps the upstream manifest as the `parentOf`
    ingredient and adds `c2pa.opened` itself; a `c2pa.created` action there would drop the parent.
    Marking such an image is recorded as a `c2pa.watermarked` action after it.
    """
    assertions: list[dict[str, Any]] = []
    if has_parent and binding is not None:
        # The provider's image, marked: the parent stays as signed, and this manifest says what
        # changed its pixels (c2pa adds `c2pa.opened` for the parent before this action).
        assertions.append(
            {
                "label": "c2pa.actions.v2",
                "data": {
                    "actions": [
                        {
                            "action": "c2pa.watermarked",
                            "softwareAgent": {"name": GENERATOR_NAME},
                            "when": iso_time(info.created_at),
                            "description": "An invisible watermark carrying this generation's key (soft binding)",
                        }
                    ]
                },
            }
        )
    if not has_parent:
        agent = info.model or info.provider or "unknown"
        assertions.append(
            {
                "label": "c2pa.actions.v2",
                "data": {
                    "actions": [
                        {
                            "action": "c2pa.created",
                            "digitalSourceType": TRAINED_ALGORITHMIC_MEDIA,
                            "softwareAgent": {"name": agent},
                            "when": iso_time(info.created_at),
                            "description": f"Generated by {info.provider or 'an AI provider'} model {agent}",
                        }
                    ]
                },
            }
        )
    assertions.append({"label": ASSERTION_LABEL, "data": assertion_data(info)})
    if binding is not None:
        assertions.append(binding)
    return {
        # Exactly one entry: c2pa rejects more, and ignores the old `claim_generator` string.
        "claim_generator_info": [{"name": GENERATOR_NAME, "version": generator_version()}],
        "title": f"{info.generation_id}.{EXTENSIONS.get(mime_type, 'img')}",
        "format": mime_type,
        "assertions": assertions,
    }
