import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"

export type RouteMethod = "get" | "post" | "put" | "patch" | "del"

/** One registered route: its method and uWS pattern (`/api/v1/vehicles/:id/track`). */
export interface RouteEntry {
  readonly method: RouteMethod
  readonly pattern: string
}

const tables = new WeakMap<TemplatedApp, RouteEntry[]>()

/** Records a route registered on `app` (called by `route`). */
export const recordRoute = (app: TemplatedApp, entry: RouteEntry): void => {
  const table = tables.get(app) ?? []
  table.push(entry)
  tables.set(app, table)
}

/**
 * Every route registered on `app` through `route`, in registration order: the one route table,
 * so tests and tools enumerate what is served instead of keeping a list that can go stale.
 */
export const routesOf = (app: TemplatedApp): ReadonlyArray<RouteEntry> => [...(tables.get(app) ?? [])]

/** The names of a pattern's parameters, in order (`/a/:id/b/:key` → `["id", "key"]`). */
export const parameterNames = (pattern: string): ReadonlyArray<string> =>
  [...pattern.matchAll(/\/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string)
