"""The client's own words for the options the bot offers, and «не знаю» where an answer may be unknown.

``SYNONYMS`` is data: for each choice's payload, the phrases that choose it besides its title. A phrase
matches a run of consecutive words of the message after both are normalised the same way: casefolded,
«ё» read as «е», punctuation dropped, filler words («ну», «же», «у нас», «через» …) left out. A phrase word
ending in «*» matches every word that starts with it, which covers Russian word forms («ошибк*»: ошибка,
ошибки, ошибкой). A match right after «не» does not count unless the phrase itself starts with «не»: «не
срочно» is not «срочно». Each phrase is tried at each word, so a message is read in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

Phrase = tuple[str, ...]

_WORD = re.compile(r"[^\W_]+")
_PATTERN = re.compile(r"[^\W_]+\*?")  # a phrase's word, «*» kept
FILLERS = frozenset("ну вот же ж у нас меня мне мы я а это наверное вроде кажется пожалуй пожалуйста просто".split())
FILLERS |= frozenset("скорее всего думаю типа по через с со".split())

YES = ("да", "ага", "угу", "конечно", "ок", "окей", "ok", "yes", "точно", "так точно", "именно", "разумеется")
YES += ("естественно", "да да", "верно")
NO = ("нет", "неа", "нее", "no", "ноу", "да нет", "нет нет", "никак")
UNKNOWN = ("не знаю", "незнаю", "не знаем", "не помню", "не помним", "хз", "не уверен*", "без понятия")
UNKNOWN += ("понятия не имею", "не в курсе", "неизвестно", "не известно", "затрудняюсь*", "не разбираюсь")
UNKNOWN += ("не понимаю", "не могу сказать", "не скажу", "кто его знает", "фиг знает", "не знает")

SYNONYMS: dict[str, tuple[str, ...]] = {
    # --- kind of request
    "kind:problem": (
        *("проблем*", "ошибк*", "сбой*", "сбоит", "глюч*", "глюк*", "не работает", "не работают", "перестал*"),
        *("завис*", "слома*", "полома*", "неисправн*", "авари*", "баг", "баги", "пада*", "вылета*", "тормоз*"),
        *("не запуска*", "не открыва*", "не видит", "неполад*"),
    ),
    "kind:consultation": (
        *("вопрос*", "консульт*", "спросить", "узнать", "уточнить", "подскаж*", "как настро*", "как сделать"),
        *("как подключ*", "интересует"),
    ),
    "kind:license": (
        *("лиценз*", "ключ*", "hasp*", "хасп*", "guardant*", "гардант*", "гвардант*", "донгл*", "активац*"),
        *("активир*", "проблем* ключ*", "проблем* лиценз*", "ошибк* ключ*", "ошибк* лиценз*", "вопрос* ключ*"),
        *("вопрос* лиценз*", "ключ* не работа*", "не работает ключ*", "не видит ключ*", "ключ* не видит*"),
        *("ключ* не определя*", "не определя* ключ*", "слетел* лиценз*", "лиценз* слетел*"),
        *("ключ* проблем*", "лиценз* проблем*", "ключ* ошибк*", "лиценз* ошибк*", "ключ* вопрос*"),
    ),
    "kind:wish": (
        *("пожелан*", "предлож*", "доработ*", "улучш*", "идея", "идеи", "нов* функц*", "нов* модул*"),
        *("хотелось бы", "техническ* задани*", "тз", "добавить"),
    ),
    # --- criticality
    "crit:stopped": (
        *("стоит", "стоит все", "все стоит", "систем* стоит", "останов*", "встал*", "систем* не работает"),
        *("ничего не работает", "не работает ничего", "вообще не работает", "совсем не работает", "полност*"),
        *("все не работает", "не работает вообще", "не работает совсем", "полностью не работает"),
        *("вообще не работают", "совсем не работают", "не работают вообще", "не работают совсем", "все не работают"),
        *("совсем", "лежит", "все лежит", "упал*", "критич*", "срочн*", "авари*", "горит", "умер*"),
        *("вообще не запуска*", "совсем не запуска*", "не запуска* вообще", "ничего не запуска*"),
        # «никого не пускает, турникеты закрыты», «люди не могут пройти на завод»: the site is shut
        *("никого не пуска*", "не пуска* никого", "не пуска* людей", "люди не могут пройти", "не могут пройти"),
        *("никто не может пройти", "не пройти", "никто не проходит", "стоят на проходн*", "стоят у турникет*"),
        *("все камер* не работа*", "все двер* не открыва*", "все турникет* не работа*", "все считывател* не работа*"),
    ),
    "crit:partial": (
        *("част*", "кое что", "кое что не работает", "кое где", "не все"),
        *("не все работает", "не полност*", "отчасти", "местами", "иногда", "периодическ*", "перебо*"),
        *("некотор*", "работает но", "работает ошибк*", "глюч*", "тормоз*", "медленн*"),
        # «одна камера не работает, остальные норм», «средне»: one part down, the rest working
        *("остальн*", "одн* камер*", "одн* двер*", "один турникет*", "один считывател*", "одн* точк*", "средн*"),
        *("не везде", "не всех пуска*", "через раз", "пускает но"),
    ),
    "crit:question": (
        *("вопрос*", "не срочн*", "несрочн*", "не критичн*", "некритичн*", "консульт*", "терпит", "подожд*"),
        *("не горит", "не к спеху", "все работает", "работает нормально"),
        *("не то чтобы критичн*", "не особо критичн*", "не очень критичн*", "не так критичн*", "не сильно критичн*"),
        *("не то чтобы срочн*", "не особо срочн*", "не очень срочн*", "не так срочн*", "не сильно срочн*"),
        *("не особо", "не очень", "не сильно"),
    ),
    # --- data on file offered back: «всё верно?»
    "ret:yes": (*YES, "все верно", "все так", "правильно", "все правильно", "подтверждаю", "актуальн*"),
    "ret:change": (
        *NO,
        *("изменить", "измен*", "поменя*", "помен*", "исправ*", "неверно", "не верно", "устарел*", "другой"),
        *("другие", "другая", "обнов*", "не актуальн*", "неактуальн*", "неправильно", "не правильно"),
        "не все верно",
    ),
    "ret:all": ("все", "все поменялось", "все изменилось", "все другое", "все новое", "все данные"),
    # --- intake options (core/intake.py)
    "opt:device_involved:yes": (*YES, "касается", "конкретн* прибор*"),
    "opt:device_involved:no": (*NO, "не касается", "не прибор*", "программ*"),
    "opt:device_involved:unknown": UNKNOWN,
    # «Какой у вас Бастион — Бастион-3 или Бастион-2?»: its generation in a word
    "opt:product_name:bastion3": ("третий", "тройка", "3 й", "бастион3"),
    "opt:product_name:bastion2": ("второй", "двойка", "2 й", "бастион2"),
    "opt:key_type:hasp": ("hasp*", "хасп*", "sentinel*", "сентинел*", "аладин*", "аладдин*", "aladdin*"),
    "opt:key_type:guardant": ("guardant*", "гардант*", "гвардант*", "гуардант*"),
    "opt:key_type:unknown": (*UNKNOWN, "какой то", "не знаю какой"),
    "opt:subsystems:skud": (
        *("скуд", "скд", "контрол* доступ*", "систем* контрол* доступ*", "доступ", "турникет*", "проходн*"),
        "пропускн*",
    ),
    "opt:subsystems:ops": (
        *("опс", "охранн* пожарн* сигнализац*", "пожарн* сигнализац*", "охранн* сигнализац*", "сигнализац*"),
        *("пожарка", "охранка", "пожарн*", "охранн*"),
    ),
    "opt:subsystems:stvn": (
        *("ствн", "видео", "видеонаблюден*", "камер*", "видеокамер*", "cctv", "видеорегистратор*"),
        *("регистратор*", "наблюдени*"),
    ),
    "opt:subsystems:all": (
        *("все", "все три", "все вместе", "все сразу", "все подсистемы", "все перечислен*", "комплекс*"),
        *("скуд опс видео*", "скуд опс ствн"),
    ),
    "opt:connection:com": (
        *("com", "ком", "com порт*", "ком порт*", "последовательн* порт*", "rs 485", "rs485", "rs 232"),
        *("rs232", "485", "232"),
    ),
    "opt:connection:usb": ("usb", "юсб", "юсби", "усб", "юэсби", "ю эс би", "usb порт*", "юсб порт*"),
    "opt:connection:ethernet": (
        *("ethernet", "езернет", "изернет", "эзернет", "сеть", "сети", "сетью", "сетев*", "локальн* сет*"),
        *("локалк*", "lan", "tcp ip", "tcp", "ip", "витая пара", "витой пар*"),
    ),
    "opt:connection:other": (
        *("другое", "друг*", "иначе", "иной", "иной способ", "радио*", "wi fi", "wifi", "gsm", "gprs"),
        "беспровод*",
    ),
    # --- navigation in the intake
    "nav:skip": ("пропуст*", "дальше", "далее", "следующ*", "не хочу", "не буду", "не важно", "неважно", "skip"),
    # --- the FAQ answer and the menu
    "faq:helped": (
        *("помогло", "спасибо", "спасибо помогло", "понятно", "ясно", "все понятно", "разобрал*", "получилось"),
        *("да", "ок", "отлично", "супер", "благодарю"),
    ),
    "menu:ticket": (
        *("оформить заявку", "заявк*", "оформить", "не помогло", "не то", "нужен инженер*"),
        *("позов* инженер*", "связ* инженер*", "создать заявку"),
    ),
    "menu:ask": ("другой вопрос", "еще вопрос", "задать вопрос", "спросить", "есть вопрос"),
    # --- the summary and a draft's cancellation
    "sum:send": (*YES, "отправ*", "все верно", "подтверждаю", "все правильно", "правильно"),
    "draft:drop": (*YES, "отмен*", "да отменить", "удал*", "сбросить"),
    "draft:keep": (
        *(*NO, "продолж*", "нет продолжить", "не отменя*", "не надо", "оставить", "вернуться", "назад"),
        *("подожд*", "погод*", "секунд*", "минут*", "щас", "сейчас"),  # «подождите»: not done, the draft waits
    ),
}

# Words beside «не знаю» that still leave nothing known: «не знаю, где посмотреть версию»
_ABOUT_THE_UNKNOWN = ("как*", "где", "посмотр*", "смотр*", "найти", "точн*", "сейчас", "даже", "вообще", "верси*")
_ABOUT_THE_UNKNOWN += ("номер*", "прошивк*", "дат*", "разрядн*", "ее", "его", "их", "честно", "к", "сожалению")
_ABOUT_THE_UNKNOWN += ("увы", "пока", "тоже", "что", "там", "такое", "то", "этого", "не", "знаю", "помню")


def _split(text: str, pattern: re.Pattern[str]) -> Phrase:
    """The words of ``text`` as phrases are compared: casefolded, «ё» as «е», fillers left out."""
    found = pattern.findall(text.casefold().replace("ё", "е"))
    return tuple(word for word in found if word not in FILLERS)


def _words(text: str) -> Phrase:
    return _split(text, _WORD)


def _phrase(text: str) -> Phrase:
    return _split(text, _PATTERN)


def _same(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _match_at(typed: Phrase, phrase: Phrase, start: int) -> bool:
    end = start + len(phrase)
    return end <= len(typed) and all(_same(p, w) for p, w in zip(phrase, typed[start:end], strict=True))


def _whole(typed: Phrase, phrase: Phrase) -> bool:
    return len(typed) == len(phrase) and _match_at(typed, phrase, 0)


# «не то чтобы критично», «не особо срочно»: words between «не» and what it negates
_HEDGES = frozenset({"то", "чтобы", "чтоб", "очень", "особо", "особенно", "слишком", "прям", "прямо", "сильно"})


def _negated(typed: Phrase, phrase: Phrase, start: int) -> bool:
    if phrase[0] == "не":
        return False
    before = start - 1
    while before >= 0 and typed[before] in _HEDGES:
        before -= 1
    return before >= 0 and typed[before] == "не"


# «сколько стоит», «что стоит», «стоит ли»: a price or advice, not a system that «стоит»
_PRICE_BEFORE = frozenset({"сколько", "скок", "скока", "почем", "что", "дорого", "дешево"})


def _priced(typed: Phrase, phrase: Phrase, start: int) -> bool:
    if phrase[0] != "стоит":
        return False
    end = start + len(phrase)
    return (start > 0 and typed[start - 1] in _PRICE_BEFORE) or (end < len(typed) and typed[end] == "ли")


def _found_at(typed: Phrase, phrase: Phrase) -> int | None:
    """Where ``phrase`` starts among the words ``typed`` (not right after «не», not «сколько стоит»), or None."""
    for start in range(len(typed) - len(phrase) + 1):
        if _match_at(typed, phrase, start) and not _negated(typed, phrase, start) and not _priced(typed, phrase, start):
            return start
    return None


_TABLE: dict[str, tuple[Phrase, ...]] = {
    payload: tuple(p for p in map(_phrase, phrases) if p) for payload, phrases in SYNONYMS.items()
}
_UNKNOWN = tuple(map(_phrase, UNKNOWN))


def phrases_of(payload: str, title: str) -> tuple[Phrase, ...]:
    """Everything that chooses ``payload``: its title and its synonyms."""
    titled = _phrase(title)
    return ((titled,) if titled else ()) + _TABLE.get(payload, ())


def best_match(text: str, options: Mapping[str, Iterable[Phrase]], *, whole: bool) -> str | None:
    """The option whose longest phrase found in ``text`` is longer than any other option's; None on a tie.

    ``whole``: a phrase counts only when it is the whole message, for answers where any other text is
    the client's own answer (a free-text field whose options are only suggestions).
    """
    typed = _words(text)
    best: dict[str, int] = {}
    for payload, phrases in options.items():
        for phrase in phrases:
            hit = _whole(typed, phrase) if whole else _found_at(typed, phrase) is not None
            if hit and len(phrase) > best.get(payload, 0):
                best[payload] = len(phrase)
    longest = max(best.values(), default=0)
    leaders = [payload for payload, length in best.items() if length == longest]
    return leaders[0] if len(leaders) == 1 else None


UNKNOWN_WITH_WHY_WORDS = 8  # «не знаю я бухгалтер»: a reason after it in a few words, not a story
_FIRST_CLAUSE = re.compile(r"[^,.;!?—–]*[,.;!?—–]")


def says_unknown(text: str) -> bool:
    """«Не знаю», «не помню, где посмотреть», «хз»: nothing known, and nothing else said (no digit, no name); or
    a first clause that says so, with why after it («не знаю, я щас не на работе»)."""
    if any(char.isdigit() for char in text):
        return False
    if _only_unknown(_words(text)):
        return True
    first = _FIRST_CLAUSE.match(text)
    if first is not None and _only_unknown(_words(first.group())):
        why = text[first.end() :]  # «я щас не на работе»
    else:  # «не знаю я бухгалтер»: the reason without a comma
        words = _WORD.findall(text)
        lead = next((n for n in (2, 3) if _only_unknown(_words(" ".join(words[:n])))), None)
        if lead is None or len(words) > UNKNOWN_WITH_WHY_WORDS:
            return False
        why = " ".join(words[lead:])
    return not any((char.isascii() and char.isalpha()) or char.isupper() for char in why)  # not «Бастион вроде»


def _only_unknown(typed: Phrase) -> bool:
    for phrase in _UNKNOWN:
        start = _found_at(typed, phrase)
        if start is not None:
            rest = typed[:start] + typed[start + len(phrase) :]
            return all(any(_same(about, word) for about in _ABOUT_THE_UNKNOWN) for word in rest)
    return False
