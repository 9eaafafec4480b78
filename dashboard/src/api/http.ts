import { ApiError } from "./ApiError"
import type { ApiErrorBody } from "./types"

const isErrorBody = (u: unknown): u is ApiErrorBody => {
  if (typeof u !== "object" || u === null || !("error" in u)) return false
  const e = u.error
  return typeof e === "object" && e !== null && "code" in e && "message" in e && typeof e.message === "string"
}

export interface HttpRequest {
  readonly method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  readonly body?: unknown
  readonly accessToken?: string
  readonly signal?: AbortSignal
}

/**
 * One JSON round trip to the API. Resolves with the parsed body (undefined for 204) or rejects
 * with an {@link ApiError} carrying the server's code and message. The response body is trusted
 * to match `T`: the server is ours and validates what it sends.
 */
export const requestJson = async <T>(path: string, request: HttpRequest = {}): Promise<T> => {
  const headers: Record<string, string> = { accept: "application/json" }
  if (request.body !== undefined) headers["content-type"] = "application/json"
  if (request.accessToken !== undefined) headers.authorization = `Bearer ${request.accessToken}`
  let response: Response
  try {
    response = await fetch(path, {
      method: request.method ?? "GET",
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: request.signal ?? null,
    })
  } catch (cause) {
    if (request.signal?.aborted) throw cause
    throw new ApiError(0, "FLEET_CLIENT_NETWORK", "network error", null, { cause })
  }
  if (response.status === 204) return undefined as T
  let body: unknown
  try {
    body = await response.json()
  } catch (cause) {
    throw new ApiError(response.status, "FLEET_CLIENT_BAD_RESPONSE", response.statusText, null, { cause })
  }
  if (!response.ok) {
    if (isErrorBody(body)) {
      const { code, message, field } = body.error
      throw new ApiError(response.status, String(code), message, field ?? null)
    }
    throw new ApiError(response.status, "FLEET_CLIENT_BAD_RESPONSE", response.statusText)
  }
  return body as T
}
