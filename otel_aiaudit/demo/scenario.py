"""The offline demo: a loopback OpenAI-compatible endpoint, the real `openai` client, our instrumentation,
the seed's policy. Each step is an ordinary `client.images.generate(...)` under `audit_context(...)`;
what the plugin decided and recorded is read back from the in-memory exporters and the local ledger.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..context import audit_context
from ..errors import ApprovalRequired, PolicyViolation
from ..loopback.openai import start_openai_server
from .recorder import Recorder


@dataclass
class Step:
    label: str
    user: str
    prompt: str
    purpose: str | None = None
    model: str = "gpt-image-2"
    quality: str = "medium"
    size: str = "1024x1024"
    n: int = 1
    approve_as: tuple[str, ...] = ()  # approvers who grant the ticket, then the call is retried


@dataclass
class Outcome:
    step: Step
    status: str  # success, or the PolicyViolation class name
    decision: str
    cost_usd: float | None
    flags: list[str]
    note: str = ""
    seconds: float = 0.0
    sent_prompt: str | None = None


@dataclass
class DemoResult:
    outcomes: list[Outcome] = field(default_factory=list)
    spans: int = 0
    records: int = 0
    images: int = 0
    total_cost: float = 0.0
    cost_by_user: dict[str, float] = field(default_factory=dict)
    workdir: str = ""
    report: Any = None
    seconds: float = 0.0


def demo_policy_path() -> Path:
    return Path(str(resources.files(__package__).joinpath("policy.yaml")))


def steps() -> list[Step]:
    plan = [
        Step("product shot", "alice", "product photo of a ceramic mug, white background, minimal"),
        Step("city skyline", "bob", "futuristic city skyline at dusk, cyberpunk style", quality="high"),
        Step(
            "logo drafts", "grace", "logo design for a modern tech company, flat vector", quality="low", n=2
        ),
        Step("blocked prompt", "eve", "a graphic photo of a bloody massacre, dismembered bodies"),
        Step("redacted prompt", "erin", "business card for erin.smith@example.com, call +66 81 234 5678"),
        Step("artist's style", "grace", "a harbour at night in the style of Greg Rutkowski"),
    ]
    # frank spends towards his daily budget: a warning at 80 %, then a block at 100 %.
    plan += [
        Step(f"poster {i}", "frank", f"large poster, concept art {i}", quality="high", size="1536x1024")
        for i in range(1, 7)
    ]
    # dave makes 23 quick thumbnails: 20 fit the rate-limit window, the rest queue until slots free.
    plan += [Step(f"thumbnail {i}", "dave", f"icon {i}, flat style", quality="low") for i in range(1, 24)]
    # An external-use request nobody has approved yet: it stays pending in the report.
    plan.append(Step("external flyer", "bob", "trade fair flyer with our logo", purpose="external"))
    plan.append(
        Step(
            "marketing banner",
            "alice",
            "spring sale banner with flowers",
            purpose="marketing",
            approve_as=("carol", "dave"),
        )
    )
    return plan


def _note(body: dict[str, Any], sent: str | None, prompt: str) -> str:
    notes = []
    for w in body.get("budget_warnings") or []:
        notes.append(f"budget {w.get('scope')} at {w.get('utilization', 0):.0%}")
    if body.get("ratelimit_wait_s"):
        notes.append(f"queued {body['ratelimit_wait_s']:.1f}s")
    if sent is not None and sent != prompt:
        notes.append(f"sent: {sent!r}")
    return "; ".join(notes)


def run(
    plan: list[Step] | None = None,
    *,
    workdir: str | None = None,
    policy: Any = None,
    progress: Callable[[Outcome], None] | None = None,
) -> DemoResult:
    import openai

    from ..instrumentor import AIAuditInstrumentor
    from ..limits import approvals
    from ..policy.config import load_policy

    started = time.perf_counter()
    plan = plan if plan is not None else steps()
    work = Path(workdir or tempfile.mkdtemp(prefix="aiaudit-demo-"))
    work.mkdir(parents=True, exist_ok=True)
    policy_config = policy if policy is not None else load_policy(demo_policy_path())
    recorder = Recorder()
    server = start_openai_server()
    inst = AIAuditInstrumentor()
    result = DemoResult(workdir=str(work))
    store_url = f"sqlite:///{work / 'aiaudit.db'}"
    try:
        inst.instrument(
            **recorder.providers(), policy=policy_config, store=store_url, ledger=str(work / "ledger.db")
        )
        governor = inst.auditor.governor if inst.auditor else None
        client = openai.OpenAI(base_url=f"{server.url}/v1", api_key="sk-demo", max_retries=0)
        for step in plan:
            t0 = time.perf_counter()
            before = len(server.requests)
            note = ""
            with audit_context(user=step.user, purpose=step.purpose):
                try:
                    client.images.generate(
                        model=step.model, prompt=step.prompt, quality=step.quality, size=step.size, n=step.n
                    )
                    status = "success"
                except ApprovalRequired as exc:
                    status = "ApprovalRequired"
                    if step.approve_as and governor is not None:
                        for approver in step.approve_as:
                            approvals.approve(governor.store, governor.policy, exc.ticket_id, approver)
                        _record(
                            result,
                            recorder,
                            server,
                            step,
                            status,
                            before,
                            t0,
                            f"ticket {exc.ticket_id[:8]} pending",
                            progress,
                        )
                        t0 = time.perf_counter()
                        before = len(server.requests)
                        note = f"approved by {', '.join(step.approve_as)}"
                        with audit_context(approval_id=exc.ticket_id):
                            client.images.generate(
                                model=step.model, prompt=step.prompt, quality=step.quality, n=step.n
                            )
                        status = "success"
                except PolicyViolation as exc:
                    status = type(exc).__name__
                    note = str(exc)
            _record(result, recorder, server, step, status, before, t0, note, progress)
        bodies = recorder.log_bodies()
        by_user: dict[str, float] = {}
        for body in bodies:
            user = body.get("user", "?")
            by_user[user] = by_user.get(user, 0.0) + (body.get("cost", {}).get("usd") or 0.0)
        result.cost_by_user = dict(sorted(by_user.items()))
        result.total_cost = sum(by_user.values())
        result.images = int(recorder.metric_total("aiaudit.images"))
        result.spans = len(recorder.spans.get_finished_spans())  # flushed above
        result.records = len(recorder.logs.get_finished_logs())
    finally:
        inst.uninstrument()
        server.stop()
        recorder.shutdown()
    result.report = _report(work, policy_config, store_url)
    result.seconds = time.perf_counter() - started
    return result


def _record(
    result: DemoResult,
    recorder: Recorder,
    server: Any,
    step: Step,
    status: str,
    before: int,
    t0: float,
    note: str,
    progress: Callable[[Outcome], None] | None,
) -> None:
    body = recorder.log_bodies()[-1]
    sent_requests = server.requests[before:]
    sent = sent_requests[-1].json().get("prompt") if sent_requests else None
    extra = _note(body, sent, step.prompt)
    outcome = Outcome(
        step,
        status,
        body["policy"]["decision"],
        body.get("cost", {}).get("usd"),
        list(body["policy"].get("flags", [])),
        "; ".join(x for x in (note, extra) if x),
        time.perf_counter() - t0,
        sent,
    )
    result.outcomes.append(outcome)
    if progress is not None:
        progress(outcome)


def _report(work: Path, policy: Any, store_url: str) -> Any:
    """The cost report from the local ledger, when the ledger module is part of this build."""
    try:
        from ..ledger.report import build_report
    except ImportError:
        return None
    return build_report(str(work / "ledger.db"), since_days=30, store_url=store_url, policy=policy)
