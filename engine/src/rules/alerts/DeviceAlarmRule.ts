import { DEVICE_ALARM_ATTR, type DeviceAlarm, deviceAlarmOf, type RaisedAlert } from "@fleetcore/proto"

/**
 * Alarms the tracker reports itself (GT06 alarm packets: SOS, power cut, vibration, overspeed,
 * geofence in/out, low battery, tamper), carried by the point as `attrs.alarm` (proto
 * DeviceAlarm.ts). Each such point raises a `device_alarm` alert keyed by the alarm's name: one open
 * alert per vehicle and alarm, so a device repeating its SOS adds sightings to the open alert. They
 * are the device's events, not a condition the rules judge, so nothing clears them: a person resolves
 * them. Stateless; the caller feeds only points newer than the vehicle's newest (duplicates and late
 * points raise nothing).
 */
export const deviceAlarmOfPoint = (
  attrs: Readonly<Record<string, number>> | undefined,
): DeviceAlarm | null => {
  const code = attrs?.[DEVICE_ALARM_ATTR]
  return code === undefined ? null : (deviceAlarmOf(code) ?? null)
}

/** SOS, a cut power supply and a removed tracker need someone now; the rest are warnings. */
export const deviceAlarmSeverity = (alarm: DeviceAlarm): RaisedAlert["severity"] =>
  alarm === "sos" || alarm === "power_cut" || alarm === "tamper" ? "critical" : "warning"
