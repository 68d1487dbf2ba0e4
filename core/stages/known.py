"""Facts the client wrote without being asked (product, version, OS, key, city, organisation): kept as answers,
confirmed in one line («Записал: Бастион-3, версия 2.1, Windows 10 64-бит.») and never asked again.

They stay editable by number in the summary like any other answer.
"""

from __future__ import annotations

import re

from core import walker
from core.changed_on_file import changes_in, says_wrong
from core.facts import FAMILIES, bare_version, extract
from core.intake import FIELDS_BY_KEY
from core.person_names import name_among
from core.stages.turn import Turn
from core.texts import TEXTS, t
from core.validators import InvalidAnswer

# «ой, не Самара, а Тольятти», «Тольятти, а не Самара»: an earlier answer put right (an «ой,» may come first)
# «ой, не Тольятти а Жигулевск, объект там»: a short clause may follow, saying why
_CORRECTION = re.compile(
    r"(?:[^\W\d_]{1,12}[,!.]?\s){0,2}не\s(?P<old>[^,;\n]{1,60}?),?\sа\s(?P<new>[^,;\n]{1,60}?)"
    r"(?:,\s[^\W\d_][^,;\n\d]{0,40})?[\s.!]*"
    r"|(?P<new_first>[^,;\n]{1,60}?),?\sа\sне\s(?P<old_last>[^,;\n]{1,60}?)[\s.!]*",
    re.IGNORECASE,
)
_NOT_WORD = re.compile(r"[\W_]+")
# «ой, у нас бастион-2, а не 3»: the words a correction begins with
_INTERJECTION = re.compile(r"^\W*(?:ой|упс|извините|простите|блин|сорри)\W+(?:у\s+нас\s+)?", re.IGNORECASE)


def note_facts(turn: Turn, text: str) -> bool:
    """Keep the facts ``text`` states for questions of this request not answered yet, and say what was kept;
    whether any was."""
    s = turn.state
    if s.kind is None or not text:
        return False
    found = extract(text)
    if (name := name_among(text)) is not None:  # «Иванов Пётр, +7 916 …» at the contact question: the name was lost
        found["contact_name"] = name
    if "product_version" not in found and s.answers.get("product_name") and (version := bare_version(text)):
        found["product_version"] = version  # «3.1.14, стоит на Windows 10 64 бит» at the name question: it was lost
    if found.get("product_name") in FAMILIES:  # «в бастионе»: which Бастион is asked (core/stages/intake.py)
        del found["product_name"]
    noted = [f for f in walker.applicable_fields(s.kind, s.answers) if f.key in found and f.key not in s.answers]
    if not noted:
        return False
    s.answers.update({f.key: found[f.key] for f in noted})
    turn.say(t("facts.noted", facts=", ".join(fact_said(f.key, found[f.key]) for f in noted)))
    return True


def fact_said(key: str, value: str) -> str:
    """One fact kept, as «Записал: …» says it («версия 2.4», «Самара»)."""
    return TEXTS.get(f"facts.{key}", "{value}").format(value=walker.display_value(FIELDS_BY_KEY[key], value))


def _fold(text: str) -> str:
    return _NOT_WORD.sub(" ", text.casefold().replace("ё", "е")).strip()


def _names_kept(field: walker.Field, typed: str, read: dict[str, str], kept: str) -> bool:
    """``typed`` is the value kept for ``field``: the same words («бастион 3» for «Бастион-3»: case, «ё» and
    punctuation aside), the same fact read from it (``read``: ``extract(typed)``), the same value its parser
    makes («8 927…» for «+7927…»), or an organisation's name without all its words («Ромашка» for «ООО Ромашка»)."""
    if not kept or not _fold(typed):
        return False
    if _fold(typed) == _fold(kept) or read.get(field.key) == kept:
        return True
    if field.key == "organization" and set(_fold(typed).split()) <= set(_fold(kept).split()):
        return True  # «не Ромашка, а Лютик» for «ООО Ромашка»: the name without its legal form
    try:
        return walker.parse_answer(field, typed, None) == kept
    except InvalidAnswer:
        return False


def corrected_earlier(turn: Turn, current: str) -> bool:
    """«Не Самара, а Тольятти» typed at a later question puts right the earlier answer it names; said in one line.

    Only an answer the client gave (or that was read from their message) and only when the old value is the one
    kept: anything else is an answer to the question being asked."""
    s = turn.state
    match = _CORRECTION.fullmatch(_INTERJECTION.sub("", turn.text, count=1))
    if s.kind is None:
        return False
    if match is None:
        return put_right_by_name(turn, current)
    old, new = match["old"] or match["old_last"], match["new"] or match["new_first"]
    if current != "product_name" and _product_put_right(turn, old, new):
        return True
    read = extract(old)
    for field in walker.applicable_fields(s.kind, s.answers):
        kept = s.answers.get(field.key, "")
        if field.key == current or field.files or not _names_kept(field, old, read, kept):
            continue
        try:
            value = walker.typed_value(field, new)
        except InvalidAnswer:
            return False
        s.answers[field.key] = extract(new).get(field.key, value)
        if field.key == "organization" and _fold(old) != _fold(kept) and old.strip() in kept:
            s.answers[field.key] = kept.replace(old.strip(), new.strip())  # «ООО Ромашка» → «ООО Лютик»
        label = walker.TEXTS[f"field.{field.key}.label"]
        turn.say(t("facts.corrected", label=label, value=walker.display_value(field, s.answers[field.key])))
        return True
    return False


def _product_put_right(turn: Turn, old: str, new: str) -> bool:
    """«бастион-2, а не 3» for «Бастион-3» kept: the product is the one named now (its «3» alone named no product,
    and the whole text was kept as the organisation)."""
    s = turn.state
    kept, named = s.answers.get("product_name", ""), extract(new).get("product_name")
    if not kept or not named or named == kept or not (_fold(old) and _fold(old) in _fold(kept)):
        return False
    s.answers["product_name"] = named
    turn.say(t("facts.corrected", label=walker.TEXTS["field.product_name.label"], value=named))
    return True


def put_right_by_name(turn: Turn, current: str) -> bool:
    """«ой, телефон не тот, правильный 8 999 …» typed at another question: the answer it names is put right, said in
    one line (it was kept as the answer to the question being asked: «Город: ой, телефон не тот…»)."""
    s = turn.state
    if s.kind is None or not says_wrong(turn.text):
        return False
    fields = walker.applicable_fields(s.kind, s.answers)
    answered = {f.key: s.answers[f.key] for f in fields if f.key in s.answers and f.key != current and not f.files}
    changes = {key: c for key, c in changes_in(turn.text, answered).items() if c.value and c.value != answered[key]}
    for key, change in changes.items():
        s.answers[key] = change.value or ""
        label = walker.TEXTS[f"field.{key}.label"]
        turn.say(t("facts.corrected", label=label, value=walker.display_value(FIELDS_BY_KEY[key], s.answers[key])))
    return bool(changes)
