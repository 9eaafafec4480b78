/**
 * A failed API call. `code` is the server's stable `FLEET_*` code, or one of the client-side codes
 * `FLEET_CLIENT_NETWORK` (no response) and `FLEET_CLIENT_BAD_RESPONSE` (not the documented shape).
 * `field` names the input that failed, when the server said which.
 */
export class ApiError extends Error {
  override readonly name = "ApiError"
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

export const isApiError = (u: unknown): u is ApiError => u instanceof ApiError
