"""Normalisation: each evasion folds to the plain form; idempotence (also fuzzed in test_fuzz.py)."""

from __future__ import annotations

import pytest

from otel_aiaudit.policy.normalize import _english_splitter, normalize, term_variants, variants
from otel_aiaudit.policy.terms import TermIndex


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("GORE", "gore"),
        ("Ｎｕｄｅ", "nude"),  # full-width (NFKC)
        ("𝐤𝐢𝐥𝐥", "kill"),  # mathematical bold
        ("gôrë", "gore"),  # accents
        ("nаkеd", "naked"),  # Cyrillic а, е
        ("nαkεd", "naked"),  # Greek α, ε
        ("n\u200bu\u200bd\u200be", "nude"),  # zero-width spaces
        ("n\u00adu\u00add\u00ade", "nude"),  # soft hyphens
        ("n.u.d.e", "nude"),
        ("n u d e", "nude"),
        ("n-u-d-e", "nude"),
        ("nuuuuude", "nude"),
        ("g0r3", "gore"),
        ("n@ked", "naked"),
        ("$ex", "sex"),
        ("assassin's creed", "assassin s creed"),
    ],
)
def test_evasions_fold(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_digits_alone_and_punctuation_stay() -> None:
    assert normalize("in 2024, 16:9!") == "in 2024 16 9"
    assert normalize("wow!") == "wow"  # a trailing "!" is punctuation, not a leet i


def test_second_leet_reading_for_one() -> None:
    assert variants("k1ll") == ["kill", "kl"]  # 1 read as i, then as l ("klll" squeezes to "kl")
    forms = variants("sku11")
    assert forms[0] == "skuii" and forms[1] == "skull"
    assert variants("a photo of a cat") == ["a photo of a cat"]


def test_thai_marks_survive() -> None:
    assert normalize("ฆ่า") == "ฆ่า"
    assert normalize("ฆ่าาาาา") == "ฆ่า"


def test_a_thai_tone_mark_typed_after_sara_aa_is_put_back_on_its_consonant() -> None:
    assert normalize("ฆา่") == "ฆ่า"  # kill, its tone mark typed last
    assert normalize("ทหารกำลังฆา้ตัว") == "ทหารกำลังฆ้าตัว"  # any tone mark
    assert normalize("ค่าน้ำ ทำนา") == "ค่าน้ำ ทำนา"  # written right: unchanged, SARA AM included


def test_a_space_before_a_thai_mark_is_dropped() -> None:
    # A vowel or tone mark never starts a Thai word: the space only parts it from its letter.
    assert variants("ม ุ ส ลิ ม") == ["มุสลิม"]
    # A tone mark stacked on the vowel of its consonant, and a vowel that follows its consonant,
    # each typed apart: the letters with their marks are the units of a word spelled out.
    assert variants("ภาพ ผ ู ้ ห ญ ิ ง ใส่ชุด") == ["ภาพ ผู้หญิง ใส่ชุด"]
    assert variants("ภาพ ข ี ้ ข ้ า ในไร่") == ["ภาพ ขี้ข้า ในไร่"]
    assert variants("ข ้ า ว") == ["ข้าว"]
    assert variants("น้ำ ท่วม ถนน") == ["น้ำ ท่วม ถนน"]  # words written right keep their spaces


def test_words_spelled_with_hyphens_stay_apart() -> None:
    assert variants("g-a-s t-h-e j-e-w-s, r-a-c-e w-a-r") == ["gas the jews race war"]
    # Short words too, once one word is spelled so.
    assert variants("K-i-m J-o-n-g U-n on a beach") == ["kim jong un on a beach"]
    assert variants("x-ray, well-lit, 8-bit, hand-drawn, sci-fi") == ["x ray well lit 8 bit hand drawn sci fi"]


def test_words_spelled_out_in_a_list_stay_apart() -> None:
    # A comma or semicolon ends a spelled word, whatever separates its letters.
    assert variants("g-o-r-e, i.n.t.e.s.t.i.n.e.s spilling") == [
        "gore intestines i ntestines spilling",
        "gore i ntestines intestines spilling",
    ]
    assert variants("g o r e; b l o o d, ok") == ["gore blood ok"]
    # Single letters in a list are still one word, as they are without the commas.
    assert variants("k, i, l, l them") == ["kill them"]
    # A punctuation mark alone between spaces ends a word too; a symbol that is a letter does not.
    assert variants("R*e*f*u*g*e*e*s = p*a*r*a*s*i*t*e*s") == ["refugees parasites"]
    assert variants("her \u249d\u24aa\u24aa\u249d\u24ae, in a booth") == ["her boobs in a booth"]


def test_a_hyphen_inside_a_dotted_spelling_is_the_word_s_own() -> None:
    # The joined run is also read as the words it splits into (a run of eight letters or more).
    assert variants("s.e.l.f-h.a.r.m, b-l-e-e-d-i-n-g") == ["selfharm self harm bleeding"]


def test_a_wide_gapped_spelling_may_follow_a_word() -> None:
    # "N O" after "sign" is the first spelled word, not a run left unjoined.
    assert variants("a sign N O   J E W S   A L L O W E D") == ["a sign no jews allowed"]


def test_a_wide_gapped_spelling_is_read_without_a_leading_x_or_one_letter_word() -> None:
    # As in a single run: the decoration "x" and the article "a" are read apart too, each reading
    # next to the words that follow in one of the two forms, since the letter may be the name's own.
    assert variants("ink: x w h i t e  p o w e r") == ["ink xwhite white power", "ink white xwhite power"]
    assert variants("a w h i t e  p o w e r flag") == ["awhite a white power flag", "a white awhite power flag"]
    assert variants("A n d r e w  T a t e") == ["andrew a ndrew tate", "a ndrew andrew tate"]
    # Too short to be a word with a letter before it: joined as it was.
    assert variants("x b o  g o o d") == ["xbo good"]


def test_term_variants_cover_doubles_and_joined_names() -> None:
    assert term_variants("kill") == {"kill", "kil"}
    assert "elonmusk" in term_variants("Elon Musk")
    assert term_variants("aaa") == set()  # would squeeze to "a" and match everywhere
    assert term_variants("kkk") == {"kkk"}  # the Klan's initials, kept as "xxx" is


def test_a_squeezed_word_that_is_a_word_of_its_own_is_not_indexed() -> None:
    assert term_variants("top off", frozenset({"of"})) == {"top off", "topoff"}
    assert "s runes" not in term_variants("ss runes")  # one letter is never a squeezed word
    assert term_variants("kill", frozenset({"of"})) == {"kill", "kil"}


def test_a_stretched_word_is_also_read_with_two_letters() -> None:
    assert variants("clothes offffff") == ["clothes of", "clothes off"]
    assert variants("a cat on top of the hill") == ["a cat on top of the hill"]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("King Charles III", "king charles iii"),  # not "king charles i", another king
        ("Henry VIII", "henry viii"),
        ("Super Bowl XXXVIII", "super bowl xxxviii"),
        ("XXX video", "xxx video"),
        ("kiiiilll", "kil"),  # a stretched word still squeezes
        ("xxxxx", "x"),  # five x's are no numeral
    ],
)
def test_roman_numerals_keep_their_letters(text: str, form: str) -> None:
    assert normalize(text) == form


def test_a_thai_mark_typed_twice_reads_as_one() -> None:
    assert variants("ต่างด้้าว") == ["ต่างด้าว"]  # stacked on itself it renders as one


def test_a_word_cut_into_syllables_by_dots_is_also_read_joined() -> None:
    assert variants("a be.head.ing") == ["a be head ing", "a beheading"]
    assert variants("e.g. the U.S.A. flag") == ["e g the usa flag"]  # single letters: step 6 only


def test_thai_letters_cut_by_underscores_read_as_one_word() -> None:
    # Joined, the word is one word for segmentation too, so a rule's window counts it once.
    assert variants("ธง ส_วั_ส_ดิ_กะ") == ["ธง สวัสดิกะ"]


def test_a_split_thai_letter_keeps_the_sara_am_typed_after_it() -> None:
    assert variants("ภาพ ค น ดำ") == ["ภาพ คนดำ"]  # SARA AM follows its consonant, not a mark on it


def test_a_thai_hand_reaching_out_is_two_words_not_a_stretched_letter() -> None:
    # "มือ|ออก": the vowel's last letter and the next word's first two make three in a row.
    assert variants("ยื่นมือออกมา") == ["ยื่นมือออกมา"]
    assert variants("ดีมากกกก") == ["ดีมาก", "ดีมากก"]  # a drawn-out Thai word still squeezes


def test_a_split_run_after_a_one_letter_word_reads_both_ways_next_to_the_following_word() -> None:
    # The run may start with the article "a" or with a letter of the word: each reading stands
    # next to the following word in one of the forms, so a phrase after it matches either way. The
    # article stays a word before the rest, so a phrase that needs it matches too ("a disease").
    assert variants("an a|n|t|i|s|e|m|i|t|i|c caricature") == [
        "an antisemitic a ntisemitic caricature",
        "an a ntisemitic antisemitic caricature",
    ]
    assert variants("a s w a s t i k a flag") == ["aswastika a swastika flag", "a swastika aswastika flag"]
    assert variants("a n u d e") == ["anude a nude", "a nude anude"]
    assert variants("gay people a d i s e a s e") == [
        "gay people adisease a disease",
        "gay people a disease adisease",
    ]


def test_a_decorating_x_around_split_letters_is_read_both_ways() -> None:
    assert "porn" in variants("x p o r n x photo")[0].split()
    assert "sex" in variants("x s e x scene")[0].split()
    assert "sex" in variants("a s e x scene")[0].split()  # a trailing x belongs to the word
    # An article before the decoration: the run is read without both, and without the closing x.
    assert "obama" in variants("a photo of a x O b a m a")[0].split()
    assert "porn" in variants("a x p o r n x poster")[0].split()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("s t o p  t h e  b o a t s", "stop the boats"),  # a wider gap between spelled-out words
        ("say 'k i l l  t h e m  a l l' now", "say kill them all now"),
        ("g 0 r e  s c e n e", "gore scene"),  # leet inside a spelled-out word still reads
        ("k i l l  them", "kill them"),  # a gap before a whole word: one run, as before
        ("A  B  C", "abc"),  # single letters only: the usual join
        ("cat  b l o o d  bath", "cat blood bath"),
    ],
)
def test_spelled_out_words_with_wider_gaps_stay_words(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        # No wider gap between the words: the run is read whole, then as the words it splits into.
        ("E m m a W a t s o n n u d e photo", "emmawatsonnude emma watson nude photo"),
        ("stop the r e f u g e e v e r m i n", "stop the refugeevermin refugee vermin"),
        ("B 1 d 3 n m u g 5 h 0 7", "bidenmugshot biden mug shot"),  # leet read first, then split
    ],
)
def test_spelled_out_words_run_together_are_also_read_as_words(raw: str, form: str) -> None:
    assert variants(raw)[0] == form


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        ("a neon sign T H E R A P I S T", "a neon sign therapist"),  # not "the rapist"
        ("H O L O C A U S T memorial", "holocaust memorial"),
        ("S A L E today", "sale today"),  # shorter than eight letters: never split
    ],
)
def test_a_spelled_out_run_that_is_one_word_is_not_split(raw: str, form: str) -> None:
    assert variants(raw) == [form]


def test_a_long_run_of_single_letters_is_joined_whatever_its_gaps() -> None:
    run = " ".join("ab" * 2000)
    assert normalize(f"{run}  x y z") == f"{'ab' * 2000} xyz"


def test_a_split_run_before_a_one_letter_word_reads_both_ways() -> None:
    # The last letter may be the article after the word ("k i l l a man"): one form keeps the word
    # next to what precedes it, the other puts the article back before what follows.
    assert variants("k i l l a man") == ["killa kill a man", "kill a killa man"]
    assert variants("say 'b.o.m.b', i said") == ["say bombi bomb i said", "say bomb i bombi said"]
    assert variants("s a l s a") == ["salsa sals a", "sals a salsa"]  # a real last letter stays read
    assert variants("k i l l") == ["kill"]  # no letter after: one form, as before


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        ("neg: blood | prompt: a fox", "negative prompt blood positive prompt a fox"),
        ("Negative prompt: gore. Prompt: snow", "negative prompt gore positive prompt snow"),
        ("prompt: a fox", "prompt a fox"),  # no negative list to close: the label stays a word
    ],
)
def test_a_bare_prompt_label_closes_a_negative_list(raw: str, form: str) -> None:
    assert normalize(raw) == form


def test_building_a_term_index_loads_the_word_splitter() -> None:
    # Loaded at start-up with the lexicons, so a broken install fails there and not on the first
    # spelled-out prompt.
    _english_splitter.cache_clear()
    TermIndex([("gore", ("content", "violence"))])
    assert _english_splitter.cache_info().currsize == 1
