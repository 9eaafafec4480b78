/** A refuel as the reconciliation sees it. */
export interface PaidRefuel {
  readonly id: string
  readonly vehicleId: string
  readonly timeMs: number
  readonly litres: number
}

/** A sensor fill (a sudden rise of the tank's level). */
export interface SensorRise {
  readonly vehicleId: string
  readonly timeMs: number
  readonly litres: number
  readonly lat: number
  readonly lon: number
}

export interface MatchRules {
  readonly windowMs: number
  readonly tolerancePct: number
  readonly minDifferenceL: number
}

export interface Unmatched {
  readonly kind: "refuel_without_rise" | "rise_without_refuel"
  readonly vehicleId: string
  readonly timeMs: number
  readonly fuelEntryId: string | null
  readonly paidL: number | null
  readonly sensorL: number | null
  readonly lat: number | null
  readonly lon: number | null
}

/** Do these litres agree: at most the larger of `tolerancePct` of the refuel and `minDifferenceL` apart. */
export const litresAgree = (paidL: number, sensorL: number, rules: MatchRules): boolean =>
  Math.abs(sensorL - paidL) <= Math.max((paidL * rules.tolerancePct) / 100, rules.minDifferenceL)

/**
 * Pairs refuels with sensor rises of the same vehicle: candidates are pairs within the window whose
 * litres agree; the closest in time pair first, each side used once. What is left on either side is
 * returned (with the nearest other side inside the window, if any, to show how far off it was),
 * ordered by time, and the pairs.
 */
export const reconcileRefuels = (
  refuels: ReadonlyArray<PaidRefuel>,
  rises: ReadonlyArray<SensorRise>,
  rules: MatchRules,
): {
  readonly pairs: ReadonlyArray<{ readonly refuel: PaidRefuel; readonly rise: SensorRise }>
  readonly unmatched: ReadonlyArray<Unmatched>
} => {
  const candidates: Array<{ r: number; s: number; gap: number }> = []
  refuels.forEach((refuel, r) => {
    rises.forEach((rise, s) => {
      const gap = Math.abs(rise.timeMs - refuel.timeMs)
      if (
        rise.vehicleId === refuel.vehicleId &&
        gap <= rules.windowMs &&
        litresAgree(refuel.litres, rise.litres, rules)
      )
        candidates.push({ r, s, gap })
    })
  })
  candidates.sort((a, b) => a.gap - b.gap || a.r - b.r || a.s - b.s)
  const usedRefuels = new Set<number>()
  const usedRises = new Set<number>()
  const pairs: Array<{ refuel: PaidRefuel; rise: SensorRise }> = []
  for (const c of candidates) {
    const refuel = refuels[c.r]
    const rise = rises[c.s]
    if (usedRefuels.has(c.r) || usedRises.has(c.s) || refuel === undefined || rise === undefined) continue
    usedRefuels.add(c.r)
    usedRises.add(c.s)
    pairs.push({ refuel, rise })
  }
  const nearest = <T extends { readonly vehicleId: string; readonly timeMs: number }>(
    of: { readonly vehicleId: string; readonly timeMs: number },
    among: ReadonlyArray<T>,
  ): T | undefined => {
    let best: T | undefined
    for (const x of among) {
      const gap = Math.abs(x.timeMs - of.timeMs)
      if (x.vehicleId !== of.vehicleId || gap > rules.windowMs) continue
      if (best === undefined || gap < Math.abs(best.timeMs - of.timeMs)) best = x
    }
    return best
  }
  const unmatched: Unmatched[] = [
    ...refuels
      .filter((_, r) => !usedRefuels.has(r))
      .map((refuel): Unmatched => {
        const near = nearest(refuel, rises)
        return {
          kind: "refuel_without_rise",
          vehicleId: refuel.vehicleId,
          timeMs: refuel.timeMs,
          fuelEntryId: refuel.id,
          paidL: refuel.litres,
          sensorL: near?.litres ?? null,
          lat: near?.lat ?? null,
          lon: near?.lon ?? null,
        }
      }),
    ...rises
      .filter((_, s) => !usedRises.has(s))
      .map((rise): Unmatched => {
        const near = nearest(rise, refuels)
        return {
          kind: "rise_without_refuel",
          vehicleId: rise.vehicleId,
          timeMs: rise.timeMs,
          fuelEntryId: near?.id ?? null,
          paidL: near?.litres ?? null,
          sensorL: rise.litres,
          lat: rise.lat,
          lon: rise.lon,
        }
      }),
  ]
  unmatched.sort((a, b) => a.timeMs - b.timeMs || a.kind.localeCompare(b.kind))
  return { pairs, unmatched }
}
