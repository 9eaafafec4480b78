import { INPUT_REFUSAL_MESSAGES } from "./inputRefusalMessages.js"
import type { Messages } from "./messages.js"
import { fillPlaceholders } from "./placeholders.js"
import { RECORD_REFUSAL_MESSAGES } from "./recordRefusalMessages.js"
import { WORKFLOW_REFUSAL_MESSAGES } from "./workflowRefusalMessages.js"

/**
 * The explanations of our own checks, for `{detail}` after a colon: a schema's pattern or filter
 * whose rule Effect cannot put into words (named with `explained(key)`), and the rules the API
 * checks by hand (named with `reason(key)`, refusal*Messages.ts), so the API answers either in the
 * caller's language (explainIssue.ts). Codes, examples and characters a value may contain stay as
 * they are sent.
 */
export const CHECK_MESSAGES = {
  email: {
    en: "an e-mail address such as name@example.com",
    ru: "адрес электронной почты, например name@example.com",
    kk: "электрондық пошта мекенжайы, мысалы name@example.com",
    tr: "name@example.com gibi bir e-posta adresi",
  },
  phone: {
    en: 'a phone number in international form, "+7 701 123 4567"',
    ru: 'номер телефона в международном формате, "+7 701 123 4567"',
    kk: 'халықаралық пішімдегі телефон нөмірі, "+7 701 123 4567"',
    tr: 'uluslararası biçimde bir telefon numarası, "+7 701 123 4567"',
  },
  timeZone: {
    en: 'an IANA time zone such as "Asia/Almaty"',
    ru: 'часовой пояс IANA, например "Asia/Almaty"',
    kk: 'IANA уақыт белдеуі, мысалы "Asia/Almaty"',
    tr: '"Asia/Almaty" gibi bir IANA saat dilimi',
  },
  isoDate: {
    en: "a date YYYY-MM-DD, a real calendar day between {min} and {max}",
    ru: "дата в формате ГГГГ-ММ-ДД, существующий календарный день с {min} по {max} год",
    kk: "ЖЖЖЖ-АА-КК пішіміндегі күн, {min}–{max} жылдар аралығындағы нақты күнтізбелік күн",
    tr: "YYYY-AA-GG biçiminde, {min} ile {max} yılları arasında gerçek bir takvim günü",
  },
  isoDateTime: {
    en: "an ISO 8601 date-time with a zone such as 2026-11-22T10:00:00Z, between {min} and {max}",
    ru: "дата и время по ISO 8601 с часовым поясом, например 2026-11-22T10:00:00Z, с {min} по {max} год",
    kk: "уақыт белдеуі көрсетілген ISO 8601 күні мен уақыты, мысалы 2026-11-22T10:00:00Z, {min}–{max} жылдар аралығында",
    tr: "2026-11-22T10:00:00Z gibi saat dilimi belirtilmiş bir ISO 8601 tarih-saat, {min} ile {max} yılları arasında",
  },
  money: {
    en: 'an amount is a decimal string such as "23500.00"',
    ru: 'сумма — десятичное число в виде строки, например "23500.00"',
    kk: 'сома — жол түріндегі ондық сан, мысалы "23500.00"',
    tr: 'tutar "23500.00" gibi ondalıklı bir metin olmalı',
  },
  positiveMoney: {
    en: "an amount above zero",
    ru: "сумма больше нуля",
    kk: "нөлден үлкен сома",
    tr: "sıfırdan büyük bir tutar",
  },
  rate: {
    en: 'a rate is a decimal string such as "512.35"',
    ru: 'курс — десятичное число в виде строки, например "512.35"',
    kk: 'бағам — жол түріндегі ондық сан, мысалы "512.35"',
    tr: 'kur "512.35" gibi ondalıklı bir metin olmalı',
  },
  positiveRate: {
    en: "a rate above zero",
    ru: "курс больше нуля",
    kk: "нөлден үлкен бағам",
    tr: "sıfırdan büyük bir kur",
  },
  currency: {
    en: "a currency is an ISO 4217 code such as KZT",
    ru: "валюта — код ISO 4217, например KZT",
    kk: "валюта — ISO 4217 коды, мысалы KZT",
    tr: "para birimi KZT gibi bir ISO 4217 kodu olmalı",
  },
  countryCode: {
    en: 'a country code of two capital letters, e.g. "KZ"',
    ru: 'код страны из двух заглавных латинских букв, например "KZ"',
    kk: 'екі бас латын әрпінен тұратын ел коды, мысалы "KZ"',
    tr: 'iki büyük harften oluşan bir ülke kodu, örneğin "KZ"',
  },
  pageNumber: {
    en: "a page number from 1",
    ru: "номер страницы от 1",
    kk: "1-ден басталатын бет нөмірі",
    tr: "1'den başlayan bir sayfa numarası",
  },
  pageSize: {
    en: "a page size from 1 to {max}",
    ru: "размер страницы от 1 до {max}",
    kk: "беттегі жазбалар саны: ең кемі 1, ең көбі {max}",
    tr: "1 ile {max} arasında bir sayfa boyutu",
  },
  days: {
    en: "a whole number of days from 0 to {max}",
    ru: "целое число дней от 0 до {max}",
    kk: "күндердің бүтін саны: ең кемі 0, ең көбі {max}",
    tr: "0 ile {max} arasında tam gün sayısı",
  },
  hours: {
    en: "a whole number of hours from 0 to {max}",
    ru: "целое число часов от 0 до {max}",
    kk: "сағаттардың бүтін саны: ең кемі 0, ең көбі {max}",
    tr: "0 ile {max} arasında tam saat sayısı",
  },
  count: {
    en: "a whole number from 0 to {max}",
    ru: "целое число от 0 до {max}",
    kk: "бүтін сан: ең кемі 0, ең көбі {max}",
    tr: "0 ile {max} arasında bir tam sayı",
  },
  timeOfDay: {
    en: 'a time of day such as "{example}"',
    ru: 'время суток, например "{example}"',
    kk: 'тәулік уақыты, мысалы "{example}"',
    tr: '"{example}" gibi bir saat',
  },
  deviceId: {
    en: "a device id is 3 to 64 letters, digits, '.', '_' or '-'",
    ru: "идентификатор устройства — от 3 до 64 латинских букв, цифр, «.», «_» или «-»",
    kk: "құрылғы идентификаторы: 3-тен 64-ке дейін латын әрпі, цифр, «.», «_» немесе «-»",
    tr: "cihaz kimliği 3 ila 64 harf, rakam, '.', '_' veya '-' karakterinden oluşur",
  },
  deviceIdentifier: {
    en: "an identifier is 1 to 64 letters, digits, '.', '_', ':' or '-'",
    ru: "идентификатор — от 1 до 64 латинских букв, цифр, «.», «_», «:» или «-»",
    kk: "идентификатор: 1-ден 64-ке дейін латын әрпі, цифр, «.», «_», «:» немесе «-»",
    tr: "tanımlayıcı 1 ila 64 harf, rakam, '.', '_', ':' veya '-' karakterinden oluşur",
  },
  deviceModel: {
    en: "a model is 1 to 32 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit",
    ru: "модель — от 1 до 32 латинских букв, цифр, пробелов, «.», «_» или «-», первой идёт буква или цифра",
    kk: "модель: 1-ден 32-ге дейін латын әрпі, цифр, бос орын, «.», «_» немесе «-», алдымен әріп не цифр тұрады",
    tr: "model 1 ila 32 harf, rakam, boşluk, '.', '_' veya '-' karakterinden oluşur ve bir harf ya da rakamla başlar",
  },
  ioTarget: {
    en: "a target is ignition, odometerM, fuelLevelPct, fuelUsedL, batteryV, hdop, engineSeconds, driverKey, ignore or attrs.<name> (a letter, then up to 57 letters, digits or _)",
    ru: "назначение — ignition, odometerM, fuelLevelPct, fuelUsedL, batteryV, hdop, engineSeconds, driverKey, ignore или attrs.<имя> (латинская буква, затем до 57 латинских букв, цифр или _)",
    kk: "мақсаты: ignition, odometerM, fuelLevelPct, fuelUsedL, batteryV, hdop, engineSeconds, driverKey, ignore немесе attrs.<атау> (латын әрпі, одан кейін 57-ге дейін латын әрпі, цифр немесе _)",
    tr: "hedef ignition, odometerM, fuelLevelPct, fuelUsedL, batteryV, hdop, engineSeconds, driverKey, ignore veya attrs.<ad> olmalı (bir harf, ardından en fazla 57 harf, rakam veya _)",
  },
  ioMappedTwice: {
    en: "IO id {io} is mapped twice",
    ru: "IO с номером {io} указан дважды",
    kk: "{io} нөмірлі IO екі рет көрсетілген",
    tr: "{io} numaralı IO iki kez eşlenmiş",
  },
  digitalOutputs: {
    en: "one character per output (DOUT1 first): 1 on, 0 off, ? unchanged; 1 to 4 of them",
    ru: "по одному символу на выход (первым DOUT1): 1 — включить, 0 — выключить, ? — не менять; от 1 до 4 символов",
    kk: "әр шығысқа бір таңба (алдымен DOUT1): 1 — қосу, 0 — өшіру, ? — өзгертпеу; 1-ден 4-ке дейін таңба",
    tr: "her çıkış için bir karakter (önce DOUT1): 1 açık, 0 kapalı, ? değişmez; 1 ila 4 karakter",
  },
  rawCommand: {
    en: "1 to 500 printable ASCII characters on one line",
    ru: "от 1 до 500 печатаемых символов ASCII в одну строку",
    kk: "бір жолда 1-ден 500-ге дейін басылатын ASCII таңбасы",
    tr: "tek satırda 1 ila 500 yazdırılabilir ASCII karakteri",
  },
  plate: {
    en: 'a plate of letters, digits, spaces and hyphens, at most 20 characters, e.g. "123 ABC 02"',
    ru: 'госномер из букв, цифр, пробелов и дефисов, не длиннее 20 символов, например "123 ABC 02"',
    kk: 'әріптерден, цифрлардан, бос орындар мен дефистерден тұратын, ең көбі 20 таңбалы нөмір, мысалы "123 ABC 02"',
    tr: 'harf, rakam, boşluk ve kısa çizgiden oluşan, en fazla 20 karakterlik bir plaka, örneğin "123 ABC 02"',
  },
  vin: {
    en: "a VIN is 17 characters: digits and letters without I, O and Q",
    ru: "VIN — 17 символов: цифры и латинские буквы, кроме I, O и Q",
    kk: "VIN 17 таңбадан тұрады: цифрлар және I, O, Q-дан басқа латын әріптері",
    tr: "VIN 17 karakterdir: rakamlar ve I, O, Q dışındaki harfler",
  },
  licenceNumber: {
    en: "letters, digits, spaces and dashes",
    ru: "буквы, цифры, пробелы и дефисы",
    kk: "әріптер, цифрлар, бос орындар мен дефистер",
    tr: "harfler, rakamlar, boşluklar ve kısa çizgiler",
  },
  licenceCategoriesOnce: {
    en: "each category once",
    ru: "каждая категория — только один раз",
    kk: "әр санат тек бір рет",
    tr: "her kategori yalnızca bir kez",
  },
  filename: {
    en: "a file name of 1 to 255 characters without a path, control characters or outer spaces",
    ru: "имя файла от 1 до 255 символов без пути, управляющих символов и пробелов по краям",
    kk: "1-ден 255-ке дейін таңбадан тұратын файл атауы: жолсыз, басқару таңбаларынсыз, шеттерінде бос орынсыз",
    tr: "yol, kontrol karakteri ve baştaki ya da sondaki boşluklar olmadan 1 ila 255 karakterlik bir dosya adı",
  },
  notificationType: {
    en: "a known notification type, such as overspeed or licence_expiry",
    ru: "известный тип уведомления, например overspeed или licence_expiry",
    kk: "белгілі хабарландыру түрі, мысалы overspeed немесе licence_expiry",
    tr: "overspeed veya licence_expiry gibi bilinen bir bildirim türü",
  },
  telegramChatId: {
    en: 'a Telegram chat id such as "-1001234567890" or "@fleet_alerts"',
    ru: 'идентификатор чата Telegram, например "-1001234567890" или "@fleet_alerts"',
    kk: 'Telegram чатының идентификаторы, мысалы "-1001234567890" немесе "@fleet_alerts"',
    tr: '"-1001234567890" veya "@fleet_alerts" gibi bir Telegram sohbet kimliği',
  },
  telegramLinkCode: {
    en: "ten capital letters and digits",
    ru: "десять заглавных латинских букв и цифр",
    kk: "он бас латын әрпі мен цифр",
    tr: "on büyük harf ve rakam",
  },
  httpUrl: {
    en: "an http:// or https:// URL",
    ru: "адрес, начинающийся с http:// или https://",
    kk: "http:// немесе https:// деп басталатын мекенжай",
    tr: "http:// veya https:// ile başlayan bir adres",
  },
  hostName: {
    en: "a host name",
    ru: "имя хоста",
    kk: "хост атауы",
    tr: "bir sunucu adı",
  },
  totpCode: {
    en: "six digits",
    ru: "шесть цифр",
    kk: "алты цифр",
    tr: "altı rakam",
  },
  recoveryCode: {
    en: "a recovery code such as abcde-12345",
    ru: "код восстановления, например abcde-12345",
    kk: "қалпына келтіру коды, мысалы abcde-12345",
    tr: "abcde-12345 gibi bir kurtarma kodu",
  },
  ...RECORD_REFUSAL_MESSAGES,
  ...WORKFLOW_REFUSAL_MESSAGES,
  ...INPUT_REFUSAL_MESSAGES,
} as const satisfies Readonly<Record<string, Messages>>

export type CheckMessageKey = keyof typeof CHECK_MESSAGES

/** The values of a check message's placeholders (limits, examples), the same in every language. */
export type CheckMessageValues = Readonly<Record<string, string | number>>

export const isCheckMessageKey = (key: unknown): key is CheckMessageKey =>
  typeof key === "string" && Object.hasOwn(CHECK_MESSAGES, key)

/**
 * The annotations of a check explained by CHECK_MESSAGES[key]: Effect's own `message` (English,
 * what other formatters show) and the key and values explainIssue.ts translates from.
 */
export const explained = (key: CheckMessageKey, values: CheckMessageValues = {}) => {
  const message = fillPlaceholders(CHECK_MESSAGES[key].en, values)
  if (message === null) throw new Error(`explained("${key}") needs a value for each placeholder`)
  return { message, messageKey: key, messageValues: values }
}
