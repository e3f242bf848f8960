"""A loopback OpenAI-compatible chat completions endpoint that answers like a safety model.

`state["kind"]` picks the model: `llama_guard` answers `safe` or `unsafe\\n<codes>`, `shieldgemma`
answers `Yes` or `No` for the one policy its prompt asks about, with the first token's logprobs
when the request asks for them and `state["logprobs"]` is on (as vLLM and llama.cpp do; Ollama's
/v1 has long answered without them).

What it answers comes from `state["answers"]`, keyed by a phrase of the user's prompt as the
template quotes it: for Llama Guard the answer text, for ShieldGemma {policy title: P(Yes)}.
`state["delay"]` sleeps before answering (a model past its time budget).
"""

from __future__ import annotations

import math
import re
import time
from typing import Any

from otel_aiaudit.loopback.server import Handler, LoopbackServer, Recorded, Reply

_QUOTED = {
    "llama_guard": re.compile(r"\nUser: (.*)\n\n<END CONVERSATION>", re.DOTALL),
    "shieldgemma": re.compile(r"\nHuman Question: (.*)\n<end_of_turn>", re.DOTALL),
}
_POLICY = re.compile(r'^\* "([^"]+)":', re.MULTILINE)


class SafetyModelHandler(Handler):
    server: SafetyModelServer

    def route(self, rec: Recorded) -> Reply:
        if rec.method != "POST" or rec.route != "/v1/chat/completions":
            return super().route(rec)
        state = self.server.state
        time.sleep(state.get("delay", 0))
        body = rec.json()
        content = body["messages"][-1]["content"]
        kind = state["kind"]
        found = _QUOTED[kind].search(content)
        # `prompt_format: server` sends the prompt alone: the whole message is what the user wrote.
        question = found.group(1) if found else content
        answer = next((a for phrase, a in state.get("answers", {}).items() if phrase in question), None)
        if kind == "llama_guard":
            return _completion(body, answer or "safe", None)
        policy = _POLICY.search(content)
        p_yes = (answer or {}).get(policy.group(1) if policy else "", 0.02)
        text = "Yes" if p_yes >= 0.5 else "No"
        logprobs = None
        if state.get("logprobs") and body.get("logprobs"):
            top = [("Yes", p_yes), ("No", 1 - p_yes)]
            top.sort(key=lambda t: -t[1])
            logprobs = {
                "content": [
                    {
                        "token": top[0][0],
                        "logprob": _log(top[0][1]),
                        "bytes": None,
                        "top_logprobs": [{"token": t, "logprob": _log(p), "bytes": None} for t, p in top],
                    }
                ]
            }
        return _completion(body, text, logprobs)


def _log(p: float) -> float:
    return math.log(max(p, 1e-12))


def _completion(body: dict[str, Any], text: str, logprobs: dict[str, Any] | None) -> Reply:
    return Reply.of_json(
        {
            "id": "chatcmpl-loopback",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", ""),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "logprobs": logprobs,
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 200, "completion_tokens": 1, "total_tokens": 201},
        }
    )


class SafetyModelServer(LoopbackServer):
    def __init__(self, kind: str, answers: dict[str, Any] | None = None, logprobs: bool = True) -> None:
        super().__init__(SafetyModelHandler)
        self._defaults = {"kind": kind, "answers": answers or {}, "logprobs": logprobs}
        self.state.update(self._defaults)

    def reset(self) -> None:
        """Back to the answers it started with: one server serves a whole test module."""
        super().reset()
        self.state.update(self._defaults, answers=dict(self._defaults["answers"]))

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def chats(self) -> list[dict[str, Any]]:
        """The chat completion requests received, as JSON bodies with the auth header added."""
        return [{**r.json(), "auth": r.headers.get("authorization")} for r in self.routes("/v1/chat/completions")]
