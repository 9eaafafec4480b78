import { createHash, randomInt } from "node:crypto"

/** Letters and digits a person reads back without confusing them (no 0/O, 1/I/L). */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/** A fresh invite code, "XXXXX-XXXXX": 10 characters of 31, about 49 bits. */
export const newInviteCode = (): string => {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)] as string)
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`
}

/** What is stored and looked up: SHA-256 of the code as typed, upper case, separators removed. */
export const inviteCodeHash = (code: string): Buffer =>
  createHash("sha256")
    .update(code.toUpperCase().replace(/[^A-Z0-9]/gu, ""))
    .digest()
