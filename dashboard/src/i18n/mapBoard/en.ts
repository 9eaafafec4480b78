/** English strings of the offline basemap, a configured map style, and the maintenance board's paging. */
export const mapBoardEn = {
  mapBoard: {
    showMore: "Show more ({{ shown }} of {{ total }})",
    styleFailed: "The configured map style could not be loaded ({{ message }}); showing the built-in map.",
  },
}

export type MapBoardDictionary = typeof mapBoardEn
