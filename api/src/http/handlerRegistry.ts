import type { AnyEndpoint } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { Answer, Call } from "./serve.js"

/** A served endpoint's handler, as `serve` registered it. */
export type AnyHandler = (call: Call<AnyEndpoint>) => Promise<Answer<AnyEndpoint>>

/** The GET handlers served on each app, by endpoint id (one map per app: several servers per process in tests). */
const HANDLERS = new WeakMap<TemplatedApp, Map<string, AnyHandler>>()

export const rememberHandler = (app: TemplatedApp, id: string, handler: AnyHandler): void => {
  const byId = HANDLERS.get(app) ?? new Map<string, AnyHandler>()
  HANDLERS.set(app, byId)
  byId.set(id, handler)
}

/** The handler `serve` registered for endpoint `id` on `app` (a list export runs its list's). */
export const handlerOf = (app: TemplatedApp, id: string): AnyHandler | undefined => HANDLERS.get(app)?.get(id)
