"""Self-hosted safety models behind an OpenAI-compatible chat endpoint (vLLM, llama.cpp server,
Ollama's /v1): Llama Guard 3 and ShieldGemma, asked through the official `openai` client.

They are the model stage of the content filter: the lexicons catch the words, these catch the
meaning that words miss. Each adapter builds its model's published prompt, reads the answer into
label scores (`S1`..`S14` for Llama Guard, harm types for ShieldGemma) and leaves the mapping to
our categories, thresholds, time budget and fail mode to `classifiers.Classifier`.

```yaml
content_filter:
  model_budget_seconds: 1.5          # the whole model stage answers within this, or fails per fail_mode
  classifiers:
    - name: guard
      type: llama_guard
      base_url: http://guard.internal:8000/v1
      model: meta-llama/Llama-Guard-3-8B
      categories: {S2: violence}     # extend or override the default mapping below
    - name: gemma
      type: shieldgemma
      base_url: http://localhost:11434/v1
      model: shieldgemma:2b
      threshold: 0.5                 # probability of "Yes"
      policies: [sexually_explicit, hate_speech]
```
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import math
import os
import re
import threading
from typing import Any

from .config import ClassifierConfig

# Llama Guard 3 hazard codes -> our categories. Codes with no image-prompt counterpart here stay
# unmapped (S2 non-violent crimes, S6 specialized advice, S13 elections, S14 code interpreter abuse);
# S7 privacy and S8 intellectual property are the PII and copyright rules' business. S3 sex-related
# crimes depict sexual acts, so explicit; S5 defamation of a real person in an image is what our
# deepfake category guards against.
LLAMA_GUARD_LABELS: dict[str, str] = {
    "S1": "violence",
    "S3": "explicit",
    "S4": "minors",
    "S5": "deepfake",
    "S9": "violence",
    "S10": "hate_speech",
    "S11": "violence",
    "S12": "explicit",
}

# ShieldGemma harm types -> our categories. Harassment (threats, bullying, abuse of a person) has no
# category of its own here; hate_speech is the nearest rule that blocks abuse aimed at people.
SHIELDGEMMA_LABELS: dict[str, str] = {
    "dangerous_content": "violence",
    "harassment": "hate_speech",
    "hate_speech": "hate_speech",
    "sexually_explicit": "explicit",
}

# The hazard categories as the Llama Guard 3 model card's "Prompt Format" section lists them in the
# prompt (the short names; the "Hazard Taxonomy and Policy" table spells some out at length).
LLAMA_GUARD_CATEGORIES: dict[str, str] = {
    "S1": "Violent Crimes.",
    "S2": "Non-Violent Crimes.",
    "S3": "Sex Crimes.",
    "S4": "Child Exploitation.",
    "S5": "Defamation.",
    "S6": "Specialized Advice.",
    "S7": "Privacy.",
    "S8": "Intellectual Property.",
    "S9": "Indiscriminate Weapons.",
    "S10": "Hate.",
    "S11": "Self-Harm.",
    "S12": "Sexual Content.",
    "S13": "Elections.",
    "S14": "Code Interpreter Abuse.",
}

# The task prompt of the Llama Guard 3 model card, "Prompt Format" (prompt classification: the
# conversation holds the user's turn only). The server adds the chat special tokens around it.
LLAMA_GUARD_TEMPLATE = (
    "Task: Check if there is unsafe content in 'User' messages in conversations according our safety "
    "policy with the below categories.\n"
    "\n"
    "<BEGIN UNSAFE CONTENT CATEGORIES>\n"
    "{categories}\n"
    "<END UNSAFE CONTENT CATEGORIES>\n"
    "\n"
    "<BEGIN CONVERSATION>\n"
    "\n"
    "User: {prompt}\n"
    "\n"
    "<END CONVERSATION>\n"
    "\n"
    "Provide your safety assessment for ONLY THE LAST User message in the above conversation:\n"
    " - First line must read 'safe' or 'unsafe'.\n"
    " - If unsafe, a second line must include a comma-separated list of violated categories."
)

# The prompt-only template of the ShieldGemma model card, "Usage" (user prompt classification),
# with its line breaks; `{policy}` is one guideline below.
SHIELDGEMMA_TEMPLATE = (
    "You are a policy expert trying to help determine whether a user\n"
    "prompt is in violation of the defined safety policies.\n"
    "\n"
    "<start_of_turn>\n"
    "Human Question: {prompt}\n"
    "<end_of_turn>\n"
    "\n"
    "Our safety principle is defined in the below:\n"
    "\n"
    "* {policy}\n"
    "\n"
    "Does the human question violate the above principle? Your answer must start\n"
    "with 'Yes' or 'No'. And then walk through step by step to be sure we answer\n"
    "correctly.\n"
)

# The guidelines for prompts of the ShieldGemma model card, "Model Inputs" (harm types table).
SHIELDGEMMA_POLICIES: dict[str, str] = {
    "dangerous_content": (
        '"No Dangerous Content": The prompt shall not contain or seek generation of content that '
        "harming oneself and/or others (e.g., accessing or building firearms and explosive devices, "
        "promotion of terrorism, instructions for suicide)."
    ),
    "harassment": (
        '"No Harassment": The prompt shall not contain or seek generation of content that is '
        "malicious, intimidating, bullying, or abusive content targeting another individual (e.g., "
        "physical threats, denial of tragic events, disparaging victims of violence)."
    ),
    "hate_speech": (
        '"No Hate Speech": The prompt shall not contain or seek generation of content that targeting '
        "identity and/or protected attributes (e.g., racial slurs, promotion of discrimination, calls "
        "to violence against protected groups) or dehumanizing/belittling/vilifying on the bases of "
        "race, ethnicity, religion, disability, age, nationality, veteran status, sexual orientation, "
        "gender, gender identity, caste, or any other protected status. We do allow content that "
        "includes a reference to a protected individual or group in a positive manner."
    ),
    "sexually_explicit": (
        '"No Sexually Explicit Information": The prompt shall not contain or seek generation of '
        "content that contains references to sexual acts or other lewd content (e.g., sexually "
        "graphic descriptions, content aimed at causing arousal). Medical or scientific terms related "
        "to human anatomy or sex education are permitted."
    ),
}

# Markers of the templates and the models' chat special tokens. A prompt carrying them could close
# the conversation block early and write its own verdict instruction, so they are cut out of it.
_MARKERS = re.compile(
    r"<\|[a-z_]+\|>|<\s*(?:BEGIN|END) (?:UNSAFE CONTENT CATEGORIES|CONVERSATION)\s*>"
    r"|</?\s*(?:start_of_turn|end_of_turn|bos|eos|pad)\s*>",
    re.IGNORECASE,
)
_CODE = re.compile(r"\bS(\d{1,2})\b", re.IGNORECASE)


class SafetyModelError(Exception):
    """The model answered something its format does not allow (a fail-mode matter, like a timeout)."""


def fence(prompt: str) -> str:
    return _MARKERS.sub(" ", prompt).strip()


def llama_guard_prompt(prompt: str) -> str:
    categories = "\n".join(f"{code}: {name}" for code, name in LLAMA_GUARD_CATEGORIES.items())
    # str.format reads only the template: braces in the user's prompt are left as they are.
    return LLAMA_GUARD_TEMPLATE.format(categories=categories, prompt=fence(prompt))


def shieldgemma_prompt(prompt: str, policy: str) -> str:
    return SHIELDGEMMA_TEMPLATE.format(prompt=fence(prompt), policy=SHIELDGEMMA_POLICIES[policy])


def parse_llama_guard(answer: str) -> dict[str, float]:
    """`safe` -> no scores; `unsafe` + `S1,S10` -> 1.0 per code. An `unsafe` without codes scores
    the label `unsafe`, which a policy may map; anything else is a malformed answer."""
    lines = [line.strip() for line in answer.strip().splitlines() if line.strip()]
    verdict = lines[0].lower() if lines else ""
    if verdict == "safe":
        return {}
    if verdict != "unsafe":
        raise SafetyModelError("answer is neither 'safe' nor 'unsafe'")
    codes = {f"S{int(n)}" for line in lines[1:] for n in _CODE.findall(line)}
    return dict.fromkeys(sorted(codes), 1.0) if codes else {"unsafe": 1.0}


def shieldgemma_probability(choice: Any) -> float:
    """P(Yes) from the first token's logprobs, as the model card computes it (softmax of Yes vs No);
    without logprobs, the text: Yes -> 1.0, No -> 0.0."""
    logprobs = getattr(choice, "logprobs", None)
    content = getattr(logprobs, "content", None) or []
    if content:
        first = content[0]
        seen: dict[str, float] = {}
        for entry in [first, *(first.top_logprobs or [])]:
            word = entry.token.strip().lower()
            if word in ("yes", "no") and word not in seen:
                seen[word] = entry.logprob
        if seen:
            yes = math.exp(seen["yes"]) if "yes" in seen else 0.0
            no = math.exp(seen["no"]) if "no" in seen else 0.0
            return yes / (yes + no)
    text = (choice.message.content or "").strip().lower()
    if text.startswith("yes"):
        return 1.0
    if text.startswith("no"):
        return 0.0
    raise SafetyModelError("answer starts with neither 'Yes' nor 'No'")


class _ChatModel:
    """Lazy `openai` clients for one endpoint: nothing connects until the first prompt."""

    def __init__(self, cfg: ClassifierConfig) -> None:
        self._model = cfg.model or ""
        self._base_url = cfg.base_url
        self._api_key_env = cfg.api_key_env
        self._timeout = cfg.timeout_seconds
        self._client: Any = None
        self._aclients: dict[asyncio.AbstractEventLoop, Any] = {}
        self._lock = threading.Lock()

    def _kwargs(self) -> dict[str, Any]:
        # Self-hosted servers often need no key, but the client refuses an empty one.
        key = os.environ.get(self._api_key_env) if self._api_key_env else None
        # max_retries=0: the policy's timeout or budget is the whole allowance, the fail mode the rest.
        return {"api_key": key or "unset", "base_url": self._base_url, "timeout": self._timeout, "max_retries": 0}

    def _sync(self) -> Any:
        with self._lock:
            if self._client is None:
                import openai  # imported on first use: no client library at import time

                self._client = openai.OpenAI(**self._kwargs())
            return self._client

    def _async(self) -> Any:
        # An async client's connections belong to the loop that opened them: one client per loop.
        loop = asyncio.get_running_loop()
        client = self._aclients.get(loop)
        if client is None:
            import openai

            self._aclients = {lp: c for lp, c in self._aclients.items() if not lp.is_closed()}
            client = self._aclients[loop] = openai.AsyncOpenAI(**self._kwargs())
        return client

    def _request(self, content: str, **extra: Any) -> dict[str, Any]:
        return {
            "model": self._model,
            "messages": [{"role": "user", "content": content}],
            "temperature": 0,
            **extra,
        }


class LlamaGuard(_ChatModel):
    """Llama Guard 3: one request, answer `safe` or `unsafe` plus the violated hazard codes."""

    def __init__(self, cfg: ClassifierConfig) -> None:
        super().__init__(cfg)
        self._server_template = cfg.prompt_format == "server"

    def _body(self, text: str) -> dict[str, Any]:
        content = fence(text) if self._server_template else llama_guard_prompt(text)
        return self._request(content, max_tokens=20)

    def __call__(self, text: str) -> dict[str, float]:
        response = self._sync().chat.completions.create(**self._body(text))
        return parse_llama_guard(response.choices[0].message.content or "")

    async def acall(self, text: str) -> dict[str, float]:
        response = await self._async().chat.completions.create(**self._body(text))
        return parse_llama_guard(response.choices[0].message.content or "")


class ShieldGemma(_ChatModel):
    """ShieldGemma: one Yes/No question per harm type, asked concurrently; the score of each harm
    type is the probability of Yes."""

    def __init__(self, cfg: ClassifierConfig) -> None:
        super().__init__(cfg)
        self._policies = list(cfg.policies or SHIELDGEMMA_POLICIES)
        # Its own threads: the questions run while the caller's classifier thread waits on them.
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=len(self._policies), thread_name_prefix="aiaudit-shieldgemma"
        )

    def _body(self, text: str, policy: str) -> dict[str, Any]:
        # One token is the answer; its logprobs (where the server gives them) make it a probability.
        return self._request(shieldgemma_prompt(text, policy), max_tokens=1, logprobs=True, top_logprobs=5)

    def _ask(self, text: str, policy: str) -> float:
        response = self._sync().chat.completions.create(**self._body(text, policy))
        return shieldgemma_probability(response.choices[0])

    async def _aask(self, text: str, policy: str) -> float:
        response = await self._async().chat.completions.create(**self._body(text, policy))
        return shieldgemma_probability(response.choices[0])

    def __call__(self, text: str) -> dict[str, float]:
        futures = {policy: self._pool.submit(self._ask, text, policy) for policy in self._policies}
        return {policy: future.result() for policy, future in futures.items()}

    async def acall(self, text: str) -> dict[str, float]:
        scores = await asyncio.gather(*(self._aask(text, policy) for policy in self._policies))
        return dict(zip(self._policies, scores, strict=True))
