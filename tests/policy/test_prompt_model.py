"""The shipped prompt model: its features, its file, its place in the engine, and where it came from."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otel_aiaudit.generation import Generation
from otel_aiaudit.policy import prompt_model
from otel_aiaudit.policy.config import ContentFilter, PolicyConfig
from otel_aiaudit.policy.engine import PolicyEngine
from otel_aiaudit.policy.normalize import normalize
from otel_aiaudit.policy.prompt_model import (
    BITS,
    BUCKETS,
    MAX_N,
    MIN_N,
    ModelFileError,
    bucket_ids,
    matching_form,
    read_form,
    read_model,
    save_model,
    shipped_model,
)
from tests.model_check import model_check

ROOT = Path(__file__).resolve().parents[2]


def reference_buckets(form: str) -> list[int]:
    """bucket_ids written the slow way: every substring of what the model reads, hashed with Python
    integers."""
    padded = f" {read_form(form)} "
    out = []
    for n in range(MIN_N, MAX_N + 1):
        for start in range(len(padded) - n + 1):
            h = 0
            for ch in padded[start : start + n]:
                h = (h * 1_000_003 + ord(ch)) % 2**32
            out.append(((h * 0x9E3779B1) % 2**32) >> (32 - BITS))
    return sorted(out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdefxyz 0123กขคงจฉ้่ะา.,!"), max_size=40))
def test_bucket_ids_are_every_short_substring_hashed(text: str) -> None:
    form = normalize(text)
    assert sorted(bucket_ids(form).tolist()) == reference_buckets(form)


@pytest.mark.parametrize(
    ("form", "read"),
    [
        ("flash tattoo of a dagger through a rose no blood drops", "flash tattoo of a dagger through a rose"),
        ("people holding hands no stereotypes no caricatures", "people holding hands"),
        ("anime swordswoman in plate armour no fanservice", "anime swordswoman in plate armour"),
        ("ขอไม่มีศพ ไม่มีรอยเลือด เงาคนถือเทียน", "ขอ เงาคนถือเทียน"),
        ("gore free zombie poster", "zombie poster"),
        # A list the commas no longer mark, and "free of" as a negator rather than "<word> free".
        ("robot concept art exclude skulls sparks and wreckage focus on armor", "robot concept art focus on armor"),
        ("quiet castle but free of any ghosts mist or ruins", "quiet castle but"),
        ("no shirt and covered in blood", "covered in blood"),
        ("a haunted house negative prompt blood gore skulls", "a haunted house"),
        ("a fox negative prompt gore positive prompt snow", "a fox positive prompt snow"),
        ("a man covered in blood", "a man covered in blood"),
        # What is kept out of the picture, up to five words before where it is kept.
        ("surgeons at work keep open wounds and blood out of frame calm", "surgeons at work calm"),
        ("a battlefield keep the bodies off camera", "a battlefield"),
        ("a corpse half out of frame", "a corpse half out of frame"),
        ("a knight at dawn keep any violent imagery out of it", "a knight at dawn"),
        # Thai "no" written as in English, and "none" after a phrase ("เลือด: ไม่มี").
        ("โนเลือด โนศพ ขอแค่ภาพวิว", "ขอแค่ภาพวิว"),
        ("ชายแก่ตกปลา รอยแผลเป็น ไม่มี เลือด ไม่มี แค่รอยยิ้ม", "ชายแก่ตกปลา แค่รอยยิ้ม"),
        ("เปียโนสีดำ", "เปียโนสีดำ"),
        ("no", ""),
    ],
)
def test_the_model_does_not_read_what_a_prompt_negates(form: str, read: str) -> None:
    assert read_form(form) == read
    if read:
        assert sorted(bucket_ids(form).tolist()) == sorted(bucket_ids(read).tolist())


def test_every_negator_passes_the_probe() -> None:
    # The probe gates the negation pass: a negator it missed would be read as what it negates.
    for negator in [*prompt_model._NEGATORS.split("|"), "negative prompt", *prompt_model._KEEP.split("|")]:
        assert prompt_model._NEGATION_PROBE.search(f" {negator} gore ") is not None, negator
    assert read_form("a quiet street at night") == "a quiet street at night"


@pytest.mark.parametrize(
    ("prompt", "read"),
    [
        # A zero-width joiner inside a word gives the prompt a reading with that word's pieces
        # apart, after the override's own: the model still reads the override undone.
        ("po\u200drn shoot in a villa, a couple having \u202exes\u202c by the pool",
         "porn shoot in a villa a couple having sex by the pool"),
        # Zero-width spaces between letters, and an override never popped (its first word).
        ("hot \u202exes on the hood of a car, h\u200be\u200bn\u200bt\u200ba\u200bi style",
         "hot sex on the hood of a car hentai style"),
    ],
)
def test_the_model_reads_an_override_as_its_writer_meant_it_whatever_other_readings_follow(
    prompt: str, read: str
) -> None:
    assert matching_form(prompt) == read


def test_a_repeated_ngram_counts_each_time() -> None:
    once, twice = bucket_ids("gore"), bucket_ids("gore gore")
    assert len(twice) > len(once)
    assert set(once.tolist()) <= set(twice.tolist())


# --- in the engine -------------------------------------------------------------------------------

# Written here, not taken from any prompt set: meaning without a listed word or rule pair. These
# show the stage at work; how often it succeeds is the held-out figure (meaning without a listed
# word: 0.76 with the model, docs/policy.md), and it misses many prompts like these.
MEANING = [
    ("militia burns the village while families are locked inside the barn", "violence"),
]


def engine(**content) -> PolicyEngine:
    return PolicyEngine(PolicyConfig(mode="enforce", content_filter=ContentFilter(action="block", **content)))


def content_hits(eng: PolicyEngine, prompt: str):
    return [h for h in eng.evaluate(Generation(provider="test", prompt=prompt)).hits if h.rule == "content"]


@pytest.mark.parametrize(("prompt", "category"), MEANING)
def test_the_model_blocks_what_no_lexicon_line_names(prompt: str, category: str) -> None:
    assert content_hits(engine(prompt_model=False), prompt) == []
    hits = {h.category: h for h in content_hits(engine(), prompt)}
    # The model may also score a neighbouring category over its threshold; the expected one is there.
    hit = hits[category]
    assert hit.action == "block"
    for h in hits.values():
        assert h.detail.startswith("prompt model score ") and h.score is not None
        assert h.score >= shipped_model().thresholds[h.category]


def test_allow_terms_count_towards_no_score() -> None:
    prompt, category = MEANING[0]
    allowed = content_hits(engine(allow_terms=["burns the village"]), prompt)
    assert category not in [h.category for h in allowed]
    # The allowed phrase is read as absent: the rest scores as it does on its own.
    rest = content_hits(engine(), prompt.replace("burns the village ", ""))
    assert [(h.category, h.score) for h in allowed] == [(h.category, h.score) for h in rest]
    assert category in [h.category for h in content_hits(engine(allow_terms=["pottery"]), prompt)]


def test_what_the_lexicons_found_negated_counts_towards_no_score() -> None:
    # The model's own reading drops two words after a negator; the lexicons' scope reaches past
    # modifiers ("without any real ..."). A term they found negated is cut from the model's form.
    prompt, category = MEANING[0]
    listed = engine(extra_terms={category: [prompt]})
    assert content_hits(listed, f"without any real {prompt}") == []
    # Listed but not negated: the lexicon hit; not listed: the model still reads it.
    assert [h.detail for h in content_hits(listed, f"a quiet farm painting, {prompt}")] == [
        f"matched 1 term in category {category}"
    ]
    hits = content_hits(engine(), f"without any real {prompt}")
    assert hits and all(h.detail.startswith("prompt model score ") for h in hits)


def test_a_shipped_allow_phrase_counts_towards_no_score() -> None:
    # "prince william sound" is a place on the shipped allow list; "aerial photo of" is a realism cue.
    assert content_hits(engine(), "aerial photo of prince william sound at low tide") == []


def test_a_category_the_policy_does_not_block_gets_no_model_hit() -> None:
    prompt, category = MEANING[0]
    scored = {c for c, _ in shipped_model().flagged(matching_form(prompt))}
    assert category in scored
    others = [c for c in ("violence", "explicit", "hate_speech", "deepfake") if c not in scored]
    assert content_hits(engine(blocked_categories=others), prompt) == []


def test_observe_mode_records_the_model_hit_as_a_would_block() -> None:
    prompt, category = MEANING[0]
    eng = PolicyEngine(PolicyConfig(mode="observe", content_filter=ContentFilter(action="block")))
    decision = eng.evaluate(Generation(provider="test", prompt=prompt))
    assert (decision.mode, decision.outcome) == ("observe", "block")
    assert category in [h.category for h in decision.hits if h.rule == "content"]


# Group words alone are not hate: people of many groups in scenes unlike the training examples.
GROUPS = ["Muslim", "Jewish", "Black", "Chinese", "gay", "transgender", "Roma", "disabled", "Mexican", "Sikh"]
SCENES = [
    "a {} grandmother knitting by a rainy window",
    "{} students revising together in a university library",
    "a {} fisherman mending nets at dawn, oil painting",
    "a {} violinist on stage at a concert hall",
]


@pytest.mark.parametrize("scene", SCENES)
def test_naming_a_group_is_not_hate(scene: str) -> None:
    eng = engine()
    flagged = {g: content_hits(eng, scene.format(g)) for g in GROUPS}
    assert {g: h for g, h in flagged.items() if h} == {}


# --- the file --------------------------------------------------------------------------------------


def test_a_broken_model_file_is_named_with_its_problem(tmp_path: Path) -> None:
    garbage = tmp_path / "model.npz"
    garbage.write_bytes(b"not a zip")
    with pytest.raises(ModelFileError, match="model.npz: not a model file"):
        read_model(garbage)
    with pytest.raises(ModelFileError, match="missing.npz"):
        read_model(tmp_path / "missing.npz")
    shaped = tmp_path / "shaped.npz"
    save_model(shaped, ["violence"], [0.0], {"violence": 0.9}, np.array([1, 2]), np.zeros((3, 1)), {})
    with pytest.raises(ModelFileError, match="weights do not match"):
        read_model(shaped)
    outside = tmp_path / "outside.npz"
    save_model(outside, ["violence"], [0.0], {"violence": 0.9}, np.array([BUCKETS]), np.zeros((1, 1)), {})
    with pytest.raises(ModelFileError, match="outside"):
        read_model(outside)


def test_the_shipped_model_is_the_one_the_development_set_trains(request: pytest.FixtureRequest) -> None:
    # Refits every category's weights from tests/data/dev/ and compares them weight for weight, and
    # checks that the file records the digests of today's development prompts and lexicons: the
    # shipped file comes from the development prompts and nothing else (the held-out set is refused
    # by the script). The thresholds come from the same run as the digests; `--check --full`
    # refits the fold models behind them too. The script started when the tests were collected and
    # ran beside them (tests/model_check.py).
    returncode, output = model_check(request.config).result()
    assert returncode == 0, output
    assert "matches" in output


def training_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_prompt_model", ROOT / "scripts" / "train_prompt_model.py")
    assert spec is not None and spec.loader is not None
    training = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(training)
    return training


@pytest.fixture(scope="module")
def small_training() -> tuple:
    """A model trained in full on one development set (enough positives for every category the
    model scores) and the same set trained for the quick check, with the data they came from."""
    training = training_script()
    files = training.data_files("tests/data/dev/external8[78]_*.jsonl")
    records = training.load(files, "external87 and 88")
    full, _ = training.train(records, 0.0007)
    quick, _ = training.train(records, 0.0007, thresholds_too=False)
    for model in (full, quick):
        model["trained_on"].update(data_sha256=training.data_digest(files), lexicons_sha256=training.lexicons_digest())
    return training, files, full, quick


def test_the_quick_check_fits_the_same_weights_as_training(small_training: tuple, tmp_path: Path) -> None:
    training, _, full, quick = small_training
    assert full["categories"] == quick["categories"] == ["violence", "explicit", "hate_speech", "deepfake"]
    assert quick["thresholds"] == {} and set(full["thresholds"]) == set(full["categories"])
    path = tmp_path / "m.npz"
    training.save_model(path, **full)
    assert training.differences(path, quick, full=False) == []
    assert training.differences(path, full, full=True) == []


def test_the_check_names_what_changed_since_training(small_training: tuple, tmp_path: Path) -> None:
    training, files, full, quick = small_training
    path = tmp_path / "m.npz"
    training.save_model(path, **full)
    # Another development prompt, changed lexicons, other weights, another threshold.
    changed = tmp_path / files[0].name
    changed.write_bytes(files[0].read_bytes() + b'{"prompt": "a lighthouse", "labels": []}\n')
    moved = dict(quick, trained_on=dict(quick["trained_on"], data_sha256=training.data_digest([changed, *files[1:]])))
    assert training.differences(path, moved, full=False) == ["the development prompts are not those it was trained on"]
    relisted = dict(quick, trained_on=dict(quick["trained_on"], lexicons_sha256="0" * 64))
    assert training.differences(path, relisted, full=False) == ["the lexicons are not those it was trained on"]
    reweighted = dict(quick, weights=quick["weights"] * 1.01)
    assert training.differences(path, reweighted, full=False) == ["its weights differ"]
    recut = dict(full, thresholds={**full["thresholds"], "violence": 0.99})
    assert training.differences(path, recut, full=True) == ["its thresholds differ"]
    assert training.differences(tmp_path / "none.npz", quick, full=False) == ["there is no model file"]


def test_the_lexicon_digest_follows_terms_and_not_comments(tmp_path: Path) -> None:
    training = training_script()
    lexicons = tmp_path / "lexicons"
    (lexicons / "en").mkdir(parents=True)
    listed = lexicons / "en" / "violence.txt"
    listed.write_text("# Blood.\nbloodbath\n", encoding="utf-8")
    before = training.lexicons_digest(lexicons)
    listed.write_text("# Blood, said again.\n\nbloodbath  # a massacre\n", encoding="utf-8")
    assert training.lexicons_digest(lexicons) == before
    listed.write_text("# Blood.\nbloodbath\nblood bath\n", encoding="utf-8")
    assert training.lexicons_digest(lexicons) != before
    assert training.lexicons_digest() != before  # the shipped lexicons by default


def test_thresholds_leave_out_benign_prompts_the_lexicons_already_block() -> None:
    # A prompt the lexicons refuse is refused whatever the model says: it sets no threshold.
    training = training_script()
    prompts = [
        "press photo of Angela Merkel giving a speech in the Bundestag",  # the deepfake rule
        "a lighthouse at dusk, watercolour",
        "a pile of bloody corpses",  # listed, but not asked about
    ]
    blocked = training.lexicon_blocked(prompts, np.array([True, True, False]))
    assert blocked.tolist() == [True, False, False]


def test_the_training_script_refuses_the_held_out_set(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_prompt_model.py"),
            "--data",
            "tests/data/heldout/*.jsonl",
            "--out",
            str(tmp_path / "m.npz"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode != 0 and "held-out" in run.stdout + run.stderr
    assert not (tmp_path / "m.npz").exists()


# Short requests, unlike the generated training examples: the frame of a request is not content.
EVERYDAY = [
    "spring sale banner",
    "a poster for a jazz night at the library",
    "logo for a kayak rental",
    "thumbnail for a cooking video about dumplings",
    "ป้ายร้านข้าวมันไก่",
]


@pytest.mark.parametrize("prompt", EVERYDAY)
def test_an_everyday_request_is_not_flagged(prompt: str) -> None:
    assert content_hits(engine(), prompt) == []


# A first name and a photo cue name nobody in particular: scenes and names unlike the generated
# training examples (`named_benign.jsonl`). With a stronger cue ("candid photo of", "realistic
# photo of") the model still often reads one as a deepfake (docs/policy.md, limits).
NAMED = [
    "photo of Lena planting tomatoes in the garden",
    "selfie of Marco on a mountain hike",
    "photo of Pedro feeding ducks at the pond",
    "ภาพถ่ายน้องแพรวปลูกต้นไม้หน้าบ้าน",
]


@pytest.mark.parametrize("prompt", NAMED)
def test_a_first_name_with_a_photo_cue_is_not_a_deepfake(prompt: str) -> None:
    assert content_hits(engine(), prompt) == []
