import { createHash, randomInt } from "node:crypto"
import { TELEGRAM_LINK_CODE_MINUTES } from "@fleetcore/contract"
import type pg from "pg"
import type { SecretBox } from "../auth/SecretBox.js"
import { openChannelSettings, readSettingsRow } from "../notifications/channelSettings.js"

/** Told (NOTIFY, the organisation's id) when an organisation's notification channels change. */
export const TELEGRAM_BOTS_CHANNEL = "fleet_telegram_bots"

/** The organisation's bot: its token and the Bot API's address (a local one in tests). */
export interface OrgBot {
  readonly token: string
  readonly apiUrl: string
}

/** The organisation's bot when its Telegram channel is on and has a token; null otherwise. */
export const orgBotOf = async (
  pool: pg.Pool | pg.ClientBase,
  box: SecretBox,
  orgId: string,
): Promise<OrgBot | null> => openChannelSettings(await readSettingsRow(pool, orgId), box, null).telegram

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
const codeDigest = (code: string): Buffer => createHash("sha256").update(code).digest()

/**
 * A new one-time code for `userId` (ten letters and digits, no 0/O or 1/I; 32^10 ≈ 10^15), valid for
 * TELEGRAM_LINK_CODE_MINUTES; the user's earlier unused codes stop working. Only the digest is kept.
 */
export const issueLinkCode = async (
  c: pg.ClientBase,
  orgId: string,
  userId: string,
): Promise<{ readonly code: string; readonly expiresAt: Date }> => {
  const code = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")
  const expiresAt = new Date(Date.now() + TELEGRAM_LINK_CODE_MINUTES * 60_000)
  await c.query("DELETE FROM telegram_link_codes WHERE user_id = $1 AND used_at IS NULL", [userId])
  await c.query(
    "INSERT INTO telegram_link_codes (code_hash, org_id, user_id, expires_at) VALUES ($1, $2, $3, $4)",
    [codeDigest(code), orgId, userId, expiresAt],
  )
  return { code, expiresAt }
}

/** Uses a code of `orgId` once: the user it was made for, or null (unknown, used or expired). */
export const redeemLinkCode = async (
  c: pg.ClientBase,
  orgId: string,
  code: string,
): Promise<string | null> => {
  const { rows } = await c.query<{ user_id: string }>(
    `UPDATE telegram_link_codes SET used_at = now()
     WHERE code_hash = $1 AND org_id = $2 AND used_at IS NULL AND expires_at > now()
     RETURNING user_id`,
    [codeDigest(code.toUpperCase()), orgId],
  )
  return rows[0]?.user_id ?? null
}

/**
 * Links Telegram account `telegramUserId` to `userId` (replacing either side's earlier link) and
 * makes the private chat with the bot (whose id is the account's) the user's Telegram notification
 * target, switched on.
 */
export const linkTelegram = async (
  c: pg.ClientBase,
  orgId: string,
  userId: string,
  account: { readonly id: number; readonly username: string | null },
): Promise<void> => {
  await c.query("DELETE FROM telegram_links WHERE org_id = $1 AND telegram_user_id = $2 AND user_id <> $3", [
    orgId,
    account.id,
    userId,
  ])
  await c.query(
    `INSERT INTO telegram_links (user_id, org_id, telegram_user_id, chat_id, username) VALUES ($1, $2, $3, $3, $4)
     ON CONFLICT (user_id) DO UPDATE SET telegram_user_id = EXCLUDED.telegram_user_id, chat_id = EXCLUDED.chat_id,
       username = EXCLUDED.username, linked_at = now()`,
    [userId, orgId, account.id, account.username],
  )
  await c.query(
    `INSERT INTO notification_preferences (user_id, org_id, telegram_enabled, telegram_chat_id) VALUES ($1, $2, true, $3)
     ON CONFLICT (user_id) DO UPDATE SET telegram_enabled = true, telegram_chat_id = EXCLUDED.telegram_chat_id,
       updated_at = now()`,
    [userId, orgId, String(account.id)],
  )
}

/** Removes the user's link; the bot's chat stops being their notification target. */
export const unlinkTelegram = async (c: pg.ClientBase, userId: string): Promise<void> => {
  const { rows } = await c.query<{ chat_id: string | null }>(
    "DELETE FROM telegram_links WHERE user_id = $1 RETURNING chat_id::text",
    [userId],
  )
  const chat = rows[0]?.chat_id
  if (chat === undefined || chat === null) return
  await c.query(
    `UPDATE notification_preferences SET telegram_enabled = false, telegram_chat_id = NULL, updated_at = now()
     WHERE user_id = $1 AND telegram_chat_id = $2`,
    [userId, chat],
  )
}

/** The FleetCore user linked to Telegram account `telegramUserId` in `orgId`, if any. */
export const linkedUser = async (c: pg.ClientBase | pg.Pool, orgId: string, telegramUserId: number) =>
  (
    await c.query<{ user_id: string }>(
      "SELECT user_id FROM telegram_links WHERE org_id = $1 AND telegram_user_id = $2",
      [orgId, telegramUserId],
    )
  ).rows[0]?.user_id ?? null
