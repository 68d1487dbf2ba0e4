"""Valid answers for every intake field, so tests can walk a whole intake without repeating it."""

from __future__ import annotations

from tests.fakes import EngineChat

VALID_ANSWERS = {
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
    "subsystems": "СКУД и ОПС",
    "connection": "USB через преобразователь С2000-ПИ",
    "device_involved": "Нет",
    "key_type": "HASP",
    "key_number": "HS-0123456",
    "expected": "журнал открывается быстро",
    "description": "журнал событий зависает",
    "steps": "1) открыть журнал 2) выбрать месяц",
    "actual": "окно не отвечает",
    "screenshots": "готово",
}


def walk_to_summary(chat: EngineChat, **overrides: str) -> list[str]:
    """Answer every question the bot asks until the summary; the keys asked, in order."""
    asked = []
    for _ in range(40):
        if chat.state.stage != "field":
            break
        key = chat.state.field
        assert key is not None
        asked.append(key)
        chat.say(overrides[key] if key in overrides else VALID_ANSWERS[key])
    assert chat.state.stage == "summary", chat.text()
    return asked


def start_ticket(chat: EngineChat, kind: str, criticality: str | None = "stopped") -> None:
    """From the first message to the first intake question of ``kind``."""
    chat.say("Здравствуйте")
    chat.press("menu:ticket")
    if not chat.consent:
        chat.press("consent:yes")
    chat.press(f"kind:{kind}")
    if chat.state.stage == "criticality":
        chat.press(f"crit:{criticality}")
