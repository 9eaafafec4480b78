import { randomBytes } from "node:crypto"
import { mkdir, readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Option, Redacted } from "effect"

/**
 * The access-token signing key: FLEET_JWT_SECRET when set (required when several API processes
 * share tokens), else a random key generated once and kept in the data folder (mode 600).
 */
export const jwtSecret = async (
  configured: Option.Option<Redacted.Redacted<string>>,
  dataDir: string,
): Promise<Uint8Array> => {
  if (Option.isSome(configured)) {
    const value = Redacted.value(configured.value)
    if (Buffer.byteLength(value) < 32) throw new Error("FLEET_JWT_SECRET must be at least 32 bytes")
    return new TextEncoder().encode(value)
  }
  const file = join(dataDir, "jwt.secret")
  const existing = await readFile(file).catch(() => null)
  if (existing !== null && existing.length >= 32) return new Uint8Array(existing)
  const secret = randomBytes(48)
  await mkdir(dataDir, { recursive: true })
  await writeFile(file, secret, { mode: 0o600 })
  return new Uint8Array(secret)
}
