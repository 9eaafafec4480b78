/** The vehicle as it really was at one moment the tracker reports: before any sensor fault. */
export interface TrueSample {
  /** True UTC time, ms. */
  readonly timeMs: number
  readonly lat: number
  readonly lon: number
  readonly headingDeg: number
  readonly speedMps: number
  /** Speed change over the last second, m/s² (drives fuel slosh). */
  readonly accelMps2: number
  readonly ignition: boolean
  /** Distance driven since the trace began, metres (the true odometer minus its start). */
  readonly distanceM: number
  readonly fuelL: number
  /** Fuel burnt since the trace began, litres (the ECU's fuel-used counter). */
  readonly fuelUsedL: number
}
