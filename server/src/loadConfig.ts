import { ConfigProvider, Effect } from "effect"
import { type AppConfig, AppConfigFromEnv } from "./AppConfig.js"

/** Parses configuration from environment-style variables; a bad value fails naming the variable. */
export const loadConfig = (env: Record<string, string | undefined>): Promise<AppConfig> =>
  Effect.runPromise(AppConfigFromEnv.parse(ConfigProvider.fromEnvRecord(env)))
