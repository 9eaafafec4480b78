import type { endpoints, Language } from "@fleetcore/contract"
import { ACCESS_COLUMNS } from "./columns/accessColumns.js"
import { ADMIN_COLUMNS } from "./columns/adminColumns.js"
import { FLEET_COLUMNS } from "./columns/fleetColumns.js"
import type { ListColumn } from "./columns/ListColumn.js"
import { RECORD_COLUMNS } from "./columns/recordColumns.js"
import { SETTINGS_COLUMNS } from "./columns/settingsColumns.js"
import { WORK_COLUMNS } from "./columns/workColumns.js"
import { en } from "./listTexts/en.js"
import { kk } from "./listTexts/kk.js"
import type { ListExportTexts } from "./listTexts/ListExportTexts.js"
import { ru } from "./listTexts/ru.js"
import { tr } from "./listTexts/tr.js"

export type { Item, ListColumn } from "./columns/ListColumn.js"

/** The columns each exported list writes, by its key in `endpoints.listExports`. */
export const LIST_COLUMNS: Readonly<Record<keyof typeof endpoints.listExports, ReadonlyArray<ListColumn>>> = {
  ...FLEET_COLUMNS,
  ...RECORD_COLUMNS,
  ...ADMIN_COLUMNS,
  ...WORK_COLUMNS,
  ...SETTINGS_COLUMNS,
  ...ACCESS_COLUMNS,
}

/** Column labels, titles and value names of list exports, in each language (same keys in each). */
export const LIST_EXPORT_TEXTS: Readonly<Record<Language, ListExportTexts>> = { en, ru, kk, tr }
