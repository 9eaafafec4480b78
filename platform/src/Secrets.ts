import { hash, verify } from "@node-rs/argon2"

/**
 * Passwords and device secrets are stored as argon2id PHC strings (memory-hard; OWASP's
 * recommended minimum: 19 MiB, 2 passes, 1 lane).
 */
// algorithm 2 = Argon2id (the package exports it as an ambient const enum)
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const hashSecret = (secret: string): Promise<string> => hash(secret, options)

export const verifySecret = async (phc: string, secret: string): Promise<boolean> => {
  try {
    return await verify(phc, secret)
  } catch {
    return false
  }
}
