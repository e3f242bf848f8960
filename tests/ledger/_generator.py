"""A generating process for the crash test: instrumented, ledger + outbox, real openai client.

argv: OpenAI base URL, mode ("forever": generate until killed; "finish": N generations then a clean exit).
The ledger and the OTLP endpoint come from OTEL_AIAUDIT_LEDGER and OTEL_EXPORTER_OTLP_ENDPOINT.
"""

from __future__ import annotations

import sys
import time

import openai

from otel_aiaudit.instrumentor import AIAuditInstrumentor
from otel_aiaudit.ledger import LedgerSink
from otel_aiaudit.settings import Settings


def main() -> int:
    base_url, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    # Fast retries so the outage sees several attempts; a long lease, so the next process can only take
    # over this one's batch by seeing that it is dead (not by waiting for the lease to run out).
    sink = LedgerSink.from_settings(Settings.from_env(), initial_backoff_s=0.05, max_backoff_s=0.3, lease_s=120)
    assert sink is not None and sink.delivers, "the outbox must be on: OTEL_EXPORTER_OTLP_ENDPOINT is set"
    inst = AIAuditInstrumentor()
    inst.instrument(record_sinks=[sink])
    client = openai.OpenAI(base_url=f"{base_url}/v1", api_key="sk-test-secret-key", max_retries=0)
    i = 0
    while mode == "forever" or i < count:
        client.images.generate(model="gpt-image-1", prompt=f"a harbour at dawn, take {i}", quality="low")
        i += 1
        print(f"generated {i}", flush=True)
        time.sleep(0.02)
    inst.uninstrument()
    return 0 if sink.close(timeout=30) else 3


if __name__ == "__main__":
    sys.exit(main())
