import { CENTRE_MESSAGES } from "./centreMessages.js"
import { COMMAND_MESSAGES } from "./commandMessages.js"
import { DEVICE_ANALYTICS_MESSAGES } from "./deviceAnalyticsMessages.js"
import { DOCUMENT_MESSAGES } from "./documentMessages.js"
import type { Language } from "./language.js"
import { LOGO_MESSAGES } from "./logoMessages.js"
import { MAINTENANCE_MESSAGES } from "./maintenanceMessages.js"
import { NOTIFICATION_MESSAGES } from "./notificationMessages.js"
import { OCR_MESSAGES } from "./ocrMessages.js"
import { ONBOARDING_MESSAGES } from "./onboardingMessages.js"
import { RECORD_MESSAGES } from "./recordMessages.js"
import { REPORT_MESSAGES } from "./reportMessages.js"
import { SCHEDULE_MESSAGES } from "./scheduleMessages.js"
import { TASK_MESSAGES } from "./taskMessages.js"
import { TELEGRAM_MESSAGES } from "./telegramMessages.js"
import { TICKET_MESSAGES } from "./ticketMessages.js"
import { VISIT_MESSAGES } from "./visitMessages.js"

/** One error's message in every language; `{name}` placeholders are filled in when answered. */
export type Messages = Readonly<Record<Language, string>>

/**
 * The messages of every stable code the API answers (docs/errors.md), in en, ru, kk and tr.
 * Placeholders: `{field}` the input at fault, `{detail}` the schema's own explanation of what is
 * wrong with it, `{seconds}` how long to wait. The API answers English with its own (often more
 * specific) message and the other languages from here; the dashboard may use these by code too.
 */
export const ERROR_MESSAGES = {
  // Signing in and sessions
  FLEET_AUTH_REQUIRED: {
    en: "Sign in first: this request needs an access token.",
    ru: "Сначала войдите в систему: для этого запроса нужен токен доступа.",
    kk: "Алдымен жүйеге кіріңіз: бұл сұрауға қол жеткізу токені қажет.",
    tr: "Önce oturum açın: bu istek bir erişim belirteci gerektiriyor.",
  },
  FLEET_AUTH_TOKEN_EXPIRED: {
    en: "The session has expired; refresh it.",
    ru: "Срок действия сеанса истёк; обновите его.",
    kk: "Сеанстың мерзімі аяқталды; оны жаңартыңыз.",
    tr: "Oturumun süresi doldu; yenileyin.",
  },
  FLEET_AUTH_TOKEN_INVALID: {
    en: "The access token is not valid.",
    ru: "Токен доступа недействителен.",
    kk: "Қол жеткізу токені жарамсыз.",
    tr: "Erişim belirteci geçersiz.",
  },
  FLEET_AUTH_INVALID_CREDENTIALS: {
    en: "Wrong e-mail or password.",
    ru: "Неверный адрес электронной почты или пароль.",
    kk: "Электрондық пошта немесе құпиясөз қате.",
    tr: "E-posta adresi veya parola yanlış.",
  },
  FLEET_AUTH_TOO_MANY_ATTEMPTS: {
    en: "Too many failed sign-in attempts; try again in {seconds} s.",
    ru: "Слишком много неудачных попыток входа; повторите через {seconds} с.",
    kk: "Кіру әрекеттері тым көп рет сәтсіз болды; {seconds} с кейін қайталаңыз.",
    tr: "Çok fazla başarısız oturum açma denemesi; {seconds} sn sonra yeniden deneyin.",
  },
  FLEET_AUTH_REFRESH_INVALID: {
    en: "The session can no longer be renewed; sign in again.",
    ru: "Сеанс больше нельзя продлить; войдите снова.",
    kk: "Сеансты енді ұзарту мүмкін емес; қайта кіріңіз.",
    tr: "Oturum artık yenilenemiyor; yeniden oturum açın.",
  },
  FLEET_AUTH_LOGIN_INVALID: {
    en: "{field}: {detail}",
    ru: "Поле «{field}» заполнено неверно: {detail}",
    kk: "«{field}» өрісі қате толтырылған: {detail}",
    tr: "«{field}» alanı hatalı: {detail}",
  },
  FLEET_AUTH_TOTP_REQUIRED: {
    en: "Enter the code from your authenticator app or a recovery code.",
    ru: "Введите код из приложения-аутентификатора или код восстановления.",
    kk: "Аутентификатор қолданбасындағы кодты немесе қалпына келтіру кодын енгізіңіз.",
    tr: "Kimlik doğrulayıcı uygulamanızdaki kodu veya bir kurtarma kodunu girin.",
  },
  FLEET_AUTH_TOTP_INVALID: {
    en: "The code is wrong, expired or already used.",
    ru: "Код неверен, устарел или уже использован.",
    kk: "Код қате, мерзімі өткен немесе бұрын қолданылған.",
    tr: "Kod yanlış, süresi dolmuş veya daha önce kullanılmış.",
  },
  FLEET_CSRF_INVALID: {
    en: "The request was refused: the session's CSRF token is missing or wrong. Reload the page.",
    ru: "Запрос отклонён: CSRF-токен сеанса отсутствует или неверен. Перезагрузите страницу.",
    kk: "Сұрау қабылданбады: сеанстың CSRF токені жоқ немесе қате. Бетті қайта жүктеңіз.",
    tr: "İstek reddedildi: oturumun CSRF belirteci eksik veya yanlış. Sayfayı yeniden yükleyin.",
  },
  FLEET_TOTP_ALREADY_ENABLED: {
    en: "Two-factor sign-in is already on.",
    ru: "Двухфакторный вход уже включён.",
    kk: "Екі факторлы кіру әлдеқашан қосулы.",
    tr: "İki adımlı oturum açma zaten açık.",
  },
  FLEET_TOTP_NOT_STARTED: {
    en: "Start the two-factor setup first.",
    ru: "Сначала начните настройку двухфакторного входа.",
    kk: "Алдымен екі факторлы кіруді баптауды бастаңыз.",
    tr: "Önce iki adımlı oturum açma kurulumunu başlatın.",
  },
  FLEET_TOTP_NOT_ENABLED: {
    en: "Two-factor sign-in is not on.",
    ru: "Двухфакторный вход не включён.",
    kk: "Екі факторлы кіру қосылмаған.",
    tr: "İki adımlı oturum açma açık değil.",
  },
  FLEET_FORBIDDEN: {
    en: "Your role does not allow this.",
    ru: "Ваша роль не позволяет это сделать.",
    kk: "Сіздің рөліңіз бұған рұқсат бермейді.",
    tr: "Rolünüz buna izin vermiyor.",
  },
  FLEET_METRICS_UNAUTHORIZED: {
    en: "The metrics need their access token.",
    ru: "Для метрик нужен их токен доступа.",
    kk: "Метрикалар үшін олардың қол жеткізу токені қажет.",
    tr: "Metrikler kendi erişim belirtecini gerektirir.",
  },
  FLEET_METRICS_FORBIDDEN: {
    en: "The metrics are served to this machine only.",
    ru: "Метрики доступны только с этого компьютера.",
    kk: "Метрикалар тек осы компьютерден қолжетімді.",
    tr: "Metrikler yalnızca bu makineye sunulur.",
  },

  // Organisations and people
  FLEET_ORGANISATION_SUSPENDED: {
    en: "The organisation is suspended.",
    ru: "Организация приостановлена.",
    kk: "Ұйымның қызметі тоқтатылған.",
    tr: "Kuruluş askıya alındı.",
  },
  FLEET_ORGANISATION_NOT_FOUND: {
    en: "No such organisation.",
    ru: "Такой организации нет.",
    kk: "Мұндай ұйым жоқ.",
    tr: "Böyle bir kuruluş yok.",
  },
  FLEET_ORGANISATION_EXISTS: {
    en: "An organisation with this name or address already exists.",
    ru: "Организация с таким названием или адресом уже существует.",
    kk: "Мұндай атауы немесе мекенжайы бар ұйым бұрыннан бар.",
    tr: "Bu ada veya adrese sahip bir kuruluş zaten var.",
  },
  FLEET_ORGANISATION_OWN: {
    en: "You cannot do this to your own organisation.",
    ru: "С собственной организацией так поступить нельзя.",
    kk: "Өз ұйымыңызбен мұны істеуге болмайды.",
    tr: "Bunu kendi kuruluşunuza yapamazsınız.",
  },
  FLEET_USER_NOT_FOUND: {
    en: "No such user.",
    ru: "Такого пользователя нет.",
    kk: "Мұндай пайдаланушы жоқ.",
    tr: "Böyle bir kullanıcı yok.",
  },
  FLEET_USER_EXISTS: {
    en: "A user with this e-mail already exists.",
    ru: "Пользователь с таким адресом электронной почты уже существует.",
    kk: "Мұндай электрондық поштасы бар пайдаланушы бұрыннан бар.",
    tr: "Bu e-posta adresine sahip bir kullanıcı zaten var.",
  },
  FLEET_USER_SELF: {
    en: "You cannot do this to your own account.",
    ru: "Со своей учётной записью так поступить нельзя.",
    kk: "Өз есептік жазбаңызбен мұны істеуге болмайды.",
    tr: "Bunu kendi hesabınıza yapamazsınız.",
  },
  FLEET_ROLE_NOT_GRANTABLE: {
    en: "You may not grant this role.",
    ru: "Вы не можете назначить эту роль.",
    kk: "Сіз бұл рөлді тағайындай алмайсыз.",
    tr: "Bu rolü veremezsiniz.",
  },
  FLEET_PASSWORD_LINK_INVALID: {
    en: "The link is unknown, already used or expired.",
    ru: "Ссылка неизвестна, уже использована или устарела.",
    kk: "Сілтеме белгісіз, бұрын қолданылған немесе мерзімі өткен.",
    tr: "Bağlantı bilinmiyor, daha önce kullanılmış veya süresi dolmuş.",
  },
  FLEET_PASSWORD_WEAK: {
    en: "The password is too weak: {detail}",
    ru: "Пароль слишком слабый: {detail}",
    kk: "Құпиясөз тым әлсіз: {detail}",
    tr: "Parola çok zayıf: {detail}",
  },
  FLEET_PASSWORD_UNCHANGED: {
    en: "The new password is the same as the current one; choose another.",
    ru: "Новый пароль совпадает с текущим; выберите другой.",
    kk: "Жаңа құпиясөз ағымдағысымен бірдей; басқасын таңдаңыз.",
    tr: "Yeni parola mevcut parolayla aynı; başka bir parola seçin.",
  },

  // Requests
  FLEET_BODY_REQUIRED: {
    en: "The request needs a JSON body.",
    ru: "Запросу нужно тело в формате JSON.",
    kk: "Сұрауға JSON пішіміндегі дене қажет.",
    tr: "İstek bir JSON gövdesi gerektiriyor.",
  },
  FLEET_BODY_NOT_JSON: {
    en: "The request body is not valid JSON.",
    ru: "Тело запроса не является корректным JSON.",
    kk: "Сұрау денесі жарамды JSON емес.",
    tr: "İstek gövdesi geçerli bir JSON değil.",
  },
  FLEET_BODY_TOO_DEEP: {
    en: "The request body is nested too deeply.",
    ru: "Тело запроса имеет слишком глубокую вложенность.",
    kk: "Сұрау денесінің кірістірілуі тым терең.",
    tr: "İstek gövdesi çok derin iç içe geçmiş.",
  },
  FLEET_BODY_TOO_LARGE: {
    en: "The request body is too large.",
    ru: "Тело запроса слишком большое.",
    kk: "Сұрау денесі тым үлкен.",
    tr: "İstek gövdesi çok büyük.",
  },
  FLEET_BODY_INVALID: {
    en: "{field}: {detail}",
    ru: "Поле «{field}» заполнено неверно: {detail}",
    kk: "«{field}» өрісі қате толтырылған: {detail}",
    tr: "«{field}» alanı hatalı: {detail}",
  },
  FLEET_QUERY_INVALID: {
    en: "Query parameter {field}: {detail}",
    ru: "Неверный параметр запроса «{field}»: {detail}",
    kk: "«{field}» сұрау параметрі қате: {detail}",
    tr: "«{field}» sorgu parametresi hatalı: {detail}",
  },
  FLEET_PATH_INVALID: {
    en: "This address is not valid: a part of it is malformed or too long.",
    ru: "Этот адрес недопустим: часть его искажена или слишком длинная.",
    kk: "Бұл мекенжай жарамсыз: оның бір бөлігі бұзылған немесе тым ұзын.",
    tr: "Bu adres geçersiz: bir kısmı bozuk veya çok uzun.",
  },
  FLEET_REFERENCE_NOT_FOUND: {
    en: "{field} names nothing in your organisation.",
    ru: "«{field}» не указывает ни на что в вашей организации.",
    kk: "«{field}» сіздің ұйымыңыздағы ешнәрсеге сілтемейді.",
    tr: "«{field}» kuruluşunuzda hiçbir kaydı göstermiyor.",
  },
  FLEET_NOT_FOUND: {
    en: "Not found.",
    ru: "Не найдено.",
    kk: "Табылмады.",
    tr: "Bulunamadı.",
  },
  FLEET_INTERNAL: {
    en: "Something went wrong on the server; it has been logged.",
    ru: "На сервере произошла ошибка; она записана в журнал.",
    kk: "Серверде қате пайда болды; ол журналға жазылды.",
    tr: "Sunucuda bir sorun oluştu; günlüğe kaydedildi.",
  },
  FLEET_RESPONSE_INVALID: {
    en: "The server's answer does not match its declaration; it has been logged.",
    ru: "Ответ сервера не соответствует его описанию; ошибка записана в журнал.",
    kk: "Сервер жауабы оның сипаттамасына сәйкес келмейді; қате журналға жазылды.",
    tr: "Sunucunun yanıtı tanımıyla uyuşmuyor; günlüğe kaydedildi.",
  },

  // The fleet's records
  FLEET_VEHICLE_INVALID: {
    en: "Vehicle {field}: {detail}",
    ru: "Транспортное средство, поле «{field}»: {detail}",
    kk: "Көлік құралы, «{field}» өрісі: {detail}",
    tr: "Araç, «{field}» alanı: {detail}",
  },
  FLEET_VEHICLE_EXISTS: {
    en: "This plate is already used in the organisation.",
    ru: "Этот госномер уже используется в организации.",
    kk: "Бұл мемлекеттік нөмір ұйымда бұрыннан қолданылады.",
    tr: "Bu plaka kuruluşta zaten kullanılıyor.",
  },
  FLEET_VEHICLE_NOT_FOUND: {
    en: "No such vehicle.",
    ru: "Такого транспортного средства нет.",
    kk: "Мұндай көлік құралы жоқ.",
    tr: "Böyle bir araç yok.",
  },
  FLEET_VEHICLE_HAS_DEVICE: {
    en: "The vehicle already has a device.",
    ru: "У транспортного средства уже есть устройство.",
    kk: "Көлік құралында құрылғы бұрыннан бар.",
    tr: "Aracın zaten bir cihazı var.",
  },
  FLEET_DEVICE_INVALID: {
    en: "Device {field}: {detail}",
    ru: "Устройство, поле «{field}»: {detail}",
    kk: "Құрылғы, «{field}» өрісі: {detail}",
    tr: "Cihaz, «{field}» alanı: {detail}",
  },
  FLEET_DEVICE_EXISTS: {
    en: "A device with this id already exists.",
    ru: "Устройство с таким идентификатором уже существует.",
    kk: "Мұндай идентификаторы бар құрылғы бұрыннан бар.",
    tr: "Bu kimliğe sahip bir cihaz zaten var.",
  },
  FLEET_DEVICE_NOT_FOUND: {
    en: "No such device.",
    ru: "Такого устройства нет.",
    kk: "Мұндай құрылғы жоқ.",
    tr: "Böyle bir cihaz yok.",
  },
  FLEET_DRIVER_NOT_FOUND: {
    en: "No such driver.",
    ru: "Такого водителя нет.",
    kk: "Мұндай жүргізуші жоқ.",
    tr: "Böyle bir sürücü yok.",
  },
  FLEET_ASSIGNMENT_INVALID: {
    en: "Assignment {field}: {detail}",
    ru: "Назначение, поле «{field}»: {detail}",
    kk: "Тағайындау, «{field}» өрісі: {detail}",
    tr: "Atama, «{field}» alanı: {detail}",
  },
  FLEET_ASSIGNMENT_OVERLAPS: {
    en: "The vehicle has another driver at that time.",
    ru: "В это время за транспортным средством закреплён другой водитель.",
    kk: "Бұл уақытта көлік құралына басқа жүргізуші бекітілген.",
    tr: "Araçta o sırada başka bir sürücü var.",
  },
  FLEET_ALERT_INVALID: {
    en: "Alert {field}: {detail}",
    ru: "Оповещение, поле «{field}»: {detail}",
    kk: "Ескерту, «{field}» өрісі: {detail}",
    tr: "Uyarı, «{field}» alanı: {detail}",
  },
  FLEET_ALERT_NOT_FOUND: {
    en: "No such alert.",
    ru: "Такого оповещения нет.",
    kk: "Мұндай ескерту жоқ.",
    tr: "Böyle bir uyarı yok.",
  },
  FLEET_INCIDENT_NOT_FOUND: {
    en: "No such incident.",
    ru: "Такого инцидента нет.",
    kk: "Мұндай оқиға жоқ.",
    tr: "Böyle bir olay yok.",
  },
  FLEET_ALERT_TRANSITION: {
    en: "The alert cannot go to that state (open → acknowledged → resolved).",
    ru: "Оповещение нельзя перевести в это состояние (открыто → принято → решено).",
    kk: "Ескертуді бұл күйге ауыстыру мүмкін емес (ашық → қабылданды → шешілді).",
    tr: "Uyarı bu duruma geçemez (açık → onaylandı → çözüldü).",
  },
  FLEET_ALERT_ASSIGNEE_NOT_FOUND: {
    en: "No such person to assign the alert to.",
    ru: "Нет такого сотрудника, которому можно назначить оповещение.",
    kk: "Ескертуді тағайындайтын мұндай қызметкер жоқ.",
    tr: "Uyarının atanabileceği böyle bir kişi yok.",
  },
  FLEET_FUEL_ENTRY_INVALID: {
    en: "Refuel {field}: {detail}",
    ru: "Заправка, поле «{field}»: {detail}",
    kk: "Жанармай құю, «{field}» өрісі: {detail}",
    tr: "Yakıt alımı, «{field}» alanı: {detail}",
  },
  FLEET_FUEL_ODOMETER_NOT_INCREASING: {
    en: "The odometer must be above the previous refuel's.",
    ru: "Показание одометра должно быть больше, чем при предыдущей заправке.",
    kk: "Одометр көрсеткіші алдыңғы жанармай құюдағыдан көп болуы керек.",
    tr: "Kilometre sayacı bir önceki yakıt alımındakinden büyük olmalı.",
  },
  FLEET_FUEL_ENTRY_NOT_FOUND: {
    en: "No such refuel.",
    ru: "Такой заправки нет.",
    kk: "Мұндай жанармай құю жоқ.",
    tr: "Böyle bir yakıt alımı yok.",
  },
  FLEET_FUEL_ENTRY_NOT_UNCHECKED: {
    en: "Only an unchecked anomaly can be marked checked.",
    ru: "Отметить проверенной можно только непроверенную аномалию.",
    kk: "Тек тексерілмеген ауытқуды тексерілді деп белгілеуге болады.",
    tr: "Yalnızca kontrol edilmemiş bir anormallik kontrol edildi olarak işaretlenebilir.",
  },
  FLEET_FUEL_CARD_INVALID: {
    en: "Fuel card {field}: {detail}",
    ru: "Топливная карта, поле «{field}»: {detail}",
    kk: "Жанармай картасы, «{field}» өрісі: {detail}",
    tr: "Yakıt kartı, «{field}» alanı: {detail}",
  },
  FLEET_FUEL_CARD_LIMIT_EXCEEDED: {
    en: "This refuel takes the fuel card over its limit.",
    ru: "Эта заправка превышает лимит топливной карты.",
    kk: "Бұл жанармай құю жанармай картасының лимитінен асады.",
    tr: "Bu yakıt alımı yakıt kartının limitini aşıyor.",
  },
  FLEET_FUEL_CARD_CURRENCY_MISMATCH: {
    en: "A refuel paid with a fuel card is in the card's currency.",
    ru: "Заправка, оплаченная топливной картой, должна быть в валюте карты.",
    kk: "Жанармай картасымен төленген жанармай құю карта валютасында болуы керек.",
    tr: "Yakıt kartıyla ödenen yakıt alımı kartın para biriminde olmalıdır.",
  },
  FLEET_FUEL_CARD_NOT_YOURS: {
    en: "A driver pays only with a fuel card issued to them or to a vehicle assigned to them.",
    ru: "Водитель может платить только топливной картой, выданной ему или закреплённому за ним автомобилю.",
    kk: "Жүргізуші тек өзіне немесе өзіне бекітілген көлікке берілген жанармай картасымен төлей алады.",
    tr: "Sürücü yalnızca kendisine veya kendisine atanmış araca verilmiş yakıt kartıyla ödeyebilir.",
  },
  FLEET_ODOMETER_READING_INVALID: {
    en: "Odometer reading {field}: {detail}",
    ru: "Показание одометра, поле «{field}»: {detail}",
    kk: "Одометр көрсеткіші, «{field}» өрісі: {detail}",
    tr: "Kilometre okuması, «{field}» alanı: {detail}",
  },
  FLEET_ODOMETER_READING_DECREASES: {
    en: "The reading is below the previous one or above a later one.",
    ru: "Показание меньше предыдущего или больше последующего.",
    kk: "Көрсеткіш алдыңғысынан аз немесе кейінгісінен көп.",
    tr: "Okuma bir öncekinden küçük veya sonrakinden büyük.",
  },
  FLEET_SETTINGS_INVALID: {
    en: "Setting {field}: {detail}",
    ru: "Настройка «{field}»: {detail}",
    kk: "«{field}» баптауы: {detail}",
    tr: "«{field}» ayarı: {detail}",
  },
  FLEET_GEOFENCE_INVALID: {
    en: "Geofence {field}: {detail}",
    ru: "Геозона, поле «{field}»: {detail}",
    kk: "Геоаймақ, «{field}» өрісі: {detail}",
    tr: "Coğrafi sınır, «{field}» alanı: {detail}",
  },
  FLEET_GEOFENCE_NOT_FOUND: {
    en: "No such geofence.",
    ru: "Такой геозоны нет.",
    kk: "Мұндай геоаймақ жоқ.",
    tr: "Böyle bir coğrafi sınır yok.",
  },
  FLEET_MAINTENANCE_TEMPLATE_INVALID: {
    en: "Maintenance template {field}: {detail}",
    ru: "Шаблон обслуживания, поле «{field}»: {detail}",
    kk: "Қызмет көрсету үлгісі, «{field}» өрісі: {detail}",
    tr: "Bakım şablonu, «{field}» alanı: {detail}",
  },
  FLEET_MAINTENANCE_COMPLETION_INVALID: {
    en: "Maintenance completion {field}: {detail}",
    ru: "Завершение обслуживания, поле «{field}»: {detail}",
    kk: "Қызмет көрсетуді аяқтау, «{field}» өрісі: {detail}",
    tr: "Bakım tamamlama, «{field}» alanı: {detail}",
  },
  FLEET_MAINTENANCE_TASK_NOT_FOUND: {
    en: "No such maintenance task.",
    ru: "Такой задачи обслуживания нет.",
    kk: "Мұндай қызмет көрсету тапсырмасы жоқ.",
    tr: "Böyle bir bakım görevi yok.",
  },
  FLEET_MAINTENANCE_TASK_CLOSED: {
    en: "The maintenance task is already completed or cancelled.",
    ru: "Задача обслуживания уже выполнена или отменена.",
    kk: "Қызмет көрсету тапсырмасы орындалған немесе бас тартылған.",
    tr: "Bakım görevi zaten tamamlandı veya iptal edildi.",
  },
  FLEET_REPLAY_INVALID: {
    en: "A replay covers 1 to 93 whole days.",
    ru: "Повторная обработка охватывает от 1 до 93 полных дней.",
    kk: "Қайта өңдеу 1-ден 93-ке дейінгі толық күнді қамтиды.",
    tr: "Yeniden işleme 1 ile 93 tam gün arasını kapsar.",
  },
  FLEET_AUDIT_CHAIN_BROKEN: {
    en: "The audit log's hash chain is broken: an entry was changed or removed.",
    ru: "Цепочка хешей журнала аудита нарушена: запись была изменена или удалена.",
    kk: "Аудит журналының хэш тізбегі бұзылған: жазба өзгертілген немесе жойылған.",
    tr: "Denetim günlüğünün özet zinciri bozuk: bir kayıt değiştirilmiş veya silinmiş.",
  },
  ...DOCUMENT_MESSAGES,
  ...NOTIFICATION_MESSAGES,
  ...RECORD_MESSAGES,
  ...MAINTENANCE_MESSAGES,
  ...REPORT_MESSAGES,
  ...DEVICE_ANALYTICS_MESSAGES,
  ...COMMAND_MESSAGES,
  ...SCHEDULE_MESSAGES,
  ...ONBOARDING_MESSAGES,
  ...TASK_MESSAGES,
  ...LOGO_MESSAGES,
  ...TICKET_MESSAGES,
  ...OCR_MESSAGES,
  ...TELEGRAM_MESSAGES,
  ...VISIT_MESSAGES,
  ...CENTRE_MESSAGES,
} as const satisfies Record<string, Messages>

export type ErrorCode = keyof typeof ERROR_MESSAGES
