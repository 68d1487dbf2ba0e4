"""Dialogue benchmark (issue 14): how many client messages it takes to open a ticket, against the targets.

    .venv/bin/python bench/dialogue.py [--transcript]

Scripted clients talk to the real engine (core.engine.step, the shipped FAQ) and count every message
they type or press until the ticket opens (the TicketOpened event). They follow no fixed script: at
each step they look at what is asked (the stage, the field or the fields of a form, the buttons) and
answer it, so the numbers stay honest while the flow changes. Each scenario also checks that every
Appendix 1 item of its kind reached the ticket or was skipped by the client on purpose; when a ticket
opens before its intake ends (a critical request), the client goes on answering until it does, or stops
answering (the ticket must then say which items the client did not give).
Exits 1 when a target is missed or an item is lost.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

from rich.console import Console
from rich.markup import escape
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core import walker  # noqa: E402
from core.engine import Context, Step, step  # noqa: E402
from core.events import ConsentGiven, TicketFieldsAdded, TicketOpened  # noqa: E402
from core.intake import FIELDS_BY_KEY, INTAKE, REMEMBERED_KEYS  # noqa: E402
from core.messages import Inbound, Outbound  # noqa: E402
from core.state import DRAFT_STAGES, ConversationState, Stage  # noqa: E402
from faq.retriever import FaqIndex  # noqa: E402

MAX_MESSAGES = 60  # a client who has typed this many has given up: so does the script
NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)  # a Wednesday, 11:00 in Moscow: working hours
PROFILE_NAME = "Анна Смирнова"  # what the messenger tells of the client
# the payloads of the buttons the client presses, as a messenger sends them back
NEW_TICKET, CONSENT, SEND, ALL_CORRECT = "menu:ticket", "consent:yes", "sum:send", "ret:yes"
SKIP = "nav:skip"

# What a plausible client answers to each intake field; for a field with options, the option's id.
ANSWERS: dict[str, str] = {
    "contact": "+7 846 555-12-34",
    "organization": "ООО «Охрана-Сервис»",
    "city": "Самара",
    "contact_name": "Смирнова Анна",
    "product_name": "АПК «Бастион-3»",
    "product_version": "3.1.14.2789",
    "os": "Windows Server 2019 64-бит",
    "antivirus": "Kaspersky Endpoint Security 12",
    "hardware": "Core i5, 16 ГБ",
    "network": "3 ПК в одном коммутаторе",
    "pcs": "3: сервер БД, сервер оборудования, рабочее место",
    "subsystems": "skud",
    "connection": "usb",
    "device_involved": "no",
    "device_name": "С2000-ПИ",
    "device_firmware": "1.20",
    "device_modules": "нет",
    "device_date": "03.2021",
    "key_type": "hasp",
    "key_number": "HS-0123456",
    "expected": "журнал открывается быстро",
    "description": "журнал событий зависает при открытии",
    "steps": "1) открыть журнал 2) выбрать месяц",
    "actual": "окно не отвечает",
}


def option_of(key: str) -> str | None:
    """The option id the client picks for ``key``, when the field has options."""
    return ANSWERS[key] if ANSWERS[key] in FIELDS_BY_KEY[key].options else None


def typed_answer(key: str) -> str:
    """The answer to ``key`` as a client types it (an option by its words)."""
    option = option_of(key)
    return walker.option_title(FIELDS_BY_KEY[key], option) if option else ANSWERS[key]


def stored_answer(key: str) -> str:
    """The answer to ``key`` as the engine keeps it once given (a phone normalised, an option as the engine has it)."""
    option = option_of(key)
    return walker.parse_answer(FIELDS_BY_KEY[key], ANSWERS[key], f"opt:{key}:{option}" if option else None)


ON_FILE = {key: stored_answer(key) for key in REMEMBERED_KEYS}  # what a returning client's last ticket left


@dataclass(frozen=True)
class Scenario:
    name: str
    opening: str  # the client's first message
    target: int  # at most this many client messages until the ticket opens
    kind: str = "problem"
    criticality: str = "partial"  # the button pressed if the bot asks how bad it is
    returning: bool = False  # consent given before, remembered answers on file
    priority: str | None = None  # the priority the ticket must get, when it matters
    stops_with: str | None = None  # written instead of answering once the ticket opened before the intake ended


SCENARIOS = (
    Scenario("first-time, plain problem report", "Здравствуйте! Перестал открываться журнал событий, всё зависает", 16),
    Scenario(
        "first-time, product, version and OS named",
        "Бастион-3 версии 3.1.14.2789 на Windows Server 2019: журнал событий зависает при открытии",
        13,
    ),
    Scenario("returning verified client", "Опять зависает журнал событий", 8, returning=True),
    Scenario(
        "critical request",
        "Срочно! Бастион-3 полностью остановился, СКУД на объекте не работает",
        16,
        criticality="stopped",
        priority="critical",
    ),
    Scenario(
        "critical request, questions after it left",
        "Вся СКУД легла, ничего не работает. Самара",
        16,
        criticality="stopped",
        priority="critical",
        stops_with="меню",
    ),
)


class ScriptError(RuntimeError):
    """The scripted client does not know what to answer, or the bot keeps refusing its answer."""


@dataclass
class Outcome:
    messages: int  # until the ticket opened
    ticket: TicketOpened
    fields: dict[str, str]  # the ticket's fields once the intake is over
    lost: list[str]  # Appendix 1 items of the kind neither in the ticket nor skipped by the client


@dataclass
class Client:
    """One scripted client in one conversation with the engine."""

    scenario: Scenario
    faq: FaqIndex
    state: ConversationState = field(default_factory=ConversationState)
    consent: bool = False
    sent: int = 0
    # the items the client chose to skip; it has no screenshots or logs, so it leaves the files out from the start
    skipped: set[str] = field(default_factory=lambda: {item.key for item in INTAKE if item.files})
    transcript: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.consent = self.scenario.returning

    def run(self) -> Outcome:
        """Talk until the ticket opens and its intake is over; raises ScriptError when that does not happen."""
        replies = self.send(text=self.scenario.opening).replies
        opened: tuple[int, TicketOpened] | None = None
        fields: dict[str, str] = {}
        while self.sent < MAX_MESSAGES:
            before = self.state
            stop = self.scenario.stops_with if opened is not None else None
            result = self.send(**({"text": stop} if stop else self.answer(replies)))
            for event in result.events:
                if isinstance(event, TicketOpened) and opened is None:
                    opened = self.sent, event
                if isinstance(event, TicketOpened | TicketFieldsAdded):  # a critical ticket is added to once open
                    fields.update(event.fields)
            if opened is not None and self.state.stage not in DRAFT_STAGES:
                return Outcome(opened[0], opened[1], fields, self.lost_items(opened[1].kind, fields, before.answers))
            if asked(before) and asked(result.state) == asked(before):
                said = " / ".join(r.text for r in result.replies)
                raise ScriptError(f"the answer to {asked(before)} was refused: {said}")
            replies = result.replies
        raise ScriptError(f"no ticket after {MAX_MESSAGES} messages; stuck at {self.state.stage}")

    def answer(self, replies: list[Outbound]) -> dict[str, str]:
        """What to type (``text``) or press (``choice``) for the question asked now."""
        offered = {c.payload for reply in replies for c in reply.choices}
        stage = self.state.stage
        if stage in (Stage.NEW, Stage.IDLE, Stage.FAQ):
            return {"choice": NEW_TICKET} if NEW_TICKET in offered else {"text": "новая заявка"}
        if stage == Stage.CONSENT:
            return {"choice": CONSENT}
        if stage == Stage.KIND:
            return {"choice": f"kind:{self.scenario.kind}"}
        if stage == Stage.CRITICALITY:
            return {"choice": f"crit:{self.scenario.criticality}"}
        if stage == Stage.RETURNING:
            return {"choice": ALL_CORRECT}
        if stage == Stage.VERIFY:
            return {"choice": SKIP}
        if stage == Stage.FIELD and self.state.field:
            return self.answer_field(self.state.field, offered)
        if stage == Stage.FORM and self.state.form_keys:
            return self.answer_form(self.state.form_keys, offered)
        if stage == Stage.SUMMARY:
            return {"choice": SEND}
        said = " / ".join(r.text for r in replies)
        raise ScriptError(f"the script has no answer at stage {stage}: {said}")

    def answer_field(self, key: str, offered: set[str]) -> dict[str, str]:
        """An optional item skipped where the bot offers it, an option pressed, the rest typed."""
        if SKIP in offered:
            self.skipped.add(key)
            return {"choice": SKIP}
        if key not in ANSWERS:
            raise ScriptError(f"the script has no answer for the field «{key}»: add it to ANSWERS")
        pressed = f"opt:{key}:{option_of(key)}"
        return {"choice": pressed} if pressed in offered else {"text": typed_answer(key)}

    def answer_form(self, keys: list[str], offered: set[str]) -> dict[str, str]:
        """Several items in one message: skipped with one tap where offered, else answered line by line."""
        assert self.state.kind is not None
        if SKIP in offered:
            self.skipped.update(keys)
            return {"choice": SKIP}
        lines = []
        for number, key in enumerate(keys, start=1):
            item = FIELDS_BY_KEY[key]
            if item.files or item.is_optional(self.state.kind):
                self.skipped.add(key)
                lines.append(f"{number}. —")  # the form's way to skip an item
            else:
                lines.append(f"{number}. {typed_answer(key)}")
        return {"text": "\n".join(lines)}

    def send(self, *, text: str | None = None, choice: str | None = None) -> Step:
        self.sent += 1
        inbound = Inbound(
            channel="console",
            sender="bench",
            chat="bench",
            platform_id=uuid4().hex,
            text=text,
            choice=choice,
            profile_name=PROFILE_NAME,
        )
        on_file = ON_FILE if self.scenario.returning else {}
        ctx = Context(now=NOW, consent_given=self.consent, on_file=on_file, faq=self.faq.search)
        result = step(self.state, inbound, ctx)
        self.state = result.state
        for event in result.events:  # what the shell does with these, as far as the dialogue notices
            if isinstance(event, TicketOpened):
                self.state.ticket = "TP-BENCH"
            self.consent = self.consent or isinstance(event, ConsentGiven)
        self.transcript.append(f"[bold]{self.sent:>2}. {escape(text or f'[{choice}]')}[/bold]")
        self.transcript += [f"    {escape(r.text)}" for r in result.replies]
        return result

    def lost_items(self, kind: str, fields: Mapping[str, str], answers: Mapping[str, str]) -> list[str]:
        """Items of the kind (given the answers: device questions only about a device) neither kept nor skipped."""
        due = [item.key for item in INTAKE if item.applies(kind, answers)]
        return [key for key in due if not fields.get(key) and key not in self.skipped]


def asked(state: ConversationState) -> tuple[str, ...]:
    """The intake items the bot is asking for now; () when it asks none."""
    if state.stage == Stage.FIELD and state.field:
        return (state.field,)
    return tuple(state.form_keys) if state.stage == Stage.FORM else ()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcript", action="store_true", help="print every scenario's dialogue")
    args = parser.parse_args()
    console = Console(width=160)
    faq = FaqIndex.from_directory()

    table = Table(title="Client messages until the ticket opens (issue 14)")
    for column in ("scenario", "messages", "target", "met", "priority", "Appendix 1 items", "no item lost"):
        table.add_column(column)
    failed = False
    for scenario in SCENARIOS:
        client = Client(scenario, faq)
        try:
            outcome = client.run()
        except ScriptError as error:
            table.add_row(scenario.name, "—", f"≤ {scenario.target}", "NO", "", "", escape(str(error)))
            failed = True
            continue
        finally:
            if args.transcript:
                console.rule(scenario.name)
                console.print("\n".join(client.transcript))
        priority = outcome.ticket.priority
        met = outcome.messages <= scenario.target and scenario.priority in (None, priority)
        filled = sum(1 for value in outcome.fields.values() if value and value != walker.NOT_GIVEN)
        not_given = sum(1 for value in outcome.fields.values() if value == walker.NOT_GIVEN)
        lost = "yes" if not outcome.lost else "NO: " + ", ".join(outcome.lost)
        table.add_row(
            scenario.name,
            str(outcome.messages),
            f"≤ {scenario.target}",
            "yes" if met else "NO",
            priority + (f" (must be {scenario.priority})" if scenario.priority else ""),
            f"{filled} filled, {len(client.skipped)} skipped" + (f", {not_given} not given" if not_given else ""),
            lost,
        )
        failed = failed or not met or bool(outcome.lost)
    console.print(table)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
