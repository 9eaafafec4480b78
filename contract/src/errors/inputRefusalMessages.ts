import type { Messages } from "./messages.js"

/**
 * Why the API refuses a password, a file, a form or a query it reads by hand: `{detail}` texts
 * as in recordRefusalMessages.ts. Column, file and function names stay as they are sent.
 */
export const INPUT_REFUSAL_MESSAGES = {
  commonPassword: {
    en: "is one of the most common passwords; choose another",
    ru: "входит в число самых распространённых паролей; выберите другой",
    kk: "ең кең таралған құпиясөздердің бірі; басқасын таңдаңыз",
    tr: "en yaygın parolalardan biri; başka bir parola seçin",
  },
  personalPassword: {
    en: "must not be your e-mail address or your name",
    ru: "не должен совпадать с вашим адресом электронной почты или именем",
    kk: "электрондық пошта мекенжайыңызбен немесе атыңызбен бірдей болмауы керек",
    tr: "e-posta adresiniz veya adınız olmamalı",
  },
  notUtf8: {
    en: "the file is not UTF-8 text",
    ru: "файл не является текстом в кодировке UTF-8",
    kk: "файл UTF-8 кодтауындағы мәтін емес",
    tr: "dosya UTF-8 metni değil",
  },
  notText: {
    en: "the file is not text (it contains NUL characters)",
    ru: "файл не текстовый (содержит символы NUL)",
    kk: "файл мәтіндік емес (NUL таңбалары бар)",
    tr: "dosya metin değil (NUL karakterleri içeriyor)",
  },
  noHeader: {
    en: "the file has no header row",
    ru: "в файле нет строки заголовка",
    kk: "файлда тақырып жолы жоқ",
    tr: "dosyada başlık satırı yok",
  },
  unknownColumn: {
    en: 'unknown column "{column}"',
    ru: "неизвестный столбец «{column}»",
    kk: "белгісіз баған: «{column}»",
    tr: "bilinmeyen sütun: «{column}»",
  },
  columnTwice: {
    en: 'the column "{column}" is named twice',
    ru: "столбец «{column}» указан дважды",
    kk: "«{column}» бағаны екі рет аталған",
    tr: "«{column}» sütunu iki kez adlandırılmış",
  },
  columnMissing: {
    en: 'the header must name the column "{column}"',
    ru: "в заголовке должен быть столбец «{column}»",
    kk: "тақырыпта «{column}» бағаны болуы керек",
    tr: "başlıkta «{column}» sütunu olmalı",
  },
  extraCells: {
    en: "the row has more cells ({cells}) than the header has columns ({columns})",
    ru: "в строке больше ячеек ({cells}), чем столбцов в заголовке ({columns})",
    kk: "жолдағы ұяшықтар ({cells}) тақырыптағы бағандардан ({columns}) көп",
    tr: "satırda başlıktaki sütunlardan ({columns}) daha fazla hücre ({cells}) var",
  },
  /** A row's refusal in a CSV import, a sentence of its own: the column as its header names it, then why. */
  inColumn: {
    en: 'Column "{column}": {reason}',
    ru: "Столбец «{column}»: {reason}",
    kk: "«{column}» бағаны: {reason}",
    tr: "«{column}» sütunu: {reason}",
  },
  columnsMissing: {
    en: "the header must name the columns {columns}",
    ru: "в заголовке должны быть столбцы {columns}",
    kk: "тақырыпта {columns} бағандары болуы керек",
    tr: "başlıkta {columns} sütunları olmalı",
  },
  notIsoDate: {
    en: '"{value}" is not a date YYYY-MM-DD',
    ru: "«{value}» — не дата в формате ГГГГ-ММ-ДД",
    kk: "«{value}» — ЖЖЖЖ-АА-КК пішіміндегі күн емес",
    tr: "«{value}» YYYY-AA-GG biçiminde bir tarih değil",
  },
  notCurrencyCode: {
    en: '"{value}" is not a currency code such as USD',
    ru: "«{value}» — не код валюты вроде USD",
    kk: "«{value}» — USD сияқты валюта коды емес",
    tr: "«{value}» USD gibi bir para birimi kodu değil",
  },
  notPositiveRate: {
    en: '"{value}" is not a rate above zero',
    ru: "«{value}» — не курс больше нуля",
    kk: "«{value}» — нөлден үлкен бағам емес",
    tr: "«{value}» sıfırdan büyük bir kur değil",
  },
  rateOnLine: {
    en: "{currency} on {date} is already on line {line}",
    ru: "курс {currency} на {date} уже есть в строке {line}",
    kk: "{currency} бағамы {date} күніне {line}-жолда бұрыннан бар",
    tr: "{currency} için {date} kuru zaten {line}. satırda var",
  },
  unclosedQuote: {
    en: "a quoted cell is not closed or holds a stray quote",
    ru: "ячейка в кавычках не закрыта или содержит лишнюю кавычку",
    kk: "тырнақшадағы ұяшық жабылмаған немесе артық тырнақша бар",
    tr: "tırnak içindeki bir hücre kapatılmamış veya fazladan bir tırnak içeriyor",
  },
  notCsv: {
    en: "the row is not valid CSV",
    ru: "строка не является корректной строкой CSV",
    kk: "жол жарамды CSV емес",
    tr: "satır geçerli bir CSV değil",
  },
  emptyFile: {
    en: 'the file "{file}" is empty',
    ru: "файл «{file}» пуст",
    kk: "«{file}» файлы бос",
    tr: "«{file}» dosyası boş",
  },
  multipartNeeded: {
    en: "send a multipart/form-data form",
    ru: "отправьте форму multipart/form-data",
    kk: "multipart/form-data пішінін жіберіңіз",
    tr: "multipart/form-data biçiminde bir form gönderin",
  },
  formUnreadable: {
    en: "the form cannot be read as multipart/form-data",
    ru: "форму не удаётся прочитать как multipart/form-data",
    kk: "пішінді multipart/form-data ретінде оқу мүмкін емес",
    tr: "form multipart/form-data olarak okunamıyor",
  },
  filesInPart: {
    en: 'files go in parts named "{name}"',
    ru: "файлы передаются в частях с именем «{name}»",
    kk: "файлдар «{name}» атаулы бөліктерде жіберіледі",
    tr: "dosyalar «{name}» adlı parçalarda gönderilir",
  },
  longerThan: {
    en: "longer than {max} {unit}",
    ru: "длиннее {max} {unit}",
    kk: "{max} {unit} шегінен ұзын",
    tr: "{max} {unit} sınırından uzun",
  },
  sentTwice: {
    en: "sent twice",
    ru: "передано дважды",
    kk: "екі рет жіберілген",
    tr: "iki kez gönderilmiş",
  },
  filesPerUpload: {
    en: "at most {max} {unit} per upload",
    ru: "не более {max} {unit} за одну загрузку",
    kk: "бір жүктеуде ең көбі {max} {unit}",
    tr: "bir yüklemede en fazla {max} {unit}",
  },
  tooManyFields: {
    en: "the form has too many fields (at most {max})",
    ru: "в форме слишком много полей (не более {max})",
    kk: "пішінде өрістер тым көп (ең көбі {max})",
    tr: "formda çok fazla alan var (en fazla {max})",
  },
  tooManyParts: {
    en: "the form has too many parts",
    ru: "в форме слишком много частей",
    kk: "пішінде бөліктер тым көп",
    tr: "formda çok fazla parça var",
  },
  attachFile: {
    en: "attach at least one file",
    ru: "приложите хотя бы один файл",
    kk: "кемінде бір файл тіркеңіз",
    tr: "en az bir dosya ekleyin",
  },
  selectOnly: {
    en: "only SELECT queries are allowed (found {kind})",
    ru: "разрешены только запросы SELECT (получено: {kind})",
    kk: "тек SELECT сұраулары рұқсат етілген (алынғаны: {kind})",
    tr: "yalnızca SELECT sorgularına izin verilir (bulunan: {kind})",
  },
  noSettings: {
    en: "SETTINGS are not allowed: the limits are fixed",
    ru: "SETTINGS запрещены: ограничения фиксированы",
    kk: "SETTINGS рұқсат етілмейді: шектеулер тұрақты",
    tr: "SETTINGS kullanılamaz: sınırlar sabittir",
  },
  tableFunctionRefused: {
    en: "table function {name}() is not allowed",
    ru: "табличная функция {name}() запрещена",
    kk: "{name}() кестелік функциясына рұқсат жоқ",
    tr: "{name}() tablo fonksiyonuna izin verilmez",
  },
  functionRefused: {
    en: "function {name}() is not allowed",
    ru: "функция {name}() запрещена",
    kk: "{name}() функциясына рұқсат жоқ",
    tr: "{name}() fonksiyonuna izin verilmez",
  },
  foreignTable: {
    en: "{name} is not one of your organisation's tables",
    ru: "{name} не относится к таблицам вашей организации",
    kk: "{name} сіздің ұйымыңыздың кестелерінің бірі емес",
    tr: "{name} kuruluşunuzun tablolarından biri değil",
  },
  /** ClickHouse's own words about a query it could not run: not ours to translate. */
  clickHouseSays: {
    en: "{message}",
    ru: "{message}",
    kk: "{message}",
    tr: "{message}",
  },
} as const satisfies Readonly<Record<string, Messages>>
