/** The offline basemap's colours, one set per dashboard theme (index.css `--bg`, `--text`). */
export type BasemapTheme = "light" | "dark"

export interface BasemapPalette {
  readonly water: string
  /** Lakes and rivers fill with `water`; a river's banks a shade deeper, so a thin river still reads. */
  readonly river: string
  readonly land: string
  readonly coastline: string
  readonly border: string
  readonly countryLabel: string
  readonly placeDot: string
  readonly placeLabel: string
  readonly capitalLabel: string
  readonly halo: string
}

export const BASEMAP_PALETTES: Readonly<Record<BasemapTheme, BasemapPalette>> = {
  light: {
    water: "#c9dcec",
    river: "#a9c6e0",
    land: "#f3f0e8",
    coastline: "#9bb3c8",
    border: "#a39a8c",
    countryLabel: "#7d746a",
    placeDot: "#5f5a54",
    placeLabel: "#3b3935",
    capitalLabel: "#1f1d1a",
    halo: "#f8f6f1",
  },
  dark: {
    water: "#0b1524",
    river: "#2a4566",
    land: "#172033",
    coastline: "#2f4461",
    border: "#4d5a70",
    countryLabel: "#7c889c",
    placeDot: "#9aa6b8",
    placeLabel: "#c3cbd8",
    capitalLabel: "#e5e9f0",
    halo: "#0b1120",
  },
}
