import { Phone } from "@fleetcore/contract"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { ApiError } from "../../api/ApiError"
import { placeSubmitFailure } from "./serverFieldError"

describe("form errors", () => {
  it("puts a server error on the field it names", () => {
    const error = new ApiError(400, "FLEET_BODY_INVALID", "Телефон в международном формате", "phone")
    expect(placeSubmitFailure(error, ["name", "phone"])).toEqual({
      kind: "field",
      field: "phone",
      message: "Телефон в международном формате",
    })
  })

  it("puts an error for no field, or a field the form lacks, above the form", () => {
    const weak = new ApiError(422, "FLEET_PASSWORD_WEAK", "too common", null)
    expect(placeSubmitFailure(weak, ["password"])).toEqual({ kind: "form", error: weak })
    const other = new ApiError(400, "FLEET_BODY_INVALID", "bad", "settings.currency")
    expect(placeSubmitFailure(other, ["name"]).kind).toBe("form")
  })

  it("validates a form with the contract's own schema through Standard Schema", () => {
    const form = Schema.toStandardSchemaV1(Schema.Struct({ phone: Phone }))
    const bad = form["~standard"].validate({ phone: "8 701" })
    const good = form["~standard"].validate({ phone: "+7 701 123 4567" })
    if (bad instanceof Promise || good instanceof Promise) throw new Error("expected synchronous validation")
    expect(bad.issues?.map((issue) => issue.path)).toEqual([["phone"]])
    expect(good.issues).toBeUndefined()
  })
})
