// Deleting a case and the trash, against a mocked backend: "Delete case…" asks first and
// moves the case to the trash, the cases page lists the trash with "Restore", and the
// history says in words when a case was deleted and restored.

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../src/bindings/AppError';
import type { Case } from '../src/bindings/Case';
import type { CaseView } from '../src/bindings/CaseView';
import type { Trashed } from '../src/bindings/Trashed';
import { trashWords } from '../src/lib/case-places';
import { openCaseNamed, summary } from './case-harness';
import { startApp } from './harness';

const X1 = 'eng/e2/breaks-work-into-milestones';

function view(): CaseView {
  const c: Case = {
    id: 'case-1',
    candidate: { name: 'Ana Lima', alias: 'Candidate 7' },
    track: 'eng',
    current_level: 'e1',
    target_level: 'e2',
    framework: {
      name: 'Acme ladders',
      version: '2026.1',
      hash: 'c76acfc64314',
      commit: null,
      scale: [{ id: 'meets', name: 'Meets' }],
    },
    expectations: [{ id: X1, competency: 'delivery', text: 'Breaks work into milestones.', new: true }],
    evidence: [],
    ratings: {},
    self_ratings: {},
    specialists: [],
    recommendation: null,
    decision: null,
    issued: 0,
    self_assessment: false,
  };
  return {
    case: c,
    revision: 4,
    coverage: {
      no_evidence: [X1],
      self_only: [],
      judges_person: [],
      unrated: [X1],
      no_reason: [],
      unexplained: [],
      no_specialist: [],
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

const trashed: Trashed = {
  id: 'case-1',
  name: 'Ana Lima',
  alias: 'Candidate 7',
  track: 'eng',
  target_level: 'e2',
  deleted_at: '2026-11-30T09:15:00Z',
  days_left: 30,
};

/** A backend of one case that can be deleted and restored, as the store does it. */
function trashBackend() {
  const v = view();
  let inTrash = false;
  return {
    handlers: {
      cases_list: () => (inTrash ? [] : [summary(v)]),
      case_view: () => v,
      case_history: () => [],
      case_delete: ({ id }: Record<string, unknown>) => {
        expect(id).toBe('case-1');
        inTrash = true;
        return null;
      },
      cases_trash: () => (inTrash ? [trashed] : []),
      case_restore: ({ id }: Record<string, unknown>) => {
        expect(id).toBe('case-1');
        inTrash = false;
        return null;
      },
    },
  };
}

describe('deleting a case', () => {
  it('asks first, then moves the case to the trash and goes back to the list', async () => {
    const { calls } = await openCaseNamed('Ana Lima', trashBackend().handlers);
    await fireEvent.click(screen.getByRole('button', { name: 'Delete case…' }));
    const ask = screen.getByRole('alertdialog');
    expect(ask.textContent).toContain('Move to the trash? It can be restored for 30 days');
    expect(document.activeElement?.id).toBe('case-delete-confirm');
    // Keeping the case sends nothing.
    await fireEvent.click(within(ask).getByRole('button', { name: 'Keep the case' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls.some((c) => c.cmd === 'case_delete')).toBe(false);

    await fireEvent.click(screen.getByRole('button', { name: 'Delete case…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Move to the trash' }));
    await screen.findByRole('heading', { level: 1, name: 'Promotion cases' });
    expect(calls.filter((c) => c.cmd === 'case_delete').map((c) => c.args)).toEqual([{ id: 'case-1' }]);
    await screen.findByText('The case is in the trash. “Trash” on this page restores it for 30 days.');
    expect(screen.queryByRole('button', { name: 'Ana Lima' })).toBeNull();
  });

  it('says why when the case cannot be deleted, and keeps it open', async () => {
    const backend = trashBackend();
    await openCaseNamed('Ana Lima', {
      ...backend.handlers,
      case_delete: () => {
        throw {
          kind: 'refused',
          message: 'The disk is full or the file cannot be written; nothing was changed.',
        } satisfies AppError;
      },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Delete case…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Move to the trash' }));
    await screen.findByText(/The disk is full or the file cannot be written; nothing was changed\./);
    expect(screen.getByRole('heading', { level: 1, name: /Ana Lima/ })).toBeTruthy();
  });
});

describe('the trash', () => {
  it('lists the deleted cases with the days left, and restores one', async () => {
    const backend = trashBackend();
    backend.handlers.case_delete({ id: 'case-1' });
    const { calls } = await startApp(backend.handlers);
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await screen.findByText(/No cases yet/);
    await fireEvent.click(screen.getByRole('button', { name: 'Trash' }));
    const trash = await screen.findByRole('region', { name: 'Trash' });
    const row = await within(trash).findByRole('row', { name: /Ana Lima/ });
    expect(row.textContent).toContain('Candidate 7');
    // The track and level by name and band, as the case list says them, not by id.
    expect(row.textContent).toContain('Software Engineer → Software Engineer II (band 2)');
    expect(row.textContent).toContain('2026-11-30 09:15:00 UTC');
    expect(row.textContent).toContain('(30 days left)');

    await fireEvent.click(within(row).getByRole('button', { name: 'Restore' }));
    await within(trash).findByText('The trash is empty.');
    expect(calls.filter((c) => c.cmd === 'case_restore').map((c) => c.args)).toEqual([{ id: 'case-1' }]);
    await screen.findByRole('button', { name: 'Ana Lima' });
  });

  it('shows the deletion and the restoration in the history, in words', async () => {
    const backend = trashBackend();
    await openCaseNamed('Ana Lima', {
      ...backend.handlers,
      case_history: () => [
        { at: '2026-11-25T10:00:00Z', revision: 1, change: { path: '', old: null, new: null } },
        { at: '2026-11-26T10:00:00Z', revision: 2, change: { path: '/trash', old: null, new: 'deleted' } },
        { at: '2026-11-27T10:00:00Z', revision: 3, change: { path: '/trash', old: null, new: 'restored' } },
      ],
    });
    await fireEvent.click(screen.getByRole('button', { name: 'History' }));
    const history = await screen.findByRole('region', { name: 'History' });
    const items = [...history.querySelectorAll('li')].map((li) => li.querySelector('.history-place')?.textContent);
    expect(items).toEqual(['Restored from the trash', 'Deleted (moved to the trash)', 'Case started']);
    // No value pair, and no raw value, beside a trash entry.
    expect(history.querySelectorAll('.history-values')).toHaveLength(0);
    expect(history.textContent).not.toContain('/trash');
    expect(trashWords('restored')).toBe('Restored from the trash');
    expect(trashWords('deleted')).toBe('Deleted (moved to the trash)');
  });
});
