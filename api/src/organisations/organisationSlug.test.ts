import { describe, expect, it } from "vitest"
import { slugFor } from "./organisationSlug.js"

describe("organisation slug", () => {
  it("transliterates and lower-cases the name", () => {
    expect(slugFor("Demo Fleet")).toBe("demo-fleet")
    expect(slugFor("Алматы Транс Логистик")).toBe("almaty-trans-logistik")
    expect(slugFor("ТОО «Ромашка»")).toBe("too-romashka")
    expect(slugFor("İstanbul Şirket")).toBe("istanbul-sirket")
  })

  it("stays within 64 characters and never ends with a dash", () => {
    const slug = slugFor(`${"a".repeat(63)} b`)
    expect(slug.length).toBeLessThanOrEqual(64)
    expect(slug).toMatch(/^[a-z0-9-]{2,64}$/u)
    expect(slug.endsWith("-")).toBe(false)
  })

  it("falls back to a random slug when nothing transliterates", () => {
    expect(slugFor("北京")).toMatch(/^org-[0-9a-f]{8}$/u)
  })
})
