import type { Messages } from "./messages.js"

/**
 * Why the API refuses a record's input by hand, where a rule spans fields or needs the stored
 * state (api `refuse(...)`): the `{detail}` of an error message, after "field «x»:", so each
 * starts in lower case and does not name its field. Placeholders: values as they are sent
 * (currencies, kinds, names), `{max}` a number followed by `{unit}` (SCHEMA_UNITS).
 */
export const RECORD_REFUSAL_MESSAGES = {
  afterStart: {
    en: "must be after the start",
    ru: "должно быть позже начала",
    kk: "басталу уақытынан кейін болуы керек",
    tr: "başlangıçtan sonra olmalı",
  },
  notInFuture: {
    en: "cannot be in the future",
    ru: "не может быть в будущем",
    kk: "болашақта болуы мүмкін емес",
    tr: "gelecekte olamaz",
  },
  inFuture: {
    en: "must be in the future",
    ru: "должно быть в будущем",
    kk: "болашақта болуы керек",
    tr: "gelecekte olmalı",
  },
  notAfterPlannedEnd: {
    en: "cannot be after the planned end",
    ru: "не может быть позже запланированного окончания",
    kk: "жоспарланған аяқталу уақытынан кейін болуы мүмкін емес",
    tr: "planlanan bitişten sonra olamaz",
  },
  beforeStart: {
    en: "is before the start",
    ru: "раньше даты начала",
    kk: "басталу күнінен бұрын",
    tr: "başlangıç tarihinden önce",
  },
  beforeIssued: {
    en: "is before the issue date",
    ru: "раньше даты выдачи",
    kk: "берілген күнінен бұрын",
    tr: "düzenlenme tarihinden önce",
  },
  notBeforeFrom: {
    en: "must not be before from",
    ru: "не может быть раньше from",
    kk: "from мәнінен бұрын болмауы керек",
    tr: "from değerinden önce olamaz",
  },
  afterFrom: {
    en: "must be after from",
    ru: "должно быть позже from",
    kk: "from мәнінен кейін болуы керек",
    tr: "from değerinden sonra olmalı",
  },
  afterFromWithin: {
    en: "must be after from, at most {max} {unit} later",
    ru: "должно быть позже from, в пределах {max} {unit}",
    kk: "from мәнінен кейін, бірақ ең көбі {max} {unit} кейін болуы керек",
    tr: "from değerinden sonra ve en fazla {max} {unit} sonra olmalı",
  },
  periodAtMost: {
    en: "a period covers at most {max} {unit}",
    ru: "период охватывает не более {max} {unit}",
    kk: "кезең ең көбі {max} {unit} қамтиды",
    tr: "bir dönem en fazla {max} {unit} kapsar",
  },
  fromAfterTo: {
    en: "from is after to",
    ru: "from позже, чем to",
    kk: "from мәні to мәнінен кейін",
    tr: "from, to değerinden sonra",
  },
  customNeedsBoth: {
    en: "a custom period needs both from and to",
    ru: "для произвольного периода нужны и from, и to",
    kk: "еркін кезеңге from да, to да қажет",
    tr: "özel dönem için hem from hem to gerekir",
  },
  fromToCustomOnly: {
    en: "from and to go with period=custom only",
    ru: "from и to указываются только при period=custom",
    kk: "from және to тек period=custom кезінде беріледі",
    tr: "from ve to yalnızca period=custom ile verilir",
  },
  noNul: {
    en: "must not contain NUL characters",
    ru: "не должно содержать символы NUL",
    kk: "NUL таңбалары болмауы керек",
    tr: "NUL karakteri içermemeli",
  },
  needsCurrency: {
    en: "required when a price is given",
    ru: "обязательно, если указана цена",
    kk: "баға көрсетілсе, міндетті",
    tr: "bir fiyat verildiğinde zorunludur",
  },
  ownCurrency: {
    en: "{currency} is the organisation's own currency: its rate is always 1",
    ru: "{currency} — собственная валюта организации: её курс всегда 1",
    kk: "{currency} — ұйымның өз валютасы: оның бағамы әрқашан 1",
    tr: "{currency} kuruluşun kendi para birimi: kuru her zaman 1",
  },
  insuranceOnly: {
    en: "only insurance contracts have coverage details",
    ru: "сведения о страховом покрытии бывают только у договоров страхования",
    kk: "сақтандыру өтемі туралы мәліметтер тек сақтандыру шарттарында болады",
    tr: "teminat bilgileri yalnızca sigorta sözleşmelerinde olur",
  },
  paidOnlyDate: {
    en: "a payment date belongs to a paid fine",
    ru: "дата оплаты указывается только для оплаченного штрафа",
    kk: "төлем күні тек төленген айыппұлға көрсетіледі",
    tr: "ödeme tarihi yalnızca ödenmiş bir cezaya verilir",
  },
  vinCheckDigit: {
    en: "the check digit (position 9) of this North-American VIN should be {expected}: a character is mistyped",
    ru: "контрольная цифра (9-я позиция) этого североамериканского VIN должна быть {expected}: какой-то символ введён неверно",
    kk: "бұл Солтүстік Америка VIN-інің бақылау цифры (9-позиция) {expected} болуы керек: бір таңба қате терілген",
    tr: "bu Kuzey Amerika VIN'inin kontrol hanesi (9. konum) {expected} olmalı: bir karakter yanlış yazılmış",
  },
  plateOrVin: {
    en: "give a plate or a VIN, not both",
    ru: "укажите госномер или VIN, но не оба",
    kk: "мемлекеттік нөмірді немесе VIN-ді көрсетіңіз, екеуін бірге емес",
    tr: "plaka veya VIN verin, ikisini birden değil",
  },
  nothingToSearch: {
    en: "nothing to search for",
    ru: "пустое значение: искать нечего",
    kk: "мәні бос: іздейтін ештеңе жоқ",
    tr: "değer boş: aranacak bir şey yok",
  },
  driverRoleOnly: {
    en: "goes with the role driver only",
    ru: "указывается только для роли driver",
    kk: "тек driver рөліне көрсетіледі",
    tr: "yalnızca driver rolüyle verilir",
  },
  assigneeNeeded: {
    en: "assigning needs the person to assign",
    ru: "для назначения укажите сотрудника",
    kk: "тағайындау үшін қызметкерді көрсетіңіз",
    tr: "atama için kişiyi belirtin",
  },
  latWithLon: {
    en: "give both lat and lon, or neither",
    ru: "укажите и lat, и lon или ни одного из них",
    kk: "lat пен lon екеуін де көрсетіңіз немесе ешқайсысын көрсетпеңіз",
    tr: "lat ve lon'un ikisini de verin ya da hiçbirini vermeyin",
  },
  notOfGeofenceKind: {
    en: "not a field of a {kind} geofence",
    ru: "не относится к геозоне типа {kind}",
    kk: "{kind} түріндегі геоаймаққа жатпайды",
    tr: "{kind} türündeki coğrafi sınırın alanı değil",
  },
  oneTarget: {
    en: "give exactly one of vehicleTypeId and vehicleId",
    ru: "укажите ровно одно из двух: vehicleTypeId или vehicleId",
    kk: "vehicleTypeId немесе vehicleId — дәл біреуін көрсетіңіз",
    tr: "vehicleTypeId ve vehicleId'den tam olarak birini verin",
  },
  oneInterval: {
    en: "give everyKm, everyMonths or both",
    ru: "укажите everyKm, everyMonths или оба",
    kk: "everyKm, everyMonths немесе екеуін де көрсетіңіз",
    tr: "everyKm, everyMonths veya ikisini birden verin",
  },
  serviceWithCompleted: {
    en: "a completed repair needs its service record, and only a completed one has it",
    ru: "сведения о ремонте нужны выполненному ремонту, и только ему",
    kk: "орындалған жөндеуге қызмет көрсету жазбасы қажет және ол тек соған беріледі",
    tr: "tamamlanmış bir onarım servis kaydı gerektirir ve yalnızca tamamlanmış olanın kaydı olur",
  },
  serviceOdometerBelow: {
    en: "below {floorKm} km, the vehicle's odometer recorded on or before that day",
    ru: "меньше {floorKm} км — пробега этой машины, записанного на этот день или раньше",
    kk: "{floorKm} км-ден аз — осы көліктің сол күні немесе одан бұрын жазылған одометр көрсеткіші",
    tr: "aracın o gün veya daha önce kaydedilen kilometre sayacı olan {floorKm} kilometrenin altında",
  },
  fuelNeedsLitres: {
    en: "a fuel expense needs the litres refuelled",
    ru: "для расхода на топливо укажите количество литров",
    kk: "жанармай шығынына құйылған литр санын көрсетіңіз",
    tr: "yakıt gideri için alınan litre miktarını verin",
  },
  amountRequired: {
    en: "an amount is required (only a refuel may be logged without one)",
    ru: "нужна сумма (без суммы можно записать только заправку)",
    kk: "сома қажет (сомасыз тек жанармай құюды жазуға болады)",
    tr: "tutar gereklidir (yalnızca yakıt alımı tutarsız kaydedilebilir)",
  },
  fuelOnly: {
    en: "only a fuel expense has this",
    ru: "указывается только для расходов на топливо",
    kk: "тек жанармай шығындарына көрсетіледі",
    tr: "yalnızca yakıt giderlerinde verilir",
  },
  referenceMissing: {
    en: "names nothing in your organisation",
    ru: "в вашей организации такой записи нет",
    kk: "сіздің ұйымыңызда мұндай жазба жоқ",
    tr: "kuruluşunuzda böyle bir kayıt yok",
  },
  notTicketWorker: {
    en: "names no active user of your organisation who works tickets",
    ru: "не указывает на активного сотрудника вашей организации, который работает с заявками",
    kk: "ұйымыңыздың өтінімдермен жұмыс істейтін белсенді пайдаланушысын көрсетпейді",
    tr: "kuruluşunuzda talepler üzerinde çalışan etkin bir kullanıcıyı göstermiyor",
  },
  documentsOfOther: {
    en: "must name documents of this {entity}",
    ru: "должны указывать на документы этой записи ({entity})",
    kk: "осы жазбаның ({entity}) құжаттарын көрсетуі керек",
    tr: "bu kaydın ({entity}) belgelerini göstermeli",
  },
  filterNotVisible: {
    en: "names nothing you can see",
    ru: "не указывает ни на что из доступного вам",
    kk: "сізге қолжетімді ешнәрсені көрсетпейді",
    tr: "görebileceğiniz hiçbir kaydı göstermiyor",
  },
  noCandidate: {
    en: "no such reading among the photo's candidates",
    ru: "такого варианта показания на фото нет",
    kk: "фотодағы нұсқалар арасында мұндай көрсеткіш жоқ",
    tr: "fotoğraftaki adaylar arasında böyle bir okuma yok",
  },
  belowVehicleOdometer: {
    en: "is below the vehicle's odometer ({km} km): only the vehicle's managers may set it back",
    ru: "меньше одометра автомобиля ({km} км): уменьшить его могут только менеджеры автомобиля",
    kk: "көліктің одометрінен ({km} км) аз: оны тек көлік менеджерлері азайта алады",
    tr: "aracın kilometre sayacının ({km} kilometre) altında: yalnızca aracın yöneticileri onu geri alabilir",
  },
} as const satisfies Readonly<Record<string, Messages>>
