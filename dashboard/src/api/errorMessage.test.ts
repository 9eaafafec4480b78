import { flatten, resolveTemplate, translator } from "@solid-primitives/i18n"
import { describe, expect, it } from "vitest"
import type { I18n } from "../i18n/createI18n"
import { dictionaries, type Locale } from "../i18n/locales"
import { ApiError } from "./ApiError"
import { errorMessage } from "./errorMessage"

const tOf = (locale: Locale) => {
  const dict = flatten(dictionaries[locale])
  return translator(() => dict, resolveTemplate) as I18n["t"]
}
const en = tOf("en")
const ru = tOf("ru")

describe("an error naming an input by its wire key", () => {
  it("says the input's word with the server's reason, in the reader's language", () => {
    // As the API answers a refused reference the form has no field for (FLEET_REFERENCE_NOT_FOUND).
    const english = new ApiError(
      422,
      "FLEET_REFERENCE_NOT_FOUND",
      "vehicleTypeId: names nothing in your organisation",
      "vehicleTypeId",
      "names nothing in your organisation",
    )
    expect(errorMessage(en, english)).toBe("Vehicle type: names nothing in your organisation")
    const russian = new ApiError(
      422,
      "FLEET_REFERENCE_NOT_FOUND",
      "«vehicleTypeId» не указывает ни на что в вашей организации.",
      "vehicleTypeId",
      "в вашей организации такой записи нет",
    )
    expect(errorMessage(ru, russian)).toBe("Тип ТС: в вашей организации такой записи нет")
  })

  it("reads a nested or indexed key by its last name, and an unknown one as 'one of the values'", () => {
    const indexed = new ApiError(
      422,
      "FLEET_REFERENCE_NOT_FOUND",
      "userIds[2]: names nothing",
      "userIds[2]",
      "names nothing",
    )
    expect(errorMessage(en, indexed)).toBe("Users: names nothing")
    const nested = new ApiError(
      400,
      "FLEET_BODY_INVALID",
      "settings.currency: not one of KZT, RUB",
      "settings.currency",
      "not one of KZT, RUB",
    )
    expect(errorMessage(ru, nested)).toBe("Валюта: not one of KZT, RUB")
    const unknown = new ApiError(400, "FLEET_X_INVALID", "widgetKey: too long", "widgetKey", "too long")
    expect(errorMessage(en, unknown)).toBe("One of the values: too long")
    expect(errorMessage(en, unknown)).not.toContain("widgetKey")
  })

  it("keeps a message that names no key as the server wrote it", () => {
    // The frame is the code's to say ("The query was refused: …"); the key is only in `field`.
    const framed = new ApiError(
      400,
      "FLEET_ANALYTICS_QUERY_REJECTED",
      "The query was refused: system.tables is not one of your organisation's tables",
      "sql",
      "system.tables is not one of your organisation's tables",
    )
    expect(errorMessage(en, framed)).toBe(
      "Check the highlighted field: The query was refused: system.tables is not one of your organisation's tables",
    )
    // A key inside another word is no mention of it.
    const inside = new ApiError(409, "FLEET_TAKEN", "the total is too high", "to", "too high")
    expect(errorMessage(en, inside)).toBe("the total is too high")
  })
})
