import { Currency, IsoDate, Rate } from "@fleetcore/contract"
import { Schema } from "effect"

/** A rate as entered: 1 unit of `currency` in the organisation's currency from `date` on. */
export const RateForm = Schema.Struct({ currency: Currency, date: IsoDate, rate: Rate })
export type RateValues = (typeof RateForm)["Encoded"]
