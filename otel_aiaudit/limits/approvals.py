"""Approval workflow: purposes that need approval, tickets, and who may decide on them.

A call whose purpose needs approval leaves a pending ticket and is refused. Every role listed in
`approval_required.approvers` must approve, each by a member of that role (`roles:`), never by the
requester, and one person approves for one role only (separation of duties). The retried call,
with `audit_context(approval_id=...)` and the same prompt, user and purpose, passes once.
"""

from __future__ import annotations

import uuid

from ..generation import Generation
from ..policy.config import PolicyConfig
from ..store.base import US_PER_S, Store, Ticket, TicketError, usd_to_micros

# Purpose names each switch covers (compared case-insensitively).
EXTERNAL_PURPOSES = ("external", "external_use")
MARKETING_PURPOSES = ("marketing",)


def purposes_needing_approval(policy: PolicyConfig) -> frozenset[str]:
    cfg = policy.approval_required
    if cfg is None:
        return frozenset()
    names: list[str] = list(cfg.purposes)
    if cfg.for_external_use:
        names += EXTERNAL_PURPOSES
    if cfg.for_marketing:
        names += MARKETING_PURPOSES
    return frozenset(n.lower() for n in names)


def check_policy(policy: PolicyConfig) -> None:
    """Refuse an approval setup nobody could ever satisfy, at start-up rather than per call."""
    cfg = policy.approval_required
    if cfg is None or not purposes_needing_approval(policy):
        return
    if not cfg.approvers:
        raise ValueError("approval_required: approvers is empty, so no ticket could ever be approved")
    for role in cfg.approvers:
        if not policy.roles.get(role):
            raise ValueError(f"approval_required.approvers: role {role!r} has no members under roles:")


def needs_approval(policy: PolicyConfig, purpose: str | None) -> bool:
    return bool(purpose) and purpose.lower() in purposes_needing_approval(policy)  # type: ignore[union-attr]


def ttl_us(policy: PolicyConfig) -> int:
    hours = policy.approval_required.ticket_ttl_hours if policy.approval_required else 72
    return int(hours * 3600 * US_PER_S)


def new_ticket(policy: PolicyConfig, gen: Generation, user: str, team: str | None) -> Ticket:
    cfg = policy.approval_required
    return Ticket(
        id=uuid.uuid4().hex[:16],
        user=user,
        team=team,
        purpose=(gen.actor.purpose or "").lower(),
        model=gen.model,
        provider=gen.provider,
        prompt_hash=gen.prompt_hash,
        estimated_micros=None if gen.estimated_cost_usd is None else usd_to_micros(gen.estimated_cost_usd),
        roles=list(cfg.approvers) if cfg else [],
        created_us=0,  # set by the store from its clock
        expires_us=0,
    )


def roles_of(policy: PolicyConfig, user: str) -> list[str]:
    return [role for role, members in policy.roles.items() if user in members]


def approve(store: Store, policy: PolicyConfig, ticket_id: str, user: str, role: str | None = None) -> Ticket:
    """Record `user`'s approval for one of the ticket's roles they belong to."""
    ticket = _ticket(store, ticket_id)
    mine = [r for r in ticket.missing_roles() if r in roles_of(policy, user)]
    if role is not None:
        if role not in roles_of(policy, user):
            raise TicketError(f"{user} is not a member of role {role!r}")
        mine = [role] if role in mine else []
    if not mine:
        awaited = ", ".join(ticket.missing_roles()) or "none"
        raise TicketError(
            f"{user} may not approve ticket {ticket_id}: it awaits {awaited} and {user} is in none of them"
        )
    return store.decide_ticket(ticket_id, user=user, approve=True, role=mine[0], reason=None)


def deny(store: Store, policy: PolicyConfig, ticket_id: str, user: str, reason: str) -> Ticket:
    """Any member of one of the ticket's roles may deny it."""
    ticket = _ticket(store, ticket_id)
    if not set(roles_of(policy, user)) & set(ticket.roles):
        raise TicketError(f"{user} may not deny ticket {ticket_id}: not in any of {', '.join(ticket.roles)}")
    return store.decide_ticket(ticket_id, user=user, approve=False, role=None, reason=reason)


def _ticket(store: Store, ticket_id: str) -> Ticket:
    ticket = store.get_ticket(ticket_id)
    if ticket is None:
        raise TicketError(f"no approval ticket {ticket_id!r}")
    return ticket
