import { describe, expect, it } from "vitest"
import { identifierProblem } from "../endpoints/devices.js"
import { vinProblem } from "../vehicleIdentity.js"
import { explanationText } from "./explainIssue.js"
import { INPUT_REFUSAL_MESSAGES } from "./inputRefusalMessages.js"
import type { Language } from "./language.js"
import { type Reason, reason } from "./reason.js"
import { RECORD_REFUSAL_MESSAGES } from "./recordRefusalMessages.js"
import { WORKFLOW_REFUSAL_MESSAGES } from "./workflowRefusalMessages.js"

const REFUSALS = { ...RECORD_REFUSAL_MESSAGES, ...WORKFLOW_REFUSAL_MESSAGES, ...INPUT_REFUSAL_MESSAGES }

/** `why` in each language, spaces normalised (Intl writes numbers with no-break spaces). */
const said = (why: Reason | null | undefined) => {
  if (why == null) throw new Error("no reason")
  const text = (language: Language) => explanationText({ path: [], ...why }, language).replace(/\s/gu, " ")
  return { en: text("en"), ru: text("ru"), kk: text("kk"), tr: text("tr") }
}

const days = (n: number) => ({ max: n, unit: { unit: "days", count: n } }) as const

/**
 * Words a refusal may keep as they are sent in every language: wire keys and values, protocol
 * and product names, formats. Anything else Latin in ru/kk, or shared with English in tr, is
 * English left untranslated.
 */
const AS_SENT = new Set(
  (
    "from to period custom lat lon id driver vehicleTypeId vehicleId everyKm everyMonths " +
    "teltonika osmand gt06 fleetcore Luhn VIN IMEI YYYY USD SELECT SETTINGS NUL UTF CSV PDF ClickHouse multipart form data"
  ).split(" "),
)

/** The words of a message, its placeholders left out. */
const words = (text: string): ReadonlyArray<string> =>
  text.replace(/\{[a-zA-Z]+\}/gu, "").match(/[\p{L}\p{N}_]+/gu) ?? []

describe("refusal reasons: the API's own rules, in en, ru, kk and tr", () => {
  it("leave no English word in ru and kk, and share none with English in tr", () => {
    for (const [key, messages] of Object.entries(REFUSALS)) {
      for (const language of ["ru", "kk"] as const) {
        const english = words(messages[language]).filter((w) => /[A-Za-z]/u.test(w) && !AS_SENT.has(w))
        expect(english, `${key} ${language}: ${messages[language]}`).toEqual([])
      }
      const englishWords = new Set(words(messages.en).map((w) => w.toLowerCase()))
      const shared = words(messages.tr).filter(
        (w) => w.length > 1 && englishWords.has(w.toLowerCase()) && !AS_SENT.has(w) && !/^\d+$/u.test(w),
      )
      expect(shared, `${key} tr: ${messages.tr}`).toEqual([])
    }
  })

  it("count days with the plural form the number takes, numbers written per language", () => {
    expect(said(reason("periodAtMost", days(366)))).toEqual({
      en: "a period covers at most 366 days",
      ru: "период охватывает не более 366 дней",
      kk: "кезең ең көбі 366 күн қамтиды",
      tr: "bir dönem en fazla 366 gün kapsar",
    })
    expect(said(reason("periodAtMost", days(31)))).toMatchObject({
      en: "a period covers at most 31 days",
      ru: "период охватывает не более 31 дня",
    })
    expect(said(reason("afterFromWithin", days(93)))).toEqual({
      en: "must be after from, at most 93 days later",
      ru: "должно быть позже from, в пределах 93 дней",
      kk: "from мәнінен кейін, бірақ ең көбі 93 күн кейін болуы керек",
      tr: "from değerinden sonra ve en fazla 93 gün sonra olmalı",
    })
    expect(said(reason("longerThan", { max: 65_536, unit: { unit: "bytes", count: 65_536 } }))).toMatchObject(
      { en: "longer than 65,536 bytes", ru: "длиннее 65 536 байтов", tr: "65.536 bayt sınırından uzun" },
    )
    expect(said(reason("filesPerUpload", { max: 1, unit: { unit: "files", count: 1 } }))).toMatchObject({
      en: "at most 1 file per upload",
      ru: "не более 1 файла за одну загрузку",
    })
  })

  it("name states, columns and files as they are sent, in the words of each language", () => {
    expect(
      said(
        reason("stepNotAllowed", {
          from: "created",
          to: "completed",
          allowed: { codes: ["on_site", "cancelled"] },
        }),
      ),
    ).toEqual({
      en: 'a task in "created" cannot move to "completed"; allowed: on_site, cancelled',
      ru: "задачу из состояния «created» нельзя перевести в «completed»; допустимо: on_site, cancelled",
      kk: "«created» күйіндегі тапсырманы «completed» күйіне ауыстыру мүмкін емес; рұқсат етілгені: on_site, cancelled",
      tr: "«created» durumundaki görev «completed» durumuna geçemez; izin verilenler: on_site, cancelled",
    })
    expect(said(reason("unknownColumn", { column: "colour" }))).toEqual({
      en: 'unknown column "colour"',
      ru: "неизвестный столбец «colour»",
      kk: "белгісіз баған: «colour»",
      tr: "bilinmeyen sütun: «colour»",
    })
    expect(said(reason("extraCells", { cells: 7, columns: 5 }))).toEqual({
      en: "the row has more cells (7) than the header has columns (5)",
      ru: "в строке больше ячеек (7), чем столбцов в заголовке (5)",
      kk: "жолдағы ұяшықтар (7) тақырыптағы бағандардан (5) көп",
      tr: "satırda başlıktaki sütunlardan (5) daha fazla hücre (7) var",
    })
    expect(said(reason("ownCurrency", { currency: "KZT" }))).toEqual({
      en: "KZT is the organisation's own currency: its rate is always 1",
      ru: "KZT — собственная валюта организации: её курс всегда 1",
      kk: "KZT — ұйымның өз валютасы: оның бағамы әрқашан 1",
      tr: "KZT kuruluşun kendi para birimi: kuru her zaman 1",
    })
  })

  it("take a schema's own wording where it fits (a password's length)", () => {
    const tooShort = reason("minLength", { min: 10, unit: { unit: "characters", count: 10 } })
    expect(tooShort.message).toEqual({ kind: "issue", key: "minLength" })
    expect(said(tooShort)).toEqual({
      en: "must be at least 10 characters",
      ru: "требуется не менее 10 символов",
      kk: "кемінде 10 таңба болуы керек",
      tr: "en az 10 karakter olmalı",
    })
  })

  it("explain a wrong VIN check digit and a device identifier in each language", () => {
    expect(said(vinProblem("1HGBH41JXMN109999"))).toMatchObject({
      en: "the check digit (position 9) of this North-American VIN should be 7: a character is mistyped",
      ru: "контрольная цифра (9-я позиция) этого североамериканского VIN должна быть 7: какой-то символ введён неверно",
    })
    expect(said(identifierProblem("teltonika", "123"))).toEqual({
      en: "a Teltonika identifier is the device's IMEI: 15 digits ending in the Luhn check digit",
      ru: "идентификатор Teltonika — это IMEI устройства: 15 цифр, последняя — контрольная цифра по алгоритму Луна",
      kk: "Teltonika идентификаторы — құрылғының IMEI коды: 15 цифр, соңғысы — Лун алгоритмі бойынша бақылау цифры",
      tr: "Teltonika tanımlayıcısı cihazın IMEI numarasıdır: Luhn kontrol hanesiyle biten 15 rakam",
    })
  })
})
