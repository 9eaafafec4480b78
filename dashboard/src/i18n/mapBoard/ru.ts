import type { MapBoardDictionary } from "./en"

export const mapBoardRu: MapBoardDictionary = {
  mapBoard: {
    showMore: "Показать ещё ({{ shown }} из {{ total }})",
    styleFailed: "Не удалось загрузить настроенный стиль карты ({{ message }}); показана встроенная карта.",
  },
}
