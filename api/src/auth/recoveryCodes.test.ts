import { describe, expect, it } from "vitest"
import { hashRecoveryCode, newRecoveryCode, recoveryCodeMatches } from "./recoveryCodes.js"

describe("recovery codes", () => {
  it("look like abcde-12345 and differ", () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode)
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/u)
    expect(new Set(codes).size).toBe(200)
  })

  it("are stored salted: the same code hashes differently, and only it matches", () => {
    const code = newRecoveryCode()
    const a = hashRecoveryCode(code)
    expect(a).not.toContain(code)
    expect(hashRecoveryCode(code)).not.toBe(a)
    expect(recoveryCodeMatches(a, code)).toBe(true)
    expect(recoveryCodeMatches(a, "aaaaa-00000")).toBe(false)
    expect(recoveryCodeMatches("plain-text", code)).toBe(false)
  })
})
