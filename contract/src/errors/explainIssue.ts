import type { SchemaAST, SchemaIssue } from "effect"
import { CHECK_MESSAGES, type CheckMessageKey, isCheckMessageKey } from "./checkMessages.js"
import type { Language } from "./language.js"
import { fillPlaceholders } from "./placeholders.js"
import {
  SCHEMA_ISSUE_MESSAGES,
  SCHEMA_TYPES,
  SCHEMA_UNITS,
  type SchemaIssueMessageKey,
  type SchemaTypeName,
  type SchemaUnit,
} from "./schemaIssueMessages.js"

/** A placeholder's value: put into words by `explanationText` in the asked language. */
export type ExplanationValue =
  | { readonly number: number }
  | { readonly text: string }
  /** Allowed values, as they are sent. */
  | { readonly codes: ReadonlyArray<string> }
  /** Expected kinds of value, joined with "or". */
  | { readonly types: ReadonlyArray<SchemaTypeName> }
  /** The noun a length counts, agreeing with `count`. */
  | { readonly unit: SchemaUnit; readonly count: number }

/**
 * Why a value failed its schema, as data: the path of the value at fault, and a message of
 * SCHEMA_ISSUE_MESSAGES (what Effect's issue says) or of CHECK_MESSAGES (our own checks).
 */
export interface Explanation {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message:
    | { readonly kind: "issue"; readonly key: SchemaIssueMessageKey }
    | { readonly kind: "check"; readonly key: CheckMessageKey }
  readonly values: Readonly<Record<string, ExplanationValue>>
}

type Reason = Omit<Explanation, "path">

const issueReason = (
  key: SchemaIssueMessageKey,
  values: Readonly<Record<string, ExplanationValue>> = {},
): Reason => ({ message: { kind: "issue", key }, values })

const INVALID = issueReason("invalid")

/** The reason named by annotations of `explained(key)` (checkMessages.ts), if any. */
const annotatedReason = (annotations: SchemaAST.AST["annotations"] | undefined): Reason | null => {
  const key = annotations?.messageKey
  if (!isCheckMessageKey(key)) return null
  const given = annotations?.messageValues
  const values: Record<string, ExplanationValue> = {}
  if (typeof given === "object" && given !== null) {
    for (const [name, value] of Object.entries(given)) {
      if (typeof value === "number") values[name] = { text: String(value) }
      else if (typeof value === "string") values[name] = { text: value }
    }
  }
  return { message: { kind: "check", key }, values }
}

const payloadField = (payload: unknown, name: string): unknown =>
  typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>)[name] : undefined

const payloadNumber = (payload: unknown, name: string): number | null => {
  const value = payloadField(payload, name)
  return typeof value === "number" && Number.isFinite(value) ? value : null
}

/**
 * The reason of one of Effect's built-in checks, from the check's representation (`id` and
 * `payload`, e.g. `effect/schema/isMaxLength` with `{ maxLength: 200 }`). `on` is the schema the
 * check belongs to: a length counts items of a list, characters of anything else.
 */
const checkReason = (filter: SchemaAST.Filter<unknown>, on: SchemaAST.AST | undefined): Reason | null => {
  const representation = filter.annotations?.representation
  if (representation === undefined) return null
  const { payload } = representation
  const number = (name: string) => payloadNumber(payload, name)
  const unit: SchemaUnit = on?._tag === "Arrays" ? "items" : "characters"
  /** A length's message: its bounds, and the counted noun agreeing with the last of them. */
  const length = (key: SchemaIssueMessageKey, bounds: Readonly<Record<string, number | null>>) => {
    const values: Record<string, ExplanationValue> = {}
    let count: number | null = null
    for (const [name, value] of Object.entries(bounds)) {
      if (value === null) return null
      values[name] = { number: value }
      count = value
    }
    return count === null ? null : issueReason(key, { ...values, unit: { unit, count } })
  }
  const bound = (key: SchemaIssueMessageKey, name: "min" | "max", value: number | null) =>
    value === null ? null : issueReason(key, { [name]: { number: value } })
  switch (representation.id) {
    case "effect/schema/isMinLength": {
      const min = number("minLength")
      return min === 1 ? issueReason("nonEmpty") : length("minLength", { min })
    }
    case "effect/schema/isMaxLength":
      return length("maxLength", { max: number("maxLength") })
    case "effect/schema/isBetweenLength":
      return length("betweenLength", { min: number("minimum"), max: number("maximum") })
    case "effect/schema/isBetween": {
      const [min, max] = [number("minimum"), number("maximum")]
      const exclusive =
        payloadField(payload, "exclusiveMinimum") === true ||
        payloadField(payload, "exclusiveMaximum") === true
      return min === null || max === null || exclusive
        ? null
        : issueReason("between", { min: { number: min }, max: { number: max } })
    }
    case "effect/schema/isGreaterThan":
      return bound("greaterThan", "min", number("exclusiveMinimum"))
    case "effect/schema/isGreaterThanOrEqualTo":
      return bound("greaterThanOrEqualTo", "min", number("minimum"))
    case "effect/schema/isLessThan":
      return bound("lessThan", "max", number("exclusiveMaximum"))
    case "effect/schema/isLessThanOrEqualTo":
      return bound("lessThanOrEqualTo", "max", number("maximum"))
    case "effect/schema/isInt":
      return issueReason("int")
    case "effect/schema/isFinite":
      return issueReason("finite")
    case "effect/schema/isPattern":
      return issueReason("pattern")
    case "effect/schema/isTrimmed":
      return issueReason("trimmed")
    case "effect/schema/isUUID":
      return issueReason("uuid")
    default:
      return null
  }
}

/** A kind of value a schema accepts; `code` when it is one literal value (as it is sent). */
interface Member {
  readonly type: SchemaTypeName
  readonly code?: string
}

const literalType = (literal: unknown): SchemaTypeName =>
  typeof literal === "number" || typeof literal === "bigint"
    ? "number"
    : typeof literal === "boolean"
      ? "boolean"
      : "string"

/** What a schema accepts at the top; null for a kind not put into words. */
const membersOf = (ast: SchemaAST.AST): ReadonlyArray<Member | null> => {
  switch (ast._tag) {
    case "Union":
      return ast.types.flatMap(membersOf)
    case "Literal":
      return [{ type: literalType(ast.literal), code: String(ast.literal) }]
    case "Null":
      return [{ type: "null", code: "null" }]
    case "String":
      return [{ type: "string" }]
    case "Number":
      return [{ type: "number" }]
    case "Boolean":
      return [{ type: "boolean" }]
    case "Arrays":
      return [{ type: "array" }]
    case "Objects":
      return [{ type: "object" }]
    default:
      return [null]
  }
}

/** The reason a value is not of the schema's type: the allowed codes, or the expected kinds. */
const expectedReason = (ast: SchemaAST.AST): Reason => {
  const all = membersOf(ast)
  const members = all.filter((m): m is Member => m !== null)
  if (members.length < all.length) return INVALID
  const codes = members.flatMap((m) => (m.code === undefined ? [] : [m.code]))
  return codes.length === members.length
    ? issueReason("oneOf", { values: { codes } })
    : issueReason("type", { types: { types: [...new Set(members.map((m) => m.type))] } })
}

/**
 * The first failure of `issue` (the one Effect's Standard Schema formatter lists first), with its
 * path. `on` is the schema whose checks are being run, for the unit of a length.
 */
const firstReason = (
  issue: SchemaIssue.Issue,
  path: ReadonlyArray<PropertyKey>,
  on: SchemaAST.AST | undefined,
): Explanation => {
  switch (issue._tag) {
    case "Pointer":
      return firstReason(issue.issue, [...path, ...issue.path], undefined)
    case "Encoding":
      return firstReason(issue.issue, path, on)
    case "Composite":
      return firstReason(issue.issues[0], path, issue.ast)
    case "AnyOf": {
      const [first] = issue.issues
      if (first !== undefined) return firstReason(first, path, on)
      return { path, ...(annotatedReason(issue.ast.annotations) ?? expectedReason(issue.ast)) }
    }
    case "Filter": {
      const own = annotatedReason(issue.filter.annotations)
      if (own !== null) return { path, ...own }
      // A filter that points into the value (an item of a list) explains itself further down.
      if (issue.issue._tag !== "InvalidValue") return firstReason(issue.issue, path, on)
      return {
        path,
        ...(annotatedReason(issue.issue.annotations) ?? checkReason(issue.filter, on) ?? INVALID),
      }
    }
    case "InvalidType":
      return { path, ...(annotatedReason(issue.ast.annotations) ?? expectedReason(issue.ast)) }
    case "InvalidValue":
      return { path, ...(annotatedReason(issue.annotations) ?? INVALID) }
    case "MissingKey":
      return { path, ...issueReason("missingKey") }
    case "UnexpectedKey":
      return { path, ...issueReason("unexpectedKey") }
    case "Forbidden":
    case "OneOf":
      return { path, ...INVALID }
  }
}

/** Why `issue` refused its input: the first failure, where it is and what it says, as data. */
export const explainIssue = (issue: SchemaIssue.Issue): Explanation => firstReason(issue, [], undefined)

const makeFormatters = (language: Language) => ({
  // Years such as 1900 stay without a separator; 65 535 and 10 000 000 get one.
  number: new Intl.NumberFormat(language, { useGrouping: "min2" }),
  or: new Intl.ListFormat(language, { type: "disjunction" }),
  plural: new Intl.PluralRules(language),
})
const madeFormatters = new Map<Language, ReturnType<typeof makeFormatters>>()

/** The `Intl` formatters of a language, made once (each costs more to make than to use). */
const formatters = (language: Language): ReturnType<typeof makeFormatters> => {
  const made = madeFormatters.get(language) ?? makeFormatters(language)
  madeFormatters.set(language, made)
  return made
}

const valueText = (value: ExplanationValue, language: Language): string => {
  const intl = formatters(language)
  if ("number" in value) return intl.number.format(value.number)
  if ("text" in value) return value.text
  if ("codes" in value) return value.codes.join(", ")
  if ("types" in value) return intl.or.format(value.types.map((type) => SCHEMA_TYPES[type][language]))
  const forms: Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string } =
    SCHEMA_UNITS[value.unit][language]
  return forms[intl.plural.select(value.count)] ?? forms.other
}

/** An explanation in `language`, for the `{detail}` of an error message. */
export const explanationText = (explanation: Explanation, language: Language): string => {
  const { message } = explanation
  const template =
    message.kind === "issue"
      ? SCHEMA_ISSUE_MESSAGES[message.key][language]
      : CHECK_MESSAGES[message.key][language]
  const values = Object.fromEntries(
    Object.entries(explanation.values).map(([name, value]) => [name, valueText(value, language)]),
  )
  return fillPlaceholders(template, values) ?? SCHEMA_ISSUE_MESSAGES.invalid[language]
}
