"""`support-bot`, imported once, forking a fresh process for each command it is sent (one JSON line each).

Importing the service costs seconds of CPU (aiogram's hundreds of pydantic models above all), and so
does loading the FAQ's morphology dictionaries: a test that kills and restarts the service again and
again would spend most of its time there. This process does both once; each request forks a child
that runs the command as `support-bot` would, in its own directory, environment and log file, and
the child's pid is the answer. A child is a process of its own: SIGKILL ends it as it ends
`support-bot serve`.

The inbox and outbox leases run out in two seconds instead of minutes. A killed process leaves the
items it had leased behind, and its successor takes them over once their lease runs out; the
service's leases are long because they must outlast the slowest send, the fake messengers of the
tests answer at once. A process's passes over the inbox and the outbox run one after the other and
settle what they leased, so with one process the shorter lease changes only how soon a killed
predecessor's items are taken over.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
import traceback
from datetime import timedelta
from typing import Any, NoReturn

from faq.retriever import ReloadingFaq
from service import dispatcher, inbox
from service.cli import main

LEASE = timedelta(seconds=2)
PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent ends


def run(request: dict[str, Any]) -> NoReturn:
    """In the child: become `support-bot <argv>`, and end without returning to the launcher's loop."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    # killed with the launcher, which ends with the test run: no service outlives an interrupted run
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    os.chdir(request["cwd"])
    os.environ.update(request["env"])
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(log, 1)
    os.dup2(log, 2)
    sys.argv = ["support-bot", *request["argv"]]
    try:
        main()
    except Exception:
        traceback.print_exc()  # into the log: the exit status is read by no one (the launcher ignores SIGCHLD)
    finally:
        os._exit(0)


if __name__ == "__main__":
    inbox.LEASE = dispatcher.LEASE = LEASE
    ReloadingFaq()  # the morphology dictionaries and lemmas, loaded once for every child
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the children are reaped as they end: no zombies
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            run(json.loads(line))
        print(pid, flush=True)
