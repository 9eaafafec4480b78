import { ApiError } from "./ApiError"
import { type HttpRequest, requestJson } from "./http"

export interface TokenSource {
  readonly accessToken: () => Promise<string>
  readonly refreshAfterRejection: (rejected: string) => Promise<string>
}

export interface ApiClient {
  /** An authenticated call; on 401 the access token is refreshed once and the call retried. */
  readonly request: <T>(path: string, request?: Omit<HttpRequest, "accessToken">) => Promise<T>
  readonly get: <T>(path: string, signal?: AbortSignal) => Promise<T>
}

export const makeApiClient = (tokens: TokenSource): ApiClient => {
  const request = async <T>(path: string, init: Omit<HttpRequest, "accessToken"> = {}): Promise<T> => {
    const accessToken = await tokens.accessToken()
    try {
      return await requestJson<T>(path, { ...init, accessToken })
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error
      const fresh = await tokens.refreshAfterRejection(accessToken)
      return requestJson<T>(path, { ...init, accessToken: fresh })
    }
  }
  return {
    request,
    get: <T>(path: string, signal?: AbortSignal) => request<T>(path, signal ? { signal } : {}),
  }
}
