import { createHmac } from "node:crypto"
import { describe, expect, it } from "vitest"
import { signWebhook, verifyWebhook } from "./signWebhook.js"

describe("signWebhook", () => {
  it("is the hex HMAC-SHA256 of timestamp.body", () => {
    const hex = createHmac("sha256", "s3cret-key-0123456").update('1700000000.{"a":1}').digest("hex")
    expect(signWebhook("s3cret-key-0123456", 1_700_000_000, '{"a":1}')).toBe(`sha256=${hex}`)
  })
  it("refuses another body, timestamp or secret", () => {
    const sig = signWebhook("secret-a-0123456789", 100, "{}")
    expect(verifyWebhook("secret-a-0123456789", 100, "{}", sig)).toBe(true)
    expect(verifyWebhook("secret-a-0123456789", 101, "{}", sig)).toBe(false)
    expect(verifyWebhook("secret-a-0123456789", 100, "{ }", sig)).toBe(false)
    expect(verifyWebhook("secret-b-0123456789", 100, "{}", sig)).toBe(false)
  })
})
