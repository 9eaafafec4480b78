import {
  ALL_ENDPOINTS,
  type AnyEndpoint,
  can,
  pathParameters,
  ROLES,
  type Role,
  type Wire,
} from "@fleetcore/contract"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type Answered,
  callEndpoint,
  idIn,
  isDeclaredAnswer,
  isNoSuchEndpoint,
  notFoundCode,
  sampleParts,
  sampleWire,
  seedOf,
  urlOf,
} from "./contractCalls.js"
import { createOrg, createUser, demoOrgId, type Harness, login, startHarness } from "./harness.js"

/**
 * Generated from the declarations: every declared endpoint is called by a user of every role of
 * organisation A, and anonymously. A role without the endpoint's permission gets 403 FLEET_FORBIDDEN;
 * a role with it gets an answer its declaration allows (never 401/403, never a 5xx); no token gets
 * 401. Every endpoint with an `:id` answers an id of organisation B's entity exactly as an unknown
 * id (404, same code). Nothing here lists endpoints: a new declaration is covered by being declared.
 */
const PASSWORD = "permissions-test-password"

let h: Harness
let orgB = ""
let adminB = ""
const tokens = new Map<Role, string>()

beforeAll(async () => {
  h = await startHarness()
  const orgA = await demoOrgId(h.fleet)
  for (const role of ROLES) {
    await createUser(h.fleet, orgA, role, `${role}@perm-a.example`, PASSWORD)
    tokens.set(role, (await login(h.fleet, `${role}@perm-a.example`, PASSWORD)).token)
  }
  const b = await createOrg(h.fleet, "perm-b", PASSWORD)
  orgB = b.orgId
  adminB = (await login(h.fleet, b.email, PASSWORD)).token
})
afterAll(async () => {
  await h?.close()
})

const tokenOf = (role: Role): string => tokens.get(role) as string
const call = (token: string | null, e: AnyEndpoint, parts: Parameters<typeof callEndpoint>[3]) =>
  callEndpoint(h.fleet.httpUrl, token, e, parts)
const show = (e: AnyEndpoint, who: string, a: Answered): string =>
  `${e.id} (${e.method} ${e.path}) as ${who}: ${a.status} ${a.text.slice(0, 200)}`
const allows = (role: Role, e: AnyEndpoint): boolean =>
  e.access === "public" || e.access === "signedIn" || can(role, e.access)

/**
 * Calls that may end the caller's session or sign-in (the `auth` area) go last, so a logout never
 * runs before the calls that need the token.
 */
const ordered = [...ALL_ENDPOINTS].sort((x, y) => Number(x.tag === "auth") - Number(y.tag === "auth"))

describe("role × endpoint", () => {
  it("every role gets exactly what the permission table says, on every declared endpoint", async () => {
    const problems: Array<string> = []
    const covered = new Set<string>()
    for (const e of ordered) {
      const wrong: Array<[string, Answered, string]> = []
      let answers = 0
      if (e.access !== "public") {
        const anonymous = await call(null, e, sampleParts(e, seedOf(`${e.id} anonymous`)))
        answers++
        if (anonymous.status !== 401 || anonymous.code !== "FLEET_AUTH_REQUIRED")
          wrong.push(["no token", anonymous, "401 FLEET_AUTH_REQUIRED"])
      }
      for (const role of ROLES) {
        const a = await call(tokenOf(role), e, sampleParts(e, seedOf(`${e.id} ${role}`)))
        answers++
        if (allows(role, e) ? !isDeclaredAnswer(e, a) : a.status !== 403 || a.code !== "FLEET_FORBIDDEN")
          wrong.push([role, a, allows(role, e) ? "a declared answer" : "403 FLEET_FORBIDDEN"])
      }
      if (wrong.length === 0) covered.add(e.id)
      else if (wrong.length === answers && wrong.every(([, a]) => isNoSuchEndpoint(a)))
        problems.push(`${e.id} (${e.method} ${e.path}): not served`)
      else
        for (const [who, a, expected] of wrong) problems.push(`${show(e, who, a)}\n    expected ${expected}`)
    }
    console.log(`role × endpoint: ${covered.size}/${ALL_ENDPOINTS.length} declared endpoints covered`)
    expect(problems, problems.join("\n")).toEqual([])
    expect(covered.size).toBe(ALL_ENDPOINTS.length)
  })
})

/** The collection an id belongs to: "/api/v1/vehicles/:id/track" → "/api/v1/vehicles". */
const collectionOf = (path: string): string => path.slice(0, path.indexOf("/:"))

/** Endpoints of the installation, not of an organisation: the owner reaches every organisation. */
const isInstallationWide = (e: AnyEndpoint): boolean => e.access === "organisations.manage"

/**
 * How to make an entity in organisation B where the collection's own create endpoint cannot (the
 * entity is made by another endpoint or by the platform itself).
 */
const CREATE_IN_B: Readonly<Record<string, () => Promise<string>>> = {
  "/api/v1/organisations": async () => orgB,
}

const created = new Map<string, Promise<string>>()

/**
 * An entity of `collection` in organisation B, made as B's admin through the collection's declared
 * create endpoint with a sampled body; a body the server refuses on an optional field is retried
 * without it, and fields naming another entity (`vehicleId`) get one of B's.
 */
const entityInB = (collection: string): Promise<string> => {
  const known = created.get(collection) ?? makeInB(collection)
  created.set(collection, known)
  return known
}

const makeInB = async (collection: string): Promise<string> => {
  const special = CREATE_IN_B[collection]
  const create = ALL_ENDPOINTS.find((x) => x.method === "post" && x.path === collection)
  if (special === undefined && create === undefined)
    throw new Error(`no way to make a ${collection} entity in organisation B: add one to CREATE_IN_B`)
  let id: string | undefined
  if (special !== undefined) id = await special()
  const attempts: Array<string> = []
  for (let seed = 1; id === undefined && create !== undefined && seed <= 20; seed++) {
    const body = {
      ...((create.body === undefined ? {} : sampleWire(create.body, seed)) as Record<string, unknown>),
    }
    for (const key of Object.keys(body)) {
      const ref = `/api/v1/${key.replace(/Id$/u, "").replace(/[A-Z]/gu, (c) => `-${c.toLowerCase()}`)}s`
      if (key.endsWith("Id") && ref !== collection && ALL_ENDPOINTS.some((x) => x.path === ref))
        body[key] = await entityInB(ref)
    }
    for (let retry = 0; retry < 5; retry++) {
      const a = await call(adminB, create, { body })
      if (a.status === create.status) {
        id = idIn(a.json)
        break
      }
      attempts.push(`${a.status} ${a.text.slice(0, 160)}`)
      if (isNoSuchEndpoint(a)) throw new Error(`${create.id} (post ${collection}) is not served`)
      const field = (a.json as { error?: { field?: unknown } } | null)?.error?.field
      if (typeof field !== "string" || !(field in body)) break
      delete body[field]
    }
  }
  if (id === undefined)
    throw new Error(`could not make a ${collection} entity in organisation B:\n  ${attempts.join("\n  ")}`)
  return id
}

describe("another organisation's ids", () => {
  it("answer 404 exactly as an unknown id, on every endpoint with an :id, for every role allowed it", async () => {
    const problems: Array<string> = []
    const withId = ALL_ENDPOINTS.filter((e) => pathParameters(e.path).includes("id"))
    let checked = 0
    for (const e of withId) {
      let foreignId: string
      try {
        foreignId = await entityInB(collectionOf(e.path))
      } catch (error) {
        problems.push(`${e.id}: ${(error as Error).message}`)
        continue
      }
      if (isInstallationWide(e)) {
        // The owner's organisation selector: B is reachable by its id, and only the owner has it.
        if (e.method === "get") {
          const a = await call(tokenOf("owner"), e, sampleParts(e, 1, { id: foreignId }))
          if (a.status !== e.status) problems.push(`${show(e, "owner", a)}\n    expected ${e.status}`)
        }
        checked++
        continue
      }
      for (const role of ROLES.filter((r) => allows(r, e))) {
        const found = await foreignVersusUnknown(e, role, foreignId)
        if (found !== undefined) problems.push(found)
      }
      checked++
    }
    console.log(`foreign ids: ${checked}/${withId.length} endpoints with an :id checked`)
    expect(problems, problems.join("\n")).toEqual([])
    expect(checked).toBe(withId.length)
  })
})

/**
 * The same call with B's id and with an unknown one (sampled from the id's schema); the first
 * sample whose unknown-id call is a 404 is used, so a body rule checked before the look-up does
 * not hide the look-up. Returns the problem, if any.
 */
const foreignVersusUnknown = async (
  e: AnyEndpoint,
  role: Role,
  foreignId: string,
): Promise<string | undefined> => {
  let last: Answered | undefined
  for (let attempt = 0; attempt < 5; attempt++) {
    const seed = seedOf(`${e.id} ${role} foreign ${attempt}`)
    const parts = sampleParts(e, seed)
    const unknownId = (sampleWire(e.params as Wire, seed + 7) as { id: string }).id
    const unknown = await call(tokenOf(role), e, { ...parts, params: { ...parts.params, id: unknownId } })
    last = unknown
    if (unknown.status !== 404) continue
    const foreign = await call(tokenOf(role), e, { ...parts, params: { ...parts.params, id: foreignId } })
    if (foreign.status === 404 && foreign.code === unknown.code && foreign.code === notFoundCode(e))
      return undefined
    return `${show(e, role, foreign)}\n    with B's id ${urlOf(e, { ...parts, params: { ...parts.params, id: foreignId } })}; an unknown id answered ${unknown.status} ${unknown.code}`
  }
  return `${show(e, role, last as Answered)}\n    an unknown id never answered 404`
}
