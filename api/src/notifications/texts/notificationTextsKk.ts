import type { NotificationTexts } from "./NotificationTexts.js"

/** Қазақша (see notificationTextsEn.ts for the conventions). */
export const notificationTextsKk: NotificationTexts = {
  severity: { info: "", warning: "[ескерту] ", critical: "[СЫНИ] " },
  messages: {
    alert: {
      title:
        "{subject, select, none {{alertTypeName}} other {{alertTypeName} · {subject}}}{vehicle, select, none {} other {: {vehicle}}}",
      body: "Ашылған уақыты: {openedAt, date, moment}.",
    },
    licence_expiry: {
      title:
        "{stage, select, expired {Жүргізуші куәлігінің мерзімі өтті: {driver}} other {Жүргізуші куәлігінің мерзімі {days} күннен кейін бітеді: {driver}}}",
      body: "{stage, select, expired {{driver} жүргізуші куәлігінің мерзімі {expiresOn, date, day} өтті.} other {{driver} жүргізуші куәлігінің мерзімі {expiresOn, date, day} бітеді.}}",
    },
    medical_expiry: {
      title:
        "{stage, select, expired {Медициналық анықтаманың мерзімі өтті: {driver}} other {Медициналық анықтаманың мерзімі {days} күннен кейін бітеді: {driver}}}",
      body: "{stage, select, expired {{driver} медициналық анықтамасының мерзімі {expiresOn, date, day} өтті.} other {{driver} медициналық анықтамасының мерзімі {expiresOn, date, day} бітеді.}}",
    },
    contract_expiry: {
      title:
        "{stage, select, expired {Шарт аяқталды: {contractTypeName}, {vehicle}} other {Шарт {days} күннен кейін аяқталады: {contractTypeName}, {vehicle}}}",
      body: "{stage, select, expired {{contractTypeName} ({contractor}), {vehicle}: мерзімі {endsOn, date, day} аяқталды.} other {{contractTypeName} ({contractor}), {vehicle}: мерзімі {endsOn, date, day} аяқталады.}}",
    },
    document_expiry: {
      title:
        "{stage, select, expired {Құжаттың мерзімі өтті: {documentKindName}, {owner}} other {Құжаттың мерзімі {days} күннен кейін бітеді: {documentKindName}, {owner}}}",
      body: "{stage, select, expired {{filename} ({documentKindName}, {owner}): мерзімі {expiresOn, date, day} өтті.} other {{filename} ({documentKindName}, {owner}): мерзімі {expiresOn, date, day} бітеді.}}",
    },
    maintenance_days: {
      title:
        "{stage, select, overdue {ТҚ мерзімі өтті: {task}, {vehicle}} other {ТҚ-ға {days} күн қалды: {task}, {vehicle}}}",
      body: "{stage, select, overdue {{vehicle} үшін {task} {dueOn, date, day} дейін орындалуы керек еді.} other {{vehicle} үшін {task} {dueOn, date, day} дейін орындалуы керек.}}",
    },
    maintenance_km: {
      title:
        "{stage, select, overdue {Жүріс бойынша ТҚ мерзімі өтті: {task}, {vehicle}} other {ТҚ-ға {kmLeft, number, integer} км қалды: {task}, {vehicle}}}",
      body: "{stage, select, overdue {{vehicle} үшін {task} {dueKm, number, integer} км-де орындалуы керек еді; одометр {currentKm, number, integer} км көрсетеді.} other {{vehicle} үшін {task} {dueKm, number, integer} км-де орындалуы керек; одометр {currentKm, number, integer} км көрсетеді.}}",
    },
    budget_threshold: {
      title:
        "{threshold, select, 100 {Бюджет асып кетті: {categoryName}, {periodName}} other {Бюджеттің {threshold}% жұмсалды: {categoryName}, {periodName}}}",
      body: "{periodStartsOn, date, day} бастап {periodName} ішінде {amount} ішінен {spent} жұмсалды ({used, number, integer}%).",
    },
    onboarding_review: {
      title:
        "{kind, select, vehicle {Көлік} other {Жүргізуші}} {stage, select, under_review {тексеруді} background_check {өмірбаян тексеруін} training {оқытуды} other {келесі қадамды}} күтуде: {record}",
      body: "{record}: «{stage, select, under_review {тексеру} background_check {өмірбаян тексеруі} training {оқыту} other {келесі қадам}}» кезеңі, сіздің қадамыңыз күтілуде. {notes}",
    },
    onboarding_decided: {
      title:
        "{kind, select, vehicle {Көлік} other {Жүргізуші}} {stage, select, approved {рұқсат етілді} rejected {қабылданбады} other {шеттетілді}}: {record}",
      body: "{stage, select, approved {{record}: енді бекітуге болады.} rejected {{record}: рұқсат берілмеді.} other {{record}: шеттетілді, бекітуге болмайды.}} {notes}",
    },
    ticket_raised: {
      title: "Жаңа өтінім №{number}: {title}",
      body: "{ticketTypeName} · {vehicle}",
    },
    ticket_update: {
      title: "Өтінім №{number}: {title}",
      body: "{change, select, status {Жаңа күйі: {ticketStatusName}.{comment, select, none {} other { {comment}}}} comment {Пікір: {comment}} assigned {Орындаушы: {assignee}.} unassigned {Орындаушы алынып тасталды.} repair {Сервистік кітапшада жөндеу ашылды.} task {Өтінім бойынша тапсырма жасалды.} other {Өтінім өзгерді.}}",
    },
    task_assigned: {
      title: "Сізге тапсырма берілді: {title}",
      body: "{due, select, yes {Мерзімі: {dueAt, date, moment}.} other {Мерзімі жоқ.}}{team, select, none {} other { Команда: {team}.}}",
    },
    task_opened: {
      title: "Орындаушысы жоқ жаңа тапсырма: {title}",
      body: "{due, select, yes {Мерзімі: {dueAt, date, moment}.} other {Мерзімі жоқ.}}{team, select, none {} other { Команда: {team}.}}",
    },
    task_due_soon: {
      title: "Тапсырма мерзімі жақын: {title}",
      body: "Мерзімі: {dueAt, date, moment}; қазір: {statusLabel}.",
    },
    task_overdue: {
      title: "Тапсырма мерзімі өтті: {title}",
      body: "Мерзімі {dueAt, date, moment} өтті, күйі: {statusLabel}.",
    },
    change_request: {
      title:
        "{stage, select, proposed {Өзгеріс ұсынылды} approved {Өзгеріс мақұлданды} other {Өзгеріс қабылданбады}}: {vehicle}",
      body: "{stage, select, proposed {Ұсынылған өзгерістер: {fields}; олар тек мақұлданғаннан кейін күшіне енеді.} approved {Өзгерістер қолданылды: {fields}.} other {Өзгерістер қолданылмады ({fields}): {reason}}}",
    },
    service_visit: {
      title:
        "{stage, select, opened {Сервиске бару ашылды} completed {Сервиске бару растауды күтуде} confirmed {Сервиске бару расталды} disputed {Сервиске бару дауланды} cancelled {Сервиске бару тоқтатылды} upheld {Дау қанағаттандырылды} other {Дау қабылданбады}}: {vehicle}",
      body: "{centre} · {stage, select, completed {Жұмыстар мен олардың құнын {cost} растаңыз немесе даулаңыз.} confirmed {Бару сервистік кітапшаға және шығындарға енгізілді.} disputed {Себебі: {reason}} cancelled {Себебі: {reason}} upheld {Модераторлар дауды қанағаттандырды. {reason}} rejected {Модераторлар дауды қабылдамады. {reason}} other {Жұмыс басталды.}}",
    },
    centre_decision: {
      title:
        "{decision, select, approve {Сервис орталығыңыз тексерілді} reject {Тексеруден бас тартылды} suspend {Сервис орталығыңыз тоқтатылды} other {Сервис орталығының жұмысы қалпына келтірілді}}",
      body: "{decision, select, approve {Енді қызметкерлерді шақырып, иелерден қолжетімділік сұрай аласыз.} reject {Себебі: {reason}. Деректерді түзетіп, қайта жіберіңіз.} suspend {Себебі: {reason}.} other {Қолжетімділік қайта жұмыс істейді.}}",
    },
    vehicle_access: {
      title:
        "{change, select, requested {{centre} {vehicle} көлігіне қолжетімділік сұрайды} approved {{vehicle} көлігіне қолжетімділік берілді} refused {{vehicle} көлігіне қолжетімділіктен бас тартылды} redeemed {{centre} {vehicle} үшін шақыру кодыңызды пайдаланды} other {{vehicle} көлігіне қолжетімділік қайтарылды}}",
      body: "{change, select, requested {Сұрауды көліктерге қолжетімділік бөлімінде мақұлдаңыз немесе қабылдамаңыз.} approved {{centre} енді көлікпен жұмыс істей алады.} refused {{centre}: иесі сұрауды қабылдамады.} redeemed {{centre} енді көлікпен жұмыс істей алады. Код басқа біреуге тиген болса, қолжетімділікті көліктерге қолжетімділік бөлімінде қайтарып алыңыз.} other {{centre} енді қолжетімділігі жоқ.}}",
    },
  },
  labels: {
    alertType: {
      overspeed: "Жылдамдықты асыру",
      geofence_enter: "Геоаймаққа кіру",
      geofence_exit: "Геоаймақтан шығу",
      device_offline: "Трекер байланыста емес",
      dtc: "Қозғалтқыш ақау коды",
      device_alarm: "Трекерден дабыл",
      low_battery: "Аккумулятор кернеуі төмен",
      odometer_rollback: "Одометрді кері айналдыру",
      odometer_jump: "Одометр секірісі",
      odometer_mismatch: "Одометр сәйкессіздігі",
      odometer_frozen: "Одометр қатып қалды",
      odometer_manual_jump: "Қолмен енгізілген көрсеткіш секірісі",
      fuel_drop: "Жанармай деңгейінің төмендеуі",
      fuel_fill: "Датчик бойынша құю",
      fuel_theft: "Жанармай ұрлығы күдігі",
      fuel_consumption: "Жанармай шығынының ауытқуы",
      fuel_card_limit: "Жанармай картасының лимиті",
      fuel_refuel_mismatch: "Датчикте көтерілусіз құю",
      maintenance_due: "ТҚ уақыты келді",
      maintenance_overdue: "ТҚ мерзімі өтті",
      rental_expiring: "Жалға алу аяқталуда",
    },
    contractType: {
      leasing: "Лизинг",
      rental: "Жалға алу",
      insurance_casco: "КАСКО сақтандыруы",
      insurance_osago: "Міндетті сақтандыру (ОСАГО)",
      warranty: "Кепілдік",
      service_contract: "Сервистік шарт",
    },
    documentKind: {
      photo: "Фото",
      scan: "Скан",
      invoice: "Шот",
      receipt: "Чек",
      act: "Акт",
      contract: "Шарт",
      licence: "Куәлік",
      medical: "Медициналық анықтама",
      insurance: "Сақтандыру полисі",
      registration: "Тіркеу куәлігі",
      other: "Құжат",
    },
    category: {
      all: "барлық санаттар",
      fuel: "жанармай",
      parts: "қосалқы бөлшектер",
      service: "қызмет көрсету",
      insurance: "сақтандыру",
      tax: "салықтар",
      fine: "айыппұлдар",
      parking: "тұрақ",
      toll: "ақылы жолдар",
      washing: "жуу",
      rental: "жалға алу",
      other: "басқа",
    },
    period: { month: "ай", quarter: "тоқсан", year: "жыл" },
    ticketType: {
      breakdown: "Бұзылу",
      accident: "Жол апаты",
      damage: "Зақым",
      fuel_card: "Жанармай картасы мәселесі",
      document: "Құжат мәселесі",
      other: "Басқа",
    },
    ticketStatus: { open: "ашық", in_progress: "орындалуда", resolved: "шешілді", rejected: "қабылданбады" },
  },
  facts: {
    labels: {
      code: "Ақау коды",
      alarm: "Дабыл",
      limitKmh: "Жылдамдық шегі",
      maxKmh: "Ең жоғары жылдамдық",
      sinceMs: "Басталған уақыты",
      startMs: "Басталды",
      endMs: "Аяқталды",
      lastDataAt: "Соңғы деректер",
      previousM: "Бұрынғы одометр",
      currentM: "Кейінгі одометр",
      decreaseM: "Кері айналу",
      increaseM: "Секіріс",
      elapsedS: "Көрсеткіштер арасындағы уақыт",
      impliedKmh: "Есептік жылдамдық",
      maxPlausibleM: "Ықтимал қашықтық, ең көбі",
      odometerM: "Одометр бойынша жүрісі",
      gpsM: "GPS бойынша жүрісі",
      diffPct: "Айырмашылық",
      windowM: "Салыстыру аралығы",
      valueKm: "Көрсеткіш",
      kmPerDay: "Тәулігіне есептік жүріс",
      maxKmPerDay: "Тәулігіне ықтимал жүріс, ең көбі",
      fromL: "Бұрынғы деңгей",
      toL: "Кейінгі деңгей",
      litres: "Көлемі",
      expectedL: "Күтілген",
      actualL: "Құйылды",
      differencePct: "Айырмашылық",
      paidL: "Төленді",
      sensorL: "Датчик көрді",
      missingL: "Жетіспейді",
      minV: "Ең төменгі кернеу",
      thresholdV: "Шек",
      dueBy: "Мерзім бойынша",
      dueDate: "Мерзімі",
      dueOdometerKm: "Одометр бойынша мерзімі",
      daysLeft: "Қалған уақыт",
      kmLeft: "Қалған жүріс",
      periodStart: "Кезең басы",
      task: "Қызмет көрсету",
      cardLimit: "Лимиттен асты",
    },
    alarms: {
      sos: "SOS",
      power_cut: "Қуат өшті",
      vibration: "Діріл",
      overspeed: "Жылдамдықты асыру",
      geofence_enter: "Геоаймаққа кірді",
      geofence_exit: "Геоаймақтан шықты",
      low_battery: "Батарея заряды төмен",
      tamper: "Ашу әрекеті",
    },
    dueByKm: "Жүріс",
    dueByDate: "Күні",
    noSensorFill: "Құю байқалмады",
    cardLimit: "{limit} лимитінен {spent} жұмсалды",
    litres: "{value} л",
    volts: "{value} В",
    kmPerDay: "{value} км/тәул",
  },
}
