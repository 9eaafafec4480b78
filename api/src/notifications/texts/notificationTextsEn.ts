import type { NotificationTexts } from "./NotificationTexts.js"

/**
 * English: the reference texts (ICU MessageFormat). `{x, date, day}` is a calendar day,
 * `{x, date, moment}` an instant in the reader's time zone (their own, else the organisation's,
 * named); `xName` is the label of the
 * parameter `x` from `labels`.
 */
export const notificationTextsEn: NotificationTexts = {
  severity: { info: "", warning: "[warning] ", critical: "[CRITICAL] " },
  messages: {
    alert: {
      title:
        "{subject, select, none {{alertTypeName}} other {{alertTypeName} · {subject}}}{vehicle, select, none {} other {: {vehicle}}}",
      body: "Opened at {openedAt, date, moment}.",
    },
    licence_expiry: {
      title:
        "{stage, select, expired {Driving licence expired: {driver}} other {Driving licence expires in {days, plural, one {# day} other {# days}}: {driver}}}",
      body: "{stage, select, expired {The driving licence of {driver} expired on {expiresOn, date, day}.} other {The driving licence of {driver} expires on {expiresOn, date, day}.}}",
    },
    medical_expiry: {
      title:
        "{stage, select, expired {Medical certificate expired: {driver}} other {Medical certificate expires in {days, plural, one {# day} other {# days}}: {driver}}}",
      body: "{stage, select, expired {The medical certificate of {driver} expired on {expiresOn, date, day}.} other {The medical certificate of {driver} expires on {expiresOn, date, day}.}}",
    },
    contract_expiry: {
      title:
        "{stage, select, expired {{contractTypeName} ended: {vehicle}} other {{contractTypeName} ends in {days, plural, one {# day} other {# days}}: {vehicle}}}",
      body: "{stage, select, expired {{contractTypeName} with {contractor} for {vehicle} ended on {endsOn, date, day}.} other {{contractTypeName} with {contractor} for {vehicle} ends on {endsOn, date, day}.}}",
    },
    document_expiry: {
      title:
        "{stage, select, expired {Document expired: {documentKindName} of {owner}} other {Document expires in {days, plural, one {# day} other {# days}}: {documentKindName} of {owner}}}",
      body: "{stage, select, expired {{filename} ({documentKindName}) of {owner} expired on {expiresOn, date, day}.} other {{filename} ({documentKindName}) of {owner} expires on {expiresOn, date, day}.}}",
    },
    maintenance_days: {
      title:
        "{stage, select, overdue {Service overdue: {task}, {vehicle}} other {Service due in {days, plural, one {# day} other {# days}}: {task}, {vehicle}}}",
      body: "{stage, select, overdue {{task} for {vehicle} was due on {dueOn, date, day}.} other {{task} for {vehicle} is due on {dueOn, date, day}.}}",
    },
    maintenance_km: {
      title:
        "{stage, select, overdue {Service overdue by odometer: {task}, {vehicle}} other {Service due in {kmLeft, number, integer} km: {task}, {vehicle}}}",
      body: "{stage, select, overdue {{task} for {vehicle} was due at {dueKm, number, integer} km; the odometer reads {currentKm, number, integer} km.} other {{task} for {vehicle} is due at {dueKm, number, integer} km; the odometer reads {currentKm, number, integer} km.}}",
    },
    budget_threshold: {
      title:
        "{threshold, select, 100 {Budget exceeded: {categoryName}, {periodName}} other {Budget {threshold}% used: {categoryName}, {periodName}}}",
      body: "{spent} spent of {amount} ({used, number, integer}%) in the {periodName} from {periodStartsOn, date, day}.",
    },
    onboarding_review: {
      title:
        "{kind, select, vehicle {Vehicle} other {Driver}} awaits {stage, select, under_review {review} background_check {the background check} training {training} other {the next step}}: {record}",
      body: "{record} is now at the {stage, select, under_review {review} background_check {background check} training {training} other {next}} stage and awaits your step. {notes}",
    },
    onboarding_decided: {
      title:
        "{kind, select, vehicle {Vehicle} other {Driver}} {stage, select, approved {approved} rejected {rejected} other {suspended}}: {record}",
      body: "{stage, select, approved {{record} can now be assigned.} rejected {{record} was rejected.} other {{record} was suspended and cannot be assigned.}} {notes}",
    },
    ticket_raised: {
      title: "New ticket #{number}: {title}",
      body: "{ticketTypeName} · {vehicle}",
    },
    ticket_update: {
      title: "Ticket #{number}: {title}",
      body: "{change, select, status {Now {ticketStatusName}.{comment, select, none {} other { {comment}}}} comment {Comment: {comment}} assigned {Assigned to {assignee}.} unassigned {Nobody is assigned now.} repair {A repair was opened in the service book.} task {A task was made of it.} other {Updated.}}",
    },
    task_assigned: {
      title: "Task for you: {title}",
      body: "{due, select, yes {Due {dueAt, date, moment}.} other {No due time.}}{team, select, none {} other { Team: {team}.}}",
    },
    task_opened: {
      title: "New task, assigned to nobody: {title}",
      body: "{due, select, yes {Due {dueAt, date, moment}.} other {No due time.}}{team, select, none {} other { Team: {team}.}}",
    },
    task_due_soon: {
      title: "Task due soon: {title}",
      body: "Due {dueAt, date, moment}; now {statusLabel}.",
    },
    task_overdue: {
      title: "Task overdue: {title}",
      body: "It was due {dueAt, date, moment} and is still {statusLabel}.",
    },
    change_request: {
      title:
        "{stage, select, proposed {Change proposed} approved {Change approved} other {Change rejected}}: {vehicle}",
      body: "{stage, select, proposed {Proposed changes to {fields}; they apply only once approved.} approved {The changes to {fields} were applied.} other {The changes to {fields} were not applied: {reason}}}",
    },
    service_visit: {
      title:
        "{stage, select, opened {Service visit opened} completed {Service visit awaits confirmation} confirmed {Service visit confirmed} disputed {Service visit disputed} cancelled {Service visit cancelled} upheld {Dispute upheld} other {Dispute rejected}}: {vehicle}",
      body: "{centre} · {stage, select, completed {Confirm or dispute the work and its cost {cost}.} confirmed {The visit entered the service book and expenses.} disputed {Reason: {reason}} cancelled {Reason: {reason}} upheld {The moderators upheld the dispute. {reason}} rejected {The moderators rejected the dispute. {reason}} other {Work has started.}}",
    },
    centre_decision: {
      title:
        "{decision, select, approve {Your service centre is verified} reject {Verification refused} suspend {Your service centre is suspended} other {Your service centre is reinstated}}",
      body: "{decision, select, approve {You can now take on employees and ask owners for access.} reject {Reason: {reason}. Correct the details and submit again.} suspend {Reason: {reason}.} other {Your access works again.}}",
    },
    vehicle_access: {
      title:
        "{change, select, requested {{centre} asks for access to {vehicle}} approved {Access to {vehicle} granted} refused {Access to {vehicle} refused} redeemed {{centre} took up your invite code for {vehicle}} other {Access to {vehicle} revoked}}",
      body: "{change, select, requested {Approve or refuse the request under Vehicle access.} approved {{centre} may now work on the vehicle.} refused {{centre}: the owner refused the request.} redeemed {{centre} may now work on the vehicle. Revoke the access under Vehicle access if the code reached the wrong hands.} other {{centre} no longer has access.}}",
    },
  },
  labels: {
    alertType: {
      overspeed: "Overspeed",
      geofence_enter: "Geofence entered",
      geofence_exit: "Geofence left",
      device_offline: "Device offline",
      dtc: "Engine fault code",
      device_alarm: "Alarm from the tracker",
      low_battery: "Low battery",
      odometer_rollback: "Odometer rollback",
      odometer_jump: "Odometer jump",
      odometer_mismatch: "Odometer mismatch",
      odometer_frozen: "Odometer frozen",
      odometer_manual_jump: "Manual reading jump",
      fuel_drop: "Fuel level drop",
      fuel_fill: "Fuel fill",
      fuel_theft: "Suspected fuel theft",
      fuel_consumption: "Fuel consumption anomaly",
      fuel_card_limit: "Fuel card limit",
      fuel_refuel_mismatch: "Refuel without a sensor fill",
      maintenance_due: "Maintenance due",
      maintenance_overdue: "Maintenance overdue",
      rental_expiring: "Rental expiring",
    },
    contractType: {
      leasing: "Leasing",
      rental: "Rental",
      insurance_casco: "CASCO insurance",
      insurance_osago: "Motor liability insurance (OSAGO)",
      warranty: "Warranty",
      service_contract: "Service contract",
    },
    documentKind: {
      photo: "Photo",
      scan: "Scan",
      invoice: "Invoice",
      receipt: "Receipt",
      act: "Act",
      contract: "Contract",
      licence: "Licence",
      medical: "Medical certificate",
      insurance: "Insurance",
      registration: "Registration",
      other: "Document",
    },
    category: {
      all: "all categories",
      fuel: "fuel",
      parts: "parts",
      service: "service",
      insurance: "insurance",
      tax: "tax",
      fine: "fines",
      parking: "parking",
      toll: "tolls",
      washing: "washing",
      rental: "rental",
      other: "other",
    },
    period: { month: "month", quarter: "quarter", year: "year" },
    ticketType: {
      breakdown: "Breakdown",
      accident: "Accident",
      damage: "Damage",
      fuel_card: "Fuel card problem",
      document: "Document problem",
      other: "Other",
    },
    ticketStatus: { open: "open", in_progress: "in progress", resolved: "resolved", rejected: "rejected" },
  },
  facts: {
    labels: {
      code: "Fault code",
      alarm: "Alarm",
      limitKmh: "Speed limit",
      maxKmh: "Top speed",
      sinceMs: "Since",
      startMs: "Started",
      endMs: "Ended",
      lastDataAt: "Last data",
      previousM: "Odometer before",
      currentM: "Odometer after",
      decreaseM: "Rolled back by",
      increaseM: "Jumped by",
      elapsedS: "Time between readings",
      impliedKmh: "Implied speed",
      maxPlausibleM: "Plausible distance at most",
      odometerM: "Odometer distance",
      gpsM: "GPS distance",
      diffPct: "Difference",
      windowM: "Compared over",
      valueKm: "Reading",
      kmPerDay: "Implied daily distance",
      maxKmPerDay: "Plausible daily distance at most",
      fromL: "Level before",
      toL: "Level after",
      litres: "Amount",
      expectedL: "Expected",
      actualL: "Refuelled",
      differencePct: "Difference",
      paidL: "Paid for",
      sensorL: "Sensor saw",
      missingL: "Missing",
      minV: "Lowest voltage",
      thresholdV: "Threshold",
      dueBy: "Due by",
      dueDate: "Due date",
      dueOdometerKm: "Due at odometer",
      daysLeft: "Time left",
      kmLeft: "Distance left",
      periodStart: "Period from",
      task: "Service",
      cardLimit: "Limit exceeded",
    },
    alarms: {
      sos: "SOS",
      power_cut: "Power cut",
      vibration: "Vibration",
      overspeed: "Overspeed",
      geofence_enter: "Geofence entered",
      geofence_exit: "Geofence left",
      low_battery: "Low battery",
      tamper: "Tampering",
    },
    dueByKm: "Mileage",
    dueByDate: "Date",
    noSensorFill: "No fill seen",
    cardLimit: "Spent {spent} of the limit {limit}",
    litres: "{value} L",
    volts: "{value} V",
    kmPerDay: "{value} km/day",
  },
}
