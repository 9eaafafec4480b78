import type { Queryable } from "../db/sql.js"
import { rows, sql } from "../db/sql.js"
import {
  hashRecoveryCode,
  newRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeMatches,
} from "./recoveryCodes.js"
import type { SecretBox } from "./SecretBox.js"
import { totpStepOf } from "./totpCodes.js"

/**
 * Accepts `code` for the user's sealed TOTP secret once: its time step must be later than the last
 * one used, and recording the step is the same statement that checks it, so two requests with one
 * code cannot both pass (a code seen over a shoulder cannot be replayed within its 90 seconds).
 */
export const acceptTotpCode = async (
  client: Queryable,
  box: SecretBox,
  userId: string,
  sealedSecret: string,
  code: string,
  nowMs: number,
): Promise<boolean> => {
  const secret = box.open(sealedSecret, userId)
  if (secret === null) return false
  const step = totpStepOf(secret, code, nowMs)
  if (step === null) return false
  const recorded = await rows(
    client,
    sql
      .updateTable("users")
      .set({ totp_last_step: step })
      .where("id", "=", userId)
      .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", String(step))]))
      .returning("id"),
  )
  return recorded.length === 1
}

/** Uses one of the user's unused recovery codes; false if `code` is none of them. */
export const useRecoveryCode = async (client: Queryable, userId: string, code: string): Promise<boolean> => {
  const unused = await rows(
    client,
    sql
      .selectFrom("recovery_codes")
      .select(["id", "code_hash"])
      .where("user_id", "=", userId)
      .where("used_at", "is", null),
  )
  const match = unused.find((row) => recoveryCodeMatches(row.code_hash, code))
  if (match === undefined) return false
  // Marked used by the statement that checks it is still unused: a code works once, even concurrently.
  const used = await rows(
    client,
    sql
      .updateTable("recovery_codes")
      .set({ used_at: new Date() })
      .where("id", "=", match.id)
      .where("used_at", "is", null)
      .returning("id"),
  )
  return used.length === 1
}

/** Replaces the user's recovery codes with new ones; the codes are answered once and kept only hashed. */
export const replaceRecoveryCodes = async (
  client: Queryable,
  user: { readonly id: string; readonly orgId: string },
): Promise<ReadonlyArray<string>> => {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  await rows(client, sql.deleteFrom("recovery_codes").where("user_id", "=", user.id))
  await rows(
    client,
    sql
      .insertInto("recovery_codes")
      .values(
        codes.map((code) => ({ org_id: user.orgId, user_id: user.id, code_hash: hashRecoveryCode(code) })),
      ),
  )
  return codes
}
