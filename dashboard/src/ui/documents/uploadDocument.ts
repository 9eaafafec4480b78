import type { DocumentEntityType, DocumentKind } from "@fleetcore/contract"
import { ApiError, apiErrorOf } from "../../api/ApiError"
import { CSRF_COOKIE, CSRF_HEADER, cookieValue } from "../../api/makeTransport"

export interface UploadTarget {
  readonly entityType: DocumentEntityType
  readonly entityId: string
  readonly kind: DocumentKind
  /** "YYYY-MM-DD", or "" for none. */
  readonly expiresOn: string
  /** What is written on the document (seed 003 step 4.4); "" or absent for none. */
  readonly title?: string
  readonly number?: string
  /** "YYYY-MM-DD", or "" for none. */
  readonly issuedOn?: string
}

const errorOf = (xhr: XMLHttpRequest): ApiError => {
  try {
    return apiErrorOf(xhr.status, JSON.parse(xhr.responseText))
  } catch {
    return apiErrorOf(xhr.status, undefined)
  }
}

/** The ids of the documents an upload stored (its 201 answer: `{ items: [Document] }`). */
const idsOf = (body: { items?: ReadonlyArray<{ id?: unknown }> }): ReadonlyArray<string> =>
  (body.items ?? []).flatMap((item) => (typeof item.id === "string" ? [item.id] : []))

const send = <T>(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
  okStatus = 201,
) =>
  new Promise<T>((resolve, reject) => {
    // XMLHttpRequest, not fetch: only it reports upload progress.
    const xhr = new XMLHttpRequest()
    xhr.open("POST", url)
    xhr.withCredentials = true
    xhr.setRequestHeader("accept", "application/json")
    const csrf = cookieValue(document.cookie, CSRF_COOKIE)
    if (csrf !== null) xhr.setRequestHeader(CSRF_HEADER, csrf)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total)
    }
    xhr.onload = () =>
      xhr.status === okStatus ? resolve(JSON.parse(xhr.responseText) as T) : reject(errorOf(xhr))
    xhr.onerror = () => reject(new ApiError(0, "FLEET_CLIENT_NETWORK", "network error"))
    xhr.onabort = () => reject(new DOMException("aborted", "AbortError"))
    signal?.addEventListener("abort", () => xhr.abort(), { once: true })
    xhr.send(form)
  })

export interface UploadOptions {
  readonly onProgress: (fraction: number) => void
  readonly refresh: () => Promise<void>
  readonly signal?: AbortSignal
  /** The status of a success: 201 (something was stored) unless the endpoint answers 200. */
  readonly okStatus?: number
}

/**
 * Posts a multipart form (made by `makeForm`, once per attempt) to `url`, reporting progress (0..1),
 * and answers the success's body (201, or `okStatus`); a failure is an `ApiError` with the server's code and its message in
 * the user's language. An expired session is refreshed once (`refresh`, the API's single-flight
 * refresh) and the form sent again.
 */
export const uploadForm = async <T>(
  url: string,
  makeForm: () => FormData,
  options: UploadOptions,
): Promise<T> => {
  try {
    return await send<T>(url, makeForm(), options.onProgress, options.signal, options.okStatus)
  } catch (error) {
    const stale =
      error instanceof ApiError &&
      error.status === 401 &&
      (error.code === "FLEET_AUTH_TOKEN_EXPIRED" || error.code === "FLEET_AUTH_REQUIRED")
    if (!stale) throw error
    await options.refresh()
    options.onProgress(0)
    return await send<T>(url, makeForm(), options.onProgress, options.signal, options.okStatus)
  }
}

/** Uploads one file to a record and answers the stored document's id (in a one-element list). */
export const uploadDocument = async (
  file: File,
  target: UploadTarget,
  options: UploadOptions,
): Promise<ReadonlyArray<string>> =>
  idsOf(
    await uploadForm<{ items?: ReadonlyArray<{ id?: unknown }> }>(
      "/api/v1/documents",
      () => {
        const form = new FormData()
        form.append("entityType", target.entityType)
        form.append("entityId", target.entityId)
        form.append("kind", target.kind)
        if (target.expiresOn !== "") form.append("expiresOn", target.expiresOn)
        for (const name of ["title", "number", "issuedOn"] as const) {
          const value = target[name]?.trim() ?? ""
          if (value !== "") form.append(name, value)
        }
        form.append("files", file, file.name)
        return form
      },
      options,
    ),
  )
