import { describe, expect, it } from "vitest"
import { type GeoNamesCity, MIN_POPULATION, makeBasemapPlaces, placeRank } from "./basemapPlaces"

const city = (name: string, population: number, featureCode = "PPL"): GeoNamesCity => ({
  name,
  population,
  featureCode,
  loc: { coordinates: [76.928612, 43.256672] },
})

describe("basemap places", () => {
  it("ranks capitals and megacities first, then by population", () => {
    expect(placeRank(city("Astana", 1_000_000, "PPLC"))).toBe(0)
    expect(placeRank(city("Tiny capital", 20_000, "PPLC"))).toBe(0)
    expect(placeRank(city("Istanbul", 15_000_000))).toBe(0)
    expect(placeRank(city("Almaty", 2_000_000))).toBe(1)
    expect(placeRank(city("Karagandy", 451_800))).toBe(2)
    expect(placeRank(city("Taraz", 100_000))).toBe(3)
    expect(placeRank(city("Ekibastuz", 60_000))).toBe(4)
    expect(placeRank(city("Shchuchinsk", 45_000))).toBe(5)
  })

  it("keeps capitals and places of MIN_POPULATION or more, largest first, coordinates to 3 decimals", () => {
    const { places } = makeBasemapPlaces([
      city("Village", MIN_POPULATION - 1),
      city("Town", MIN_POPULATION),
      city("Capital", 500, "PPLC"),
      city("City", 2_000_000),
    ])
    expect(places).toEqual([
      ["City", 76.929, 43.257, 1],
      ["Town", 76.929, 43.257, 5],
      ["Capital", 76.929, 43.257, 0],
    ])
  })
})
