"""Content credentials (C2PA) for generated images."""

from otel_aiaudit.provenance.c2pa import ASSERTION_LABEL, Provenance, ProvenanceInfo, SignResult

__all__ = ["ASSERTION_LABEL", "Provenance", "ProvenanceInfo", "SignResult"]
