import type { ImportKind, ImportReport } from "@fleetcore/contract"
import { ApiError, apiErrorOf } from "../../api/ApiError"
import { CSRF_COOKIE, CSRF_HEADER, cookieValue } from "../../api/makeTransport"

export type Report = typeof ImportReport.Encoded

const post = async (kind: ImportKind, file: Blob, dryRun: boolean): Promise<Report> => {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "text/csv" }
  const csrf = cookieValue(document.cookie, CSRF_COOKIE)
  if (csrf !== null) headers[CSRF_HEADER] = csrf
  let response: Response
  try {
    response = await fetch(`/api/v1/imports/${kind}${dryRun ? "?dryRun=true" : ""}`, {
      method: "POST",
      headers,
      credentials: "same-origin",
      body: file,
    })
  } catch (cause) {
    throw new ApiError(0, "FLEET_CLIENT_NETWORK", "network error", null, null, { cause })
  }
  const text = await response.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ApiError(response.status, "FLEET_CLIENT_BAD_RESPONSE", `HTTP ${response.status}`)
  }
  if (response.ok) return body as Report
  throw apiErrorOf(response.status, body)
}

/**
 * Sends a CSV file as the body of an import (`text/csv`, not JSON: the typed client only speaks
 * JSON), with the session cookie and CSRF header; an expired session is refreshed once and the
 * file sent again. A failure is an `ApiError` with the server's code and message.
 */
export const sendCsv = async (
  kind: ImportKind,
  file: Blob,
  dryRun: boolean,
  refresh: () => Promise<void>,
): Promise<Report> => {
  try {
    return await post(kind, file, dryRun)
  } catch (error) {
    const stale =
      error instanceof ApiError &&
      error.status === 401 &&
      (error.code === "FLEET_AUTH_TOKEN_EXPIRED" || error.code === "FLEET_AUTH_REQUIRED")
    if (!stale) throw error
    await refresh()
    return post(kind, file, dryRun)
  }
}
