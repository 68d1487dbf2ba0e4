"""A question on how to do something in our products: «как добавить сотрудника в бастион», «где смотреть, кто во
сколько пришёл», «каким образом привязать карту к сотруднику», «можно ли настроить антипассбэк».

The regulation has engineers consult on the products' functionality (section 3, п. 3.3), and the FAQ holds no
instructions: it answers questions about the support itself (its hours, requests, keys, prices). So such a question
the FAQ finds no answer for is a consultation request, with the question as its description, where the client used
to read «Не нашёл готового ответа».

A how-to question needs three things: a word asking how or where («как», «каким образом», «где», «куда», «можно
ли»), a verb of doing («добавить», «настроить», «смотреть», «настраивается»), and a thing of the products'
functionality («сотрудник», «пропуск», «отчёт», «камера», «дверь»…). A word of the support itself (a request, the
support, a price, a licence, a protection key, personal data, screenshots and logs, documentation) leaves the
question to the FAQ, which answers those. A report of something broken is told apart before (faq/intent.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.morphology import analyzer

WORD = re.compile(r"[^\W\d_]+")

HOW_WORDS = frozenset("как где куда".split())
HOW_PHRASES = re.compile(r"каким\s+образом|можно\s+ли|есть\s+ли\s+возможность|получится\s+ли")
# «как быстро», «как долго»: asked about the support's pace, not how to do something
NOT_HOW = re.compile(r"как\s+(?:быстро|долго|скоро|часто|с\s+вами)")
# verbs a client does in the program; the others («связаться», «купить», «оформить») are about the support
NOT_DOING = frozenset(
    "связаться позвонить написать писать оформить отправить прислать присылать получить купить оплатить заказать"
    " отозвать узнать указать сообщить обратиться дозвониться заменить поменяться".split()
)
# things of our products' functionality; a camera, a password or a report alone may be anyone's («как настроить
# камеру axis», «пароль на роутер»): those stay the FAQ's, which declines someone else's products
OBJECTS = frozenset(
    (
        "бастион арм elsys элсис скуд сотрудник посетитель пропуск проход антипассбэк турникет шлагбаум считыватель"
        " контроллер оператор табель опоздание посещаемость шлейф тревога модуль драйвер фотоидентификация"
    ).split()
)
# the support's own topics: the FAQ answers these
SUPPORT_TOPICS = frozenset(
    (
        "заявка обращение поддержка техподдержка саппорт регламент инженер лицензия лицензирование цена стоимость"
        " стоить купить покупка оплата бесплатно деньги гарантия согласие персональный скриншот скрин лог логи"
        " документация руководство инструкция hasp guardant хасп гардант гвардант защита"
    ).split()
)
_DOING_TAGS = ("INFN", "VERB")


@lru_cache(maxsize=4096)
def _lemma(word: str) -> str:
    """The dictionary form of a Russian word; a Latin word («elsys») as it is."""
    return word if word.isascii() else analyzer().parse(word)[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=4096)
def _doing(word: str) -> bool:
    """An infinitive or a present-tense verb of the program's use («добавить», «настраивается»), not of the support."""
    parse = analyzer().parse(word)[0]
    return parse.tag.POS in _DOING_TAGS and parse.normal_form not in NOT_DOING


def asks_how_to_use(text: str) -> bool:
    """The client asks how or where to do something in our products (see the module's docstring)."""
    folded = text.casefold().replace("ё", "е")
    words = WORD.findall(folded)
    lemmas = {_lemma(word) for word in words}
    asks_how = bool(HOW_WORDS.intersection(words)) or HOW_PHRASES.search(folded) is not None
    if not asks_how or NOT_HOW.search(folded) or lemmas & SUPPORT_TOPICS:
        return False
    return any(map(_doing, words)) and bool(lemmas & _object_lemmas())


@lru_cache(maxsize=1)
def _object_lemmas() -> frozenset[str]:
    """OBJECTS as the analyser reads them, so that a word of the message and its entry meet («скуд»)."""
    return frozenset(map(_lemma, OBJECTS))
