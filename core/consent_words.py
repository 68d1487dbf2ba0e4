"""What a client says, in their own words, about consent to personal-data processing (152-FZ).

The text is casefolded, «ё» becomes «е», and it is cut into words with one simple regular
expression; everything after that is prefix ("stem") checks over the word list, a constant
number per word, so any message is read in linear time. Stems tolerate endings and a few
common typos (отзываю/отозвать/отзовите, удалите/удолите); no dictionary is needed.

:func:`about_consent` runs on every message, so it wants two things together: an action on
consent (отозвать/отменить/забрать + «согласие») or on the client's own data (удалить/стереть/
забыть + «мои данные»/«мой телефон»/«обо мне»/«персональные данные»). Lone words do not count:
«отзыв» is a review, «удалились данные журнала» is a past event, «удалить пользователя» is
about a third party. A clear request that is phrased as a question («как отозвать согласие?»),
negated («не удаляйте») or mentions equipment («удалите мои данные с камеры») is only
MAYBE_WITHDRAW: the bot asks before acting, as it does when only a contact is named («уберите мой номер»: the
client may want just that one gone). A request negated right before its verb («не удаляйте мои данные», «согласие
не отзываю», «не надо удалять») wants the consent kept (AGREE): asking «Вы хотите отозвать?» there took «да» for a
withdrawal. «Мои данные» beside login or equipment words
(«мои данные для входа не подходят») is about the client's system, not about what we keep.

:func:`consent_answer` reads only the first words: an explicit word (согласен, принимаю, отказ,
«не» + согласен/хочу/надо/даю) decides; a bare «да»/«нет»/«ок»/«1»/«2» counts only in a short
message without «?» or «но». Refusal wins over agreement («да нет», «нет, согласен» → REFUSE).
«Согласие» beside a withdrawal word is no agreement: «отзываю согласие» is None here (and WITHDRAW
for :func:`about_consent`), while «да, отзываю» still answers «Вы хотите отозвать согласие?» with yes.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from enum import StrEnum
from itertools import islice, takewhile

from core.translit import cyrillic_reading

WORD = re.compile(r"[^\W_]+")

CONSENT_STEMS = ("согласи", "сагласи", "соглоси", "саглоси", "соглси", "саглси")  # the noun «согласие», not «согласен»
CONSENT_NOUN = "согласие"
CONSENT_LIKENESS = 0.8  # beside a withdrawal verb, a word this like «согласие» is it: «сгласие», «согласе», «соглассие»
WITHDRAW_STEMS = ("отозв", "отзыв", "отзов", "отзав", "атозв", "отазв", "атзыв")
REVIEW_FORMS = frozenset({"отзыв", "отзыва", "отзывы", "отзыву", "отзывом", "отзыве", "отзывов", "отзывах"})
CANCEL_STEMS = ("отмен", "аннул", "анулир", "прекрат", "прекращ", "забер", "забир", "забрат", "отказ")
TAKE_BACK_STEMS = WITHDRAW_STEMS + CANCEL_STEMS  # … + «согласие»
DELETE_STEMS = ("удал", "удол", "стер", "стир", "сотр", "уничтож", "очист", "убер", "убр", "исключ")
REQUEST_ENDINGS = frozenset({"ить", "ите", "и", "ьте", "ять", "яйте", "еть", "ать", "айте", "ение", "ения", "ению"})
AFTER_CHTOBY_ENDINGS = REQUEST_ENDINGS | {"ил", "ила", "или", "ли"}  # «чтобы вы удалили» is a request too
FORGET_STEMS = ("забуд", "забыт")
DATA_FORMS = frozenset({"данные", "данных", "данным", "данными", "даные", "даных", "пдн"})
INFO_STEMS = ("информац", "инфо", "инфу", "сведени")
CONTACT_STEMS = ("телефон", "почта", "почту", "почты", "почтой", "email", "mail", "емейл", "имейл", "мейл", "контакт")
CONTACT_STEMS += ("адрес", "фио", "фамили", "фото", "лицо", "отпечат", "биометр")  # about me, not «информация»
CONTACT_STEMS += ("номер",)  # «удалите мой номер»: the phone; «мой номер телефона» reads the same
PERSONAL_STEMS = ("перс", "личн")
MODIFIER_STEMS = (*PERSONAL_STEMS, "контактн", "вс", "эт", "номер", "адрес", "электрон", "мобильн", "e")
POSSESSIVES = frozenset("мои моих мою мой моя мое моим моими моей моего моем".split())
POSSESSIVES |= frozenset("свои своих свою свой своя свое своим своими своей своего своем".split())
THIRD_PARTY_STEMS = ("сотрудн", "работник", "пользовател", "посетител", "клиентов", "жильц", "уволен", "гост")
DEVICE_STEMS = ("вход", "войти", "логин", "парол", "авториз", "подход", "облак", "сервер", "камер", "регистратор")
DEVICE_STEMS += ("контроллер", "скуд", "терминал", "резерв", "бэкап", "журнал", "архив")
INPUT_STEMS = ("нужн", "требу", "указ", "ввод", "ввест", "заполн", "отправ", "присл", "куда")
ASK_STEMS = ("как", "покаж", "показ", "предостав", "пришл", "выда", "выгруз", "скаж", "хран", "знае", "знает")
ASK_STEMS += ("известн", "посмотр", "узна", "доступ", "запрос", "перечен", "список", "обрабатыв", "собира", "есть")
PROCESSING_STEMS = ("обработ", "обрабатыв", "хран", "использ", "собир", "передав", "передач", "лежа")  # «чтобы лежали»
KNOW_STEMS = ("знал", "помнил", "помнит")
NEEDLESS = frozenset({"надо", "нужно", "стоит", "хочу", "хотим", "буду", "будем"})  # «не надо удалять»
PROHIBIT_STEMS = ("запрещ", "запрет", "прекрат", "прекращ", "перестан", "хватит", "отказ")  # and the word «против»
UNWILLING_STEMS = ("хоч", "хот", "жела", "разреш")  # after «не»
FROM_BASE_STEMS = ("баз", "систем", "списк", "реестр", "crm", "отовсюду", "везде")
ACCOUNT_STEMS = ("аккаунт", "акаунт", "профил", "учетн", "учетк", "анкет")
CORRESPONDENCE_STEMS = ("переписк", "сообщени", "диалог", "чат")  # «удалите нашу переписку»
OURS = POSSESSIVES | frozenset("наш наша нашу нашей наши наших".split())
WROTE_STEMS = ("писал", "написал", "присылал", "отправлял")  # «удалите всё, что я вам писал»
SHORT_REQUEST = 4  # words: «хочу удалить аккаунт» is the client's account with us, in so few
# «что у вас есть на меня?», «какой телефон у вас записан мой?»: what we keep, asked in other words
ON_FILE = re.compile(
    r"\bесть\s+на\s+(?:меня|нас)\b|\b(?:записан|указан|сохранен|хранит)\w*\s+(?:мой|моя|мое|у\s+вас)\b"
)
UNSUBSCRIBE_STEMS = ("отпис", "отпиш")
EVERYTHING = frozenset({"всего", "всех", "вас", "бота", "рассылки"})
QUESTION_WORDS = frozenset("как каким зачем почему где можно ли если значит означает такое будет могу".split())
ABOUT_WORDS, ME_WORDS = frozenset({"обо", "о", "про"}), frozenset({"мне", "меня"})
AGREEMENT_WORDS = frozenset("даю даем давал давала дал дала согласен согласна согласны соглашаюсь принимаю".split())
ACTION_STEMS = (*TAKE_BACK_STEMS, *DELETE_STEMS, *FORGET_STEMS, "забыл", *UNSUBSCRIBE_STEMS)
CONSENT_OR_PROCESSING_STEMS = CONSENT_STEMS + PROCESSING_STEMS
GAP_WORDS = POSSESSIVES | set("пожалуйста ранее данное выданное данного мной действие от все".split())
GAP_WORDS |= {"на", "обработку", "персональных", "данных", "пдн"}  # «согласие на обработку ПДн отзываю»
GAP = 5  # at most this many gap words between a verb and its object: «отзываю ранее данное мной согласие»

FILLERS = frozenset("ну я мы а ой эм хм пожалуй наверное думаю что скорее всего все таки тогда так вот спасибо".split())
BARE_YES = frozenset("да даа дааа ага угу ок окей ok okay хорошо конечно ладно разумеется yes".split())
BARE_NO = frozenset("нет неа нее no nope никогда".split())
# the options' numbers count only alone: «2 дня уже не работает», «1 турникет не реагирует», «2.1.11» choose nothing
OPTION_NUMBERS = {"1": "yes", "2": "no"}
AGREE_STEMS = ("соглас", "сагласен", "соглаш", "принима", "подтвержд", "разреша")
REFUSE_STEMS = ("отказ", "откаж", "несоглас")  # and the word «против», not «противо…»
NEVER = ["ни", "за", "что"]  # «ни за что»
NEGATED_STEMS = ("соглас", "соглаш", "сагласен", "хоч", "хот", "над", "нуж", "буд", "да", "жела", "приним", "разреш")
NEGATED_STEMS += ("подтвержд",)
NOT_AGAINST = frozenset({"против", "возражаю", "возражаем"})
ANSWER_WINDOW = 4  # explicit words are looked for among the first words only
SHORT_ANSWER = 6  # a bare «да»/«нет» counts in a message of at most this many words


class ConsentIntent(StrEnum):
    WITHDRAW = "withdraw"
    MAYBE_WITHDRAW = "maybe_withdraw"
    MY_DATA = "my_data"
    AGREE = "agree"
    REFUSE = "refuse"


WITHDRAW, MAYBE = ConsentIntent.WITHDRAW, ConsentIntent.MAYBE_WITHDRAW
KEEP = ConsentIntent.AGREE  # «не удаляйте мои данные»: the consent stays, nothing to ask


def _words(text: str, limit: int | None = None) -> list[str]:
    found = WORD.finditer(text.casefold().replace("ё", "е"))
    return [match.group() for match in islice(found, limit)]


def _has(words: list[str], stems: tuple[str, ...]) -> bool:
    return any(word.startswith(stems) for word in words)


def _data_refs(words: list[str]) -> tuple[bool, bool, bool]:
    """(my info, my contacts, personal data): a data word after «мои»/«персональные», modifiers between."""
    mine_info = mine_contact = personal = "пдн" in words
    for i, word in enumerate(words):
        info, contact = word in DATA_FORMS or word.startswith(INFO_STEMS), word.startswith(CONTACT_STEMS)
        for before in reversed(words[max(0, i - 3) : i] if info or contact else ()):
            if before in POSSESSIVES:
                mine_info, mine_contact = mine_info or info, mine_contact or contact
                break
            personal = personal or before.startswith(PERSONAL_STEMS)
            if not before.startswith(MODIFIER_STEMS):
                break
    about_me = any(a in ABOUT_WORDS and b in ME_WORDS for a, b in zip(words, words[1:], strict=False))
    return mine_info or about_me, mine_contact, personal


def _request(words: list[str], mine: bool, device: bool) -> ConsentIntent | None:
    """The strongest wish to withdraw in the words; a question is dealt with by the caller."""
    vocab, hits = set(words), set()
    past_ok, from_base = bool(vocab & {"чтобы", "чтоб"}), _has(words, FROM_BASE_STEMS)
    my_account = not device and bool(vocab & POSSESSIVES) and _has(words, ACCOUNT_STEMS)
    processing = _has(words, PROCESSING_STEMS)
    refusing = (
        "против" in vocab
        or _has(words, PROHIBIT_STEMS)
        or any(
            word == "не" and (following.startswith(UNWILLING_STEMS) or _imperative_processing(following))
            for word, following in zip(words, words[1:], strict=False)
        )
    )
    for i, word in enumerate(words):
        if word == "не" and words[i + 1 : i + 2] and words[i + 1].startswith(("соглас", "даю", "даем")):
            if _has(words[i + 2 : i + 5], CONSENT_OR_PROCESSING_STEMS):  # «не согласен на обработку»
                hits.add(WITHDRAW)
        if not word.startswith(ACTION_STEMS):  # most words: one call, next word
            continue
        negated_at = _negated_at(words, i)
        if negated_at is not None and not word.startswith(FORGET_STEMS):  # «не удаляйте», «согласие не отзываю»
            near = (*_neighbours(words, i), *_neighbours(words, negated_at))
            if mine and not device or any(map(_consent_like, near)):
                hits.add(KEEP)
            continue
        clear = MAYBE if "не" in words[max(0, i - 2) : i] else WITHDRAW  # «не надо удалять» is asked about
        deletes, neighbours = _deletes(word, past_ok), _neighbours(words, i)
        me = "меня" in neighbours  # «удалите меня», not «у меня …, как удалить …»
        if _withdraws(word, words[i + 1 : i + 2]) and any(map(_consent_like, neighbours)):
            hits.add(clear)
        forgets = word.startswith(FORGET_STEMS) or past_ok and word.startswith("забыл")  # «чтобы вы меня забыли»
        if deletes and (mine or me and from_base) or forgets and (mine or me):
            hits.add(MAYBE if device else clear)
        elif (
            deletes
            and (me or my_account or _what_was_written(words))
            or (word.startswith(UNSUBSCRIBE_STEMS) and (me or vocab & EVERYTHING))
        ):
            hits.add(MAYBE)
    if refusing and processing and mine:  # «не храните мои данные», «против обработки моих ПДн»
        hits.add(MAYBE if device else WITHDRAW)
    if refusing and "меня" in vocab and (processing or _has(words, KNOW_STEMS)):  # «не хочу, чтобы вы меня знали»
        hits.add(MAYBE)
    return WITHDRAW if WITHDRAW in hits else MAYBE if MAYBE in hits else next(iter(hits), None)


def _what_was_written(words: list[str]) -> bool:
    """«нашу переписку», «всё, что я вам писал», «аккаунт» in a short request: what the client wrote to us, or their
    account with us, wanted deleted (asked about first: it may be one message, or all of it)."""
    ours = any(a in OURS and b.startswith(CORRESPONDENCE_STEMS) for a, b in zip(words, words[1:], strict=False))
    wrote = "все" in words and _has(words, WROTE_STEMS)
    return ours or wrote or len(words) <= SHORT_REQUEST and _has(words, ACCOUNT_STEMS)


def _negated_at(words: list[str], i: int) -> int | None:
    """Where the «не» that negates the verb words[i] stands: right before it, or before «надо», «хочу» and the like."""
    if words[i - 1 : i] == ["не"]:
        return i - 1
    if i >= 2 and words[i - 2] == "не" and words[i - 1] in NEEDLESS:
        return i - 2
    return None


def _consent_like(word: str) -> bool:
    """«согласие», or a typo of it (only ever asked beside a verb of taking back)."""
    if word.startswith(CONSENT_STEMS):
        return True
    likeness = SequenceMatcher(None, word[: len(CONSENT_NOUN)], CONSENT_NOUN).ratio()
    return word[:1] == "с" and likeness >= CONSENT_LIKENESS


def _withdraws(word: str, following: list[str]) -> bool:
    if word in REVIEW_FORMS:  # «отзыв» is a review unless it is «отзыв согласия»
        return _has(following, CONSENT_STEMS)
    return word.startswith(TAKE_BACK_STEMS) and not word.startswith("отзывч")


def _neighbours(words: list[str], i: int) -> tuple[str, str]:
    """The nearest words before and after words[i], over «моё», «пожалуйста», «ранее данное» and the like."""
    before = next((w for w in reversed(words[max(0, i - GAP) : i]) if w not in GAP_WORDS), "")
    after = next((w for w in words[i + 1 : i + 1 + GAP] if w not in GAP_WORDS), "")
    return before, after


def _my_account_shown(words: list[str]) -> bool:
    """«покажи мой профиль», «посмотреть мою анкету»."""
    mine = any(a in POSSESSIVES and b.startswith(ACCOUNT_STEMS) for a, b in zip(words, words[1:], strict=False))
    system = _has(words, ("доступ", "пропуск", "оператор", "пользовател"))  # «мой профиль доступа» is the СКУД's
    return mine and not system and _has(words, ("покаж", "показ", "посмотр"))


def _deletes(word: str, past_ok: bool) -> bool:
    """«удалите», «сотрите», «удаление»; «удалили» only after «чтобы»; never «удалились», «удаленный»."""
    endings = AFTER_CHTOBY_ENDINGS if past_ok else REQUEST_ENDINGS
    return any(word.startswith(stem) and word[len(stem) :] in endings for stem in DELETE_STEMS)


def _imperative_processing(word: str) -> bool:
    return word.startswith(PROCESSING_STEMS) and word.endswith(("те", "ть"))


# «I withdraw my consent», «delete my personal data»: asked about in Russian, as any withdrawal not quite certain
ENGLISH_WITHDRAWAL = re.compile(
    r"\b(?:withdraw|revoke|cancel)\w*\s+(?:my\s+|the\s+)?consent|\b(?:delete|remove|erase|forget)\s+(?:all\s+)?"
    r"(?:of\s+)?(?:my|me)\b(?:\s+personal)?(?:\s+data|\s+information|\s+details)?",
    re.IGNORECASE,
)


def about_consent(text: str) -> ConsentIntent | None:
    """What an arbitrary message says about consent at any step: WITHDRAW, MAYBE_WITHDRAW, MY_DATA or None."""
    if ENGLISH_WITHDRAWAL.search(text):
        return MAYBE
    words = _words(text)
    mine_info, mine_contact, personal = _data_refs(words)
    personal = personal and (mine_info or mine_contact or not _has(words, THIRD_PARTY_STEMS))
    device = _has(words, DEVICE_STEMS)
    found = _request(words, mine_info or mine_contact or personal, device)
    if found == WITHDRAW and ("?" in text or not QUESTION_WORDS.isdisjoint(words)):
        return MAYBE
    if found == WITHDRAW and mine_contact and not (mine_info or personal or _has(words, CONSENT_STEMS)):
        return MAYBE  # «уберите мой номер, лучше на почту»: one contact named, and the consent asked about first
    if found:
        return found
    if (mine_info or personal) and not device and not _has(words, INPUT_STEMS):
        if _has(words, ASK_STEMS) or (mine_info and len(words) <= 3):
            return ConsentIntent.MY_DATA
    if not device and (ON_FILE.search(" ".join(words)) or _my_account_shown(words)):
        return ConsentIntent.MY_DATA
    mentions_consent = _has(words, CONSENT_STEMS) and (len(words) <= 4 or _has(words, PROCESSING_STEMS))
    if (personal and not device or mentions_consent) and ("не" in words or AGREEMENT_WORDS.isdisjoint(words)):
        return MAYBE
    return None


# «ничего не имею против», «возражений нет», «без проблем»: agreement in other words
_NO_OBJECTION = re.compile(
    r"^\W*(?:(?:ничего\s+)?не\s+имею\s+(?:ничего\s+)?против|возражений\s+нет|нет\s+возражений|без\s+проблем)\b"
)
# «не согласен на рассылку, а на обработку согласен»: a clause about the news is no answer to this question
_CLAUSES = re.compile(r"[,;.]|\s(?:а|но)\s")
_NEWS = re.compile(r"рассыл|новост")


def _without_news(text: str) -> str:
    """The text without its clauses about the news, when another clause is left to answer."""
    clauses = [clause for clause in _CLAUSES.split(text.casefold()) if clause.strip()]
    kept = [clause for clause in clauses if not _NEWS.search(clause)]
    return " ".join(kept) if kept and len(kept) < len(clauses) else text


_BARE_DISAGREEMENT = re.compile(r"^\W*(?:я\s+|мы\s+)?(?:не\s?соглас(?:ен|на|ны|ие)|несоглас\w*)\W*$")


def bare_disagreement(text: str) -> bool:
    """«Не согласен», «НЕ СОГЛАСНА!!!» and nothing more: the consent's refusal, in its own words, away from its question
    (the contract names it among the words understood at any step); a client disagreeing with an answer hears the
    question and says no."""
    return _BARE_DISAGREEMENT.match(text.casefold().replace("ё", "е")) is not None


ASKING = frozenset("зачем почему что чем как какие какой кто куда где сколько чего можно".split())


def consent_answer(text: str) -> ConsentIntent | None:
    """The answer to the consent question: AGREE, REFUSE, or None (then the bot explains and asks again)."""
    text = _without_news(cyrillic_reading(text))  # «soglasen», «ne soglasen»
    if _NO_OBJECTION.search(text.casefold()):
        return ConsentIntent.AGREE
    words = _words(text, SHORT_ANSWER + 1)
    if "?" in text and ASKING.intersection(words):  # «зачем вам согласие?» asks; it agrees to nothing
        return None
    start = next((i for i, word in enumerate(words) if word not in FILLERS), len(words))
    window, agree, refuse = words[start : start + ANSWER_WINDOW], False, False
    for i, word in enumerate(window):
        following = window[i + 1] if i + 1 < len(window) else ""
        if word == "не":
            agree = agree or following in NOT_AGAINST
            refuse = refuse or (following not in NOT_AGAINST and following.startswith(NEGATED_STEMS))
        elif i and window[i - 1] in ("не", "без"):  # «без согласия» gives none
            continue
        else:
            refuse = refuse or word == "против" or word.startswith(REFUSE_STEMS) and word not in REVIEW_FORMS
            agree = agree or word.startswith(AGREE_STEMS) and not _has(window, TAKE_BACK_STEMS)
    if len(words) <= SHORT_ANSWER and "?" not in text and "но" not in words:
        bare = set(takewhile(lambda word: word in BARE_YES or word in BARE_NO, words[start:]))
        refuse, agree = refuse or bool(bare & BARE_NO), agree or bool(bare & BARE_YES)
        refuse = refuse or words[start:] in (["не"], ["не", "а"], NEVER)  # «Не.», «не-а», «ни за что»
        number = OPTION_NUMBERS.get(words[start]) if len(words) == start + 1 else None
        refuse, agree = refuse or number == "no", agree or number == "yes"
    return ConsentIntent.REFUSE if refuse else ConsentIntent.AGREE if agree else None
