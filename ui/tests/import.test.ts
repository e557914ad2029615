// "Import a framework…": a panel picks a file or a folder, shows the format detected and,
// for a CSV, what each column holds (changeable); Import asks the shell for a folder and
// imports, the window shows a progress bar with words while the shell says how far it
// has got, then the report (problems first), and opens the result.

import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import type { Channel } from '@tauri-apps/api/core';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../src/bindings/AppError';
import type { ImportProgress } from '../src/bindings/ImportProgress';
import type { ImportReportView } from '../src/bindings/ImportReportView';
import type { ImportSourceView } from '../src/bindings/ImportSourceView';
import { progressShare, progressWords } from '../src/state/import.svelte';
import { folderFramework } from './fixtures';
import { levelLink, startApp, type Handler } from './harness';

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

const csv: ImportSourceView = {
  path: '/home/sam/engineering.csv',
  folder: false,
  format: 'csv',
  columns: [
    { name: 'Competency', role: 'competency' },
    { name: 'Junior', role: null },
    { name: 'Senior', role: null },
    { name: 'Owner', role: null },
  ],
};

const folder: ImportSourceView = { path: '/home/sam/ladder-pages', folder: true, format: null, columns: [] };

const $ = <T extends Element = HTMLElement>(css: string) => document.querySelector<T>(css);
const text = (css: string) => $(css)?.textContent?.replace(/\s+/g, ' ').trim();

function headerButton(): HTMLButtonElement {
  return $<HTMLButtonElement>('#import-framework')!;
}

/** Opens the panel and picks `source` as a file (or a folder). */
async function pick(overrides: Record<string, Handler>, source: ImportSourceView, asFolder = false) {
  const started = await startApp({ framework_import_source: () => source, open_framework: () => folderFramework, ...overrides });
  await fireEvent.click(headerButton());
  await fireEvent.click($(asFolder ? '#import-pick-folder' : '#import-pick-file')!);
  await waitFor(() => expect($('#import-source-path')?.textContent).toBe(source.path));
  return started;
}

describe('import a framework', () => {
  it('shows a CSV’s columns, imports with the roles changed, shows progress, the report and the result', async () => {
    let finish: (r: ImportReportView) => void = () => {};
    let channel: Channel<ImportProgress> | null = null;
    const { calls } = await pick(
      {
        framework_import: (args) => {
          channel = args.progress as Channel<ImportProgress>;
          return new Promise<ImportReportView>((resolve) => (finish = resolve));
        },
      },
      csv,
    );
    expect(calls.find((c) => c.cmd === 'framework_import_source')?.args).toEqual({ folder: false });
    expect(headerButton().getAttribute('aria-expanded')).toBe('true');
    expect($<HTMLSelectElement>('#import-format')!.selectedOptions[0]!.textContent).toBe('Detected: CSV table');

    const rows = [...document.querySelectorAll('#import-columns tbody tr')].map((tr) => [
      tr.querySelector('th')?.textContent,
      tr.querySelector<HTMLSelectElement>('select')!.selectedOptions[0]!.textContent,
    ]);
    expect(rows).toEqual([
      ['Competency', 'Competency'],
      ['Junior', 'A level (its cells are expectations)'],
      ['Senior', 'A level (its cells are expectations)'],
      ['Owner', 'A level (its cells are expectations)'],
    ]);
    // Owner is not a level: the person says so.
    await fireEvent.change($<HTMLSelectElement>('#import-role-3')!, { target: { value: 'ignore' } });

    await fireEvent.click($('#import-run')!);
    await waitFor(() => expect($('#import-progress')).not.toBeNull());
    expect(headerButton().disabled).toBe(true);
    expect(text('#import-progress-words')).toBe('Choose a new, empty folder for the framework…');
    const importCall = calls.find((c) => c.cmd === 'framework_import')!;
    expect(importCall.args).toEqual({
      from: null,
      columns: [{ name: 'Owner', role: 'ignore' }],
      progress: expect.anything(),
    });

    channel!.onmessage({ stage: 'file', name: 'engineering.csv', index: 0, total: 1 });
    await waitFor(() => expect(text('#import-progress-words')).toBe('Reading engineering.csv…'));
    channel!.onmessage({ stage: 'rows', name: 'engineering.csv', rows: 12000, percent: 38 });
    await waitFor(() =>
      expect(text('#import-progress-words')).toBe('Reading engineering.csv: 12,000 rows, 38% of the file…'),
    );
    expect($<HTMLProgressElement>('#import-progress progress')!.value).toBe(38);
    channel!.onmessage({ stage: 'mapping', name: 'engineering.csv', rows: 12000, total: 32000 });
    await waitFor(() => expect(text('#import-progress-words')).toBe('Mapping engineering.csv: 12,000 of 32,000 rows…'));
    expect($<HTMLProgressElement>('#import-progress progress')!.value).toBe(38);
    channel!.onmessage({ stage: 'writing', done: 100, total: 449 });
    await waitFor(() => expect(text('#import-progress-words')).toBe('Writing the framework: 100 of 449 files…'));
    expect($<HTMLProgressElement>('#import-progress progress')!.value).toBe(22);

    finish(report);
    await waitFor(() => expect($('#framework-name')?.textContent).toBe('Sam’s ladders'));
    expect(calls.at(-1)).toEqual({
      cmd: 'open_framework',
      args: { source: { kind: 'folder', path: '/home/sam/ladders' } },
    });
    expect($('#import-panel')).toBeNull();
    expect(headerButton().disabled).toBe(false);
    expect(document.body.dataset.importProgress).toBe('4');

    const panel = $('#import-report')!;
    expect(text('#import-summary')).toBe(
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
    // What needs a look is listed open; where each mapped item went is folded.
    const folded = panel.querySelector<HTMLDetailsElement>('#import-mapped')!;
    expect(folded.open).toBe(false);
    expect(folded.querySelector('summary')?.textContent).toBe('Where each of the 2 mapped items went');
    expect(folded.querySelectorAll('li.kind-mapped')).toHaveLength(2);
    expect(folded.querySelectorAll('li:not(.kind-mapped)')).toHaveLength(0);
    expect($('#import-clean')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect($('#import-report')).toBeNull();
  });

  it('says a column with no role is a note once another holds the expectations', async () => {
    await pick({}, csv);
    await fireEvent.change($<HTMLSelectElement>('#import-role-1')!, { target: { value: 'text' } });
    await waitFor(() =>
      expect($<HTMLSelectElement>('#import-role-2')!.selectedOptions[0]!.textContent).toBe('Kept as a note'),
    );
  });

  it('imports a folder in the format the person names, without columns', async () => {
    const { calls } = await pick({ framework_import: () => report }, folder, true);
    expect(calls.find((c) => c.cmd === 'framework_import_source')?.args).toEqual({ folder: true });
    expect($<HTMLSelectElement>('#import-format')!.selectedOptions[0]!.textContent).toBe('Detected for each file');
    expect($('#import-columns')).toBeNull();
    await fireEvent.change($<HTMLSelectElement>('#import-format')!, { target: { value: 'markdown' } });
    await fireEvent.click($('#import-run')!);
    await waitFor(() => expect($('#import-report')).not.toBeNull());
    expect(calls.find((c) => c.cmd === 'framework_import')?.args).toEqual({
      from: 'markdown',
      columns: [],
      progress: expect.anything(),
    });
  });

  it('hides a CSV’s columns when the person names another format', async () => {
    await pick({}, csv);
    expect($('#import-columns')).not.toBeNull();
    await fireEvent.change($<HTMLSelectElement>('#import-format')!, { target: { value: 'markdown' } });
    await waitFor(() => expect($('#import-columns')).toBeNull());
  });

  it('waits for a format when the file’s is not detected', async () => {
    await pick({}, { path: '/home/sam/ladder.txt', folder: false, format: null, columns: [] });
    expect($<HTMLSelectElement>('#import-format')!.selectedOptions[0]!.textContent).toBe('Not detected: name one');
    expect($<HTMLButtonElement>('#import-run')!.disabled).toBe(true);
    await fireEvent.change($<HTMLSelectElement>('#import-format')!, { target: { value: 'csv' } });
    await waitFor(() => expect($<HTMLButtonElement>('#import-run')!.disabled).toBe(false));
  });

  it('keeps everything as it was when the person cancels the source', async () => {
    const { calls } = await startApp({ framework_import_source: () => null, framework_import: () => null });
    await fireEvent.click(headerButton());
    await waitFor(() => expect(document.activeElement?.id).toBe('import-pick-file'));
    await fireEvent.click($('#import-pick-file')!);
    await waitFor(() => expect(calls.at(-1)?.cmd).toBe('framework_import_source'));
    await waitFor(() => expect($<HTMLButtonElement>('#import-pick-file')!.disabled).toBe(false));
    expect($('#import-source-path')).toBeNull();
    expect($('#import-run')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect($('#import-panel')).toBeNull();
  });

  it('keeps the panel and the open framework when the person cancels the folder', async () => {
    const { calls } = await pick({ framework_import: () => null }, csv);
    await fireEvent.click($('#import-run')!);
    await waitFor(() => expect(calls.at(-1)?.cmd).toBe('framework_import'));
    await waitFor(() => expect($('#import-run')).not.toBeNull());
    expect($('#framework-name')?.textContent).toBe('Acme ladders');
    expect($('#import-report')).toBeNull();
    expect(calls.some((c) => c.cmd === 'open_framework')).toBe(false);

    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect($('#import-panel')).toBeNull();
  });

  it('shows why an import failed, keeps the open framework and the panel to try again', async () => {
    await pick(
      {
        framework_import: () => {
          throw {
            kind: 'refused',
            message:
              'Rung could not import the framework: /tmp/out is not empty: name a new or empty folder for the imported framework.',
          } satisfies AppError;
        },
      },
      csv,
    );
    await fireEvent.click($('#import-run')!);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('/tmp/out is not empty');
    expect($('#framework-name')?.textContent).toBe('Acme ladders');
    expect($('#import-report')).toBeNull();
    expect($('#import-source-path')?.textContent).toBe(csv.path);
    expect($<HTMLButtonElement>('#import-run')!.disabled).toBe(false);
  });

  it('shows why a source could not be read', async () => {
    await startApp({
      framework_import_source: () => {
        throw { kind: 'refused', message: 'Rung could not read the framework: cannot read /x.csv: denied.' } satisfies AppError;
      },
    });
    await fireEvent.click(headerButton());
    await fireEvent.click($('#import-pick-file')!);
    expect((await screen.findByRole('alert')).textContent).toContain('cannot read /x.csv');
    expect($('#import-source-path')).toBeNull();
  });

  it('stays usable while importing: a level opened meanwhile does not lose the report', async () => {
    let finish: (r: ImportReportView) => void = () => {};
    await pick({ framework_import: () => new Promise<ImportReportView>((resolve) => (finish = resolve)) }, csv);
    await fireEvent.click($('#import-run')!);
    await waitFor(() => expect($('#import-progress')).not.toBeNull());
    await fireEvent.click(levelLink('eng/e2'));
    await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });
    expect($('#import-progress')).not.toBeNull();
    finish(report);
    await waitFor(() => expect($('#framework-name')?.textContent).toBe('Sam’s ladders'));
    expect($('#import-report')).not.toBeNull();
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
    await pick({ framework_import: () => many }, csv);
    await fireEvent.click($('#import-run')!);
    await screen.findByText(/And 2 more lines/);
    expect(document.querySelectorAll('li.import-line')).toHaveLength(500);
    expect($('#import-more-mapped')).not.toBeNull();
    expect(text('#import-mapped summary')).toBe('Where each of the 502 mapped items went');
    expect(text('#import-clean')).toBe('Nothing was left out: every item of the source was mapped.');
  });

  it('lists 500 lines that need a look and counts the rest, numbers written with commas', async () => {
    const many: ImportReportView = {
      ...report,
      expectations: 32000,
      problems: 1200,
      lines: Array.from({ length: 1200 }, (_, i) => ({
        kind: 'problem' as const,
        at: `big.csv:${i + 2}:1`,
        message: `the row: it has 2 cells where the header has 3`,
      })),
    };
    await pick({ framework_import: () => many }, csv);
    await fireEvent.click($('#import-run')!);
    await waitFor(() => expect($('#import-more')).not.toBeNull());
    expect(text('#import-more')).toBe('And 700 more lines; rung import prints the whole report.');
    expect(text('#import-summary')).toContain('Imported 32,000 expectations');
    expect(text('#import-summary')).toContain('1,200 problems in the source');
    expect($('#import-mapped')).toBeNull();
  });

  it('says an exported page came back exactly, with its content hash', async () => {
    const page: ImportReportView = { ...report, files: 3, page_hash: 'abc123def456', lines: [] };
    await pick({ framework_import: () => page }, { path: '/home/sam/ladders.html', folder: false, format: 'rung-html', columns: [] });
    expect($<HTMLSelectElement>('#import-format')!.selectedOptions[0]!.textContent).toBe('Detected: A page exported by Rung');
    await fireEvent.click($('#import-run')!);
    await waitFor(() => expect($('#import-summary')).not.toBeNull());
    expect(text('#import-summary')).toBe(
      'Imported the framework exactly as it was exported into /home/sam/ladders (3 files, content hash abc123def456).',
    );
    expect($('#import-report li')).toBeNull();
    expect($('#import-clean')).toBeNull();
  });

  it('says an exported page changed after export was imported as it now is', async () => {
    const why =
      'the content hash: the page says abc123def456, what it holds hashes to 51d66eecc695: it was changed after export; imported what it holds';
    const page: ImportReportView = {
      ...report,
      files: 3,
      page_hash: '51d66eecc695',
      lines: [{ kind: 'problem', at: '/home/sam/ladders.html:12:52', message: why }],
    };
    await pick({ framework_import: () => page }, { path: '/home/sam/ladders.html', folder: false, format: 'rung-html', columns: [] });
    await fireEvent.click($('#import-run')!);
    await waitFor(() => expect($('#import-summary')).not.toBeNull());
    expect(text('#import-summary')).toBe(
      'Imported the framework as the page holds it now into /home/sam/ladders (3 files, content hash 51d66eecc695): the page was changed after export.',
    );
    expect(text('#import-report li.import-line')).toContain(why);
  });

  it('words every stage of the progress', () => {
    expect(
      [
        { stage: 'opening', source: '/home/sam/pages' },
        { stage: 'file', name: 'junior.md', index: 2, total: 12 },
        { stage: 'building', done: 12, total: 40 },
      ].map((p) => progressWords(p as ImportProgress)),
    ).toEqual([
      'Opening /home/sam/pages…',
      'Reading junior.md (file 3 of 12)…',
      'Making the framework’s files: 12 of 40 levels…',
    ]);
    expect(progressShare({ stage: 'building', done: 12, total: 40 })).toBe(0.3);
    expect(progressShare({ stage: 'file', name: 'x.csv', index: 0, total: 1 })).toBeNull();
  });
});
