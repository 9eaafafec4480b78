import { HttpError } from "@fleetcore/platform"
import { describe, expect, it } from "vitest"
import { assertPasswordPolicy, passwordProblem } from "./passwordPolicy.js"

const owner = { email: "aigerim.nurlanovna@example.kz", name: "Aigerim Nurlan" }

describe("password policy", () => {
  it("accepts a long password that is not common or personal", () => {
    expect(passwordProblem("correct horse battery staple", owner)).toBeNull()
  })

  it("refuses fewer than 10 characters, counting characters rather than UTF-16 units", () => {
    expect(passwordProblem("Xk4#pq9!z", owner)).toBe("too-short")
    // Nine emoji are 18 UTF-16 units but nine characters.
    expect(passwordProblem("🚗".repeat(9), owner)).toBe("too-short")
    expect(passwordProblem("🚗".repeat(10), owner)).toBeNull()
  })

  it("refuses more than 256 characters", () => {
    expect(passwordProblem("a1b2c3d4e5".repeat(26), owner)).toBe("too-long")
    expect(passwordProblem(`${"a1b2c3d4e5".repeat(25)}f6g7h8`, owner)).toBeNull()
  })

  it("refuses passwords of the common-password list, whatever their case", () => {
    expect(passwordProblem("qwertyuiop", owner)).toBe("common")
    expect(passwordProblem("Password123", owner)).toBe("common")
    expect(passwordProblem("1q2w3e4r5t", owner)).toBe("common")
  })

  it("refuses the user's own e-mail, its local part or their name", () => {
    expect(passwordProblem("Aigerim.Nurlanovna@example.kz", owner)).toBe("personal")
    expect(passwordProblem("aigerim.nurlanovna", owner)).toBe("personal")
    expect(passwordProblem("aigerim nurlan", owner)).toBe("personal")
    expect(passwordProblem("AigerimNurlan", owner)).toBe("personal")
  })

  it("answers 422 FLEET_PASSWORD_WEAK with a message naming the rule and the field", () => {
    try {
      assertPasswordPolicy("short", owner, "password")
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError)
      const e = error as HttpError
      expect([e.status, e.code, e.field]).toEqual([422, "FLEET_PASSWORD_WEAK", "password"])
      expect(e.message).toContain("at least 10 characters")
    }
  })
})
