/**
 * The platform a worker thread may load: no native addon (chDB, argon2, uWebSockets.js) and
 * nothing that starts a server. The rules thread imports this, never the package's index, which
 * loads every addon: each would keep its own per-thread state in the worker, and chDB's crashes
 * the process when a thread that loaded it ends.
 */
export { partitionOf } from "./InProcessBus.js"
export { type Log, makeLog } from "./Log.js"
export { makePool } from "./pgPool.js"
export { chTime } from "./time.js"
