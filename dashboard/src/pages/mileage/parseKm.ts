/** A typed reading in km ("12 345,6" or "12345.6") as a number; null when it is not one. */
export const parseKm = (text: string): number | null => {
  const normal = text.replace(/[\s\u00a0\u202f]/gu, "").replace(",", ".")
  return /^\d+(\.\d+)?$/u.test(normal) ? Number(normal) : null
}
