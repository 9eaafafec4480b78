import type { Messages } from "./messages.js"

/** The messages of the OCR suggestions' codes (spread into ERROR_MESSAGES). */
export const OCR_MESSAGES = {
  FLEET_OCR_INVALID: {
    en: "Send the photo as a form with one file in the part named «file».",
    ru: "Отправьте фото формой с одним файлом в части «file».",
    kk: "Фотоны «file» бөлігінде бір файлы бар пішінмен жіберіңіз.",
    tr: "Fotoğrafı «file» adlı bölümde tek dosya içeren bir formla gönderin.",
  },
  FLEET_OCR_TOO_LARGE: {
    en: "The photo is larger than 8 MB.",
    ru: "Фото больше 8 МБ.",
    kk: "Фото 8 МБ-тан үлкен.",
    tr: "Fotoğraf 8 MB'tan büyük.",
  },
  FLEET_OCR_IMAGE_TOO_LARGE: {
    en: "The photo has more than 24 million pixels; send a smaller one.",
    ru: "В фото больше 24 миллионов пикселей; отправьте фото меньшего размера.",
    kk: "Фотода 24 миллионнан астам пиксель бар; кішірек фото жіберіңіз.",
    tr: "Fotoğrafta 24 milyondan fazla piksel var; daha küçük bir fotoğraf gönderin.",
  },
  FLEET_OCR_TYPE_REFUSED: {
    en: "The photo must be a JPEG, PNG or WebP image.",
    ru: "Фото должно быть изображением JPEG, PNG или WebP.",
    kk: "Фото JPEG, PNG немесе WebP суреті болуы керек.",
    tr: "Fotoğraf JPEG, PNG veya WebP resmi olmalıdır.",
  },
  FLEET_OCR_BUSY: {
    en: "Too many photos are waiting to be read. Try again in a moment.",
    ru: "Слишком много фото ждут распознавания. Повторите попытку чуть позже.",
    kk: "Тануды күтіп тұрған фото тым көп. Сәлден соң қайталап көріңіз.",
    tr: "Okunmayı bekleyen çok fazla fotoğraf var. Birazdan tekrar deneyin.",
  },
  FLEET_OCR_TIMEOUT: {
    en: "Reading the photo took too long. Try a sharper or smaller photo.",
    ru: "Распознавание фото заняло слишком много времени. Попробуйте более чёткое или меньшее фото.",
    kk: "Фотоны тану тым ұзаққа созылды. Анығырақ немесе кішірек фотоны көріңіз.",
    tr: "Fotoğrafın okunması çok uzun sürdü. Daha net veya daha küçük bir fotoğraf deneyin.",
  },
} as const satisfies Record<string, Messages>
