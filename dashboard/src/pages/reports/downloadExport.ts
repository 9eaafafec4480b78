import { ApiError, apiErrorOf } from "../../api/ApiError"
import { CSRF_COOKIE, CSRF_HEADER, cookieValue } from "../../api/makeTransport"

/** The file name a Content-Disposition header gives (`filename*=UTF-8''…` first, then `filename="…"`). */
export const filenameOf = (disposition: string | null, fallback: string): string => {
  if (disposition === null) return fallback
  const extended = /filename\*=UTF-8''([^;]+)/iu.exec(disposition)
  if (extended?.[1] !== undefined) return decodeURIComponent(extended[1])
  const plain = /filename="([^"]+)"/iu.exec(disposition)
  return plain?.[1] ?? fallback
}

/** A GET, or a POST of `json` (with the CSRF cookie's value, as every unsafe call). */
const requestOf = (json: unknown): RequestInit => {
  if (json === undefined) return { credentials: "same-origin", headers: { accept: "*/*" } }
  const csrf = cookieValue(document.cookie, CSRF_COOKIE)
  return {
    method: "POST",
    credentials: "same-origin",
    headers: {
      accept: "*/*",
      "content-type": "application/json",
      ...(csrf === null ? {} : { [CSRF_HEADER]: csrf }),
    },
    body: JSON.stringify(json),
  }
}

const fetchFile = async (url: string, json: unknown): Promise<{ blob: Blob; name: string }> => {
  let response: Response
  try {
    response = await fetch(url, requestOf(json))
  } catch (cause) {
    throw new ApiError(0, "FLEET_CLIENT_NETWORK", "network error", null, null, { cause })
  }
  if (!response.ok) {
    throw apiErrorOf(response.status, await response.json().catch(() => ({})))
  }
  return {
    blob: await response.blob(),
    name: filenameOf(response.headers.get("content-disposition"), "report"),
  }
}

/**
 * Downloads a file the API answers (a report's export) as the browser's own download, named by the
 * server's Content-Disposition; an expired session is refreshed once and the file asked again.
 * A GET needs no CSRF header: the session cookie goes with it; a POST (`json`, the analysts' SQL)
 * sends the CSRF cookie's value.
 */
export const downloadExport = async (
  url: string,
  refresh: () => Promise<void>,
  json?: unknown,
): Promise<string> => {
  let file: { blob: Blob; name: string }
  try {
    file = await fetchFile(url, json)
  } catch (error) {
    const stale =
      error instanceof ApiError &&
      error.status === 401 &&
      (error.code === "FLEET_AUTH_TOKEN_EXPIRED" || error.code === "FLEET_AUTH_REQUIRED")
    if (!stale) throw error
    await refresh()
    file = await fetchFile(url, json)
  }
  const href = URL.createObjectURL(file.blob)
  const link = document.createElement("a")
  link.href = href
  link.download = file.name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
  return file.name
}
