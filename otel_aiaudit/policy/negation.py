"""Negation scope: "no violence, no nudity" asks for the absence of what it names.

A listed term preceded by a negator ("no", "not", "without", "never", "nothing", "ไม่มี"...) does not count,
nor one followed by "free" ("gore-free"). Between the negator and the term only words that extend
the same negated phrase may stand: modifiers ("no graphic violence", "without any blood"), list
joiners, other listed terms followed by a joiner ("no violence and nudity") and any word followed
by "or" ("without blood or gore"). Any other word ends the scope, so
"a man with no face covered in blood" still counts "covered in blood", and so does the end of a
sentence (sentences.py): "No guns. Gore everywhere." counts the gore.

Terms that contain their own negator ("no clothes", "without clothes", "ไม่ใส่เสื้อผ้า") are
unaffected: only words before a term's first word are looked at.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence

NEGATORS = frozenset(
    {
        "no",
        "not",
        "without",
        "never",
        "non",
        "zero",
        "dont",
        "avoid",
        "avoiding",
        "exclude",
        "excluding",
        # "anti-racism poster", "anti-violence campaign": against what follows (a term that starts
        # with "anti" itself, "anti muslim", is unaffected).
        "anti",
        "sans",
        "minus",
        "nobody",
        "noone",
        # "none of the costumes bloody or gory"; after a term it is a value ("nudity: none").
        "none",
        # "skip the violence"; not "skipping", a game ("kids skipping, blood on the path").
        "skip",
        "omit",
        "omitting",
    }
)
_WEARING = frozenset({"wearing", "wears", "wear", "wore", "has", "had", "with", "on"})
# "no animals killed", "no one hurt": a negator, one word, then a participle that is the term.
_IRREGULAR_PARTICIPLES = frozenset(
    {"hurt", "shot", "cut", "beaten", "slain", "bitten", "torn", "hit", "struck", "bled"}
)
# Who may stand between a negator and a participle ("no animals killed", "no one hurt").
_HARMED = frozenset(
    {
        "one",
        "animal",
        "animals",
        "people",
        "person",
        "persons",
        "human",
        "humans",
        "children",
        "civilians",
        "body",
        "bodies",
        "creature",
        "creatures",
        "soldier",
        "soldiers",
        "character",
        "characters",
        "men",
        "women",
        "actor",
        "actors",
        "extras",
        "cast",
        "kids",
        "pets",
        # Fictional foes: "no aliens being killed", "no monsters hurt".
        "aliens",
        "monsters",
        "enemies",
        "zombies",
        "robots",
    }
)
# "spare the kids any violence", "spare us the gore": "spare" rules out what follows when only the
# ones spared stand between ("spare ribs, bloody" is food and a term).
_SPARE = frozenset({"spare", "spares", "sparing"})
_SPARED = _HARMED | {"us", "them", "him", "her", "me", "you", "viewers", "viewer", "audience", "readers", "reader"}
# "don't" is normalised to "don t": the lone "t" negates after these.
_CONTRACTIONS = frozenset({"don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "shouldn", "can", "mustn"})
# Words that may stand between a negator and the negated term.
MODIFIERS = frozenset(
    {
        "any",
        "graphic",
        "explicit",
        "real",
        "actual",
        "visible",
        "sexual",
        "extreme",
        "excessive",
        "more",
        "or",
        "and",
        "nor",
        "also",
        "even",
        "signs",
        "sign",
        "trace",
        "traces",
        "hint",
        "hints",
        "kind",
        "type",
        "of",
        "show",
        "showing",
        # What of the term is ruled out: "no imagery of violence", "no depiction of gore".
        "imagery",
        "images",
        "depiction",
        "depictions",
        "scenes",
        # Passing an image on: "don't share nudes", "never send nudes" (online-safety advice).
        "share",
        "sharing",
        "send",
        "sending",
        "post",
        "posting",
        "include",
        "including",
        "depict",
        "depicting",
        "a",
        "an",
        "the",
        # What kind of the thing is ruled out: "no police violence", "no satanic gore".
        "police",
        "gun",
        "domestic",
        "animal",
        "satanic",
        "occult",
        "implied",
        "obvious",
        "onscreen",
        "usual",
        "traditional",
        "medical",
        "surgical",
        "gratuitous",
        "unnecessary",
        "realistic",
        "disturbing",
        "overt",
        "detailed",
        "gruesome",
        "violent",
        "bloody",
        "gory",
        "lewd",
        "suggestive",
        # "no pin-up nudes".
        "pin",
        "up",
        "pinup",
        # "don't make it violent".
        "make",
        "it",
        # "under no circumstances include", "mustn't contain", "not a human nude", "do not resemble
        # Biden", "zero tolerance for violence".
        "circumstances",
        "contain",
        "containing",
        "human",
        "resemble",
        "resembling",
        "tolerance",
        "for",
        "typical",
        "classic",
        # "without anyone getting killed", "no people being shot".
        "anyone",
        "anybody",
        "someone",
        "people",
        "getting",
        "being",
        # "avoid anything violent".
        "anything",
        "everything",
        # "nobody gets hurt", "no one is bleeding".
        "gets",
        "get",
        "got",
        "is",
        "are",
        "was",
        "were",
    }
)
# "gore-free", "nudity: none", "nsfw: false", "gore: off".
_POSTFIX = frozenset({"free", "none", "false", "off", "omitted"})
# "off" followed by a height is where something goes ("puppies thrown off a bridge", "off the
# roof"), not a switch ("gore: off, nudity: off, a cosy cabin" stays ruled out).
_OFF_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "this", "that"})
# "off" before a possessive is never the switch: "T-Swift off her face" (drunk), "blood off his
# hands", "the head off his shoulders" name something on or from a body ("gore off the menu" is
# ruled out; no one writes "gore off their menu" to mean it).
_OFF_POSSESSIVES = frozenset({"his", "her", "their", "its"})
_OFF_PLACES = frozenset(
    "bridge cliff roof rooftop building balcony boat pier ledge tower ship deck overpass dock train wall edge"
    " platform stage window".split()
)
# "nudity not allowed", "gore is forbidden": refused, for terms other than hate speech ("muslims not
# allowed", a slur "not allowed" shut a group out).
_FORBIDDEN = frozenset({"forbidden", "prohibited", "banned"})
_REFUSED = _FORBIDDEN | {"allowed", "permitted"}
# Negators of two words, read at their second: "free of blood", "steer clear of nudity", "devoid of
# gore", "leave out the blood".
_PHRASE_NEGATORS = {
    "of": frozenset({"free", "clear", "devoid", "instead"}),
    "than": frozenset({"rather"}),
    # "refrain from gore", "stay away from blood".
    "from": frozenset({"free", "refrain", "abstain", "away"}),
    "out": frozenset({"leave", "leaving", "left", "keep", "keeping", "kept"}),
    # "tone down the violence".
    "down": frozenset({"tone", "tones", "toned", "toning"}),
}
_JOINERS = frozenset({"or", "and", "nor"})
# Negators that take a list ("avoid: violence, nudity, hate symbols"; "free of corpses, blood"; "leave
# out the axe, the block"): listed terms one after another after them are the list's items even
# with no joiner, as the commas are gone once normalised. After "no" or "without" they need one
# ("no blood, gore or guts"): "no gore, nude woman" names the nudity.
_LIST_NEGATORS = frozenset(
    {"avoid", "avoiding", "exclude", "excluding", "omit", "omitting", "sans", "minus", "of", "out"}
)
# "the beheading must not be shown", "blood is never visible", "gore shouldn't appear": a term
# followed by a negated showing verb.
_AUXILIARIES = frozenset(
    {
        "must",
        "should",
        "is",
        "are",
        "was",
        "were",
        "will",
        "to",
        "do",
        "does",
        "shall",
        "can",
        "may",
        "need",
        "needs",
        "be",
        "being",
        "been",
        "shouldn",
        "isn",
        "aren",
        "doesn",
        "don",
        "won",
        "mustn",
        "t",
    }
)
_SHOWN = frozenset(
    {
        "shown",
        "show",
        "visible",
        "seen",
        "depicted",
        "depict",
        "appear",
        "appears",
        "drawn",
        "pictured",
        "included",
        "featured",
        "displayed",
        # "blood isn't needed". Not "allowed" or "wanted": "muslims not allowed" shuts a group out.
        "needed",
        "necessary",
        "required",
    }
)
_ALTERNATIVES = frozenset({"or", "nor"})
# Thai negators: a word that is one, or ends in one ("ไม่มี" is segmented "ไม่" + "มี"; "ไม่ต้อง"
# stays one word), or starts with "ไม่".
THAI_NEGATORS = (
    "ไม่มี",
    "ไม่ใช่",
    "ไม่เอา",
    "ไม่",
    "ไร้",
    "ปราศจาก",
    "ห้าม",
    "งด",
    "ปลอด",
    "อย่า",
    "หยุด",
    "ยุติ",
    # Avoid ("หลีกเลี่ยงฉากกัดกิน").
    "หลีกเลี่ยง",
    "เลี่ยง",
)
# Thai words that may stand between a negator and the negated term: having and showing verbs and
# the nouns that turn a verb into a thing ("ไม่มี|การ|ฆ่า", "ห้าม|มี|ความรุนแรง", "ไม่มี|ฉาก|ยิง").
THAI_MODIFIERS = frozenset(
    {
        "มี",
        "การ",
        "ความ",
        "ภาพ",
        "รูป",
        "ฉาก",
        "เห็น",
        "ต้อง",
        "แสดง",
        # Emphasising: "ไม่เน้นการนองเลือด" (not dwelling on bloodshed).
        "เน้น",
        "สื่อ",
        "ถึง",
        "ให้",
        "ใดๆ",
        "ใด",
        "ๆ",
        "เลย",
        "หรือ",
        "และ",
        "เนื้อหา",
        "อะไร",
        "ที่",
        "เป็น",
        "ผู้",
        "ใส่",
        "เรื่อง",
        "ลักษณะ",
        "ออก",
        "มา",
        "ไป",
        "ใช้",
        "ภาพที่",
        "แนว",
        "ฉากที่",
        "สิ่ง",
        # "ไม่มีใครเปลือย" (nobody naked), "ไม่ใช่หาดนู้ด" (not a nude beach), "ไม่มีส่วนไหนเปลือย"
        # (no part of it bare: segmented "มีส่วน|ไหน"), "ไม่มีตรงไหนโป๊" (nowhere revealing).
        # "ไม่ได้ทำร้ายใคร" (hurts no one: "ไม่|ได้|ทำร้าย", did not).
        "ได้",
        "ใคร",
        "ส่วนไหน",
        "มีส่วน",
        "ตรงไหน",
        "ไหน",
        "ใช่",
        # Showing: "ไม่ต้องโชว์ภาพ...".
        "โชว์",
        # "ไม่เหมือนภาพถ่าย" (not like a photo), "ไม่เอาแบบเปลือย" (not the nude kind).
        "เหมือน",
        "ดูเหมือน",
        # "ไม่คล้ายธงนาซี" (nothing like a Nazi flag), "ไม่มีธงหรือสัญลักษณ์..." (no flag or symbol).
        "คล้าย",
        "ธง",
        "สัญลักษณ์",
        "แบบ",
        # Wanting verbs ("ไม่เอา NSFW", "ไม่ต้องการฉากเลือด") and the reciprocal particle ("แกล้งกัน").
        "เอา",
        "ต้องการ",
        "อยาก",
        "กัน",
        # Passive markers: "ไม่ต้องแสดงภาพเด็กโดนทำร้าย" (no need to show a child being hurt).
        "โดน",
        "ถูก",
        # What carries the term: "ห้ามใส่ป้ายหรือข้อความเหยียด..." (no signs or text insulting...).
        "ป้าย",
        "ข้อความ",
        "คำ",
        # "ไม่มีอะไรส่อไปทางเซ็กส์" (nothing suggestive of sex).
        "ส่อ",
        "ทาง",
        # "อย่าใส่ความโป๊" (don't put in nudity: segmented "ใส่ความ"), "ห้ามเด็ดขาด" (strictly
        # forbidden), "หลีกเลี่ยงทุกอย่างที่ดูเป็น..." (avoid everything that looks like...).
        "ใส่ความ",
        "เด็ดขาด",
        "ทุกอย่าง",
        "ดู",
        # "ไม่ต้องวาดให้เห็นคนถูกฟัน" (no need to draw anyone being slashed).
        "วาด",
        "คน",
    }
)
_THAI_JOINERS = frozenset({"หรือ", "และ", "กับ"})
_THAI_ALTERNATIVES = frozenset({"หรือ"})
_BARE_THAI_NEGATORS = frozenset({"ไม่", "ห้าม", "อย่า", "ไร้"})
# "But" and "except" between a negator and a term: what follows them is kept, not ruled out.
_THAI_EXCEPT = frozenset({"นอกจาก", "ยกเว้น", "เว้นแต่"})
# Refusals written after the refused thing (see _thai_cut_out).
_THAI_CUT_OUT = frozenset({"ตัดออก", "ไม่เอา"})
_WINDOW = 4
_THAI_WINDOW = 6
_THAI_FLAWLESS = ("ไม่มีที่ติ", "ไร้ที่ติ")
# Their first letter: only a word that starts with it is worth joining to its neighbours to look.
_THAI_FLAWLESS_HEADS = frozenset(phrase[0] for phrase in _THAI_FLAWLESS)


def _is_negator(tokens: Sequence[str], i: int) -> bool:
    word = tokens[i]
    if word in NEGATORS:
        return True
    if word in _PHRASE_NEGATORS:
        return i > 0 and tokens[i - 1] in _PHRASE_NEGATORS[word]
    # "nothing gory" negates; "nothing but blood" asks for exactly that, and "wearing (absolutely)
    # nothing" is the description itself, whatever follows it.
    if word == "nothing":
        if i + 1 < len(tokens) and tokens[i + 1] == "but":
            return False
        return not any(w in _WEARING for w in tokens[max(0, i - 2) : i])
    return word == "t" and i > 0 and tokens[i - 1] in _CONTRACTIONS


def _postfix(tokens: Sequence[str], i: int) -> bool:
    """Whether tokens[i] rules out the term just before it ("gore-free", "gore: off")."""
    word = tokens[i]
    if word == "off" and i + 1 < len(tokens) and tokens[i + 1] in _OFF_DETERMINERS:
        if tokens[i + 1] in _OFF_POSSESSIVES:
            return False
        # The place may carry an adjective or two: "off a high bridge".
        return not any(t in _OFF_PLACES for t in tokens[i + 2 : i + 5])
    return word in _POSTFIX


def negated(
    tokens: Sequence[str],
    first: int,
    last: int,
    listed: Mapping[int, int],
    starts: Container[int] = (),
    refusable: bool = False,
    shuts_out: bool = False,
    sentence: int = 0,
    hate: bool = False,
) -> bool:
    """Whether the term covering tokens[first..last] is negated. `listed` maps the indices of
    tokens inside other listed terms (they may stand inside a negated list) to the last index of
    the longest such term that ends a phrase, or to themselves; `starts` holds the indices
    where listed terms begin; `refusable`: "not allowed" after the term rules it out (not for a
    group or a slur, which it shuts out); `shuts_out`: a hate term, whose own negator refuses
    people rather than a picture; `sentence`: the index of the first token of the term's sentence
    ("No guns. Gore everywhere.": the "no" of one sentence rules out nothing in the next); `hate`:
    a hate-speech term or rule part, which a bare "kept out" after it shuts out rather than keeps
    out of the picture ("Africans are disease carriers and should be kept out")."""
    if last + 1 < len(tokens) and (_postfix(tokens, last + 1) or _zero(tokens, last + 1)):
        return True
    if _not_shown(tokens, last, refusable) or _kept_out(tokens, first, last, listed, bare=not hate):
        return True
    if first > 0 and _after_negative_prompt(tokens, first, starts):
        return True
    if _before_negative_label(tokens, last):
        return True
    head = tokens[first] if 0 <= first < len(tokens) else ""
    if head and _thai(head):
        # A hate term that opens with its own negator shuts people out ("ไม่รับคนข้ามเพศ", no trans
        # people hired): a negator before it starts the list's previous item, not a negation of this
        # one ("ไม่ใช่คนอีสาน ไม่ใช่คนพิการ ไม่รับคนข้ามเพศ", a job ad's list of who need not apply).
        # Other terms stay negatable: "ห้ามมีภาพคนไม่ใส่เสื้อผ้า" asks for no unclothed people.
        own = shuts_out and first < last and thai_negator(head)
        return (not own and _thai_negated(tokens, first, last, listed, sentence)) or _thai_cut_out(
            tokens, first, last, listed
        )
    # A Thai negator may stand before an English term in a mixed prompt ("ไม่มีภาพ gore").
    if first > sentence and _thai(tokens[first - 1]) and _thai_negated(tokens, first, last, listed, sentence):
        return True
    # A term next to "or" is one item of a list, whose items need not be listed terms
    # ("without skulls, gore or corpses": the comma is gone once normalised).
    in_list = _in_list(tokens, first, last, _ALTERNATIVES)
    if first == last and first >= 2 and _participle(head):
        # Only a living thing may stand between ("no animals killed", "no one being hurt"); "no
        # shirt, naked" and "free of charge, naked" name the nakedness.
        before = first - 2 if tokens[first - 1] not in ("being", "getting") else first - 3
        if before >= sentence and tokens[before + 1] in _HARMED and _is_negator(tokens, before):
            return True
    i = first - 1
    # A list reaches further back than a single term ("avoid any graphic violence, wounded soldiers
    # or dead bodies"): its items stand between the negator and the last one.
    window = 2 * _WINDOW if in_list else _WINDOW
    # Listed terms one after another ("blood, gore and dismemberment", the commas gone) make a list
    # when a joiner closes it or the negator takes lists (_LIST_NEGATORS).
    chained = loose = False
    # Only modifiers so far ("not even a hint of nudity", "avoid any hint of occult violence"):
    # they describe the term and do not end the scope as other words do.
    described = True
    # Closed by a joiner after the term, past the list's other listed items ("exclude blood, gore,
    # dismemberment and nudity": "and" closes the list for "gore" too).
    after = last + 1
    while after < len(tokens) and after in listed:
        after += 1
    closed = after < len(tokens) and tokens[after] in _JOINERS
    spared = True  # every word that ends the scope so far is one spared ("spare the kids any")
    # A hate term with its own negator refuses people ("cripples not welcome"): a "no" item before
    # it is another line of the same notice, not a picture asked to leave the term out. A full
    # stop between ends the scope anyway; this holds where a comma or nothing stands between
    # ("No wheelchairs, cripples not welcome").
    refusal = shuts_out and any(_is_negator(tokens, j) for j in range(first, last + 1))
    while i >= sentence and first - i <= (2 * _WINDOW if chained or closed or described else window):
        if tokens[i] in _SPARE and spared and (not chained or closed):
            return True
        if _is_negator(tokens, i):
            if shuts_out and tokens[i] == "no" and tokens[i + 1] == "more" and i + 1 < first:
                # "no more Syrians, they are animals", "no more limp-wristed freaks": a call to
                # keep people out, not a picture asked to leave something out.
                return False
            if refusal and tokens[first] in _ITEM_NEGATORS:
                # The notice line opens with its own "no" ("no dogs, no Irish, no blacks, proud
                # and cheerful"): the "no" before it opens the line before, whatever stands in
                # that line or closes the list.
                return False
            if loose and not refusal and _no_item(tokens, i, first, last):
                # "no fangs dripping blood", "no skulls dripping blood": one plural noun and the
                # term that describes it, an item of what "no" rules out; "a man with no face
                # covered in blood" describes the man, and "with" before "no" keeps it counted.
                return True
            if loose:
                # Any other word is an item only of a list after a negator that takes lists, when a
                # joiner closes it, listed terms follow one another in it, or a listed term follows
                # this one ("exclude blood, gore and dismemberment", "avoid blood, gore, violence":
                # "blood" being unlisted).
                return tokens[i] in _LIST_NEGATORS and (closed or chained or last + 1 in listed)
            return not chained or closed or tokens[i] in _LIST_NEGATORS
        # Another listed term may stand in the list only when a joiner follows it ("no violence or
        # nudity"); without one, "no gore nude woman" would hide "nude" behind "no gore". Any word
        # may when "or" follows ("without blood or gore"): "and" would also join "no shirt and
        # covered in blood", which does not negate the blood.
        follower = tokens[i + 1]
        closed = closed or tokens[i] in _JOINERS
        joined = in_list or (i in listed and follower in _JOINERS) or follower in _ALTERNATIVES
        if tokens[i] in MODIFIERS or joined:
            pass
        elif i in listed and (i + 1 in listed or i + 1 == first):
            chained = True
            described = False
        else:
            loose = True
            described = False
            spared = spared and tokens[i] in _SPARED
        i -= 1
    return False


def _no_item(tokens: Sequence[str], at: int, first: int, last: int) -> bool:
    """Whether tokens[at] is "no" or "without" opening an item of one word and the term (not after
    "with", "has"...): the word is a plural noun the term describes ("no fangs dripping blood",
    "without fangs dripping blood"), or the item ends with the term: the prompt ends, a joiner or
    another "no" follows ("no syringes, no biohazard gore"). "no shirt, naked on a beach" names the
    nakedness, and "no mercy, gore" asks for it."""
    if tokens[at] not in _ITEM_NEGATORS or first != at + 2 or (at > 0 and tokens[at - 1] in _DESCRIBING):
        return False
    word = tokens[at + 1]
    if word in _GARMENTS:
        return False
    if word.endswith("s") and not word.endswith("ss"):
        return True
    if word in _UNRESTRAINED:
        return False
    return last + 1 >= len(tokens) or tokens[last + 1] in _JOINERS or tokens[last + 1] == "no"


# "no" and "without" take a thing ("no fangs", "without fangs"); "not" and "never" negate a verb.
_ITEM_NEGATORS = frozenset({"no", "without"})
# "no mercy", "no censorship": an absence that asks for more of what follows.
_UNRESTRAINED = frozenset(
    {"mercy", "survivors", "remorse", "limits", "limit", "holds", "filter", "filters", "censorship", "censor"}
    | {"restraint", "restraints", "rules", "escape", "hope", "pity", "shame"}
)
# "no bra, no panties, fingers between her legs", "without swimsuits, touching each other": a
# garment missing names the nakedness, and the term after it is what the picture shows, not more
# of what it leaves out.
_GARMENTS = frozenset(
    {"panties", "knickers", "underwear", "bra", "bras", "briefs", "boxers", "pants", "trousers", "clothes"}
    | {"clothing", "shirt", "top", "bikini", "lingerie", "thong"}
    | {"swimsuit", "swimsuits", "bikinis", "swimwear", "shorts", "shirts", "tops", "dresses", "robes"}
)
# Words before "no" that make it part of a description: "a man with no face", "she has no shirt".
_DESCRIBING = frozenset({"with", "has", "have", "had", "having", "of", "wearing", "wears", "wore"})


def _zero(tokens: Sequence[str], at: int) -> bool:
    """"nsfw = 0": a zero after the term, not the start of a weight ("nude:0.8" reads "nude 0 8")."""
    return tokens[at] == "0" and (at + 1 >= len(tokens) or not tokens[at + 1].isdigit())


def _not_shown(tokens: Sequence[str], last: int, refusable: bool = False) -> bool:
    """Whether a negated showing verb follows the term: auxiliaries, then "not" or "never" (or the
    "t" of "isn't"), then "be" at most, then the verb ("must not be shown", "is never visible");
    for a refusable term also "is forbidden", "not allowed"."""
    i = last + 1
    while i < len(tokens) and i - last <= 3 and tokens[i] in _AUXILIARIES and tokens[i] != "t":
        i += 1
    if refusable and i < len(tokens) and tokens[i] in _FORBIDDEN:
        return _refusal(tokens, i)  # "gore is forbidden", "nudity prohibited"
    if i >= len(tokens) or tokens[i] not in ("not", "never", "t"):
        return False
    i += 1
    if i < len(tokens) and tokens[i] in ("be", "being", "been"):
        i += 1
    if i >= len(tokens):
        return False
    return tokens[i] in _SHOWN or (refusable and tokens[i] in _REFUSED and _refusal(tokens, i))


def _refusal(tokens: Sequence[str], at: int) -> bool:
    """Whether the refusing word at `at` refuses the thing before it: not when an infinitive
    follows ("prisoners tortured, not allowed to sleep" says what the prisoners may not do)."""
    return at + 1 >= len(tokens) or tokens[at + 1] != "to"


# A negative-prompt label written after its list: "(nsfw:1.4), (gore:1.3) -- negative; positive: a
# library", "[blood], [nude] in the negative please", "{nsfw}, {gore} as undesired".
_CLOSING_REACH = 16


def _before_negative_label(tokens: Sequence[str], last: int) -> bool:
    """Whether a closing negative-prompt label follows the term within a few words, with no
    "positive" label between: "negative" followed by "positive", "in the negative", "as
    negative", "as undesired", "ใน negative"."""
    for i in range(last + 1, min(len(tokens), last + 1 + _CLOSING_REACH)):
        word = tokens[i]
        if word == "positive":
            return False
        if word == "negative":
            if i + 1 < len(tokens) and tokens[i + 1] == "positive":
                return True
            return tokens[i - 1] in ("as", "ใน") or (tokens[i - 1] == "the" and tokens[i - 2] == "in")
        if word == "undesired" and tokens[i - 1] == "as":
            return True
    return False


# "keep blood and gore out of frame", "the bodies stay off camera": where the term is kept.
_OUT_OF = frozenset({"frame", "shot", "view", "sight", "picture", "camera", "scene", "image", "composition"})
_OFF = frozenset({"camera", "frame", "screen"})
_KEPT = frozenset(
    {"kept", "keep", "stays", "stay", "remain", "remains", "is", "are", "be", "always", "left", "leave"}
    | {"completely", "entirely", "totally", "fully", "strictly", "firmly", "well", "safely"}
)
# "keep any gore or dead bodies out of it": "it" and "this" say where only after a verb of keeping.
_KEEP = frozenset({"keep", "keeping", "leave", "leaving"})
_PRONOUNS = frozenset({"it", "this"})
_ITEM_WORDS = 3
# The noun a term describes, part of the item kept out ("keep any demonic or violent imagery out
# of it").
_KIND_NOUNS = frozenset(
    {"imagery", "images", "content", "elements", "details", "themes", "stuff", "visuals", "material"}
)


def _kept_out(tokens: Sequence[str], first: int, last: int, listed: Container[int], bare: bool = True) -> bool:
    """Whether the term, and the other items and joiners after it, is followed by where it is
    kept: "out of (the) frame/shot/view/sight/picture/camera/scene" or "off camera/frame/screen",
    with a verb of keeping at most between ("blood and gore kept out of frame", "the bodies stay off
    camera"), or "out of it" after "keep" before the term. An item need not be listed when a joiner
    stands next to it ("gore, demons or dead bodies out of frame", "the gore and a patient's wounds
    out of the scene"). "a corpse half out of frame" is not: "half" is neither. `bare`: "kept out"
    or "left out" with no place after it counts too ("gore kept out"), which for people is
    exclusion, not absence."""
    i = last + 1
    # Unlisted words of the item a joiner opens ("and a patient's wounds"), at most this many.
    free = 0
    while i < len(tokens):
        word = tokens[i]
        if word in ("out", "off"):
            break
        if word in _JOINERS:
            free = _ITEM_WORDS
        elif i in listed or word in _KEPT or word in _KIND_NOUNS:
            pass
        elif free > 0:
            free -= 1
        elif not (i + 1 < len(tokens) and tokens[i + 1] in _JOINERS):  # "gore, demons or ..."
            break
        i += 1
    if i >= len(tokens):
        return False
    if tokens[i] == "off":
        # "off camera", "blood is off the table".
        return i + 1 < len(tokens) and (
            tokens[i + 1] in _OFF or (tokens[i + 1] == "the" and i + 2 < len(tokens) and tokens[i + 2] == "table")
        )
    if tokens[i] != "out":
        return False
    if i + 1 < len(tokens) and tokens[i + 1] == "of":
        at = i + 3 if i + 3 < len(tokens) and tokens[i + 2] == "the" else i + 2
        if at >= len(tokens):
            return False
        if tokens[at] in _PRONOUNS:
            return any(w in _KEEP for w in tokens[max(0, first - 2 * _WINDOW) : first])
        return tokens[at] in _OUT_OF
    # "nudity left out entirely", "gore kept out".
    return bare and tokens[i - 1] in ("left", "kept")


def _after_negative_prompt(tokens: Sequence[str], first: int, starts: Container[int]) -> bool:
    """Whether a "negative prompt:" label stands before the term with no "positive" label after
    it: what follows the label lists what must not appear (Stable Diffusion's habit, written into
    one prompt). A term before the label still counts. "negative" is a label when it opens the
    prompt, is followed by "prompt", comes after a "prompt:" label of its own ("Prompt: a farmer |
    Negative: fire, blood"), or starts a list of two listed terms or more ("negative: blood,
    corpse, gore"); "a film negative of a nude woman" has none of these."""
    negative = False
    prompt_label = False
    for i in range(first):
        word = tokens[i]
        if word == "negative" and (
            i == 0 or tokens[i + 1] in ("prompt", "prompts") or prompt_label or _starts_a_list(tokens, i + 1, starts)
        ):
            negative = True
        elif word == "prompt" and (i == 0 or tokens[i - 1] != "negative"):
            prompt_label = True
        elif word == "positive" and (i == 0 or tokens[i + 1] in ("prompt", "prompts") or negative):
            negative = False
    return negative


def _starts_a_list(tokens: Sequence[str], at: int, starts: Container[int]) -> bool:
    """Whether two listed terms or more begin among the next six words from `at`, numbers not
    counted ("negative: (blood:1.4), (wound:1.3), nipples" keeps its weights as numbers)."""
    words = found = 0
    j = at
    while j < len(tokens) and words < 6:
        if not tokens[j].isdigit():
            words += 1
            found += j in starts
        j += 1
    return found >= 2


def _in_list(tokens: Sequence[str], first: int, last: int, alternatives: Container[str]) -> bool:
    """Whether the term covering tokens[first..last] stands next to an "or" of a list."""
    return (last + 1 < len(tokens) and tokens[last + 1] in alternatives) or (
        first > 0 and tokens[first - 1] in alternatives
    )


def _participle(word: str) -> bool:
    # "no animals killed", "no one hurt", "nobody bleeding".
    return word.endswith(("ed", "ing")) or word in _IRREGULAR_PARTICIPLES


def _thai(word: str) -> bool:
    return bool(word) and "\u0e00" <= word[0] <= "\u0e7f"


def thai_negator(word: str) -> bool:
    return word.startswith("ไม่") or word.endswith(THAI_NEGATORS)


# "เอาเลือดออก" (take the blood out), "ตัดฉากยิงกันทิ้ง" (cut the shooting scene away).
_THAI_TAKE = ("เอา", "ตัด")
_THAI_AWAY = frozenset({"ออก", "ทิ้ง"})


def _thai_cut_out(tokens: Sequence[str], first: int, last: int, listed: Container[int]) -> bool:
    """Thai puts "cut out" and "don't want" after what they refuse ("ฉากฆ่ากับศพตัดออก", scenes of
    killing and corpses cut out; "เลือดไม่เอา", blood: no), or takes or cuts it before and puts
    "out" or "away" after ("เอาเลือดออก", "ตัดฉากยิงกันทิ้งไป"). Other listed terms, joiners and
    having/showing words may stand between, three at most, and so may the word a joiner adds to
    the list ("ตัดภาพศพหรือผู้บาดเจ็บออก", cut out the corpses or the injured)."""
    taken = any(t.startswith(_THAI_TAKE) for t in tokens[max(0, first - 2) : first])
    i = last + 1
    while (
        i < len(tokens)
        and i - last <= 3
        and not (taken and tokens[i] in _THAI_AWAY)
        and (
            i in listed
            or tokens[i] in _THAI_JOINERS
            or tokens[i] in THAI_MODIFIERS
            or (taken and tokens[i - 1] in _THAI_JOINERS and _thai(tokens[i]))
        )
    ):
        i += 1
    if i >= len(tokens):
        return False
    word = tokens[i]
    if word in _THAI_CUT_OUT or (taken and word in _THAI_AWAY):
        return True
    return word == "ไม่" and i + 1 < len(tokens) and tokens[i + 1] == "เอา"


def _inside_a_term(i: int, first: int, listed: Mapping[int, int]) -> bool:
    """Whether the Thai negator tokens[i] is a word of another listed term that goes on past it and
    ends a phrase before the term at `first` ("ไม่|ใช่|คน", not human, then a space): the lexicon's
    author wrote the negator into that term, so it negates nothing after it."""
    return i < listed.get(i, i) < first


def _thai_negated(
    tokens: Sequence[str], first: int, last: int, listed: Mapping[int, int], sentence: int = 0
) -> bool:
    """Thai: a negator up to five words before the term, with only having/showing verbs, the
    nouns that make a verb a thing, or list items between ("ห้ามมีความรุนแรง", "ไม่มีการฆ่า",
    "ไม่มีผู้บาดเจ็บหรือศพ")."""
    in_list = _in_list(tokens, first, last, _THAI_ALTERNATIVES)
    i = first - 1
    # One other word may stand between, when a negator and verb come before it: the thing that
    # carries the term ("ไม่มี|อาวุธ|เปื้อนเลือด", "ไม่เอา|ผี|หัวขาด"). Two end the scope.
    spare_at = -1
    # Only modifiers, joiners and listed terms so far: the scope reaches twice as far ("ไม่ต้องวาด
    # ให้เห็นคนถูกฟันหรือเลือดสาด").
    described = True
    # A list's other items and its "หรือ" do not use up the reach: "ไม่มีภาพสัตว์บาดเจ็บหรือถูก
    # ทรมาน" (no pictures of animals injured or tortured) reaches its last item.
    items = 0
    while i >= sentence and first - i - items <= (2 * _THAI_WINDOW if described else _THAI_WINDOW):
        word = tokens[i]
        # "ไม่มีอะไรเลยนอกจากศพ" (nothing at all but corpses), "ยกเว้น" (except): what follows is
        # there, the negator only clears the rest away.
        if word in _THAI_EXCEPT:
            return False
        # "อะไร|เลย" (anything at all) completes the negator's object: "ไม่ได้ใส่อะไรเลย นอนถ่างขา"
        # (wearing nothing at all, lying legs apart) negates the clothes, not what comes after.
        # A relative "ที่" carries it on ("ไม่มีอะไรเลยที่รุนแรง", nothing at all that is violent).
        if word == "เลย" and i > 0 and tokens[i - 1] == "อะไร" and tokens[i + 1] != "ที่":
            return False
        # A verb, "ไม่", "ออก" says one cannot do it ("เนียนจนดูไม่ออก", so seamless no one can
        # tell; "แยกไม่ออก"): an inability, not an absence, so it negates nothing after it.
        if word == "ไม่" and tokens[i + 1] == "ออก" and i > 0 and _thai(tokens[i - 1]):
            return False
        # "ไม่มีที่ติ", "ไร้ที่ติ" (flawless: no fault to find) praise what comes before them.
        if word[:1] in _THAI_FLAWLESS_HEADS and "".join(tokens[i : i + 3]).startswith(_THAI_FLAWLESS):
            return False
        # A negator inside another listed term is that term's own word ("ไม่ใช่คน", not human;
        # "ไม่ใส่เสื้อผ้า", wearing nothing): it says what the term says and negates nothing after
        # it ("พวกนี้ไม่ใช่คน ผลักเรือกลับทะเล" still calls for the boats pushed back).
        if thai_negator(word) and not _inside_a_term(i, first, listed):
            # A bare negator right before that word negates the word itself ("ไม่|ปรานี",
            # merciless), not the term after it: it needs its verb ("ไม่|มี", "ไม่เอา"). When that
            # word is a listed term too, the two are one compound, negated whole ("ไม่|โป๊|เปลือย").
            return not (spare_at == i + 1 and word in _BARE_THAI_NEGATORS and spare_at not in listed)
        follower = tokens[i + 1]
        joined = in_list or (i in listed and follower in _THAI_JOINERS) or follower in _THAI_ALTERNATIVES
        items += follower in _THAI_ALTERNATIVES or word in _THAI_ALTERNATIVES
        # A list item is described too: "ไม่อยากให้เห็นแผลหรือความทรมาน" (no wounds or suffering to
        # be seen) reaches its second item.
        if word not in THAI_MODIFIERS and i not in listed and word not in _THAI_JOINERS and not joined:
            described = False
        if word not in THAI_MODIFIERS and not joined:
            if spare_at >= 0 or not _thai(word):
                return False
            spare_at = i
        i -= 1
    return False
