let cached: ReadonlyArray<string> | undefined

/** The browser's IANA time zones ("Asia/Almaty"), with UTC, sorted; computed once. */
export const timeZones = (): ReadonlyArray<string> => {
  if (cached === undefined) {
    const zones = new Set(Intl.supportedValuesOf("timeZone"))
    zones.add("UTC")
    cached = [...zones].sort((a, b) => a.localeCompare(b))
  }
  return cached
}

/** Matches a typed search anywhere in the zone, ignoring case, with spaces for underscores. */
export const timeZoneMatches = (zone: string, search: string): boolean =>
  zone.replaceAll("_", " ").toLowerCase().includes(search.trim().replaceAll("_", " ").toLowerCase())
