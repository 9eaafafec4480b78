import { describe, expect, it } from "vitest"
import { clusterId } from "../src/kafka/kafkaBroker.js"

describe("the KRaft cluster id of a test broker", () => {
  it("is 22 base64url characters and never starts with '-' (the storage tool would take it for an option)", () => {
    const ids = Array.from({ length: 5_000 }, clusterId)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/u)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
