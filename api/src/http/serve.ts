import {
  type AnyEndpoint,
  can,
  type Endpoint,
  languageOf,
  pathParameters,
  reason,
  type TypeOf,
  type Wire,
  type WireOf,
} from "@fleetcore/contract"
import { HttpError, type Log, type Request, route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Result, Schema } from "effect"
import { authenticate } from "../auth/authenticate.js"
import type { Principal } from "../auth/Principal.js"
import type { Tokens } from "../auth/Tokens.js"
import { decodeOr400, isStorableText, jsonBody } from "./decode.js"
import { type AnyHandler, rememberHandler } from "./handlerRegistry.js"
import { localizeError } from "./localizeError.js"
import { refuse } from "./refuse.js"

export interface ServeDeps {
  readonly tokens: Tokens
  readonly log: Log
  /**
   * Check every answer against the endpoint's response schema and answer 500 when it does not
   * match (tests and the API fuzzer turn this on: a drifted declaration fails loudly).
   */
  readonly checkResponses?: boolean
}

/** What a handler gets: the caller and the decoded parts of the request. */
export interface Call<E extends AnyEndpoint> {
  readonly principal: E["access"] extends "public" ? null : Principal
  readonly params: TypeOf<E["params"]>
  readonly query: TypeOf<E["query"]>
  readonly body: TypeOf<E["body"]>
  readonly request: Request
}

/** A handler's answer: the body in its wire form, and optionally another status, headers, cookies. */
export interface Answer<E extends AnyEndpoint> {
  /** The declared success status when absent. */
  readonly status?: number
  readonly headers?: Readonly<Record<string, string>>
  readonly cookies?: ReadonlyArray<string>
  /** JSON in the declared response's wire form; text or bytes for a `contentType` endpoint. */
  readonly body?: E["response"] extends Wire ? WireOf<E["response"]> : string | Buffer
}

/** The 404 an endpoint answers for an id that is malformed, unknown or another organisation's. */
export const notFoundCode = (e: AnyEndpoint): string =>
  e.errors.find((x) => x.status === 404)?.code ?? "FLEET_NOT_FOUND"

const decodeParams = (e: AnyEndpoint, request: Request): unknown => {
  if (e.params === undefined) return undefined
  const names = pathParameters(e.path)
  const raw = Object.fromEntries(names.map((n, i) => [n, request.params[i] ?? ""]))
  const result = Schema.decodeUnknownResult(e.params)(raw)
  // A malformed id names nothing that exists: the same 404 as an unknown or foreign one.
  if (Result.isFailure(result)) throw new HttpError(404, notFoundCode(e), "not found")
  return result.success
}

/** The query string as an object; a value PostgreSQL cannot store (a NUL) is a 400 naming it. */
const queryOf = (request: Request): Record<string, string> => {
  const query = Object.fromEntries(request.query)
  for (const [name, value] of Object.entries(query)) {
    if (!isStorableText(value)) {
      throw refuse(400, "FLEET_QUERY_INVALID", name, reason("noNul"))
    }
  }
  return query
}

const checkResponse = (e: AnyEndpoint, body: unknown, log: Log): void => {
  if (e.response === undefined) return
  const result = Schema.decodeUnknownResult(Schema.toEncoded(e.response), { onExcessProperty: "error" })(body)
  if (Result.isFailure(result)) {
    log.error({ endpoint: e.id, issue: String(result.failure) }, "answer does not match its declared schema")
    throw new HttpError(500, "FLEET_RESPONSE_INVALID", `the answer of ${e.id} does not match its declaration`)
  }
}

/**
 * Serves one declared endpoint: signs the caller in (unless public), checks the permission the
 * endpoint names, decodes path parameters, query and body with its schemas, then runs the handler.
 * Every route of the API goes through here, so none can forget a check. Errors are answered in
 * the caller's language: the user's (the access token's `lng`), else `Accept-Language`.
 */
export const serve = <
  P extends Wire | undefined,
  Q extends Wire | undefined,
  B extends Wire | undefined,
  R extends Wire | undefined,
>(
  app: TemplatedApp,
  deps: ServeDeps,
  e: Endpoint<P, Q, B, R>,
  handler: (call: Call<Endpoint<P, Q, B, R>>) => Promise<Answer<Endpoint<P, Q, B, R>>>,
): void => {
  route(
    app,
    e.method === "delete" ? "del" : e.method,
    e.path,
    async (request) => {
      let principal: Principal | null = null
      try {
        if (e.access !== "public") {
          principal = await authenticate(deps.tokens, request)
          if (e.access !== "signedIn" && !can(principal.role, e.access)) {
            throw new HttpError(403, "FLEET_FORBIDDEN", `this action needs the permission ${e.access}`)
          }
          if (e.alsoRequires !== undefined && !can(principal.role, e.alsoRequires))
            throw new HttpError(403, "FLEET_FORBIDDEN", `this action needs the permission ${e.alsoRequires}`)
        }
        const params = decodeParams(e, request)
        const query =
          e.query === undefined ? undefined : decodeOr400(e.query, queryOf(request), "FLEET_QUERY_INVALID")
        const body =
          e.body === undefined
            ? undefined
            : decodeOr400(
                e.body,
                e.bodyOptional === true && request.body.length === 0 ? {} : jsonBody(request.body),
                e.invalidCode ?? "FLEET_BODY_INVALID",
              )
        const answer = await handler({ principal, params, query, body, request } as Call<
          Endpoint<P, Q, B, R>
        >)
        if (deps.checkResponses === true && e.response !== undefined) checkResponse(e, answer.body, deps.log)
        return { ...answer, status: answer.status ?? e.status }
      } catch (error) {
        throw localizeError(error, principal?.locale ?? languageOf(request.headers.get("accept-language")))
      }
    },
    {
      log: deps.log,
      ...(e.bodyLimit === undefined ? {} : { bodyLimit: e.bodyLimit }),
      translate: (error, headers) =>
        localizeError(error, languageOf(headers.get("accept-language"))) as HttpError,
    },
  )
  // A list's export runs the list's own handler (`exports/ListExportRoutes.ts`).
  if (e.method === "get") rememberHandler(app, e.id, handler as unknown as AnyHandler)
}
