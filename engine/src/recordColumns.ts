import {
  type DeviceId,
  OPTIONAL_READINGS,
  type OrgId,
  type TelemetryRecord,
  type VehicleId,
} from "@fleetcore/proto"

/**
 * A batch of telemetry records as columns, the form in which the engine hands points to the rules
 * thread: every number in one Float64Array (absent readings NaN, which no record holds: the schema
 * takes finite numbers only), the three ids as indexes into the batch's distinct strings, both
 * moved to the thread rather than copied; the rare code lists and attributes beside them. Against
 * a structured clone of the records it roughly halves what the main thread spends sending a batch
 * and what the rules thread spends receiving it (docs/architecture.md, session 36).
 */
export interface RecordColumns {
  readonly count: number
  /**
   * `count` rows of `WIDTH` numbers: timeMs, lat, lon, the optional readings (in the order the bus codec
   * gives them, so records keep one shape), then `receivedAtMs`.
   */
  readonly numbers: Float64Array
  readonly ids: ReadonlyArray<string>
  /** `count` rows of three indexes into `ids`: organisation, vehicle, device. */
  readonly idRefs: Uint32Array
  readonly extras: ReadonlyArray<RecordExtras>
}

interface RecordExtras {
  readonly row: number
  readonly dtc?: ReadonlyArray<string>
  readonly attrs?: Readonly<Record<string, number>>
}

/** timeMs, lat, lon come first in a row. */
const FIRST = 3
const IGNITION = FIRST + OPTIONAL_READINGS.indexOf("ignition")
const RECEIVED = FIRST + OPTIONAL_READINGS.length
const WIDTH = RECEIVED + 1

/** What goes in a worker's transfer list with the batch. */
export const transferablesOf = (batch: RecordColumns): ArrayBuffer[] => [
  batch.numbers.buffer as ArrayBuffer,
  batch.idRefs.buffer as ArrayBuffer,
]

export const toColumns = (records: ReadonlyArray<TelemetryRecord>): RecordColumns => {
  const count = records.length
  const numbers = new Float64Array(count * WIDTH)
  const idRefs = new Uint32Array(count * 3)
  const ids: string[] = []
  const index = new Map<string, number>()
  const ref = (id: string) => {
    let at = index.get(id)
    if (at === undefined) {
      at = ids.length
      ids.push(id)
      index.set(id, at)
    }
    return at
  }
  const extras: RecordExtras[] = []
  for (let row = 0; row < count; row++) {
    const r = records[row] as TelemetryRecord
    const o = row * WIDTH
    numbers[o] = r.timeMs
    numbers[o + 1] = r.lat
    numbers[o + 2] = r.lon
    // Named reads, not a loop over the names: a keyed read per reading cost the main thread twice
    // as much. The order is OPTIONAL_READINGS' (the round-trip test fails on any slip).
    numbers[o + 3] = r.speedMps ?? Number.NaN
    numbers[o + 4] = r.headingDeg ?? Number.NaN
    numbers[o + 5] = r.altitudeM ?? Number.NaN
    numbers[o + 6] = r.satellites ?? Number.NaN
    numbers[o + 7] = r.hdop ?? Number.NaN
    numbers[o + 8] = r.odometerM ?? Number.NaN
    numbers[o + 9] = r.fuelLevelPct ?? Number.NaN
    numbers[o + 10] = r.fuelUsedL ?? Number.NaN
    numbers[o + 11] = r.ignition === undefined ? Number.NaN : r.ignition ? 1 : 0
    numbers[o + 12] = r.engineSeconds ?? Number.NaN
    numbers[o + 13] = r.batteryV ?? Number.NaN
    numbers[o + RECEIVED] = r.receivedAtMs
    idRefs[row * 3] = ref(r.orgId)
    idRefs[row * 3 + 1] = ref(r.vehicleId)
    idRefs[row * 3 + 2] = ref(r.deviceId)
    if (r.dtc !== undefined || r.attrs !== undefined)
      extras.push({
        row,
        ...(r.dtc === undefined ? {} : { dtc: r.dtc }),
        ...(r.attrs === undefined ? {} : { attrs: r.attrs }),
      })
  }
  return { count, numbers, ids, idRefs, extras }
}

export const fromColumns = (batch: RecordColumns): TelemetryRecord[] => {
  const { numbers, ids, idRefs } = batch
  const records = new Array<TelemetryRecord>(batch.count)
  let extra = 0
  for (let row = 0; row < batch.count; row++) {
    const o = row * WIDTH
    const r: Record<string, unknown> = { timeMs: numbers[o], lat: numbers[o + 1], lon: numbers[o + 2] }
    for (let f = 0; f < OPTIONAL_READINGS.length; f++) {
      const value = numbers[o + FIRST + f] as number
      if (!Number.isNaN(value))
        r[OPTIONAL_READINGS[f] as string] = FIRST + f === IGNITION ? value === 1 : value
    }
    const extras = batch.extras[extra]
    if (extras?.row === row) {
      if (extras.dtc !== undefined) r.dtc = extras.dtc
      if (extras.attrs !== undefined) r.attrs = extras.attrs
      extra++
    }
    r.orgId = ids[idRefs[row * 3] as number] as OrgId
    r.vehicleId = ids[idRefs[row * 3 + 1] as number] as VehicleId
    r.deviceId = ids[idRefs[row * 3 + 2] as number] as DeviceId
    r.receivedAtMs = numbers[o + RECEIVED]
    records[row] = r as TelemetryRecord
  }
  return records
}
