import { requestJson } from "../api/http"
import type { AuthResponse } from "../api/types"

/** The unauthenticated auth endpoints. Each successful call returns a new, rotated token pair. */
export const login = (email: string, password: string): Promise<AuthResponse> =>
  requestJson<AuthResponse>("/api/v1/auth/login", { method: "POST", body: { email, password } })

export const refresh = (refreshToken: string): Promise<AuthResponse> =>
  requestJson<AuthResponse>("/api/v1/auth/refresh", { method: "POST", body: { refreshToken } })

export const logout = (refreshToken: string): Promise<void> =>
  requestJson<void>("/api/v1/auth/logout", { method: "POST", body: { refreshToken } })
