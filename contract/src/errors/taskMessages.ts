import type { Messages } from "./messages.js"

/** The messages of the tasks and workflows area's codes (spread into ERROR_MESSAGES). */
export const TASK_MESSAGES = {
  FLEET_TASK_NOT_FOUND: {
    en: "No such task.",
    ru: "Такой задачи нет.",
    kk: "Мұндай тапсырма жоқ.",
    tr: "Böyle bir görev yok.",
  },
  FLEET_TASK_TEMPLATE_NOT_FOUND: {
    en: "No such task template.",
    ru: "Такого шаблона задачи нет.",
    kk: "Мұндай тапсырма үлгісі жоқ.",
    tr: "Böyle bir görev şablonu yok.",
  },
  FLEET_TASK_TEMPLATE_INVALID: {
    en: "Task template, field «{field}»: {detail}",
    ru: "Шаблон задачи, поле «{field}»: {detail}",
    kk: "Тапсырма үлгісі, «{field}» өрісі: {detail}",
    tr: "Görev şablonu, «{field}» alanı: {detail}",
  },
  FLEET_TASK_INVALID: {
    en: "Task, field «{field}»: {detail}",
    ru: "Задача, поле «{field}»: {detail}",
    kk: "Тапсырма, «{field}» өрісі: {detail}",
    tr: "Görev, «{field}» alanı: {detail}",
  },
  FLEET_TASK_TRANSITION_INVALID: {
    en: "The task's workflow does not allow this step: {detail}",
    ru: "Процесс задачи не допускает этот шаг: {detail}",
    kk: "Тапсырманың жұмыс процесі бұл қадамға рұқсат бермейді: {detail}",
    tr: "Görevin iş akışı bu adıma izin vermiyor: {detail}",
  },
  FLEET_TASK_REQUIREMENT_MISSING: {
    en: "This step needs more (field «{field}»): {detail}",
    ru: "Для этого шага не хватает данных (поле «{field}»): {detail}",
    kk: "Бұл қадамға деректер жетіспейді («{field}» өрісі): {detail}",
    tr: "Bu adım için eksik bilgi var («{field}» alanı): {detail}",
  },
  FLEET_TASK_ATTACHMENT_INVALID: {
    en: "An attachment is not a document of this task: upload it to the task first.",
    ru: "Вложение не является документом этой задачи: сначала загрузите его в задачу.",
    kk: "Тіркеме бұл тапсырманың құжаты емес: алдымен оны тапсырмаға жүктеңіз.",
    tr: "Ek bu görevin bir belgesi değil: önce göreve yükleyin.",
  },
} as const satisfies Record<string, Messages>
