/** The browser's calendar day of an instant (a `Date` or epoch milliseconds) as "YYYY-MM-DD". */
export const localDay = (at: Date | number): string => {
  const d = typeof at === "number" ? new Date(at) : at
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`
}
