"""Appendix 1 of the regulation as data: what to ask, in which order, for which kind of request.

Adding a question is one line here plus its texts in ``core/texts.py`` (``field.<key>.*``); the
walker in ``core/walker.py`` gives it prompting, validation, «назад», «пропустить», the summary and
edit-by-number for free.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from core import validators as v

KINDS = ("problem", "consultation", "license", "wish")
ALL = frozenset(KINDS)
PROBLEM = frozenset({"problem"})
NOT_WISH = frozenset({"problem", "consultation", "license"})

YES, NO, NOT_KNOWN = "yes", "no", "unknown"


@dataclass(frozen=True)
class Field:
    key: str
    group: str
    parse: Callable[[str], str]
    kinds: frozenset[str] = ALL
    optional_in: frozenset[str] = frozenset()
    applies_when: Callable[[Mapping[str, str]], bool] | None = None
    personal: bool = False  # erased when consent is withdrawn
    remembered: bool = False  # offered back to a returning client
    free_text: bool = False  # long answers where a «?» is part of the answer, not a question to us
    options: tuple[str, ...] = ()  # option ids; texts are field.<key>.option.<id>
    strict_options: bool = False  # only the options are valid answers
    files: bool = False  # collects attachments until «Готово»
    request_phone: bool = False
    unknown_ok: bool = False  # «не знаю» is an answer: kept as «не знает», with a hint where to find it
    names: bool = False  # the answer is a name (an organisation, a city, a person, a device): a phone alone is none

    def applies(self, kind: str, answers: Mapping[str, str]) -> bool:
        if kind not in self.kinds:
            return False
        return self.applies_when is None or self.applies_when(answers)

    def is_optional(self, kind: str) -> bool:
        return kind in self.optional_in


def _device_involved(answers: Mapping[str, str]) -> bool:
    return answers.get("device_involved") == YES


INTAKE: tuple[Field, ...] = (
    # 1. Контактная информация; phone or e-mail first, so that a client known from another
    #    channel is recognised before being asked the rest
    Field("contact", "contacts", v.phone_or_email, personal=True, remembered=True, request_phone=True),
    # an organisation is often a person's name («ИП Смирнов И. Г.»): erased with the rest on withdrawal
    Field("organization", "contacts", v.short_text, personal=True, remembered=True, names=True),
    Field("city", "contacts", v.short_text, remembered=True, names=True),
    Field("contact_name", "contacts", v.person_name, personal=True, remembered=True, names=True),
    # 2. Программный продукт
    # most clients run one of the two: offered in one tap, any other product typed
    Field(
        "product_name",
        "product",
        v.short_text,
        remembered=True,
        names=True,
        unknown_ok=True,
        options=("bastion3", "bastion2"),
    ),
    Field("product_version", "product", v.version, optional_in=frozenset({"wish"}), remembered=True, unknown_ok=True),
    # 3. Сервер и рабочие места
    Field(
        "os",
        "environment",
        v.operating_system,
        kinds=frozenset({"problem", "license"}),
        remembered=True,
        unknown_ok=True,
    ),
    Field(
        "antivirus", "environment", v.short_text, kinds=PROBLEM, optional_in=PROBLEM, remembered=True, unknown_ok=True
    ),
    Field(
        "hardware", "environment", v.short_text, kinds=PROBLEM, optional_in=PROBLEM, remembered=True, unknown_ok=True
    ),
    # 4. Система в целом
    Field(
        "network",
        "system",
        v.long_text,
        kinds=PROBLEM,
        optional_in=PROBLEM,
        remembered=True,
        free_text=True,
        unknown_ok=True,
    ),
    Field("pcs", "system", v.count_with_roles, kinds=PROBLEM, optional_in=PROBLEM, remembered=True),
    Field(
        "subsystems",
        "system",
        v.short_text,
        kinds=PROBLEM,
        optional_in=PROBLEM,
        remembered=True,
        options=("skud", "ops", "stvn", "all"),
    ),
    Field(
        "connection",
        "system",
        v.short_text,
        kinds=PROBLEM,
        optional_in=PROBLEM,
        remembered=True,
        options=("com", "usb", "ethernet", "other"),
    ),
    # 5. Приборы ЕС-Пром, ОКБ «Авгит», ТвинПро
    Field(
        "device_involved",
        "device",
        v.short_text,
        kinds=frozenset({"problem", "consultation"}),
        options=(YES, NO, NOT_KNOWN),  # «не знаю»: the engineer tells from the description
        strict_options=True,
    ),
    Field("device_name", "device", v.short_text, kinds=NOT_WISH, applies_when=_device_involved, names=True),
    Field("device_firmware", "device", v.version, kinds=NOT_WISH, applies_when=_device_involved, unknown_ok=True),
    Field(
        "device_modules",
        "device",
        v.short_text,
        kinds=NOT_WISH,
        applies_when=_device_involved,
        optional_in=NOT_WISH,
    ),
    Field("device_date", "device", v.production_date, kinds=NOT_WISH, applies_when=_device_involved, unknown_ok=True),
    # Ключ защиты (раздел 6 регламента)
    Field(
        "key_type",
        "license",
        v.short_text,
        kinds=frozenset({"license"}),
        options=("hasp", "guardant", "unknown"),
        strict_options=True,
    ),
    Field(
        "key_number",
        "license",
        v.key_number,
        kinds=frozenset({"license"}),
        optional_in=frozenset({"license"}),
        unknown_ok=True,
    ),
    # 6. Информация о проблеме
    Field(
        "expected",
        "problem",
        v.story,
        kinds=frozenset({"problem", "consultation", "wish"}),
        optional_in=frozenset({"consultation"}),
        free_text=True,
    ),
    Field("description", "problem", v.story, free_text=True),
    Field("steps", "problem", v.story, kinds=PROBLEM, free_text=True),
    Field("actual", "problem", v.story, kinds=frozenset({"problem", "license"}), free_text=True),
    Field("screenshots", "problem", v.short_text, optional_in=ALL, files=True),
)

FIELDS_BY_KEY: dict[str, Field] = {f.key: f for f in INTAKE}
# The optional items about the client's environment (Appendix 1, parts 3–4 but the OS): one message in a chat,
# answered in one go (numbered) or skipped with one tap, instead of six questions
ENVIRONMENT: frozenset[str] = frozenset({"antivirus", "hardware", "network", "pcs", "subsystems", "connection"})
# What an engineer needs to call a critical request back at once; the rest is asked once its ticket is open
CALLBACK_KEYS: frozenset[str] = frozenset({"contact", "organization", "city", "description"})
PERSONAL_KEYS: frozenset[str] = frozenset(f.key for f in INTAKE if f.personal)
REMEMBERED_KEYS: tuple[str, ...] = tuple(f.key for f in INTAKE if f.remembered)

IMAGE_TYPES = {"image/jpeg": "JPG", "image/png": "PNG", "image/gif": "GIF"}
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif")
MAX_FILE_BYTES = 20 * 1024 * 1024
