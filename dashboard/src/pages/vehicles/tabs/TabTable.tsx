import type { ColumnDef } from "@tanstack/solid-table"
import type { JSX } from "solid-js"
import { fixedTableState } from "../../../ui/table/createTableUrlState"
import { DataTable, type ListResult } from "../../../ui/table/DataTable"
import type { ListExport } from "../../../ui/table/ExportMenu"

/** A compact table inside a tab of the vehicle page: its latest rows, no toolbar but the Export menu. */
export const TabTable = <T,>(props: {
  readonly id: string
  readonly label: string
  readonly columns: ReadonlyArray<ColumnDef<T, unknown>>
  readonly result: ListResult<T>
  readonly rowId: (row: T) => string
  readonly empty: string
  readonly action?: JSX.Element
  /** The whole list behind the tab as a file (every row, not only the latest shown). */
  readonly export?: ListExport
}) => (
  <DataTable
    id={props.id}
    label={props.label}
    columns={props.columns}
    result={props.result}
    url={fixedTableState(100)}
    rowId={props.rowId}
    compact
    {...(props.export ? { export: props.export } : {})}
    empty={{ title: props.empty, ...(props.action ? { action: props.action } : {}) }}
  />
)
