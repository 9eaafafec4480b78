import { createHmac, timingSafeEqual } from "node:crypto"

/** The header carrying the delivery's Unix time in seconds, covered by the signature. */
export const TIMESTAMP_HEADER = "x-fleet-timestamp"
/** The header carrying `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export const SIGNATURE_HEADER = "x-fleet-signature"

/**
 * The signature of a webhook delivery: HMAC-SHA256 over `"<timestamp>.<raw body>"` with the
 * endpoint's secret, so a receiver can check both the sender and the freshness (replays of an old
 * body carry an old timestamp).
 */
export const signWebhook = (secret: string, timestampS: number, body: string): string =>
  `sha256=${createHmac("sha256", secret).update(`${timestampS}.${body}`).digest("hex")}`

/** Whether `signature` is the one `secret` makes for this timestamp and body (constant time). */
export const verifyWebhook = (
  secret: string,
  timestampS: number,
  body: string,
  signature: string,
): boolean => {
  const expected = Buffer.from(signWebhook(secret, timestampS, body))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
