"""A long-running process's heap after startup, kept out of the cycle collector's way."""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Collect what startup left behind, then move everything alive to the permanent generation.

    After startup the heap holds some 300,000 objects that live as long as the process: modules,
    SQLAlchemy's mappers, aiogram's and pydantic's models, the FAQ index. Every collection of the oldest
    generation walked them all, about 200 ms with the event loop stopped, a stall that every message in
    flight then waited for (`bench/load.py`'s p99). Frozen (``gc.freeze``), they are never walked again;
    what the process creates later is collected as before. Only for the service's processes: a test
    suite that starts many apps would keep each one's cycles for good.
    """
    gc.collect()
    gc.freeze()


def release_replaced() -> None:
    """Free what the frozen heap held and no longer needs: the FAQ index an edit replaced.

    A frozen object is freed only when nothing refers to it, and the index is a web of references to
    itself, so after each edit of the FAQ the previous index would stay for good. This unfreezes, collects
    (one stall of the loop, once per edit) and freezes again. Nothing when the heap was never frozen.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        freeze_startup_heap()
