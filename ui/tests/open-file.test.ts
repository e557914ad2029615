// A file handed to Rung (double-clicked, or named when Rung started): the window asks the
// shell for the file waiting when it starts and hears of the next ones through the
// `open-file` event; a case file is imported as "Import a case file…" would and the case
// opens, a framework page opens "Import a framework…" on it, a refused file says why.
// The window names the file by the shell's token, never by a path.

import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../src/bindings/AppError';
import type { CaseView } from '../src/bindings/CaseView';
import type { FileToOpen } from '../src/bindings/FileToOpen';
import type { ImportSourceView } from '../src/bindings/ImportSourceView';
import { summary } from './case-harness';
import { startApp, type Call } from './harness';

const X1 = 'eng/e2/breaks-work-into-milestones';

function caseView(): CaseView {
  return {
    case: {
      id: 'case-9',
      candidate: { name: 'Kofi Mensah', alias: 'Candidate 9' },
      track: 'eng',
      current_level: 'e1',
      target_level: 'e2',
      framework: { name: 'Acme ladders', version: '2026.1', hash: 'c76acfc64314', commit: null, scale: [] },
      expectations: [{ id: X1, competency: 'delivery', text: 'Breaks work into milestones.', new: true }],
      evidence: [],
      ratings: {},
      self_ratings: {},
      specialists: [],
      recommendation: null,
      decision: null,
      issued: 0,
      self_assessment: false,
    },
    revision: 1,
    coverage: {
      no_evidence: [X1],
      self_only: [],
      judges_person: [],
      unrated: [X1],
      no_reason: [],
      total: 1,
      supported: 0,
      with_evidence: 0,
    },
    findings: [],
    rule: null,
    drift: null,
    ratings: [{ expectation: X1, candidate: null, owner: null, differ: false }],
    texts: [{ id: X1, html: 'Breaks work into milestones.' }],
    blind_hints: [],
    competencies: [{ id: 'delivery', name: 'Delivery', evidence: [], questions: [] }],
  };
}

const page: ImportSourceView = { path: '/home/sam/Downloads/ladders.html', folder: false, format: 'rung-html', columns: [] };

const called = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

/** A backend where `waiting` is the file the shell holds, and imports answer as the shell would. */
function shell(waiting: FileToOpen | null, caseImport: (args: Record<string, unknown>) => unknown = () => ({ kind: 'case', view: caseView() })) {
  const imported = caseView();
  return {
    pending_open: () => waiting,
    cases_list: () => [summary(imported)],
    cases_trash: () => [],
    case_view: () => imported,
    case_history: () => [],
    case_import: caseImport,
    framework_import_source: () => page,
  };
}

describe('a file handed to Rung', () => {
  it('imports the case file Rung was started with, by its token, and opens the case', async () => {
    const { calls } = await startApp(shell({ kind: 'case', token: 7, name: 'kofi-mensah-case.rungcase' }));
    await screen.findByRole('heading', { level: 1, name: /Kofi Mensah/ });
    expect(called(calls, 'case_import')).toEqual([{ waiting: 7 }]);
    expect(document.getElementById('notice')?.textContent).toContain('Imported the case file kofi-mensah-case.rungcase.');
    // Asked once, at the start; never a path sent back.
    expect(called(calls, 'pending_open')).toEqual([{}]);
  });

  it('asks for the passphrase of a sealed case file and opens it with the same token', async () => {
    const PASS = 'our committee';
    const { calls } = await startApp(
      shell({ kind: 'case', token: 3, name: 'kofi.rungcase' }, ({ passphrase }) => {
        if (passphrase !== PASS) {
          throw { kind: 'passphrase', message: 'This file is encrypted with a passphrase. Type the passphrase the sender gave you.' } satisfies AppError;
        }
        return { kind: 'case', view: caseView() };
      }),
    );
    await fireEvent.input(await screen.findByLabelText('Passphrase'), { target: { value: PASS } });
    await fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    await screen.findByRole('heading', { level: 1, name: /Kofi Mensah/ });
    expect(called(calls, 'case_import')).toEqual([{ waiting: 3 }, { passphrase: PASS, waiting: 3 }]);
  });

  it("takes a reviewer's rated copy into the case it was made of, and says so", async () => {
    const view = caseView();
    view.case.reviews = [{ reviewer: { name: 'Dana Okafor', craft: 'design' }, ratings: { [X1]: { rating: 'meets', reason: 'saw it' } } }];
    const { calls } = await startApp(
      shell({ kind: 'case', token: 5, name: 'case-9-review-dana-okafor.rungcase' }, () => ({ kind: 'review', view, reviewer: 'Dana Okafor' })),
    );
    await screen.findByRole('heading', { level: 1, name: /Kofi Mensah/ });
    expect(called(calls, 'case_import')).toEqual([{ waiting: 5 }]);
    expect(document.getElementById('notice')?.textContent).toContain(
      "Took Dana Okafor's review (case-9-review-dana-okafor.rungcase) into this case",
    );
  });

  it("opens a reviewer's copy of a case held elsewhere to be rated here", async () => {
    const copy = { ...caseView().case, review_for: { name: 'Dana Okafor', craft: 'design' } };
    await startApp(shell({ kind: 'case', token: 6, name: 'case-9-review-dana-okafor.rungcase' }, () => ({ kind: 'rate', copy })));
    await screen.findByRole('heading', { level: 1, name: 'Your review of Kofi Mensah' });
    expect(document.getElementById('notice')?.textContent).toContain(
      'Opened case-9-review-dana-okafor.rungcase: a copy of a case for you to review.',
    );
  });

  it('opens "Import a framework…" on a page handed over while the window is up, once', async () => {
    const { calls } = await startApp(shell(null), { shouldMockEvents: true });
    const file: FileToOpen = { kind: 'framework', token: 4, name: 'ladders.html' };
    await emit('open-file', file);
    await waitFor(() => expect(document.getElementById('import-source-path')?.textContent).toBe(page.path));
    expect(called(calls, 'framework_import_source')).toEqual([{ folder: false, waiting: 4 }]);
    // The same file told twice (the event and the start's question) is opened once.
    await emit('open-file', file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(called(calls, 'framework_import_source')).toHaveLength(1);
    expect(called(calls, 'case_import')).toEqual([]);
  });

  it('says why a file was refused, and imports nothing', async () => {
    const message = 'Rung cannot open this file: /tmp/notes.txt is neither a case file (.rungcase) nor a framework page (.html).';
    const { calls } = await startApp(shell({ kind: 'refused', token: 1, message }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain(message));
    expect(called(calls, 'case_import')).toEqual([]);
    expect(called(calls, 'framework_import_source')).toEqual([]);
  });

  it('starts as usual when no file is waiting', async () => {
    const { calls } = await startApp(shell(null));
    expect(called(calls, 'pending_open')).toEqual([{}]);
    expect(called(calls, 'case_import')).toEqual([]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
