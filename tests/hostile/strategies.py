"""Hypothesis strategies for what a hostile or broken sender can post: odd values, mangled platform bodies,
raw bytes that are no body at all, and header values no platform sends."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from itertools import count
from typing import Any, TypeVar

from hypothesis import strategies as st

from service.limits import LIMITS
from tests.conftest import EMAIL_IN_LOG, PHONE_IN_LOG

T = TypeVar("T")

# "@@deep@@<n>" in a body becomes <n> nested arrays when serialized: json.dumps itself cannot write them that deep
DEEP = "@@deep@@"
NESTED = re.compile(r'"@@deep@@(\d+)"')
# Update ids, message tokens: new on every draw, so that no example is a redelivery of an earlier one (which the
# service rightly ignores); and shorter than a phone number, so that no log mistakes one for it.
IDS = st.builds(next, st.just(count(1)))


def impersonal(value: object) -> bool:
    """Not what the run's log check (tests/conftest.py) takes for a phone or an e-mail. The service logs ids
    and statuses that platforms send, and a generated one (a float's 16 digits) must not fail the run.
    Only for short values: the e-mail pattern takes quadratic time on a long run of letters."""
    text = str(value)
    return not (PHONE_IN_LOG.search(text) or EMAIL_IN_LOG.search(text))


def repeated(pieces: st.SearchStrategy[str], times: st.SearchStrategy[int]) -> st.SearchStrategy[str]:
    """Long texts: a piece repeated (impersonal however often, as its first 50 repetitions are)."""
    return st.builds(lambda piece, n: piece * n, pieces.filter(lambda piece: impersonal(piece * 50)), times)


numbers = st.one_of(
    st.integers(),
    st.sampled_from([0, -1, 2**31, 2**53 + 1, 2**63, -(2**63) - 1, 2**64, 10**100]),
    st.floats(allow_nan=True, allow_infinity=True),  # json.dumps writes NaN and Infinity, which json.loads takes
).filter(impersonal)
texts = st.one_of(
    st.text(max_size=30).filter(impersonal),  # any code point, surrogates and NUL included
    st.sampled_from(["", " ", "\x00", "²", "٣", "-1", "1e999", "None", "null", "whatsapp:", "\u202e", "👍🏽" * 3]),
    repeated(st.text(min_size=1, max_size=3), st.integers(100, 5_000)),
    # over the platforms' own text limits (4,096, 7,000, 1,600), and near the service's body limits
    repeated(st.sampled_from(["a", "я", "a "]), st.sampled_from([4_097, 7_001, 30_000, 400_000])),
)
odd_values = st.recursive(
    st.none() | st.booleans() | numbers | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _slots(value: Any) -> Iterator[tuple[Any, Any]]:
    """(container, key or index) of every value nested in ``value``."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield value, key
        yield from _slots(item)


@st.composite
def mangled(draw: st.DrawFn, template: dict[str, Any]) -> dict[str, Any]:
    """``template`` with up to four parts replaced by odd values, dropped or nested too deep, or unknown keys added."""
    body = copy.deepcopy(template)
    for _ in range(draw(st.integers(0, 4))):
        container, key = draw(st.sampled_from(list(_slots(body))))
        action = draw(st.sampled_from(["replace", "drop", "add", "nest"]))
        if action == "replace":
            container[key] = draw(odd_values)
        elif action == "drop":
            del container[key]
        elif action == "nest":
            container[key] = DEEP + str(draw(st.integers(100, 100_000)))
        elif isinstance(container, dict):
            container[draw(st.text(max_size=12))] = draw(odd_values)
        else:
            container.append(draw(odd_values))
        if not body:
            break
    return body


def serialized(body: Any, ascii_only: bool) -> bytes:
    """JSON as a sender would post it; with ``ascii_only`` False a lone surrogate becomes bytes that are not UTF-8."""
    text = json.dumps(body, ensure_ascii=ascii_only)
    text = NESTED.sub(lambda found: "[" * int(found[1]) + "]" * int(found[1]), text)
    return text.encode("utf-8", errors="surrogatepass")


def fresh(templates: list[Callable[[int], T]]) -> st.SearchStrategy[T]:
    """One of the ``templates`` (functions of an id) with an id of its own."""
    return st.builds(lambda make, n: make(n), st.sampled_from(templates), IDS)


def json_bodies(templates: list[Callable[[int], dict[str, Any]]]) -> st.SearchStrategy[bytes]:
    """A platform body of one of the ``templates``, mangled and serialized."""
    return st.builds(serialized, fresh(templates).flatmap(mangled), st.booleans())


raw_bodies = st.one_of(
    st.binary(max_size=64),
    st.sampled_from([b"", b"null", b"[]", b"{}", b'"x"', b"1e999999", b"NaN", b"{", b'{"a":1}{"b":2}', b"\xff\xfe{}"]),
    st.integers(100, 100_000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(100, 50_000).map(lambda depth: b'{"a":' * depth + b"1" + b"}" * depth),
    # just under, at and over a webhook's body limit
    st.builds(
        lambda limit, over: b"x" * (limit + over),
        st.sampled_from(sorted(set(LIMITS.values()))),
        st.sampled_from([-1, 0, 1]),
    ),
    st.text(max_size=30).map(lambda text: text.encode("utf-8", errors="surrogatepass")),
)


def bodies(platform: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Mostly the ``platform``'s own bodies (mangled), one time in four bytes that are no such body."""
    return st.integers(0, 3).flatmap(lambda n: platform if n else raw_bodies)


header_values = st.one_of(
    st.text(st.characters(codec="latin-1", exclude_categories=["Cc"]), max_size=80).map(
        lambda text: text.strip().encode("latin-1")
    ),
    st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=40).map(lambda text: text.strip().encode()),
)


CONTENT_TYPES = [
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/plain",
]
# headers around the body that the platform would send otherwise, or not at all
odd_headers = st.fixed_dictionaries(
    {},
    optional={
        "Content-Type": st.sampled_from([kind.encode() for kind in CONTENT_TYPES]) | header_values,
        "Accept-Language": header_values,
        "Cookie": header_values,
    },
)
