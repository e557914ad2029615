// The case database's backups on the cases page, against a mocked backend: "Backups…"
// lists them and restores one after a confirmation that says the current cases are kept;
// a damaged database is said so in place, with the file kept untouched and the latest
// backup offered, and restoring it brings the cases back.

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../src/bindings/AppError';
import type { BackupsView } from '../src/bindings/BackupsView';
import type { CaseSummary } from '../src/bindings/CaseSummary';
import type { Restored } from '../src/bindings/Restored';
import { startApp } from './harness';

const DB = '/home/ana/.local/share/rung/cases.db';
const DAILY = '/home/ana/.local/share/rung/backups/cases-20261130T050104Z-daily.db';
const MANUAL = '/home/ana/.local/share/rung/backups/cases-20261128T090000Z-manual.db';

function overview(damaged: string | null): BackupsView {
  return {
    database: DB,
    damaged,
    backups: [
      { path: DAILY, at: '2026-11-30T05:01:04Z', reason: 'daily', bytes: 98304, cases: 12, in_trash: 2 },
      { path: MANUAL, at: '2026-11-28T09:00:00Z', reason: 'manual', bytes: 90112, cases: 1, in_trash: 0 },
    ],
  };
}

const oneCase: CaseSummary = {
  id: 'case-1',
  name: 'Ana Lima',
  alias: 'Candidate 7',
  track: 'eng',
  current_level: 'e1',
  target_level: 'e2',
  names: null,
  supported: 1,
  with_evidence: 1,
  total: 2,
  decided: null,
  self_assessment: false,
};

async function openCases() {
  await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
  await screen.findByRole('heading', { level: 1, name: 'Promotion cases' });
}

describe('backups', () => {
  it('lists the backups and restores one after a confirmation', async () => {
    const restored: Restored = {
      restored: MANUAL,
      kept: '/home/ana/.local/share/rung/backups/cases-20261130T060000Z-before-restore.db',
      damaged: false,
      cases: 1,
    };
    const { calls } = await startApp({
      cases_list: () => [oneCase],
      cases_backups: () => overview(null),
      cases_restore: () => restored,
    });
    await openCases();
    await fireEvent.click(screen.getByRole('button', { name: 'Backups…' }));
    const panel = await screen.findByRole('region', { name: 'Backups' });
    const rows = within(panel).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '30 Nov 2026, 05:01 UTC daily, 12 cases, 2 in the trash Restore this backup…',
      '28 Nov 2026, 09:00 UTC made by hand, 1 case Restore this backup…',
    ]);
    await fireEvent.click(within(rows[1]).getByRole('button', { name: 'Restore this backup…' }));
    const confirm = within(panel).getByRole('group', { name: 'Confirm the restore' });
    expect(confirm.textContent).toContain('Restore the backup of 28 Nov 2026, 09:00 UTC (1 case)?');
    expect(confirm.textContent).toContain('The cases in Rung now are kept as a backup too');
    // Nothing is restored before the confirmation.
    expect(calls.some((c) => c.cmd === 'cases_restore')).toBe(false);
    const listsBefore = calls.filter((c) => c.cmd === 'cases_list').length;
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Restore' }));
    const note = await screen.findByText(/^Restored the backup of/);
    expect(note.textContent).toBe(
      `Restored the backup of 28 Nov 2026, 09:00 UTC: 1 case. The cases it replaced are kept as a backup: ${restored.kept}.`,
    );
    expect(calls.filter((c) => c.cmd === 'cases_restore').map((c) => c.args)).toEqual([{ file: MANUAL }]);
    expect(calls.filter((c) => c.cmd === 'cases_list').length).toBe(listsBefore + 1);
  });

  it('says in place that the database is damaged and restores the latest backup', async () => {
    let damaged = true;
    const { calls } = await startApp({
      cases_list: () => {
        if (damaged) {
          throw {
            kind: 'unreadable',
            message: `Rung cannot open its cases: the case database ${DB} is damaged (it is not a database); it is kept untouched.`,
          } satisfies AppError;
        }
        return [oneCase];
      },
      cases_backups: () => overview(damaged ? 'it is not a database' : null),
      cases_restore: () => {
        damaged = false;
        return {
          restored: DAILY,
          kept: '/home/ana/.local/share/rung/cases.damaged-20261130T060000Z.db',
          damaged: true,
          cases: 12,
        } satisfies Restored;
      },
    });
    await openCases();
    const region = await screen.findByRole('region', { name: 'The case database is damaged' });
    const text = region.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('Rung cannot read the cases: the file that holds them is damaged on disk.');
    expect(text).toContain('What SQLite found: it is not a database');
    expect(text).toContain(`it is kept untouched at ${DB}`);
    expect(text).toContain('The latest backup is from 30 Nov 2026, 05:01 UTC, with 12 cases, 2 in the trash.');
    // Said once, in place: not again as a bare "could not read the cases", nor in the banner.
    expect(screen.queryByText(/Rung could not read the cases on this computer/)).toBeNull();
    expect(document.querySelector('.banner')).toBeNull();
    await fireEvent.click(within(region).getByRole('button', { name: 'Restore the latest backup' }));
    const confirm = within(region).getByRole('group', { name: 'Confirm the restore' });
    expect(confirm.textContent).toContain('The damaged file is moved aside under a new name, not overwritten.');
    expect(calls.some((c) => c.cmd === 'cases_restore')).toBe(false);
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Restore' }));
    const note = await screen.findByText(/^Restored the backup of/);
    expect(note.textContent).toBe(
      'Restored the backup of 30 Nov 2026, 05:01 UTC: 12 cases. The damaged file was moved aside, untouched: /home/ana/.local/share/rung/cases.damaged-20261130T060000Z.db.',
    );
    expect(calls.filter((c) => c.cmd === 'cases_restore').map((c) => c.args)).toEqual([{ file: DAILY }]);
    await screen.findByRole('region', { name: 'Cases' });
    expect(screen.queryByRole('region', { name: 'The case database is damaged' })).toBeNull();
    // The note floats over the list until it is dismissed.
    await fireEvent.click(within(document.getElementById('backup-restored') as HTMLElement).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/^Restored the backup of/)).toBeNull();
  });

  it('says nothing of damage when the cases failed for another reason', async () => {
    await startApp({
      cases_list: () => {
        throw { kind: 'unreadable', message: 'Rung cannot open its cases: locked.' } satisfies AppError;
      },
      cases_backups: () => overview(null),
    });
    await openCases();
    await screen.findByText(/Rung could not read the cases on this computer/);
    expect(screen.queryByRole('region', { name: 'The case database is damaged' })).toBeNull();
  });
});
