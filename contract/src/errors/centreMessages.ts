import type { Messages } from "./messages.js"

/** The messages of the service centres' and vehicle access codes (spread into ERROR_MESSAGES). */
export const CENTRE_MESSAGES = {
  FLEET_CENTRE_INVALID: {
    en: "Service centre {field}: {detail}",
    ru: "Сервисный центр, поле «{field}»: {detail}",
    kk: "Сервис орталығы, «{field}» өрісі: {detail}",
    tr: "Servis merkezi, «{field}» alanı: {detail}",
  },
  FLEET_CENTRE_NOT_FOUND: {
    en: "No such service centre.",
    ru: "Такого сервисного центра нет.",
    kk: "Мұндай сервис орталығы жоқ.",
    tr: "Böyle bir servis merkezi yok.",
  },
  FLEET_CENTRE_STATUS: {
    en: "The service centre's verification status does not allow this.",
    ru: "Статус проверки сервисного центра не позволяет это сделать.",
    kk: "Сервис орталығының тексеру күйі мұны жасауға мүмкіндік бермейді.",
    tr: "Servis merkezinin doğrulama durumu buna izin vermiyor.",
  },
  FLEET_CENTRE_DOCUMENTS_MISSING: {
    en: "Upload at least one verification document before submitting.",
    ru: "Перед отправкой загрузите хотя бы один документ для проверки.",
    kk: "Жібермес бұрын тексеруге кемінде бір құжат жүктеңіз.",
    tr: "Göndermeden önce en az bir doğrulama belgesi yükleyin.",
  },
  FLEET_CENTRE_NOT_APPROVED: {
    en: "Your service centre is not verified, or is suspended: this is not allowed yet.",
    ru: "Ваш сервисный центр не проверен или приостановлен: это пока недоступно.",
    kk: "Сервис орталығыңыз тексерілмеген немесе тоқтатылған: бұл әзірге қолжетімсіз.",
    tr: "Servis merkeziniz doğrulanmadı veya askıya alındı: buna henüz izin verilmiyor.",
  },
  FLEET_CENTRE_REGISTRATION_THROTTLED: {
    en: "Too many registrations from this address; try again in {seconds} s.",
    ru: "Слишком много регистраций с этого адреса; повторите через {seconds} с.",
    kk: "Бұл мекенжайдан тіркелу тым көп; {seconds} с кейін қайталаңыз.",
    tr: "Bu adresten çok fazla kayıt yapıldı; {seconds} sn sonra yeniden deneyin.",
  },
  FLEET_VEHICLE_SEARCH_RATE_LIMITED: {
    en: "Too many vehicle searches; try again in {seconds} s.",
    ru: "Слишком много поисков автомобилей; повторите через {seconds} с.",
    kk: "Көлік іздеу тым көп; {seconds} с кейін қайталаңыз.",
    tr: "Çok fazla araç araması yapıldı; {seconds} sn sonra yeniden deneyin.",
  },
  FLEET_VEHICLE_SEARCH_NOT_FOUND: {
    en: "No search of your centre found that vehicle.",
    ru: "Ни один поиск вашего сервиса не нашёл этот автомобиль.",
    kk: "Сервисіңіздің бірде-бір іздеуі бұл көлікті таппады.",
    tr: "Servisinizin hiçbir araması bu aracı bulmadı.",
  },
  FLEET_ACCESS_INVALID: {
    en: "Vehicle access {field}: {detail}",
    ru: "Доступ к автомобилю, поле «{field}»: {detail}",
    kk: "Көлікке қолжетімділік, «{field}» өрісі: {detail}",
    tr: "Araç erişimi, «{field}» alanı: {detail}",
  },
  FLEET_ACCESS_CODE_INVALID: {
    en: "This invite code is unknown, expired, withdrawn or already used.",
    ru: "Этот код приглашения неизвестен, истёк, отозван или уже использован.",
    kk: "Бұл шақыру коды белгісіз, мерзімі өткен, қайтарылған немесе пайдаланылған.",
    tr: "Bu davet kodu bilinmiyor, süresi dolmuş, geri çekilmiş veya zaten kullanılmış.",
  },
  FLEET_ACCESS_INVITE_NOT_FOUND: {
    en: "No such invite code.",
    ru: "Такого кода приглашения нет.",
    kk: "Мұндай шақыру коды жоқ.",
    tr: "Böyle bir davet kodu yok.",
  },
  FLEET_ACCESS_REQUEST_NOT_FOUND: {
    en: "No such access request.",
    ru: "Такого запроса доступа нет.",
    kk: "Мұндай қолжетімділік сұрауы жоқ.",
    tr: "Böyle bir erişim talebi yok.",
  },
  FLEET_ACCESS_REQUEST_PENDING: {
    en: "Your centre's request for this vehicle is already waiting for the owner.",
    ru: "Запрос вашего сервиса на этот автомобиль уже ждёт решения владельца.",
    kk: "Сервисіңіздің бұл көлікке сұрауы иесінің шешімін күтуде.",
    tr: "Servisinizin bu araç için talebi zaten sahibinin kararını bekliyor.",
  },
  FLEET_ACCESS_REQUEST_DECIDED: {
    en: "The access request has already been decided.",
    ru: "По запросу доступа уже принято решение.",
    kk: "Қолжетімділік сұрауы бойынша шешім қабылданған.",
    tr: "Erişim talebi hakkında zaten karar verildi.",
  },
  FLEET_ACCESS_GRANT_NOT_FOUND: {
    en: "No such vehicle access.",
    ru: "Такого доступа к автомобилю нет.",
    kk: "Көлікке мұндай қолжетімділік жоқ.",
    tr: "Böyle bir araç erişimi yok.",
  },
} as const satisfies Record<string, Messages>
