"""User, team and purpose names as parts of store keys.

Store keys join names with separators (`user_daily:<user>:<day>`, `team:<team>`), and the stores
join keys again (a reservation lists its scope keys; Redis Cluster reads a `{...}` hash tag). A
name is free text from the caller, so every name goes through `key_part` before it joins anything:
no name can then contain a separator, open a hash tag, or make two names share one key.

Plain names (letters, digits, `. _ @ + -`, at most 64 characters) are kept as they are, so the
counters of ordinary users and teams read the same before and after this encoding was introduced.
Any other name becomes `~` + base64url of its UTF-8 bytes, or `~~` + the SHA-256 of those bytes
when it is long (a key stays short whatever the name's size). A plain name never starts with `~`
and base64url never contains it, so the three forms cannot meet. Counters of names that were not
plain start again under their new key.
"""

from __future__ import annotations

import base64
import hashlib
import re

_PLAIN = re.compile(r"[A-Za-z0-9._@+\-]{1,64}")
# Names up to this many UTF-8 bytes stay readable (decodable) in their key; longer ones are hashed.
_MAX_ENCODED_BYTES = 96


def key_part(name: str) -> str:
    """`name` as one key component: injective, and made only of `A-Za-z0-9._@+-~`."""
    if _PLAIN.fullmatch(name):
        return name
    # surrogatepass: a lone surrogate (from a mis-decoded file name, say) still encodes, distinctly.
    raw = name.encode("utf-8", "surrogatepass")
    if len(raw) <= _MAX_ENCODED_BYTES:
        return "~" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
    return "~~" + hashlib.sha256(raw).hexdigest()


def join(*names: str) -> str:
    """Several names as one key, each encoded, so no name's content can shift the boundaries."""
    return ":".join(key_part(n) for n in names)
