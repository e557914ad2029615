// The promotion rule on the level page: how a promotion to the level is judged, in the
// words the core gives, shown only when the framework states a rule.

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { e2 } from './fixtures';
import { levelLink, startApp } from './harness';

describe('the level page', () => {
  it('says how a promotion to the level is judged', async () => {
    await startApp();
    await fireEvent.click(levelLink('eng/e2'));
    const section = await screen.findByRole('region', { name: 'How a promotion to this level is judged' });
    expect(within(section).getByText('Every expectation new at this level is rated Meets or above.')).toBeTruthy();
  });

  it('says nothing of a rule when the framework states none', async () => {
    await startApp({ level_view: () => ({ ...e2, promotion: null }) });
    await fireEvent.click(levelLink('eng/e2'));
    await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });
    expect(screen.queryByRole('region', { name: 'How a promotion to this level is judged' })).toBeNull();
  });
});
