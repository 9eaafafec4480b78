import { reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { describe, expect, it } from "vitest"
import { localizeError } from "../http/localizeError.js"
import { refuse } from "../http/refuse.js"
import { botReason } from "./botTexts.js"

/** What the bot replies as `{reason}` for an API refusal, in `language`. */
const replied = (error: HttpError, language: "en" | "ru" | "kk" | "tr") => {
  const localized = localizeError(error, language)
  if (!(localized instanceof HttpError)) throw new Error("not an HttpError")
  return botReason(language, localized)
}

describe("the bot's reason for a refused record", () => {
  it("names the input in the driver's words, never the API's wire key", () => {
    const future = refuse(400, "FLEET_ODOMETER_READING_INVALID", "at", reason("notInFuture"))
    expect(replied(future, "ru")).toBe("не может быть в будущем (время)")
    expect(replied(future, "kk")).toBe("болашақта болуы мүмкін емес (уақыт)")
    expect(replied(future, "tr")).toBe("gelecekte olamaz (saat)")
    expect(replied(future, "en")).toBe("cannot be in the future (time)")
    const litres = refuse(400, "FLEET_FUEL_ENTRY_INVALID", "litres", reason("greaterThan", { min: 0 }))
    expect(replied(litres, "ru")).not.toContain("litres")
    expect(replied(litres, "ru")).toMatch(/\(литры\)$/u)
  })

  it("gives the reason alone for an input the driver has no word for, the message for a whole refusal", () => {
    const candidate = refuse(400, "FLEET_ODOMETER_READING_INVALID", null, reason("noCandidate"))
    expect(replied(candidate, "ru")).toBe("такого варианта показания на фото нет")
    const decreases = new HttpError(
      409,
      "FLEET_ODOMETER_READING_DECREASES",
      "the reading decreases",
      "valueKm",
    )
    expect(replied(decreases, "ru")).toBe("Показание меньше предыдущего или больше последующего.")
  })
})
