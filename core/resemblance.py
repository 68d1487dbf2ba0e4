"""When a message is probably about an open ticket (regulation 4.13): the rule, kept simple enough to state.

It names the same product as the ticket (core/facts.py reads the names; «Бастион» counts as any Бастион), or
shares at least ``SHARED_WORDS`` key words with the ticket's description: words of five letters or more,
compared by their first five (a crude Russian stem: «зависает» and «зависло» agree), leaving out the words
any request has («здравствуйте», «проблема», «опять» …).
"""

from __future__ import annotations

from collections.abc import Iterable

from core.facts import extract
from core.stages.turn import OpenTicket
from core.stages.words import WORDS

SHARED_WORDS = 2
STEM = 5
# words of any request, which say nothing about which one it is (as stems)
COMMON = frozenset(
    "здрав добры добро пожал спаси благо подск помог пробл вопро заявк ошибк работ сегод вчера опять снова "
    "почем когда котор после нужно можно очень сейча никак также через может хотел".split()
)


def key_words(text: str) -> frozenset[str]:
    """The words that tell one request from another, cut to their stems."""
    words = WORDS.findall(text.casefold().replace("ё", "е"))
    return frozenset(w[:STEM] for w in words if len(w) >= STEM and not w.isdigit()) - COMMON


def product_of(text: str) -> str | None:
    return extract(text).get("product_name") if text else None


def same_product(one: str | None, other: str | None) -> bool:
    """A name counts as the same as a more precise one it begins («Бастион» and «Бастион-3»)."""
    if not one or not other:
        return False
    return one.startswith(other) or other.startswith(one)


def ticket_product(ticket: OpenTicket) -> str | None:
    return product_of(ticket.product or "") or product_of(ticket.subject)


def resembles(text: str, ticket: OpenTicket) -> bool:
    """The same product, or enough key words of the ticket's description: probably the same request."""
    if same_product(product_of(text), ticket_product(ticket)):
        return True
    return len(key_words(text) & key_words(ticket.subject)) >= SHARED_WORDS


def latest_like(text: str, tickets: Iterable[OpenTicket], asked_before: list[str]) -> OpenTicket | None:
    """The latest ticket of another chat that ``text`` resembles, leaving out those the client said no to."""
    like = [o for o in tickets if not o.here and o.number not in asked_before and resembles(text, o)]
    return max(like, key=lambda o: o.number, default=None)
