import type { Language } from "./language.js"
import type { Messages } from "./messages.js"

/**
 * What is wrong with a value that fails its schema, by the kind of failure (explainIssue.ts picks
 * one from the issue's structure). They fill `{detail}` of an error message, after a colon, so
 * they start in lower case. Placeholders: `{min}`/`{max}` limits, `{unit}` a noun agreeing with the
 * limit before it (SCHEMA_UNITS), `{types}` what was expected (SCHEMA_TYPES, joined with "or"),
 * `{values}` the allowed codes as they are sent.
 */
export const SCHEMA_ISSUE_MESSAGES = {
  invalid: {
    en: "the value is not valid",
    ru: "недопустимое значение",
    kk: "мәні жарамсыз",
    tr: "değer geçersiz",
  },
  missingKey: {
    en: "required, but missing",
    ru: "обязательное поле, но оно не передано",
    kk: "бұл өріс міндетті, бірақ ол берілмеген",
    tr: "bu alan zorunlu ama gönderilmemiş",
  },
  unexpectedKey: {
    en: "not expected here",
    ru: "такого поля здесь быть не должно",
    kk: "мұндай өріс мұнда болмауы керек",
    tr: "bu alan burada beklenmiyor",
  },
  type: {
    en: "must be {types}",
    ru: "ожидается {types}",
    kk: "күтілетін мән: {types}",
    tr: "beklenen: {types}",
  },
  oneOf: {
    en: "must be one of: {values}",
    ru: "допустимые значения: {values}",
    kk: "рұқсат етілген мәндер: {values}",
    tr: "izin verilen değerler: {values}",
  },
  nonEmpty: {
    en: "must not be empty",
    ru: "не должно быть пустым",
    kk: "бос болмауы керек",
    tr: "boş olmamalı",
  },
  minLength: {
    en: "must be at least {min} {unit}",
    ru: "требуется не менее {min} {unit}",
    kk: "кемінде {min} {unit} болуы керек",
    tr: "en az {min} {unit} olmalı",
  },
  maxLength: {
    en: "must be at most {max} {unit}",
    ru: "допускается не более {max} {unit}",
    kk: "ең көбі {max} {unit} болуы керек",
    tr: "en fazla {max} {unit} olmalı",
  },
  betweenLength: {
    en: "must be {min} to {max} {unit}",
    ru: "требуется от {min} до {max} {unit}",
    kk: "кемінде {min}, ең көбі {max} {unit} болуы керек",
    tr: "{min} ile {max} {unit} arasında olmalı",
  },
  between: {
    en: "must be from {min} to {max}",
    ru: "должно быть от {min} до {max}",
    kk: "ең кемі {min}, ең көбі {max} болуы керек",
    tr: "{min} ile {max} arasında olmalı",
  },
  greaterThan: {
    en: "must be greater than {min}",
    ru: "должно быть больше {min}",
    kk: "{min} санынан үлкен болуы керек",
    tr: "{min} değerinden büyük olmalı",
  },
  greaterThanOrEqualTo: {
    en: "must be at least {min}",
    ru: "должно быть не меньше {min}",
    kk: "ең кемі {min} болуы керек",
    tr: "en az {min} olmalı",
  },
  lessThan: {
    en: "must be less than {max}",
    ru: "должно быть меньше {max}",
    kk: "{max} санынан кіші болуы керек",
    tr: "{max} değerinden küçük olmalı",
  },
  lessThanOrEqualTo: {
    en: "must be at most {max}",
    ru: "должно быть не больше {max}",
    kk: "ең көбі {max} болуы керек",
    tr: "en fazla {max} olmalı",
  },
  int: {
    en: "must be a whole number",
    ru: "должно быть целым числом",
    kk: "бүтін сан болуы керек",
    tr: "tam sayı olmalı",
  },
  finite: {
    en: "must be a finite number",
    ru: "должно быть конечным числом",
    kk: "ақырлы сан болуы керек",
    tr: "sonlu bir sayı olmalı",
  },
  pattern: {
    en: "has the wrong format",
    ru: "неверный формат",
    kk: "пішімі қате",
    tr: "biçimi hatalı",
  },
  trimmed: {
    en: "must not start or end with a space",
    ru: "не должно начинаться или заканчиваться пробелом",
    kk: "басында немесе соңында бос орын болмауы керек",
    tr: "başında veya sonunda boşluk olmamalı",
  },
  uuid: {
    en: "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000",
    ru: "ожидается UUID, например 123e4567-e89b-12d3-a456-426614174000",
    kk: "UUID болуы керек, мысалы 123e4567-e89b-12d3-a456-426614174000",
    tr: "123e4567-e89b-12d3-a456-426614174000 gibi bir UUID olmalı",
  },
} as const satisfies Readonly<Record<string, Messages>>

export type SchemaIssueMessageKey = keyof typeof SCHEMA_ISSUE_MESSAGES

/** What a value was expected to be, as a noun phrase for `{types}`. */
export const SCHEMA_TYPES = {
  string: { en: "text", ru: "текст", kk: "мәтін", tr: "metin" },
  number: { en: "a number", ru: "число", kk: "сан", tr: "sayı" },
  boolean: {
    en: "true or false",
    ru: "логическое значение (true или false)",
    kk: "логикалық мән (true немесе false)",
    tr: "mantıksal değer (true veya false)",
  },
  array: { en: "a list", ru: "список", kk: "тізім", tr: "liste" },
  object: { en: "an object", ru: "объект", kk: "нысан", tr: "nesne" },
  null: { en: "null", ru: "пустое значение", kk: "бос мән", tr: "boş değer" },
} as const satisfies Readonly<Record<string, Messages>>

export type SchemaTypeName = keyof typeof SCHEMA_TYPES

/**
 * What a length or a limit counts, in the form that follows a number in SCHEMA_ISSUE_MESSAGES and
 * CHECK_MESSAGES, by the number's plural category (`Intl.PluralRules`); `other` when the language
 * has no such category.
 * Russian takes the genitive after «не более/не менее/до»: 1 символа, 5 символов, 21 символа.
 */
export const SCHEMA_UNITS = {
  characters: {
    en: { one: "character", other: "characters" },
    ru: { one: "символа", few: "символов", many: "символов", other: "символа" },
    kk: { other: "таңба" },
    tr: { other: "karakter" },
  },
  items: {
    en: { one: "item", other: "items" },
    ru: { one: "элемента", few: "элементов", many: "элементов", other: "элемента" },
    kk: { other: "элемент" },
    tr: { other: "öğe" },
  },
  days: {
    en: { one: "day", other: "days" },
    ru: { one: "дня", few: "дней", many: "дней", other: "дня" },
    kk: { other: "күн" },
    tr: { other: "gün" },
  },
  files: {
    en: { one: "file", other: "files" },
    ru: { one: "файла", few: "файлов", many: "файлов", other: "файла" },
    kk: { other: "файл" },
    tr: { other: "dosya" },
  },
  bytes: {
    en: { one: "byte", other: "bytes" },
    ru: { one: "байта", few: "байтов", many: "байтов", other: "байта" },
    kk: { other: "байт" },
    tr: { other: "bayt" },
  },
} as const satisfies Readonly<
  Record<string, Readonly<Record<Language, Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>>>
>

export type SchemaUnit = keyof typeof SCHEMA_UNITS
