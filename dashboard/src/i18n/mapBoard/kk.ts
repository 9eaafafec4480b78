import type { MapBoardDictionary } from "./en"

export const mapBoardKk: MapBoardDictionary = {
  mapBoard: {
    showMore: "Тағы көрсету ({{ total }} ішінен {{ shown }})",
    styleFailed: "Бапталған карта стилі жүктелмеді ({{ message }}); кірістірілген карта көрсетілді.",
  },
}
