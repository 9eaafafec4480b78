import type { AnyEndpoint } from "../endpoint.js"
import { audit } from "./audit.js"
import { auth, me } from "./auth.js"
import { organisations } from "./organisations.js"
import { system } from "./system.js"
import { users } from "./users.js"

/** Every endpoint of the API, by area. Add an area here and it is routed, documented and typed. */
export const endpoints = {
  system,
  auth,
  me,
  organisations,
  users,
  audit,
} as const

/** Every declared endpoint, flat. */
export const ALL_ENDPOINTS: ReadonlyArray<AnyEndpoint> = Object.values(endpoints).flatMap(
  (area) => Object.values(area) as ReadonlyArray<AnyEndpoint>,
)
