/**
 * A failed API call. `code` is the server's stable `FLEET_*` code, or one of the client-side codes
 * `FLEET_CLIENT_NETWORK` (no response) and `FLEET_CLIENT_BAD_RESPONSE` (not the documented shape).
 * `field` names the input that failed as the API sends it, when the server said which; `detail` is
 * why, in the user's language, without naming the field: what a form shows under that field's label.
 */
export class ApiError extends Error {
  override readonly name = "ApiError"
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly detail: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

export const isApiError = (u: unknown): u is ApiError => u instanceof ApiError

/**
 * The error of a failed answer from its JSON body (`{"error": {code, message, field?, detail?}}`,
 * docs/errors.md), or `FLEET_CLIENT_BAD_RESPONSE` with `fallback` when the body is not that shape.
 */
export const apiErrorOf = (status: number, body: unknown, fallback = `HTTP ${status}`): ApiError => {
  const error = typeof body === "object" && body !== null && "error" in body ? body.error : undefined
  if (typeof error !== "object" || error === null)
    return new ApiError(status, "FLEET_CLIENT_BAD_RESPONSE", fallback)
  const { code, message, field, detail } = error as Record<string, unknown>
  if (typeof code !== "string" || typeof message !== "string")
    return new ApiError(status, "FLEET_CLIENT_BAD_RESPONSE", fallback)
  return new ApiError(
    status,
    code,
    message,
    typeof field === "string" ? field : null,
    typeof detail === "string" ? detail : null,
  )
}

/**
 * What to show under the form field `field` when `error` refused it: the reason alone (the field's
 * own label is above it), or the whole message from a server that gave no reason; undefined when
 * the error is not about that field.
 */
export const fieldMessage = (error: unknown, field: string): string | undefined =>
  error instanceof ApiError && error.field === field ? (error.detail ?? error.message) : undefined
