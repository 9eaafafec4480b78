import { describe, expect, it } from "vitest"
import { checkPassword, linkToken, passwordAcceptable } from "./passwordRules"

describe("password rules", () => {
  it("wants ten characters and a matching confirmation", () => {
    expect(checkPassword("short", "short")).toEqual({ longEnough: false, notTooLong: true, matches: true })
    expect(passwordAcceptable(checkPassword("long enough pw", "long enough pw"))).toBe(true)
    expect(passwordAcceptable(checkPassword("long enough pw", "long enough px"))).toBe(false)
  })

  it("counts characters, not UTF-16 units", () => {
    expect(checkPassword("🔑🔑🔑🔑🔑🔑🔑🔑🔑", "").longEnough).toBe(false)
  })

  it("reads the link's token from the fragment", () => {
    const token = "a".repeat(43)
    expect(linkToken(`#token=${token}`)).toBe(token)
    expect(linkToken("#token=abc")).toBeNull()
    expect(linkToken("")).toBeNull()
  })
})
