import type { NotificationTexts } from "./NotificationTexts.js"

/**
 * Русский (see notificationTextsEn.ts for the conventions). A Russian date ends in "г." ("1 марта
 * 2031 г."): no full stop is written after one.
 */
export const notificationTextsRu: NotificationTexts = {
  severity: { info: "", warning: "[внимание] ", critical: "[КРИТИЧНО] " },
  messages: {
    alert: {
      title:
        "{subject, select, none {{alertTypeName}} other {{alertTypeName} · {subject}}}{vehicle, select, none {} other {: {vehicle}}}",
      body: "Открыто {openedAt, date, moment}.",
    },
    licence_expiry: {
      title:
        "{stage, select, expired {Водительское удостоверение истекло: {driver}} other {Водительское удостоверение истекает через {days, plural, one {# день} few {# дня} many {# дней} other {# дня}}: {driver}}}",
      body: "{stage, select, expired {Срок водительского удостоверения ({driver}) истёк {expiresOn, date, day}} other {Срок водительского удостоверения ({driver}) истекает {expiresOn, date, day}}}",
    },
    medical_expiry: {
      title:
        "{stage, select, expired {Медицинская справка истекла: {driver}} other {Медицинская справка истекает через {days, plural, one {# день} few {# дня} many {# дней} other {# дня}}: {driver}}}",
      body: "{stage, select, expired {Срок медицинской справки ({driver}) истёк {expiresOn, date, day}} other {Срок медицинской справки ({driver}) истекает {expiresOn, date, day}}}",
    },
    contract_expiry: {
      title:
        "{stage, select, expired {Договор закончился: {contractTypeName}, {vehicle}} other {Договор заканчивается через {days, plural, one {# день} few {# дня} many {# дней} other {# дня}}: {contractTypeName}, {vehicle}}}",
      body: "{stage, select, expired {{contractTypeName} ({contractor}) для {vehicle}: срок закончился {endsOn, date, day}} other {{contractTypeName} ({contractor}) для {vehicle}: срок заканчивается {endsOn, date, day}}}",
    },
    document_expiry: {
      title:
        "{stage, select, expired {Документ истёк: {documentKindName}, {owner}} other {Документ истекает через {days, plural, one {# день} few {# дня} many {# дней} other {# дня}}: {documentKindName}, {owner}}}",
      body: "{stage, select, expired {{filename} ({documentKindName}, {owner}): срок истёк {expiresOn, date, day}} other {{filename} ({documentKindName}, {owner}): срок истекает {expiresOn, date, day}}}",
    },
    maintenance_days: {
      title:
        "{stage, select, overdue {ТО просрочено: {task}, {vehicle}} other {ТО через {days, plural, one {# день} few {# дня} many {# дней} other {# дня}}: {task}, {vehicle}}}",
      body: "{stage, select, overdue {{task} для {vehicle} нужно было выполнить до {dueOn, date, day}} other {{task} для {vehicle} нужно выполнить до {dueOn, date, day}}}",
    },
    maintenance_km: {
      title:
        "{stage, select, overdue {ТО просрочено по пробегу: {task}, {vehicle}} other {ТО через {kmLeft, number, integer} км: {task}, {vehicle}}}",
      body: "{stage, select, overdue {{task} для {vehicle} нужно было выполнить на {dueKm, number, integer} км; одометр показывает {currentKm, number, integer} км.} other {{task} для {vehicle} нужно выполнить на {dueKm, number, integer} км; одометр показывает {currentKm, number, integer} км.}}",
    },
    budget_threshold: {
      title:
        "{threshold, select, 100 {Бюджет превышен: {categoryName}, {periodName}} other {Бюджет израсходован на {threshold}%: {categoryName}, {periodName}}}",
      body: "Потрачено {spent} из {amount} ({used, number, integer}%) за {period, select, month {месяц} quarter {квартал} other {год}} с {periodStartsOn, date, day}",
    },
    onboarding_review: {
      title:
        "{kind, select, vehicle {Транспорт ждёт} other {Водитель ждёт}} {stage, select, under_review {проверки} background_check {проверки биографии} training {обучения} other {следующего шага}}: {record}",
      body: "{record}: этап «{stage, select, under_review {проверка} background_check {проверка биографии} training {обучение} other {следующий шаг}}», ожидается ваш шаг. {notes}",
    },
    onboarding_decided: {
      title:
        "{kind, select, vehicle {Транспорт} other {Водитель}} {stage, select, approved {допущен} rejected {отклонён} other {отстранён}}: {record}",
      body: "{stage, select, approved {{record}: можно закреплять.} rejected {{record}: допуск отклонён.} other {{record}: отстранён, закреплять нельзя.}} {notes}",
    },
    ticket_raised: {
      title: "Новая заявка №{number}: {title}",
      body: "{ticketTypeName} · {vehicle}",
    },
    ticket_update: {
      title: "Заявка №{number}: {title}",
      body: "{change, select, status {Новый статус: {ticketStatusName}.{comment, select, none {} other { {comment}}}} comment {Комментарий: {comment}} assigned {Исполнитель: {assignee}.} unassigned {Исполнитель снят.} repair {В сервисной книжке открыт ремонт.} task {По заявке создана задача.} other {Заявка изменена.}}",
    },
    task_assigned: {
      title: "Вам назначена задача: {title}",
      body: "{due, select, yes {Срок: {dueAt, date, moment}.} other {Без срока.}}{team, select, none {} other { Команда: {team}.}}",
    },
    task_opened: {
      title: "Новая задача без исполнителя: {title}",
      body: "{due, select, yes {Срок: {dueAt, date, moment}.} other {Без срока.}}{team, select, none {} other { Команда: {team}.}}",
    },
    task_due_soon: {
      title: "Скоро срок задачи: {title}",
      body: "Срок: {dueAt, date, moment}; сейчас: {statusLabel}.",
    },
    task_overdue: {
      title: "Задача просрочена: {title}",
      body: "Срок истёк {dueAt, date, moment}, статус: {statusLabel}.",
    },
    change_request: {
      title:
        "{stage, select, proposed {Предложено изменение} approved {Изменение одобрено} other {Изменение отклонено}}: {vehicle}",
      body: "{stage, select, proposed {Предложены изменения: {fields}; они вступят в силу только после одобрения.} approved {Изменения применены: {fields}.} other {Изменения не применены ({fields}): {reason}}}",
    },
    service_visit: {
      title:
        "{stage, select, opened {Открыт визит в сервис} completed {Визит в сервис ждёт подтверждения} confirmed {Визит в сервис подтверждён} disputed {Визит в сервис оспорен} cancelled {Визит в сервис отменён} upheld {Спор удовлетворён} other {Спор отклонён}}: {vehicle}",
      body: "{centre} · {stage, select, completed {Подтвердите или оспорьте работы и их стоимость {cost}.} confirmed {Визит внесён в сервисную книжку и расходы.} disputed {Причина: {reason}} cancelled {Причина: {reason}} upheld {Модераторы удовлетворили спор. {reason}} rejected {Модераторы отклонили спор. {reason}} other {Работы начаты.}}",
    },
    centre_decision: {
      title:
        "{decision, select, approve {Ваш сервисный центр проверен} reject {В проверке отказано} suspend {Ваш сервисный центр приостановлен} other {Работа сервисного центра возобновлена}}",
      body: "{decision, select, approve {Теперь можно приглашать сотрудников и запрашивать доступ у владельцев.} reject {Причина: {reason}. Исправьте данные и отправьте снова.} suspend {Причина: {reason}.} other {Доступ снова работает.}}",
    },
    vehicle_access: {
      title:
        "{change, select, requested {{centre} запрашивает доступ к {vehicle}} approved {Доступ к {vehicle} предоставлен} refused {В доступе к {vehicle} отказано} redeemed {{centre} воспользовался вашим кодом приглашения для {vehicle}} other {Доступ к {vehicle} отозван}}",
      body: "{change, select, requested {Одобрите или отклоните запрос в разделе доступа к автомобилям.} approved {{centre} теперь может работать с автомобилем.} refused {{centre}: владелец отклонил запрос.} redeemed {{centre} теперь может работать с автомобилем. Если код попал не в те руки, отзовите доступ в разделе доступа к автомобилям.} other {У {centre} больше нет доступа.}}",
    },
  },
  labels: {
    alertType: {
      overspeed: "Превышение скорости",
      geofence_enter: "Въезд в геозону",
      geofence_exit: "Выезд из геозоны",
      device_offline: "Трекер не на связи",
      dtc: "Код неисправности двигателя",
      device_alarm: "Тревога от трекера",
      low_battery: "Низкое напряжение АКБ",
      odometer_rollback: "Скрутка одометра",
      odometer_jump: "Скачок одометра",
      odometer_mismatch: "Расхождение одометра",
      odometer_frozen: "Одометр замер",
      odometer_manual_jump: "Скачок ручного показания",
      fuel_drop: "Падение уровня топлива",
      fuel_fill: "Заправка по датчику",
      fuel_theft: "Подозрение на слив топлива",
      fuel_consumption: "Аномальный расход топлива",
      fuel_card_limit: "Лимит топливной карты",
      fuel_refuel_mismatch: "Заправка без подъёма по датчику",
      maintenance_due: "Пора на ТО",
      maintenance_overdue: "ТО просрочено",
      rental_expiring: "Аренда заканчивается",
    },
    contractType: {
      leasing: "Лизинг",
      rental: "Аренда",
      insurance_casco: "Страховка КАСКО",
      insurance_osago: "Страховка ОСАГО",
      warranty: "Гарантия",
      service_contract: "Сервисный договор",
    },
    documentKind: {
      photo: "Фото",
      scan: "Скан",
      invoice: "Счёт",
      receipt: "Чек",
      act: "Акт",
      contract: "Договор",
      licence: "Удостоверение",
      medical: "Медицинская справка",
      insurance: "Страховой полис",
      registration: "Техпаспорт",
      other: "Документ",
    },
    category: {
      all: "все категории",
      fuel: "топливо",
      parts: "запчасти",
      service: "обслуживание",
      insurance: "страхование",
      tax: "налоги",
      fine: "штрафы",
      parking: "парковка",
      toll: "платные дороги",
      washing: "мойка",
      rental: "аренда",
      other: "прочее",
    },
    period: { month: "месяц", quarter: "квартал", year: "год" },
    ticketType: {
      breakdown: "Поломка",
      accident: "ДТП",
      damage: "Повреждение",
      fuel_card: "Проблема с топливной картой",
      document: "Проблема с документами",
      other: "Другое",
    },
    ticketStatus: { open: "открыта", in_progress: "в работе", resolved: "решена", rejected: "отклонена" },
  },
  facts: {
    labels: {
      code: "Код неисправности",
      alarm: "Тревога",
      limitKmh: "Ограничение скорости",
      maxKmh: "Максимальная скорость",
      sinceMs: "Началось",
      startMs: "Начало",
      endMs: "Конец",
      lastDataAt: "Последние данные",
      previousM: "Одометр до",
      currentM: "Одометр после",
      decreaseM: "Откат на",
      increaseM: "Скачок на",
      elapsedS: "Время между показаниями",
      impliedKmh: "Расчётная скорость",
      maxPlausibleM: "Правдоподобное расстояние, не более",
      odometerM: "Пробег по одометру",
      gpsM: "Пробег по GPS",
      diffPct: "Расхождение",
      windowM: "Сравнение на участке",
      valueKm: "Показание",
      kmPerDay: "Расчётный пробег в сутки",
      maxKmPerDay: "Правдоподобный пробег в сутки, не более",
      fromL: "Уровень до",
      toL: "Уровень после",
      litres: "Объём",
      expectedL: "Ожидалось",
      actualL: "Заправлено",
      differencePct: "Расхождение",
      paidL: "Оплачено",
      sensorL: "Датчик увидел",
      missingL: "Не хватает",
      minV: "Минимальное напряжение",
      thresholdV: "Порог",
      dueBy: "Срок по",
      dueDate: "Срок",
      dueOdometerKm: "Срок по одометру",
      daysLeft: "Осталось времени",
      kmLeft: "Осталось пробега",
      periodStart: "Период с",
      task: "Обслуживание",
      cardLimit: "Лимит превышен",
    },
    alarms: {
      sos: "SOS",
      power_cut: "Отключение питания",
      vibration: "Вибрация",
      overspeed: "Превышение скорости",
      geofence_enter: "Въезд в геозону",
      geofence_exit: "Выезд из геозоны",
      low_battery: "Низкий заряд батареи",
      tamper: "Вскрытие",
    },
    dueByKm: "Пробег",
    dueByDate: "Дата",
    noSensorFill: "Заправка не замечена",
    cardLimit: "Потрачено {spent} при лимите {limit}",
    litres: "{value} л",
    volts: "{value} В",
    kmPerDay: "{value} км/сут",
  },
}
