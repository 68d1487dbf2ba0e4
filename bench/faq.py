"""FAQ benchmark: report detection, suggestions beside reports, accuracy, build time, memory, latency.

    .venv/bin/python bench/faq.py [--dev-set PATH] [--repeat 50]

The dev set defaults to $FAQ_DEV_SET or ../shared/data/faq-dev-set.yaml beside the
repository; cases are judged by faq.grading, reports by the labels of
tests/faq/intents.yaml. Thresholds are calibrated on the dev set and
tests/faq/tuning.yaml only; the held-out sets measure, and only their accuracy is
printed, never their misses. Exits 1 when a target is missed.

Issue 14, item 2, second round (2026-12-02), on the 2-core development machine:

    measure                        before             after
    dev (27)                       100%               100%
    tuning (46 → 448)              82.6% of 46        93.5% of 448 (97.8% of the first 46)
    held-out (82)                  91.5%              96.3%
    new held-out (67)              85.1%              92.5%
    held-out 3 (57, new)           75.4%              89.5%
    off-topic declined             all                all
    index build                    1.2–1.8 s          0.7–0.8 s quiet, 1.2–1.9 s beside two busy processes
    query p99                      4.5–4.8 ms loaded  0.3 ms quiet, 0.3–0.6 ms beside two busy processes

Held-out 3 was written before that round's tuning. The tuning set grew in batches, each
measured before it was tuned on: 71–88% at first sight (88% for the last 25 questions,
left untuned), the honest estimate of how new wordings fare; the 95% target is not met
on unseen questions yet.

Third round (2026-12-03). Held-out 4 (77: questions, reports, commercial, off-topic) was
written first and measured once before any change. The grader now judges a report by what
the client is shown beside the ticket («Возможно, поможет: …»), so "before" is given by
both graders (old / client's view):

    measure                        before               after
    dev (27)                       100%                 100%
    held-out (82)                  96.3% / 97.6%        97.6%
    new held-out (67)              92.5% / 94.0%        94.0%
    held-out 3 (57)                89.5% / 91.2%        91.2%
    held-out 4 (77, new)           88.3% / 88.3%        89.6%
    reports precision / recall     100% / 100%          100% / 100% (intents.yaml)
    tuning                         93.5% of 448         93.6% of 640 (+ 192: five batches)
    index build                    0.9 s                0.6–0.8 s quiet, 1.9 s at load 7
    query p99                      0.24 ms              0.3 ms quiet; CPU 0.6 ms at load 7

The batches added to the tuning set scored 83% (written after the first fixes of its
categories), then 90.5%, 79%, 80% and 71% at first sight (the last one longer messages
with context), and its new reports 57% (17/30): the honest
estimate for unseen wordings is still 80–90%, below the 95% target.

Fourth round (2026-12-03). Held-out 5 (50: questions, reports, off-topic) was written first
and measured once: 84.0% (questions 30/36, reports 6/8, off-topic 6/6). Two ways to learn
from the tuning set's 505 labelled questions were tried by 5-fold cross-validation on it and
then measured once on the held-out sets; neither was kept:

    measure                 now      tuning questions as phrasings   + logistic regression
    tuning, 5-fold          93.6%    94.4%                           95.0%, one off-topic answered
    held-out / new / 3      97.6 / 94.0 / 91.2%   96.3 / 95.5 / 94.7%   —
    held-out 4 / 5          89.6 / 84.0%          90.9 / 82.0%          —

Gains of a point on average, losses on two sets, and (for the classifier) scikit-learn and
scipy in every process and an off-topic question answered: neither was kept. What was kept
are two general rules, each measured on a batch written before it and on one written after:

    measure                          before    after
    reports, batch 1 (30), first sight    11/30     22/30 (any negated verb is a weak sign)
    reports, batch 2 (20), first sight    11/20     15/20 (19/20 with the words it showed missing)
    questions, batch 1 (34), first sight  76.5%     82.4% (a price or a purchase → sales department)
    questions, batch 2 (32), first sight  78.1%     87.5%
    questions, batch 3 (31), first sight  83.9%     83.9% (no price question among its misses)
    held-out / new / 3 / 4                97.6 / 94.0 / 91.2 / 89.6%   unchanged
    held-out 5 (50)                       84.0%     86.0%
    tuning (640 → 704 with the batches)   93.6%     93.8%
    query p99                             0.5 ms    0.5 ms

The honest figure for unseen wordings is 84–91% on the held-out sets and 84–88% on the newest
batches: still below the 95% target. Most misses left are declines of the right entry
(scores 0.35–0.6) and neighbouring entries of one topic (holidays vs days off, consent vs its
withdrawal). Matching words by their stem past a verb prefix («проконсультировать» beside
«консультация») was tried and dropped: +0.1 point on tuning, nothing on batch 3.

Fifth round (2026-12-03). Two batches of 40 were written first, each from the list of entry
titles (wordings before reading the answers; ~6 off-topic and ~6 reports each). The first is
held-out 6, measured once before any change: 85.0% (34/40). The second was appended to the
tuning set after its first sight: 87.5% (35/40: questions 23/28, off-topic 6/6, reports 6/6).
Kept, each raising the tuning set with no held-out set lower: the four clear-winner thresholds
recalibrated by 5-fold cross-validation on the tuning set (every fold chose ANSWER_THRESHOLD
0.42, MEANING_SURE 0.75, CLEAR_COVERAGE 0.4, CLEAR_LEAD 0.05; out of fold 2184 against 2175
right, three shuffles of 775), «отказаться / отписаться от» read as withdrawing (not
«отказать», a failure), synonyms of domain words («отдыхать» a day off, «подобрать» to choose,
«криво» incorrect, «отчёт» a module, «прежде / сначала / заранее» before), and a phrasing on
lunch for the working hours:

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (735 → 775)             93.2% of 775           94.7% of 775 (batch 2: 87.5% → 92.5%)
    held-out (82)                  97.6%                  97.6%
    new held-out (67)              94.0%                  95.5%
    held-out 3 (57)                91.2%                  91.2%
    held-out 4 (77)                89.6%                  90.9%
    held-out 5 (50)                86.0%                  88.0%
    held-out 6 (40, new)           85.0%                  85.0%
    off-topic declined             all                    all
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml)
    query p99                      0.66 ms                0.6–0.9 ms (busy machine)

Tried and dropped: the lead of a clear winner measured against another topic's entry (another
file, or no shared tag) instead of the runner-up (+1 on tuning, nothing once the lead is
recalibrated); a tie-break of close neighbours by phrasing, coverage or meaning (each more
often wrong than right on the tuning set); a lone word answered by the entry whose own question has it
(+3 on tuning, but an off-topic question of a held-out set answered); splitting messages at
commas (tuning unchanged, one held-out set lower); a dozen synonyms of a vocabulary audit
(«почём», «флешка», «взамен», «наклейка»…: no tuning question moved), «побыстрее» read as
«быстро» (+1 on tuning, −1 on held-out 6); the other scoring weights and thresholds
(MEANING_WEIGHT, PHRASING_WEIGHT, KINSHIP_SHARE, KNOWN_WORDS_*, MIN_COVERAGE: about one case per
pass by cross-validation). The honest figure for unseen wordings stays 85–88% on the newest
sets: the 95% target is not met.

Then a bug fix, decided on its own merits before measuring: a vendor the glossary lists was
dropped as a surname when declined («антивирус касперского»: pymorphy3 reads a surname).
Tuning unchanged (94.7%), held-out 3 91.2 → 93.0%, the others unchanged.

Sixth round (2026-12-03). Held-out 7 (40: 28 questions, 6 off-topic, 6 reports) was written first,
from the list of entry titles, and measured once before any change: 90.0% (36/40, off-topic 6/6).
Then a tuning batch of 40 the same way: 80.0% at first sight (questions 21/28, off-topic 6/6, reports
5/6); after the first fixes a second batch: 80.0% at first sight (questions 22/28, off-topic 5/6:
«до 20 тысяч» read as an hour, reports 5/6). Both were appended to the tuning set. Kept, each a
general rule that raised the tuning set with no held-out set lower and every off-topic question
declined: «скок» is «сколько» (a stop word, and a price beside «стоят»); the price of a module is
the sales department's unless the module is made to order («заказать», «написать», «новый», «свой»);
only «отказаться от» gives something up (not «клиенты отваливаются от сервера», a report); a
reflexive «(по)меняться» is a change, not a replacement («регламент может поменяться»); «кто
отвечает», «отвечать за» ask who is responsible; «во сколько» beside a verb of starting or finishing
asks the hours («во сколько вы начинаете»); «до 20 тысяч», «до 5 км» are not hours; «можете…» is a
request to support, not a report («можете ускорить модуль, а то медленно»); a door or turnstile
letting in «без карты» is a report; «понять / понимать» carry no topic («чтоб вы поняли»); and
clients' words: «косяк / трабл» a problem, «пересылать» to send, «скоро» a time, «спереть / стащить»
to steal, «достать» to get (buy), «инфа / сведения» information, «достучаться» to reach, «из-за
чего» a reason.

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (775 → 855)             94.7% of 775           95.4% of 855 (the first 775: 95.5%)
      batch 1 (40)                 80.0% first sight      97.5%
      batch 2 (40)                 80.0% first sight      92.5%
    held-out (82)                  97.6%                  97.6%
    new held-out (67)              95.5%                  95.5%
    held-out 3 (57)                93.0%                  93.0%
    held-out 4 (77)                90.9%                  90.9%
    held-out 5 (50)                88.0%                  88.0%
    held-out 6 (40)                85.0%                  85.0%
    held-out 7 (40, new)           90.0% first sight      95.0% (see below)
    off-topic declined             all                    all
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml)
    query p99                      0.43 ms (load 1)       1.9–4.4 ms wall, CPU 0.5–0.6 ms (load 3–3.5)
    query p99, first sight         0.39 ms (load 1)       4.4–4.8 ms wall (load 3–3.5): near the target

Held-out 7's 95.0% after the round is not a clean measure: its author wrote the round's rules, and
two of them, each found on a tuning miss (a reflexive «поменяться», «понять» without a topic), also
meet wordings of held-out 7; words remembered from it alone («отсылать») were not added. The honest
figures are its first sight, 90.0%, and a third batch of 40 written after all of the round's changes
and left untuned, now held-out 8 (tests/faq/heldout-8.yaml): 82.5% at first sight (questions 23/28, reports
6/6, off-topic 4/6: «какой сегодня праздник» gets the days off by the lone-word rule, «как настроить
роутер дома» the refusal on other vendors' equipment), so tests/faq/test_accuracy.py, which requires every
off-topic question of a guarded set declined, does not guard it. The 95% target is not met on unseen wordings.

Tried and dropped: «консультировать / проконсультировать» folded into «консультация» (−1 on tuning);
«сколько действует» read as a term (+1 on tuning, −1 on new held-out); «открывается / закрывается»
beside «во сколько» (+1 on held-out 4, but «во сколько открывается магазин» answered); «сегодня /
завтра / вчера» no longer stop words, to decline «какой сегодня праздник» (it stays answered, −1 on
tuning); «обычно» as a stop word, «оптимизнуть», «готовить» as «подготовить», «винда / линукс» as
the operating system (nothing moved).
Thresholds were not touched.

Seventh round (2026-12-03), issue 14: what a client who reports trouble is offered beside the ticket
(«Возможно, поможет»). tests/faq/report-suggestions.yaml (62 reports in clients' words, 21 of them with an
entry that would help, the others `none`) was written and labelled first and measured once. The entry offered
used to be the best one written for reports above SUGGEST_THRESHOLD, whatever it shared with the report:
«программа не открывается» got the installer's errors, an all-caps «НЕ РАБОТАЕТ» the key that stopped
working, «вылетает без сообщений» the installer's «вылетает сообщение об ошибке». Now the entry must also be
about what broke (FaqIndex.concerns): a noun or adjective of its tags or its own question («ключ»,
«обновление», «база») is named by a word of the report (its first five letters: «обновили»), words of
trouble in general, of any request («программа», «работа») and of price never counting. The engine no
longer offers, beside a message it alone reads as the whole system down («система стоит»), the entry the
FAQ chose for a question (core/stages/greeting.py).

    measure                        before                 after
    suggestions beside reports     34 of 62 shown,        21 of 62 shown,
      (62, new)                    55.9% helpful,         95.2% helpful,
                                   19 of 21 helpful kept  20 of 21 kept (the 21st, a router, is answered
                                                          with the refusal on other vendors, which helps)
    dev (27)                       100%                   100%
    tuning (855)                   95.4%                  95.6% (a report that asks is judged by the entry
                                                          offered: «ключ перестал светиться» now gets the key's)
    held-out, new, 3, 4, 5         97.6 / 95.5 / 93.0 / 90.9 / 88.0%   unchanged
    held-out 6, 7, 8               85.0 / 95.0 / 82.5%                 unchanged
    off-topic declined             as before (all; held-out 8: 4/6)
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml)
    query p99                      0.56 ms                0.45 ms

Tried and dropped: the tags alone as an entry's topics (the entries on a key replaced under warranty and on
an unmarked key have no tag «ключ»: new held-out 95.5 → 94.0%); the tag «ключ» added to them (dev 100 →
96.3%, every held-out set lower: the tags are a phrasing of the entry); the rule for unanswered reports
only (a report the installer's entry «answers» at 0.69 kept it; for answered ones too no case of any set
moves); whole words only («обновили» missed «обновление»); «авария / срочно» («критичный») as trouble in
general (the two reports of the whole system down labelled for the entry on critical requests lost it, so
an urgent report still gets that entry: «СРОЧНО!!! ОТЧЁТ НЕ ФОРМИРУЕТСЯ»). Left: «лицензия истекла» gets the
key replaced after the warranty («окончание» of its question).

After the seventh round, two rules found in exploratory dialogues, not on any set: a short participle
after «не» is a report like a negated verb («бастион пишет ключ не найден», «устройство не обнаружено»),
and so is a program that «висит» (a weak sign: «камера висит на стене, какой кронштейн?» asks); and an
export or import «в» / «из» another program («выгрузка в Excel», «импорт из 1С») is about our product,
not a question on that program to refuse. Held-out 4 90.9 → 92.2%, 5 88.0 → 90.0%, 6 85.0 → 87.5%, the
others unchanged; suggestions beside reports 95.2 → 90.9% («Срочно, не работает выгрузка в Excel», labelled
`none`, is now a report offered the entry on critical requests, where it used to get the refusal on other
vendors' software).

Eighth round (2026-12-03), issue 14. Held-out 9 (40: 28 questions, 6 off-topic, 6 reports) was written
first, from the entries' meaning, and measured once before any change: 87.5% (35/40, off-topic 5/6). Then a
tuning batch of 40 the same way, appended to the tuning set: 77.5% at first sight (questions 21/28,
off-topic 4/6, reports 6/6), 92.5% after. Kept, each general, none lowering any figure: support's hours
and days off (entries tagged «график», «выходной», «ночь») answer a message that shares only words of
time with them only when it is asked of us (faq.intent.asked_of_us: «вы», «у вас», a verb spoken to us,
support, a request, a way to reach us, «график»), so «какой сегодня праздник», «какой праздник отмечают
в ноябре», «во сколько закрывается почта россии» are declined and «праздники входят во время реакции?»
is not; a private place («дома», «квартира», «дача») without our product declines the message («как
настроить роутер дома»: the client's own router, not the refusal on other vendors' equipment); a message
naming two ways of reaching us, one of them in the past tense («позвонил и ещё письмо отправил»), gets
the entry on duplicated requests; a problem or request «закрыть» is solved; «трубка» is the phone;
«базе данных sql» is the product's database, not programming. Held-out 8 now declines all its off-topic
questions and tests/faq/test_accuracy.py guards it. Held-out 10 (40: 28 questions, 6 off-topic, 6
reports) was written after all the changes and measured once: the honest figure for unseen wordings.

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (855 → 895)             95.6% of 855           95.6% of 895 (the first 855: 95.8%)
      batch (40)                   77.5% first sight      92.5%
    held-out (82)                  97.6%                  97.6%
    new held-out (67)              95.5%                  97.0%
    held-out 3 (57)                93.0%                  94.7%
    held-out 4 (77)                92.2%                  92.2%
    held-out 5 (50)                90.0%                  90.0%
    held-out 6 (40)                87.5%                  87.5%
    held-out 7 (40)                95.0%                  95.0%
    held-out 8 (40)                82.5% (off-topic 4/6)  90.0% (off-topic 6/6)
    held-out 9 (40, new)           87.5% first sight      87.5% (off-topic 5/6)
    held-out 10 (40, new)          —                      80.0% first sight (off-topic 6/6)
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml)
    suggestions beside reports     90.9%, 20/21 kept      90.9%, 20/21 kept
    query p99                      0.76 ms                0.71 ms (first sight 0.66 → 0.80 ms)

Tried and dropped: the time rule judged by support's words alone, whatever the message shares with the
entry (new held-out, held-out 3 and 7 one lower each); «кинуть» as «отправить» (nothing moved);
«sql server / sql сервер / ms sql» read as the database («помогаете с настройкой sql сервера» lost, new
held-out one lower). The 95% target is still not met on unseen wordings (80–88% at first sight).

Ninth round (2026-12-04), issue 14. Held-out 11 (40: 28 questions, 6 off-topic, 6 reports) was written first, from
the entries' meaning, and measured once before any change: 85.0% (34/40, off-topic 6/6). Then a tuning batch of 40
the same way, appended to the tuning set: 77.5% at first sight (questions 19/28, off-topic 6/6, reports 6/6), 95.0%
after. Kept, each general, none lowering any figure (tuning cases moved in brackets): slowness («тормозит»,
«подтормаживает», «тупит») is a weak sign of a report, undone by a question («модуль тормозит, оптимизируете код?»)
(1); «дать / давать» carry no topic («электронку поддержки дайте») (1); «фото / фотка / фотография экрана» is a
screenshot (1); a manual by its name («руководство / инструкция пользователя», «… оператора», «руководство
администратора») is the documentation (2); a key older than its warranty of 12 months («на второй год», «2 года
назад», «через полтора года», «14 месяцев»: faq.intent.outlives_warranty) reads as one whose warranty is over, and
the entry on a replacement after the warranty got the phrasing its sibling has («вышел из строя …») (3); «шустрый /
шустро / оперативный / оперативно» are speed (1); the entry on licensing got the phrasing of its scope siblings
(«Консультируете по лицензиям продукта?») (2); the phone's answer says a call to 8-800 is free, as support is
(«платить за звонки в поддержку придется?») (1); an export or import is a function of the product, and in «выгрузка
в Excel», «импорт из 1С» the other program reads as integration, not someone else's topic (2); which computer or
server to buy («какой сервер купить под бастион») asks for advice on the choice, not the sales department (2); help
asked with one thing («помогаете ли с инсталляцией») is answered by the entry whose own question offers that help
(1). Held-out 12 (40: 28 questions, 6 off-topic, 6 reports) was written after all the changes and measured once.

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (895 → 935)             95.6% of 895           96.7% of 935 (the first 895: 96.8%)
      batch (40)                   77.5% first sight      95.0%
    held-out (82)                  97.6%                  97.6%
    new held-out (67)              97.0%                  97.0%
    held-out 3 (57)                94.7%                  94.7%
    held-out 4 (77)                92.2%                  92.2%
    held-out 5 (50)                90.0%                  90.0%
    held-out 6 (40)                87.5%                  90.0%
    held-out 7 (40)                95.0%                  95.0%
    held-out 8 (40)                90.0%                  90.0%
    held-out 9 (40)                87.5% (off-topic 5/6)  87.5% (off-topic 5/6)
    held-out 10 (40)               80.0%                  82.5% (see below)
    held-out 11 (40, new)          85.0% first sight      85.0%
    held-out 12 (40, new)          —                      87.5% first sight (off-topic 6/6)
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml)
    suggestions beside reports     90.9%, 20/21 kept      90.9%, 20/21 kept (2 answered as questions: the wish
                                                          «Срочно! Нужна выгрузка в Excel» now gets the integration
                                                          entry; the engine takes a wish before the FAQ's answer)
    query p99                      0.55 ms                0.72 ms (first sight 0.54 → 0.61 ms)

Held-out 10's rise is not a clean measure: its wordings had been read (not its misses) before the rule on a key's
age was written from the tuning misses. Tried and dropped: «побыстрее / побыстрей» («быстрый») and «скорый» read as
speed (+1 on tuning, held-out 6 one lower, as in the fifth round); «выйти из строя» read as broken (new held-out one
lower); «помочь / помогать» as a term instead of stop words (two tuning cases moved, one lost; held-out 11 one
lower); «рассматривать / рассмотреть» as reaction (one tuning case moved, another lost); «что писать / что
написать» (and «что указать») read as the information a request needs (+2 on tuning, held-out, 3, 6 and 11 one
higher each, but new held-out one lower, with or without «что указать»); «винда / windows / линукс» as the
operating system (nothing moved, as in the sixth round). Thresholds were not touched. The 95% target is still not
met on unseen wordings (85–88% at first sight).

Tenth round (2026-12-04), tried and dropped: the labelled tuning questions as training data, each read as a phrasing
of the entry whose answer has what it expects (811 of 935 labelled, 750 of them by the ranking among entries sharing a
generic substring such as «бесплатн», so some labels were wrong). The best of eleven variants (phrasing similarity and
meaning only, coverage and idf kept to the curated texts) raised held-out 9–12 from 85.6 to 88.1% and all held-out
sets from 90.9 to 92.2%, with held-out 7 and 8 one case lower each; but by 5-fold cross-validation on the tuning set
(four folds learned, the fifth asked) it answered 900 of 935 against 904 without (3 gained, 7 lost to neighbouring
entries), and its held-out gain was one case above the bar after eleven variants measured on those sets: selection,
not generalisation. The others: the wordings as full texts (87.5%, off-topic questions answered, suggestions'
precision 79.2%), meaning only (86.3%), phrasing only (86.9%), weights 0.8 / 0.9 / 1.1 (86.3 / 86.9 / 88.1%, the last
answering two off-topic questions), a vote of the five nearest learned wordings when the curated texts decline
(85.0–87.5%, an off-topic question answered).

Eleventh round (2026-12-04), issue 14. Held-out 13 (40: 28 questions, 6 off-topic, 6 reports) was written first, from
the entries' meaning, and measured once before any change: 97.5% (39/40, off-topic 6/6), far above the earlier sets'
first sight: easier wordings, not a better engine. Then a tuning batch of 40 the same way, appended to the tuning set:
87.5% at first sight (questions 24/28, off-topic 5/6, reports 6/6), 97.5% after. Kept, each general, none lowering any
figure (tuning cases moved in brackets): a key someone «сломал» (a plain verb: synonyms.TRANSITIVE_MEANINGS) is
damaged, one that «сломался» is faulty («а если ключ сломали сами?», «мы сами сломали ключ» get the mechanical
damage, not the handover of a faulty key) (0: no tuning case, the wordings of the brief); «без очереди» is «вне
очереди» and a thing that «остановилось» (reflexive; «остановить сервер» is an action) is critical (1, both needed);
«без выходных» asks about the days off (keeps one a new phrasing of the hours would have lost); entries got phrasings
that state their meaning another way: the hours («Ваш рабочий день с какого часа?») (1), a key's warranty («Как долго
действует гарантия на ключ?») (1), custom code for a site («Перепишите модуль под особенности нашего объекта», no
longer pulled to critical requests by «объект») (1), the computers a request describes («Что написать в заявке о
наших компьютерах и их ОС?») (1); the client's own «контакты» («мои / наши контакты») are the contact data a request
needs (1); «во сколько обойдётся» is a price like «сколько стоят», and a price of someone else's thing («замена экрана
на самсунге») is declined rather than refused (1 off-topic); the noun «подписка» is a paid plan («поддержка по
подписке»), the verb «подписаться» the newsletter (1; «годовая подписка на обновления» is now declined, not answered
with the newsletter). Held-out 14 (40: 28 questions, 6 off-topic, 6 reports) was written after all the changes and
measured once.

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (935 → 975)             96.3% of 975           97.1% of 975 (the first 935: 96.7 → 97.1%)
      batch (40)                   87.5% first sight      97.5%
    held-out, new, 3, 4, 5         97.6 / 97.0 / 94.7 / 92.2 / 90.0%   unchanged
    held-out 6, 7, 8               90.0 / 95.0 / 90.0%                 unchanged
    held-out 9, 10, 11, 12         87.5 / 82.5 / 85.0 / 87.5%          unchanged
    held-out 13 (40, new)          97.5% first sight      97.5%
    held-out 14 (40, new)          —                      87.5% first sight (off-topic 4/6)
    off-topic declined             all but held-out 9 (5/6); held-out 14: 4/6 at first sight
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml)
    suggestions beside reports     90.9%, 20/21 kept      90.9%, 20/21 kept
    query p99                      0.60 ms                0.60–1.2 ms (first sight 0.50 → 0.49–0.78 ms)

Tried and dropped: «задать / задавать» as stop words and «вопрос» as a word of help, so that «вопрос по лицензиям
можно вам задать?» is the licensing entry (it leads the price list by 0.03, under CLEAR_LEAD: nothing moved); «почему
так долго» read as a delay (+1, −1: «почему так долго решаете, уже неделя прошла» is labelled with the resolution
time); a phrasing of the support price on help with updates («за помощь с обновлением деньги берёте?» +1, «не могу
дозвониться на горячую линию» −1); «данные о себе» as personal data (nothing moved); «остановить» (any form) as
critical («как остановить сервер бастиона» answered with critical requests: the reflexive form only was kept); «Когда
начинается ваш рабочий день?» as the hours' phrasing (an off-topic «когда начинается отпускной сезон» answered).
Left alone: «где скачать дистрибутив бастиона» (the regulation says nothing of distributions or downloads: no entry
can honestly answer), «быстрее ответьте пожалуйста, горит» and «ответить прям сегодня сможете?» («быстрее»,
«сегодня» are stop words; «горит» as urgency would meet «светодиод не горит»), «сколько стоит годовая подписка на
обновления» (declined now; nothing in the regulation prices updates). The 95% target is still not met on unseen
wordings (held-out 14: 87.5% at first sight, two off-topic questions answered).

Twelfth round (2026-12-04), issue 14, short. Held-out 15 (30: 21 questions, 5 off-topic, 4 reports) was written first,
from the entries' meaning, and measured once before any change: 86.7% (26/30, off-topic 5/5, reports 4/4). Then ten
misses found by hand in the console were appended to the tuning set: 4/10 at first sight («сколько стоит выезд
инженера» and «нужен акт выполненных работ» declined, as they must be: the regulation says nothing of visits or acts;
«ключ hasp не видится после переустановки винды» is a report and gets the key's entry beside it; «ключ без маркировки
сломался, поменяете?» gets an unmarked key's entry). «поддерживаете ли вы windows 11» got the list of supported
products: wrong, it asks which system software the product runs on (the choice of system software, section 3). Kept,
each general, none lowering any figure (tuning cases moved in brackets): a licence renewed or moved («продлить /
продлевать / продление», «перенести / переносить / перенос» beside «лицензия», either order) reads as licensing, not
«перенести заявку» (2); «где взять» a licence or a key (within three words, not its number: faq.intent.gets_licence)
is a purchase, and «доп» is «дополнительный» («где взять лицензию на доп рабочее место» gets the sales department's
purchase entry, both needed) (1; held-out 12 one higher, by «где взять»); an operating system named (windows, винда,
linux, линукс, astra, ubuntu) beside a verb of supporting or running («поддерживать», «работать», «заработать»,
«пойти»: faq.intent.asks_which_os) adds the terms of the operating system, and the entry on choosing system software
got the phrasing «Какие операционные системы поддерживает программа?» (1); remote help asked in a word («anydesk
можно?», «по удалёнке поможете?») got the phrasing «Поможете удалённо?» (it lost to the entry on problems not
reproduced by its «удалённый доступ») (1); a forgotten password got the security entry's phrasing «Как сбросить
забытый пароль?» (1).

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (975 → 985)             96.5% of 985           97.2% of 985 (the ten: 4/10 → 10/10; the first 975 unchanged)
    held-out, new, 3, 4, 5         97.6 / 97.0 / 94.7 / 92.2 / 90.0%   unchanged
    held-out 6, 7, 8               90.0 / 95.0 / 90.0%                 unchanged
    held-out 9, 10, 11             87.5 / 82.5 / 85.0%                 unchanged
    held-out 12                    87.5%                  90.0%
    held-out 13, 14                97.5 / 87.5%                        unchanged
    held-out 15 (30, new)          86.7% first sight      86.7%
    off-topic declined             all but held-out 9 (5/6) and 14 (4/6); held-out 15: 5/5
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml)
    suggestions beside reports     90.9%, 20/21 kept      90.9%, 20/21 kept
    query p99                      0.63 ms                0.81–1.04 ms (first sight 0.60 → 0.66–1.28 ms; busy machine)

Tried and dropped: windows / винда / linux read as the operating system everywhere (synonyms; an off-topic question of
held-out answered, 13/13 → 12/13: kept only beside a verb of running, above); «продлить / перенести» as words of their
own with a phrasing of the licensing entry (+2, but «можно перенести заявку на завтра?», «можно перенести звонок?»
answered with licensing: the rare verb alone carried it); «взять лицензию / ключ» read as a purchase term by the
analyzer (sales entries answer only a purchase asked: faq.intent.asks_to_buy; nothing moved), and the term «покупка»
added beside «где взять» in the retriever (nothing moved once «доп» was read). Left alone: the misses of earlier
rounds («быстрее ответьте пожалуйста, горит», «а ответить прям сегодня сможете?»). The 95% target is still not met on
unseen wordings (held-out 15: 86.7% at first sight).

Thirteenth round (2026-12-04), issue 14. Held-out 16 (40: 28 questions, 6 off-topic, 6 reports) was written first, from
the entries' meaning, and measured once before any change: 87.5% (35/40: questions 23/28, off-topic 6/6, reports 6/6).
Then a tuning batch of 40 the same way, appended to the tuning set: 72.5% at first sight (29/40: questions 19/28,
off-topic 4/6, reports 6/6), 97.5% after (39/40). Kept, each general, none lowering any figure (tuning cases moved in
brackets): «должен» carries no topic, like «нужно» («на ключе должен быть номер?» went to the description of a problem
by «что должно быть в описании») (1); «туда / сюда» carry no topic (1); «перс» is «персональный» («перс данные») (1); a
thing that «побилась» (reflexive) is damaged, «побить» is not («база побилась») (1); our product linked «с» another
program by a verb that is not reflexive («связать бастион с 1С»: faq.intent.names_exchange) makes that program
integration, as an export to it does; «связаться с поддержкой» reaches us (1); a thing that «стоит» in place («какой
антивирус стоит», «у нас стоит касперский»: faq.analyzer.installed_read) is installed, not a price, unless «сколько»,
a sum or an infinitive follows or comes between («какой ключ стоит купить») (1); a negation reaches two words at most
(«не берут, а другим» no longer reads «не другой»), and the entry on the order of requests got the phrasing «Почему
другим ответили раньше, чем мне?» (both needed) (1, and one older case by the phrasing's weights: «по почте вы отвечаете
в выходные?»); the entry on an unmarked key whose number reads got a report among its phrasings («Ключ без маркировки
сбоит, но номер с него читается»), so that a report of such a key is offered it, not the unreadable key's (1); goods
each named beside another vendor's name or an operating system («камера hikvision», «ноутбук lenovo», «лицензия
windows»: faq.intent.prices_others_goods), their price or purchase asked and our product not named, are declined, not
refused nor sent to the sales department; a module named by a vendor stays ours (the integration module) (1 of the
batch, 9 of the probes below); a choice between other vendors' products («какой антивирус лучше, касперский или доктор
веб», «что лучше hikvision или dahua»: faq.intent.asks_which_is_better) is declined, where «как лучше настроить
микротик» keeps the refusal and «что лучше python или c#» the one on programming (1 of the batch, 2 of the probes);
support's hours and days off do not answer hours asked «у» someone who is not us, support or our product («часы работы у
пенсионного фонда», «у налоговой»: faq.intent.names_others_hours; «у отдела техподдержки», «у бастиона» are ours) (2 of
the probes). The probes: 20 generic off-topic questions written during the round and appended to the tuning set (other
vendors' goods and prices, a choice between other vendors' products, other organisations' hours, general IT help,
weather, personal questions): 13 answered before these rules, all declined after; of 80 more such probes left out
of the sets, 9 were answered before and 3 after (below).

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (985 → 1045)            95.0% of 1045          97.3% of 1045 (the first 985: 97.2 → 97.3%)
      batch (40)                   72.5% first sight      97.5%
      generic off-topic (20)       7/20 declined          20/20 declined
    held-out, new, 3, 4, 5         97.6 / 97.0 / 94.7 / 92.2 / 90.0%   unchanged
    held-out 6, 7, 8               90.0 / 95.0 / 90.0%                 unchanged
    held-out 9, 10, 11, 12         87.5 / 82.5 / 85.0 / 90.0%          unchanged
    held-out 13, 14, 15            97.5 / 87.5 / 86.7%                 unchanged
    held-out 16 (40, new)          87.5% first sight      87.5%
    off-topic declined             all but held-out 9 (5/6) and 14 (4/6); tuning 114/129 → 129/129
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml)
    suggestions beside reports     90.9%, 20/21 kept      90.9%, 20/21 kept
    query p99                      0.79 ms                0.92–1.04 ms (first sight 0.49 → 0.83 ms; the code before
                                                          the round, timed beside it, the same within noise)

Tried and dropped: «искать / поискать» read as «найти» (the batch's case was met by «должен» alone; no case moved
without it); a Latin word the base does not know, beside goods, read as another vendor's name («турникет perco»,
«контроллер sigur»: it would also decline «считыватель mifare», «камера ptz», which we may sell); the negation's reach
alone (nothing moved without the phrasing). Left alone: «у вас на тесте все ок, а у нас глючит» (a report, and the entry
on problems not reproduced is written for questions only: nothing to offer beside it), «цена турникета perco» (a
turnstile reads as our access control, so the message names our product) and «сколько стоит контроллер sigur» (the
sales department: a brand the glossary does not list, see above), «работает ли почта россии в воскресенье» («работает»
speaks of support's work; whose it is, nothing in the words tells). The 95% target is still not met on
unseen wordings (held-out 16: 87.5% at first sight).

Fourteenth round (2026-12-04), issue 14. The engine now opens a consultation request when the FAQ declines a question
on how to do something in our products (core/howto_words.py, regulation п. 3.3), so declining such a question is right
and answering it with an unrelated entry is wrong. Held-out 17 (40: 28 questions, 6 off-topic, 6 reports) was written
first, from the entries' meaning, and measured once before any change: 87.5% (35/40: questions 23/28, off-topic 6/6,
reports 6/6). Then a tuning batch of 35, appended to the tuning set with its intent labels: 8 misses seen in the console
(1/8 at first sight) and 27 wordings of the same classes written during the round (16/27 at first sight: how-to
questions no entry answers, a client waiting for an answer, dealers asking prices, hardware that burnt out); 33/35
after. Kept, each general, none lowering any figure (batch cases moved in brackets): a part that «сгорел», «перегорел»,
«накрылся» is broken, a failure verb like «сдох» (6); a negated verb of replying whose subject is a person («никто не
ответил», «вы не отвечаете», «мне не ответили»: faq.intent._silence) is support's silence, no sign of a report, where
«контроллер не отвечает» stays one (1, with the next); a request left unanswered («ответа нет», «нет ответа», «не
ответили», «тишина»; «до сих пор» and «позавчера» carry no topic) reads as waiting for the answer: the reaction time
(3); dealers and partners («дилер», «дилерский», «дистрибьютор», «реселлер», «партнёр») are the sales department's
people, so their price goes to it (2); a how-to question (core.howto_words.asks_how_to_use) is answered only by an
entry one of whose topics (the nouns of its tags and question, as for the entries offered beside reports) it names:
«как добавить нового сотрудника в бастион» is no wish for a new function, «где в бастионе посмотреть кто сейчас на
объекте» no custom code (2), and not when each of its verbs of doing is a word the base never uses («как перенести
бастион на другой сервер» is not the choice of a server) (1); who came or left («кто во сколько пришёл», «кто опоздал»:
faq.analyzer.functions_read) reads as the attendance, not as an answer that «придёт» (1); a backup the client makes
(«сделать / настроить резервную копию», «резервное копирование», «сделать бэкап») reads as backing up, not as the copy
of the base sent to support on request, whose own «бэкап» and «не делали резервные копии» are untouched (1). Both are
words the base never uses, so such questions are declined.

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (1045 → 1080)           95.7% of 1080          97.2% of 1080 (the first 1045: 97.3%, unchanged)
      batch (35)                   17/35 first sight      33/35
    held-out, new, 3, 4, 5         97.6 / 97.0 / 94.7 / 92.2 / 90.0%   unchanged
    held-out 6, 7, 8               90.0 / 95.0 / 90.0%                 unchanged
    held-out 9, 10, 11, 12         87.5 / 82.5 / 85.0 / 90.0%          unchanged
    held-out 13, 14, 15, 16        97.5 / 87.5 / 86.7 / 87.5%          unchanged
    held-out 17 (40, new)          87.5% first sight      87.5%
    off-topic declined             all but held-out 9 (5/6) and 14 (4/6); tuning 140/145 → 145/145 (the batch's
                                   questions to decline: 11/16 at first sight → 16/16)
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml; the tuning set's intent labels
                                                          with the batch's: precision 98.9 → 100%, recall 87.5 → 93.3%)
    suggestions beside reports     90.9%, 20/21 kept      90.9%, 20/21 kept
    query p99                      0.85 ms                0.88 ms, 1.32 ms in a busier run (first sight 0.65 → 1.09 ms;
                                                          CPU time of the tuning queries, the code before and after
                                                          timed side by side: the same within noise)

Tried and dropped: the verb of doing required among the entry's own words for every how-to question («как добавить
сотрудника в базу» is not sending the base to us; +1 on the batch, but «как выставить права операторам» lost its
security entry, which says «настроить», and held-out 11 one lower): kept only for verbs the base never uses, above.
Left alone: «мы партнер-интегратор, какие у вас цены для партнеров?» («интегратор» pulls the entry on other
developers' projects; the price entry scores under SUGGEST_THRESHOLD), «хотим стать вашим дилером, к кому обратиться»
(no price nor purchase asked), «как выгрузить список сотрудников в excel» (the refusal on other vendors, as before the
round). Two wordings of held-out 17 turned out
to be near or exact repeats of tuning questions, written without reading them («считыватель на входе не реагирует на
карты», «где глянуть какая у меня версия … стоит»); the set was not changed after its measure. The 95% target is still
not met on unseen wordings (held-out 17: 87.5% at first sight).

Fifteenth round (2026-12-04), issue 14. Held-out 18 (40: 28 questions, 6 off-topic, 6 reports; very short and long
rambling messages, typos, Latin-typed Russian, two-part questions) was written first, from the entries' meaning, and
measured once before any change: 87.5% (35/40: questions 25/28, off-topic 6/6, reports 4/6). Then a tuning batch of 40
client first messages, each run through the console (support-bot chat) and judged by what the client saw, appended to
the tuning set: 31/40 at first sight by the grader (questions 20/28, off-topic 6/6, reports 5/6; 30/40 as the client
saw it: «31 декабря работаете?» gets no answer from the engine, below), 36/40 after. Kept, each general, none lowering
any figure (tuning cases moved in brackets): a thing that «стоит» at the client's place with up to two words between
(«у нас на предприятии стоит ваш комплекс») is installed, not a price, unless «сколько» follows (1); a negated verb
in the second person («вы не работаете», «не принимаете звонки?») speaks of support, no sign of a report (1); a message
typed mostly in Latin letters («videoarhiv ne pishetsya») is read in Cyrillic by the report detector, as the retrieval
terms already were (1); «faq», «фак», «чаво» and «база знаний» are the documentation, not the product's database (1);
a module made («сделать нам отдельный модуль», «написать свой модуль», no noun between) is development to order, not
the price of a module we sell nor who develops the products (1); the price or purchase of a thing we sell (or asked by a
dealer or partner) that no other entry answers goes to the sales department's entry whatever its score («цена модуля
учёта рабочего времени», «мы партнер-интегратор, какие у вас цены для партнеров?») (2 older misses). And a bug fix,
moving no case: a Latin-typed word whose synonyms the base knows («otchet»: «отчёт», a module) is no longer «mended»
into another word of the base one letter away («ответ»).

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (1080 → 1120)           96.5% of 1120          97.1% of 1120 (the first 1080: 97.2 → 97.4%)
      batch (40)                   31/40 first sight      36/40
    held-out, new, 3, 4, 5         97.6 / 97.0 / 94.7 / 92.2 / 90.0%   unchanged
    held-out 6, 7, 8               90.0 / 95.0 / 90.0%                 unchanged
    held-out 9, 10, 11, 12         87.5 / 82.5 / 85.0 / 90.0%          unchanged
    held-out 13, 14, 15, 16        97.5 / 87.5 / 86.7 / 87.5%          unchanged
    held-out 17 (40)               87.5%                  92.5% (see below)
    held-out 18 (40, new)          87.5% first sight      90.0% (see below)
    off-topic declined             all but held-out 9 (5/6) and 14 (4/6); tuning 151/151
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml)
    suggestions beside reports     90.9%, 20/21 kept      90.9%, 20/21 kept
    query p99                      1.06 ms                1.13–1.33 ms (first sight 0.83 → 0.90–1.27 ms; busy machine)

Neither held-out rise is a clean measure: held-out 18's (a Latin-typed report) comes from the Latin rule, whose author
wrote that set; the author of the round had read the first 23 wordings of held-out 17 (for its format) before the rule
on the sales department's entry was written from the tuning misses, and one of them is a module's price. Tried and
dropped: a negation at the end of a message («платная или нет», «а что нет») carrying no term (new held-out and
held-out 7 one lower each, the batch's case unmoved); a phrasing «Что входит в техническую поддержку?» for the scope
of support (nothing moved: «что входит в вашу поддержку, а что нет» keeps the entry on support's price, whose «не
нужно» covers the bare «нет»); an imperative asked of support other than to look into trouble («оптимизируйте запросы,
очень долго строится») undoing the weak signs of a report, like «можете…» (the message is declined instead of
reported, no case moves: the entry on code optimisation scores 0.48 with too little coverage); no entry offered
(«Возможно, поможет») beside a declined question whose words the base never uses weigh 0.4 of it or more («сколько
стоит билет в кино» is offered the price of support, «посоветуйте сериал на вечер» the entry on requests sent in the
evening): on the tuning set it kept the 5 helpful suggestions and dropped 58 of the 91 given beside off-topic
questions, but over the held-out sets it dropped 12 of the 19 helpful ones. Left alone: «как установить бастион на
новый сервер» (the entry on remote installation leads the one on installation by «сервер»), «как лучше описать ошибку
чтобы вы её воспроизвели» (the entry on problems not reproduced leads the one on describing a problem), «что вообще
входит в вашу поддержку, а что нет» (above), «оптимизируйте пожалуйста запросы в модуле отчетов, очень долго строится»
(a report by «долго»). The 95% target is still not met on unseen wordings (held-out 18: 87.5% at first sight).

Sixteenth round (2026-12-04), issue 14. Held-out 19 (40: 28 questions, 6 off-topic, 6 reports) was written first,
from the entries' meaning, and measured once before any change: 87.5% (35/40: questions 25/28, off-topic 6/6, reports
4/6). Then a tuning batch of 33, appended to the tuning set: 8 misses seen in the console on 2026-12-04 (1/8 at first
sight) and 25 wordings of the same classes and others written during the round (13/25 at first sight), 27/33 after;
the three misses left alone last round were tried again (2/3 after). Kept, each general, none lowering any figure
(batch and older tuning cases moved in brackets): a verb of the program telling something followed by «что» («пишет,
что карта уже существует», «выдаёт, что нет прав») is a weak sign of a report, and that «что» quotes, it asks nothing
(2); a schedule of someone's work named in the genitive or after «для» («время работы сотрудника», «график работы для
сменщиков»: faq.intent.names_others_hours) is not support's, so support's hours do not answer it; «отдела поддержки»,
«инженеров» stay ours (2); a licence that ran out («закончилась лицензия», «лицензии истёк», either order, adjacent)
is a question of licensing, not the price of a key replaced after its warranty (3); «продление / продлить /
продлевать» are one word, and the entry on support's price got the phrasing «Нужно ли продлевать техподдержку?» (2);
the entry on what support covers got the phrasing «Что входит в поддержку, а что нет?» and the one on describing a
problem «Как описать ошибку, чтобы её можно было воспроизвести?» (2 older tuning misses); our product the subject of
a verb of capability in the third person («бастион поддерживает postgres?», «умеет ли бастион…», «бастион работает с
mysql?»: faq.intent.asks_what_product_does), with no operating system and no word of the support's own topics, asks
what the product can do, a consultation no entry answers: declined (5); a declined question is offered an entry
(«Возможно, поможет») only when they share a word naming a thing, or when words the base never uses weigh less than
0.4 of it (FaqIndex._related, SUGGEST_FOREIGN_SHARE: «скок стоит килограмм гречки» is no longer offered the price
of support, «за что вы берёте деньги» still is). Measured apart (declined questions, not reports, with the entry
offered; helpful = the offered entry passes the case): tuning 117 offered, 5 helpful, 103 beside off-topic → 90, 5,
77; all held-out sets 74, 20, 44 → 49, 20, 21.

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (1120 → 1153)           97.1% of 1120          97.3% of 1120 (the two older misses), 96.9% of 1153;
                                                          the batch 14/33 → 27/33
    held-out, new, 3, 4, 5         97.6 / 97.0 / 94.7 / 92.2 / 90.0%   unchanged
    held-out 6, 7, 8               90.0 / 95.0 / 90.0%                 unchanged
    held-out 9, 10, 11, 12         87.5 / 82.5 / 85.0 / 90.0%          unchanged
    held-out 13, 14, 15, 16        97.5 / 87.5 / 86.7 / 87.5%          unchanged
    held-out 17 (40)               92.5%                  95.0% (one case, by one of the round's rules; not attributed)
    held-out 18 (40)               90.0%                  90.0%
    held-out 19 (40, new)          87.5% first sight      87.5%
    off-topic declined             all but held-out 9 (5/6) and 14 (4/6); tuning 151/151 → 164/166 (the batch's two
                                   how-to questions left: tests/faq/test_accuracy.py OPEN_DECLINES)
    reports precision / recall     100% / 100%            100% / 100% (intents.yaml)
    suggestions beside reports     90.9%, 20/21 kept      95.2%, 20/21 kept (shown 22 → 21: one unhelpful dropped)
    query p99                      0.99 ms                0.97 ms (first sight 1.09 → 0.98 ms)

Tried and dropped: the phrasing «Как установить программу на сервер?» for the consultation on installation («как
установить бастион на новый сервер» got it, but «какую ОС ставить на сервер бастиона» and «какое железо брать под сервер
бастиона» lost the choice of system software and hardware: +3, −2); for the entry offered beside a declined question,
a shared word naming a thing alone (helpful kept: tuning 3/5, held-out 16/20), only words the question has as nouns or
adjectives («купить» no longer reads as «покупка»: held-out 16/20), and the share 0.2 or 0.3 of unknown words beside it
(held-out 19/20): the 0.4 kept is the fifteenth round's share, and three of these variants were counted on the
held-out sets, so the choice is not a clean measure. Left alone: «посоветуйте сериал на вечер» (shares «вечер»), «как
часто менять резину на зимнюю» («менять» reads as «замена»), «где купить дешевый монитор» («покупка»): still offered
an unrelated entry; «как установить бастион на новый сервер» (above), «лицензия на бастион закончилась, как продлить?»
(the words not adjacent), «сколько камер можно подключить к одному серверу бастиона», «можно ли в бастионе вести учёт
посетителей» (a system of request records reads as «учёт»), «с чем вообще вы помогаете, а с чем нет?». The 95% target
is still not met on unseen wordings (held-out 19: 87.5% at first sight).

Seventeenth round (2026-12-04), issue 14, from two helpers who played 60 clients in the console (no held-out set was
written or read this round). Content and general rules, each measured on every set before it was kept:
an unmarked key's replacement is one entry saying both cases of п. 6.5 and the handover (the two entries split by
«readable or not», which a client cannot tell, declined each other); «без наклейки», «номер на нём не написан»,
«куплен в 2010» read as an unmarked key; the consent's entry answers «кому вы передаёте мои данные» (not the product's
database); an entry on complaints, with «жаловаться», «претензия» read as «жалоба»; more licences are a purchase;
moving a licence is said in the licensing entry; other makers of security systems (PERCo, Болид, Trassir…) are other
vendors; a story of 40 words or more with a sentence of trouble is a report, with no entry offered beside it.

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (1,153)                 96.9%                  97.0%
    held-out 3 (57)                94.7%                  96.5% (the unmarked key's one entry)
    held-out 9 (40)                87.5%                  90.0% (the same)
    the other held-out sets        unchanged
    reports precision / recall     100% / 100%            100% / 100%
    suggestions beside reports     95.2%, 20/21 kept      95.2%, 20/21 kept
    query p99                      0.91 ms (quiet)        1.04 ms of CPU, 2.25 ms wall beside the test suite

Tried and dropped: the installation entry's answer reworded to say that we connect remotely for diagnostics (held-out 3,
9 and 18 lower: the graders and the scores read the regulation's words); a phrasing on moving a licence on the key's
entry («продлевать лицензии каждый год?» went to it). The 95% target on unseen wordings is not met: no new held-out set
was measured this round, and the newest first sight is still held-out 19's 87.5%.

Eighteenth round (2026-12-04), issue 14. Held-out 20 and a tuning batch of 40 were written first by a helper who read
only the entries' questions and answers and the regulation, never the phrasings, synonyms or code: 67.5% and 70.0% at
first sight, far below the 85–88% of the earlier sets. The base knew its entries by its own words. Then two more
helpers, blind to both sets, wrote eight clients' phrasings per entry (624); each was kept only if taking it out did not
raise the dev and tuning sets, the reports and the suggestions (a leave-one-out over the tuning side only, twice: 43
dropped), and five more went for the round's tests (one a copy of a dev question): 576 kept. A batch of 100 off-topic
questions sharing a desk's words («работает ли почта в субботу», «забыла пароль от вк») joined the tuning set: 85/99
at first sight. General rules from it: whoever «работает» beside a noun that is not us («работает ли почта», «до скольки
работает мфц») and a «расписание» or «график работы» of someone else's («поликлиники») asks someone else's hours;
another company's consumer service (вк, гугл, мтс, госуслуги…) or a messenger app looked after («как обновить
ватсап») is declined; a wish in the conditional («было бы круто, если бы…») is a wish; a sentence that alone is
someone else's matter («Windows Server 2019.») does not answer a message naming our product.

    measure                        before                 after
    dev (27)                       100%                   100%
    tuning (1,153 → 1,292)         97.0%                  96.4% (the batch's 40 and 99 included: 262/266 off-topic)
    held-out 20 (40, new)          67.5% (first sight)    90.0%
    held-out 1–19 (883)            91.6%, 809             93.0%, 821 (118/121 off-topic declined, as before)
      higher                       3 96.5 → 98.2, 5 90 → 94, 6 90 → 92.5, 7 95 → 97.5, 8 90 → 92.5, 10 82.5 → 90,
                                   12 90 → 97.5, 14 87.5 → 92.5, 15 86.7 → 93.3, 19 87.5 → 92.5
      lower                        held-out 97.6 → 96.3, 9 90 → 85, 13 97.5 → 95, 17 95 → 90; held-out 16 answers one
                                   off-topic question (5/6), held-out 14 one fewer (4/6 → 5/6 declined)
    reports precision / recall     100% / 100%            100% / 100%
    suggestions beside reports     95.2%, 20/21 kept      95.2%, 20/21 kept
    index build / query p99        0.65 s / 0.91 ms       0.74 s / 0.89 ms

Tried and dropped: a negation written apart read as the word written together («не лицензионный» as
«нелицензионный»): held-out, 3 and 9 one lower each. Left open: «нужна ли лицензия на продажу алкоголя для ип», «где
взять ключ активации для офиса 2019», «можно ли отправлять снилс работодателю по вотсапу» are answered by the sales
department's and the messengers' entries. Held-out 21 was then written the same way, after every change of the
round, and measured once: 90.0% (36/40, one of its six off-topic questions answered); the code before the round scores
it 72.5% (29/40). So the phrasings generalise, but the 95% target on unseen wordings is still not met.

Nineteenth round (2026-12-04), issue 14. Tuning batch 21 and held-out 22 were written blind as before (batch 21 75.0%
at first sight; held-out 22 80.0% on the code of the eighteenth round, measured once and kept out of this table until
the round was over). Two helpers wrote six more phrasings per entry in another style (two long with a situation, two
indirect, two blunt; 468). The long and indirect ones shifted the whole scoring: with all of them, after two passes of
leave-one-out pruning, held-out sets 4, 5, 6, 9, 10, 11, 16 and 17 rose by one to three cases each, but four more of the
tuning side's off-topic questions were answered («сколько стоит такси до шереметьево ночью» got the entry on requests
sent at night) and six cases of earlier rounds' tests were lost, none of them to one phrasing a single drop could
undo (four were copies of dev questions, dropped). Kept: the blunt ones of seven words or fewer, pruned the same way
and for two cases of those tests, 150 in all.

    measure                        before                 after
    tuning (1,292 → 1,332)         96.4%                  95.9% (with batch 21: 31/40; 268/272 off-topic)
    held-out 9 / 13 / 18           85.0 / 95.0 / 90.0%    87.5 / 97.5 / 92.5%
    the other held-out sets        unchanged
    reports, suggestions           100% / 100%, 95.2%     unchanged
    query p99                      0.86 ms                0.92 ms

Held-out 22, measured once after the round: 80.0% (32/40), as before it. The two blind sets written since the base
learnt clients' words score 90.0% (held-out 21) and 80.0% (held-out 22) at first sight: the 95% target on unseen
wordings is not met.

Round of 2026-12-05, from a console probe's clients: «стоит ли» before a verb other than buying reads as «имеет смысл»
(«чем отличается бастион 2 от бастион 3, стоит ли переходить?» got the prices): held-out 19 92.5 → 95.0%, everything
else unchanged. Tried and dropped: two phrasings of a burnt key on the warranty entry («ключ сгорел после грозы,
гарантия есть?» gets the entry on mechanical damage): held-out 16 and 18 lost one question each."""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from faq.embeddings import load_vectors  # noqa: E402
from faq.grading import helpful_entries, load_cases, passes, suggestion_helps  # noqa: E402
from faq.retriever import FaqAnswer, FaqIndex  # noqa: E402

DEFAULT_DEV_SET = REPO.parent / "shared" / "data" / "faq-dev-set.yaml"
TESTS = REPO / "tests" / "faq"
# Measured only: their misses are not printed, so that nobody tunes on them.
HELDOUT_SETS = {
    "held-out": TESTS / "heldout.yaml",
    "new held-out": TESTS / "heldout-new.yaml",
    "held-out 3": TESTS / "heldout-3.yaml",
    "held-out 4": TESTS / "heldout-4.yaml",
    "held-out 5": TESTS / "heldout-5.yaml",
    "held-out 6": TESTS / "heldout-6.yaml",
    "held-out 7": TESTS / "heldout-7.yaml",
    "held-out 8": TESTS / "heldout-8.yaml",
    "held-out 9": TESTS / "heldout-9.yaml",
    "held-out 10": TESTS / "heldout-10.yaml",
    "held-out 11": TESTS / "heldout-11.yaml",
    "held-out 12": TESTS / "heldout-12.yaml",
    "held-out 13": TESTS / "heldout-13.yaml",
    "held-out 14": TESTS / "heldout-14.yaml",
    "held-out 15": TESTS / "heldout-15.yaml",
    # written before the thirteenth round, measured once before any change (its first sight)
    "held-out 16": TESTS / "heldout-16.yaml",
    # written before the fourteenth round, measured once before any change (its first sight)
    "held-out 17": TESTS / "heldout-17.yaml",
    # written before the fifteenth round, measured once before any change (its first sight)
    "held-out 18": TESTS / "heldout-18.yaml",
    # written before the sixteenth round, measured once before any change (its first sight)
    "held-out 19": TESTS / "heldout-19.yaml",
    # written before the eighteenth round, blind to the phrasings and synonyms, measured once before any change
    "held-out 20": TESTS / "heldout-20.yaml",
    # written after the eighteenth round the same way, measured once: the first sight of the phrasings it added
    "held-out 21": TESTS / "heldout-21.yaml",
    # written before the nineteenth round the same way, measured before it and once after it
    "held-out 22": TESTS / "heldout-22.yaml",
}
INTENTS = TESTS / "intents.yaml"
# Problem reports labelled with the entry that would help beside the ticket (or none): measured only.
REPORT_SUGGESTIONS = TESTS / "report-suggestions.yaml"
TARGET_SUGGESTION_PRECISION = 0.9
TUNING = TESTS / "tuning.yaml"  # with the dev set, what the thresholds were calibrated on
TARGET_ACCURACY = 0.95
TARGET_REPORT = 0.95
TARGET_P99_MS = 5.0
TARGET_BUILD_S = 2.0


@dataclass(frozen=True)
class Miss:
    case: dict
    answer: FaqAnswer


def evaluate(index: FaqIndex, cases: list[dict]) -> tuple[float, list[Miss]]:
    misses = []
    for case in cases:
        answer = index.search(case["q"])
        if not passes(case, answer):
            misses.append(Miss(case, answer))
    return 1 - len(misses) / len(cases), misses


def report_detection(index: FaqIndex, labelled: dict[str, list[str]]) -> tuple[float, float, list[str]]:
    """Precision and recall of `report`, and the texts it got wrong."""
    wrong = []
    true_positive = false_positive = 0
    for label, texts in labelled.items():
        for text in texts:
            said = index.search(text).report
            if said != (label == "reports"):
                wrong.append(f"{label}: {text!r}")
            true_positive += said and label == "reports"
            false_positive += said and label != "reports"
    reports = len(labelled["reports"])
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 0.0
    return precision, true_positive / reports, wrong


@dataclass(frozen=True)
class Suggestions:
    """Beside the reports of a labelled set: what the clients are offered («Возможно, поможет»)."""

    reports: int
    shown: int  # reports offered an entry
    helping: int  # of those, offered one that helps
    helpful: int  # reports some entry would help
    kept: int  # of those, offered one that helps
    answered: int  # not taken for a report, answered as a question instead

    @property
    def precision(self) -> float:
        return self.helping / self.shown if self.shown else 1.0


def suggestions(index: FaqIndex, cases: list[dict]) -> Suggestions:
    answers = [(case, index.search(case["q"])) for case in cases]
    judged = [suggestion_helps(case, answer) for case, answer in answers]
    return Suggestions(
        reports=len(cases),
        shown=sum(verdict is not None for verdict in judged),
        helping=sum(verdict is True for verdict in judged),
        helpful=sum(bool(helpful_entries(case)) for case in cases),
        kept=sum(
            verdict is True and bool(helpful_entries(case)) for (case, _), verdict in zip(answers, judged, strict=True)
        ),
        answered=sum(answer.answered and not answer.report for _, answer in answers),
    )


def resident_mb() -> float:
    """The process's resident memory now (Linux), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def latencies_ms(index: FaqIndex, queries: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Per query, the wall-clock time and the CPU time of this thread: on a loaded machine
    the two part when the scheduler takes the CPU away in the middle of a query."""
    wall, cpu = [], []
    for _ in range(repeat):
        for query in queries:
            started, started_cpu = time.perf_counter(), time.thread_time()
            index.search(query)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
    return wall, cpu


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-set", type=Path, default=Path(os.environ.get("FAQ_DEV_SET", DEFAULT_DEV_SET)))
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    console = Console(width=140)

    rss_before = resident_mb()
    started = time.perf_counter()
    load_vectors()  # what the first index build pays for the embeddings, measured apart
    vectors_s, rss_vectors = time.perf_counter() - started, resident_mb() - rss_before
    index = FaqIndex.from_directory()
    build_s, rss_cost = time.perf_counter() - started, resident_mb() - rss_before

    tuning_sets = {
        "dev": load_cases(args.dev_set),
        "tuning": yaml.safe_load(TUNING.read_text(encoding="utf-8"))["cases"],
    }
    heldout_sets = {name: load_cases(path) for name, path in HELDOUT_SETS.items()}
    results = {name: evaluate(index, cases) for name, cases in {**tuning_sets, **heldout_sets}.items()}
    labelled = yaml.safe_load(INTENTS.read_text(encoding="utf-8"))
    precision, recall, wrong_intents = report_detection(index, labelled)
    offered = suggestions(index, yaml.safe_load(REPORT_SUGGESTIONS.read_text(encoding="utf-8"))["cases"])

    queries = [case["q"] for cases in (*tuning_sets.values(), *heldout_sets.values()) for case in cases]
    queries += [text for texts in labelled.values() for text in texts]
    queries += [text for entry in index.entries for text in entry.phrasings]
    first_sight, first_sight_cpu = latencies_ms(index, queries, 1)  # words not yet in the lemma caches
    warm, warm_cpu = latencies_ms(index, queries, args.repeat - 1)
    timings, cpu = first_sight + warm, first_sight_cpu + warm_cpu
    p50, p99 = percentile(timings, 0.5), percentile(timings, 0.99)
    p99_first = percentile(first_sight, 0.99)

    table = Table(title=f"FAQ retrieval: {len(index.entries)} entries")
    for column in ("measure", "value", "target", "met"):
        table.add_column(column)
    met = []

    def row(measure: str, value: str, target: str, ok: bool | None) -> None:
        table.add_row(measure, value, target, "" if ok is None else ("yes" if ok else "NO"))
        if ok is not None:
            met.append(ok)

    reports = len(labelled["reports"])
    row(f"reports recall ({reports} reports)", f"{recall:.1%}", "≥ 95%", recall >= TARGET_REPORT)
    others = sum(len(texts) for label, texts in labelled.items() if label != "reports")
    row(f"reports precision (+{others} others)", f"{precision:.1%}", "≥ 95%", precision >= TARGET_REPORT)
    row(
        f"suggestions beside reports ({offered.reports})",
        f"shown {offered.shown}/{offered.reports}, precision {offered.precision:.1%}, "
        f"helpful kept {offered.kept}/{offered.helpful}, {offered.answered} answered as questions",
        "precision ≥ 90%",
        offered.precision >= TARGET_SUGGESTION_PRECISION,
    )
    for name, cases in {**tuning_sets, **heldout_sets}.items():
        accuracy, misses = results[name]
        off_topic = sum(case.get("answered") is False for case in cases)
        declined = off_topic - sum(miss.case.get("answered") is False for miss in misses)
        row(
            f"{name} accuracy ({len(cases)} questions)",
            f"{accuracy:.1%}, declined {declined}/{off_topic} off-topic",
            "≥ 95%, all off-topic declined",
            accuracy >= TARGET_ACCURACY and declined == off_topic,
        )
    row("index build", f"{build_s:.2f} s", f"< {TARGET_BUILD_S:.0f} s", build_s < TARGET_BUILD_S)
    row("  of which loading word vectors", f"{vectors_s:.2f} s", "", None)
    row("resident memory of the index", f"{rss_cost:+.0f} MiB", "", None)
    row("  of which word vectors", f"{rss_vectors:+.0f} MiB", "", None)
    row(f"query p50 ({len(timings)} queries)", f"{p50:.2f} ms", "", None)
    row("query p99", f"{p99:.2f} ms", f"< {TARGET_P99_MS:.0f} ms", p99 < TARGET_P99_MS)
    row("  p99 of CPU time", f"{percentile(cpu, 0.99):.2f} ms", "", None)
    row(
        f"query p99, first sight ({len(first_sight)})",
        f"{p99_first:.2f} ms",
        f"< {TARGET_P99_MS:.0f} ms",
        p99_first < TARGET_P99_MS,
    )
    console.print(table)

    for text in wrong_intents:
        console.print(f"[red]report missed or wrongly taken[/red] {text}")
    for name in tuning_sets:
        for miss in results[name][1]:
            top = miss.answer.results[0] if miss.answer.results else None
            found = f"{top.id} ({top.score:.2f})" if top else "nothing"
            expected = {key: value for key, value in miss.case.items() if key != "q"}
            console.print(
                f"[red]{name} miss[/red] {miss.case['q']!r}: "
                f"answered={miss.answer.answered}, top={found}, expected {expected}"
            )
    return 0 if all(met) else 1


if __name__ == "__main__":
    raise SystemExit(main())
