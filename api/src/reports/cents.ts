/** Money as whole cents (bigint): decimal strings are summed exactly, never as floats. */
export const cents = (money: string | null | undefined): bigint => {
  if (money === null || money === undefined || money === "") return 0n
  const negative = money.startsWith("-")
  const [whole = "0", fraction = ""] = (negative ? money.slice(1) : money).split(".")
  const value = BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0"))
  return negative ? -value : value
}

/** Cents back to a decimal string with two decimals ("-12.05"). */
export const money = (value: bigint): string => {
  const sign = value < 0n ? "-" : ""
  const abs = value < 0n ? -value : value
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`
}

/** A sum of cents as a number of currency units, for charts only. */
export const units = (value: bigint): number => Number(value) / 100
