import type { Messages } from "./messages.js"

/**
 * Why the API refuses a workflow, a step of it or an operations request (tasks, onboarding,
 * moderation, schedules, devices, change requests): `{detail}` texts as in
 * recordRefusalMessages.ts. State, event and step names stay as they are sent.
 */
export const WORKFLOW_REFUSAL_MESSAGES = {
  stateTwice: {
    en: 'state "{state}" is declared twice',
    ru: "состояние «{state}» объявлено дважды",
    kk: "«{state}» күйі екі рет жарияланған",
    tr: "«{state}» durumu iki kez tanımlanmış",
  },
  initialAndFinal: {
    en: 'state "{state}" cannot be both initial and final',
    ru: "состояние «{state}» не может быть одновременно начальным и конечным",
    kk: "«{state}» күйі бір мезгілде бастапқы да, соңғы да бола алмайды",
    tr: "«{state}» durumu hem başlangıç hem son durum olamaz",
  },
  noInitial: {
    en: "one state must be initial",
    ru: "одно из состояний должно быть начальным",
    kk: "күйлердің бірі бастапқы болуы керек",
    tr: "durumlardan biri başlangıç durumu olmalı",
  },
  manyInitials: {
    en: "only one state may be initial, not {states}",
    ru: "начальным может быть только одно состояние, а не {states}",
    kk: "тек бір күй бастапқы бола алады, {states} емес",
    tr: "yalnızca bir durum başlangıç durumu olabilir, {states} değil",
  },
  oneFinal: {
    en: "at least one state must be final",
    ru: "хотя бы одно состояние должно быть конечным",
    kk: "кемінде бір күй соңғы болуы керек",
    tr: "en az bir durum son durum olmalı",
  },
  stateUndeclared: {
    en: 'state "{state}" is not declared',
    ru: "состояние «{state}» не объявлено",
    kk: "«{state}» күйі жарияланбаған",
    tr: "«{state}» durumu tanımlanmamış",
  },
  selfTransition: {
    en: 'a transition cannot lead from "{state}" to itself',
    ru: "переход не может вести из «{state}» в то же состояние",
    kk: "ауысу «{state}» күйінен өзіне апара алмайды",
    tr: "bir geçiş «{state}» durumundan kendisine gidemez",
  },
  leavesFinal: {
    en: '"{state}" is final: no transition may leave it',
    ru: "«{state}» — конечное состояние: из него не может быть переходов",
    kk: "«{state}» — соңғы күй: одан ешбір ауысу болмайды",
    tr: "«{state}» son durumdur: ondan hiçbir geçiş çıkamaz",
  },
  transitionTwice: {
    en: 'the transition from "{from}" to "{to}" is declared twice',
    ru: "переход из «{from}» в «{to}» объявлен дважды",
    kk: "«{from}» күйінен «{to}» күйіне ауысу екі рет жарияланған",
    tr: "«{from}» durumundan «{to}» durumuna geçiş iki kez tanımlanmış",
  },
  triggerTwice: {
    en: '"{event}" has two triggers',
    ru: "у события «{event}» два триггера",
    kk: "«{event}» оқиғасының екі триггері бар",
    tr: "«{event}» olayının iki tetikleyicisi var",
  },
  ignitionNeedsMinutes: {
    en: "an ignition trigger needs its minutes",
    ru: "триггеру зажигания нужно число минут",
    kk: "от алдыру триггеріне минут саны қажет",
    tr: "kontak tetikleyicisi dakika sayısı gerektirir",
  },
  minutesIgnitionOnly: {
    en: "only an ignition trigger takes minutes",
    ru: "число минут задаётся только для триггера зажигания",
    kk: "минут саны тек от алдыру триггеріне беріледі",
    tr: "dakika yalnızca kontak tetikleyicisine verilir",
  },
  openedInFinal: {
    en: 'a task cannot be opened in the final state "{state}"',
    ru: "задачу нельзя открыть в конечном состоянии «{state}»",
    kk: "тапсырманы «{state}» соңғы күйінде ашу мүмкін емес",
    tr: "görev «{state}» son durumunda açılamaz",
  },
  unreachable: {
    en: 'state "{state}" cannot be reached from the initial state by any transition',
    ru: "в состояние «{state}» нельзя попасть из начального ни одним переходом",
    kk: "«{state}» күйіне бастапқы күйден ешбір ауысу арқылы жету мүмкін емес",
    tr: "«{state}» durumuna başlangıç durumundan hiçbir geçişle ulaşılamaz",
  },
  strandedState: {
    en: 'open tasks are in state "{state}", which the workflow no longer declares',
    ru: "открытые задачи находятся в состоянии «{state}», которого в процессе больше нет",
    kk: "ашық тапсырмалар «{state}» күйінде, ал жұмыс процесінде ол енді жоқ",
    tr: "açık görevler «{state}» durumunda, iş akışı artık bu durumu tanımlamıyor",
  },
  finalState: {
    en: '"{from}" is final: the task cannot move to "{to}"',
    ru: "«{from}» — конечное состояние: задачу нельзя перевести в «{to}»",
    kk: "«{from}» — соңғы күй: тапсырманы «{to}» күйіне ауыстыру мүмкін емес",
    tr: "«{from}» son durumdur: görev «{to}» durumuna geçemez",
  },
  stepNotAllowed: {
    en: 'a task in "{from}" cannot move to "{to}"; allowed: {allowed}',
    ru: "задачу из состояния «{from}» нельзя перевести в «{to}»; допустимо: {allowed}",
    kk: "«{from}» күйіндегі тапсырманы «{to}» күйіне ауыстыру мүмкін емес; рұқсат етілгені: {allowed}",
    tr: "«{from}» durumundaki görev «{to}» durumuna geçemez; izin verilenler: {allowed}",
  },
  stepNeedsComment: {
    en: 'moving to "{to}" needs a comment',
    ru: "для перехода в «{to}» нужен комментарий",
    kk: "«{to}» күйіне өту үшін түсініктеме қажет",
    tr: "«{to}» durumuna geçmek için yorum gerekir",
  },
  stepNeedsPhoto: {
    en: 'moving to "{to}" needs a photo',
    ru: "для перехода в «{to}» нужна фотография",
    kk: "«{to}» күйіне өту үшін фотосурет қажет",
    tr: "«{to}» durumuna geçmek için fotoğraf gerekir",
  },
  stepNeedsDocument: {
    en: 'moving to "{to}" needs a document (PDF)',
    ru: "для перехода в «{to}» нужен документ (PDF)",
    kk: "«{to}» күйіне өту үшін құжат (PDF) қажет",
    tr: "«{to}» durumuna geçmek için belge (PDF) gerekir",
  },
  stepNeedsChecklist: {
    en: 'moving to "{to}" needs every checklist item; not ticked: {items}',
    ru: "для перехода в «{to}» нужно отметить все пункты чек-листа; не отмечены: {items}",
    kk: "«{to}» күйіне өту үшін тексеру тізімінің барлық тармағын белгілеу керек; белгіленбегені: {items}",
    tr: "«{to}» durumuna geçmek için kontrol listesinin tüm maddeleri işaretlenmeli; işaretlenmeyenler: {items}",
  },
  stepNeedsSignature: {
    en: 'moving to "{to}" needs a signature',
    ru: "для перехода в «{to}» нужна подпись",
    kk: "«{to}» күйіне өту үшін қолтаңба қажет",
    tr: "«{to}» durumuna geçmek için imza gerekir",
  },
  commentOrAttachment: {
    en: "a comment or an attachment is needed",
    ru: "нужен комментарий или вложение",
    kk: "түсініктеме немесе тіркеме қажет",
    tr: "bir yorum veya ek gereklidir",
  },
  reasonInNotes: {
    en: 'the step "{step}" needs the reason in the notes',
    ru: "для шага «{step}» укажите причину в примечании",
    kk: "«{step}» қадамы үшін себебін ескертпеде көрсетіңіз",
    tr: "«{step}» adımı için gerekçeyi notlara yazın",
  },
  decisionNeedsReason: {
    en: 'the decision "{decision}" needs a reason for the centre',
    ru: "для решения «{decision}» укажите центру причину",
    kk: "«{decision}» шешімі үшін орталыққа себебін көрсетіңіз",
    tr: "«{decision}» kararı için merkeze bir gerekçe verin",
  },
  proposeAField: {
    en: "propose at least one field",
    ru: "предложите изменение хотя бы одного поля",
    kk: "кемінде бір өрісті өзгертуді ұсыныңыз",
    tr: "en az bir alan için değişiklik önerin",
  },
  chooseFormat: {
    en: "choose at least one format",
    ru: "выберите хотя бы один формат",
    kk: "кемінде бір пішімді таңдаңыз",
    tr: "en az bir biçim seçin",
  },
  giveRecipient: {
    en: "give at least one recipient",
    ru: "укажите хотя бы одного получателя",
    kk: "кемінде бір алушыны көрсетіңіз",
    tr: "en az bir alıcı verin",
  },
  weeklyNeedsWeekday: {
    en: "a weekly schedule needs its weekday",
    ru: "для еженедельного расписания нужен день недели",
    kk: "апта сайынғы кестеге апта күні қажет",
    tr: "haftalık zamanlama haftanın bir gününü gerektirir",
  },
  monthlyNeedsDay: {
    en: "a monthly schedule needs its day of the month",
    ru: "для ежемесячного расписания нужен день месяца",
    kk: "ай сайынғы кестеге айдың күні қажет",
    tr: "aylık zamanlama ayın bir gününü gerektirir",
  },
  protocolSwitch: {
    en: "a device changes protocol only between teltonika, osmand and gt06; register a new device instead",
    ru: "протокол устройства можно менять только между teltonika, osmand и gt06; вместо этого зарегистрируйте новое устройство",
    kk: "құрылғы протоколын тек teltonika, osmand және gt06 арасында ауыстыруға болады; оның орнына жаңа құрылғыны тіркеңіз",
    tr: "cihaz protokolü yalnızca teltonika, osmand ve gt06 arasında değişebilir; bunun yerine yeni bir cihaz kaydedin",
  },
  identifierNotId: {
    en: "this identifier cannot serve as a device id: give one as id",
    ru: "этот идентификатор не подходит как id устройства: укажите id отдельно",
    kk: "бұл идентификатор құрылғы id-і бола алмайды: id-ді бөлек көрсетіңіз",
    tr: "bu tanımlayıcı cihaz kimliği olamaz: id'yi ayrıca verin",
  },
  secretNoIdentifier: {
    en: "a fleetcore device proves itself with a secret and has no identifier",
    ru: "устройство fleetcore подтверждает себя секретом, идентификатора у него нет",
    kk: "fleetcore құрылғысы өзін құпия кілтпен растайды, оның идентификаторы жоқ",
    tr: "fleetcore cihazı kendini gizli bir anahtarla doğrular ve tanımlayıcısı yoktur",
  },
  identifierRequired: {
    en: "a {protocol} device needs its identifier",
    ru: "устройству {protocol} нужен идентификатор",
    kk: "{protocol} құрылғысына идентификатор қажет",
    tr: "{protocol} cihazının tanımlayıcısı gerekir",
  },
  imei: {
    en: "a {protocol} identifier is the device's IMEI: 15 digits ending in the Luhn check digit",
    ru: "идентификатор {protocol} — это IMEI устройства: 15 цифр, последняя — контрольная цифра по алгоритму Луна",
    kk: "{protocol} идентификаторы — құрылғының IMEI коды: 15 цифр, соңғысы — Лун алгоритмі бойынша бақылау цифры",
    tr: "{protocol} tanımlayıcısı cihazın IMEI numarasıdır: Luhn kontrol hanesiyle biten 15 rakam",
  },
} as const satisfies Readonly<Record<string, Messages>>
