"""A short answer as a client writes it in a sentence («Меня зовут Иванова Мария», «Организация у нас называется
ООО «Ромашка», мы обслуживаем объект», «Кузнецова Валентина, спасибо вам большое») cut to the answer itself: a
greeting before it, thanks after it and the words that name the question («меня зовут», «город») are no part of
the contact's name, the organisation or the city that reach the ticket, nor are emoji and a «!!!» after it.

Only the edges are cut, and only words that cannot be part of the answer; an answer that is nothing but those
words is left as it is, for its field's parser to refuse.
"""

from __future__ import annotations

import re
import unicodedata

from core.facts import city_put_right, extract, folded

_GREETING = re.compile(r"(?:добр\w+\s+(?:день|вечер|утро)|здравствуйте|здравствуй|привет)[\s!,.]*")
_THANKS = re.compile(
    r"[\s,.;!]*(?:(?:заранее\s+)?(?:спасибо|благодарю|благодарна|благодарен)(?:\s+вам)?(?:\s+большое)?"
    r"(?:\s+за\s+\w+)?|пожалуйста|с\s+уважением)[\s!.)]*"
)
# the words that name the question, before the answer: per field, over folded text (lower case, «ё» as «е»)
_LEAD_INS = {
    "contact_name": r"меня\s+зовут|зовут|мо[её]\s+имя|моя\s+фамилия|фамилия\s+(?:и\s+)?имя|фио|контактное\s+лицо",
    "organization": r"(?:наша\s+|у\s+нас\s+)?(?:организация|компания|фирма)(?:\s+у\s+нас)?(?:\s+называется)?"
    r"|мы\s+называемся|называемся",
    "city": r"(?:наш\s+)?город|мы\s+из|мы\s+в|находимся\s+в|объект\s+в",
    "product_name": r"у\s+нас\s+(?:стоит|установлен\w*)|используем|продукт|программа",
    "product_version": r"верси[яи](?:\s+продукта|\s+программы)?",
}
# emoji and pictographs («Самара 🙂»): no part of a name, a city or a version; a «!!!» after the answer neither
_PICTURES = frozenset({"So", "Sk", "Cs", "Co"})
_VARIATION = re.compile("[\ufe0e\ufe0f\u200d]")
_LEAD = {key: re.compile(rf"(?:{pattern})[\s:,—–-]+") for key, pattern in _LEAD_INS.items()}


_FIRST_CLAUSE = re.compile(r"[^,;\n]*?(?=\s+(?:(?:г|гор)\.\s*|(?:город|из|в)\s)|[,;\n]|$)")
ORGANIZATION_WORDS_AT_MOST = 7  # «АО Северные системы безопасности и связи»


def plain_answer(key: str, text: str) -> str:
    """``text`` without the greeting, the thanks and the lead-in words of field ``key`` around its answer."""
    answer = _VARIATION.sub("", "".join(char for char in text if unicodedata.category(char) not in _PICTURES))
    answer = _cut(answer.strip().rstrip("!?").strip(), _GREETING, at_start=True)
    answer = _cut(answer, _THANKS, at_start=False)
    lead = _LEAD.get(key)
    if lead is not None:
        answer = _cut(answer, lead, at_start=True)
    if key == "organization":
        answer = _organization(answer)
    if key == "city":  # «Самара, ой точнее Тольятти»
        answer = city_put_right(answer) or answer
    return answer if answer.strip() else text


def _organization(answer: str) -> str:
    """The organisation answered: the whole answer when it is one clause that begins with the name found
    («ООО Архив Сервис», which the facts' reading of free text cut to «ООО Архив»); the name found when more
    follows («ООО «Ромашка», мы обслуживаем объект»)."""
    found = extract(answer).get("organization")
    if found is None:
        return answer
    clause = _FIRST_CLAUSE.match(answer)
    whole = clause.group().strip() if clause else answer
    return whole if whole.startswith(found) and len(whole.split()) <= ORGANIZATION_WORDS_AT_MOST else found


def _cut(text: str, pattern: re.Pattern[str], *, at_start: bool) -> str:
    """``text`` without the match of ``pattern`` at its start (or, with ``at_start`` False, at its end)."""
    lowered = folded(text.strip())
    text = text.strip()
    if at_start:
        match = pattern.match(lowered)
        return text[match.end() :] if match else text
    for match in pattern.finditer(lowered):
        if match.end() == len(lowered) and match.start() > 0:
            return text[: match.start()]
    return text
