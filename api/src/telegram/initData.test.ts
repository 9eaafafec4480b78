import { describe, expect, it } from "vitest"
import { initDataHash, verifyInitData } from "./initData.js"

const TOKEN = "123456:ABC-test-token"
const NOW = 1_796_000_000

/** initData as a Telegram client hands it to the Mini App, signed with `token`. */
const signed = (fields: Record<string, string>, token = TOKEN): string => {
  const params = new URLSearchParams(fields)
  params.set("hash", initDataHash(params, token))
  return params.toString()
}
const user = JSON.stringify({ id: 4242, first_name: "Aigerim", username: "aigerim_k" })

describe("Mini App initData", () => {
  it("names the user when the bot signed it", () => {
    const data = signed({ auth_date: String(NOW - 60), query_id: "AAH", user })
    expect(verifyInitData(data, TOKEN, NOW, 3600)).toEqual({
      id: 4242,
      username: "aigerim_k",
      firstName: "Aigerim",
    })
  })

  it("refuses data signed by another bot, a changed field, a missing hash", () => {
    const data = signed({ auth_date: String(NOW - 60), user })
    expect(
      verifyInitData(signed({ auth_date: String(NOW - 60), user }, "999:other"), TOKEN, NOW, 3600),
    ).toBeNull()
    const changed = new URLSearchParams(data)
    changed.set("user", JSON.stringify({ id: 1, first_name: "Mallory" }))
    expect(verifyInitData(changed.toString(), TOKEN, NOW, 3600)).toBeNull()
    const unsigned = new URLSearchParams(data)
    unsigned.delete("hash")
    expect(verifyInitData(unsigned.toString(), TOKEN, NOW, 3600)).toBeNull()
  })

  it("refuses data older than the limit or from the future", () => {
    expect(verifyInitData(signed({ auth_date: String(NOW - 3601), user }), TOKEN, NOW, 3600)).toBeNull()
    expect(verifyInitData(signed({ auth_date: String(NOW + 3600), user }), TOKEN, NOW, 3600)).toBeNull()
    expect(verifyInitData(signed({ auth_date: "soon", user }), TOKEN, NOW, 3600)).toBeNull()
  })

  it("refuses signed data without a usable user", () => {
    expect(verifyInitData(signed({ auth_date: String(NOW) }), TOKEN, NOW, 3600)).toBeNull()
    expect(verifyInitData(signed({ auth_date: String(NOW), user: "{" }), TOKEN, NOW, 3600)).toBeNull()
    expect(
      verifyInitData(signed({ auth_date: String(NOW), user: JSON.stringify({ id: -5 }) }), TOKEN, NOW, 3600),
    ).toBeNull()
  })

  it("checks against the order Telegram documents, not the order of the fields", () => {
    const params = new URLSearchParams({ user, auth_date: String(NOW), chat_type: "private" })
    const hash = initDataHash(params, TOKEN)
    const reordered = new URLSearchParams({ chat_type: "private", auth_date: String(NOW), user, hash })
    expect(verifyInitData(reordered.toString(), TOKEN, NOW, 60)?.id).toBe(4242)
  })
})
