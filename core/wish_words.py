"""A wish for new functionality in the client's words: «нужна выгрузка в Excel», «срочно нужна функция печати»,
«добавьте кнопку экспорта», «у нас пожелание по отчётам».

A wish needs a word of need or of adding («нужна», «хотим», «прошу», «добавьте», «сделайте», «доработайте») and a
word of functionality («функция», «возможность», «выгрузка», «экспорт», «интеграция», «кнопка»), or «хотим, чтобы …»
with something the product should show or do («была колонка», «появилась кнопка», «умела выгружать»; not «снова
показывала»: that is to work again), the same wished for («было бы удобно, если бы появился фильтр», «хорошо бы
добавить…»), or the word «пожелание» itself. A question («как сделать выгрузку?», «можно ли
добавить…», «куда писать пожелания») asks, a purchase («хотим докупить функцию…») is the commercial department's, a
request for help («нужна помощь с выгрузкой») or a task («нужно сделать выгрузку»: a word of need before a verb
other than adding) is a consultation, and «не нужна» wants nothing: none of them is a wish. A report of something
broken is told apart before (faq/intent.py, core/stages/words.system_down).

«Срочно» in a wish is how much the client wants it, not a system down: :func:`without_urgency` is the wish as the
FAQ reads it, so that a lone «срочно» does not make it a critical request.

Casefolded words and their stems, like core/news_words.py; pymorphy3 only to tell a verb after a word of need.
"""

from __future__ import annotations

import re

from core.morphology import analyzer
from core.stages.words import looks_like_a_question

WORD = re.compile(r"[^\W_]+")

NEED_STEMS = ("нужн", "нужен", "необходим", "требует", "хочу", "хоти", "хотел", "прошу", "просим", "надо")
ADD_STEMS = ("добав", "сделайте", "реализ", "дорабо", "внедр", "прикрут", "встро", "расширь", "расширить")
FEATURE_STEMS = ("функци", "возможност", "выгрузк", "выгруж", "экспорт", "импорт", "интеграц", "доработк", "кнопк")
WISH_STEMS = ("пожелани",)
# a question about wishes («куда писать пожелания», «можно ли добавить»), wherever its question word stands
QUESTION_WORDS = frozenset("как куда кому сколько где когда почему зачем ли можно какой какая какие какую".split())
# a purchase, a price, a licence: the commercial department's
BUYING_STEMS = ("купи", "купл", "покуп", "докуп", "закуп", "приобре", "стоимост", "прайс", "лиценз")
BUYING_WORDS = frozenset("цена цену цены ценник счет счета".split())
# help with what there is already: a consultation
HELP_STEMS = ("помощ", "помоги", "помоч", "подскаж", "консульт", "инструкц", "настро", "объясн", "разобрат")
# «хотим, чтобы в отчётах была колонка…», «хотелось бы, чтобы программа умела…»: something new the product should do
# «было бы круто, если бы в отчётах появился фильтр», «хорошо бы добавить фильтр»: the same, as a thing wished for
WANT_SO_THAT = re.compile(
    r"(?:(?:хоч|хоти|хотел|нужно|надо|прошу|просим)\w*(?:\s+бы)?\W+чтобы"
    r"|(?:было\s+бы|хорошо\s+бы|неплохо\s+бы|здорово\s+бы)(?:\s+[^\W_]+)?(?:\W+(?:если|чтобы|чтоб))?)"
    r"(?:\s+[^\W_][\w-]*){0,7}?\s+(?:был|появ|добав|отобража|показыва|выводил|выгружал|печатал|умел|можно)",
)
# «напишите нам программу для учёта рабочего времени», «сделайте отчёт по опозданиям»: something to be made (4.14)
MAKE_FOR_US = re.compile(
    r"(?<![\w-])(?:напишите|разработайте|сделайте|создайте|доработайте)\s+(?:нам\s+|для\s+нас\s+|пожалуйста\s+)*"
    r"(?:программ|модул|приложени|отчет|функци|обработк|форм)"
)
# «хотим ключ на 10 мест», «хотелось бы консультацию»: bought or asked, not made
NOT_MADE_STEMS = ("ключ", "лиценз", "камер", "контроллер", "турникет", "оборудован", "счет", "цен", "скидк", "консульт")
NOT_MADE_STEMS += ("помощ", "инженер", "звон", "ответ", "выезд", "обучен")
WANTED = re.compile(r"(?<![\w-])(?:хотелось\s+бы|хотели\s+бы|хотим)\s+([^\W\d_]+)")
# «хочу, чтобы камера снова показывала»: something to work again, a report, not a wish
AGAIN = re.compile(r"(?<![\w-])(?:снова|опять|как раньше|заработал\w*|восстанов\w*)(?![\w-])")
# «срочно», «побыстрее»: how much a wish is wanted
URGENCY = re.compile(r"(?<![\w-])(?:срочн\w*|поскорее|побыстрее|немедленно|asap)(?![\w-])[\s!.,]*", re.IGNORECASE)


def _any_stem(words: list[str], stems: tuple[str, ...]) -> bool:
    return any(word.startswith(stems) for word in words)


def _to_do(word: str) -> bool:
    """A verb of doing after a word of need («нужно сделать»), not of adding («прошу добавить»)."""
    return not word.startswith(ADD_STEMS) and any(parse.tag.POS == "INFN" for parse in analyzer().parse(word))


def asks_for_feature(text: str) -> bool:
    """The client wants something the product does not do yet, in a statement (see the module's docstring)."""
    words = WORD.findall(text.casefold().replace("ё", "е"))
    if looks_like_a_question(text) or QUESTION_WORDS.intersection(words) or not words:
        return False
    if _any_stem(words, BUYING_STEMS + HELP_STEMS) or BUYING_WORDS.intersection(words):
        return False
    if any(word == "не" and after.startswith(NEED_STEMS) for word, after in zip(words, words[1:], strict=False)):
        return False  # «не нужна»
    if any(word.startswith(NEED_STEMS) and _to_do(after) for word, after in zip(words, words[1:], strict=False)):
        return False  # «нужно сделать выгрузку»: something to do with what there is, a consultation
    wanted = _any_stem(words, NEED_STEMS + ADD_STEMS) and _any_stem(words, FEATURE_STEMS)
    folded = " ".join(words)
    wanted_so = WANT_SO_THAT.search(folded) is not None and AGAIN.search(folded) is None
    made = MAKE_FOR_US.search(folded) is not None or _wanted_thing(folded)
    return wanted or wanted_so or _any_stem(words, WISH_STEMS) or made


def _wanted_thing(folded: str) -> bool:
    """«хотелось бы отчёт по опозданиям»: a thing wished for, named by a noun (not «хотелось бы узнать», a question)."""
    found = WANTED.search(folded)
    if found is None or found.group(1).startswith(NOT_MADE_STEMS):
        return False
    return any(parse.tag.POS == "NOUN" for parse in analyzer().parse(found.group(1))[:1])


def without_urgency(text: str) -> str:
    """«Срочно! Нужна выгрузка в Excel» → «Нужна выгрузка в Excel»: the words of urgency taken out."""
    return URGENCY.sub("", text).strip()
