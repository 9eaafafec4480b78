import { Eraser } from "lucide-solid"
import SignaturePad from "signature_pad"
import { createUniqueId, onCleanup, onMount } from "solid-js"
import { FieldShell } from "../form/FieldShell"
import "./signature.css"

/** What the owner of a signature field can ask of it. */
export interface SignatureHandle {
  /** The drawn signature as a PNG file, or null when nothing is drawn. */
  readonly toFile: () => Promise<File | null>
  readonly clear: () => void
}

/**
 * A signature drawn with a finger, pen or mouse (signature_pad: pressure-like strokes from pointer
 * events), sized to its box at the screen's pixel ratio; `onChange` says whether anything is drawn.
 * The image is a white PNG with dark ink in both themes, as it would look on paper.
 */
export const SignatureField = (props: {
  readonly label: string
  readonly clearLabel: string
  readonly hint: string
  readonly name: string
  readonly onReady: (handle: SignatureHandle) => void
  readonly onChange: (drawn: boolean) => void
}) => {
  const id = createUniqueId()
  let canvas!: HTMLCanvasElement
  let pad: SignaturePad | undefined

  let fitted = { width: 0, height: 0 }
  /**
   * The canvas's pixels follow its CSS size and the device's pixel ratio. A resize (a scrollbar that
   * comes or goes, the phone turned) keeps what was drawn: the strokes are redrawn at the new size.
   */
  const fit = () => {
    const ratio = Math.max(window.devicePixelRatio || 1, 1)
    const { width, height } = canvas.getBoundingClientRect()
    if (width === 0 || height === 0 || (width === fitted.width && height === fitted.height)) return
    fitted = { width, height }
    const strokes = pad?.toData() ?? []
    canvas.width = Math.round(width * ratio)
    canvas.height = Math.round(height * ratio)
    canvas.getContext("2d")?.scale(ratio, ratio)
    pad?.clear()
    if (strokes.length > 0) pad?.fromData(strokes)
    props.onChange(strokes.length > 0)
  }

  onMount(() => {
    pad = new SignaturePad(canvas, { backgroundColor: "rgb(255, 255, 255)", penColor: "rgb(20, 24, 40)" })
    pad.addEventListener("endStroke", () => props.onChange(!(pad?.isEmpty() ?? true)))
    fit()
    const observer = new ResizeObserver(() => fit())
    observer.observe(canvas)
    onCleanup(() => {
      observer.disconnect()
      pad?.off()
    })
    props.onReady({
      toFile: async () => {
        if (pad === undefined || pad.isEmpty()) return null
        const blob = await (await fetch(pad.toDataURL("image/png"))).blob()
        return new File([blob], "signature.png", { type: "image/png" })
      },
      clear: () => {
        pad?.clear()
        props.onChange(false)
      },
    })
  })

  return (
    <FieldShell id={id} label={props.label} name={props.name} hint={props.hint} error={undefined}>
      <div class="signature-field">
        <canvas
          id={id}
          ref={canvas}
          class="signature-field__canvas"
          data-testid={`${props.name}-pad`}
          aria-label={props.hint}
        />
        <button
          type="button"
          class="button button--ghost signature-field__clear"
          data-testid={`${props.name}-clear`}
          onClick={() => {
            pad?.clear()
            props.onChange(false)
          }}
        >
          <Eraser size={16} aria-hidden="true" />
          <span>{props.clearLabel}</span>
        </button>
      </div>
    </FieldShell>
  )
}
