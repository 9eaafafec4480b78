/**
 * Alarms a tracker reports itself (an SOS button, its power cut, …), as every protocol decoder
 * hands them to the ingress: `attrs.alarm` = the alarm's code (its position in this list + 1).
 * The engine raises a `device_alarm` alert keyed by the alarm's name (engine DeviceAlarmRule).
 */
export const DEVICE_ALARMS = [
  "sos",
  "power_cut",
  "vibration",
  "overspeed",
  "geofence_enter",
  "geofence_exit",
  "low_battery",
  "tamper",
] as const
export type DeviceAlarm = (typeof DEVICE_ALARMS)[number]

/** The `attrs` key a point carries its device-reported alarm under. */
export const DEVICE_ALARM_ATTR = "alarm"

export const deviceAlarmCode = (alarm: DeviceAlarm): number => DEVICE_ALARMS.indexOf(alarm) + 1

/** The alarm a code names; undefined for 0 or a code not in the list. */
export const deviceAlarmOf = (code: number): DeviceAlarm | undefined =>
  Number.isInteger(code) ? DEVICE_ALARMS[code - 1] : undefined
