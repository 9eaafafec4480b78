import type { MapBoardDictionary } from "./en"

export const mapBoardTr: MapBoardDictionary = {
  mapBoard: {
    showMore: "Daha fazla göster ({{ total }} içinden {{ shown }})",
    styleFailed: "Yapılandırılan harita stili yüklenemedi ({{ message }}); yerleşik harita gösteriliyor.",
  },
}
