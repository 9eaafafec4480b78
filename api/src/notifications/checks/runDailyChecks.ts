import { budgetCheck } from "./budgetCheck.js"
import type { CheckContext } from "./CheckContext.js"
import { contractExpiryCheck } from "./contractExpiryCheck.js"
import { documentExpiryCheck } from "./documentExpiryCheck.js"
import { driverExpiryCheck } from "./driverExpiryCheck.js"
import { maintenanceCheck } from "./maintenanceCheck.js"

/** Every daily check, in the order they run. */
export const DAILY_CHECKS: ReadonlyArray<(ctx: CheckContext) => Promise<number>> = [
  driverExpiryCheck,
  contractExpiryCheck,
  documentExpiryCheck,
  maintenanceCheck,
  budgetCheck,
]

/** Runs one organisation's checks for its day; returns how many new notifications they raised. */
export const runDailyChecks = async (ctx: CheckContext): Promise<number> => {
  let raised = 0
  for (const check of DAILY_CHECKS) raised += await check(ctx)
  return raised
}
