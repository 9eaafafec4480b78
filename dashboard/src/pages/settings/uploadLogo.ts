import type { OrganisationLogo } from "@fleetcore/contract"
import { ApiError, apiErrorOf } from "../../api/ApiError"
import { CSRF_COOKIE, CSRF_HEADER, cookieValue } from "../../api/makeTransport"

const send = async (file: File): Promise<typeof OrganisationLogo.Encoded> => {
  const form = new FormData()
  form.append("file", file, file.name)
  const csrf = cookieValue(document.cookie, CSRF_COOKIE)
  let response: Response
  try {
    response = await fetch("/api/v1/organisation/logo", {
      method: "PUT",
      credentials: "same-origin",
      headers: { accept: "application/json", ...(csrf === null ? {} : { [CSRF_HEADER]: csrf }) },
      body: form,
    })
  } catch {
    throw new ApiError(0, "FLEET_CLIENT_NETWORK", "network error")
  }
  const body: unknown = await response.json().catch(() => ({}))
  if (response.ok) return body as typeof OrganisationLogo.Encoded
  throw apiErrorOf(response.status, body)
}

/**
 * Uploads the organisation's logo (a multipart form, as the contract's `organisationLogo.upload`
 * declares) and answers the stored logo; an expired session is refreshed once and the upload sent
 * again. A failure is an `ApiError` with the server's code.
 */
export const uploadLogo = async (
  file: File,
  refresh: () => Promise<void>,
): Promise<typeof OrganisationLogo.Encoded> => {
  try {
    return await send(file)
  } catch (error) {
    const stale =
      error instanceof ApiError &&
      error.status === 401 &&
      (error.code === "FLEET_AUTH_TOKEN_EXPIRED" || error.code === "FLEET_AUTH_REQUIRED")
    if (!stale) throw error
    await refresh()
    return await send(file)
  }
}
