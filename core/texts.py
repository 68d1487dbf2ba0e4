"""Every text the bot shows to clients and engineers, keyed by id. Nothing Russian lives elsewhere."""

from __future__ import annotations

CONSENT_VERSION = "2023-07-06"
PRIVACY_POLICY_URL = "http://www.twinpro.ru/files/policy.pdf"

TEXTS: dict[str, str] = {
    # --- greeting and menu
    "menu.greeting": (
        "Здравствуйте! Я бот технической поддержки ГК «ТвинПро».\n"
        "Напишите вопрос своими словами — постараюсь ответить сразу. "
        "Если ответа не найдётся, помогу оформить заявку инженерам.\n"
        "Поддержка бесплатна; инженеры работают с 8:00 до 17:00 (МСК) по рабочим дням."
    ),
    "menu.help": (
        "Что я умею:\n"
        "• отвечаю на вопросы о поддержке, ключах защиты HASP/Guardant и порядке работы;\n"
        "• оформляю заявку инженерам: «Оформить заявку»;\n"
        "• «назад» — вернуться на шаг, «пропустить» — пропустить необязательный вопрос, "
        "«отмена» — прервать оформление;\n"
        "• «Мои заявки» — что с вашими заявками;\n"
        "• «Подписаться на новости» / «Отписаться» — новости о выходе новых версий;\n"
        "• «Мои данные» — показать, что о вас хранится;\n"
        "• «Отозвать согласие» — удалить ваши персональные данные."
    ),
    "menu.ask_more": "Чем ещё могу помочь? Напишите вопрос или оформите заявку.",
    "menu.cancelled": "Оформление заявки прервано, введённое не сохранено. Чем ещё могу помочь?",
    "choice.hint": "Ответьте номером или словами.",
    "choice.new_ticket": "Оформить заявку",
    "choice.helped": "Помогло",
    "choice.another_question": "Задать другой вопрос",
    "choice.yes": "Да",
    "choice.no": "Нет",
    "choice.all_correct": "Да, всё верно",
    "choice.change": "Изменить",
    "choice.send": "Отправить заявку",
    "choice.cancel": "Отменить",
    "choice.skip": "Пропустить",
    # --- answers in the client's words (issue 14): not understood, «не знаю», a draft's cancellation
    "choice.not_understood": "Не понял ответ. Выберите один из вариантов:",
    "choice.not_understood_inline": "Не понял ответ. Выберите один из вариантов: {options}.",
    "choice.not_understood_again": "Не понял ответ.\n{prompt}",
    "draft.confirm_cancel": "Отменить заполнение заявки? Введённые данные будут удалены.",
    "draft.drop": "Да, отменить",
    "draft.keep": "Нет, продолжить",
    "draft.kept": "Хорошо, продолжаем.",
    "draft.in_progress": "Заявку мы уже заполняем — ответьте, пожалуйста, на вопрос ниже. Начать заново: «отмена».",
    "unknown.value": "не знает",
    "unknown.noted": "Хорошо, так и запишу: «не знает». {hint}",
    "unknown.hint.product_name": (
        "Название видно в заголовке окна программы и в меню «Справка» → «О программе». Найдёте — исправьте на шаге "
        "проверки заявки."
    ),
    "unknown.hint.product_version": (
        "Версию видно в самой программе: меню «Справка» → «О программе». Найдёте — исправьте на шаге проверки заявки."
    ),
    "unknown.hint.device_firmware": (
        "Версия прошивки обычно указана на наклейке прибора, а в конфигураторе её видно при подключении к прибору."
    ),
    "unknown.hint.os": (
        "Разрядность видно в Windows: «Параметры» → «Система» → «О программе», строка «Тип системы» "
        "(или клавиши Win+Pause)."
    ),
    "unknown.hint.key_number": (
        "Номер напечатан на корпусе ключа (маркировка производителя; есть на ключах, проданных после 01.01.2013)."
    ),
    "unknown.hint.device_date": "Дата производства указана на этикетке прибора и в его паспорте.",
    "unknown.hint.network": "Схему сети подскажет ваш системный администратор; её можно прислать инженеру позже.",
    "unknown.hint.hardware": "Процессор и память видно в Windows: «Параметры» → «Система» → «О программе».",
    "unknown.hint.antivirus": "Установленный антивирус обычно виден значком у часов или в «Безопасности Windows».",
    # --- FAQ
    "faq.answer": "{answer}\n\nЕсли это не то, что нужно, оформите заявку — инженер разберётся.",
    "faq.not_found": (
        "Не нашёл готового ответа на этот вопрос. Могу оформить заявку инженерам — ваш вопрос уже будет в описании."
    ),
    "faq.thanks": "Рад, что помог! Если появится ещё вопрос — пишите.",
    "faq.inline_then_reask": "{answer}\n\nПродолжим оформление заявки.",
    "faq.maybe_helps": "Возможно, поможет, пока оформляем заявку:\n{answer}",
    "faq.maybe_helps_question": "Возможно, поможет:\n{answer}",
    # --- a malfunction reported in the first message: the intake starts at once
    "report.taken": "Понял, оформлю заявку инженерам — ваше сообщение уже в её описании.",
    # a wish for new functionality in the first message: the intake of a wish starts at once
    "wish.taken": (
        "Понял: это пожелание — новая возможность в программе. Оформлю его заявкой, ваше сообщение уже в её описании."
    ),
    # a question on how to do something in our products, which no FAQ entry answers: a consultation starts at once
    "howto.taken": (
        "Это вопрос по работе с программой: на такие отвечают инженеры (консультации по функциональности, п. 3.3 "
        "регламента). Оформлю заявку-консультацию, ваш вопрос уже в её описании."
    ),
    "facts.noted": "Записал: {facts}.",
    "facts.product_version": "версия {value}",
    "facts.key_number": "ключ № {value}",
    "files.kept_for_ticket": "Файлов сохранено: {count} — приложу их к заявке.",
    "files.describe": "Опишите, что случилось, или нажмите «Оформить заявку».",
    # --- small talk at the menu
    "smalltalk.thanks": "Пожалуйста! Если появится ещё вопрос — пишите.",
    "smalltalk.bye": "Всего доброго! Если что-то понадобится — пишите в любое время.",
    "smalltalk.ack": "Хорошо. Если появится вопрос — напишите его или оформите заявку.",
    "smalltalk.emoji": "Если нужна помощь — напишите вопрос словами или оформите заявку.",
    "smalltalk.help": "Конечно, помогу. Напишите, что случилось или что хотите узнать, — или сразу оформите заявку.",
    # --- «позовите оператора»
    "person.asked": (
        "Я бот, а отвечают по заявкам инженеры поддержки — их ответ придёт сюда же. "
        "Поговорить с инженером сразу можно по телефону 8-800-25-00-846 (с 8:00 до 17:00 МСК по рабочим дням)."
    ),
    "person.named": (
        "Соединить с определённым сотрудником я не могу: заявку берёт инженер поддержки, и его ответ придёт сюда же. "
        "Если вы уже вели дело с кем-то из инженеров, напишите это в описании заявки. Поговорить с инженером сразу "
        "можно по телефону 8-800-25-00-846 (с 8:00 до 17:00 МСК по рабочим дням)."
    ),
    "facts.corrected": "Исправил: {label} — {value}.",
    # «номер как в телеграме» at the phone question: the bot sees no profile's number unless it is shared
    "contact.profile_unseen": (
        "Номер из профиля мессенджера мне не виден. Напишите его, пожалуйста, цифрами — например, +7 927 123-45-67."
    ),
    "contact.profile_unseen_button": (
        "Номер из профиля мессенджера мне не виден, пока вы им не поделитесь: нажмите кнопку «{button}» внизу "
        "или напишите номер цифрами — например, +7 927 123-45-67."
    ),
    "contact.email_instead": (
        "Можно и без телефона: напишите адрес электронной почты — инженер ответит на него.\n{prompt}"
    ),
    "contact.phone_for_callback": (
        "Для срочного обратного звонка нужен телефон. Если оставлять его не хотите, позвоните нам сами: "
        "8-800-25-00-846 (с 8:00 до 17:00 МСК по рабочим дням).\n{prompt}"
    ),
    "contact.profile_taken": "Записал номер, с которого вы пишете: {phone}.",
    # a phone or an e-mail given at a later question: joined to the contact, and the question asked again
    "contact.added": "Добавил к контактам: {contact}.\n{prompt}",
    # --- consent (Appendix 2)
    "consent.request": (
        "Чтобы оформить заявку, мне понадобятся ваши контактные данные (ФИО, телефон или e-mail).\n"
        "В соответствии с Федеральным законом № 152-ФЗ «О персональных данных» нажимая «Согласен», "
        "вы даёте ООО «ТвинПро» согласие на обработку персональных данных (сбор, хранение, "
        "уточнение, использование) исключительно в целях, указанных в Политике конфиденциальности: "
        "{policy_url}\n"
        "Согласие можно отозвать в любой момент, написав «Отозвать согласие»."
    ),
    "consent.agree": "Согласен",
    "consent.decline": "Не согласен",
    "consent.declined": (
        "Понимаю. Без согласия я не могу принять заявку и ничего о вас не сохраняю. "
        "Вы можете по-прежнему задавать вопросы, написать на help@twinpro.ru "
        "или позвонить 8-800-25-00-846."
    ),
    "consent.withdrawn": (
        "Согласие отозвано. Ваши персональные данные (ФИО, телефон, e-mail, организация, имя профиля) удалены "
        "из заявок, переписки и истории сообщений; техническое содержание заявок сохранено без привязки к вам. "
        "Для новой заявки понадобится новое согласие."
    ),
    "consent.unclear": (
        "Не понял ответа. Данные нужны только для того, чтобы инженер мог связаться с вами по заявке. "
        "Нажмите «Согласен», чтобы продолжить, или «Не согласен» — тогда я ничего о вас не сохраню."
    ),
    # a question at the consent, which the FAQ has no entry for («а без этого никак?»)
    "consent.why": (
        "Без согласия я не могу принять заявку: контакты нужны, чтобы инженер мог связаться с вами по ней, а хранить "
        "их закон (152-ФЗ) позволяет только с вашего согласия. Без заявки можно написать на help@twinpro.ru или "
        "позвонить 8-800-25-00-846."
    ),
    "consent.confirm_withdraw": (
        "Вы хотите отозвать согласие на обработку персональных данных? Я удалю ваши ФИО, телефон, e-mail "
        "и организацию отовсюду, где они хранятся; заявки останутся без них."
    ),
    "consent.withdraw_yes": "Да, отозвать",
    "consent.keep": "Нет, оставить",
    "consent.kept": "Хорошо, согласие остаётся в силе, ничего не удалено.",
    # --- «мои данные» (152-ФЗ, ст. 14)
    "mydata.nothing": (
        "Согласия на обработку персональных данных вы не давали, поэтому о вас ничего не хранится, "
        "кроме адреса этого чата, чтобы вам отвечать."
    ),
    "mydata.report": (
        "Что хранится о вас в поддержке ТвинПро:\n{lines}\n\n"
        "Данные используются только для работы по вашим заявкам. Чтобы удалить их, напишите «Отозвать согласие»."
    ),
    "mydata.consent": "• Согласие на обработку персональных данных: дано {date} (МСК), редакция {version}",
    "mydata.name": "ФИО",
    "mydata.phone": "Телефон",
    "mydata.email": "E-mail",
    "mydata.chat": "Мессенджер",
    "mydata.tickets": "Заявки",
    "status.open": "новая",
    "status.in_progress": "в работе",
    "status.closed": "закрыта",
    # --- proving that a new chat belongs to a client on file
    "verify.sent": (
        "Этот контакт уже есть у нас. Чтобы показать сохранённые данные, мы отправили код в ваш {channel} — "
        "пришлите его сюда. Если кода нет, нажмите «Пропустить» — продолжим как с новым клиентом."
    ),
    "verify.skip": "Пропустить",
    "verify.expect_code": "Пришлите 6-значный код из сообщения или нажмите «Пропустить».",
    "verify.ok": "Код верный, чат связан с вашими данными.",
    "verify.wrong": "Код не подошёл. Осталось попыток: {left}.",
    "verify.locked": "Слишком много неверных попыток. Продолжим оформление как с новым клиентом.",
    "verify.expired": "Срок действия кода истёк. Продолжим оформление как с новым клиентом.",
    "verify.skipped": "Хорошо, продолжим как с новым клиентом.",
    "verify.code_message": (
        "Код подтверждения поддержки ТвинПро: {code}\n"
        "Его запросили в {channel}, чтобы связать тот чат с вашими данными. Код действует 10 минут. "
        "Если это были не вы — ничего не делайте и никому не сообщайте код: без него никто не увидит ваших данных."
    ),
    "consent.nothing_to_withdraw": "Согласие на обработку персональных данных вы не давали — о вас ничего не хранится.",
    # --- ticket kind and criticality
    "kind.ask": "С чем вы обращаетесь? Выберите тип обращения:",
    "kind.problem": "Проблема в работе",
    "kind.consultation": "Консультация",
    "kind.license": "Ключ защиты (HASP/Guardant)",
    "kind.wish": "Пожелание или доработка",
    "kind.unknown": (
        "Ничего страшного: напишите своими словами, что случилось или что нужно, — я определю сам. "
        "Или выберите тип обращения:"
    ),
    "kind.wish_note": (
        "Пожелания и запросы на новые модули принимаются как техническое задание. "
        "Срок и стоимость определяются в течение 10 рабочих дней после оценки возможности доработки "
        "(п. 4.14 регламента)."
    ),
    "field.possible_same_client.label": "Возможно, тот же клиент (контакт совпадает, не подтверждён)",
    "crit.ask": "Насколько это критично?",
    "crit.stopped": "Система остановлена",
    "crit.partial": "Работает частично",
    "crit.question": "Вопрос, не срочно",
    # --- returning client
    "returning.offer": "У нас уже есть ваши данные:\n{summary}\n\nВсё верно?",
    # a change written in words at «Всё верно?» («город поменялся, теперь Тольятти»)
    "returning.updated": "Обновил: {changes}. Остальное оставил как было.",
    "returning.where_from": (
        "Это данные из ваших прошлых заявок в этом чате — вы указывали их сами. Всё, что о вас хранится, покажу "
        "по команде «Мои данные»; удалить их — «Отозвать согласие»."
    ),
    "returning.what_changed": (
        "Что изменилось? Выберите пункт или напишите новое значение, например: «город — Тольятти»."
    ),
    "returning.all_changed": "Всё изменилось",
    "returning.rest_kept": "Хорошо, остальное оставил как было.",
    "returning.refused": "Новое значение не принял ({label}): {reason}",
    # --- intake walker
    "intake.optional_hint": "(необязательно — можно написать «пропустить»)",
    "intake.example": "Например: {example}",
    "intake.invalid": "Не получилось принять ответ: {reason}\n{prompt}",
    "intake.not_optional": "Этот пункт обязателен, пропустить его нельзя.\n{prompt}",
    "intake.text_expected": "На этот вопрос нужен ответ текстом.\n{prompt}",
    "intake.attachment_kept": "Файл сохранил, приложу к заявке. А сейчас ответьте текстом, пожалуйста.\n{prompt}",
    "intake.small_talk.thanks": "Пожалуйста! Продолжим оформление заявки.\n{prompt}",
    "intake.small_talk.greeting": "Здравствуйте! Продолжим оформление заявки.\n{prompt}",
    "intake.small_talk.ack": "Хорошо. Продолжим оформление заявки.\n{prompt}",
    # «Бастион-3» at the version question: the product, not its version
    "intake.product_noted": "Записал продукт: {product}.\n{prompt}",
    # «зачем вам мой телефон?» at a question
    "intake.why.contacts": (
        "Контакты нужны, чтобы инженер мог связаться с вами по заявке: их требует регламент техподдержки "
        "(Приложение 1, п. 1). Используем их только для работы по заявке и с вашего согласия (152-ФЗ); отозвать его "
        "можно в любой момент словами «Отозвать согласие».\n{prompt}"
    ),
    "intake.why.other": (
        "Эти сведения требует регламент техподдержки (Приложение 1): без них инженеру не разобраться, и решение "
        "заявки может задержаться (п. 4.12).\n{prompt}"
    ),
    # more of the trouble written at a question of names: kept in the description
    "intake.added_to_description": "Добавил это к описанию заявки.\n{prompt}",
    "intake.small_talk.help": "Помогу: для этого и оформляем заявку, инженер разберётся.\n{prompt}",
    "intake.small_talk.bye": (
        "Заявка ещё не отправлена. Чтобы её отправить, ответьте, пожалуйста, на вопрос; прервать — «отмена».\n{prompt}"
    ),
    "intake.not_found_above": (
        "В ваших сообщениях ответа на этот вопрос я не нашёл — всё, что нашёл, уже записал. "
        "Напишите, пожалуйста, ещё раз.\n{prompt}"
    ),
    "intake.fed_up": (
        "Понимаю, вопросов много: обязательных осталось {left}. Ответы нужны инженеру, чтобы взяться за работу сразу, "
        "не перезванивая вам с уточнениями. Удобнее голосом — звоните 8-800-25-00-846 (с 8:00 до 17:00 МСК "
        "по рабочим дням).\n{prompt}"
    ),
    "intake.at_first_step": "Это первый вопрос, назад идти некуда.\n{prompt}",
    "intake.stale_choice": "Эта кнопка относится к другому шагу. Вернёмся к текущему вопросу.\n{prompt}",
    # --- the intake in one message (e-mail)
    "form.header": "Чтобы инженер мог взяться за работу, ответьте, пожалуйста, на вопросы ниже одним письмом:",
    "form.footer": (
        "Пишите номер пункта, точку и ответ, каждый пункт с новой строки, например «3. Самара». "
        "Необязательные пункты можно пропустить."
    ),
    "form.options": "Варианты: {options}.",
    "form.optional": "(необязательно)",
    "form.files": "{label}: приложите их к письму (необязательно).",
    "form.required": "нужен ответ",
    "form.problems": "Не всё получилось принять:\n{problems}\n\n{form}",
    "form.group_header": (
        "Несколько необязательных вопросов о вашей системе. Ответьте одним сообщением, "
        "номер пункта перед ответом, или нажмите «Пропустить»:"
    ),
    "form.group_footer": "Например: «1. Kaspersky 12» и с новой строки «4. 3 ПК: сервер и 2 рабочих места».",
    "form.read_in_words": "Записал: {items}.",
    "form.rest_skipped": "Остальные пункты пропустил.",
    "intake.phone_taken": "Номер {phone} записал как телефон для связи.",
    "form.unnumbered": "Не понял, к каким пунктам относятся ответы: поставьте номер пункта перед каждым ответом.",
    "intake.unsupported": "Такие сообщения ({what}) я не могу обработать. Пожалуйста, ответьте текстом.\n{prompt}",
    "intake.files_received": "Получено файлов: {count}. Пришлите ещё или отправьте заявку.",
    "intake.bad_image_format": (
        "Файл «{name}» не подходит как скриншот: принимаются только JPG, GIF или PNG. "
        "Пересохраните изображение в одном из этих форматов и пришлите снова."
    ),
    "intake.file_blocked": (
        "Файл «{name}» не принимаю: исполняемые файлы не пересылаются. "
        "Скриншоты — в JPG, GIF или PNG, логи — текстом или в архиве."
    ),
    "intake.file_too_large": (
        "Файл «{name}» слишком большой (больше {limit_mb} МБ). Пришлите файл поменьше или архивом."
    ),
    # --- validation reasons
    "invalid.empty": "пустой ответ.",
    "invalid.no_letters": "в ответе нет ни букв, ни цифр.",
    "invalid.too_long": "слишком длинный текст (больше {limit} символов). Сократите или пришлите подробности файлом.",
    "invalid.phone_or_email": "это не похоже ни на телефон, ни на e-mail.",
    "invalid.phone": "номер телефона не распознан.",
    "invalid.email": "адрес e-mail не распознан.",
    "invalid.name": "укажите фамилию и имя буквами.",
    # a phone typed alone where a name is asked
    "invalid.version_for_name": "это похоже на номер версии, а не на {expected}.",
    "invalid.letters_needed": "напишите {expected} буквами.",
    "invalid.needed": "без этого заявку не принять: напишите {expected}.",
    "invalid.contact_for_name": "это похоже на {contact}, а не на {expected}.",
    "invalid.contact.phone": "номер телефона",
    "invalid.contact.email": "адрес e-mail",
    "invalid.name_of.organization": "название организации",
    "invalid.name_of.city": "название города",
    "invalid.name_of.contact_name": "фамилию и имя",
    "invalid.name_of.product_name": "название продукта",
    "invalid.name_of.device_name": "название прибора",
    "invalid.product_for_version": "это название продукта, а не номер версии.",
    "invalid.version": "в версии должны быть цифры. Если не знаете её, так и напишите: «не знаю».",
    "invalid.os": (
        "это не похоже на операционную систему: напишите её название и разрядность. Если не знаете, напишите «не знаю»."
    ),
    "invalid.os_bitness": "укажите разрядность системы (32 или 64 бита). Если не знаете, напишите «не знаю».",
    "invalid.number": "нужно число.",
    "invalid.year": "укажите хотя бы год производства (четыре цифры). Если не знаете, напишите «не знаю».",
    "invalid.choice": "выберите один из вариантов: {options}.",
    "invalid.callback_phone": "для срочного обратного звонка нужен номер телефона, а не e-mail.",
    # --- summary
    "summary.header": "Проверьте заявку ({kind}):",
    "summary.footer": "Чтобы исправить пункт, пришлите его номер. Если всё верно — «Отправить заявку».",
    "summary.files": "Вложения: {count}",
    "summary.no_such_item": "Пункта с номером {number} нет. Пришлите номер от 1 до {count}.",
    "summary.empty_value": "—",
    # --- ticket
    "ticket.opened": (
        "Заявка {number} зарегистрирована. Приоритет: {priority}.\n"
        "Инженер ответит не позднее {deadline} (МСК) — время реакции до одного рабочего дня."
    ),
    "ticket.opened_off_hours": (
        "Сейчас нерабочее время: инженеры вернутся {back}. Заявка уже зарегистрирована и ждёт их в очереди."
    ),
    "ticket.critical_note": (
        "Критичные обращения обрабатываются вне очереди (п. 4.10). Спрошу только то, что нужно инженеру "
        "для срочного звонка; остальное — после регистрации заявки. Быстрее всего — по телефону 8-800-25-00-846."
    ),
    "ticket.critical_note_off_hours": (
        "Критичные обращения обрабатываются вне очереди (п. 4.10). Сейчас нерабочее время: инженеры и телефон "
        "8-800-25-00-846 будут доступны {back}. Спрошу только то, что нужно для обратного звонка, и сразу "
        "зарегистрирую заявку — инженеры увидят её первой."
    ),
    "followup.intro_off_hours": (
        "Пока инженеры не вернулись, ответьте, пожалуйста, ещё на несколько вопросов — ответы добавлю в заявку, "
        "и инженеру не придётся уточнять их по телефону."
    ),
    "followup.intro": (
        "Пока инженер связывается с вами, ответьте, пожалуйста, ещё на несколько вопросов — "
        "ответы добавлю в заявку. Срочно: 8-800-25-00-846."
    ),
    "followup.done": (
        "Спасибо, всё добавлено в заявку {number}. Скриншоты или лог-файлы можно прислать сюда — "
        "они тоже попадут в заявку."
    ),
    "followup.stopped": (
        "Хорошо, больше вопросов не задаю: заявка {number} открыта, остальное инженер уточнит сам. "
        "Сообщения, которые вы напишете сюда, попадут в заявку."
    ),
    # the questions after a critical ticket opened, left before the last one: what the ticket says of each unasked item
    "followup.not_given": "не указано: клиент не ответил",
    "followup.pending": "уточняется у клиента",
    "followup.left": "Остальные вопросы по заявке {number} пропущу — инженер уточнит сам.",
    "followup.left_for_new": (
        "Заявка {number} остаётся открытой, остальное инженер уточнит сам. Оформим новую заявку."
    ),
    "ticket.message_added": "Добавил сообщение к заявке {number}. Инженер увидит его.",
    "ticket.thanks_added": "Пожалуйста! Передал и это инженеру по заявке {number}.",
    "ticket.email_answers_on": (
        "Хорошо: ответы инженеров по заявке {number} будут приходить и на {address}, письмом. "
        "Если адрес другой, напишите его в этот чат."
    ),
    "ticket.email_answers_no_address": (
        "Адреса электронной почты в заявке {number} нет. Напишите его здесь — инженер увидит и ответит письмом."
    ),
    "ticket.email_answers_off": "Ответы письмом сейчас не отправляются — инженер ответит здесь.",
    "ticket.engineer_assigned": "Вашей заявкой {number} занимается инженер {engineer}.",
    "ticket.closed": "Заявка {number} закрыта.",
    "ticket.closed_rating_later": (
        "Заявка {number} закрыта. Оценить работу по ней предложим, когда закончите с текущим вопросом — продолжайте."
    ),
    "ticket.reopened": "Заявка {number} снова открыта, инженер продолжит работу.",
    "rating.ask": "Оцените, пожалуйста, работу поддержки по заявке {number}: от 1 (плохо) до 5 (отлично).",
    "rating.invalid": "Пришлите оценку числом от 1 до 5.",
    "rating.comment_ask": "Спасибо! Хотите добавить комментарий? Напишите его или нажмите «Пропустить».",
    "rating.thanks": "Спасибо за оценку! Если понадобится помощь — пишите.",
    # --- priorities
    "priority.critical": "критический",
    "priority.high": "высокий",
    "priority.normal": "обычный",
    "priority.low": "низкий",
    # --- channels (for engineers)
    "channel.telegram": "Telegram",
    "channel.viber": "Viber",
    "channel.whatsapp": "WhatsApp",
    "channel.console": "консольный чат",
    "channel.email": "e-mail",
    # --- unsupported content
    "unsupported.sticker": "стикер",
    "unsupported.voice": "голосовое сообщение",
    "unsupported.location": "геопозиция",
    "unsupported.video": "видео",
    "unsupported.other": "этот тип сообщений",
    # --- Viber
    "viber.welcome": (
        "Здравствуйте! Это бот технической поддержки ГК «ТвинПро».\n"
        "Напишите вопрос своими словами или нажмите «Оформить заявку»."
    ),
    "viber.share_phone": "📱 Отправить мой номер",
    "viber.sender_with_author": "{author} · {bot}",
    # --- WhatsApp
    "whatsapp.author": "*{author}*, инженер поддержки:",
    "whatsapp.answer_in_words": "Ответьте словами: {options}",
    "whatsapp.invitation": (
        "Здравствуйте! По вашей заявке {number} есть ответ инженера ТвинПро. "
        "Напишите любое сообщение, чтобы его получить."
    ),
    "whatsapp.window_closed": (
        "⏳ Заявка {number}: клиент не писал в WhatsApp больше 24 часов, свободный текст WhatsApp не пропустит. "
        "Ответ сохранён и уйдёт, как только клиент напишет. Шаблон-приглашение не настроен (TWILIO_CONTENT_SID): "
        "если дело срочное, свяжитесь с клиентом по телефону или e-mail."
    ),
    "whatsapp.window_closed_invited": (
        "⏳ Заявка {number}: клиент не писал в WhatsApp больше 24 часов. "
        "Ответ сохранён и уйдёт, как только клиент напишет; клиенту отправлено приглашение по шаблону."
    ),
    # --- Telegram client chat
    "telegram.share_contact": "📱 Отправить мой номер",
    "telegram.author": "{author}, инженер поддержки:",
    "telegram.file_unavailable": "📎 Файл «{name}» переслать не удалось.",
    # --- engineers' group (Telegram)
    "staff.card.header": "Заявка {number}",
    "staff.card.kind": "Тип",
    "staff.card.priority": "Приоритет",
    "staff.card.deadline": "Реакция до",
    "staff.card.deadline_value": "{deadline} (МСК)",
    "staff.card.channel": "Канал",
    "staff.card.attachments": "Вложений: {count}, они ниже.",
    "staff.card.hint_topic": (
        "Сообщение в этой теме уйдёт клиенту. «//» или /note в начале — внутренняя заметка. "
        "Команды: /take, /priority, /close, /reopen; /t — шаблоны ответов."
    ),
    "staff.card.hint_reply": (
        "Чтобы ответить клиенту, ответьте (reply) на эту карточку. «//» или /note в начале — внутренняя заметка. "
        "Команды в ответе на карточку: /take, /priority, /close, /reopen."
    ),
    "staff.topic.no_organization": "без организации",
    "staff.button.take": "Взять",
    "staff.button.priority": "Приоритет",
    "staff.button.close": "Закрыть",
    "staff.client_wrote": "💬 Клиент:",
    "staff.client_unreachable": "⚠️ Клиент недоступен: заблокировал бота или удалил чат. Ответы ему не доставляются.",
    "staff.consent_withdrawn": (
        "🔒 Клиент отозвал согласие на обработку персональных данных: телефон, e-mail, ФИО и организация "
        "удалены из заявки и переписки. Ответы клиенту по-прежнему доставляются в его чат."
    ),
    "staff.delivery_failed": "⚠️ Сообщение клиенту не доставлено после нескольких попыток.",
    "staff.taken": "✅ Заявку {number} взял(а) {engineer}, клиенту сообщено.",
    "staff.choose_priority": "Выберите приоритет заявки {number}:",
    "staff.priority_set": "Приоритет заявки {number}: {priority}.",
    "staff.priority_usage": (
        "Укажите приоритет: /priority critical, high, normal или low (или: критический, высокий, обычный, низкий)."
    ),
    "staff.closed": "🔒 Заявка {number} закрыта, клиента попросили оценить работу.",
    "staff.reopened": "🔓 Заявка {number} снова открыта.",
    "staff.not_relayed": "Такое сообщение клиенту не пересылается: отправьте текст, фото или документ.",
    # --- undelivered messages (dead letters): the operator's command line
    "cli.outbox_retry.usage": "Укажите номер сообщения или --all.",
    "cli.outbox_retry.not_dead": "Сообщения {id} нет среди недоставленных.",
    "cli.outbox_retry.done": "Снова в очереди: {count}. Их доставит работающий сервис (serve или worker).",
    # --- E-mail (help@twinpro.ru)
    "email.subject": "Техническая поддержка ГК «ТвинПро»",
    "email.bot_name": "ТвинПро Поддержка",
    "email.sender_with_author": "{author} · {bot}",
    "email.answer_in_words": "Ответьте на это письмо словами: {options}",
    "email.file_link": "Файл «{name}»: {url}",
    "email.signature": (
        "Техническая поддержка ГК «ТвинПро»\nОтветьте на это письмо, чтобы продолжить. Телефон: 8-800-25-00-846"
    ),
    "email.signature_engineer": "{author}, инженер технической поддержки ГК «ТвинПро»\nТелефон: 8-800-25-00-846",
    # --- issue 15 · working hours and the client's own requests (helper: client side)
    "hours.back_at": "{weekday}, {date}, с 8:00 МСК",
    "hours.in_0_days": "сегодня",
    "hours.in_1_days": "завтра",
    "hours.weekday.0": "в понедельник",
    "hours.weekday.1": "во вторник",
    "hours.weekday.2": "в среду",
    "hours.weekday.3": "в четверг",
    "hours.weekday.4": "в пятницу",
    "hours.weekday.5": "в субботу",
    "hours.weekday.6": "в воскресенье",
    # «вы сейчас работаете?», «завтра работаете?»
    "hours.open_now": "Да, сейчас рабочее время: инженеры на связи до 17:00 МСК. Напишите вопрос или оформите заявку.",
    "hours.open_tomorrow": "Да, завтра, {date}, рабочий день: инженеры на связи с 8:00 до 17:00 МСК.",
    "hours.closed_tomorrow": (
        "Нет, завтра, {date}, нерабочий день: инженеры вернутся {back}. Заявку можно оставить уже сейчас — "
        "она будет зарегистрирована и дождётся их."
    ),
    "hours.away_greeting": (
        "Сейчас нерабочее время: инженеры вернутся {back}. Заявку можно оставить уже сейчас — "
        "она будет зарегистрирована и дождётся их."
    ),
    "news.offer": (
        "Хотите получать новости о выходе новых версий и новых возможностях продуктов ТвинПро (п. 4.8 регламента)? "
        "Отписаться можно в любой момент словом «Отписаться»."
    ),
    "news.yes": "Да, подписаться",
    "news.no": "Нет, спасибо",
    "news.subscribed": (
        "Готово: вы подписаны на новости о новых версиях продуктов ТвинПро. Чтобы отказаться, напишите «Отписаться»."
    ),
    "news.already_subscribed": "Вы уже подписаны на новости о новых версиях. Чтобы отказаться, напишите «Отписаться».",
    "news.unsubscribed": "Вы отписаны от новостей о новых версиях. Подписаться снова — «Подписаться на новости».",
    "news.not_subscribed": "Вы не подписаны на новости о новых версиях. Подписаться — «Подписаться на новости».",
    "news.declined": "Хорошо, новости присылать не будем. Передумаете — напишите «Подписаться на новости».",
    "news.how": (
        "Новости о выходе новых версий приходят только тем, кто подписался. "
        "Напишите «Подписаться на новости» или «Отписаться»."
    ),
    "news.needs_consent": (
        "Для рассылки нужно ваше согласие на обработку персональных данных: мы будем хранить адрес этого чата "
        "и время подписки. Как только согласие будет дано, я подпишу вас."
    ),
    "news.consent_declined": (
        "Понимаю. Без согласия на обработку персональных данных подписать вас на новости я не могу; "
        "о новых версиях также можно узнать на сайте www.twinpro.ru."
    ),
    "mydata.news": "Новости о новых версиях",
    "mydata.news_on": "подписаны с {date} (МСК)",
    "mydata.news_off": "не подписаны",
    "requests.list": "Ваши открытые заявки:\n{lines}",
    "requests.one": "Заявка {line}",
    "requests.line": "{number} — {status}, {engineer}.{reaction}",
    "requests.engineer": "инженер {name}",
    "requests.not_taken": "ещё не взята",
    "requests.due": " Ответ инженера — не позднее {deadline} (МСК).",
    "requests.answered": " Инженер уже откликнулся.",
    "requests.waiting_none_open": (
        "В этом чате открытых заявок нет. Если вы писали на help@twinpro.ru или звонили, ответ придёт туда же: "
        "максимальное время реакции — 1 рабочий день (п. 4.7 регламента). Если заявку ещё не оформляли, я помогу "
        "это сделать."
    ),
    "requests.none_open": "Открытых заявок у вас нет. Если нужна помощь — напишите вопрос или оформите заявку.",
    "requests.not_found": (
        "Не нашёл такой заявки среди ваших. Проверьте номер: он пришёл в сообщении о регистрации "
        "(например, TP-00042). Вот ваши заявки, которые сейчас открыты:"
    ),
    "requests.not_found_none_open": (
        "Не нашёл такой заявки среди ваших. Проверьте номер: он пришёл в сообщении о регистрации (например, TP-00042)."
    ),
    # --- issue 15 · one request across channels (helper: same request)
    "same_request.ask_elsewhere": (
        "У вас уже есть открытая заявка {number} — вы писали нам через {channel}. Это сообщение по ней?"
    ),
    "same_request.ask_here": "Это по заявке {number} или новая заявка?",
    "same_request.yes_elsewhere": "Да, по заявке {number}",
    "same_request.no_elsewhere": "Нет, новая заявка",
    "same_request.this_one": "По этой заявке",
    "same_request.new_one": "Новая заявка",
    "same_request.joined": (
        "Добавил ваше сообщение к заявке {number}: инженеры её уже видят. Дублировать заявку в других каналах связи "
        "не нужно (п. 4.13 регламента) — это не ускоряет решение. Ответ инженера придёт туда, откуда вы написали "
        "последним."
    ),
    "same_request.staff_client_wrote_via": "💬 Клиент ({channel}):",
    # --- issue 15 · deadlines, topic titles, queue, critical alerts (helper: deadlines)
    "status.waiting": "ждёт ответа клиента",
    "staff.topic.escalated": "⏰ ПРОСРОЧЕНА",
    "staff.reminder": (
        "⏰ До срока реакции по заявке {number} осталось {left} рабочего времени (до {deadline} МСК), "
        "а клиенту ещё не ответили."
    ),
    "staff.escalated": (
        "🚨 Срок реакции истёк: заявка {number} ({priority}, {kind}) без ответа {unanswered} (поступила {created} МСК)."
    ),
    "staff.critical_alert": (
        "🔴 Критическая заявка {number} ({kind}): система остановлена, нужна экстренная помощь. "
        "Реакция до {deadline} МСК."
    ),
    "staff.mention.lead": "руководитель",
    "staff.mention.on_duty": "дежурный",
    "staff.queue.header": "Очередь: открытых заявок {count}",
    "staff.queue.empty": "Открытых заявок нет.",
    "staff.queue.line": "{number} · {priority} · {kind} · {engineer} · {due}",
    "staff.queue.not_taken": "не взята",
    "staff.queue.left": "осталось {left}",
    "staff.queue.overdue": "просрочена на {late}",
    "staff.queue.answered": "ответ дан",
    "staff.queue.more": "и ещё {count}",
    "duration.days": "{days} д",
    "duration.hours": "{hours} ч",
    "duration.minutes": "{minutes} мин",
    # --- issue 15 · release announcements (helper: announcements)
    "announce.message": "📣 Новости ТвинПро: {text}\n\nЧтобы не получать новости, напишите «Отписаться».",
    "announce.usage": "Напишите текст новости после команды: /announce Вышла версия 5.2 …",
    "announce.leads_only": "Рассылку новостей клиентам отправляет руководитель поддержки. Попросите его, пожалуйста.",
    "announce.confirm": "Получателей новости (подписчиков): {count}. Текст рассылки:\n\n{text}\n\nОтправить?",
    "announce.button_send": "✅ Отправить",
    "announce.button_cancel": "✖️ Отмена",
    "announce.started": "📣 Рассылка запущена: получателей {count}. Итоги сообщу здесь.",
    "announce.already": "Эта рассылка уже отправлена (получателей {count}), второй раз она не уйдёт.",
    "announce.cancelled": "Рассылка отменена, клиентам ничего не отправлено.",
    "announce.gone": "Не вижу текста рассылки: отправьте команду /announce ещё раз.",
    "announce.progress": "📣 Рассылка «{title}» идёт: доставлено {delivered} из {recipients}, не доставлено {failed}.",
    "announce.finished": (
        "📣 Рассылка «{title}» завершена: доставлено {delivered} из {recipients}, не доставлено {failed}."
    ),
    # --- issue 15 · reply templates (helper: templates and metrics)
    "templates.greeting": "Здравствуйте!",
    "templates.greeting_named": "Здравствуйте, {name}!",
    "templates.list": "Шаблоны ответов — /t ИМЯ отправит текст клиенту:\n{items}",
    "templates.item": "{name} — {title}",
    "templates.unknown": "Шаблона «{name}» нет.",
    "templates.unknown_close": "Шаблона «{name}» нет. Может быть, {closest}?",
    "templates.sent": "Клиенту отправлен шаблон «{name}»:\n\n{text}",
    # --- issue 16 · web desk: login, tickets, actions (helper: desk)
    "desk.brand": "ТвинПро · техподдержка",
    "desk.nav.tickets": "Заявки",
    "desk.nav.reports": "Отчёты",
    "desk.nav.logout": "Выход",
    "desk.login.title": "Вход для сотрудников",
    "desk.login.login": "Логин",
    "desk.login.password": "Пароль",
    "desk.login.submit": "Войти",
    "desk.login.failed": "Неверный логин или пароль.",
    "desk.login.too_many": "Слишком много попыток, подождите",
    "desk.forbidden": "Форма устарела: обновите страницу и повторите.",
    "desk.filter.any": "все",
    "desk.filter.status": "Статус",
    "desk.filter.channel": "Канал",
    "desk.filter.kind": "Тип",
    "desk.filter.priority": "Приоритет",
    "desk.filter.deadline": "Срок реакции",
    "desk.filter.engineer": "Инженер",
    "desk.filter.text": "Поиск: номер, организация, описание",
    "desk.filter.apply": "Показать",
    "desk.filter.reset": "Сбросить",
    "desk.deadline.overdue": "просрочена",
    "desk.deadline.burning": "горит",
    "desk.deadline.on_time": "в срок",
    "desk.list.found": "Найдено: {count}",
    "desk.list.empty": "Ничего не найдено.",
    "desk.list.page": "Страница {page} из {pages}",
    "desk.list.previous": "← Назад",
    "desk.list.next": "Дальше →",
    "desk.list.created": "Создана",
    "desk.list.subject": "Описание",
    "desk.ticket.title": "Заявка {number}",
    "desk.ticket.engineer": "Инженер",
    "desk.ticket.not_taken": "не взята",
    "desk.ticket.consent": "Согласие на обработку ПДн",
    "desk.ticket.consent_given": "дано {date}",
    "desk.ticket.consent_withdrawn": "отозвано {date}, данные обезличены",
    "desk.ticket.consent_none": "не дано",
    "desk.ticket.rating": "Оценка",
    "desk.ticket.no_rating": "нет",
    "desk.ticket.fields": "Данные заявки (Приложение 1)",
    "desk.ticket.transcript": "Переписка",
    "desk.ticket.files": "Файлы заявки",
    "desk.ticket.file_missing": "файл не сохранён",
    "desk.direction.in": "клиент",
    "desk.direction.out": "бот",
    "desk.direction.staff": "инженер",
    "desk.direction.note": "заметка",
    "desk.action.take": "Взять",
    "desk.action.reply": "Ответить клиенту",
    "desk.action.note": "Добавить заметку",
    "desk.action.close": "Закрыть",
    "desk.action.reopen": "Открыть снова",
    "desk.action.priority": "Сменить приоритет",
    "desk.flash.take": "Заявка взята, клиенту сообщено.",
    "desk.flash.reply": "Ответ отправлен клиенту.",
    "desk.flash.note": "Заметка добавлена.",
    "desk.flash.close": "Заявка закрыта, клиента попросили оценить работу.",
    "desk.flash.reopen": "Заявка снова открыта.",
    "desk.flash.priority": "Приоритет изменён.",
    "desk.flash.repeated": "Это уже сделано: повторная отправка формы ничего не изменила.",
    "desk.flash.empty": "Пустой текст не отправлен.",
    "cli.desk_user.created": "Пользователь {login} создан.",
    "cli.desk_user.reset": "Пароль пользователя {login} изменён, его сеансы завершены.",
    "cli.desk_user.too_short": "Пароль слишком короткий: нужно не меньше {min} символов.",
    # --- issue 16 · web desk: reports (helper: reports)
    "desk.reports.title": "Отчёты",
    "desk.reports.from": "С",
    "desk.reports.to": "По",
    "desk.reports.bad_date": "Дата не распознана: показаны последние {days} дн.",
    "desk.reports.bad_period": "Период должен идти вперёд и быть не длиннее {max} дн.: показаны последние {days} дн.",
    "desk.reports.scope": "Заявки, созданные с {first} по {last}: {total}",
    "desk.reports.per_day": "Заявки по дням и каналам",
    "desk.reports.per_day.desc": "Заявок: {total} за {days} дн.; столбец — день, цвет — канал.",
    "desk.reports.reaction": "Первая реакция инженера, в рабочих часах",
    "desk.reports.reaction.desc": "Отвечено: {answered}, в срок: {on_time}; столбец — число ответов за такое время.",
    "desk.reports.bucket.upto": "до {hours} ч",
    "desk.reports.bucket.between": "{low}–{high} ч",
    "desk.reports.bucket.later": "позже {hours} ч",
    "desk.reports.share": "В срок",
    "desk.reports.average": "Среднее время реакции",
    "desk.reports.waiting": "Ещё без ответа",
    "desk.reports.missed": "Просрочена реакция",
    "desk.reports.missed.all": "Все просроченные в реестре",
    "desk.reports.missed.none": "Просрочек нет.",
    "desk.reports.csat": "Оценки клиентов",
    "desk.reports.csat.desc": "Оценок: {rated}; столбец — сколько раз поставили 1, 2, 3, 4 и 5.",
    "desk.reports.csat.average": "Средняя оценка",
    "desk.reports.csat.rated": "оценок: {rated}",
    "desk.reports.csat.none": "Оценок за период нет.",
    "desk.reports.faq": "Ответы базы знаний",
    "desk.reports.faq.helpful": "Помогло",
    "desk.reports.faq.unhelpful": "Не помогло",
    "desk.reports.faq.unanswered": "Ответа не нашлось",
    "desk.reports.questions": "Частые вопросы без ответа",
    "desk.reports.questions.none": "Вопросов без ответа нет.",
    "desk.reports.no_data": "За период ничего нет.",
    # --- issue 16 · intake as a web form (helper: form)
    "webform.offer_button": "Заполнить форму",
    "webform.offer_link": "Удобнее заполнить всё сразу? Заполните форму: {url}\nСсылка действует 24 часа.",
    "webform.title": "Заявка в техподдержку ТвинПро",
    "webform.intro": "Заполните поля — заявка откроется сразу, подтверждение придёт в ваш мессенджер.",
    "webform.kind": "Тип обращения",
    "webform.criticality": "Насколько это срочно?",
    "webform.choose_kind": "Далее",
    "webform.optional": "необязательно",
    "webform.example": "Например: {example}",
    "webform.unknown_hint": "Если не знаете — напишите «не знаю».",
    "webform.when_device": "Заполните, если обращение связано с прибором",
    "webform.files_hint": "JPG, PNG, GIF или лог-файлы, до {limit_mb} МБ каждый.",
    "webform.consent_label": "Согласен на обработку персональных данных",
    "webform.consent_required": "Без согласия на обработку персональных данных заявку принять нельзя.",
    "webform.choose": "Выберите вариант",
    "webform.submit": "Отправить заявку",
    "webform.has_errors": "Проверьте отмеченные поля.",
    "webform.sent_title": "Заявка отправлена",
    "webform.sent": "Спасибо! Номер заявки и срок ответа отправлены вам в мессенджер.",
    "webform.transcript": "[заявка заполнена в веб-форме]",
    "webform.telegram_wait": "Открываем форму…",
    "webform.telegram_only": "Откройте форму кнопкой «Заполнить форму» в чате с ботом в Telegram.",
    "webform.refused_title": "Форма недоступна",
    "webform.link_used": "По этой ссылке заявка уже отправлена. Чтобы открыть новую, напишите боту в мессенджере.",
    "webform.link_expired": "Срок действия ссылки истёк. Напишите боту в мессенджере — он пришлёт новую.",
    "webform.link_forged": "Ссылка недействительна. Откройте форму из чата с ботом.",
    "webform.telegram_forged": "Не удалось подтвердить, что форма открыта из Telegram. Откройте её из чата с ботом.",
}


def t(key: str, **values: object) -> str:
    """The catalogue text ``key`` with ``values`` filled in. A missing key is a programming error."""
    text = TEXTS[key]
    return text.format(**values) if values else text


# the button that shares the client's own number, on the channels whose adapters show one with a phone question
def channel_key(channel: str) -> str:
    """The key of the text naming a channel to people («Viber», «консольный чат»); every registered channel has one."""
    return f"channel.{channel}"


FIELD_TEXTS: dict[str, str] = {
    "field.organization.label": "Организация",
    "field.organization.prompt": "Как называется ваша организация?",
    "field.organization.example": "ООО «Охрана-Сервис»",
    "field.city.label": "Город",
    "field.city.prompt": "В каком городе находится объект?",
    "field.city.example": "Самара",
    "field.contact_name.label": "Контактное лицо",
    "field.contact_name.prompt": "Фамилия и имя контактного лица?",
    "field.contact_name.example": "Иванов Пётр",
    "field.contact.label": "Телефон или e-mail",
    "field.contact.prompt": "Контактный телефон (с кодом города) или адрес электронной почты?",
    "field.contact.prompt.critical": "Телефон для срочного обратного звонка (с кодом города)?",
    "field.contact.example.critical": "+7 846 123-45-67",
    "field.contact.example": "+7 846 123-45-67 или ivanov@example.ru",
    "field.product_name.label": "Продукт",
    "field.product_name.prompt": "Какой программный продукт (или прибор) вызывает вопрос?",
    "field.product_name.prompt.wish": "Какой продукт вы хотите доработать?",
    "field.product_name.prompt.license": "Для какого продукта ключ защиты?",
    "field.product_name.example": "АПК «Бастион-3»",
    "field.product_version.label": "Версия продукта",
    "field.product_version.prompt": "Полная версия продукта (её видно в окне «О программе»)?",
    "field.product_version.example": "3.1.14.2789",
    "field.os.label": "Операционная система",
    "field.os.prompt": "Операционная система сервера и рабочих мест: название, разрядность, версия / сервис-пак?",
    "field.os.example": "Windows Server 2019 Standard 64-бит, сборка 1809",
    "field.antivirus.label": "Антивирус и брандмауэры",
    "field.antivirus.prompt": "Какие антивирусы и брандмауэры установлены?",
    "field.antivirus.example": "Kaspersky Endpoint Security 12, брандмауэр Windows включён",
    "field.hardware.label": "Аппаратная конфигурация",
    "field.hardware.prompt": "Аппаратная конфигурация ПК (процессор, память, диски)?",
    "field.hardware.example": "Intel Core i5-10400, 16 ГБ ОЗУ, SSD 512 ГБ",
    "field.network.label": "Структура сети",
    "field.network.prompt": (
        "Опишите структуру локальной сети: компьютеры, видеорегистраторы, сетевое оборудование. "
        "Схему можно приложить файлом позже."
    ),
    "field.network.example": "3 ПК и 2 видеорегистратора в одном коммутаторе, отдельная VLAN",
    "field.pcs.label": "Количество ПК и их роли",
    "field.pcs.prompt": "Сколько ПК в системе и какие у них роли (сервер БД, сервер оборудования, рабочие места)?",
    "field.pcs.example": "3: сервер БД и оборудования на одном ПК, 2 рабочих места",
    "field.subsystems.label": "Структура системы",
    "field.subsystems.prompt": "Из чего состоит система? Выберите или напишите свой вариант.",
    "field.subsystems.example": "СКУД и ОПС",
    "field.subsystems.option.skud": "СКУД",
    "field.subsystems.option.ops": "ОПС",
    "field.subsystems.option.stvn": "СТВН (видеонаблюдение)",
    "field.subsystems.option.all": "СКУД + ОПС + СТВН",
    "field.connection.label": "Подключение оборудования",
    "field.connection.prompt": (
        "Как оборудование подключено к серверу? Если через преобразователь интерфейсов — укажите его тип."
    ),
    "field.connection.example": "USB через преобразователь RS-485 «С2000-ПИ»",
    "field.connection.option.com": "COM-порт через преобразователь",
    "field.connection.option.usb": "USB через преобразователь",
    "field.connection.option.ethernet": "Ethernet (TCP/IP)",
    "field.connection.option.other": "Другой способ",
    "field.device_involved.label": "Вопрос о конкретном приборе",
    "field.device_involved.prompt": (
        "Вопрос касается конкретного прибора производства ЕС-Пром, ОКБ «Авгит» или ТвинПро?"
    ),
    "field.device_involved.example": "Да",
    "field.device_involved.option.yes": "Да",
    "field.device_involved.option.no": "Нет",
    "field.device_name.label": "Прибор",
    "field.device_name.prompt": "Наименование прибора?",
    "field.device_name.example": "контроллер «Сфинкс-2»",
    "field.device_firmware.label": "Версия прошивки",
    "field.device_firmware.prompt": "Версия прошивки прибора?",
    "field.device_firmware.example": "2.04",
    "field.device_modules.label": "Дополнительные модули",
    "field.device_modules.prompt": "Есть ли дополнительные модули? Назовите их.",
    "field.device_modules.example": "модуль расширения на 8 входов",
    "field.device_date.label": "Дата производства",
    "field.device_date.prompt": "Дата производства прибора (с этикетки)?",
    "field.device_date.example": "03.2021",
    "field.key_type.label": "Тип ключа",
    "field.key_type.prompt": "Какой у вас ключ защиты?",
    "field.key_type.example": "HASP",
    "field.key_type.option.hasp": "HASP",
    "field.key_type.option.guardant": "Guardant",
    "field.key_type.option.unknown": "Не знаю",
    "field.key_number.label": "Номер ключа",
    "field.key_number.prompt": "Номер ключа с маркировки производителя (есть на ключах, проданных после 01.01.2013)?",
    "field.key_number.example": "HS-0123456",
    "field.expected.label": "Ожидаемый результат",
    "field.expected.prompt": "Что вы хотите получить — какой результат ожидаете?",
    "field.expected.prompt.wish": "Какой результат должна давать новая функция?",
    "field.expected.example": "журнал событий открывается за пару секунд",
    "field.expected.example.wish": "отчёт по проходам можно выгрузить в Excel одной кнопкой",
    "field.expected.example.consultation": "понять, как настроить доступ по времени суток",
    "field.description.label": "Описание",
    "field.description.prompt": "Опишите проблему подробно, по возможности терминами программы.",
    "field.description.prompt.consultation": "Сформулируйте ваш вопрос.",
    "field.description.prompt.license": "Что случилось с ключом или лицензией?",
    "field.description.prompt.wish": "Опишите пожелание: что и где нужно доработать.",
    "field.description.prompt.critical": "Что именно не работает?",
    "field.description.example": "при открытии журнала событий программа зависает",
    "field.description.example.consultation": "как добавить второй сервер оборудования в конфигурацию?",
    "field.description.example.license": "после переноса на новый сервер ключ Guardant не виден",
    "field.description.example.wish": "в отчёте по проходам нужна колонка «Подразделение»",
    "field.steps.label": "Шаги воспроизведения",
    "field.steps.prompt": "Пошагово: какие действия приводят к проблеме?",
    "field.steps.example": "1) открыть «Журнал»; 2) выбрать период за месяц; 3) нажать «Показать»",
    "field.actual.label": "Полученный результат",
    "field.actual.prompt": "Что происходит на самом деле (текст ошибки, поведение)?",
    "field.actual.example": "окно «Не отвечает», через минуту программа закрывается",
    "field.screenshots.label": "Скриншоты и файлы",
    "field.screenshots.prompt": (
        "Если есть скриншоты ошибки (JPG, GIF или PNG) или лог-файлы — пришлите их сейчас, приложу к заявке."
    ),
    "field.screenshots.prompt.consultation": (
        "Если есть скриншоты к вопросу (JPG, GIF или PNG) — пришлите их сейчас, приложу к заявке."
    ),
    "field.screenshots.prompt.license": (
        "Если есть фото ключа с маркировкой или скриншот сообщения о лицензии (JPG, GIF или PNG) — "
        "пришлите их сейчас, приложу к заявке."
    ),
    "field.screenshots.prompt.wish": (
        "Если есть макет или пример того, как должно быть (JPG, GIF или PNG), — пришлите его сейчас, приложу к заявке."
    ),
}

TEXTS.update(FIELD_TEXTS)


def field_prompt(key: str, kind: str | None) -> str:
    """The question for ``key``, worded for the kind of request where a kind has its own wording."""
    return TEXTS.get(f"field.{key}.prompt.{kind}", TEXTS[f"field.{key}.prompt"])


def field_example(key: str, kind: str | None) -> str:
    """An example answer to ``key`` that fits the kind: a wish is not shown an error as its example."""
    return TEXTS.get(f"field.{key}.example.{kind}", TEXTS[f"field.{key}.example"])
