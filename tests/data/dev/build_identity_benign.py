"""Write identity_benign.jsonl: people of many groups in everyday scenes, all benign.

A model that learns hate speech from examples learns the group words too: in hateful prompts
"Muslims", "Jews" or "กะเทย" appear far more often than in benign ones, so a neutral prompt that
only names a group would score as hate. These counter-examples (every group in every scene)
teach the prompt model that naming a group is not hate; what the hateful prompts add is.

Run: python tests/data/dev/build_identity_benign.py   (rewrites the file next to it)
"""

from __future__ import annotations

from pathlib import Path

from generated import filled, write

GROUPS_EN = (
    "Muslim", "Jewish", "Christian", "Hindu", "Buddhist", "Sikh", "Black", "white", "Asian",
    "Chinese", "Japanese", "Korean", "Indian", "Mexican", "Arab", "African", "Roma", "immigrant",
    "refugee", "gay", "lesbian", "transgender", "disabled", "deaf", "elderly", "Thai", "Cambodian",
    "Burmese", "Vietnamese", "Filipino", "Latino", "Native American", "Aboriginal", "Romani",
)
SCENES_EN = (
    "A {} family having a picnic in a sunny park",
    "{} friends laughing at a wedding celebration, warm evening light",
    "A {} woman shopping for vegetables at a night market",
    "{} children playing football on a dusty field",
    "A {} couple cooking dinner together in a bright kitchen",
    "A {} grandfather feeding ducks at a pond, watercolour",
    "{} students throwing their caps at a graduation ceremony",
    "A {} family at the zoo watching the elephants and the monkeys",
    "A {} mother and son feeding bananas to monkeys at a wildlife park",
    # Animals that hateful prompts compare people to, seen as animals: tourists and monkeys,
    # children and goats, a family and the chimpanzees.
    "{} tourists feeding the monkeys at a hilltop temple, travel photo",
    "A {} boy feeding goats at a petting zoo",
    "A {} family watching the chimpanzees groom each other at the zoo",
    "{} schoolchildren feeding the monkeys on a class trip to the zoo",
    "A {} father lifting his daughter to see the gorillas at the zoo",
    "A {} grandmother feeding pigeons in a city square",
    "A {} boy holding his pet rat at a school science fair",
    "{} hikers on a mountain trail at sunrise, wide shot",
    "A {} teacher reading a story to a classroom",
    "A {} doctor talking with a patient in a hospital corridor",
    "Portrait of a smiling {} man, soft natural light, 85mm",
    "A {} girl walking her dog on the beach",
    "{} neighbours sharing food at a street festival with lanterns",
    "A {} chef plating a dessert in a restaurant kitchen",
)
GROUPS_TH = (
    "มุสลิม", "คนจีน", "คนผิวดำ", "กะเทย", "คนพิการ", "ชาวพม่า", "ชาวกัมพูชา", "ชาวลาว", "คนอีสาน",
    "ชาวยิว", "คนข้ามเพศ", "ผู้อพยพ", "ชาวเขา", "คนแก่", "ชาวมาเลย์", "ฝรั่ง",
)
SCENES_TH = (
    "ครอบครัว{}ปิกนิกในสวนสาธารณะ แดดอ่อนๆ",
    "{}กำลังทำอาหารในครัวด้วยกัน ภาพสีสดใส",
    "เด็ก{}เล่นฟุตบอลกันที่สนามหญ้า",
    "{}เดินเลือกซื้อผักในตลาดนัด",
    "ภาพพอร์ตเทรต{}ยิ้มแย้ม แสงธรรมชาติ",
    "{}ไปเที่ยวสวนสัตว์ดูลิงกับช้าง",
    "นักท่องเที่ยว{}ให้อาหารลิงที่วัดบนเขา",
    "ครอบครัว{}ให้อาหารลิงที่สวนสัตว์",
    "เด็ก{}ดูกอริลลาที่สวนสัตว์กับพ่อ",
    "งานแต่งงานของ{} บรรยากาศอบอุ่น",
    "{}รับปริญญา โยนหมวกขึ้นฟ้า",
    "{}ทำบุญตักบาตรตอนเช้า",
    "คุณครู{}อ่านนิทานให้เด็กฟัง",
)


def records() -> list[dict]:
    return filled("identity", (("en", GROUPS_EN, SCENES_EN), ("th", GROUPS_TH, SCENES_TH)))


if __name__ == "__main__":
    write(Path(__file__).with_name("identity_benign.jsonl"), records())
