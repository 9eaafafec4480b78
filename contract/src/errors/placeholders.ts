const PLACEHOLDER = /\{([a-zA-Z]+)\}/gu

/** The placeholder names of a message template, sorted: "{field}: {detail}" → ["detail", "field"]. */
export const placeholdersOf = (template: string): ReadonlyArray<string> =>
  [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "").sort()

/** `template` with its `{name}` placeholders filled from `values`; null when one has no value. */
export const fillPlaceholders = (
  template: string,
  values: Readonly<Record<string, string | number | undefined>>,
): string | null => {
  let missing = false
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined
    if (value === undefined) missing = true
    return String(value ?? "")
  })
  return missing ? null : text
}
