// "Import a framework…": the shell asks for the source and a folder and imports it; the
// window says it is importing, shows the report (problems first) and opens the result.

import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../src/bindings/AppError';
import type { ImportReportView } from '../src/bindings/ImportReportView';
import { folderFramework } from './fixtures';
import { startApp } from './harness';

const report: ImportReportView = {
  folder: '/home/sam/ladders',
  files: 5,
  expectations: 2,
  notes: 1,
  not_mapped: 1,
  problems: 1,
  page_hash: null,
  lines: [
    {
      kind: 'problem',
      at: 'ladder.csv:4:1',
      message: 'row 4: it has 4 cells, the header 3: the extra cells are kept as a note',
    },
    { kind: 'not-mapped', at: 'ladder.csv:5:2', message: 'cell "": it is empty' },
    { kind: 'note', at: 'ladder.csv:4:4', message: 'cell "Extra" → engineering/junior.md' },
    { kind: 'mapped', at: 'ladder.csv:2:6', message: 'expectation "Writes tests" → engineering/junior.md' },
    { kind: 'mapped', at: 'ladder.csv:2:19', message: 'expectation "Designs systems" → engineering/senior.md' },
  ],
};

function button(): HTMLButtonElement {
  return document.querySelector<HTMLButtonElement>('#import-framework')!;
}

describe('import a framework', () => {
  it('says it is importing, shows the report with problems first and opens the result', async () => {
    let finish: (r: ImportReportView) => void = () => {};
    const { calls } = await startApp({
      framework_import: () => new Promise<ImportReportView>((resolve) => (finish = resolve)),
      open_framework: () => folderFramework,
    });

    expect(button().textContent).toBe('Import a framework…');
    await fireEvent.click(button());
    await waitFor(() => expect(document.querySelector('.busy')?.textContent).toBe('Importing…'));
    expect(button().disabled).toBe(true);
    expect(calls.at(-1)).toEqual({ cmd: 'framework_import', args: { from: null } });

    finish(report);
    await waitFor(() => expect(document.querySelector('#framework-name')?.textContent).toBe('Sam’s ladders'));
    expect(calls.at(-1)).toEqual({
      cmd: 'open_framework',
      args: { source: { kind: 'folder', path: '/home/sam/ladders' } },
    });
    expect(document.querySelector('.busy')?.textContent).toBe('');
    expect(button().disabled).toBe(false);

    const panel = document.querySelector('#import-report')!;
    expect(panel.querySelector('#import-summary')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Imported 2 expectations into /home/sam/ladders (5 files): 1 kept as notes, 1 not mapped, 1 problem in the source. The framework’s own problems list the placeholders to fill in.',
    );
    const lines = [...panel.querySelectorAll('li.import-line')].map((li) =>
      [li.querySelector('.severity')?.textContent, li.querySelector('.location')?.textContent].join(' '),
    );
    expect(lines).toEqual([
      'Problem ladder.csv:4:1',
      'Not mapped ladder.csv:5:2',
      'Kept as a note ladder.csv:4:4',
      'Mapped ladder.csv:2:6',
      'Mapped ladder.csv:2:19',
    ]);
    expect(panel.querySelector('li.kind-problem .message')?.textContent).toBe(report.lines[0]!.message);

    await fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(document.querySelector('#import-report')).toBeNull();
  });

  it('keeps the open framework when the person cancels', async () => {
    const { calls } = await startApp({ framework_import: () => null });
    await fireEvent.click(button());
    await waitFor(() => expect(calls.at(-1)?.cmd).toBe('framework_import'));
    await waitFor(() => expect(document.querySelector('.busy')?.textContent).toBe(''));
    expect(document.querySelector('#framework-name')?.textContent).toBe('Acme ladders');
    expect(document.querySelector('#import-report')).toBeNull();
    expect(calls.some((c) => c.cmd === 'open_framework')).toBe(false);
  });

  it('shows why an import failed and keeps the open framework', async () => {
    await startApp({
      framework_import: () => {
        throw {
          kind: 'refused',
          message: 'Rung could not import the framework: /tmp/out is not empty: name a new or empty folder for the imported framework.',
        } satisfies AppError;
      },
    });
    await fireEvent.click(button());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('/tmp/out is not empty');
    expect(document.querySelector('#framework-name')?.textContent).toBe('Acme ladders');
    expect(document.querySelector('#import-report')).toBeNull();
  });

  it('counts the lines past the first 500 instead of listing them', async () => {
    const many: ImportReportView = {
      ...report,
      lines: Array.from({ length: 502 }, (_, i) => ({
        kind: 'mapped' as const,
        at: `big.csv:${i + 2}:1`,
        message: `expectation "E${i}" → engineering/l1.md`,
      })),
    };
    await startApp({ framework_import: () => many, open_framework: () => folderFramework });
    await fireEvent.click(button());
    await screen.findByText(/And 2 more lines/);
    expect(document.querySelectorAll('li.import-line')).toHaveLength(500);
  });

  it('says an exported page came back exactly, with its content hash', async () => {
    const page: ImportReportView = { ...report, files: 3, page_hash: 'abc123def456', lines: [] };
    await startApp({ framework_import: () => page, open_framework: () => folderFramework });
    await fireEvent.click(button());
    const summary = await waitFor(() => document.querySelector('#import-summary')!);
    expect(summary.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Imported the framework exactly as it was exported into /home/sam/ladders (3 files, content hash abc123def456).',
    );
    expect(document.querySelector('#import-report li')).toBeNull();
  });
});
