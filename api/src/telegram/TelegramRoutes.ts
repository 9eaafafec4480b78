import { endpoints, TELEGRAM_INIT_DATA_MAX_AGE_S } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import { accountById, homeOrganisation } from "../auth/accounts.js"
import { issueSession } from "../auth/issueSession.js"
import { LoginThrottle } from "../auth/LoginThrottle.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { notificationSecretBox } from "../notifications/startNotifications.js"
import { assertOrganisationActive } from "../organisations/organisationStatus.js"
import { verifyInitData } from "./initData.js"
import {
  issueLinkCode,
  linkedUser,
  linkTelegram,
  orgBotOf,
  redeemLinkCode,
  unlinkTelegram,
} from "./telegramLinks.js"

const notConfigured = (status: 404 | 409) =>
  new HttpError(status, "FLEET_TELEGRAM_NOT_CONFIGURED", "the organisation's Telegram bot is not set up")

/** The deep link that opens the bot with `/start <code>`. */
export const deepLinkOf = (botUsername: string | null, code: string): string | null =>
  botUsername === null ? null : `https://t.me/${botUsername}?start=${code}`

const botUsername = async (c: pg.ClientBase | pg.Pool, orgId: string): Promise<string | null> =>
  (
    await c.query<{ username: string | null }>("SELECT username FROM telegram_bots WHERE org_id = $1", [
      orgId,
    ])
  ).rows[0]?.username ?? null

/**
 * Linking a Telegram account (a one-time code made here, used with the bot or in the Mini App) and
 * the Mini App's sign-in with its signed `initData`.
 */
export const registerTelegramRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log"> & { readonly cookieSecure?: boolean },
): void => {
  const { db } = deps
  const box = notificationSecretBox(deps.tokens)
  const sessions = { db, tokens: deps.tokens, cookieSecure: deps.cookieSecure ?? true }
  const throttle = new LoginThrottle()

  const statusOf = async (orgId: string, userId: string) => {
    const bot = await orgBotOf(db.system, box, orgId)
    const link = (
      await db.system.query<{ username: string | null; linked_at: Date }>(
        "SELECT username, linked_at FROM telegram_links WHERE user_id = $1 AND org_id = $2",
        [userId, orgId],
      )
    ).rows[0]
    return {
      available: bot !== null,
      botUsername: bot === null ? null : await botUsername(db.system, orgId),
      linked: link !== undefined,
      telegramUsername: link?.username ?? null,
      linkedAt: link?.linked_at.toISOString() ?? null,
    }
  }

  serve(app, deps, endpoints.telegram.status, async ({ principal: p }) => ({
    body: await statusOf(p.homeOrgId, p.userId),
  }))

  serve(app, deps, endpoints.telegram.linkCode, async ({ principal: p, request }) => {
    if ((await orgBotOf(db.system, box, p.homeOrgId)) === null) throw notConfigured(409)
    const issued = await db.withOrg(p.homeOrgId, async (c) => {
      const made = await issueLinkCode(c, p.homeOrgId, p.userId)
      await audit(c, { ...p, orgId: p.homeOrgId }, request, {
        action: "telegram.link-code",
        entity: "user",
        entityId: p.userId,
        details: { expiresAt: made.expiresAt.toISOString() },
      })
      return made
    })
    return {
      status: 201,
      body: {
        code: issued.code,
        expiresAt: issued.expiresAt.toISOString(),
        deepLink: deepLinkOf(await botUsername(db.system, p.homeOrgId), issued.code),
      },
    }
  })

  serve(app, deps, endpoints.telegram.unlink, async ({ principal: p, request }) => {
    await db.withOrg(p.homeOrgId, async (c) => {
      await unlinkTelegram(c, p.userId)
      await audit(c, { ...p, orgId: p.homeOrgId }, request, {
        action: "telegram.unlink",
        entity: "user",
        entityId: p.userId,
      })
    })
    return { body: await statusOf(p.homeOrgId, p.userId) }
  })

  serve(app, deps, endpoints.telegram.signIn, async ({ body, request }) => {
    const orgId = body.organisationId
    const bot = await orgBotOf(db.system, box, orgId)
    if (bot === null) throw notConfigured(404)
    const identity = verifyInitData(
      body.initData,
      bot.token,
      Math.floor(Date.now() / 1000),
      TELEGRAM_INIT_DATA_MAX_AGE_S,
    )
    if (identity === null) {
      throw new HttpError(
        401,
        "FLEET_TELEGRAM_INIT_DATA_INVALID",
        "initData is not signed by the bot or is too old",
      )
    }
    let userId = await linkedUser(db.system, orgId, identity.id)
    if (body.linkCode !== undefined) {
      // Codes are guessed only by someone Telegram vouches for: throttled per Telegram account.
      const attempt = throttle.reserve(`telegram:${orgId}:${identity.id}`, request.remoteAddress, Date.now())
      if (!attempt.ok) {
        const seconds = Math.max(1, Math.ceil(attempt.retryAfterMs / 1000))
        throw new HttpError(
          429,
          "FLEET_AUTH_TOO_MANY_ATTEMPTS",
          `too many wrong codes; retry in ${seconds} s`,
          null,
          {
            "retry-after": String(seconds),
          },
        )
      }
      const linked = await db.withOrg(orgId, async (c) => {
        const owner = await redeemLinkCode(c, orgId, body.linkCode as string)
        if (owner === null) return null
        await linkTelegram(c, orgId, owner, identity)
        await audit(c, { orgId, userId: owner }, request, {
          action: "telegram.link",
          entity: "user",
          entityId: owner,
          details: { telegramUserId: identity.id, username: identity.username, via: "mini-app" },
        })
        return owner
      })
      attempt.settle(linked === null ? "failure" : "success", Date.now())
      if (linked === null) {
        throw new HttpError(
          401,
          "FLEET_TELEGRAM_LINK_CODE_INVALID",
          "the link code is wrong, used or expired",
          "linkCode",
        )
      }
      userId = linked
    }
    if (userId === null) {
      throw new HttpError(
        401,
        "FLEET_TELEGRAM_NOT_LINKED",
        "this Telegram account is not linked: send linkCode",
      )
    }
    const account = await accountById(db.system, userId)
    if (account === undefined || account.disabled || account.password_hash === null) {
      throw new HttpError(401, "FLEET_TELEGRAM_NOT_LINKED", "the linked login is disabled or not set up")
    }
    await assertOrganisationActive(db.system, account.org_id)
    const started = await issueSession(sessions, account, {
      familyId: null,
      acting: homeOrganisation(account),
      kind: "cookie",
    })
    await audit(db.system, { orgId: account.org_id, userId: account.id }, request, {
      action: "auth.login",
      entity: "user",
      entityId: account.id,
      details: { email: account.email, session: "cookie", via: "telegram", telegramUserId: identity.id },
    })
    return started
  })
}
