import { useI18n } from "../i18n/I18nContext"

export interface MapControlsProps {
  readonly onZoomIn: () => void
  readonly onZoomOut: () => void
  readonly onFitAll: () => void
  readonly canFit: boolean
}

/** Zoom and "show all" buttons, drawn by us so their labels follow the chosen language. */
export const MapControls = (props: MapControlsProps) => {
  const { t } = useI18n()
  return (
    <div class="map-controls">
      <button
        type="button"
        onClick={() => props.onZoomIn()}
        title={t("map.zoomIn")}
        aria-label={t("map.zoomIn")}
        data-testid="map-zoom-in"
      >
        +
      </button>
      <button
        type="button"
        onClick={() => props.onZoomOut()}
        title={t("map.zoomOut")}
        aria-label={t("map.zoomOut")}
        data-testid="map-zoom-out"
      >
        −
      </button>
      <button
        type="button"
        onClick={() => props.onFitAll()}
        disabled={!props.canFit}
        title={t("map.fitAll")}
        aria-label={t("map.fitAll")}
        data-testid="map-fit-all"
      >
        ⤢
      </button>
    </div>
  )
}
