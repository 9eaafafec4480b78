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
  type CallParts,
  callEndpoint,
  isDeclaredAnswer,
  isNoSuchEndpoint,
  notFoundCode,
  sampleParts,
  sampleWire,
  seedOf,
  urlOf,
} from "./contractCalls.js"
import { type EntitiesInOrg, entitiesInOrg } from "./entitiesInOrg.js"
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
let inB: EntitiesInOrg
const tokens = new Map<Role, string>()

beforeAll(async () => {
  h = await startHarness()
  const orgA = await demoOrgId(h.fleet)
  await Promise.all(
    ROLES.map(async (role) => {
      await createUser(h.fleet, orgA, role, `${role}@perm-a.example`, PASSWORD)
      tokens.set(role, (await login(h.fleet, `${role}@perm-a.example`, PASSWORD)).token)
    }),
  )
  const b = await createOrg(h.fleet, "perm-b", PASSWORD)
  orgB = b.orgId
  adminB = (await login(h.fleet, b.email, PASSWORD)).token
  inB = entitiesInOrg(h.fleet, orgB, adminB)
})
afterAll(async () => {
  await h?.close()
})

const tokenOf = (role: Role): string => tokens.get(role) as string
const call = (token: string | null, e: AnyEndpoint, parts: Parameters<typeof callEndpoint>[3]) =>
  callEndpoint(h.fleet.httpUrl, token, e, parts)
const show = (e: AnyEndpoint, who: string, a: Answered, parts: CallParts): string =>
  `${e.id} as ${who}: ${e.method.toUpperCase()} ${urlOf(e, parts)}${
    parts.body === undefined ? "" : ` ${JSON.stringify(parts.body).slice(0, 300)}`
  }\n    answered ${a.status} ${a.text.slice(0, 300)}`
const allows = (role: Role, e: AnyEndpoint): boolean =>
  (e.access === "public" || e.access === "signedIn" || can(role, e.access)) &&
  (e.alsoRequires === undefined || can(role, e.alsoRequires))

/**
 * Calls that may end the caller's session or sign-in (the `auth` area) go last, so a logout never
 * runs before the calls that need the token.
 */
const ordered = [...ALL_ENDPOINTS].sort((x, y) => Number(x.tag === "auth") - Number(y.tag === "auth"))

/** A caller's answer that is not what the permission table says: who, the answer, the call, what was due. */
type Wrong = [string, Answered, CallParts, string]

describe("role × endpoint", () => {
  it("every role gets exactly what the permission table says, on every declared endpoint", async () => {
    const problems: Array<string> = []
    const covered = new Set<string>()
    for (const e of ordered) {
      // One endpoint's callers at once (each role its own sample, so no two write the same thing);
      // the endpoints one after another, so an `auth` call still ends a session after all the rest.
      const anonymous = async (): Promise<Wrong | null> => {
        const parts = sampleParts(e, seedOf(`${e.id} anonymous`))
        const a = await call(null, e, parts)
        return a.status !== 401 || a.code !== "FLEET_AUTH_REQUIRED"
          ? ["no token", a, parts, "401 FLEET_AUTH_REQUIRED"]
          : null
      }
      const asRole = async (role: Role): Promise<Wrong | null> => {
        const parts = sampleParts(e, seedOf(`${e.id} ${role}`))
        const a = await call(tokenOf(role), e, parts)
        if (allows(role, e) ? isDeclaredAnswer(e, a) : a.status === 403 && a.code === "FLEET_FORBIDDEN")
          return null
        return [role, a, parts, allows(role, e) ? "a declared answer" : "403 FLEET_FORBIDDEN"]
      }
      const answered = await Promise.all([
        ...(e.access === "public" ? [] : [anonymous()]),
        ...ROLES.map(asRole),
      ])
      const answers = answered.length
      const wrong = answered.filter((w): w is Wrong => w !== null)
      if (wrong.length === 0) covered.add(e.id)
      else if (wrong.length === answers && wrong.every(([, a]) => isNoSuchEndpoint(a)))
        problems.push(`${e.id} (${e.method} ${e.path}): not served`)
      else
        for (const [who, a, parts, expected] of wrong)
          problems.push(`${show(e, who, a, parts)}\n    expected ${expected}`)
    }
    console.log(`role × endpoint: ${covered.size}/${ALL_ENDPOINTS.length} declared endpoints covered`)
    expect(problems, problems.join("\n")).toEqual([])
    expect(covered.size).toBe(ALL_ENDPOINTS.length)
    // Twelve roles (and no token) on every endpoint: about 3,500 calls.
  }, 300_000)
})

/** The collection an id belongs to: "/api/v1/vehicles/:id/track" → "/api/v1/vehicles". */
const collectionOf = (path: string): string => path.slice(0, path.indexOf("/:"))

/**
 * Endpoints of the installation, not of an organisation: the owner reaches every organisation, a
 * moderator every service centre.
 */
const isInstallationWide = (e: AnyEndpoint): boolean =>
  e.access === "organisations.manage" || e.access === "centres.moderate"

describe("another organisation's ids", () => {
  it("answer 404 exactly as an unknown id, on every endpoint with an :id, for every role allowed it", async () => {
    const problems: Array<string> = []
    const withId = ALL_ENDPOINTS.filter((e) => pathParameters(e.path).includes("id"))
    let checked = 0
    for (const e of withId) {
      let foreignId: string
      try {
        foreignId = await inB.of(collectionOf(e.path))
      } catch (error) {
        problems.push(`${e.id}: ${(error as Error).message}`)
        continue
      }
      if (isInstallationWide(e)) {
        // The owner's organisation selector: B is reachable by its id, and only the owner has it.
        if (e.method === "get") {
          const parts = sampleParts(e, 1, { id: foreignId })
          const a = await call(tokenOf("owner"), e, parts)
          // A second id (a centre's document) is sampled, so the centre has none such: 404
          // (moderation-documents.e2e reads a real one).
          const expected = pathParameters(e.path).length > 1 ? 404 : e.status
          if (a.status !== expected) problems.push(`${show(e, "owner", a, parts)}\n    expected ${expected}`)
        }
        checked++
        continue
      }
      const found = await Promise.all(
        ROLES.filter((r) => allows(r, e)).map((role) => foreignVersusUnknown(e, role, foreignId)),
      )
      problems.push(...found.filter((f): f is string => f !== undefined))
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
  let last: [Answered, CallParts] | undefined
  for (let attempt = 0; attempt < 30; attempt++) {
    const seed = seedOf(`${e.id} ${role} foreign ${attempt}`)
    const parts = sampleParts(e, seed)
    const withId = (id: string): CallParts => ({ ...parts, params: { ...parts.params, id } })
    const unknownId = (sampleWire(e.params as Wire, seed + 7) as { id: string }).id
    const unknown = await call(tokenOf(role), e, withId(unknownId))
    last = [unknown, withId(unknownId)]
    if (unknown.status !== 404) continue
    const foreign = await call(tokenOf(role), e, withId(foreignId))
    // The same status, code and message (the id itself aside): nothing tells the two apart.
    const said = (a: Answered, id: string) => a.text.replaceAll(id, "<id>")
    if (
      foreign.status === 404 &&
      foreign.code === notFoundCode(e) &&
      said(foreign, foreignId) === said(unknown, unknownId)
    )
      return undefined
    return `${show(e, role, foreign, withId(foreignId))}\n    expected what the unknown id ${unknownId} got: ${unknown.status} ${unknown.text.slice(0, 200)}`
  }
  const [answer, parts] = last as [Answered, CallParts]
  return `${show(e, role, answer, parts)}\n    an unknown id never answered 404`
}
