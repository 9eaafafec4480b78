import type { Stop } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import type { I18n } from "../i18n/createI18n"
import { durationParts } from "./formatDuration"

export type StopRow = (typeof Stop)["Encoded"]

type Words = Pick<I18n, "t" | "format">

/** "2 h 05 min" or "7 min", in the user's language. */
export const durationText = ({ t, format }: Words, seconds: number): string => {
  const { h, m } = durationParts(seconds)
  return h > 0
    ? t("replay.durationHm", { h: format().integer(h), m: format().integer(m) })
    : t("replay.durationM", { m: format().integer(m) })
}

/** A stops table's columns: arrived, left (or still there), duration, place. */
export const stopColumns = (words: Words): Array<ColumnDef<StopRow, unknown>> => {
  const { t, format } = words
  return [
    { id: "start", header: t("replay.stopStart"), cell: (c) => format().dateTime(c.row.original.startMs) },
    {
      id: "end",
      header: t("replay.stopEnd"),
      cell: (c) =>
        c.row.original.endMs === null ? t("replay.stopOngoing") : format().dateTime(c.row.original.endMs),
    },
    {
      id: "duration",
      header: t("replay.duration"),
      cell: (c) => durationText(words, c.row.original.durationS),
      meta: { align: "end" },
    },
    {
      id: "place",
      header: t("replay.place"),
      cell: (c) => format().position(c.row.original.lat, c.row.original.lon),
    },
  ]
}
