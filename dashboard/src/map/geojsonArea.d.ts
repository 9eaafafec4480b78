declare module "@mapbox/geojson-area" {
  import type { Geometry } from "geojson"

  /** The geodesic area of a GeoJSON geometry, in square metres. */
  const geojsonArea: { readonly geometry: (geometry: Geometry) => number }
  export default geojsonArea
}
