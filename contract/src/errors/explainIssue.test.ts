import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Email } from "../endpoints/common.js"
import { KnownNotificationType } from "../endpoints/notifications.js"
import { IsoDate, PageSize, Uuid } from "../schemas.js"
import { TeltonikaIoMap } from "../teltonikaIoMap.js"
import { explainIssue, explanationText } from "./explainIssue.js"
import type { Language } from "./language.js"

const Input = Schema.Struct({
  name: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
  initial: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(1))),
  tags: Schema.optionalKey(Schema.Array(Schema.String).check(Schema.isMaxLength(2))),
  title: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  token: Schema.optionalKey(Schema.String.check(Schema.isMinLength(20))),
  code: Schema.optionalKey(Schema.String.check(Schema.isBetweenLength(2, 5))),
  seats: Schema.optionalKey(Schema.NullOr(Schema.Int)),
  units: Schema.optionalKey(Schema.Literals(["metric", "imperial"])),
  year: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1900, maximum: 2100 }))),
  km: Schema.optionalKey(Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 10_000_000 }))),
  litres: Schema.optionalKey(Schema.Number.check(Schema.isGreaterThan(0))),
  floor: Schema.optionalKey(Schema.Number.check(Schema.isGreaterThanOrEqualTo(-5))),
  ceiling: Schema.optionalKey(Schema.Number.check(Schema.isLessThanOrEqualTo(40))),
  below: Schema.optionalKey(Schema.Number.check(Schema.isLessThan(3))),
  letter: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[a-z]$/u))),
  label: Schema.optionalKey(Schema.String.check(Schema.isTrimmed())),
  id: Schema.optionalKey(Uuid),
  active: Schema.optionalKey(Schema.Boolean),
  email: Schema.optionalKey(Email),
  pageSize: Schema.optionalKey(PageSize),
  day: Schema.optionalKey(IsoDate),
  io: Schema.optionalKey(TeltonikaIoMap),
  type: Schema.optionalKey(KnownNotificationType),
  odd: Schema.optionalKey(Schema.Number.check(Schema.makeFilter((n) => n % 2 === 1))),
  even: Schema.optionalKey(Schema.Number.check(Schema.makeFilter((n) => n % 2 === 0, { message: "even" }))),
  plate: Schema.String,
})

/** The explanation of what `input` gets wrong, in each language, and where. */
const explain = (input: unknown) => {
  const result = Schema.decodeUnknownResult(Input, { onExcessProperty: "error" })(input)
  if (Result.isSuccess(result)) throw new Error(`${JSON.stringify(input)} was accepted`)
  const explanation = explainIssue(result.failure.issue)
  const text = (language: Language) => explanationText(explanation, language).replace(/\s/gu, " ")
  return { path: explanation.path, en: text("en"), ru: text("ru"), kk: text("kk"), tr: text("tr") }
}

const refused = (field: string, value: unknown) => explain({ plate: "A 1", [field]: value })

describe("explainIssue: why a value failed its schema, in en, ru, kk and tr", () => {
  it("a text too long, counted in characters that agree with the number", () => {
    expect(refused("name", "x".repeat(201))).toEqual({
      path: ["name"],
      en: "must be at most 200 characters",
      ru: "допускается не более 200 символов",
      kk: "ең көбі 200 таңба болуы керек",
      tr: "en fazla 200 karakter olmalı",
    })
    expect(refused("initial", "xy")).toMatchObject({
      en: "must be at most 1 character",
      ru: "допускается не более 1 символа",
    })
  })

  it("a list too long counts items; too short, empty and between lengths", () => {
    expect(refused("tags", ["a", "b", "c"])).toMatchObject({
      en: "must be at most 2 items",
      ru: "допускается не более 2 элементов",
      kk: "ең көбі 2 элемент болуы керек",
      tr: "en fazla 2 öğe olmalı",
    })
    expect(refused("title", "")).toMatchObject({
      en: "must not be empty",
      ru: "не должно быть пустым",
      kk: "бос болмауы керек",
      tr: "boş olmamalı",
    })
    expect(refused("token", "short")).toMatchObject({
      en: "must be at least 20 characters",
      ru: "требуется не менее 20 символов",
      kk: "кемінде 20 таңба болуы керек",
      tr: "en az 20 karakter olmalı",
    })
    expect(refused("code", "abcdef")).toMatchObject({
      en: "must be 2 to 5 characters",
      ru: "требуется от 2 до 5 символов",
      kk: "кемінде 2, ең көбі 5 таңба болуы керек",
      tr: "2 ile 5 karakter arasında olmalı",
    })
  })

  it("a missing key and an unexpected key", () => {
    expect(explain({})).toEqual({
      path: ["plate"],
      en: "required, but missing",
      ru: "обязательное поле, но оно не передано",
      kk: "бұл өріс міндетті, бірақ ол берілмеген",
      tr: "bu alan zorunlu ama gönderilmemiş",
    })
    expect(refused("colour", "red")).toEqual({
      path: ["colour"],
      en: "not expected here",
      ru: "такого поля здесь быть не должно",
      kk: "мұндай өріс мұнда болмауы керек",
      tr: "bu alan burada beklenmiyor",
    })
  })

  it("a value of the wrong type names the expected kinds", () => {
    expect(explain({ plate: 7 })).toEqual({
      path: ["plate"],
      en: "must be text",
      ru: "ожидается текст",
      kk: "күтілетін мән: мәтін",
      tr: "beklenen: metin",
    })
    expect(refused("seats", "four")).toMatchObject({
      en: "must be a number or null",
      ru: "ожидается число или пустое значение",
      kk: "күтілетін мән: сан не бос мән",
      tr: "beklenen: sayı veya boş değer",
    })
    expect(refused("active", "yes")).toMatchObject({
      en: "must be true or false",
      ru: "ожидается логическое значение (true или false)",
    })
    expect(explain("plate")).toMatchObject({ path: [], en: "must be an object", ru: "ожидается объект" })
  })

  it("a value outside its literals lists the allowed codes as they are sent", () => {
    expect(refused("units", "nautical")).toEqual({
      path: ["units"],
      en: "must be one of: metric, imperial",
      ru: "допустимые значения: metric, imperial",
      kk: "рұқсат етілген мәндер: metric, imperial",
      tr: "izin verilen değerler: metric, imperial",
    })
  })

  it("numbers out of range, with limits written the language's way", () => {
    expect(refused("year", 1800)).toMatchObject({
      en: "must be from 1900 to 2100",
      ru: "должно быть от 1900 до 2100",
      kk: "ең кемі 1900, ең көбі 2100 болуы керек",
      tr: "1900 ile 2100 arasında olmalı",
    })
    expect(refused("km", -1)).toMatchObject({
      en: "must be from 0 to 10,000,000",
      ru: "должно быть от 0 до 10 000 000",
      kk: "ең кемі 0, ең көбі 10 000 000 болуы керек",
      tr: "0 ile 10.000.000 arasında olmalı",
    })
    expect(refused("litres", 0)).toMatchObject({
      en: "must be greater than 0",
      ru: "должно быть больше 0",
      kk: "0 санынан үлкен болуы керек",
      tr: "0 değerinden büyük olmalı",
    })
    expect(refused("floor", -6)).toMatchObject({
      en: "must be at least -5",
      ru: "должно быть не меньше -5",
      kk: "ең кемі -5 болуы керек",
      tr: "en az -5 olmalı",
    })
    expect(refused("ceiling", 41)).toMatchObject({
      en: "must be at most 40",
      ru: "должно быть не больше 40",
      kk: "ең көбі 40 болуы керек",
      tr: "en fazla 40 olmalı",
    })
    expect(refused("below", 3)).toMatchObject({
      en: "must be less than 3",
      ru: "должно быть меньше 3",
      kk: "3 санынан кіші болуы керек",
      tr: "3 değerinden küçük olmalı",
    })
    expect(refused("seats", 1.5)).toMatchObject({
      en: "must be a whole number",
      ru: "должно быть целым числом",
      kk: "бүтін сан болуы керек",
      tr: "tam sayı olmalı",
    })
  })

  it("patterns, outer spaces and UUIDs", () => {
    expect(refused("letter", "ab")).toMatchObject({
      en: "has the wrong format",
      ru: "неверный формат",
      kk: "пішімі қате",
      tr: "biçimi hatalı",
    })
    expect(refused("label", " x")).toMatchObject({
      en: "must not start or end with a space",
      ru: "не должно начинаться или заканчиваться пробелом",
      kk: "басында немесе соңында бос орын болмауы керек",
      tr: "başında veya sonunda boşluk olmamalı",
    })
    expect(refused("id", "42")).toMatchObject({
      ru: "ожидается UUID, например 123e4567-e89b-12d3-a456-426614174000",
      tr: "123e4567-e89b-12d3-a456-426614174000 gibi bir UUID olmalı",
    })
  })

  it("our own checks are explained from their catalogue entry, with their values", () => {
    expect(refused("email", "nobody")).toEqual({
      path: ["email"],
      en: "an e-mail address such as name@example.com",
      ru: "адрес электронной почты, например name@example.com",
      kk: "электрондық пошта мекенжайы, мысалы name@example.com",
      tr: "name@example.com gibi bir e-posta adresi",
    })
    expect(refused("pageSize", "500")).toMatchObject({
      en: "a page size from 1 to 200",
      ru: "размер страницы от 1 до 200",
    })
    expect(refused("day", "2026-02-30")).toMatchObject({
      en: "a date YYYY-MM-DD, a real calendar day between 1900 and 2200",
      ru: "дата в формате ГГГГ-ММ-ДД, существующий календарный день с 1900 по 2200 год",
    })
    expect(refused("type", "pigeon")).toMatchObject({
      kk: "белгілі хабарландыру түрі, мысалы overspeed немесе licence_expiry",
    })
    expect(
      refused("io", [
        { io: 7, to: "ignition" },
        { io: 7, to: "ignore" },
      ]),
    ).toEqual({
      path: ["io", 1, "io"],
      en: "IO id 7 is mapped twice",
      ru: "IO с номером 7 указан дважды",
      kk: "7 нөмірлі IO екі рет көрсетілген",
      tr: "7 numaralı IO iki kez eşlenmiş",
    })
  })

  it("a check it cannot put into words is 'not valid', never an English message in another language", () => {
    for (const field of ["odd", "even"]) {
      expect(refused(field, 2 + Number(field === "even"))).toEqual({
        path: [field],
        en: "the value is not valid",
        ru: "недопустимое значение",
        kk: "мәні жарамсыз",
        tr: "değer geçersiz",
      })
    }
  })
})
