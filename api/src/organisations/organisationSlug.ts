import { randomBytes } from "node:crypto"
import slugify from "slugify"

const MAX_SLUG = 64

/**
 * The URL-safe name of an organisation (`^[a-z0-9-]{2,64}$`, as the table checks): the name
 * transliterated (Cyrillic, Kazakh and Turkish letters included) and lower-cased. A name with no
 * letters that transliterate gets `org-` and random characters.
 */
export const slugFor = (name: string): string => {
  const slug = slugify(name, { lower: true, strict: true, trim: true }).slice(0, MAX_SLUG).replace(/-+$/u, "")
  return slug.length >= 2 ? slug : `org-${randomBytes(4).toString("hex")}`
}
