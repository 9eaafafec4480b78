import type { Map as MapLibreMap } from "maplibre-gl"
import {
  type GeoJSONStoreFeatures,
  TerraDraw,
  TerraDrawCircleMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
} from "terra-draw"
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter"
import { circleOf, type LonLat, latLonRing, outlineOf } from "./geofenceGeometry"
import type { Fence as Geofence } from "./geofenceQueries"

/** A shape as the contract takes it. */
export type FenceShape =
  | { readonly kind: "circle"; readonly lat: number; readonly lon: number; readonly radiusM: number }
  | { readonly kind: "polygon"; readonly ring: ReadonlyArray<[number, number]> }

/** What the editor is doing: drawing a new shape, reshaping a stored fence, or nothing. */
export type DrawTarget =
  | { readonly kind: "draw"; readonly shape: "circle" | "polygon" }
  | { readonly kind: "edit"; readonly fence: Geofence }
  | null

const ACCENT = "#2563eb"
const shapeStyle = { fillColor: ACCENT, outlineColor: ACCENT, fillOpacity: 0.2, outlineWidth: 2 } as const
const round7 = (n: number) => Math.round(n * 1e7) / 1e7

const shapeOf = (feature: GeoJSONStoreFeatures | undefined): FenceShape | null => {
  if (feature === undefined || feature.geometry.type !== "Polygon") return null
  const ring = (feature.geometry.coordinates[0] ?? []) as LonLat[]
  if (feature.properties.mode === "circle") {
    const { center, radiusM } = circleOf(ring)
    return { kind: "circle", lat: center[1], lon: center[0], radiusM: Math.round(radiusM) }
  }
  return { kind: "polygon", ring: latLonRing(ring) }
}

/**
 * Drawing and reshaping with terra-draw on a MapLibre map: circles are drawn by clicking the centre
 * and moving or dragging out the radius, polygons by clicking vertices and clicking the first one to
 * close. A finished shape is selected at once, so it can be dragged, resized (circle) or reshaped
 * (polygon: drag a vertex, drag a midpoint to add one, right-click a vertex to remove it).
 * `onShape` hears every finished or changed shape. Made once per map; `show` switches the target.
 */
export const makeFenceDraw = (map: MapLibreMap, onShape: (shape: FenceShape) => void) => {
  // A circle is a 64-gon to terra-draw: its every vertex would be a big handle. On a circle they stay
  // small (any of them still resizes it); a polygon keeps terra-draw's handles.
  let instance: TerraDraw | undefined
  const onCircle = (point: GeoJSONStoreFeatures): boolean => {
    const parent = point.properties.selectionPointFeatureId
    return typeof parent === "string" && instance?.getSnapshotFeature(parent)?.properties.mode === "circle"
  }
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, prefixId: "fence-draw" }),
    modes: [
      new TerraDrawPolygonMode({ styles: shapeStyle }),
      new TerraDrawCircleMode({ styles: shapeStyle, drawInteraction: "click-move-or-drag" }),
      new TerraDrawSelectMode({
        keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
        flags: {
          polygon: {
            feature: {
              draggable: true,
              coordinates: { draggable: true, midpoints: true, deletable: true },
            },
          },
          circle: { feature: { draggable: true, coordinates: { resizable: "center-fixed" } } },
        },
        styles: {
          selectedPolygonColor: ACCENT,
          selectedPolygonOutlineColor: ACCENT,
          selectedPolygonFillOpacity: 0.25,
          selectionPointWidth: (point) => (onCircle(point) ? 2 : undefined),
          selectionPointOutlineWidth: (point) => (onCircle(point) ? 0 : undefined),
        },
      }),
    ],
  })
  instance = draw
  draw.start()
  const report = (id: string | number) => {
    const shape = shapeOf(draw.getSnapshotFeature(id))
    if (shape !== null) onShape(shape)
  }
  draw.on("finish", (id, context) => {
    report(id)
    if (context.mode !== "select") {
      draw.setMode("select")
      draw.selectFeature(id)
    }
  })
  draw.on("change", (ids, type) => {
    if (type !== "update" || draw.getMode() !== "select") return
    for (const id of ids) if (draw.hasFeature(id)) report(id)
  })

  return {
    show(target: DrawTarget): void {
      draw.clear()
      if (target === null) {
        draw.setMode("static")
      } else if (target.kind === "draw") {
        draw.setMode(target.shape)
      } else {
        const f = target.fence
        const ring = outlineOf(f).map(([lon, lat]): LonLat => [round7(lon), round7(lat)])
        const properties =
          f.kind === "circle"
            ? { mode: "circle", radiusKilometers: (f.radiusM ?? 0) / 1000 }
            : { mode: "polygon" }
        draw.setMode("select")
        draw.addFeatures([
          { id: f.id, type: "Feature", geometry: { type: "Polygon", coordinates: [ring] }, properties },
        ])
        if (draw.hasFeature(f.id)) draw.selectFeature(f.id)
      }
    },
    stop(): void {
      draw.stop()
    },
  }
}
export type FenceDraw = ReturnType<typeof makeFenceDraw>
