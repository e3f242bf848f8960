"""A small image app, instrumented without code changes:

    OPENAI_BASE_URL=... OPENAI_API_KEY=... OTEL_AIAUDIT_POLICY_FILE=examples/policy.yaml \
        opentelemetry-instrument python examples/app.py

`audit_context` says who is generating and why; the policy decides before the provider is called.
"""

from __future__ import annotations

import sys

import openai

from otel_aiaudit import ApprovalRequired, PolicyViolation, audit_context


def main() -> int:
    client = openai.OpenAI(max_retries=0)
    requests = [
        ("alice", "marketing", "internal", "product photo of a ceramic mug, white background"),
        ("bob", "design", "internal", "a photo of a bloody massacre"),  # refused by the content filter
        ("alice", "marketing", "marketing", "spring sale banner"),  # needs approval first
    ]
    for user, team, purpose, prompt in requests:
        with audit_context(user=user, team=team, purpose=purpose):
            try:
                result = client.images.generate(model="gpt-image-2", prompt=prompt, quality="low")
                print(f"{user}: {len(result.data)} image(s)")
            except ApprovalRequired as exc:
                print(f"{user}: waiting for approval, ticket {exc.ticket_id}")
            except PolicyViolation as exc:
                print(f"{user}: refused: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
