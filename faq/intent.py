"""Does the client report a malfunction, or ask something? Read from the lemmas of the message.

A report ("бастион не запускается", "сервер упал", "выдаёт ошибку") starts a ticket
intake; a question ("как…", "сколько стоит…", "будет ли исправлена ошибка…") is answered
from the FAQ. Two kinds of signs:

* strong: a failure verb ("зависать", "упасть", "перестать") or a working verb under
  negation ("не открывается", "не видит"); only a hypothetical ("если…") undoes them;
* weak: a noun or state that names trouble ("ошибка", "сбой", "журнал пустой", "турникет
  заблокирован", "отвечает долго", "тормозит"), or any verb under negation ("не пишется архив", "не
  коннектится"); a question around it ("будет ли исправлена ошибка?", "сколько ждать решения
  проблемы", "не подскажете, как…") undoes it.

A negated verb of replying whose subject is a person ("никто не ответил", "вы не отвечаете", "мне не ответили")
tells of support's silence, not of a malfunction: it is no sign.

The negated verb is what lets the detector meet wordings nobody listed: on a batch of 30 reports
and 20 questions written afterwards, the word lists alone found 11 of the reports, with it 22, and
no question was taken for a report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from core.howto_words import NOT_DOING, SUPPORT_TOPICS
from core.morphology import analyzer
from faq.analyzer import analyze, installed_read, word_terms
from faq.normalize import is_latin, lemma, transliterate, words

# Verbs (lemmas without "-ся") that alone tell something broke.
FAILURE_VERBS = frozenset(
    """
    зависать зависнуть виснуть повиснуть подвисать вылетать вылететь глючить заглючить
    упасть падать лечь слететь сломать сдохнуть крашить отвалить отваливать
    перестать переставать пропасть пропадать исчезнуть исчезать перезагружать вырубать вырубить встать
    отказать сбоить сбивать сбить выкидывать выкинуть задваивать ругать вылезать
    сгореть перегореть погореть накрыть
    """.split()
)
# Verbs of things working as they should: a malfunction when negated.
WORKING_VERBS = frozenset(
    """
    работать открывать открыть запускать запустить стартовать видеть видно видный отображать
    подключать подключить грузить загружать загрузить отвечать читать считывать пропускать
    сохранять сохранить формировать сформировать писать записывать воспроизводить приходить прийти
    определять определить проходить пройти выходить выдавать включать включить срабатывать сработать
    печатать показывать показать выгружать соединять реагировать обновлять обновить находить
    нажимать идти поступать принимать передавать заходить зайти входить войти пускать пустить
    """.split()
)
# Nouns of absence after a negation: "нет связи", "не на связи", "нет лицензии".
MISSING_NOUNS = frozenset("связь соединение изображение видео картинка сигнал звук питание событие лицензия".split())
# A link lost: "теряет связь" (but "потеряли ключ с лицензиями" asks how to restore them).
LOSING_VERBS = frozenset({"терять", "потерять"})
LINKS = frozenset("связь сигнал соединение питание".split())
# Things that happen "by themselves": "закрывается сама", "перезапускается сам по себе".
SPONTANEOUS_VERBS = frozenset("закрывать закрыть выключать выключить отключать отключить перезапускать".split())
# Words that name trouble without saying what broke: nouns, and states told of a thing. Slowness is one of
# them, not a failure verb: "модуль тормозит, оптимизируете код?" asks, "бастион тормозит после обновления" reports.
TROUBLE_WORDS = frozenset(
    """
    ошибка сбой глюк баг авария проблема исключение неисправность поломка задержка рывок лаг фриз
    пустой пусто заблокировать блокировать долго медленно неправильно некорректно криво висеть
    тормозить подтормаживать тупить
    """.split()
)
# Verbs of letting someone in: a malfunction of access control when done "без карты".
LETTING_IN = frozenset("пропускать пропустить пускать пустить открывать открыть".split())
# Verbs that, negated, tell of the client rather than of the system: "не знаю", "не хотим ждать".
CLIENT_VERBS = frozenset("знать хотеть понимать помнить успеть".split())
# Verbs, and short participles of a state: "ключ не найден", "устройство не обнаружено".
_VERBS = frozenset({"VERB", "INFN", "PRTS"})
SCREEN_COLOURS = frozenset("черный белый синий серый".split())
NEGATIONS = frozenset({"не", "нет", "ни"})
# Words of a question about how, when, how much or whether, or of a request to support («не могли бы…»,
# «можете ускорить…»: asked of support, where «не могу войти» tells of the client's trouble).
QUESTION_WORDS = frozenset(
    """
    как какой сколько скока скоко скок когда где куда ли бы можно нужно надо почему зачем что чем кто
    исправить поможете можете сможете можешь сможешь
    """.split()
)
HYPOTHETICAL = frozenset({"если", "случай"})
# How far after a negation its verb may come: "не всегда открывается".
NEGATION_REACH = 2


# Verbs of replying: negated of a person ("никто не ответил", "вы не отвечаете", "мне не ответили"), support is silent,
# which is no malfunction of ours ("сервер не отвечает" is one).
REPLY_VERBS = frozenset("ответить отвечать перезвонить перезванивать".split())
NOBODY = frozenset({"никто"})
TO_ME = frozenset({"мне", "нам"})


def _silence(tokens: list[str], position: int) -> bool:
    """The negation at `position` tells that people did not reply: "никто не ответил", "вы не отвечаете", "мне не
    ответили"."""
    following = tokens[position + 1 : position + 1 + NEGATION_REACH]
    before = set(tokens[:position])
    for word in following:
        tag = analyzer().parse(word)[0].tag
        if "2per" in tag:  # "вы не работаете в праздники?", "не принимаете звонки ночью?": support's work, ours
            return True
        if lemma(word) in REPLY_VERBS and (NOBODY & before or (TO_ME & before and {"past", "plur"} <= tag.grammemes)):
            return True
    return False


def _without_silence(tokens: list[str]) -> list[str]:
    """The message's words, a negation that tells of support's silence dropped."""
    return [token for position, token in enumerate(tokens) if not (token in NEGATIONS and _silence(tokens, position))]


def _cyrillic_words(text: str) -> list[str]:
    """The message's words; a message typed mostly in Latin letters ("videoarhiv ne pishetsya") is Russian spelt in
    them, read back in Cyrillic, where a few Latin names in a Russian message ("hasp не виден") stay as typed."""
    tokens = words(text)
    latin = [token for token in tokens if is_latin(token)]
    if 2 * len(latin) <= len([token for token in tokens if not token.isdigit()]):
        return tokens
    return [transliterate(token) if is_latin(token) else token for token in tokens]


def is_report(text: str) -> bool:
    """True when the message tells of something of ours not working."""
    tokens = _without_silence(_cyrillic_words(text))
    lemmas = [lemma(token) for token in tokens]
    if HYPOTHETICAL & set(lemmas):
        return False
    if _strong_sign(tokens, lemmas):
        return True
    says = _program_says(lemmas)
    if not (TROUBLE_WORDS & set(lemmas) or _negated_verb(tokens, lemmas) or _lets_in_freely(lemmas) or says):
        return False
    # «пишет, что карта уже существует»: that «что» quotes the program, it asks nothing
    quoted = {position + 1 for position in says}
    pairs = [pair for position, pair in enumerate(zip(tokens, lemmas, strict=True)) if position not in quoted]
    asked = {word for pair in pairs for word in pair}
    asks = "?" in text or QUESTION_WORDS & asked
    return not asks


# Verbs by which the program tells something, quoted after «что»: «пишет, что карта уже существует», «выдаёт, что
# нет прав» (a weak sign: «а где пишет, что версия устарела?» asks).
SAYING_VERBS = frozenset("писать выдавать выдать показывать сообщать".split())


def _program_says(lemmas: list[str]) -> list[int]:
    """Where a verb of the program telling something is followed by «что»: the positions of the verbs."""
    return [
        position for position, word in enumerate(lemmas[:-1]) if word in SAYING_VERBS and lemmas[position + 1] == "что"
    ]


def _lets_in_freely(lemmas: list[str]) -> bool:
    """A door or turnstile letting anyone in: "турникет пропускает без карты", "дверь открывается без
    пропуска" (a weak sign: "можно ли пропускать гостей без карты?" asks)."""
    return any(
        word in LETTING_IN and "без" in lemmas[position + 1 : position + 1 + NEGATION_REACH]
        for position, word in enumerate(lemmas)
    )


def _negated_verb(tokens: list[str], lemmas: list[str]) -> bool:
    """Any verb soon after a negation ("не пишется", "не всегда открывает"), but the client's own."""
    return any(
        token in NEGATIONS
        and any(
            following not in CLIENT_VERBS and analyzer().parse(word)[0].tag.POS in _VERBS
            for word, following in zip(
                tokens[position + 1 : position + 1 + NEGATION_REACH],
                lemmas[position + 1 : position + 1 + NEGATION_REACH],
                strict=True,
            )
        )
        for position, token in enumerate(tokens)
    )


# Verbs (lemmas without "-ся") by which a client gives something up: «отказаться от рассылки».
RENOUNCING_VERBS = frozenset({"отказать", "отказывать"})


def _renounces(tokens: list[str], lemmas: list[str], position: int) -> bool:
    """«Отказаться от обработки данных», «отказываюсь от рассылки»: the client gives something up (the
    reflexive verb and «от»), where «ключ отказал» tells of a failure, and so does «клиенты
    отваливаются от сервера» (another reflexive verb before «от»)."""
    return (
        lemmas[position] in RENOUNCING_VERBS
        and tokens[position].endswith(("ся", "сь"))
        and tokens[position + 1 : position + 2] == ["от"]
    )


# who may «не отвечать» without anything being broken: the support's people (the client waits for an answer)
PEOPLE = frozenset("инженер никто поддержка техподдержка специалист менеджер оператор вы".split())


def _strong_sign(tokens: list[str], lemmas: list[str]) -> bool:
    if any(
        lemma in FAILURE_VERBS and not _renounces(tokens, lemmas, position) for position, lemma in enumerate(lemmas)
    ):
        return True
    if "экран" in lemmas and SCREEN_COLOURS & set(lemmas):
        return True
    for position, token in enumerate(tokens):
        if token not in NEGATIONS:
            continue
        following = lemmas[position + 1 : position + 1 + NEGATION_REACH]
        if "отвечать" in following and PEOPLE & set(lemmas):  # «инженер третий день не отвечает»: a person, late
            continue
        if WORKING_VERBS & set(following) or MISSING_NOUNS & set(following):
            return True
    if "сам" in lemmas and SPONTANEOUS_VERBS & set(lemmas):
        return True
    return bool(LOSING_VERBS & set(lemmas) and LINKS & set(lemmas))


# Words of price: asked of anything but support itself, they are the commercial department's matter.
# "стоят" reads as "стоять" as often as "стоить": it is a price only beside "сколько"; so is "обойдётся" (the
# lemma "обойти"): "во сколько обойдётся замена", not "как обойти ошибку".
PRICE_BESIDE_HOW_MUCH = frozenset({"стоять", "обойти"})
PRICE_WORDS = frozenset("стоить стоимость цена ценник почем прайс скидка".split())
# "Сколько" as clients type it: "скока стоят турникеты".
HOW_MUCH = frozenset("сколько скока скоко скок".split())
# Verbs of buying: an intent when wished or asked ("хотим купить", "где заказать"), not when told ("купили").
BUYING_VERBS = frozenset(
    "купить покупать докупить закупить закупать приобрести приобретать заказать заказывать продавать".split()
)
BUYING_NOUNS = frozenset("покупка закупка приобретение продажа продажник заказ поставка счет коммерческий".split())
# What the commercial department sells, and who it is: a price or a purchase of anything else is
# not ours to answer ("сколько стоит айфон").
SOLD_THINGS = frozenset(
    """
    лицензия ключ контроллер камера видеокамера считыватель турникет оборудование прибор модуль
    программа по продукт сервер видеосервер место датчик извещатель панель замок оборудовать скуд система
    """.split()
)
# Dealers and partners ask the sales department's prices: "мы ваш дилер, хотим узнать цены", "цены для партнёров".
SALES_PEOPLE = frozenset(
    """
    продажа продажник коммерческий менеджер департамент
    дилер дилерский дистрибьютор реселлер партнер партнерский
    """.split()
)
# What support itself does or owes (its price is the regulation's «бесплатно»), development to
# order (a technical specification, section 4.14) and computers to choose (advice, section 3):
# none of them is a sale.
COMPUTER_WORDS = frozenset("компьютер пк ноутбук железо".split())
NOT_SALES_WORDS = (
    frozenset(
        """
        поддержка техподдержка саппорт обслуживание сопровождение консультация консультировать помощь
        обращение заявка гарантия гарантийный бесплатный бесплатно платный платно платить
        доработка доработать разработка разработать задание
        """.split()
    )
    | COMPUTER_WORDS
)

# A module made to order is development (section 4.14), not a sale: "сколько стоит написать модуль под
# заказ", "хотим заказать новый модуль"; the price of a module we sell is the sales department's:
# "цена модуля учёта рабочего времени".
MADE_TO_ORDER = frozenset("заказ заказать заказывать написать новый свой".split())


# An operating system by its name, and verbs of supporting or running on it: "поддерживаете ли вы windows 11?", "на
# линуксе бастион заработает?" ask which system software the product runs on (the choice of system software, section 3).
# Not a question on the system itself ("как переустановить windows": someone else's product).
OS_NAMES = ("windows", "виндовс", "виндоус", "винд", "linux", "линукс", "астра", "astra", "ubuntu", "убунту")
RUNNING_VERBS = frozenset("поддерживать поддерживаться работать заработать запуститься пойти совместимый".split())


def asks_which_os(text: str) -> bool:
    """The product supported on, or run on, an operating system named."""
    tokens = words(text)
    return any(token.startswith(OS_NAMES) for token in tokens) and bool(
        RUNNING_VERBS.intersection(lemma(token) for token in tokens)
    )


# A licence or a key one "берёт" is bought ("где взять лицензию на доп рабочее место", "где взять ещё ключ"), within
# the three words after the verb; not its number ("где взять номер ключа").
GOT_THINGS = frozenset({"лицензия", "ключ"})


def gets_licence(text: str) -> bool:
    """ "Где взять" a licence or a key: a purchase."""
    lemmas = [lemma(token) for token in words(text)]
    if "где" not in lemmas or "номер" in lemmas:
        return False
    return any(
        word == "взять" and GOT_THINGS.intersection(lemmas[position + 1 : position + 4])
        for position, word in enumerate(lemmas)
    )


# «нужно больше лицензий», «добавить лицензии на 10 точек», «расширить лицензию»: more licences are bought
MORE_LICENCES = re.compile(r"\b(?:больше|дополнительн\w*|добав\w*|расшир\w*|доп)\s(?:\w+\s)?лиценз")


def asks_to_buy(text: str, terms: Iterable[str], *, computers: bool = False) -> bool:
    """True when the client asks a price, wants to buy, or asks for the sales department: "сколько
    стоят турникеты", "хотим докупить ключ", "где взять прайс"; not "мы купили бастион, как
    установить" or "сколько стоит техподдрежка". `terms` are the text's retrieval terms, with
    typos repaired. Whether the thing is one we sell is `names_sold_thing`. A computer bought is advice on the
    choice (section 3), unless `computers`: then its price or purchase counts too ("сколько стоит ноутбук lenovo")."""
    tokens = words(installed_read(text))  # "какой антивирус стоит" is no price
    lemmas = [lemma(token) for token in tokens]
    found = set(lemmas)
    not_sales = NOT_SALES_WORDS - COMPUTER_WORDS if computers else NOT_SALES_WORDS
    if not_sales & found.union(terms) or ("модуль" in found and MADE_TO_ORDER & found):
        return False
    # By the words as written: the retrieval terms fold "бесплатный" into "стоимость", "купили" into "покупка".
    if (PRICE_WORDS | BUYING_NOUNS) & found or (HOW_MUCH & found and PRICE_BESIDE_HOW_MUCH & found):
        return True
    if gets_licence(text) or MORE_LICENCES.search(text.casefold()):
        return True
    return any(
        word in BUYING_VERBS and "past" not in analyzer().parse(token)[0].tag
        for token, word in zip(tokens, lemmas, strict=True)
    )


# Computers the client buys himself for the system: "which one to buy" asks for advice on the choice (section 3),
# not for the sales department: "какой сервер купить под бастион", "какие компьютеры закупить под систему".
COMPUTERS = frozenset("сервер компьютер пк комп ноутбук железо станция моноблок".split())


def asks_which_computer(text: str) -> bool:
    """ "Какой" computer to buy: a question of choice (section 3), not a purchase."""
    found = {lemma(token) for token in words(text)}
    return "какой" in found and bool(COMPUTERS & found) and bool(BUYING_VERBS & found)


def names_sold_thing(text: str, terms: Iterable[str]) -> bool:
    """The message names something the commercial department sells, or the department itself."""
    found = {lemma(token) for token in words(text)}.union(terms)
    return bool((SOLD_THINGS | SALES_PEOPLE) & found) or names_our_product(text, terms)


# A thing named beside another vendor's name, or an operating system's, is that vendor's ("камера hikvision", "ноутбук
# lenovo", "dell сервер", "лицензия windows"): its price or purchase is no matter of ours, even when we sell things of
# that kind. A module named by a vendor is ours: the integration with its equipment ("модуль hikvision").
VENDOR = "сторонний"


def prices_others_goods(text: str, terms: Iterable[str]) -> bool:
    """A price or a purchase of goods, each of them named beside another vendor's name: "сколько стоит камера dahua",
    "где купить ноутбук asus"; not "сколько стоит лицензия на подключение камер hikvision" (the licence is ours)."""
    tokens = words(text)
    lemmas = [lemma(token) for token in tokens]
    vendors = {
        position for position, token in enumerate(tokens) if VENDOR in word_terms(token) or token.startswith(OS_NAMES)
    }
    goods = [position for position, word in enumerate(lemmas) if word in SOLD_THINGS | COMPUTER_WORDS | COMPUTERS]
    if not vendors or not goods or (SALES_PEOPLE | {"модуль"}) & set(lemmas) or names_our_product(text, terms):
        return False
    return all({position - 1, position + 1} & vendors for position in goods) and asks_to_buy(
        text, terms, computers=True
    )


# Our products, by their lemmas or retrieval terms: a message naming one is not about "someone else's equipment".
OUR_PRODUCTS = frozenset("бастион арм скуд опс ствна твинпро авгит пром окб hasp guardant".split())
# Two-word names, by lemmas: "сервер оборудования", "ваша камера".
OUR_PRODUCT_PAIRS = frozenset({("сервер", "оборудование"), ("ваш", "камера"), ("ваш", "оборудование")})
# Our product's exchange with other software: "выгрузка в Excel", "импорт из 1С" name the other program as
# where the data goes or comes from, and the question is about our export, not about that program.
EXCHANGE_WORDS = frozenset(
    "выгрузка выгрузить выгружать экспорт экспортировать импорт импортировать интеграция синхронизация".split()
)
EXCHANGE_PREPOSITIONS = frozenset({"в", "во", "из", "с", "со"})
# Verbs of linking two programs, within three words of "с": "связать бастион с 1С", "подружить бастион с нашей 1С".
LINKING_VERBS = frozenset("связать связывать подружить соединить соединять состыковать стыковать".split())
LINKING_PREPOSITIONS = frozenset({"с", "со"})


def names_our_product(text: str, terms: Iterable[str] | None = None) -> bool:
    """By lemmas ("бастиона") and by retrieval terms ("хасп" is "hasp"); `terms` are those
    of `text` when the caller has them already."""
    lemmas = [lemma(token) for token in words(text)]
    pairs = zip(lemmas, lemmas[1:], strict=False)
    named = OUR_PRODUCTS & {*lemmas, *(analyze(text) if terms is None else terms)}
    return bool(named) or any(pair in OUR_PRODUCT_PAIRS for pair in pairs) or _exchanges_with_others(lemmas)


# «помогите написать скрипт на python для выгрузки из sql»: code to be written, a question of programming
_WRITES_CODE = re.compile(
    r"\b(?:напис\w*|накида\w*|сдела\w*)\s+(?:\w+\s+)?(?:скрипт|код|макрос)|\bскрипт\w*", re.IGNORECASE
)


def asks_to_write_code(text: str) -> bool:
    """The message asks for code to be written (general programming, which support does not explain), whatever the
    code would exchange with («…для выгрузки из sql» is no question about our product's integration)."""
    return _WRITES_CODE.search(text.replace("ё", "е")) is not None


def names_exchange(text: str) -> bool:
    """An export or import "в" / "из" another program: "нужна выгрузка в Excel", "импорт сотрудников из 1С"; or a
    program linked "с" another: "связать бастион с 1С"."""
    tokens = words(text)
    lemmas = [lemma(token) for token in tokens]
    return _exchanges_with_others(lemmas) or _links_with_others(tokens, lemmas)


def _exchanges_with_others(lemmas: list[str]) -> bool:
    """An export or import "в" / "из" something: our product's exchange with it ("нужна выгрузка в Excel")."""
    return any(
        word in EXCHANGE_WORDS and EXCHANGE_PREPOSITIONS & set(lemmas[position + 1 : position + 3])
        for position, word in enumerate(lemmas)
    )


def _links_with_others(tokens: list[str], lemmas: list[str]) -> bool:
    """A program linked "с" something ("связать бастион с 1С", "подружить с AD"), the verb not reflexive: "связаться
    с поддержкой" reaches us."""
    return any(
        word in LINKING_VERBS
        and not tokens[position].endswith(("ся", "сь"))
        and LINKING_PREPOSITIONS & set(lemmas[position + 1 : position + 4])
        for position, word in enumerate(lemmas)
    )


# A choice between products ("какой антивирус лучше, касперский или доктор веб", "что лучше: hikvision или dahua") asks
# for a recommendation; "как лучше настроить микротик" asks how to set it up.
COMPARATIVES = frozenset("лучше лучший лучшая лучшее лучшие хуже надежнее круче".split())
WHICH = frozenset("какой что".split())


def asks_which_is_better(text: str) -> bool:
    """ "Какой" or "что" beside "лучше": a recommendation asked, not how to do something."""
    tokens = words(text)
    return bool(COMPARATIVES.intersection(tokens)) and bool(WHICH.intersection(lemma(token) for token in tokens))


# Whom a question about time is asked of. "Какой сегодня праздник", "во сколько закрывается почта" ask of
# the calendar or of someone else; support's hours and days off answer only a message that speaks to us
# ("вы", "у вас", "работаете?", "позвоните"), or names support, a request, a way to reach us or our
# working hours ("график работы", "в праздники звонить бесполезно?"). By lemmas and retrieval terms.
ADDRESSING_WORDS = frozenset("вы ваш твинпро".split())
SUPPORT_WORDS = frozenset(
    """
    поддержка заявка обращение телефон ответ мессенджер telegram whatsapp viber письмо связь связать работа
    работать принимать дежурить писать написать обрабатывать специалист инженер офис менеджер оператор чат бот
    график
    """.split()
)
_SPOKEN_TO = frozenset({"2per", "impr"})


def asked_of_us(text: str, terms: Iterable[str]) -> bool:
    """The message speaks to us or names support's work: a question about time is then about our hours."""
    tokens = words(text)
    found = {lemma(token) for token in tokens}.union(tokens, terms)
    if (ADDRESSING_WORDS | SUPPORT_WORDS) & found or names_our_product(text, terms):
        return True
    return any(_SPOKEN_TO & analyzer().parse(token)[0].tag.grammemes for token in tokens)


# Whose hours: "у мфц", "у пенсионного фонда" name someone else's ("какие часы работы у мфц"); "у вас", "у поддержки",
# "у отдела техподдержки", "у бастиона" are ours. By the two words after "у".
OWNED_BY_US = frozenset("вы ваш мы наш я мой твинпро кто".split())


def names_others_hours(text: str, terms: Iterable[str]) -> bool:
    """ "У" someone who is not us, nor support, nor our product: the hours asked are someone else's."""
    tokens = words(text)
    ours = OWNED_BY_US | ADDRESSING_WORDS | SUPPORT_WORDS
    return any(
        not any(_ours(word, ours) for word in tokens[position + 1 : position + 3])
        for position, token in enumerate(tokens[:-1])
        if token == "у"
    ) or any(not any(_ours(word, ours) for word in owner) for owner in (*_whose_work(tokens), *_who_works(tokens)))


_AROUND_WORKS = frozenset("ли сегодня завтра сейчас ещё еще в во до по".split())


def _who_works(tokens: list[str]) -> list[list[str]]:
    """The one who «работает» (said of someone, not «работаете»), a noun beside it: «работает ли почта в субботу»,
    «до скольки работает мфц», «сбербанк работает в воскресенье?» (someone else's); «работает ли поддержка»."""
    owners = []
    for position, token in enumerate(tokens):
        if token not in ("работает", "работают"):
            continue
        after = next(
            (i for i in range(position + 1, min(position + 3, len(tokens))) if tokens[i] not in _AROUND_WORKS), None
        )
        beside = ([position - 1] if position else []) + ([after] if after is not None else [])
        owners += [tokens[i : i + 2] for i in beside if _a_name(tokens[i])]  # «отдел поддержки»: with the word after
    return owners


def _a_name(word: str) -> bool:
    """A noun in the nominative, or a word the dictionary does not know («мфц»)."""
    grammemes = analyzer().parse(word)[0].tag.grammemes
    return {"NOUN", "nomn"} <= grammemes or "UNKN" in grammemes


def _whose_work(tokens: list[str]) -> list[list[str]]:
    """The words telling whose work a schedule is, a noun in the genitive or after «для», and the word after it:
    «время работы сотрудника», «график работы для сменщиков» (someone else's); «время работы отдела поддержки»."""
    owners = []
    for position, token in enumerate(tokens[:-1]):
        if not (lemma(token) == "работа" and "gent" in analyzer().parse(token)[0].tag or lemma(token) == "расписание"):
            continue  # «расписание электричек» too
        start = position + 2 if tokens[position + 1] == "для" else position + 1
        owner = tokens[start : start + 2]
        if owner and (start > position + 1 or _genitive_noun(owner[0])):
            owners.append(owner)
    return owners


def _genitive_noun(word: str) -> bool:
    """A noun in the genitive in one of its readings («поликлиники» reads first as a plural nominative); not «в»."""
    parses = analyzer().parse(word)
    return parses[0].tag.POS == "NOUN" and any({"NOUN", "gent"} <= parse.tag.grammemes for parse in parses)


def _ours(word: str, ours: frozenset[str]) -> bool:
    """The word names us, support or our product."""
    return word in ours or lemma(word) in ours or bool(ours.intersection(word_terms(word))) or names_our_product(word)


# Someone else's service or brand a client uses at home: "забыла пароль от вк", "сколько стоит восстановить симку
# в мтс", "как удалить свои данные из гугла" are none of support's matters (the caller checks that our product is
# not named).
OTHERS_SERVICES = frozenset(
    """
    вк вконтакте vk гугл google яндекс yandex мтс билайн мегафон теле2 tele2 сбер сбербанк тинькофф втб озон ozon
    wildberries вайлдберриз госуслуги авито мвидео эльдорадо айфон iphone инстаграм instagram фейсбук facebook
    тикток tiktok ютуб youtube
    """.split()
)
# A messenger itself looked after ("как обновить ватсап", "взломали телеграм"), not a way of reaching us
MESSENGERS = frozenset({"telegram", "whatsapp", "viber"})
APP_CARE = frozenset("обновить обновлять взломать восстановить переустановить настроить".split())


def names_others_service(text: str, terms: Iterable[str]) -> bool:
    """The message is about another company's consumer service, or about a messenger app itself, not speaking to us."""
    tokens = words(text)
    found = {lemma(token) for token in tokens}.union(tokens, terms)
    if OTHERS_SERVICES & found:
        return True
    spoken_to = (ADDRESSING_WORDS | {"вам", "вас", "поддержка", "заявка"}) & found
    return bool(MESSENGERS & found and APP_CARE & found) and not spoken_to


# A private place: "как настроить роутер дома", "на даче не ловит вайфай" are the client's own matters,
# neither our products nor equipment of a site we serve (the caller checks that our product is not named).
PRIVATE_PLACES = frozenset("дома домой домашний квартира дача блог подарок".split())  # and a private purpose


def names_private_place(text: str) -> bool:
    tokens = words(text)
    return bool(PRIVATE_PLACES & ({lemma(token) for token in tokens} | set(tokens)))


# Ways of reaching support; a message that names two of them beside something already done ("позвонил и ещё
# письмо отправил", "уже отправляли письмо, звонить надо ещё?") asks whether to duplicate the request.
CHANNELS = (
    frozenset({"почта", "письмо"}),
    frozenset({"телефон"}),
    frozenset({"мессенджер", "telegram", "whatsapp", "viber", "чат"}),
    frozenset({"факс", "бумажный"}),
)


def uses_second_channel(text: str, terms: Iterable[str]) -> bool:
    """Two ways of reaching us, one of them already used (a verb in the past tense)."""
    found = set(terms)
    if sum(bool(channel & found) for channel in CHANNELS) < 2:
        return False
    return any("past" in analyzer().parse(token)[0].tag for token in words(text))


# A key's age past its warranty of 12 months (section 6.7): "на второй год", "купили 2 года назад", "через полтора
# года", "ключу три года", "прошло 14 месяцев"; not "год" alone ("гарантия год?") nor "через 3 дня".
_YEARS = (
    r"(?:[2-9]|[1-9]\d|полтора|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|"
    r"несколько|пару|пара)\s+(?:год|лет)"
)
_NTH_YEAR = r"(?:втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)(?:ой|ий|ый|ом|ем|ого|его)\s+год"
_MONTHS = r"(?:1[3-9]|[2-9]\d)\s+мес"
_PAST_WARRANTY = re.compile(rf"(?<![\w.,])(?:{_YEARS}|{_NTH_YEAR}|{_MONTHS})", re.IGNORECASE)


# a key without the maker's marking, in clients' words: no sticker or number on it, or bought before 2013 (п. 6.2)
_UNMARKED = re.compile(
    r"\bбез\s(?:маркировки|наклейки|номера)|\bнет\s(?:(?:никакой|никаких|ни|там|на\s\w+)\s){0,2}(?:маркировки|наклейки|номера)"
    r"|\b(?:маркировк|наклейк)\w*\s(?:\w+\s){0,3}?нет\b|\bне\s?маркирован"  # «маркировки на нём нет»
    r"|\bномер\w*\s(?:на\s\w+\s)?(?:не\s(?:написан|указан|видно|виден)|нет)\b"
    r"|\b(?:куплен|купили|покупали|брали|приобрет\w*)\w*\s(?:\w+\s)?в\s(?:19\d\d|200\d|201[0-2])\b"
    r"|\bдо\s2013\b",
    re.IGNORECASE,
)


def unmarked_key(text: str) -> bool:
    """The message tells of a key without the maker's marking: its replacement follows п. 6.5."""
    return _UNMARKED.search(text.replace("ё", "е")) is not None


def outlives_warranty(text: str) -> bool:
    """The message tells of more than a year, the warranty of a key: its replacement is then paid."""
    return _PAST_WARRANTY.search(text.replace("ё", "е")) is not None


# A question on how to do something in our products (core.howto_words: "как добавить сотрудника в бастион") is answered
# only by an entry that speaks of what is done: the engine otherwise opens a consultation (section 3, п. 3.3).
_DOING_PARTS = frozenset({"INFN", "VERB"})


@lru_cache(maxsize=16384)
def _is_doing(word: str) -> bool:
    parse = analyzer().parse(word)[0]
    return parse.tag.POS in _DOING_PARTS and parse.normal_form.replace("ё", "е") not in NOT_DOING


def doing_words(text: str) -> list[str]:
    """The verbs of doing of a how-to question ("добавить", "меняется"), not of reaching support ("связаться")."""
    return [token for token in words(text) if _is_doing(token)]


# Verbs of help: "помогаете ли с инсталляцией" asks whether support helps with the one thing it names.
HELP_WORDS = frozenset("помочь помогать помощь консультировать проконсультировать консультация".split())


def asks_for_help(text: str) -> bool:
    return bool(HELP_WORDS & {lemma(token) for token in words(text)})


# What our product can do: a consultation on its functionality (section 3, п. 3.3), which no entry answers. Our product
# the subject of a verb of capability in the third person: "бастион поддерживает postgres?", "умеет ли бастион
# распознавать номера", "бастион работает с mysql?" (not "вы поддерживаете…", support's own; not an operating system,
# the choice of system software; not a word of the support's own topics: "поддерживает ли бастион ключи guardant").
CAPABILITY_VERBS = frozenset("поддерживать уметь позволять".split())
WORKING_WITH = frozenset({"с", "со"})
OS_WORDS = frozenset("ос операционный ось".split())


def asks_what_product_does(text: str, terms: Iterable[str]) -> bool:
    tokens = words(text)
    lemmas = [lemma(token) for token in tokens]
    if not names_our_product(text, terms) or asks_which_os(text) or OS_WORDS.intersection(lemmas):
        return False
    if SUPPORT_TOPICS.intersection(lemmas) or SUPPORT_TOPICS.intersection(terms):
        return False
    for position, token in enumerate(tokens):
        capable = lemmas[position] in CAPABILITY_VERBS or (
            lemmas[position] == "работать" and bool(WORKING_WITH.intersection(tokens[position + 1 : position + 2]))
        )
        if capable and {"VERB", "3per"} <= analyzer().parse(token)[0].tag.grammemes:
            return True
    return False
