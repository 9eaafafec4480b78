/** One band of the speed-coloured track: speeds from `fromKmh` (inclusive) up to the next band's. */
export interface SpeedBand {
  readonly fromKmh: number
  readonly color: readonly [number, number, number]
}

/**
 * The bands, slowest first: standing/crawling grey-blue, town green, arterial yellow, highway
 * orange, above 110 km/h red. Colours stay legible on the light and the dark basemap alike.
 */
export const SPEED_BANDS: ReadonlyArray<SpeedBand> = [
  { fromKmh: 0, color: [100, 116, 139] },
  { fromKmh: 5, color: [22, 163, 74] },
  { fromKmh: 40, color: [202, 138, 4] },
  { fromKmh: 70, color: [234, 88, 12] },
  { fromKmh: 110, color: [220, 38, 38] },
]

/** The index in SPEED_BANDS of a speed in m/s; an unknown speed counts as standing. */
export const bandOf = (speedMps: number | null): number => {
  const kmh = (speedMps ?? 0) * 3.6
  let band = 0
  for (let i = 1; i < SPEED_BANDS.length; i++) {
    if (kmh >= (SPEED_BANDS[i] as SpeedBand).fromKmh) band = i
  }
  return band
}

/** A stretch of the track drawn in one colour: [lon, lat] pairs, joined to the stretch before it. */
export interface BandRun {
  readonly band: number
  readonly path: Array<[number, number]>
}

/**
 * Splits a track into runs of one speed band. Each segment takes the band of its starting point;
 * a run ends at the first point of the next band, where that run begins, so the path has no gaps.
 */
export const bandRuns = (
  points: ReadonlyArray<{ readonly lon: number; readonly lat: number; readonly speedMps: number | null }>,
): BandRun[] => {
  const runs: BandRun[] = []
  let current: BandRun | undefined
  for (const p of points) {
    const band = bandOf(p.speedMps)
    const at: [number, number] = [p.lon, p.lat]
    if (current !== undefined) current.path.push(at)
    if (current === undefined || current.band !== band) {
      current = { band, path: [at] }
      runs.push(current)
    }
  }
  return runs.filter((r) => r.path.length > 1)
}
