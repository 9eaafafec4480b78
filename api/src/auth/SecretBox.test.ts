import { randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { makeSecretBox } from "./SecretBox.js"

describe("SecretBox (AES-256-GCM)", () => {
  const box = makeSecretBox(randomBytes(32))

  it("opens what it sealed for the same context, never showing the plain text", () => {
    const sealed = box.seal("JBSWY3DPEHPK3PXP", "user-1")
    expect(sealed).toMatch(/^v1\./u)
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP")
    expect(box.open(sealed, "user-1")).toBe("JBSWY3DPEHPK3PXP")
    expect(box.seal("JBSWY3DPEHPK3PXP", "user-1")).not.toBe(sealed)
  })

  it("refuses another context, another key, a changed byte and a malformed value", () => {
    const sealed = box.seal("secret", "user-1")
    expect(box.open(sealed, "user-2")).toBeNull()
    expect(makeSecretBox(randomBytes(32)).open(sealed, "user-1")).toBeNull()
    const parts = sealed.split(".")
    const data = Buffer.from(parts[3] ?? "", "base64url")
    data[0] = (data[0] ?? 0) ^ 1
    expect(
      box.open([parts[0], parts[1], parts[2], data.toString("base64url")].join("."), "user-1"),
    ).toBeNull()
    expect(box.open("secret", "user-1")).toBeNull()
    expect(box.open("v2.a.b.c", "user-1")).toBeNull()
  })
})
