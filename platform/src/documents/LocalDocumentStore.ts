import { randomUUID } from "node:crypto"
import { createReadStream } from "node:fs"
import { mkdir, open, rename, rm, stat } from "node:fs/promises"
import { dirname, join } from "node:path"
import { assertStorageKey, type DocumentStore } from "./DocumentStore.js"

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === "ENOENT"

/**
 * Documents in a local folder (the embedded mode: `FLEET_DATA_DIR/documents`). A put writes a
 * temporary file beside the target, syncs it and renames it into place, so a crash leaves either
 * the whole file or none under the key (a stray `.tmp-*` at worst, never a half file).
 */
export const makeLocalDocumentStore = (root: string): DocumentStore => {
  const pathOf = (key: string): string => {
    assertStorageKey(key)
    return join(root, ...key.split("/"))
  }
  return {
    kind: "local",
    put: async (key, bytes) => {
      const target = pathOf(key)
      await mkdir(dirname(target), { recursive: true })
      const temporary = `${target}.tmp-${randomUUID()}`
      try {
        const file = await open(temporary, "wx")
        try {
          await file.writeFile(bytes)
          await file.sync()
        } finally {
          await file.close()
        }
        await rename(temporary, target)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
    },
    get: async (key) => {
      const path = pathOf(key)
      try {
        const { size } = await stat(path)
        return { body: createReadStream(path), size }
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
    },
    delete: async (key) => {
      await rm(pathOf(key), { force: true })
    },
    presignedUrl: async () => null,
  }
}
