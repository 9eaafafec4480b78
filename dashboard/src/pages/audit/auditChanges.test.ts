import { describe, expect, it } from "vitest"
import { auditChanges } from "./auditChanges"

describe("auditChanges", () => {
  it("lists changed, added and removed fields, not unchanged ones", () => {
    expect(
      auditChanges({
        oldValues: { name: "A", role: "driver", phone: null },
        newValues: { name: "B", role: "driver", locale: "ru" },
      }),
    ).toEqual([
      { field: "locale", before: "", after: '"ru"' },
      { field: "name", before: '"A"', after: '"B"' },
      { field: "phone", before: "null", after: "" },
    ])
  })

  it("treats missing sides as empty", () => {
    expect(auditChanges({ oldValues: null, newValues: { id: 1 } })).toEqual([
      { field: "id", before: "", after: "1" },
    ])
  })
})
