/** ClickHouse DateTime64(3) text for a UTC epoch-milliseconds value: "2026-11-22 10:00:00.123". */
export const chTime = (ms: number): string => {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`
}
