import type { Messages } from "./messages.js"

/** The messages of the organisation logo's codes (spread into ERROR_MESSAGES). */
export const LOGO_MESSAGES = {
  FLEET_LOGO_INVALID: {
    en: "Send the logo as a form with one file in the part named «file».",
    ru: "Отправьте логотип формой с одним файлом в части «file».",
    kk: "Логотипті «file» бөлігінде бір файлы бар пішінмен жіберіңіз.",
    tr: "Logoyu «file» adlı bölümde tek dosya içeren bir formla gönderin.",
  },
  FLEET_LOGO_TOO_LARGE: {
    en: "The logo file is larger than 1 MB.",
    ru: "Файл логотипа больше 1 МБ.",
    kk: "Логотип файлы 1 МБ-тан үлкен.",
    tr: "Logo dosyası 1 MB'tan büyük.",
  },
  FLEET_LOGO_TYPE_REFUSED: {
    en: "The logo must be a PNG or JPEG image.",
    ru: "Логотип должен быть изображением PNG или JPEG.",
    kk: "Логотип PNG немесе JPEG суреті болуы керек.",
    tr: "Logo PNG veya JPEG resmi olmalıdır.",
  },
  FLEET_LOGO_NOT_FOUND: {
    en: "The organisation has no logo.",
    ru: "У организации нет логотипа.",
    kk: "Ұйымның логотипі жоқ.",
    tr: "Kuruluşun logosu yok.",
  },
} as const satisfies Record<string, Messages>
