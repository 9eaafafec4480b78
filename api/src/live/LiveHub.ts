import { can, isConfinedToAssignedVehicles, type Role, SESSION_COOKIES } from "@fleetcore/contract"
import type { BusTransport, Log, MetricsShape, PostgresClient } from "@fleetcore/platform"
import { type LiveBatch, type LiveMessage, LiveTopic } from "@fleetcore/proto"
import type { TemplatedApp, WebSocket } from "@trufflesuite/uws-js-unofficial"
import type { AccountCheck } from "../auth/AccountCheck.js"
import type { Principal } from "../auth/Principal.js"
import { parseCookies } from "../auth/sessionCookies.js"
import type { Tokens } from "../auth/Tokens.js"
import { type AssignmentWindow, openAssignmentWindows, windowCovers } from "../vehicles/visibleVehicle.js"

interface LiveUser {
  /** The access token until it is verified (after the upgrade, see `upgrade`). */
  token: string
  /** Who the verified token is for; null until authenticated. */
  principal: Principal | null
  /** "" until authenticated. */
  orgId: string
  userId: string
  /** null until authenticated. */
  role: Role | null
  expiresAtMs: number
  timer?: NodeJS.Timeout
  /** A caller confined to assigned vehicles: their assignments not ended yet (refreshed). */
  windows?: ReadonlyArray<AssignmentWindow>
  closed?: boolean
}

/** How often the assignments of confined sockets are re-read (new or changed assignments). */
export const LIVE_ASSIGNMENTS_REFRESH_MS = 15_000

/** Close code when the access token is missing, invalid or expired: reconnect with a fresh one. */
export const LIVE_CLOSE_UNAUTHORIZED = 4401
const orgTopic = (orgId: string) => `org/${orgId}`
/** A user's own topic: their new in-app notifications (`api/src/notifications/startNotifications.ts`). */
export const userTopic = (userId: string) => `user/${userId}`

/** Whether an `Origin` header names the host the request was sent to (scheme aside). */
export const sameOrigin = (origin: string, host: string): boolean => {
  if (origin === "" || host === "") return false
  try {
    return new URL(origin).host === host.toLowerCase()
  } catch {
    return false
  }
}

/**
 * `GET /api/v1/live` (WebSocket): live positions of the caller's organisation only (a driver: of the
 * vehicles assigned to them now, the rule of `visibleVehicle.ts`). API clients authenticate with
 * `?access_token=…`; the dashboard with its `fleet_session` cookie, which the browser also attaches
 * to upgrades that other sites start, so a cookie is accepted only when the `Origin` is the host
 * itself (cross-site WebSocket hijacking is refused with a 403). Each API process consumes
 * `fleet.live.v1` in its own group and fans out through uWS
 * topics, one per organisation. A slow client skips messages past its send buffer (positions
 * are states: the next one supersedes) rather than growing memory.
 */
export const registerLiveHub = async (
  app: TemplatedApp,
  deps: {
    readonly bus: BusTransport
    readonly db: PostgresClient
    readonly tokens: Tokens
    readonly log: Log
    readonly metrics: MetricsShape
    readonly instanceId: string
    /** Closes the sockets of an account or login that no longer stands (a logout, a new role…). */
    readonly accounts?: Pick<AccountCheck, "standing" | "onChange">
  },
): Promise<{ readonly close: () => Promise<void> }> => {
  const sockets = new Set<WebSocket<LiveUser>>()
  /**
   * Sockets of callers confined to their assigned vehicles (drivers), by organisation: they do not
   * subscribe to the organisation's topic; each batch is filtered for them (`visibleVehicle.ts` rule).
   */
  const confined = new Map<string, Set<WebSocket<LiveUser>>>()
  const loadWindows = async (ws: WebSocket<LiveUser>): Promise<void> => {
    const user = ws.getUserData()
    try {
      const windows = await openAssignmentWindows(deps.db, user.orgId, user.userId)
      if (!user.closed) user.windows = windows
    } catch (error) {
      deps.log.warn({ err: error, userId: user.userId }, "live: could not read the assignments")
    }
  }
  const refresh = setInterval(() => {
    for (const group of confined.values()) for (const ws of group) void loadWindows(ws)
  }, LIVE_ASSIGNMENTS_REFRESH_MS)
  refresh.unref()
  /** The part of a batch a confined socket may see, or null for nothing. */
  const visiblePart = (user: LiveUser, batch: LiveBatch, nowMs: number): LiveMessage | null => {
    const sees = (vehicleId: string | null) =>
      vehicleId !== null &&
      (user.windows ?? []).some((w) => w.vehicleId === vehicleId && windowCovers(w, nowMs))
    if (batch.kind === "positions") {
      const positions = batch.positions.filter((p) => sees(p.vehicleId))
      return positions.length > 0 ? { type: "positions", positions } : null
    }
    // Commands are for those who send them (devices.command); confined callers never do.
    if (batch.kind === "command") return null
    return user.role !== null && can(user.role, "alerts.read") && sees(batch.alert.vehicleId)
      ? { type: "alert", alert: batch.alert }
      : null
  }
  /** A socket whose token verified: subscribed to its own topic and its organisation's positions. */
  const admit = (ws: WebSocket<LiveUser>, user: LiveUser): void => {
    sockets.add(ws)
    deps.metrics.liveSockets.set(sockets.size)
    ws.subscribe(userTopic(user.userId))
    if (user.role !== null && isConfinedToAssignedVehicles(user.role)) {
      const group = confined.get(user.orgId) ?? new Set()
      confined.set(user.orgId, group.add(ws))
      void loadWindows(ws)
    } else ws.subscribe(orgTopic(user.orgId))
    user.timer = setTimeout(
      () => ws.cork(() => ws.end(LIVE_CLOSE_UNAUTHORIZED, "access token expired")),
      user.expiresAtMs - Date.now(),
    )
  }
  app.ws<LiveUser>("/api/v1/live", {
    maxPayloadLength: 4 * 1024,
    maxBackpressure: 1024 * 1024,
    closeOnBackpressureLimit: 0,
    idleTimeout: 60,
    sendPingsAutomatically: true,
    upgrade: (res, req, context) => {
      const query = new URLSearchParams(req.getQuery() ?? "")
      const cookie = parseCookies(req.getHeader("cookie")).get(SESSION_COOKIES.session)
      const byCookie = !query.has("access_token") && cookie !== undefined
      const token = byCookie ? cookie : (query.get("access_token") ?? "")
      if (byCookie && !sameOrigin(req.getHeader("origin"), req.getHeader("host"))) {
        res.cork(() => {
          res
            .writeStatus("403 Forbidden")
            .writeHeader("content-type", "application/json; charset=utf-8")
            .end(
              JSON.stringify({
                error: {
                  code: "FLEET_FORBIDDEN",
                  message: "the live feed takes the session cookie from its own origin only",
                },
              }),
            )
        })
        return
      }
      // The upgrade is synchronous and the token is verified once the socket is open: uWS 20.30
      // can close a socket upgraded inside `res.cork` after an await right after its `open`
      // (no close frame, 1006; uNetworking/uWebSockets#1928, fixed by #1929), and upgrading after
      // an await without the cork is what uWS warns against. Until verified the socket is
      // subscribed to nothing; a token that does not verify is closed with a code the browser can
      // read (an HTTP 401 on upgrade is opaque to it).
      res.upgrade<LiveUser>(
        { token, principal: null, orgId: "", userId: "", role: null, expiresAtMs: 0 },
        req.getHeader("sec-websocket-key"),
        req.getHeader("sec-websocket-protocol"),
        req.getHeader("sec-websocket-extensions"),
        context,
      )
    },
    open: (ws) => {
      const user = ws.getUserData()
      const token = user.token
      user.token = ""
      void deps.tokens.verifyAccess(token).then(
        (verified) => {
          if (user.closed) return
          if (!verified.ok || verified.expiresAtMs <= Date.now()) {
            ws.cork(() => ws.end(LIVE_CLOSE_UNAUTHORIZED, "access token invalid or expired"))
            return
          }
          user.principal = verified.principal
          user.orgId = verified.principal.orgId
          user.userId = verified.principal.userId
          user.role = verified.principal.role
          user.expiresAtMs = verified.expiresAtMs
          admit(ws, user)
        },
        (error: unknown) => {
          deps.log.error({ err: error }, "live: could not verify an access token")
          if (!user.closed) ws.cork(() => ws.end(1011, "could not verify the access token"))
        },
      )
    },
    close: (ws) => {
      const user = ws.getUserData()
      if (user.timer) clearTimeout(user.timer)
      user.closed = true
      sockets.delete(ws)
      deps.metrics.liveSockets.set(sockets.size)
      const group = confined.get(user.orgId)
      if (group?.delete(ws) && group.size === 0) confined.delete(user.orgId)
    },
  })

  const subscription = await deps.bus.subscribe(LiveTopic, `api-live-${deps.instanceId}`, async (batches) => {
    for (const batch of batches) {
      // Most organisations have nobody watching at a given moment: their batches are not
      // serialised at all (at 2,000 vehicles that was ~1 µs of the main thread a point).
      const topic = orgTopic(batch.orgId)
      const watched = app.numSubscribers(topic) > 0
      const group = confined.get(batch.orgId)
      if (!watched && group === undefined) continue
      const message: LiveMessage =
        batch.kind === "positions"
          ? { type: "positions", positions: batch.positions }
          : batch.kind === "command"
            ? { type: "command", command: batch.command }
            : { type: "alert", alert: batch.alert }
      if (watched) app.publish(topic, JSON.stringify(message), false)
      const nowMs = Date.now()
      for (const ws of group ?? []) {
        const part = visiblePart(ws.getUserData(), batch, nowMs)
        // Like the topic, a socket past its send buffer drops the message (uWS maxBackpressure).
        if (part !== null) ws.send(JSON.stringify(part), false)
      }
    }
  })

  // A socket lives as long as its account and login stand: a logout, a deactivation or a new role
  // closes it (the client opens a new one with a fresh token), not only its token's expiry.
  const recheck = (ws: WebSocket<LiveUser>, principal: Principal): void => {
    deps.accounts?.standing(principal).then(
      (standing) => {
        const user = ws.getUserData()
        if (standing !== "ok" && !user.closed)
          ws.cork(() => ws.end(LIVE_CLOSE_UNAUTHORIZED, "the account or login changed"))
      },
      (error: unknown) => deps.log.warn({ err: error }, "live: could not check a socket's account"),
    )
  }
  const unsubscribeAccounts = deps.accounts?.onChange((change) => {
    for (const ws of sockets) {
      const principal = ws.getUserData().principal
      if (principal === null) continue
      const concerned =
        change.userId === undefined && change.sessionId === undefined
          ? true
          : change.userId === principal.userId ||
            (change.sessionId !== undefined && change.sessionId === principal.sessionId)
      if (concerned) recheck(ws, principal)
    }
  })

  return {
    close: async () => {
      unsubscribeAccounts?.()
      clearInterval(refresh)
      await subscription.close()
      for (const ws of sockets) ws.end(1001, "server shutting down")
    },
  }
}
