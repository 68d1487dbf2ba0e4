"""What the client wrote in an e-mail, without what mail programs add: quoted replies and signatures.

Only the newest words reach the engine: a reply quotes the whole thread, and a signature's phone and
title would be read as answers. Forwarded messages are kept (a forwarded error report is the question).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# «On Mon, 1 Jan 2024 at 10:00, Someone <a@b.c> wrote:», «15.01.2024, 10:00, "ТвинПро" <help@twinpro.ru> пишет:»
_ATTRIBUTION = re.compile(
    r"^(?:(?:on|am|le)\s.+\s(?:wrote|schrieb|a écrit)"
    r"|.+\s(?:пишет|написал|написала|написал\(а\))"
    r"|.*\d.*<[^<>\s@]+@[^<>\s]+>)\s*:\s*$",
    re.IGNORECASE,
)
_WROTE_ALONE = re.compile(r"^(?:wrote|пишет|написал|написала|написал\(а\))\s*:\s*$", re.IGNORECASE)
_ORIGINAL = re.compile(r"^\s*-{2,}\s*(?:original message|исходное сообщение|ответное сообщение)\s*-{2,}\s*$", re.I)
# «---------- Forwarded message ---------» (Gmail), «-------- Пересылаемое сообщение --------» (Mail.ru, Яндекс),
# «Begin forwarded message:» (Apple Mail), «Начало переадресованного сообщения:»: what follows is the question
_FORWARDED = re.compile(
    r"^\s*-*\s*(?:forwarded message|пересылаемое сообщение|пересланное сообщение|begin forwarded message"
    r"|начало переадресованного сообщения|переадресованное сообщение)\s*[-:]*\s*$",
    re.IGNORECASE,
)
_HEADER_FROM = re.compile(r"^\*?(?:from|от|von)\s*:\*?\s*\S", re.IGNORECASE)
_HEADER_NEXT = re.compile(r"^\*?(?:sent|date|отправлено|дата|gesendet|to|кому|subject|тема)\s*:", re.IGNORECASE)
_MOBILE = re.compile(
    r"^(?:sent from (?:my|mail|outlook|yahoo)|отправлено (?:с|из|через) |get outlook for|получить outlook для"
    r"|скачать outlook для)",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:с уважением|с наилучшими пожеланиями|с пожеланиями|всего доброго|всего хорошего|best regards"
    r"|kind regards|warm regards|regards|best wishes|sincerely|yours sincerely)\b[\s,.!:;—–-]*\S?.{0,60}$",
    re.IGNORECASE,
)
_ATTRIBUTION_LIMIT = 400  # longer lines are never attributions (and would make the pattern slow)
_QUOTED_ITEM = re.compile(r"^[>\s]+(\d{1,2})[.)]\s")  # «> 3. В каком городе?», «>> 12) …»
_SEPARATOR = re.compile(r"^[\s_=*-]*$")
_SIGNATURE_LINES = 12  # a closing followed by more than this is a letter going on, not a signature


def new_text(body: str) -> str:
    """The part of a plain-text e-mail body the client wrote now."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _join_wrapped_attributions(lines)
    lines = lines[: _quote_start(lines)]
    lines = _without_inline_quotes(lines)
    lines = lines[: _signature_start(lines)]
    return _tidy(lines)


def _join_wrapped_attributions(lines: list[str]) -> list[str]:
    """Gmail wraps a long «On … <a@b.c>» and puts «wrote:» on a line of its own: one line again."""
    joined: list[str] = []
    for line in lines:
        if joined and _WROTE_ALONE.match(line.strip()) and joined[-1].strip():
            joined[-1] = joined[-1].rstrip() + " " + line.strip()
        else:
            joined.append(line)
    return joined


def _quote_start(lines: list[str]) -> int:
    """Where the original letter begins below the answer (top-posting), else the end. A forwarded letter is no
    quote: its headers looked like Outlook's copy, and the problem it reported was cut off."""
    for index, line in enumerate(lines):
        text = line.strip()
        if _FORWARDED.match(text):
            return len(lines)
        if _ORIGINAL.match(text) or _outlook_header(lines, index):
            return index
        if _attribution(text) and not _next_is_quoted(lines, index):
            return index  # an attribution above an unmarked copy of the letter
    return len(lines)


def _attribution(text: str) -> bool:
    return len(text) <= _ATTRIBUTION_LIMIT and bool(_ATTRIBUTION.match(text))


def _outlook_header(lines: list[str], index: int) -> bool:
    """«From: … / Sent: …» (or «От: … / Отправлено: …»): the copy of the letter Outlook appends."""
    if not _HEADER_FROM.match(lines[index].strip()):
        return False
    following = [line.strip() for line in lines[index + 1 : index + 5] if line.strip()]
    return any(_HEADER_NEXT.match(line) for line in following[:3])


def _next_is_quoted(lines: list[str], index: int) -> bool:
    following = (line.strip() for line in lines[index + 1 :])
    return next((line for line in following if line), "").startswith(">")


def _without_inline_quotes(lines: list[str]) -> list[str]:
    """The «> » lines out, with the attribution above each quoted block; answers between them stay. An answer
    written under a quoted numbered question («> 3. В каком городе?») takes its number («3. Самара»): the answers
    alone could not be matched to the questions."""
    kept: list[str] = []
    number = None  # of the numbered question quoted just above
    for index, line in enumerate(lines):
        text = line.strip()
        if text.startswith(">"):
            found = _QUOTED_ITEM.match(text)
            number = found.group(1) if found else None
            continue
        if _attribution(text) and _next_is_quoted(lines, index):
            continue
        if number is not None and text:  # «3.1.14» or «1) открыть журнал» under «> 6.» is the answer, to number
            line = line if re.match(rf"{number}\s*[.)]\s", text) else f"{number}. {text}"
            number = None
        kept.append(line)
    return kept


def _signature_start(lines: list[str]) -> int:
    """Where the signature begins: «-- », a phone app's footer, or a closing after some text."""
    written = False
    for index, line in enumerate(lines):
        text = line.strip()
        if line.rstrip("\r") in ("-- ", "--") or _MOBILE.match(text):
            return index
        if written and _CLOSING.match(text) and len(lines) - index <= _SIGNATURE_LINES:
            return index
        written = written or bool(text)
    return len(lines)


def _tidy(lines: list[str]) -> str:
    """No trailing separators or blank lines, at most one blank line in a row."""
    while lines and _SEPARATOR.match(lines[-1]):
        lines.pop()
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- HTML
_BLOCKS = {
    "address", "article", "br", "div", "dl", "dt", "dd", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "ol", "p", "pre", "section", "table", "tr", "ul",
}  # fmt: skip
_HIDDEN = {"head", "script", "style", "title", "template", "blockquote"}
# what mail programs wrap a quoted thread or a signature in
_HIDDEN_CLASSES = ("gmail_quote", "gmail_signature", "moz-signature", "yahoo_quoted")
_HIDDEN_IDS = ("divrplyfwdmsg", "appendonsend", "signature")


class _TextOf(HTMLParser):
    """The visible text of an HTML body, one line per block, quoted blocks and signatures left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: tuple[str, int] | None = None  # the tag that hides, and how deep in it we are
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.hidden = None  # a <head> nobody closed ends here
            return
        if self.hidden is not None:
            if tag == self.hidden[0]:
                self.hidden = (tag, self.hidden[1] + 1)
            return
        if tag in _HIDDEN or _hides(attrs):
            self.hidden = (tag, 1)
            return
        if tag == "pre":
            self.pre += 1
        if tag in _BLOCKS:
            self._break(tag)
        if tag == "li":
            self.parts.append("• ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden is None and tag in _BLOCKS:
            self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden is not None:
            if tag == self.hidden[0]:
                depth = self.hidden[1] - 1
                self.hidden = (tag, depth) if depth else None
            return
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCKS and tag != "br":
            self._break(tag)

    def _break(self, tag: str) -> None:
        """A new line (a blank one around paragraphs); a <br> always, nested blocks only once."""
        ending = "".join(self.parts[-2:])
        if tag == "br" or not ending.endswith("\n"):
            self.parts.append("\n")
        if tag == "p" and not ending.endswith("\n\n"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.hidden is None:
            data = data.replace("\xa0", " ")
            self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        return _tidy([line.strip() for line in "".join(self.parts).split("\n")])


def _hides(attrs: list[tuple[str, str | None]]) -> bool:
    values = dict(attrs)
    classes = (values.get("class") or "").lower().split()
    element_id = (values.get("id") or "").lower()
    return any(name in classes for name in _HIDDEN_CLASSES) or element_id in _HIDDEN_IDS


def html_to_text(html: str) -> str:
    """Plain text of an HTML e-mail body (the stdlib parser; mail HTML is too loose for anything strict)."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return parser.text()
