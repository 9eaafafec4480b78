import { Context } from "effect"
import { type Logger, pino } from "pino"

/** Structured logger for plain (non-Effect) code. One instance, created in main. */
export type Log = Logger

export class AppLog extends Context.Service<AppLog, Log>()("fleetcore/Log") {}

export const makeLog = (level: string): Log => pino({ level, base: null })
