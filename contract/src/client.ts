import { type AnyEndpoint, pathParameters, type WireOf } from "./endpoint.js"

type Part<K extends string, S> = S extends undefined
  ? { readonly [P in K]?: undefined }
  : { readonly [P in K]: S }

/** What one call of an endpoint carries: its path parameters, query and body, as sent on the wire. */
export type CallInput<E extends AnyEndpoint> = Part<"params", WireOf<E["params"]>> &
  Part<"query", WireOf<E["query"]>> &
  Part<"body", WireOf<E["body"]>>

/** What a successful call answers (undefined for 204). */
export type CallOutput<E extends AnyEndpoint> = WireOf<E["response"]>

/** One HTTP round trip, done by the caller's transport (the dashboard adds its session and CSRF header). */
export interface Transport {
  readonly send: (request: {
    readonly method: string
    readonly url: string
    readonly body: unknown
    readonly signal?: AbortSignal
  }) => Promise<unknown>
}

/** The URL of a call: path parameters filled in (percent-encoded), the query appended. */
export const urlOf = (e: AnyEndpoint, input: { params?: unknown; query?: unknown }): string => {
  const params = (input.params ?? {}) as Record<string, string>
  let url = e.path
  for (const name of pathParameters(e.path)) {
    const value = params[name]
    if (value === undefined) throw new Error(`${e.id}: path parameter ${name} is missing`)
    url = url.replace(`:${name}`, encodeURIComponent(value))
  }
  const query = Object.entries((input.query ?? {}) as Record<string, string | undefined>).filter(
    (kv): kv is [string, string] => kv[1] !== undefined && kv[1] !== "",
  )
  return query.length === 0 ? url : `${url}?${new URLSearchParams(query).toString()}`
}

/** A typed client of the declared endpoints: `call(endpoints.vehicles.list, { query: { page: "2" } })`. */
export const makeClient = (transport: Transport) => ({
  call: <E extends AnyEndpoint>(e: E, input: CallInput<E>, signal?: AbortSignal): Promise<CallOutput<E>> =>
    transport.send({
      method: e.method.toUpperCase(),
      url: urlOf(e, input),
      body: (input as { body?: unknown }).body,
      ...(signal === undefined ? {} : { signal }),
    }) as Promise<CallOutput<E>>,
})
export type Client = ReturnType<typeof makeClient>
