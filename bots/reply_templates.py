"""Reply templates: engineers' ready answers to common cases (``/t NAME`` in a ticket's topic).

Read from ``bots/reply_templates/*.yaml``, like the FAQ: each file holds a list of templates with a
``name`` (what follows /t; ``aliases`` may add other spellings, Russian ones say), a one-line ``title``
for the list, and the ``text`` in Russian. The text may hold only the placeholders of ``PLACEHOLDERS``,
each always filled, so a client never sees «{…}»: a file with any other, or with a stray brace, fails
the load with its name, and the service does not start with it.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.person_names import first_name
from core.texts import t
from faq.knowledge import yaml_lists

TEMPLATES_DIR = Path(__file__).resolve().parent / "reply_templates"
PLACEHOLDERS = frozenset({"greeting", "number", "engineer"})  # «Здравствуйте, Анна!», «TP-00001», «Павел»


class ReplyTemplateError(ValueError):
    """A template file cannot be used as it is."""


@dataclass(frozen=True)
class ReplyTemplate:
    name: str
    title: str
    text: str
    aliases: tuple[str, ...] = ()
    source: str = ""  # the file, for errors

    def render(self, *, number: str, engineer: str, client_name: str | None) -> str:
        """The text for the client; the greeting names the client only when the first name is known."""
        name = first_name(client_name)
        greeting = t("templates.greeting_named", name=name) if name else t("templates.greeting")
        return self.text.format(greeting=greeting, number=number, engineer=engineer)


class ReplyTemplates:
    """The templates by name, and the help an engineer gets for ``/t`` alone or a name that is none."""

    def __init__(self, templates: Iterable[ReplyTemplate]) -> None:
        self.templates = tuple(templates)
        self._by_name = {key.casefold(): tpl for tpl in self.templates for key in (tpl.name, *tpl.aliases)}

    def find(self, name: str) -> ReplyTemplate | None:
        return self._by_name.get(name.strip().casefold())

    def listing(self) -> str:
        items = "\n".join(t("templates.item", name=tpl.name, title=tpl.title) for tpl in self.templates)
        return t("templates.list", items=items)

    def help(self, name: str) -> str:
        """The list, after the names closest to ``name`` when one was asked for."""
        name = name.strip()
        if not name:
            return self.listing()
        closest = difflib.get_close_matches(name.casefold(), self._by_name, n=3, cutoff=0.5)
        names = ", ".join(dict.fromkeys(self._by_name[key].name for key in closest))  # an alias shows as its template
        unknown = t("templates.unknown_close", name=name, closest=names) if names else t("templates.unknown", name=name)
        return f"{unknown}\n\n{self.listing()}"


def load_templates(directory: Path) -> ReplyTemplates:
    """Every ``*.yaml`` of ``directory``; ReplyTemplateError names the file and the template at fault."""
    lists = yaml_lists(directory, ReplyTemplateError, "templates")
    templates = [_template(item, name) for name, items in lists for item in items]
    _check_names(templates)
    return ReplyTemplates(templates)


@cache
def shipped_templates() -> ReplyTemplates:
    """The templates shipped with the bot, read once (the Telegram channel reads them at start-up)."""
    return load_templates(TEMPLATES_DIR)


def _template(item: object, source: str) -> ReplyTemplate:
    if not isinstance(item, dict):
        raise ReplyTemplateError(f"{source}: every template must be a mapping, got {item!r}")
    name = str(item.get("name") or "").strip()
    where = f"{source}: {name or '<no name>'}"
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list):
        raise ReplyTemplateError(f"{where}: aliases must be a list")
    template = ReplyTemplate(
        name=name,
        title=" ".join(str(item.get("title") or "").split()),
        text=str(item.get("text") or "").strip(),
        aliases=tuple(str(alias).strip() for alias in aliases),
        source=source,
    )
    problems = [f"empty {key}" for key in ("name", "title", "text") if not getattr(template, key)]
    problems += [f"{word!r} is not a single word" for word in (name, *template.aliases) if len(word.split()) != 1]
    problems += _placeholder_problems(template.text)
    if problems:
        raise ReplyTemplateError(f"{where}: {'; '.join(problems)}")
    return template


def _placeholder_problems(text: str) -> list[str]:
    """Placeholders nobody fills, format specs, and braces that would not render."""
    try:
        fields = [(field, spec, conversion) for _, field, spec, conversion in string.Formatter().parse(text)]
    except ValueError as error:
        return [f"a stray brace ({error}); write {{{{ or }}}} for a brace itself"]
    problems = []
    for field, spec, conversion in fields:
        if field is None:
            continue
        if field not in PLACEHOLDERS:
            problems.append(f"unknown placeholder {{{field}}}, known: {', '.join(sorted(PLACEHOLDERS))}")
        elif spec or conversion:
            problems.append(f"placeholder {{{field}}} takes no format")
    return problems


def _check_names(templates: list[ReplyTemplate]) -> None:
    """Every name and alias leads to one template."""
    owners: dict[str, ReplyTemplate] = {}
    for template in templates:
        for key in {template.name.casefold(), *(alias.casefold() for alias in template.aliases)}:
            owner = owners.setdefault(key, template)
            if owner is not template:
                where = f"{template.source}: {template.name}"
                raise ReplyTemplateError(f"{where}: the name {key!r} is taken by {owner.name!r} of {owner.source}")
