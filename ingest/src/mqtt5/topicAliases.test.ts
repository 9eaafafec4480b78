import { describe, expect, it } from "vitest"
import { makeTopicAliases } from "./topicAliases.js"

describe("makeTopicAliases", () => {
  it("maps an alias sent with a topic name and resolves it when the name is empty", () => {
    const aliases = makeTopicAliases(4)
    expect(aliases.resolve("a/b", 2)).toEqual({ ok: true, topic: "a/b" })
    expect(aliases.resolve("", 2)).toEqual({ ok: true, topic: "a/b" })
    expect(aliases.resolve("c/d", 2)).toEqual({ ok: true, topic: "c/d" }) // remapped
    expect(aliases.resolve("", 2)).toEqual({ ok: true, topic: "c/d" })
  })

  it("passes a topic name without alias through", () => {
    expect(makeTopicAliases(4).resolve("a/b", undefined)).toEqual({ ok: true, topic: "a/b" })
  })

  it("refuses alias 0 and aliases above the maximum with 0x94", () => {
    const aliases = makeTopicAliases(4)
    expect(aliases.resolve("a", 0)).toMatchObject({ ok: false, reasonCode: 0x94 })
    expect(aliases.resolve("a", 5)).toMatchObject({ ok: false, reasonCode: 0x94 })
    expect(aliases.resolve("a", 4)).toEqual({ ok: true, topic: "a" })
  })

  it("treats an empty topic without alias, or with an unmapped alias, as a Protocol Error", () => {
    const aliases = makeTopicAliases(4)
    expect(aliases.resolve("", undefined)).toMatchObject({ ok: false, reasonCode: 0x82 })
    expect(aliases.resolve("", 1)).toMatchObject({ ok: false, reasonCode: 0x82 })
  })

  it("keeps mappings per instance (per network connection)", () => {
    makeTopicAliases(4).resolve("a/b", 1)
    expect(makeTopicAliases(4).resolve("", 1)).toMatchObject({ ok: false })
  })
})
