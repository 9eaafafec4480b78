import { ConfigProvider, Effect } from "effect"
import { type AppConfig, AppConfigFromEnv } from "./AppConfig.js"
import { rolesProblem } from "./roles/Roles.js"

/**
 * Parses configuration from environment-style variables; a bad value fails naming the variable, and
 * so does a set of roles this configuration cannot run apart (see `rolesProblem`).
 */
export const loadConfig = async (env: Record<string, string | undefined>): Promise<AppConfig> => {
  const config = await Effect.runPromise(AppConfigFromEnv.parse(ConfigProvider.fromEnvRecord(env)))
  const problem = rolesProblem(config)
  if (problem !== null) throw new Error(problem)
  return config
}
