import type { Page } from "playwright-core"

/**
 * Chooses a record in a `RecordPicker` (`ui/form/RecordPicker.tsx`) the way a person does: types
 * into its input, waits for the server's answer and clicks the choice whose text holds `choice`.
 */
export const pickRecord = async (
  page: Page,
  testId: string,
  search: string,
  choice: string | RegExp = search,
): Promise<void> => {
  const input = page.getByTestId(testId)
  await input.click()
  await input.fill(search)
  await page.getByTestId(`${testId}-list`).getByRole("option", { name: choice }).first().click()
}
