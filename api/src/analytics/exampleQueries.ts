/**
 * The example queries of docs/analytics.md, offered one click away on the dashboard's SQL page.
 * analyticsExamples.e2e.test.ts runs each against seeded rows and checks that the document shows
 * each one verbatim.
 */
export interface ExampleQuery {
  readonly id: string
  readonly title: string
  readonly sql: string
}

export const EXAMPLE_QUERIES: ReadonlyArray<ExampleQuery> = [
  {
    id: "daily-distance",
    title: "Daily distance per vehicle (km)",
    sql: `SELECT vehicle_id, day, round(metres / 1000, 1) AS km
FROM daily_mileage
WHERE day >= today() - 30
ORDER BY vehicle_id, day`,
  },
  {
    id: "fuel-per-100km",
    title: "Fuel per 100 km per vehicle, from trips",
    sql: `SELECT vehicle_id,
       round(sum(distance_m) / 1000, 1) AS km,
       round(sum(fuel_used_l), 1) AS litres,
       round(100 * sum(fuel_used_l) / (sum(distance_m) / 1000), 2) AS l_per_100km
FROM trips
WHERE fuel_used_l IS NOT NULL AND distance_m > 0
GROUP BY vehicle_id
ORDER BY l_per_100km DESC`,
  },
  {
    id: "speeding-minutes",
    title: "Minutes above 90 km/h per vehicle and day",
    sql: `SELECT vehicle_id, toDate(time) AS day,
       round(sumIf(least(dateDiff('second', time, next_time), 60), speed_mps * 3.6 > 90 AND next_time > time) / 60, 1) AS speeding_minutes
FROM (
  SELECT vehicle_id, time, speed_mps,
         leadInFrame(time) OVER (PARTITION BY vehicle_id ORDER BY time ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next_time
  FROM (SELECT * FROM positions LIMIT 1 BY vehicle_id, time, device_id)
)
GROUP BY vehicle_id, day
ORDER BY vehicle_id, day`,
  },
  {
    id: "time-in-area",
    title: "Minutes inside an area (a geofence's corners, lon/lat) per vehicle and day",
    sql: `SELECT vehicle_id, toDate(time) AS day,
       round(sumIf(least(dateDiff('second', time, next_time), 60), inside AND next_time > time) / 60, 1) AS minutes_inside
FROM (
  SELECT vehicle_id, time,
         pointInPolygon((lon, lat), [(76.90, 43.20), (76.95, 43.20), (76.95, 43.25), (76.90, 43.25)]) AS inside,
         leadInFrame(time) OVER (PARTITION BY vehicle_id ORDER BY time ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next_time
  FROM (SELECT * FROM positions LIMIT 1 BY vehicle_id, time, device_id)
)
GROUP BY vehicle_id, day
ORDER BY vehicle_id, day`,
  },
  {
    id: "fuel-drops",
    title: "Fuel drops while parked, per vehicle",
    sql: `SELECT vehicle_id, count() AS drops, round(sum(litres), 1) AS litres
FROM fuel_events
WHERE kind = 'fuel_drop'
GROUP BY vehicle_id
ORDER BY litres DESC`,
  },
]
