import { DEVICE_ALARM_ATTR, deviceAlarmCode } from "@fleetcore/proto"
import type { AlarmMessage } from "./alarmMessage.js"
import type { GpsInformation, LbsInformation } from "./gpsInformation.js"
import type { LbsAlarmMessage } from "./lbsAlarmMessage.js"
import type { LocationMessage } from "./locationMessage.js"
import type { TerminalStatus } from "./statusMessage.js"

/**
 * GT06 messages as FleetCore points (plain objects; the ingress validates them). A GPS part without
 * the "positioned" bit is a no-fix sample: sent with `satellites: 0` (the count the device saw is
 * kept in `attrs.satellitesSeen`), so the rules read no position or speed from it (engine
 * fixValidity) but still read ignition and the status.
 */

/** km/h on the wire → m/s in a point. */
const KMH = 1 / 3.6
const round3 = (x: number) => Math.round(x * 1000) / 1000

const gpsFields = (gps: GpsInformation, attrs: Record<string, number>): Record<string, unknown> => {
  const point: Record<string, unknown> = {
    timeMs: gps.timeMs,
    lat: gps.lat,
    lon: gps.lon,
    speedMps: round3(gps.speedKmh * KMH),
    satellites: gps.fixed ? gps.satellites : 0,
  }
  if (gps.course <= 360) point.headingDeg = gps.course
  if (!gps.fixed) attrs.satellitesSeen = gps.satellites
  return point
}

const lbsAttrs = (lbs: LbsInformation | null, attrs: Record<string, number>) => {
  if (lbs === null) return
  attrs.mcc = lbs.mcc
  attrs.mnc = lbs.mnc
  attrs.lac = lbs.lac
  attrs.cellId = lbs.cellId
}

/** Terminal information → `ignition` (ACC) and attrs (docs/devices.md, "GT06"). */
const statusFields = (
  status: TerminalStatus,
  point: Record<string, unknown>,
  attrs: Record<string, number>,
) => {
  point.ignition = status.acc
  attrs.charging = status.charging ? 1 : 0
  attrs.armed = status.armed ? 1 : 0
  attrs.relayCut = status.relayCut ? 1 : 0
  attrs.gpsTracking = status.gpsTracking ? 1 : 0
  attrs.voltageLevel = status.voltageLevel
  attrs.gsmSignal = status.gsmSignal
}

export const locationToPoint = (message: LocationMessage): Record<string, unknown> => {
  const attrs: Record<string, number> = {}
  const point = gpsFields(message.gps, attrs)
  lbsAttrs(message.lbs, attrs)
  if (message.acc !== null) point.ignition = message.acc
  if (message.reuploaded !== null) attrs.reuploaded = message.reuploaded ? 1 : 0
  point.attrs = attrs
  return point
}

export const alarmToPoint = (message: AlarmMessage): Record<string, unknown> => {
  const attrs: Record<string, number> = {}
  const point = gpsFields(message.gps, attrs)
  lbsAttrs(message.lbs, attrs)
  statusFields(message.status, point, attrs)
  attrs.gt06Alarm = message.status.alarmCode
  if (message.alarm !== null) attrs[DEVICE_ALARM_ATTR] = deviceAlarmCode(message.alarm)
  if (message.fence !== null) attrs.geofenceNo = message.fence
  point.attrs = attrs
  return point
}

/**
 * An LBS alarm (0x19) has no GPS position: like a heartbeat it becomes a no-fix sample at the
 * session's last known position (null without one), carrying the cell tower and the alarm.
 */
export const lbsAlarmToPoint = (
  message: LbsAlarmMessage,
  last: { readonly lat: number; readonly lon: number } | null,
  nowMs: number,
): Record<string, unknown> | null => {
  const point = statusToPoint(message.status, last, nowMs)
  if (point === null) return null
  const attrs = point.attrs as Record<string, number>
  lbsAttrs(message.lbs, attrs)
  attrs.gt06Alarm = message.status.alarmCode
  if (message.alarm !== null) attrs[DEVICE_ALARM_ATTR] = deviceAlarmCode(message.alarm)
  return point
}

/**
 * A heartbeat has no position: it becomes a no-fix sample at the session's last known position
 * (satellites 0), stamped with the server's clock, so ignition and the status reach the rules.
 * Without a position seen in this session there is nothing a point can hold: null.
 */
export const statusToPoint = (
  status: TerminalStatus,
  last: { readonly lat: number; readonly lon: number } | null,
  nowMs: number,
): Record<string, unknown> | null => {
  if (last === null) return null
  const attrs: Record<string, number> = {}
  const point: Record<string, unknown> = { timeMs: nowMs, lat: last.lat, lon: last.lon, satellites: 0 }
  statusFields(status, point, attrs)
  point.attrs = attrs
  return point
}
