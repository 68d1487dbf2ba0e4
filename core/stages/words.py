"""How typed words are read at any stage: the commands, a greeting, the first word of an answer."""

from __future__ import annotations

import re
from datetime import date, timedelta

from core.day_words import AFTER_DAYS_OFF, days_off_during, named_day

WORDS = re.compile(r"[^\W_]+", re.UNICODE)
GREETINGS = frozenset(
    "здравствуйте здравствуй привет добрый день вечер утро доброе доброго приветствую хай hello hi start бот"
    " здрасте здрасьте здрасти драсте здрасьти дня вечера утра доброй ночи салют приветик".split()
)
# Small talk that needs a short human answer, not an FAQ search; the first group a message matches wins
SMALL_TALK: dict[str, frozenset[str]] = {
    "bye": frozenset("до свидания свиданья пока всего доброго хорошего бай bye".split()),
    "thanks": frozenset("спасибо спс благодарю благодарим пасиб спасиб thanks thank you большое огромное".split()),
    "ack": frozenset("понятно ясно ок окей ok okay хорошо ладно понял поняла принято отлично супер угу ага".split()),
    # «нужна помощь», «помогите пожалуйста», «можно вопрос?»: help asked for before saying with what
    "help": frozenset(
        "помогите помоги нужна требуется подскажите пожалуйста можно вопрос вопросик у меня хочу хотел хотела "
        "спросить уточнить".split()
    ),
    # «алло», «вы тут?», «есть кто живой?»: whether anyone is there
    "here": frozenset("алло ало ау эй тут здесь вы есть кто живой живые нибудь кто-нибудь".split()),
    # «минутку», «сейчас уточню», «сейчас спрошу у директора»: the answer comes later
    "wait": frozenset(
        "минутку минуту минуточку одну секунду секундочку сек подождите погодите подожди погоди щас сейчас уточню "
        "уточним спрошу посмотрю узнаю гляну проверю опишу напишу расскажу скину пришлю отвечу у директора начальника "
        "коллег коллеги руководителя охраны охранников охранника инженера админа администратора айтишников айтишника "
        "бухгалтерии".split()
    ),
    # «ну что там?», «долго ещё?»: what happened to the request
    "poke": frozenset("ну что там долго еще ещё".split()),
}
YES_OR_NO = frozenset("да нет неа не ага угу конечно".split())
# «да, контроллер Сфинкс-2», «да — считыватель на входе»: a yes that goes on with more
LEADING_YES = re.compile(r"\W*(?:да|ага|угу|конечно|yes)(?![^\W_])[\s,.:;!—–-]*", re.IGNORECASE)
FILLERS = frozenset("вам вас всё все теперь тогда уже да и а за помощь ответ".split())
SMALL_TALK_WORDS = frozenset().union(GREETINGS, FILLERS, *SMALL_TALK.values())
CLAUSE = re.compile(r"[^,.!?;:—–-]*[,.!;:—–-]+\s*")  # a clause and the comma, full stop, «!» or dash that ends it
# «вся СКУД легла», «ничего не работает», «система стоит», «сервер упал»: the whole system is down, not one function
SYSTEM_DOWN = re.compile(
    r"\b(?:вс[яеё]|весь|целиком|полностью)\b.{0,40}?\b(?:легл|лежит|лег\b|упал|стоит|встал|останов|не работает)"
    r"|\b(?:легл|лежит|упал|стоит|встал|останов)\w*\s(?:вс[яеё]|весь|целиком|полностью)\b"
    r"|\bничего не работает|\bне работает\s(?:ничего|вся)\b"
    r"|\bсервер\w*(?:\s\w+)?\s(?:упал|лег|лёг|лежит|умер|сдох)\b|\b(?:упал|лег|лёг|лежит|умер|сдох)\sсервер"
    r"|\bсистема\s(?:стоит|встала|легла|упала|остановлена|остановилась|не работает)",
    re.IGNORECASE,
)
# «позовите оператора», «хочу поговорить с живым человеком», «соедините со специалистом»: a person, not the bot
HUMAN = re.compile(
    r"\b(?:позов|позва|соедин|переключ|переведи|свяж|дайте|нужен|нужна|хочу|можно|где)\w*\b.{0,30}?"
    r"\b(?:оператор|человек|специалист|сотрудник|менеджер|инженер)\w*"
    r"|\bжив(?:ой|ого|ым|ому)\s(?:человек|оператор|специалист|сотрудник|инженер)\w*",
    re.IGNORECASE,
)
HUMAN_WORDS_AT_MOST = 8  # a longer message is a question or a report that mentions a person
# «вы сейчас работаете?», «поддержка сегодня работает?», «есть кто на связи?», «завтра работаете?», «в понедельник
# работаете?», «31 декабря работаете?»: whether the engineers are at work now or on a day (``core.day_words``), which
# only the clock and the production calendar answer («на связи» of someone asked about: «контроллеры не на связи» is
# a report); hours («до скольки»), days it cannot name («на майские») and
# work on something («работаете с Бастион-2?», «работаете в выходные с объектами?») are the FAQ's
OPEN_ASKED = re.compile(
    r"(?:\b(?:работаете|(?:вы|кто|сейчас|сегодня|ещё|еще|инженеры|поддержка|специалисты)\s+(?:\w+\s+)?на\s+связи"
    r"|^\W*на\s+связи|открыты|есть\s+кто|кто-?(?:нибудь|то)\s+(?:есть|тут|здесь))"
    r"|\b(?:поддержка|техподдержка|саппорт|инженеры|офис)\s+(?:\w+\s+){0,2}(?:работает|работают)"
    r"|\b(?:выходите|выйдете)\s+на\s+работу|\bбудете\s+работать|\bоткроетесь|\bначн[её]те\s+работать)\b"
    r"(?!\s+(?:с|со|над|по|до|с\s+какого)\b)(?!\s+во?\s+(?!понедельник|вторник|среду|четверг|пятницу|субботу"
    r"|воскресенье|выходн))",
    re.IGNORECASE,
)
OPEN_NOT_ASKED = re.compile(
    r"\b(?:суббот|воскрес|выходн|праздн|ноч|до\s+скольки|во\s+сколько|час|график|понедельник|вторник|сред[аеуы]\b"
    r"|четверг|пятниц|не\s+работа|январ|феврал|март|апрел|ма[йя]\b|майск|июн|июл|август|сентябр|октябр|ноябр|декабр"
    r"|\d{1,2}[./]\d{1,2}|\d{1,2}\s*(?:го|числа))",
    re.IGNORECASE,
)
TOMORROW = re.compile(r"\bзавтра\b", re.IGNORECASE)
# «работаете ли вы с контроллерами Sigur?», «а с Windows 11 работаете?»: work with something, a question for the FAQ
WORKS_WITH = re.compile(r"\bработа\w*(?:\s+\w+){1,2}\s+(?:с|со)\s|(?:^|\s)(?:с|со)\s+\S+(?:\s+\S+)?\s+работа", re.I)
# «а завтра?», «а 11 января?», «а в субботу?»: a day alone, asked after another
DAY_ASKED_AFTER = re.compile(
    r"^\W*(?:а|и)\s+(?:завтра|(?:в\s+|во\s+)?(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|выходные)"
    r"|\d{1,2}(?:-?го)?(?:\s+[а-яё]+)?|\d{1,2}[./]\d{1,2})\s*\?\W*$",
    re.IGNORECASE,
)
OPEN_ASKED_WORDS_AT_MOST = 8
# «зачем вам мой телефон?», «а для чего это?», «почему вы спрашиваете город?», «а это обязательно?»: why the
# question is asked
WHY_ASKED = re.compile(
    r"^\W*(?:а\s+|и\s+)?(?:зачем|для\s+чего|с\s+какой\s+целью|почему\s+(?:вы\s+)?(?:спрашиваете|нужн|требуете)"
    r"|(?:это\s+|так\s+)?обязательно(?:\s+(?:это\s+)?(?:указывать|отвечать|писать|говорить))?\W*$)",
    re.IGNORECASE,
)
WHY_ASKED_WORDS_AT_MOST = 8
# «ты бот?», «вы робот?», «это живой человек?», «а вы кто вообще»: who is writing, asked; not a request for a person
BOT_ASKED = re.compile(
    r"^\W*(?:а\s+|простите,?\s+)?(?:(?:ты|вы|это|я\s+с)\s+(?:что\s+|же\s+|вообще\s+)?"
    r"(?:бот|ботом|робот|роботом|живой|живая|живые|человек|автомат|программа|нейросеть|ии)\b"
    r"|(?:вы|ты)\s+кто\b|кто\s+(?:вы|ты|это|пишет|отвечает)\b)",
    re.IGNORECASE,
)
BOT_ASKED_WORDS_AT_MOST = 6
OWN_DATA_WORDS_AT_MOST = 10
# «как поменять свой телефон», «у меня сменился номер телефона»: the client's own data on file to change
OWN_DATA = r"(?:телефон|номер|почт|e-?mail|емейл|контакт|данн|фамили|организаци)"
OWN_DATA_CHANGED = re.compile(
    rf"\b(?:помен|измен|смен|обнов|исправ)\w*\s+(?:мо[йиюяе]\w*|сво[йиюяе]\w*|наш\w*)\s+(?:\w+\s+)?{OWN_DATA}"
    rf"|\bу\s+(?:меня|нас)\s+(?:\w+\s+)?(?:смен|помен|измен)\w*\s+(?:\w+\s+)?{OWN_DATA}",
    re.IGNORECASE,
)  # a longer message is a question or a report that mentions a person
# «тот же, что в профиле», «номер как в телеграме», «с которого пишу»: the number of the chat itself
OWN_NUMBER = re.compile(
    r"профил|телеграм|telegram|\bтг\b|телег|вайбер|viber|ватсап|вотсап|whatsapp|мессенджер|аккаунт|учетн"
    r"|с которого|этот же|тот же|этого же|этот номер|этого номера|с этого|привязан|зарегистрирован",
    re.IGNORECASE,
)
# «не хочу давать телефон», «нет телефона», «пишите на почту»: a contact other than a phone is wanted
NO_PHONE = re.compile(
    r"\bне\s(?:хочу|буду|могу|дам)\s(?:\w+\s){0,2}(?:телефон|номер)"
    r"|\b(?:нет|без)\s(?:\w+\s)?(?:телефона|номера)|\bтелефон\w*\sнет"
    r"|\b(?:пишите|напишите|ответьте|отвечайте|только)\s(?:\w+\s)?(?:на\s)?(?:почту|e-?mail|имейл|мейл|емейл)"
)
MESSENGERS = {
    "telegram": re.compile(r"телег|телеграм|telegram|\bтг\b", re.IGNORECASE),
    "viber": re.compile(r"вайбер|viber", re.IGNORECASE),
    "whatsapp": re.compile(r"ватсап|вотсап|whatsapp", re.IGNORECASE),
}
DIGITS = re.compile(r"\d")
# a message that starts like a question is one, «?» or not: «а поддержка платная», «сколько стоит ключ»
QUESTION_STARTS = frozenset("а как сколько где когда почему зачем можно что какой какая какие кто чем".split())
# words a question may open with before its question word: «кстати, сколько…», «скажите, а где…»
LEAD_INS = frozenset("кстати скажите подскажите извините простите слушайте ещё еще и вот ну уточните".split())
# where a question may follow an answer: a comma, full stop, «!», «?» or «;» and a space, or a dash between spaces
ASIDE_BREAK = re.compile(r"[,.;!?]+\s+|\s[—–-]\s")
ASIDE_QUESTION_WORDS = QUESTION_STARTS - {"а"}  # after an answer, «а» alone is «but»: «Самара, а офис в Тольятти»
ASIDE_WORDS_AT_LEAST = 3  # «версия 2.1? не уверен» is no question to answer; «а ключ можно заменить?» is
# a client fed up with the questions, instead of an answer
ANNOYED = re.compile(
    r"задолбал|достали|достал\b|надоел|надоели|замучил|отстаньте|отвяжитесь|какая разница|не ваше дело"
    r"|просто (?:почините|сделайте|помогите|исправьте)|зачем (?:вам )?(?:это|столько)|сколько можно"
    r"|хватит спрашивать|не буду отвечать|не буду ничего",
)
# «я уже писал выше», «см. выше»: an answer that points to an earlier message instead of giving it
POINTS_BACK = re.compile(
    r"\b(?:уже|же|ранее|раньше)\s(?:\w+\s)?(?:на)?(?:писа|указ|говори|сообща|отправля)\w*"
    r"|\b(?:на)?(?:писа|указ|говори|сообща)\w*\s(?:\w+\s)?(?:выше|раньше|ранее)\b"
    r"|\bсм\.?\s?выше|\bсмотрите\sвыше|\bвыше\s(?:написано|указано|писал)"
)
COMPLAINT = re.compile(r"жалоб|жаловат|жалуюсь|претенз")  # «пожаловаться», «жалоба», «претензия»; not «пожалуйста»
POINTER_SUBJECTS = frozenset("я мы так ведь ну да".split())  # «я же писал»: no answer before the pointing
POINTER_WORDS = frozenset("выше раньше ранее вам же в сообщении первом начале там же уже".split())  # «…писал выше»
ANNOYED_WORDS_AT_MOST = 12  # a longer message says more than that
COMMANDS = {
    "withdraw": ("отозвать согласие", "/withdraw"),
    "cancel": ("отмена", "/cancel", "отменить"),
    # «стоп», «хватит», «передумал»: out of a draft (asked first, as «отмена»); elsewhere a message like any other
    "stop": ("стоп", "хватит", "прекратить", "передумал", "передумала"),
    "help": ("/help", "помощь", "help"),
    "start": ("/start", "меню", "начать"),
    "back": ("назад",),
    "skip": ("пропустить", "пропуск", "skip"),
    "ticket": ("оформить заявку", "новая заявка", "заявка"),
}


def command_of(text: str) -> str | None:
    """The name of the command typed («назад», «/start» …), if the whole message is one."""
    if text.startswith("/"):  # «/start@twinpro_bot», as a group addresses the bot
        typed = text.casefold().split()[0].split("@")[0] if text.split() else ""
    else:
        typed = " ".join(WORDS.findall(text.casefold()))
    for name, words in COMMANDS.items():
        if typed in words:
            return name
    return None


# «оформите заявку, пожалуйста», «создайте заявку», «нужна заявка», «хочу оставить заявку»: the menu's «Оформить
# заявку» in the client's words (the FAQ took them for a question it had no answer to)
TICKET_ASKED = re.compile(
    r"^\W*(?:(?:хочу|хотим|хотел[аи]?|нужно|надо|можно|прошу|пожалуйста|давайте)\s+)?(?:оформ|созда|остав|завед|завест"
    r"|открой|откройте|открыть|сдела|зарегистрир)\w*\s+(?:мне\s+|нам\s+)?(?:нову[юя]\s+)?заявк\w*"
    r"|^\W*(?:нужна|нужно|надо)\s+(?:оформить\s+)?заявк\w*+(?!\s+на\s+(?:пропуск|доступ|гост|посещ))",
    re.IGNORECASE,
)
# «оформите пожалуйста», «ну оформляй», «хочу заявку», «давайте заявку», «пусть инженер посмотрит»: fewer words still
TICKET_ASKED_BRIEFLY = re.compile(
    r"^\W*(?:(?:да|ну|ок|ладно|хорошо|давайте|давай|тогда)\W+)*(?:оформ|созда|завод|заводи)\w*"
    r"(?:\W+(?:пожалуйста|плиз|уже|е[её]|мне|нам|тогда|скорее))*\W*$"
    r"|^\W*(?:(?:да|ну|тогда)\W+)*(?:хочу|хотим|давайте|давай|жду|прошу)\s+(?:оформить\s+)?заявк\w*+(?!\s+на\s+(?:пропуск|доступ|гост|посещ))"
    r"|^\W*(?:(?:да|ну|тогда)\W+)*пусть\s+(?:ваш\s+)?(?:инженер|специалист|техник)\w*\s+(?:посмотр|глян|разбер)",
    re.IGNORECASE,
)
# «да», «давайте», «ок, пожалуйста» after «Могу оформить заявку»: the offer taken
OFFER_TAKEN = re.compile(
    r"^\W*(?:(?:да|давайте|давай|ок|окей|ok|ага|угу|конечно|хорошо|ладно|можно|пожалуйста|плиз|го|yes)(?:\W+|$))+$",
    re.IGNORECASE,
)
TICKET_ASKED_WORDS_AT_MOST = 6
# «не надо заявку», «заявка уже не нужна», «вопрос снят»: the request is no longer needed (the draft is dropped
# after the client confirms it, as at «отмена»)
NO_LONGER_NEEDED = re.compile(
    r"заявк\w*\s(?:уже\s|мне\s|нам\s)?(?:не\s(?:нужн|надо)|отмен)|\bне\s(?:надо|нужно|нужна)\s(?:\w+\s)?заявк"
    r"|\bуже\sне\s(?:актуальн|нужн|надо)|\bвопрос\s(?:снят|решен|решён)|\bотбой\b",
    re.IGNORECASE,
)
# «всё, заработало», «сама разобралась», in a few words; not a story of trouble that came back («заработало на час,
# потом опять»)
FIXED_ITSELF = re.compile(
    r"\b(?:сам|сама|сами)\s(?:уже\s)?разобрал|\bразобрал(?:ся|ась|ись)\b|\bвс[её],?\s(?:уже\s)?заработал"
    r"|^\W*(?:спасибо\W+)?(?:уже\s)?(?:заработал[оаи]?|починилось)\W*$",  # «спасибо, заработало»
    re.IGNORECASE,
)
CAME_BACK = re.compile(r"\b(?:потом|опять|снова|но|однако|пока|иногда)\b", re.IGNORECASE)
FIXED_ITSELF_WORDS_AT_MOST = 12


def no_longer_needed(text: str) -> bool:
    """«а всё разобралась, кабель отошел. не надо заявку»: the client says the request is not needed any more."""
    if NO_LONGER_NEEDED.search(text):
        return True
    short = word_count(text) <= FIXED_ITSELF_WORDS_AT_MOST
    return short and FIXED_ITSELF.search(text) is not None and CAME_BACK.search(text) is None


def asks_for_ticket(text: str) -> bool:
    """The client asks for a ticket in a few words of their own, not for the FAQ."""
    short = word_count(text) <= TICKET_ASKED_WORDS_AT_MOST
    return short and (TICKET_ASKED.search(text) is not None or TICKET_ASKED_BRIEFLY.search(text) is not None)


def takes_offer(text: str) -> bool:
    """«да», «давайте», «ок, пожалуйста»: yes to the ticket just offered."""
    return OFFER_TAKEN.match(text) is not None


UNKNOWN_COMMAND = re.compile(r"\s*/[a-z][a-z0-9_]{0,31}(?:@\w+)?\s*", re.IGNORECASE)


def unknown_command(text: str) -> bool:
    """«/foo», «/settings@twinpro_bot»: a command of the messenger's kind that the bot does not have (the known
    ones are read by ``command_of`` first); no question for the FAQ."""
    return UNKNOWN_COMMAND.fullmatch(text) is not None


def wants_a_person(text: str) -> bool:
    """The client asks for a person («позовите оператора», «соедините с живым человеком»), not the bot; not a
    complaint about one («хочу пожаловаться на инженера»: the FAQ says where it goes)."""
    folded = _folded(text)
    short = word_count(text) <= HUMAN_WORDS_AT_MOST
    return short and HUMAN.search(folded) is not None and COMPLAINT.search(folded) is None


def means_own_number(text: str) -> bool:
    """«Телефон тот же, что в профиле», «номер как в вотсапе»: the client's number meant, not written."""
    return "@" not in text and len(DIGITS.findall(text)) < 6 and OWN_NUMBER.search(text.replace("ё", "е")) is not None


def no_phone_given(text: str) -> bool:
    """«Не хочу давать телефон, пишите на почту»: no phone, and no contact written instead."""
    return "@" not in text and len(DIGITS.findall(text)) < 6 and NO_PHONE.search(_folded(text)) is not None


def messengers_named(text: str) -> set[str]:
    """The channels a message names («как в телеграме»: telegram)."""
    return {channel for channel, pattern in MESSENGERS.items() if pattern.search(text)}


def is_greeting(text: str) -> bool:
    words = WORDS.findall(text.casefold())
    return bool(words) and all(word in GREETINGS for word in words)


# «щас у коллеги уточню как мы называемся»: the client goes to find the answer, in a few words
GOES_TO_FIND_OUT = re.compile(
    r"^\W*(?:щас|сейчас|секунд\w*|минут\w*|погодите|подождите)\W+(?:[^\W\d_]+\W+){0,3}?"
    r"(?:уточн|спрош|посмотр|узна|гляну|провер|выясн)\w*",
    re.IGNORECASE,
)
GOES_TO_FIND_OUT_WORDS_AT_MOST = 8


def small_talk(text: str) -> str | None:
    """«спасибо», «понятно», «до свидания»: which kind of small talk the whole message is, or None."""
    words = set(WORDS.findall(text.casefold())) - FILLERS
    if not words:
        return None
    if len(words) <= GOES_TO_FIND_OUT_WORDS_AT_MOST and GOES_TO_FIND_OUT.match(text):
        return "wait"
    if words <= GREETINGS:
        return "greeting"
    every = frozenset().union(GREETINGS, *SMALL_TALK.values())
    if not words <= every:
        return None
    return next(kind for kind, known in SMALL_TALK.items() if words & known)


def after_small_talk(text: str) -> str:
    """The message without the small talk it opens with, when a clause of it ends before the rest: «понятно, а как
    с вами связаться» is «а как с вами связаться», «спасибо большое! а гарантия?» is «а гарантия?»; «пока не работает
    камера» stays as it is (no clause ends after «пока»)."""
    rest = text
    while (clause := CLAUSE.match(rest)) is not None and WORDS.search(rest, clause.end()):
        said = set(WORDS.findall(clause.group().casefold()))
        if not said <= SMALL_TALK_WORDS:
            break
        rest = rest[clause.end() :]
    return rest


def bare_yes_or_no(text: str) -> bool:
    """«Да», «нет», «да нет»: an answer where nothing was asked (at the menu)."""
    words = set(WORDS.findall(text.casefold()))
    return bool(words) and words <= YES_OR_NO


def system_down(text: str) -> bool:
    """The message says the whole system is down («вся СКУД легла», «ничего не работает»): a critical request."""
    return SYSTEM_DOWN.search(_folded(text)) is not None


def aside_question(text: str) -> tuple[str, str] | None:
    """An answer and the question asked after it («тел 8412 55-66-77, а сколько стоит продление лицензии кстати»);
    None when the message opens with its question or asks nothing after its first clause («Самара, а офис в
    Тольятти»: an «а» alone asks nothing)."""
    if _first_asking_word(text) in QUESTION_STARTS:
        return None
    for gap in ASIDE_BREAK.finditer(text):
        answer, question = text[: gap.start()].strip(), text[gap.end() :].strip()
        asks = _first_asking_word(question, skipping=LEAD_INS | {"а"}) in ASIDE_QUESTION_WORDS
        if answer and (asks or (question.endswith("?") and word_count(question) >= ASIDE_WORDS_AT_LEAST)):
            return answer, question
    return None


def _first_asking_word(text: str, skipping: frozenset[str] = LEAD_INS) -> str | None:
    return next((word for word in WORDS.findall(text.casefold()) if word not in skipping), None)


# question words that open a question even without its «?» in four words or more («как настроить отчёт по
# опозданиям в бастионе»); «что», «кто», «чем» open answers too («что-то с сервером»)
ASKING_WITHOUT_MARK = frozenset("как сколько где когда почему зачем можно какой какая какие".split())
ASKING_WITHOUT_MARK_WORDS_AT_LEAST = 4


def opens_with_question(text: str) -> bool:
    """«а это вообще платно?», «сколько ждать?»: a question word first and a «?»; not «Самара?», an answer unsure.
    Without the «?», a longer question («как настроить отчёт по опозданиям в бастионе»), or one with «ли»."""
    first = _first_asking_word(text)
    if "?" in text:
        return first in QUESTION_STARTS
    long_enough = word_count(text) >= ASKING_WITHOUT_MARK_WORDS_AT_LEAST
    return (long_enough and first in ASKING_WITHOUT_MARK) or LI_QUESTION.match(text) is not None


# «бесплатно ли это», «а нужно ли ставить драйвер»: a word and the particle «ли» lead the question
LI_QUESTION = re.compile(r"^\W*(?:а\s+|и\s+)?[а-яё]+\s+ли\b", re.IGNORECASE)


def looks_like_a_question(text: str) -> bool:
    """«а сколько стоит ключ», «кстати, сколько стоит замена», «бесплатно ли это»: a «?», a question word after
    the lead-in words, or «ли» after the first word."""
    return "?" in text or _first_asking_word(text) in QUESTION_STARTS or LI_QUESTION.match(text) is not None


def open_asked(text: str, today: date) -> date | None:
    """The day the client asks whether the engineers work: ``today`` for «вы сейчас работаете?», tomorrow for
    «завтра работаете?», the day named in «в понедельник работаете?» or asked after («а 11 января?»); None for
    anything else."""
    if DAY_ASKED_AFTER.match(text):  # «а завтра?» after «вы работаете 31-го?» got «Не нашёл готового ответа»
        return today + timedelta(days=1) if TOMORROW.search(text) else named_day(text, today)
    if word_count(text) > OPEN_ASKED_WORDS_AT_MOST or not OPEN_ASKED.search(text) or WORKS_WITH.search(text):
        return None
    if TOMORROW.search(text):
        return today + timedelta(days=1)
    named = named_day(text, today)
    if named is not None:
        return named
    return None if OPEN_NOT_ASKED.search(text) or AFTER_DAYS_OFF.search(text) else today


def holidays_asked(text: str, today: date) -> date | None:
    """«в праздники работаете?», «а на новогодние?»: the first day off of the days asked about, or None. It got the
    FAQ's «по рабочим дням (будни)», without the dates."""
    if word_count(text) > OPEN_ASKED_WORDS_AT_MOST or AFTER_DAYS_OFF.search(text) is not None:
        return None
    asks = OPEN_ASKED.search(text) is not None or text.rstrip().endswith("?")
    return days_off_during(text, today) if asks else None


def back_asked(text: str) -> bool:
    """«когда после нового года выходите на работу?»: when the engineers are back after days off, in a few words."""
    asks = OPEN_ASKED.search(text) is not None or "когда" in text.casefold()
    return asks and word_count(text) <= OPEN_ASKED_WORDS_AT_MOST and AFTER_DAYS_OFF.search(text) is not None


def bot_asked(text: str) -> bool:
    """«ты бот?», «вы живой человек?»: the client asks who writes to them, in a few words."""
    return word_count(text) <= BOT_ASKED_WORDS_AT_MOST and BOT_ASKED.search(text) is not None


def own_data_changed(text: str) -> bool:
    """«как поменять свой телефон у вас», «у меня сменился номер»: the client's data on file is to change."""
    return word_count(text) <= OWN_DATA_WORDS_AT_MOST and OWN_DATA_CHANGED.search(text) is not None


def why_asked(text: str) -> bool:
    """«зачем вам мой телефон?»: the client asks why the question is asked, in a few words."""
    return word_count(text) <= WHY_ASKED_WORDS_AT_MOST and WHY_ASKED.search(text) is not None


def points_back(text: str) -> bool:
    """«Я уже писал выше», «см. выше»: the answer is said to be in an earlier message."""
    return word_count(text) <= ANNOYED_WORDS_AT_MOST and POINTS_BACK.search(_folded(text)) is not None


def after_pointing_back(text: str) -> str:
    """What the message says besides the pointing back: «Соколова Ирина» of «я же написала Соколова Ирина», or of
    «Николай Иванович, я же писал» (said before it); empty when nothing is («я уже писал выше»). The folded text
    keeps the original's positions (only «ё» becomes «е»)."""
    match = POINTS_BACK.search(_folded(text))
    if match is None:
        return ""
    for part in (text[match.end() :], _before_pointing(text[: match.start()])):
        rest = part.strip(" ,.:;!?-—–")
        if set(WORDS.findall(_folded(rest))) - POINTER_WORDS - POINTER_SUBJECTS:
            return rest
    return ""


def _before_pointing(text: str) -> str:
    """«Николай Иванович я» of «Николай Иванович я же писал»: the words before, without the writer's «я»/«мы»."""
    return re.sub(r"(?:^|\s)(?:я|мы|вам|ведь|так)\s*$", "", text.strip(" ,.:;!?-—–"), flags=re.IGNORECASE)


def annoyed(text: str) -> bool:
    """«Задолбали с вопросами», «какая разница», «просто почините»: no answer, the client is fed up with questions."""
    return word_count(text) <= ANNOYED_WORDS_AT_MOST and ANNOYED.search(_folded(text)) is not None


def _folded(text: str) -> str:
    return text.casefold().replace("ё", "е")


def after_yes(text: str) -> str:
    """What follows a leading «да» («да, контроллер Сфинкс-2» → «контроллер Сфинкс-2»); empty without one."""
    match = LEADING_YES.match(text)
    return text[match.end() :].strip() if match else ""


def first_word(text: str) -> str | None:
    words = WORDS.findall(text.casefold())
    return words[0] if words else None


def word_count(text: str) -> int:
    return len(WORDS.findall(text))
