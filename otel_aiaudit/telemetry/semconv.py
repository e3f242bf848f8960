"""Attribute, event and metric names. The GenAI conventions are still in Development, so we keep our
own constants instead of importing the incubating semconv module (its names move between releases).
"""

# GenAI semantic conventions
GEN_AI_OPERATION_NAME = "gen_ai.operation.name"
GEN_AI_OUTPUT_TYPE = "gen_ai.output.type"
GEN_AI_PROVIDER_NAME = "gen_ai.provider.name"
GEN_AI_REQUEST_MODEL = "gen_ai.request.model"
GEN_AI_RESPONSE_MODEL = "gen_ai.response.model"
GEN_AI_RESPONSE_ID = "gen_ai.response.id"
GEN_AI_REQUEST_CHOICE_COUNT = "gen_ai.request.choice.count"
GEN_AI_REQUEST_SEED = "gen_ai.request.seed"
GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens"
GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens"
# Per-modality token counts and the call's cost: proposed for the GenAI conventions, not yet in a
# release of them (OpenLIT and Langfuse already read gen_ai.usage.cost).
GEN_AI_USAGE_TEXT_INPUT_TOKENS = "gen_ai.usage.text.input_tokens"
GEN_AI_USAGE_IMAGE_INPUT_TOKENS = "gen_ai.usage.image.input_tokens"
GEN_AI_USAGE_TEXT_OUTPUT_TOKENS = "gen_ai.usage.text.output_tokens"
GEN_AI_USAGE_IMAGE_OUTPUT_TOKENS = "gen_ai.usage.image.output_tokens"
GEN_AI_USAGE_COST = "gen_ai.usage.cost"
GEN_AI_TOKEN_TYPE = "gen_ai.token.type"
SERVER_ADDRESS = "server.address"
SERVER_PORT = "server.port"
ERROR_TYPE = "error.type"
USER_ID = "user.id"

OPERATION_GENERATE_CONTENT = "generate_content"
OUTPUT_TYPE_IMAGE = "image"

# Our namespace
TEAM = "aiaudit.team"
PURPOSE = "aiaudit.purpose"
IMAGE_OPERATION = "aiaudit.image.operation"
REQUEST_SIZE = "aiaudit.request.size"
REQUEST_QUALITY = "aiaudit.request.quality"
REQUEST_STYLE = "aiaudit.request.style"
REQUEST_ASPECT_RATIO = "aiaudit.request.aspect_ratio"
PROMPT = "aiaudit.prompt"
PROMPT_HASH = "aiaudit.prompt.hash"
PROMPT_LENGTH = "aiaudit.prompt.length"
PROMPT_SENT_LENGTH = "aiaudit.prompt.sent_length"
POLICY_DECISION = "aiaudit.policy.decision"
POLICY_FLAGS = "aiaudit.policy.flags"
POLICY_VERSION = "aiaudit.policy.version"
POLICY_MODE = "aiaudit.policy.mode"
POLICY_DEGRADED = "aiaudit.policy.degraded"
POLICY_RULE = "aiaudit.policy.rule"
POLICY_CATEGORY = "aiaudit.policy.category"
POLICY_ACTION = "aiaudit.policy.action"
COST_USD = "aiaudit.cost.usd"
COST_ESTIMATED_USD = "aiaudit.cost.estimated_usd"
COST_SOURCE = "aiaudit.cost.source"
PRICING_VERSION = "aiaudit.pricing.version"
RESPONSE_IMAGE_COUNT = "aiaudit.response.image_count"
IMAGE_HASHES = "aiaudit.image.hashes"
RESPONSE_REVISED_PROMPT = "aiaudit.response.revised_prompt"
STATUS = "aiaudit.status"
REFUSAL_REASON = "aiaudit.provider.refusal_reason"
PROVENANCE = "aiaudit.provenance"
GENERATION_ID = "aiaudit.generation.id"
RECORD_TYPE = "aiaudit.record.type"  # a ledger row's retention class
RECORD_ID = "aiaudit.record.id"  # the document id a backend indexes the record under
ALERT = "aiaudit.alert"
LEDGER_SEQ = "aiaudit.ledger.seq"
LEDGER_HASH = "aiaudit.ledger.hash"
TICKET_ID = "aiaudit.approval.ticket_id"
GOVERNANCE_STEP = "aiaudit.governance.step"
GOVERNANCE_MODE = "aiaudit.governance.mode"
BUDGET_SCOPE = "aiaudit.budget.scope"
BUDGET_SUBJECT = "aiaudit.budget.subject"

# Events
EVENT_POLICY_HIT = "aiaudit.policy.hit"
EVENT_BUDGET_WARNING = "aiaudit.budget.warning"
EVENT_RATELIMIT_WAIT = "aiaudit.ratelimit.wait"
EVENT_GENERATION = "aiaudit.generation"

# Metrics
METRIC_DURATION = "gen_ai.client.operation.duration"
METRIC_TOKEN_USAGE = "gen_ai.client.token.usage"
METRIC_REQUESTS = "aiaudit.requests"
METRIC_IMAGES = "aiaudit.images"
METRIC_COST = "aiaudit.cost"
METRIC_VIOLATIONS = "aiaudit.policy.violations"
METRIC_BUDGET_UTILIZATION = "aiaudit.budget.utilization"
METRIC_RATELIMIT_WAIT = "aiaudit.ratelimit.wait"
METRIC_APPROVALS_PENDING = "aiaudit.approvals.pending"
METRIC_GOVERNANCE_DEGRADED = "aiaudit.governance.degraded"

# Image generation takes seconds to minutes (local diffusers even longer): buckets up to 600 s.
DURATION_BUCKETS = (0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 240, 600)
TOKEN_BUCKETS = (1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576)

# Span attribute whose presence at start tells PolicySpanProcessor the span was already decided.
DECIDED_MARKER = POLICY_DECISION
