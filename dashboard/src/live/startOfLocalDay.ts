/** Local midnight of the day that contains `ms`, in the browser's time zone. */
export const startOfLocalDay = (ms: number): number => {
  const d = new Date(ms)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}
