import type { Schema } from "effect"
import type { Permission } from "./roles.js"

/** A schema whose wire form is JSON (or a query string's strings) and needs no services. */
export type Wire = Schema.Codec<unknown, unknown, never, never>

export type Method = "get" | "post" | "put" | "patch" | "delete"

/**
 * Who may call an endpoint: anyone ("public": login, health), anyone signed in ("signedIn": their
 * own profile), or a caller whose role holds the permission (see `ROLE_PERMISSIONS`).
 */
export type Access = Permission | "public" | "signedIn"

/**
 * A `multipart/form-data` request body (file uploads): text fields decoded with `fields`, and up to
 * `maxFiles` file parts named `filesField`, each at most `maxFileBytes`. The handler reads the parts
 * (the JSON `body` is then undefined); the OpenAPI document describes the form.
 */
export interface Multipart {
  readonly fields: Wire
  readonly filesField: string
  readonly maxFiles: number
  readonly maxFileBytes: number
}

/** An error an endpoint may answer besides the ones every endpoint shares (see `standardErrors`). */
export interface DeclaredError {
  readonly status: number
  readonly code: string
  readonly description?: string
}

/**
 * One endpoint, declared once. The server routes, validates and checks the caller from this
 * declaration; the OpenAPI document and the dashboard's typed client are made from it too.
 */
export interface Endpoint<
  P extends Wire | undefined = Wire | undefined,
  Q extends Wire | undefined = Wire | undefined,
  B extends Wire | undefined = Wire | undefined,
  R extends Wire | undefined = Wire | undefined,
> {
  /** Unique, stable: the OpenAPI operationId and the client's name for it ("vehicles.list"). */
  readonly id: string
  readonly method: Method
  /** uWebSockets.js style: "/api/v1/vehicles/:id". */
  readonly path: string
  readonly tag: string
  readonly summary: string
  readonly description?: string
  readonly access: Access
  /** A second permission the caller must hold besides `access` (a list's export: the list's own). */
  readonly alsoRequires?: Permission
  /** Path parameters, named as in `path`; every value is a string on the wire. */
  readonly params: P
  /** Query-string parameters; every value is a string on the wire. */
  readonly query: Q
  /** The JSON body; undefined for none. */
  readonly body: B
  /** The JSON answer; undefined for an empty answer (204) or a non-JSON one (`contentType`). */
  readonly response: R
  /** Status of a successful answer. */
  readonly status: 200 | 201 | 202 | 204
  /**
   * A successful answer that is not JSON (CSV, Prometheus text), or the media types it may be (an
   * export in the format asked for); `response` is then undefined.
   */
  readonly contentType?: string | ReadonlyArray<string>
  /** The largest body accepted; the route default (1 MiB) when absent. */
  readonly bodyLimit?: number
  /** The code of a 400 for a body that does not match `body` (FLEET_BODY_INVALID by default). */
  readonly invalidCode?: string
  /** The body may be left out; an absent body is decoded as `{}` (every field of `body` optional). */
  readonly bodyOptional?: boolean
  /** A form upload instead of a JSON body. */
  readonly multipart?: Multipart
  /** A text body of this media type (a CSV file) instead of a JSON one; the handler reads it. */
  readonly textBody?: string
  readonly errors: ReadonlyArray<DeclaredError>
}

export type AnyEndpoint = Endpoint<Wire | undefined, Wire | undefined, Wire | undefined, Wire | undefined>

type Spec<P, Q, B, R> = {
  readonly id: string
  readonly method: Method
  readonly path: string
  readonly tag: string
  readonly summary: string
  readonly description?: string
  readonly access: Access
  readonly alsoRequires?: Permission
  readonly params?: P
  readonly query?: Q
  readonly body?: B
  readonly response?: R
  readonly status?: 200 | 201 | 202 | 204
  readonly contentType?: string | ReadonlyArray<string>
  readonly bodyLimit?: number
  readonly invalidCode?: string
  readonly bodyOptional?: boolean
  readonly multipart?: Multipart
  readonly textBody?: string
  readonly errors?: ReadonlyArray<DeclaredError>
}

/** Declares an endpoint; absent parts are `undefined` so the types say what a call carries. */
export const endpoint = <
  P extends Wire | undefined = undefined,
  Q extends Wire | undefined = undefined,
  B extends Wire | undefined = undefined,
  R extends Wire | undefined = undefined,
>(
  spec: Spec<P, Q, B, R>,
): Endpoint<P, Q, B, R> => ({
  ...spec,
  params: spec.params as P,
  query: spec.query as Q,
  body: spec.body as B,
  response: spec.response as R,
  status: spec.status ?? (spec.response === undefined && spec.contentType === undefined ? 204 : 200),
  errors: spec.errors ?? [],
})

/** The names of a path's parameters, in order: "/a/:id/b/:no" → ["id", "no"]. */
export const pathParameters = (path: string): ReadonlyArray<string> =>
  path
    .split("/")
    .filter((s) => s.startsWith(":"))
    .map((s) => s.slice(1))

/** Decoded (server-side) and wire (client-side) views of an endpoint's parts. */
export type TypeOf<S> = S extends Wire ? S["Type"] : undefined
export type WireOf<S> = S extends Wire ? S["Encoded"] : undefined
