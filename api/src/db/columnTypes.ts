import type { ColumnType } from "kysely"

/** A column the database fills in on insert (a default) and never changes afterwards. */
export type Defaulted<T> = ColumnType<T, T | undefined, never>

/** numeric: pg returns text (exact); write a number or a decimal string. Cast to float8 to read a number. */
export type Numeric = ColumnType<string, number | string, number | string>
/** A nullable numeric. */
export type NumericOrNull = ColumnType<
  string | null,
  number | string | null | undefined,
  number | string | null
>
