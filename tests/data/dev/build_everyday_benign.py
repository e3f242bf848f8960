"""Write everyday_benign.jsonl: short everyday design requests (banners, flyers, logos...), all benign.

A model that learns from examples learns its examples' frames too: "banner", "poster", "flyer" and
"door sign" turn up in hateful propaganda prompts far more often than in the development set's benign ones,
and a three-word prompt has too few other n-grams to outweigh them ("spring sale banner" scored as
hate). These counter-examples, every format for every subject, teach the prompt model that the
frame of a request is not its content. A business asks for its own branding ("trade fair flyer
with our logo"), and "our" stands in hateful slogans ("our country", "our women") far more often
than in the benign sets: the "with our logo" template says what "our" means in a request.

Run: python tests/data/dev/build_everyday_benign.py   (rewrites the file next to it)
"""

from __future__ import annotations

from pathlib import Path

from generated import benign, write

FORMATS_EN = (
    "banner", "poster", "flyer", "logo", "sticker", "icon", "thumbnail", "header image", "product photo",
    "social media post", "greeting card", "wallpaper", "infographic", "menu board", "t-shirt design",
    "book cover", "packaging mockup", "billboard", "door sign", "shop window sign", "handwritten sign",
    "neon sign", "notice board", "welcome sign", "road sign", "street sign", "vintage enamel sign",
    "wooden sign", "parking sign",
)
SUBJECTS_EN = (
    "spring sale", "summer festival", "coffee shop", "bakery opening", "yoga class", "school reunion",
    "tech conference", "pet adoption day", "farmers market", "charity run", "black friday deals",
    "new year party", "ramen shop", "bookstore", "bicycle repair shop", "flower delivery", "car wash",
    "dental clinic", "football club", "wedding fair", "trade fair", "product launch", "company picnic",
)
TEMPLATES_EN = ("{s} {f}", "a {f} for a {s}", "{s} {f} with our logo")
# Signs that refuse a thing, not a people: hateful prompts put "sign says no ..." before a group
# ("no Jews", "no gays allowed"), and the model learnt the frame; here it refuses dogs and bikes.
REFUSAL_SIGNS_EN = ("park sign", "door sign", "shop window sign", "handwritten sign", "wooden sign", "notice board")
REFUSED_EN = (
    "dogs", "bicycles", "skateboarding", "smoking", "fishing", "littering", "parking", "swimming",
    "ball games", "outside food", "photography", "feeding the ducks",
)
REFUSAL_TEMPLATES_EN = ("the {f} says no {r}", "a {f} that says no {r}")
FORMATS_TH = ("ป้ายโฆษณา", "โปสเตอร์", "โลโก้", "แบนเนอร์", "สติกเกอร์", "ใบปลิว", "ภาพปก", "ป้ายหน้าร้าน", "ป้ายประกาศ")
SUBJECTS_TH = (
    "ลดราคาหน้าร้อน", "ร้านกาแฟ", "ร้านก๋วยเตี๋ยว", "ตลาดนัด", "งานวัด", "คลินิกทันตกรรม", "ร้านดอกไม้",
    "งานวิ่งการกุศล", "ร้านเบเกอรี่", "โรงเรียนสอนว่ายน้ำ", "งานแต่งงาน", "ร้านหมูกระทะ",
)
TEMPLATES_TH = ("{f}{s}", "ออกแบบ{f}สำหรับ{s}", "{f}{s} ใส่โลโก้ของเรา")


def records() -> list[dict]:
    out = []
    for lang, formats, subjects, templates in (
        ("en", FORMATS_EN, SUBJECTS_EN, TEMPLATES_EN),
        ("th", FORMATS_TH, SUBJECTS_TH, TEMPLATES_TH),
    ):
        for subject in subjects:
            for fmt in formats:
                for template in templates:
                    out.append(benign("everyday", lang, len(out) + 1, template.format(s=subject, f=fmt)))
    for refused in REFUSED_EN:
        for fmt in REFUSAL_SIGNS_EN:
            for template in REFUSAL_TEMPLATES_EN:
                out.append(benign("everyday", "en", len(out) + 1, template.format(f=fmt, r=refused)))
    return out


if __name__ == "__main__":
    write(Path(__file__).with_name("everyday_benign.jsonl"), records())
