"""The offline demo: a loopback OpenAI-compatible endpoint, the real `openai` client, our instrumentation.

Each step is an ordinary `client.images.generate(...)` under `audit_context(...)`; what the plugin
recorded (spans, records, metrics) is read back from in-memory exporters and shown.
"""

from __future__ import annotations

import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..context import audit_context
from ..errors import PolicyViolation
from ..loopback.openai import start_openai_server
from .recorder import Recorder


@dataclass
class Step:
    label: str
    user: str
    prompt: str
    team: str | None = None
    purpose: str | None = None
    model: str = "gpt-image-2"
    quality: str = "medium"
    n: int = 1


@dataclass
class Outcome:
    step: Step
    status: str
    decision: str
    cost_usd: float | None
    detail: str = ""
    seconds: float = 0.0


@dataclass
class DemoResult:
    outcomes: list[Outcome] = field(default_factory=list)
    spans: int = 0
    records: int = 0
    cost_by_user: dict[str, float] = field(default_factory=dict)
    total_cost: float = 0.0
    images: float = 0.0
    workdir: str = ""


BASIC_STEPS = [
    Step("product shot", "alice", "product photo of a ceramic mug, white background, minimal", team="marketing"),
    Step("city skyline", "bob", "futuristic city skyline at dusk, cyberpunk style", team="product", quality="high"),
    Step("logo draft", "carol", "logo design for a modern tech company, flat vector", team="design", quality="low", n=2),
    Step("abstract art", "dave", "abstract art, colourful geometric shapes", team="design", model="gpt-image-1.5"),
    Step("contact card", "erin", "business card for erin@example.com, call +66 81 234 5678", team="product"),
]


def run(steps: list[Step] | None = None, *, workdir: str | None = None, policy: Any = None, progress: Any = None) -> DemoResult:
    import openai

    from ..instrumentor import AIAuditInstrumentor

    steps = steps or BASIC_STEPS
    work = Path(workdir or tempfile.mkdtemp(prefix="aiaudit-demo-"))
    recorder = Recorder()
    server = start_openai_server()
    inst = AIAuditInstrumentor()
    result = DemoResult(workdir=str(work))
    try:
        inst.instrument(
            **recorder.providers(),
            policy=policy,
            store=f"sqlite:///{work / 'aiaudit.db'}",
            ledger=str(work / "ledger.db"),
        )
        client = openai.OpenAI(base_url=f"{server.url}/v1", api_key="sk-demo", max_retries=0)
        for step in steps:
            t0 = time.perf_counter()
            with audit_context(user=step.user, team=step.team, purpose=step.purpose):
                try:
                    client.images.generate(model=step.model, prompt=step.prompt, quality=step.quality, n=step.n)
                    status, detail = "success", ""
                except PolicyViolation as exc:
                    status, detail = type(exc).__name__, str(exc)
            body = recorder.log_bodies()[-1]
            result.outcomes.append(
                Outcome(
                    step,
                    status,
                    body["policy"]["decision"],
                    body.get("cost", {}).get("usd"),
                    detail or ", ".join(body["policy"].get("flags", [])),
                    time.perf_counter() - t0,
                )
            )
            if progress is not None:
                progress(result.outcomes[-1])
        by_user: dict[str, float] = defaultdict(float)
        for body in recorder.log_bodies():
            by_user[body.get("user", "?")] += body.get("cost", {}).get("usd") or 0.0
        result.cost_by_user = dict(sorted(by_user.items()))
        result.total_cost = sum(by_user.values())
        result.images = recorder.metric_total("aiaudit.images")
        result.spans = len(recorder.spans.get_finished_spans())
        result.records = len(recorder.logs.get_finished_logs())
    finally:
        inst.uninstrument()
        server.stop()
        recorder.shutdown()
    return result
