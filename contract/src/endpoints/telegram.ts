import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { Session } from "./auth.js"

/** How long a link code may be used (minutes). */
export const TELEGRAM_LINK_CODE_MINUTES = 15
/** How old a Mini App's `initData` may be when it signs someone in (seconds). */
export const TELEGRAM_INIT_DATA_MAX_AGE_S = 24 * 3600

/** A link code as the bot takes it: `/start <code>` or typed into the Mini App. */
export const TelegramLinkCode = Schema.String.check(
  Schema.isPattern(/^[A-Z0-9]{10}$/u, explained("telegramLinkCode")),
)

export const TelegramStatus = Schema.Struct({
  /** The organisation's bot is set up (Notification channels): linking and the Mini App work. */
  available: Schema.Boolean,
  /** The bot's @username once it has answered; null before. */
  botUsername: Schema.NullOr(Schema.String),
  linked: Schema.Boolean,
  telegramUsername: Schema.NullOr(Schema.String),
  linkedAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "TelegramStatus" })

export const TelegramLinkCodeIssued = Schema.Struct({
  code: TelegramLinkCode,
  expiresAt: IsoDateTime,
  /** `https://t.me/<bot>?start=<code>`: opens the bot with the code; null before the bot answered. */
  deepLink: Schema.NullOr(Schema.String),
}).annotate({ identifier: "TelegramLinkCodeIssued" })

const notConfigured = {
  status: 409,
  code: "FLEET_TELEGRAM_NOT_CONFIGURED",
  description: "the organisation's Telegram bot is not set up",
} as const

/**
 * Telegram as a front door (seed 002): the organisation's bot (its Telegram notification channel)
 * signs linked users in to the Mini App, sends their notifications and takes odometer and fuel
 * receipt photos, which come back as OCR suggestions to confirm.
 */
export const telegram = {
  status: endpoint({
    id: "telegram.status",
    method: "get",
    path: "/api/v1/me/telegram",
    tag: "telegram",
    summary: "Whether my Telegram account is linked, and whether the organisation's bot is set up",
    access: "signedIn",
    response: TelegramStatus,
  }),
  linkCode: endpoint({
    id: "telegram.linkCode",
    method: "post",
    path: "/api/v1/me/telegram/link-code",
    tag: "telegram",
    summary: "Make a one-time code that links my Telegram account (any earlier unused code stops working)",
    description: `Send it to the bot as \`/start <code>\` (the deep link does it) or type it into the Mini App. It works once, for ${TELEGRAM_LINK_CODE_MINUTES} minutes; only its digest is stored.`,
    access: "signedIn",
    response: TelegramLinkCodeIssued,
    status: 201,
    errors: [notConfigured],
  }),
  unlink: endpoint({
    id: "telegram.unlink",
    method: "delete",
    path: "/api/v1/me/telegram",
    tag: "telegram",
    summary: "Unlink my Telegram account: the Mini App no longer signs me in and the bot stops writing",
    access: "signedIn",
    response: TelegramStatus,
  }),
  signIn: endpoint({
    id: "telegram.signIn",
    method: "post",
    path: "/api/v1/auth/telegram",
    tag: "auth",
    summary: "Sign in from the Telegram Mini App with its initData (and a link code the first time)",
    description: `\`initData\` is the string Telegram hands the Mini App, signed with the organisation's bot token; it is checked (HMAC-SHA-256, as Telegram documents) and must be at most ${TELEGRAM_INIT_DATA_MAX_AGE_S / 3600} h old. An account not linked yet is linked by \`linkCode\`. The browser session is set as cookies, like a password sign-in with \`session: "cookie"\`.`,
    access: "public",
    body: Schema.Struct({
      organisationId: Uuid,
      initData: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(4096)),
      linkCode: Schema.optionalKey(TelegramLinkCode),
    }),
    invalidCode: "FLEET_TELEGRAM_SIGN_IN_INVALID",
    response: Session,
    errors: [
      {
        status: 401,
        code: "FLEET_TELEGRAM_INIT_DATA_INVALID",
        description: "not signed by the bot, or too old",
      },
      { status: 401, code: "FLEET_TELEGRAM_NOT_LINKED", description: "send linkCode to link this account" },
      { status: 401, code: "FLEET_TELEGRAM_LINK_CODE_INVALID", description: "wrong, used or expired" },
      { status: 403, code: "FLEET_ORGANISATION_SUSPENDED" },
      { status: 404, code: "FLEET_TELEGRAM_NOT_CONFIGURED", description: "no such organisation or no bot" },
      { status: 429, code: "FLEET_AUTH_TOO_MANY_ATTEMPTS", description: "with Retry-After" },
    ],
  }),
} as const
