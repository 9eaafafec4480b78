import type { Messages } from "./messages.js"

/** Trackers known by their identifier (issue 14) and analysts' SQL (issue 11): spread into ERROR_MESSAGES. */
export const DEVICE_ANALYTICS_MESSAGES = {
  FLEET_DEVICE_IDENTIFIER_TAKEN: {
    en: "Another device already has this identifier.",
    ru: "Этот идентификатор уже есть у другого устройства.",
    kk: "Бұл идентификатор басқа құрылғыда бар.",
    tr: "Bu tanımlayıcı başka bir cihazda zaten var.",
  },
  FLEET_DEVICE_HAS_NO_SECRET: {
    en: "This tracker is known by its identifier and has no secret to rotate.",
    ru: "Этот трекер опознаётся по идентификатору, у него нет секрета для замены.",
    kk: "Бұл трекер идентификаторы арқылы танылады, ауыстыратын құпиясы жоқ.",
    tr: "Bu takip cihazı tanımlayıcısıyla tanınır; değiştirilecek bir gizli anahtarı yok.",
  },
  FLEET_UNKNOWN_DEVICE_NOT_FOUND: {
    en: "This identifier is not among the unknown devices.",
    ru: "Этого идентификатора нет среди неизвестных устройств.",
    kk: "Бұл идентификатор белгісіз құрылғылар арасында жоқ.",
    tr: "Bu tanımlayıcı bilinmeyen cihazlar arasında yok.",
  },
  FLEET_ANALYTICS_BODY_INVALID: {
    en: "The query request is not valid: {detail}",
    ru: "Запрос составлен неверно: {detail}",
    kk: "Сұрау дұрыс емес: {detail}",
    tr: "Sorgu isteği geçersiz: {detail}",
  },
  FLEET_ANALYTICS_QUERY_REJECTED: {
    en: "The query was refused: {detail}",
    ru: "Запрос отклонён: {detail}",
    kk: "Сұрау қабылданбады: {detail}",
    tr: "Sorgu reddedildi: {detail}",
  },
  FLEET_ANALYTICS_QUERY_FAILED: {
    en: "ClickHouse could not run the query: {detail}",
    ru: "ClickHouse не смог выполнить запрос: {detail}",
    kk: "ClickHouse сұрауды орындай алмады: {detail}",
    tr: "ClickHouse sorguyu çalıştıramadı: {detail}",
  },
  FLEET_ANALYTICS_TIMEOUT: {
    en: "The query ran past its time limit.",
    ru: "Запрос не уложился в отведённое время.",
    kk: "Сұрау берілген уақытқа сыймады.",
    tr: "Sorgu süre sınırını aştı.",
  },
} as const satisfies Record<string, Messages>
