import type { HttpRequest, HttpResponse, TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { Log } from "../Log.js"
import { HttpError } from "./HttpError.js"

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

const send = (res: HttpResponse, reply: Reply) => {
  res.cork(() => {
    res.writeStatus(statusLine(reply.status))
    let body: string | Buffer | undefined
    if (reply.body === undefined) body = undefined
    else if (typeof reply.body === "string" || Buffer.isBuffer(reply.body)) body = reply.body
    else {
      body = JSON.stringify(reply.body)
      res.writeHeader("content-type", "application/json; charset=utf-8")
    }
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.writeHeader(k, v)
    res.end(body)
  })
}

/**
 * Registers a handler on a uWebSockets.js app: reads the request synchronously (uWS frees it after
 * the callback returns), reads the body up to `bodyLimit`, and turns thrown HttpErrors into their
 * status and `{error: {code, message, field}}` body. Anything else is a 500 and is logged.
 */
export const route = (
  app: TemplatedApp,
  method: "get" | "post" | "put" | "patch" | "del",
  pattern: string,
  handler: Handler,
  options: { readonly log: Log; readonly bodyLimit?: number },
): void => {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  app[method](pattern, (res: HttpResponse, req: HttpRequest) => {
    const headers = new Map<string, string>()
    req.forEach((k, v) => {
      headers.set(k, v)
    })
    const paramCount = (pattern.match(/\/:/g) ?? []).length
    const params = Array.from({ length: paramCount }, (_, i) => decodeURIComponent(req.getParameter(i) ?? ""))
    const base = {
      method: req.getMethod().toUpperCase(),
      url: req.getUrl(),
      query: new URLSearchParams(req.getQuery() ?? ""),
      params,
      headers,
      remoteAddress: Buffer.from(res.getRemoteAddressAsText()).toString(),
    }
    let aborted = false
    res.onAborted(() => {
      aborted = true
    })
    const respond = (reply: Reply) => {
      if (!aborted) send(res, reply)
    }
    const run = (body: Buffer) =>
      handler({ ...base, body }).then(respond, (error: unknown) => {
        if (error instanceof HttpError)
          return respond({ status: error.status, headers: error.headers, body: error.toBody() })
        options.log.error({ err: error, url: base.url, method: base.method }, "request failed")
        respond({ status: 500, body: new HttpError(500, "FLEET_INTERNAL", "internal error").toBody() })
      })

    const declared = Number(headers.get("content-length") ?? "0")
    if (declared > limit) {
      return respond({
        status: 413,
        body: new HttpError(413, "FLEET_BODY_TOO_LARGE", `request body exceeds ${limit} bytes`).toBody(),
      })
    }
    if (base.method === "GET" || base.method === "DELETE") return void run(Buffer.alloc(0))
    const chunks: Buffer[] = []
    let size = 0
    res.onData((chunk, isLast) => {
      if (size > limit) return
      size += chunk.byteLength
      if (size > limit) {
        respond({
          status: 413,
          body: new HttpError(413, "FLEET_BODY_TOO_LARGE", `request body exceeds ${limit} bytes`).toBody(),
        })
        return
      }
      chunks.push(Buffer.from(chunk.slice(0))) // uWS reuses the chunk's memory after this callback
      if (isLast) void run(Buffer.concat(chunks))
    })
  })
}
