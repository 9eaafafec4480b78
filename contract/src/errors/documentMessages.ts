import type { Messages } from "./messages.js"

/** The messages of the documents area's codes (spread into ERROR_MESSAGES). */
export const DOCUMENT_MESSAGES = {
  FLEET_DOCUMENT_NOT_FOUND: {
    en: "No such document.",
    ru: "Такого документа нет.",
    kk: "Мұндай құжат жоқ.",
    tr: "Böyle bir belge yok.",
  },
  FLEET_DOCUMENT_ENTITY_NOT_FOUND: {
    en: "The record to attach the document to does not exist or is not visible to you.",
    ru: "Запись, к которой прикрепляется документ, не существует или недоступна вам.",
    kk: "Құжат тіркелетін жазба жоқ немесе сізге қолжетімсіз.",
    tr: "Belgenin ekleneceği kayıt yok ya da sizin için görünür değil.",
  },
  FLEET_DOCUMENT_UPLOAD_INVALID: {
    en: "Upload {field}: {detail}",
    ru: "Загрузка, поле «{field}»: {detail}",
    kk: "Жүктеу, «{field}» өрісі: {detail}",
    tr: "Yükleme, «{field}» alanı: {detail}",
  },
  FLEET_DOCUMENT_INVALID: {
    en: "Document {field}: {detail}",
    ru: "Документ, поле «{field}»: {detail}",
    kk: "Құжат, «{field}» өрісі: {detail}",
    tr: "Belge, «{field}» alanı: {detail}",
  },
  FLEET_DOCUMENT_FILENAME_INVALID: {
    en: "The file name is not allowed: it must not contain a path, control characters or outer spaces.",
    ru: "Недопустимое имя файла: в нём не должно быть пути, управляющих символов и пробелов по краям.",
    kk: "Файл атауына рұқсат жоқ: онда жол, басқару таңбалары және шеттерінде бос орын болмауы керек.",
    tr: "Dosya adına izin verilmiyor: yol, denetim karakteri veya baştaki/sondaki boşluk içermemeli.",
  },
  FLEET_DOCUMENT_TOO_LARGE: {
    en: "The file is larger than 10 MB.",
    ru: "Файл больше 10 МБ.",
    kk: "Файл 10 МБ-тан үлкен.",
    tr: "Dosya 10 MB'tan büyük.",
  },
  FLEET_DOCUMENT_TYPE_REFUSED: {
    en: "The file's content is not an allowed type (JPEG, PNG, WebP, HEIC or PDF), whatever its name says.",
    ru: "Содержимое файла не относится к разрешённым типам (JPEG, PNG, WebP, HEIC или PDF), что бы ни говорило его имя.",
    kk: "Файлдың мазмұны рұқсат етілген түрге (JPEG, PNG, WebP, HEIC немесе PDF) жатпайды, атауы қандай болса да.",
    tr: "Dosyanın içeriği, adı ne derse desin, izin verilen bir tür değil (JPEG, PNG, WebP, HEIC veya PDF).",
  },
  FLEET_DOCUMENT_NO_THUMBNAIL: {
    en: "This document has no thumbnail (only images have one).",
    ru: "У этого документа нет миниатюры (она есть только у изображений).",
    kk: "Бұл құжаттың нобайы жоқ (нобай тек суреттерде болады).",
    tr: "Bu belgenin küçük resmi yok (yalnızca görsellerde olur).",
  },
  FLEET_DOCUMENT_NOT_A_PHOTO: {
    en: "Only an image photo of a vehicle can be its cover.",
    ru: "Обложкой может быть только фотография транспортного средства.",
    kk: "Мұқаба тек көлік құралының фотосуреті бола алады.",
    tr: "Yalnızca bir aracın fotoğrafı kapak olabilir.",
  },
} as const satisfies Record<string, Messages>
