import { MAX_OCR_BYTES } from "@fleetcore/contract"
import { listenPostgres } from "@fleetcore/platform"
import type { Bot, Context } from "grammy"
import type { InlineKeyboardMarkup } from "grammy/types"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Tokens } from "../auth/Tokens.js"
import { notificationSecretBox } from "../notifications/startNotifications.js"
import {
  type BotDeps,
  type BotReply,
  botRequest,
  botUserOf,
  confirm,
  dismiss,
  receivePhoto,
  suggest,
} from "./botActions.js"
import { botText, languageOfTelegram } from "./botTexts.js"
import {
  linkTelegram,
  type OrgBot,
  orgBotOf,
  redeemLinkCode,
  TELEGRAM_BOTS_CHANNEL,
} from "./telegramLinks.js"

export interface TelegramBotsOptions {
  /** How often the organisations' bot settings are looked at (ms). */
  readonly checkEveryMs?: number
  /** getUpdates' long-poll timeout (s). */
  readonly pollTimeoutS?: number
}

interface Running {
  readonly bot: OrgBot
  readonly instance: Bot
  readonly stopped: Promise<void>
}

const lockName = (orgId: string) => `telegram bot: ${orgId}`

/** The keyboard of a reply, as the Bot API takes it (callback buttons, row by row). */
const keyboardOf = (reply: BotReply): InlineKeyboardMarkup | undefined =>
  reply.buttons === undefined
    ? undefined
    : {
        inline_keyboard: reply.buttons.map((row) =>
          row.map((button) => ({ text: button.text, callback_data: button.data })),
        ),
      }

const answer = (ctx: Context, reply: BotReply) => {
  const keyboard = keyboardOf(reply)
  return ctx.reply(reply.text, keyboard === undefined ? {} : { reply_markup: keyboard })
}

/**
 * Runs the organisations' Telegram bots (the token of each one's Telegram notification channel):
 * `/start <code>` links the sender to the code's user; a photo of an odometer or a fuel receipt
 * becomes OCR candidates the sender confirms with a button before anything is recorded. Each bot
 * is polled (getUpdates, so no public address is needed) by one API process: the one holding the
 * bot's advisory lock on this worker's own PostgreSQL session. Settings are looked at every
 * `checkEveryMs`: a bot switched off or given a new token is stopped (and started again).
 */
export const startTelegramBots = (
  deps: BotDeps & { readonly tokens: Tokens },
  options: TelegramBotsOptions = {},
): { readonly close: () => Promise<void> } => {
  const { db, log } = deps
  const box = notificationSecretBox(deps.tokens)
  const running = new Map<string, Running>()
  /** Organisations whose bot failed to start, and when it may be tried again. */
  const backoff = new Map<string, number>()
  /** Bots being stopped here: their polling's end is not a failure. */
  const stopping = new WeakSet<Bot>()
  let session: pg.PoolClient | null = null
  let closed = false

  const lockSession = async (): Promise<pg.PoolClient> => {
    if (session === null) {
      session = await db.system.connect()
      session.on("error", (error) => log.warn({ err: error }, "telegram: the bots' lock session failed"))
    }
    return session
  }
  const releaseIfIdle = () => {
    if (running.size === 0 && session !== null) {
      session.release()
      session = null
    }
  }

  const handlersOf = (orgId: string, bot: OrgBot, instance: Bot): void => {
    instance.command("start", async (ctx) => {
      const from = ctx.from
      if (from === undefined) return
      const code = ctx.match.trim()
      const language = languageOfTelegram(from.language_code)
      if (code === "") {
        const user = await botUserOf(db, orgId, from.id)
        await ctx.reply(botText(user?.language ?? language, user === null ? "welcome" : "help"))
        return
      }
      const linked = /^[A-Za-z0-9]{10}$/u.test(code)
        ? await db.withOrg(orgId, async (c) => {
            const owner = await redeemLinkCode(c, orgId, code)
            if (owner === null) return null
            await linkTelegram(c, orgId, owner, { id: from.id, username: from.username ?? null })
            await audit(c, { orgId, userId: owner }, botRequest(from.id), {
              action: "telegram.link",
              entity: "user",
              entityId: owner,
              details: { telegramUserId: from.id, username: from.username ?? null, via: "bot" },
            })
            return owner
          })
        : null
      const user = linked === null ? null : await botUserOf(db, orgId, from.id)
      await ctx.reply(
        user === null
          ? botText(language, "codeInvalid")
          : botText(user.language, "linked", { name: user.name }),
      )
    })

    instance.on("message:photo", async (ctx) => {
      const user = await botUserOf(db, orgId, ctx.from.id)
      if (user === null) {
        await ctx.reply(botText(languageOfTelegram(ctx.from.language_code), "notLinked"))
        return
      }
      // The largest size Telegram made of the photo, within what OCR reads.
      const sizes = [...ctx.message.photo].sort((a, b) => (b.file_size ?? 0) - (a.file_size ?? 0))
      const largest = sizes.find((s) => (s.file_size ?? 0) <= MAX_OCR_BYTES)
      if (largest === undefined) {
        await ctx.reply(botText(user.language, "photoRefused", { reason: "> 8 MB" }))
        return
      }
      const file = await ctx.api.getFile(largest.file_id)
      if (file.file_path === undefined) throw new Error("the Bot API gave no file path")
      const response = await fetch(
        `${bot.apiUrl.replace(/\/+$/u, "")}/file/bot${bot.token}/${file.file_path}`,
        {
          signal: AbortSignal.timeout(30_000),
        },
      )
      if (!response.ok) throw new Error(`the photo's download answered ${response.status}`)
      const bytes = Buffer.from(await response.arrayBuffer())
      const reply = await receivePhoto(
        deps,
        user,
        ctx.from.id,
        ctx.chat.id,
        { bytes, name: `telegram-${largest.file_unique_id}.jpg` },
        ctx.message.caption,
      )
      await answer(ctx, reply)
    })

    instance.on("callback_query:data", async (ctx) => {
      const user = await botUserOf(db, orgId, ctx.from.id)
      await ctx.answerCallbackQuery()
      if (user === null) {
        await ctx.reply(botText(languageOfTelegram(ctx.from.language_code), "notLinked"))
        return
      }
      const [action, id = "", arg = ""] = ctx.callbackQuery.data.split(":")
      if (!/^[0-9a-f-]{36}$/u.test(id)) return
      const reply =
        action === "k"
          ? await suggest(deps, user, id, arg === "f" ? "fuel_receipt" : "odometer")
          : action === "c"
            ? await confirm(deps, user, ctx.from.id, id, Number(arg))
            : await dismiss(deps, user, id)
      await answer(ctx, reply)
    })

    instance.on("message", async (ctx) => {
      const user = await botUserOf(db, orgId, ctx.from.id)
      const language = user?.language ?? languageOfTelegram(ctx.from.language_code)
      await ctx.reply(botText(language, user === null ? "notLinked" : "help"))
    })

    instance.catch((error) => log.error({ err: error.error, orgId }, "telegram: an update failed"))
  }

  const start = async (orgId: string, bot: OrgBot): Promise<void> => {
    // grammY is loaded with the first bot, not at start (~4 MiB of heap).
    const { Bot } = await import("grammy")
    const instance = new Bot(bot.token, { client: { apiRoot: bot.apiUrl.replace(/\/+$/u, "") } })
    handlersOf(orgId, bot, instance)
    const stopped = instance
      .start({
        timeout: options.pollTimeoutS ?? 25,
        allowed_updates: ["message", "callback_query"],
        onStart: (info) => {
          db.system
            .query(
              `INSERT INTO telegram_bots (org_id, username, polled_at) VALUES ($1, $2, now())
               ON CONFLICT (org_id) DO UPDATE SET username = EXCLUDED.username, polled_at = now()`,
              [orgId, info.username],
            )
            .catch((error: unknown) => log.warn({ err: error, orgId }, "telegram: the bot's name not kept"))
          log.info({ orgId, bot: info.username }, "telegram bot polling")
        },
      })
      .catch((error: unknown) => {
        if (stopping.has(instance)) return
        // A refused token or an unreachable Bot API: tried again after a minute.
        log.warn({ err: String(error).replaceAll(bot.token, "<token>"), orgId }, "telegram bot stopped")
        backoff.set(orgId, Date.now() + 60_000)
      })
      .finally(async () => {
        if (running.get(orgId)?.instance === instance) running.delete(orgId)
        await unlock(orgId)
      })
    running.set(orgId, { bot, instance, stopped })
  }

  const unlock = async (orgId: string): Promise<void> => {
    const held = session
    if (held === null) return
    await held
      .query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockName(orgId)])
      .catch(() => undefined)
    releaseIfIdle()
  }

  const stop = async (orgId: string): Promise<void> => {
    const current = running.get(orgId)
    if (current === undefined) return
    stopping.add(current.instance)
    await current.instance.stop().catch(() => undefined)
    await current.stopped
  }

  const check = async (): Promise<void> => {
    const { rows } = await db.system.query<{ org_id: string }>(
      `SELECT s.org_id FROM notification_settings s JOIN organisations o ON o.id = s.org_id
       WHERE s.telegram_enabled AND s.telegram_token_sealed IS NOT NULL AND o.status = 'active'`,
    )
    const wanted = new Map<string, OrgBot>()
    for (const { org_id } of rows) {
      const bot = await orgBotOf(db.system, box, org_id).catch(() => null)
      if (bot !== null) wanted.set(org_id, bot)
    }
    for (const [orgId, current] of running) {
      const bot = wanted.get(orgId)
      if (bot === undefined || bot.token !== current.bot.token || bot.apiUrl !== current.bot.apiUrl)
        await stop(orgId)
    }
    for (const [orgId, bot] of wanted) {
      if (closed || running.has(orgId) || (backoff.get(orgId) ?? 0) > Date.now()) continue
      const held = await lockSession()
      const { rows: got } = await held.query<{ got: boolean }>(
        "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got",
        [lockName(orgId)],
      )
      if (got[0]?.got === true) await start(orgId, bot)
    }
    releaseIfIdle()
  }

  let checking: Promise<void> = Promise.resolve()
  const tick = () => {
    checking = checking
      .then(check)
      .catch((error: unknown) => log.warn({ err: error }, "telegram: the bots' settings could not be read"))
  }
  tick()
  const timer = setInterval(tick, options.checkEveryMs ?? 60_000)
  timer.unref()
  // A changed setting is looked at at once, whichever API process saved it.
  const listener = listenPostgres(db.system, {
    name: "telegram bots",
    channels: [TELEGRAM_BOTS_CHANNEL],
    log,
    onNotification: (_channel, orgId) => {
      if (orgId !== undefined) backoff.delete(orgId)
      tick()
    },
    onResumed: tick,
  })

  return {
    close: async () => {
      closed = true
      clearInterval(timer)
      await (await listener).close()
      await checking
      await Promise.all([...running.keys()].map(stop))
      releaseIfIdle()
    },
  }
}
