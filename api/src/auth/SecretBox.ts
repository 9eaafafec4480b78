import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"

const VERSION = "v1"

/**
 * Encrypts small secrets at rest (TOTP secrets) with AES-256-GCM. `context` (the owner's id) is
 * authenticated with the ciphertext, so a sealed value copied onto another row does not open.
 */
export const makeSecretBox = (key: Buffer) => {
  if (key.length !== 32) throw new Error("a SecretBox key is 32 bytes")
  return {
    seal: (plain: string, context: string): string => {
      const iv = randomBytes(12)
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(context))
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
      return [VERSION, iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
        .join(".")
    },
    /** The plain text, or null when the value is not one this key sealed for `context`. */
    open: (sealed: string, context: string): string | null => {
      const [version, iv, tag, data] = sealed.split(".")
      if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) return null
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"))
          .setAAD(Buffer.from(context))
          .setAuthTag(Buffer.from(tag, "base64url"))
        return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString(
          "utf8",
        )
      } catch {
        return null
      }
    },
  }
}
export type SecretBox = ReturnType<typeof makeSecretBox>
