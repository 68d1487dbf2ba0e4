"""What can arrive at each webhook: the platform's own bodies (mangled), bodies that are none, and the
platform's credential either right (signed over exactly the bytes posted) or forged, missing, odd."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from hypothesis import strategies as st
from starlette.datastructures import ImmutableMultiDict
from twilio.request_validator import RequestValidator

from service.channels.webhook import webhook_path
from tests.hostile.strategies import bodies, fresh, header_values, json_bodies, odd_headers, texts
from tests.telegram import updates
from tests.telegram.world import WEBHOOK_SECRET
from tests.viber.world import sign as viber_signature
from tests.viber.world import user
from tests.whatsapp.world import AUTH_TOKEN, BUSINESS, CLIENT, WEBHOOK_URL, inbound_message


@dataclass(frozen=True)
class Posted:
    """One request to a webhook; ``signed`` when it carries the platform's valid credential for its body."""

    body: bytes
    headers: dict[str, bytes]
    signed: bool


@dataclass(frozen=True)
class Webhook:
    channel: str
    bodies: st.SearchStrategy[bytes]
    credential: Callable[[bytes], dict[str, bytes]]  # the header that makes ``body`` the platform's
    forged: st.SearchStrategy[dict[str, bytes]]  # headers claiming to be the platform's, wrongly

    @property
    def path(self) -> str:
        return webhook_path(self.channel)

    def signed(self, body: bytes) -> Posted:
        return Posted(body, self.credential(body), signed=True)

    def requests(self, signed: bool) -> st.SearchStrategy[Posted]:
        @st.composite
        def posted(draw: st.DrawFn) -> Posted:
            body = draw(self.bodies)
            credential = self.credential(body) if signed else draw(self.forged.filter(self._not_valid_for(body)))
            return Posted(body, {**draw(odd_headers), **credential}, signed)

        return posted()

    def _not_valid_for(self, body: bytes) -> Callable[[dict[str, bytes]], bool]:
        valid = {name.lower(): value.lower() for name, value in self.credential(body).items()}
        return lambda headers: all(valid.get(name.lower()) != value.lower() for name, value in headers.items())


def forged(header: str, lookalikes: st.SearchStrategy[bytes]) -> st.SearchStrategy[dict[str, bytes]]:
    """No credential, an empty or odd one, or one that looks right but is not."""
    return st.one_of(st.just({}), st.builds(lambda value: {header: value}, header_values | lookalikes))


# --- Telegram: the secret token set with setWebhook, in a header
TELEGRAM_TEMPLATES: list[Callable[[int], dict[str, Any]]] = [
    lambda n: updates.private_message(n, text="Здравствуйте"),
    lambda n: updates.private_message(n, text="/start"),
    lambda n: updates.private_message(n, photo=[updates.PHOTO], caption="скриншот ошибки"),
    lambda n: updates.private_message(n, document=updates.DOCUMENT),
    lambda n: updates.private_message(
        n, contact={"phone_number": "+78461234567", "first_name": "Пётр", "user_id": updates.CLIENT_ID}
    ),
    lambda n: updates.button(n, "kind:problem"),
    lambda n: updates.group_message(n, thread_id=1042, text="Проверьте версию драйвера."),
    lambda n: {"update_id": n, "edited_message": updates.private_message(n, text="правка")["message"]},
    lambda n: {
        "update_id": n,
        "message_reaction": {
            "chat": {"id": updates.CLIENT_ID, "type": "private"},
            "message_id": 5,
            "date": 1764000000,
            "old_reaction": [],
            "new_reaction": [{"type": "emoji", "emoji": "👍"}],
        },
    },
]
TELEGRAM = Webhook(
    "telegram",
    bodies(json_bodies(TELEGRAM_TEMPLATES)),
    lambda body: {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET.encode()},
    forged(
        "X-Telegram-Bot-Api-Secret-Token",
        st.sampled_from(
            [WEBHOOK_SECRET[:-1], WEBHOOK_SECRET + " ", WEBHOOK_SECRET + "\x00", "webhook-secret-4f2а"]
        ).map(str.encode),
    ),
)


# --- Viber: HMAC-SHA256 of the raw body, keyed with the bot's token
def viber_message(message: dict[str, Any]) -> Callable[[int], dict[str, Any]]:
    return lambda n: {"event": "message", "timestamp": 1764000000000, "message_token": n, "sender": user(),
                      "message": message}  # fmt: skip


def viber_event(event: str, **fields: Any) -> Callable[[int], dict[str, Any]]:
    return lambda n: {"event": event, "timestamp": 1764000000000, "message_token": n, **fields}


def viber_templates(files: str) -> list[Callable[[int], dict[str, Any]]]:
    """Every callback of the protocol notes; pictures and files at ``files`` (the fake API's)."""
    return [
        viber_message({"type": "text", "text": "Здравствуйте"}),
        viber_message(
            {
                "type": "picture",
                "text": "подпись",
                "media": f"{files}/img.jpg",
                "file_name": "screen.jpg",
                "size": 12345,
            }
        ),
        viber_message({"type": "file", "media": f"{files}/log.txt", "file_name": "log.txt", "size": 2048}),
        viber_message({"type": "contact", "contact": {"name": "Пётр", "phone_number": "+78461234567"}}),
        viber_message({"type": "location", "location": {"lat": 53.2, "lon": 50.1}}),
        viber_message({"type": "sticker", "sticker_id": 46105}),
        viber_message({"type": "url", "media": "https://example.com/"}),
        viber_event("webhook", chat_hostname="SN-CHAT-01_"),
        viber_event("conversation_started", type="open", context="", subscribed=False, user=user()),
        viber_event("subscribed", user=user()),
        viber_event("unsubscribed", user_id=user()["id"]),
        viber_event("delivered", user_id=user()["id"]),
        viber_event("seen", user_id=user()["id"]),
        viber_event("failed", user_id=user()["id"], desc="receiver is not subscribed"),
        viber_event("client_status", user_id=user()["id"]),
    ]


def viber(files: str) -> Webhook:
    def credential(body: bytes) -> dict[str, bytes]:
        return {"X-Viber-Content-Signature": viber_signature(body).encode()}

    lookalikes = st.one_of(
        st.binary(min_size=64, max_size=64).map(bytes.hex).map(str.encode),
        st.builds(lambda body: viber_signature(body).encode(), st.binary(max_size=8)),  # another body's
        st.builds(lambda body: viber_signature(body, token="someone-elses-token").encode(), st.binary(max_size=8)),
    )
    return Webhook(
        "viber",
        bodies(json_bodies(viber_templates(files))),
        credential,
        forged("X-Viber-Content-Signature", lookalikes),
    )


# --- WhatsApp through Twilio: HMAC-SHA1 over the public URL and every form field
form_texts = texts.filter(lambda text: text.encode("utf-8", errors="ignore").decode() == text)  # no lone surrogates
TWILIO_FIELDS = ["MediaUrl0", "NumMedia", "MediaContentType0", "MessageStatus", "ErrorCode", "ButtonPayload", "WaId"]
form_keys = st.sampled_from(TWILIO_FIELDS + ["MessageType", "From", "MessageSid"]) | st.text(max_size=10)


@st.composite
def mangled_form(draw: st.DrawFn, fields: dict[str, str]) -> list[tuple[str, str]]:
    """``fields`` as form pairs, up to four of them replaced, dropped, repeated with another value, or added."""
    form = list(fields.items())
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["replace", "drop", "repeat", "add"])) if form else "add"
        index = draw(st.integers(0, len(form) - 1)) if form else 0
        if action == "replace":
            form[index] = (form[index][0], draw(form_texts))
        elif action == "drop":
            del form[index]
        elif action == "repeat":
            form.insert(index, (form[index][0], draw(form_texts)))
        else:
            form.append((draw(form_keys), draw(form_texts)))
    return form


def whatsapp_templates(media: str) -> list[Callable[[int], dict[str, str]]]:
    """An inbound text, picture, button and location, and status callbacks; media at ``media`` (the fake API)."""
    return [
        lambda n: inbound_message(n, "Здравствуйте"),
        lambda n: inbound_message(
            n,
            "",
            NumMedia="1",
            MediaUrl0=f"{media}/Messages/MM{n}/Media/ME{n}",
            MediaContentType0="image/jpeg",
            MessageType="image",
        ),
        lambda n: inbound_message(
            n, "Консультация", ButtonText="Консультация", ButtonPayload="kind:consultation", MessageType="button"
        ),
        lambda n: inbound_message(n, "", Latitude="53.2", Longitude="50.1", MessageType="location"),
        lambda n: {
            "MessageSid": f"SM{n:032x}",
            "MessageStatus": "delivered",
            "From": BUSINESS,
            "To": "whatsapp:" + CLIENT,
            "ApiVersion": "2010-04-01",
        },
        lambda n: {
            "MessageSid": f"SM{n:032x}",
            "MessageStatus": "failed",
            "ErrorCode": "63016",
            "From": BUSINESS,
            "To": "whatsapp:" + CLIENT,
            "ApiVersion": "2010-04-01",
        },
    ]


def twilio_signature(body: bytes) -> str:
    """What Twilio sends for this body: its fields exactly as posted, repeated and blank ones included."""
    try:
        fields = parse_qsl(body.decode(), keep_blank_values=True)
    except UnicodeDecodeError:
        fields = []
    return RequestValidator(AUTH_TOKEN).compute_signature(WEBHOOK_URL, ImmutableMultiDict(fields))


def whatsapp(media: str) -> Webhook:
    templates = whatsapp_templates(media)
    forms = fresh(templates).flatmap(mangled_form)
    form_bodies = forms.map(lambda form: urlencode(form).encode())
    lookalikes = st.one_of(
        st.builds(lambda body: twilio_signature(body).encode(), st.binary(max_size=8)),
        st.builds(lambda form: RequestValidator("0" * 32).compute_signature(WEBHOOK_URL, dict(form)).encode(), forms),
    )
    return Webhook(
        "whatsapp",
        bodies(form_bodies),
        lambda body: {"X-Twilio-Signature": twilio_signature(body).encode()},
        forged("X-Twilio-Signature", lookalikes),
    )
