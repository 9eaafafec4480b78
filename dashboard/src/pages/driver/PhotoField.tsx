import { Camera } from "lucide-solid"
import { createUniqueId, Show } from "solid-js"
import { FieldShell } from "../../ui/form/FieldShell"

/**
 * A photo from the phone's camera or gallery (`capture` opens the rear camera on a phone; a desktop
 * browser offers a file). The chosen file's name is shown; nothing is uploaded until the form saves.
 */
export const PhotoField = (props: {
  readonly label: string
  readonly choose: string
  readonly name: string
  readonly file: File | null
  readonly onChange: (file: File | null) => void
}) => {
  const id = createUniqueId()
  return (
    <FieldShell id={id} label={props.label} name={props.name} error={undefined}>
      <label class="driver-photo" for={id}>
        <Camera size={18} aria-hidden="true" />
        <Show when={props.file} fallback={<span>{props.choose}</span>}>
          {(file) => <span class="driver-photo__name">{file().name}</span>}
        </Show>
      </label>
      <input
        id={id}
        class="driver-photo__input"
        type="file"
        accept="image/*"
        capture="environment"
        data-testid={`driver-${props.name}`}
        onChange={(e) => props.onChange(e.currentTarget.files?.[0] ?? null)}
      />
    </FieldShell>
  )
}
