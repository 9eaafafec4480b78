import type { Messages } from "./messages.js"

/** The messages of service visits' and change requests' codes (spread into ERROR_MESSAGES). */
export const VISIT_MESSAGES = {
  FLEET_CHANGE_REQUEST_NOT_FOUND: {
    en: "No such change request.",
    ru: "Такого запроса на изменение нет.",
    kk: "Мұндай өзгерту сұрауы жоқ.",
    tr: "Böyle bir değişiklik talebi yok.",
  },
  FLEET_CHANGE_REQUEST_INVALID: {
    en: "Change request {field}: {detail}",
    ru: "Запрос на изменение, поле «{field}»: {detail}",
    kk: "Өзгерту сұрауы, «{field}» өрісі: {detail}",
    tr: "Değişiklik talebi, «{field}» alanı: {detail}",
  },
  FLEET_CHANGE_REQUEST_DECIDED: {
    en: "The change request has already been approved or rejected.",
    ru: "Запрос на изменение уже одобрен или отклонён.",
    kk: "Өзгерту сұрауы әлдеқашан мақұлданған немесе қабылданбаған.",
    tr: "Değişiklik talebi zaten onaylandı ya da reddedildi.",
  },
  FLEET_VEHICLE_ACCESS_REQUIRED: {
    en: "Your service centre has no active access to this vehicle; ask its owner for access.",
    ru: "У вашего сервисного центра нет действующего доступа к этому транспорту; запросите доступ у владельца.",
    kk: "Сіздің сервистік орталығыңызда бұл көлікке белсенді қолжетімділік жоқ; иесінен рұқсат сұраңыз.",
    tr: "Servis merkezinizin bu araca etkin erişimi yok; sahibinden erişim isteyin.",
  },
  FLEET_VISIT_NOT_FOUND: {
    en: "No such service visit.",
    ru: "Такого визита в сервис нет.",
    kk: "Мұндай сервиске бару жоқ.",
    tr: "Böyle bir servis ziyareti yok.",
  },
  FLEET_VISIT_INVALID: {
    en: "Service visit {field}: {detail}",
    ru: "Визит в сервис, поле «{field}»: {detail}",
    kk: "Сервиске бару, «{field}» өрісі: {detail}",
    tr: "Servis ziyareti, «{field}» alanı: {detail}",
  },
  FLEET_VISIT_CENTRE_UNVERIFIED: {
    en: "Your service centre is not verified or is suspended: it cannot record trusted visits.",
    ru: "Ваш сервисный центр не проверен или приостановлен: он не может проводить доверенные визиты.",
    kk: "Сіздің сервистік орталығыңыз тексерілмеген немесе тоқтатылған: ол сенімді баруларды тіркей алмайды.",
    tr: "Servis merkeziniz doğrulanmamış ya da askıya alınmış: güvenilir ziyaret kaydedemez.",
  },
  FLEET_VISIT_STATUS: {
    en: "The service visit's status does not allow this.",
    ru: "Статус визита в сервис этого не допускает.",
    kk: "Сервиске бару күйі бұған рұқсат бермейді.",
    tr: "Servis ziyaretinin durumu buna izin vermiyor.",
  },
  FLEET_VISIT_EMPTY: {
    en: "Add at least one work item before completing the visit.",
    ru: "Перед завершением визита добавьте хотя бы одну работу.",
    kk: "Баруды аяқтамас бұрын кемінде бір жұмысты қосыңыз.",
    tr: "Ziyareti tamamlamadan önce en az bir iş kalemi ekleyin.",
  },
  FLEET_VISIT_CURRENCY_MISMATCH: {
    en: "A work item's currency must be the visit's currency.",
    ru: "Валюта работы должна совпадать с валютой визита.",
    kk: "Жұмыстың валютасы барудың валютасымен сәйкес болуы керек.",
    tr: "İş kaleminin para birimi ziyaretin para birimiyle aynı olmalıdır.",
  },
  FLEET_VISIT_PHOTOS_INVALID: {
    en: "Send the photos as a form with 1 to 10 files in the part named «files»; a visit keeps at most 30 photos.",
    ru: "Отправьте фото формой с 1–10 файлами в части «files»; у визита может быть не больше 30 фото.",
    kk: "Фотоларды «files» бөлігінде 1–10 файлы бар пішінмен жіберіңіз; бір баруда 30-дан аспайтын фото болады.",
    tr: "Fotoğrafları «files» bölümünde 1 ile 10 dosya içeren bir formla gönderin; bir ziyarette en fazla 30 fotoğraf olur.",
  },
  FLEET_VISIT_PHOTO_TYPE: {
    en: "A visit photo must be a JPEG, PNG, WebP or HEIC image.",
    ru: "Фото визита должно быть изображением JPEG, PNG, WebP или HEIC.",
    kk: "Бару фотосы JPEG, PNG, WebP немесе HEIC суреті болуы керек.",
    tr: "Ziyaret fotoğrafı JPEG, PNG, WebP veya HEIC resmi olmalıdır.",
  },
  FLEET_VISIT_PHOTO_NOT_FOUND: {
    en: "This visit has no such photo.",
    ru: "У этого визита нет такого фото.",
    kk: "Бұл баруда мұндай фото жоқ.",
    tr: "Bu ziyarette böyle bir fotoğraf yok.",
  },
} as const satisfies Record<string, Messages>
