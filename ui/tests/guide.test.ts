// The framework's own page on how to use it, on the home page.

import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { startApp } from './harness';
import { cleanFramework } from './fixtures';

describe('the framework guide', () => {
  it('shows how to use the framework, folded, when the framework has a guide', async () => {
    await startApp({
      open_startup: () => ({
        ...cleanFramework,
        guide: { title: 'How to use this framework', html: '<p>A case is judged by its <strong>rule</strong>.</p>' },
      }),
    });
    const section = screen.getByRole('region', { name: 'How to use this framework' });
    const details = section.querySelector('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    await fireEvent.click(section.querySelector('summary') as HTMLElement);
    expect(details.open).toBe(true);
    expect(section.querySelector('.prose strong')?.textContent).toBe('rule');
  });

  it('shows nothing when the framework has none', async () => {
    await startApp();
    expect(document.getElementById('guide')).toBeNull();
  });
});
