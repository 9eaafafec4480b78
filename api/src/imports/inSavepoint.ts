import { HttpError } from "@fleetcore/platform"
import type pg from "pg"

export type Outcome<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly error: HttpError }

/**
 * Runs one row's work inside a savepoint of the transaction `c`: a refusal (an HttpError) undoes
 * that row's writes only, so the rows before and after it still count. Anything else is a defect
 * and fails the whole request (the transaction is rolled back).
 */
export const inSavepoint = async <A>(c: pg.ClientBase, work: () => Promise<A>): Promise<Outcome<A>> => {
  await c.query("SAVEPOINT fleet_row")
  try {
    const value = await work()
    await c.query("RELEASE SAVEPOINT fleet_row")
    return { ok: true, value }
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    await c.query("ROLLBACK TO SAVEPOINT fleet_row")
    return { ok: false, error }
  }
}
