"""The one Russian morphological analyser of the process, shared by every module that reads words.

A ``pymorphy3.MorphAnalyzer`` holds its dictionaries in memory (about 20 MB resident, a quarter of a
second to load): people's names (``core/person_names.py``), cities (``core/facts.py``) and the FAQ's
lemmas (``faq/normalize.py``) all use this one, loaded on first use.
"""

from __future__ import annotations

from functools import cache

import pymorphy3


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()
