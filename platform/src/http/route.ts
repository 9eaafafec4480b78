import type { HttpRequest, HttpResponse, TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { Log } from "../Log.js"
import { HttpError } from "./HttpError.js"
import { parameterNames, type RouteMethod, recordRoute } from "./RouteTable.js"

export interface Request {
  readonly method: string
  readonly url: string
  readonly query: URLSearchParams
  readonly params: ReadonlyArray<string>
  /** Lower-case header names. */
  readonly headers: ReadonlyMap<string, string>
  readonly body: Buffer
  readonly remoteAddress: string
}

export interface Reply {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  /** Set-Cookie values, one header each. */
  readonly cookies?: ReadonlyArray<string>
  /** Objects are sent as JSON; strings and buffers as they are. */
  readonly body?: unknown
}

export type Handler = (request: Request) => Promise<Reply>

const STATUS_TEXT: Record<number, string> = {
  200: "200 OK",
  201: "201 Created",
  204: "204 No Content",
  400: "400 Bad Request",
  401: "401 Unauthorized",
  403: "403 Forbidden",
  404: "404 Not Found",
  409: "409 Conflict",
  413: "413 Payload Too Large",
  415: "415 Unsupported Media Type",
  422: "422 Unprocessable Entity",
  429: "429 Too Many Requests",
  500: "500 Internal Server Error",
  503: "503 Service Unavailable",
}
const statusLine = (status: number) => STATUS_TEXT[status] ?? `${status} Status`

export const DEFAULT_BODY_LIMIT = 1024 * 1024
/** The longest path parameter accepted (after decoding); ids are far shorter. */
export const MAX_PARAMETER_LENGTH = 256

const INTERNAL = { status: 500, body: new HttpError(500, "FLEET_INTERNAL", "internal error").toBody() }

const errorReply = (error: HttpError): Reply => ({
  status: error.status,
  headers: error.headers,
  body: error.toBody(),
})

const serialise = (reply: Reply): { body: string | Buffer | undefined; json: boolean } => {
  if (reply.body === undefined) return { body: undefined, json: false }
  if (typeof reply.body === "string" || Buffer.isBuffer(reply.body)) return { body: reply.body, json: false }
  return { body: JSON.stringify(reply.body), json: true }
}

const send = (res: HttpResponse, reply: Reply) => {
  // Serialised before the response is started, so a body that cannot be written becomes a 500.
  const { body, json } = serialise(reply)
  res.cork(() => {
    res.writeStatus(statusLine(reply.status))
    if (json) res.writeHeader("content-type", "application/json; charset=utf-8")
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.writeHeader(k, v)
    for (const cookie of reply.cookies ?? []) res.writeHeader("set-cookie", cookie)
    res.end(body)
  })
}

/** A refused path parameter: `field` names it for programs; the message speaks of the address. */
const pathInvalid = (name: string, why: string) =>
  new HttpError(400, "FLEET_PATH_INVALID", `This address is not valid: ${why}.`, name, {}, why)

/**
 * A path parameter, percent-decoded. Malformed percent-encoding (`%E0%A4%A`) and over-long values
 * are the client's error, a 400 with the parameter in `field`, never an exception that escapes. Its
 * message names no wire key: a person reads it (the dashboard shows it as it is).
 */
export const decodeParameter = (raw: string, name: string): string => {
  let value: string
  try {
    value = decodeURIComponent(raw)
  } catch {
    throw pathInvalid(name, "a part of it is not valid percent-encoding")
  }
  if (value.length > MAX_PARAMETER_LENGTH) {
    throw pathInvalid(name, `a part of it is longer than ${MAX_PARAMETER_LENGTH} characters`)
  }
  return value
}

/**
 * Registers a handler on a uWebSockets.js app: reads the request synchronously (uWS frees it after
 * the callback returns), reads the body up to `bodyLimit`, and turns thrown HttpErrors into their
 * status and `{error: {code, message, field}}` body. Anything else, thrown synchronously or
 * asynchronously, by the handler or while answering, is logged and answered 500: no exception
 * leaves a request as a crash of the process.
 */
export const route = (
  app: TemplatedApp,
  method: RouteMethod,
  pattern: string,
  handler: Handler,
  options: {
    readonly log: Log
    readonly bodyLimit?: number
    /**
     * The refusals made here, before the handler runs (a malformed path parameter, a body over the
     * limit), in the caller's words: the handler answers its own errors itself.
     */
    readonly translate?: (error: HttpError, headers: ReadonlyMap<string, string>) => HttpError
  },
): void => {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const names = parameterNames(pattern)
  recordRoute(app, { method, pattern })
  app[method](pattern, (res: HttpResponse, req: HttpRequest) => {
    let finished = false
    res.onAborted(() => {
      finished = true
    })
    let url = ""
    const respond = (reply: Reply) => {
      if (finished) return
      finished = true
      try {
        send(res, reply)
      } catch (error) {
        options.log.error({ err: error, url, method }, "cannot send the response")
        try {
          send(res, INTERNAL)
        } catch {
          // The response was started and failed midway: nothing more can be sent on it.
        }
      }
    }
    const fail = (error: unknown) => {
      if (error instanceof HttpError) return respond(errorReply(error))
      options.log.error({ err: error, url, method }, "request failed")
      respond(INTERNAL)
    }
    const headers = new Map<string, string>()
    const refused = (error: HttpError) =>
      respond(errorReply(options.translate === undefined ? error : options.translate(error, headers)))
    try {
      url = req.getUrl()
      req.forEach((k, v) => {
        headers.set(k, v)
      })
      const rawParams = names.map((_, i) => req.getParameter(i) ?? "")
      const base = {
        method: req.getMethod().toUpperCase(),
        url,
        query: new URLSearchParams(req.getQuery() ?? ""),
        headers,
        remoteAddress: Buffer.from(res.getRemoteAddressAsText()).toString(),
      }
      const run = (body: Buffer) => {
        // A malformed parameter is an answer, not a throw.
        let params: ReadonlyArray<string>
        try {
          params = rawParams.map((raw, i) => decodeParameter(raw, names[i] ?? `${i}`))
        } catch (error) {
          return error instanceof HttpError ? refused(error) : fail(error)
        }
        Promise.resolve()
          .then(() => handler({ ...base, params, body }))
          .then(respond, fail)
          .catch(fail)
      }
      const declared = Number(headers.get("content-length") ?? "0")
      if (declared > limit) {
        return refused(new HttpError(413, "FLEET_BODY_TOO_LARGE", `request body exceeds ${limit} bytes`))
      }
      if (base.method === "GET" || base.method === "DELETE") return run(Buffer.alloc(0))
      const chunks: Buffer[] = []
      let size = 0
      res.onData((chunk, isLast) => {
        if (finished) return
        try {
          size += chunk.byteLength
          if (size > limit) {
            refused(new HttpError(413, "FLEET_BODY_TOO_LARGE", `request body exceeds ${limit} bytes`))
            return
          }
          chunks.push(Buffer.from(chunk.slice(0))) // uWS reuses the chunk's memory after this callback
          if (isLast) run(Buffer.concat(chunks))
        } catch (error) {
          fail(error)
        }
      })
    } catch (error) {
      fail(error)
    }
  })
}
