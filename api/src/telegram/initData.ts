import { createHmac, timingSafeEqual } from "node:crypto"
import { Schema } from "effect"

/** Who opened the Mini App, as Telegram signed it. */
export interface TelegramIdentity {
  readonly id: number
  readonly username: string | null
  readonly firstName: string | null
}

const TelegramUser = Schema.Struct({
  id: Schema.Int.check(Schema.isGreaterThan(0)),
  username: Schema.optional(Schema.String.check(Schema.isMaxLength(64))),
  first_name: Schema.optional(Schema.String.check(Schema.isMaxLength(256))),
})
const decodeUser = Schema.decodeUnknownOption(Schema.fromJsonString(TelegramUser))

/**
 * The signature Telegram puts in `hash`: HMAC-SHA-256 of the other fields (`key=value`, sorted by
 * key, joined by line feeds) under the key HMAC-SHA-256("WebAppData", bot token), as hex
 * (core.telegram.org/bots/webapps, "Validating data received via the Mini App").
 */
export const initDataHash = (fields: URLSearchParams, botToken: string): string => {
  const checked = [...fields.entries()]
    .filter(([key]) => key !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n")
  const secret = createHmac("sha256", "WebAppData").update(botToken).digest()
  return createHmac("sha256", secret).update(checked).digest("hex")
}

/**
 * The user `initData` names when it is signed by the bot `botToken` and was made at most `maxAgeS`
 * before `nowS` (a minute ahead is allowed for clocks); null otherwise, whatever is wrong.
 */
export const verifyInitData = (
  initData: string,
  botToken: string,
  nowS: number,
  maxAgeS: number,
): TelegramIdentity | null => {
  const fields = new URLSearchParams(initData)
  const hash = fields.get("hash") ?? ""
  if (!/^[0-9a-f]{64}$/u.test(hash)) return null
  const expected = Buffer.from(initDataHash(fields, botToken), "hex")
  if (!timingSafeEqual(Buffer.from(hash, "hex"), expected)) return null
  const authDate = Number(fields.get("auth_date"))
  if (!Number.isSafeInteger(authDate) || authDate > nowS + 60 || nowS - authDate > maxAgeS) return null
  const user = decodeUser(fields.get("user") ?? "")
  if (user._tag === "None") return null
  return {
    id: user.value.id,
    username: user.value.username ?? null,
    firstName: user.value.first_name ?? null,
  }
}
