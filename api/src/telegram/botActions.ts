import { can, type Language, MAX_OCR_BYTES, type OcrCandidate, reason } from "@fleetcore/contract"
import {
  type DocumentStore,
  HttpError,
  type Log,
  type PostgresClient,
  type Request,
} from "@fleetcore/platform"
import type { OrgId, UserId } from "@fleetcore/proto"
import type { Principal, Role } from "../auth/Principal.js"
import { acceptUpload } from "../documents/acceptUpload.js"
import { storeDocuments } from "../documents/storeDocuments.js"
import { recordRefuel } from "../fuel/recordRefuel.js"
import { localizeError } from "../http/localizeError.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import type { OcrProvider } from "../ocr/OcrProvider.js"
import { raiseJumpAlerts, recordReading } from "../vehicles/recordReading.js"
import { botReason, botText } from "./botTexts.js"
import { linkedUser } from "./telegramLinks.js"

export interface BotDeps extends Pick<RouteDeps, "db" | "ch"> {
  readonly documents: DocumentStore
  readonly log: Log
  readonly ocr: OcrProvider
}

/** A linked Telegram account's FleetCore user, as the bot acts for them. */
export interface BotUser {
  readonly principal: Principal
  readonly language: Language
  readonly name: string
}

/** A button under the bot's message: its label and its callback data (at most 64 bytes). */
export interface BotButton {
  readonly text: string
  readonly data: string
}

/** What the bot answers: a text, and rows of buttons. */
export interface BotReply {
  readonly text: string
  readonly buttons?: ReadonlyArray<ReadonlyArray<BotButton>>
}

export type PhotoKind = "odometer" | "fuel_receipt"

/** What audit entries record as the request of something done through the bot. */
export const botRequest = (telegramUserId: number): Request => ({
  method: "POST",
  url: "telegram:bot",
  query: new URLSearchParams(),
  params: [],
  headers: new Map([["user-agent", `Telegram bot (account ${telegramUserId})`]]),
  body: Buffer.alloc(0),
  remoteAddress: "",
})

/** The user linked to `telegramUserId` in `orgId` (enabled, in an active organisation), or null. */
export const botUserOf = async (
  db: PostgresClient,
  orgId: string,
  telegramUserId: number,
): Promise<BotUser | null> => {
  const userId = await linkedUser(db.system, orgId, telegramUserId)
  if (userId === null) return null
  const { rows } = await db.system.query<{ role: Role; locale: Language | null; name: string }>(
    `SELECT u.role, u.locale, u.name FROM users u JOIN organisations o ON o.id = u.org_id
     WHERE u.id = $1 AND u.org_id = $2 AND NOT u.disabled AND o.status = 'active'`,
    [userId, orgId],
  )
  const row = rows[0]
  if (row === undefined) return null
  return {
    principal: {
      userId: userId as UserId,
      orgId: orgId as OrgId,
      role: row.role,
      homeOrgId: orgId as OrgId,
      locale: row.locale,
      sessionId: null,
    },
    language: row.locale ?? "en",
    name: row.name,
  }
}

/** The vehicle assigned to the user now (their driver record's open assignment), if any. */
const assignedVehicle = async (db: PostgresClient, p: Principal) =>
  db.withOrg(p.orgId, async (c) => {
    const { rows } = await c.query<{ id: string; name: string }>(
      `SELECT v.id, v.name FROM driver_assignments a JOIN drivers d ON d.id = a.driver_id
       JOIN vehicles v ON v.id = a.vehicle_id
       WHERE d.user_id = $1 AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
       ORDER BY a.starts_at DESC LIMIT 1`,
      [p.userId],
    )
    return rows[0] ?? null
  })

/** What a caption says the photo shows, when it says. */
export const kindOfCaption = (caption: string | undefined): PhotoKind | null => {
  const text = (caption ?? "").toLowerCase()
  if (/odo|одом|\bkm\b|км|sayaç|kilometre/u.test(text)) return "odometer"
  if (/fuel|receipt|чек|заправ|топлив|жанармай|yakıt|fiş/u.test(text)) return "fuel_receipt"
  return null
}

const reasonOf = (error: HttpError, language: Language): string => {
  const localized = localizeError(error, language)
  return localized instanceof HttpError ? botReason(language, localized) : String(localized)
}

interface PhotoRow {
  id: string
  user_id: string
  vehicle_id: string
  vehicle_name: string
  document_id: string | null
  kind: PhotoKind | null
  candidates: ReadonlyArray<OcrCandidate>
  status: string
  storage_key: string | null
}

const photoOf = async (db: PostgresClient, orgId: string, id: string): Promise<PhotoRow | undefined> =>
  db.withOrg(orgId, async (c) => {
    const { rows } = await c.query<PhotoRow>(
      `SELECT p.id, p.user_id, p.vehicle_id, v.name || coalesce(' (' || v.plate || ')', '') AS vehicle_name, p.document_id, p.kind, p.candidates, p.status,
         d.storage_key
       FROM telegram_photos p JOIN vehicles v ON v.id = p.vehicle_id LEFT JOIN documents d ON d.id = p.document_id
       WHERE p.id = $1`,
      [id],
    )
    return rows[0]
  })

const formatNumber = (value: string, language: Language): string => {
  const n = Number(value)
  return Number.isFinite(n) ? new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(n) : value
}

/**
 * A photo sent to the bot: stored as a photo document of the sender's assigned vehicle, then read
 * (when the caption says what it shows) or asked about. Nothing but the document is written.
 */
export const receivePhoto = async (
  deps: BotDeps,
  user: BotUser,
  telegramUserId: number,
  chatId: number,
  photo: { readonly bytes: Buffer; readonly name: string },
  caption: string | undefined,
): Promise<BotReply> => {
  const p = user.principal
  const t = (key: Parameters<typeof botText>[1], values?: Record<string, string>) =>
    botText(user.language, key, values)
  if (!can(p.role, "odometer.record") && !can(p.role, "fuel.record")) return { text: t("notAllowed") }
  const vehicle = await assignedVehicle(deps.db, p)
  if (vehicle === null) return { text: t("noVehicle") }
  let documentId: string
  try {
    const accepted = await acceptUpload({ filename: photo.name, bytes: photo.bytes })
    const [document] = await storeDocuments(
      deps,
      p,
      botRequest(telegramUserId),
      { entityType: "vehicle", entityId: vehicle.id, kind: "photo", expiresOn: null },
      [accepted],
    )
    if (document === undefined) throw new Error("the photo was not stored")
    documentId = document.id
  } catch (error) {
    if (error instanceof HttpError)
      return { text: t("photoRefused", { reason: reasonOf(error, user.language) }) }
    throw error
  }
  const id = await deps.db.withOrg(p.orgId, async (c) => {
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO telegram_photos (org_id, user_id, chat_id, vehicle_id, document_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [p.orgId, p.userId, chatId, vehicle.id, documentId],
    )
    return rows[0]?.id as string
  })
  const kind = kindOfCaption(caption)
  if (kind !== null) return suggest(deps, user, id, kind)
  return {
    text: t("askKind"),
    buttons: [
      [
        { text: t("odometer"), data: `k:${id}:o` },
        { text: t("fuelReceipt"), data: `k:${id}:f` },
      ],
    ],
  }
}

const readStored = async (store: DocumentStore, key: string): Promise<Buffer> => {
  const object = await store.get(key)
  if (object === null) throw new Error(`the photo ${key} is not in the store`)
  const chunks: Buffer[] = []
  for await (const chunk of object.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks)
}

/** Reads photo `id` as `kind` and offers its candidates; a photo already answered is left alone. */
export const suggest = async (
  deps: BotDeps,
  user: BotUser,
  id: string,
  kind: PhotoKind,
): Promise<BotReply> => {
  const p = user.principal
  const t = (key: Parameters<typeof botText>[1], values?: Record<string, string>) =>
    botText(user.language, key, values)
  const photo = await photoOf(deps.db, p.orgId, id)
  if (
    photo === undefined ||
    photo.user_id !== p.userId ||
    photo.status !== "waiting" ||
    photo.storage_key === null
  ) {
    return { text: t("decided") }
  }
  const bytes = await readStored(deps.documents, photo.storage_key)
  if (bytes.length > MAX_OCR_BYTES) return { text: t("photoRefused", { reason: "> 8 MB" }) }
  let candidates: ReadonlyArray<OcrCandidate>
  try {
    candidates = (await deps.ocr.suggest(bytes, kind)).candidates
  } catch (error) {
    deps.log.warn({ err: error, photo: id }, "telegram: the photo could not be read")
    const reason = error instanceof Error ? error.message : String(error)
    return { text: t("busy", { reason }) }
  }
  const offered =
    kind === "odometer"
      ? candidates.filter((c) => c.field === "odometer").slice(0, 3)
      : (["litres", "amount", "date"] as const).flatMap(
          (field) => candidates.find((c) => c.field === field) ?? [],
        )
  const usable = kind === "odometer" ? offered.length > 0 : offered.some((c) => c.field === "litres")
  await deps.db.withOrg(p.orgId, (c) =>
    c.query("UPDATE telegram_photos SET kind = $2, candidates = $3, status = $4 WHERE id = $1", [
      id,
      kind,
      JSON.stringify(offered),
      usable ? "suggested" : "dismissed",
    ]),
  )
  if (!usable) return { text: t("nothingRead") }
  const none = { text: t("noneRight"), data: `x:${id}` }
  if (kind === "odometer") {
    return {
      text: t("pickOdometer", { vehicle: photo.vehicle_name }),
      buttons: [
        ...offered.map((c, i) => [
          { text: `${formatNumber(c.value, user.language)} km`, data: `c:${id}:${i}` },
        ]),
        [none],
      ],
    }
  }
  const value = (field: string) => offered.find((c) => c.field === field)?.value
  return {
    text: t("pickRefuel", {
      vehicle: photo.vehicle_name,
      litres: formatNumber(value("litres") ?? "", user.language),
      amount:
        value("amount") === undefined
          ? t("unknownAmount")
          : formatNumber(value("amount") ?? "", user.language),
      date: value("date") ?? new Date().toISOString().slice(0, 10),
    }),
    buttons: [[{ text: t("record", {}), data: `c:${id}:0` }, none]],
  }
}

/**
 * The person picked candidate `index` of photo `id`: the reading or the refuel is recorded as if they
 * had entered it (their role, their vehicle, audited), once; a refused entry is said and the photo
 * may be answered again.
 */
export const confirm = async (
  deps: BotDeps,
  user: BotUser,
  telegramUserId: number,
  id: string,
  index: number,
): Promise<BotReply> => {
  const p = user.principal
  const t = (key: Parameters<typeof botText>[1], values?: Record<string, string>) =>
    botText(user.language, key, values)
  const claimed = await deps.db.withOrg(p.orgId, async (c) => {
    const { rows } = await c.query<{ id: string }>(
      `UPDATE telegram_photos SET status = 'confirmed', decided_at = now()
       WHERE id = $1 AND user_id = $2 AND status = 'suggested' RETURNING id`,
      [id, p.userId],
    )
    return rows.length === 1
  })
  const photo = claimed ? await photoOf(deps.db, p.orgId, id) : undefined
  if (photo === undefined) return { text: t("decided") }
  const request = botRequest(telegramUserId)
  const value = (field: string) => photo.candidates.find((c) => c.field === field)?.value
  try {
    if (photo.kind === "odometer") {
      const picked = photo.candidates[index]
      if (picked === undefined)
        throw refuse(400, "FLEET_ODOMETER_READING_INVALID", null, reason("noCandidate"))
      const recorded = await deps.db.withOrg(p.orgId, (c) =>
        recordReading(c, deps.ch, p, request, photo.vehicle_id, {
          valueKm: Number(picked.value),
          note: "Telegram photo",
        }),
      )
      await raiseJumpAlerts(deps.db.system, p.orgId, [recorded])
      await setRecord(deps.db, p.orgId, id, recorded.row.id)
      return {
        text: t("recordedOdometer", {
          km: formatNumber(picked.value, user.language),
          vehicle: photo.vehicle_name,
        }),
      }
    }
    const litres = Number(value("litres"))
    const amount = value("amount")
    const recorded = await recordRefuel(deps, p, request, photo.vehicle_id, {
      time: value("date") ?? new Date().toISOString(),
      litres,
      ...(amount === undefined ? {} : { amount }),
      note: "Telegram photo",
      receiptDocumentId: photo.document_id,
    })
    await setRecord(deps.db, p.orgId, id, recorded.id)
    return {
      text: t("recordedRefuel", {
        litres: formatNumber(String(litres), user.language),
        vehicle: photo.vehicle_name,
      }),
    }
  } catch (error) {
    await deps.db.withOrg(p.orgId, (c) =>
      c.query("UPDATE telegram_photos SET status = 'suggested', decided_at = NULL WHERE id = $1", [id]),
    )
    if (error instanceof HttpError) return { text: t("failed", { reason: reasonOf(error, user.language) }) }
    throw error
  }
}

const setRecord = (db: PostgresClient, orgId: string, id: string, recordId: string) =>
  db.withOrg(orgId, (c) => c.query("UPDATE telegram_photos SET record_id = $2 WHERE id = $1", [id, recordId]))

/** The person said none of the candidates is right (or gave up before choosing what it shows). */
export const dismiss = async (deps: BotDeps, user: BotUser, id: string): Promise<BotReply> => {
  const done = await deps.db.withOrg(user.principal.orgId, (c) =>
    c.query(
      `UPDATE telegram_photos SET status = 'dismissed', decided_at = now()
       WHERE id = $1 AND user_id = $2 AND status IN ('waiting', 'suggested')`,
      [id, user.principal.userId],
    ),
  )
  return { text: botText(user.language, done.rowCount === 1 ? "dismissed" : "decided") }
}
