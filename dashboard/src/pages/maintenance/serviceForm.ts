import { Currency, IsoDate, Money } from "@fleetcore/contract"
import { Schema } from "effect"
import type { TaskView } from "./dueState"

const Empty = Schema.Literal("")
const Km = Schema.String.check(Schema.isPattern(/^\d{1,8}(\.\d)?$/u))

/** A service record as the form edits it (strings, "" = not given); parts are edited beside it. */
export const ServiceForm = Schema.Struct({
  completedOn: IsoDate,
  odometerKm: Km,
  cost: Schema.Union([Empty, Money]),
  currency: Currency,
  vendor: Schema.String.check(Schema.isMaxLength(200)),
  notes: Schema.String.check(Schema.isMaxLength(4000)),
})
export type ServiceValues = (typeof ServiceForm)["Encoded"]

/** One part row as typed. */
export interface PartDraft {
  readonly name: string
  readonly quantity: string
  readonly cost: string
}

export const serviceValues = (task: TaskView | null, today: string, currency: string): ServiceValues => ({
  completedOn: today,
  odometerKm:
    task?.currentOdometerKm === null || task?.currentOdometerKm === undefined
      ? ""
      : String(Math.round(task.currentOdometerKm)),
  cost: "",
  currency,
  vendor: "",
  notes: task?.notes ?? "",
})

/** The parts as the API takes them, or null when a row is incomplete or malformed. */
export const partsOf = (
  drafts: ReadonlyArray<PartDraft>,
): Array<{ name: string; quantity: number; cost: string | null }> | null => {
  const parts = drafts.filter((p) => p.name.trim() !== "" || p.quantity.trim() !== "" || p.cost.trim() !== "")
  const ok = parts.every(
    (p) =>
      p.name.trim() !== "" &&
      /^\d+(\.\d{1,3})?$/u.test(p.quantity.trim()) &&
      Number(p.quantity) > 0 &&
      (p.cost.trim() === "" || /^\d{1,12}(\.\d{1,2})?$/u.test(p.cost.trim())),
  )
  if (!ok) return null
  return parts.map((p) => ({
    name: p.name.trim(),
    quantity: Number(p.quantity),
    cost: p.cost.trim() === "" ? null : p.cost.trim(),
  }))
}

export const serviceBody = (
  v: ServiceValues,
  parts: ReadonlyArray<{ name: string; quantity: number; cost: string | null }>,
) => ({
  completedOn: v.completedOn,
  odometerKm: Number(v.odometerKm),
  currency: v.currency,
  ...(v.cost === "" ? {} : { cost: v.cost }),
  ...(v.vendor.trim() === "" ? {} : { vendor: v.vendor.trim() }),
  ...(v.notes.trim() === "" ? {} : { notes: v.notes.trim() }),
  ...(parts.length === 0 ? {} : { parts }),
})
