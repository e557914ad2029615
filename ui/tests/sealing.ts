// Answers the window's encryption dialog in tests whose subject is something else.

import { fireEvent, screen } from '@testing-library/svelte';

/** The seal a test's plain save sends. */
export const PLAIN = { plain: true, to: [] };

/** Waits for the dialog that asks how to lock a file, and chooses to save it plain. */
export async function savePlain(): Promise<void> {
  await fireEvent.click(await screen.findByRole('button', { name: 'Save without encryption instead' }));
  await fireEvent.click(screen.getByRole('button', { name: 'Save without encryption…' }));
}
