import { Schema } from "effect"
import type { Wire } from "./endpoint.js"
import { PageNumber, PageSize } from "./schemas.js"

/**
 * The conventions of every list endpoint: `page` (from 1), `pageSize` (50 by default, at most 200),
 * `sort` (a field the endpoint names, "-" first for descending), `q` (free-text search), and the
 * endpoint's own filters; the answer carries the page's items and the total count.
 */
export const listQuery = <
  const Sorts extends ReadonlyArray<string>,
  F extends Schema.Struct.Fields = Record<never, never>,
>(
  sorts: Sorts,
  filters?: F,
) =>
  Schema.Struct({
    page: Schema.optionalKey(PageNumber),
    pageSize: Schema.optionalKey(PageSize),
    sort: Schema.optionalKey(Schema.Literals([...sorts, ...sorts.map((s) => `-${s}`)])),
    q: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
    ...((filters ?? {}) as F),
  })

/** One page of a list. */
export const listOf = <S extends Wire>(item: S) =>
  Schema.Struct({
    items: Schema.Array(item),
    total: Schema.Int,
    page: Schema.Int,
    pageSize: Schema.Int,
  })
