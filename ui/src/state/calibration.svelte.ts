// The calibration page's store: which cases are side by side (`Selection`), the grid the
// core laid out for them, whether names show, and the acts that change a case from the
// grid (a rating changed in calibration, a warning acknowledged). Blind by default: names
// show only after the person asked on purpose, and every new choice of cases starts blind
// again, so that no case is revealed without being asked. One `Latest` guard: only the
// answer to the latest request counts.

import * as ipc from '../ipc';
import { sealing } from './sealing.svelte';
import type { Calibration } from '../bindings/Calibration';
import type { CaseSummary } from '../bindings/CaseSummary';
import type { Cell } from '../bindings/Cell';
import type { FrameworkView } from '../bindings/FrameworkView';
import type { Selection } from '../bindings/Selection';
import { Latest } from './latest';

export class CalibrationState {
  /** Which cases are side by side. */
  selection = $state.raw<Selection>({});
  /** Whether a selection was chosen, by the person or as the usual set. */
  chosen = $state(false);
  /** The grid of the selection, once it came. */
  view = $state.raw<Calibration | null>(null);
  /** Names show: the person asked for them and confirmed. */
  revealed = $state(false);
  /** A view is on its way. */
  loading = $state(false);
  /** A change is on its way: the forms wait for it. */
  saving = $state(false);
  /** Why the view could not be read, when it could not. */
  failed = $state<string | null>(null);
  /** The last thing that went through, said quietly ("Rating changed."). */
  status = $state<string | null>(null);

  readonly #requests = new Latest();

  /** `report` shows a failure (the window's error banner); null clears it. */
  constructor(private readonly report: (message: string | null) => void) {}

  /** Shows `selection`, blind: a new set of cases is never revealed without asking. */
  choose(selection: Selection): Promise<void> {
    this.selection = selection;
    this.chosen = true;
    this.revealed = false;
    this.status = null;
    return this.load();
  }

  /** Asks for the grid of the current selection again, as blind or revealed as it is. */
  load(): Promise<void> {
    const selection = this.selection;
    const reveal = this.revealed;
    this.loading = true;
    return this.#requests.run(
      () => ipc.calibrationView(selection, reveal),
      (view) => {
        this.view = view;
        this.failed = null;
        this.loading = false;
      },
      (error) => {
        this.failed = ipc.errorMessage(error);
        this.report(this.failed);
        this.loading = false;
      },
    );
  }

  /** Shows the names; the shell records it in the history of each case shown. */
  reveal(): Promise<void> {
    this.revealed = true;
    this.status = 'Names show; each case’s history records it.';
    return this.load();
  }

  /**
   * Records that one case's names are about to show (its page shows the candidate's
   * name): the shell records the reveal in that case's history. False when it failed.
   */
  async revealCase(caseId: string): Promise<boolean> {
    try {
      await ipc.calibrationView({ cases: [caseId] }, true);
      return true;
    } catch (error) {
      this.report(ipc.errorMessage(error));
      return false;
    }
  }

  /** Back to aliases. */
  blind(): Promise<void> {
    this.revealed = false;
    this.status = null;
    return this.load();
  }

  /**
   * Changes the owner's rating of `cell` during calibration, with why; the grid is read
   * again so the cell shows before and after. Resolves to whether it went through.
   */
  async recalibrate(cell: Cell, rating: string, reason: string): Promise<boolean> {
    if (this.saving) return false;
    this.saving = true;
    try {
      await ipc.calibrationRecalibrate(cell.case, null, cell.expectation, rating, reason.trim());
      this.report(null);
      this.status = 'Rating changed; the case’s history keeps before, after and why.';
    } catch (error) {
      this.report(ipc.errorMessage(error));
      return false;
    } finally {
      this.saving = false;
    }
    await this.load();
    return true;
  }

  /**
   * Acknowledges the warning `key` with why, in every case it names. The shell answers
   * blind; when names show, the grid is asked for again as it was.
   */
  async acknowledge(key: string, reason: string): Promise<boolean> {
    if (this.saving) return false;
    this.saving = true;
    const request = this.#requests.begin();
    try {
      const view = await ipc.calibrationAcknowledge(this.selection, key, reason.trim());
      if (request.current() && !this.revealed) this.view = view;
      this.report(null);
      this.status = 'Warning acknowledged; each case it names keeps the reason.';
    } catch (error) {
      this.report(ipc.errorMessage(error));
      return false;
    } finally {
      this.saving = false;
    }
    if (this.revealed) await this.load();
    return true;
  }

  /** Saves the blind packet for the committee where the person picks. */
  async savePacket(): Promise<void> {
    try {
      const path = await sealing.save('Save the calibration packet', (seal) => ipc.calibrationPacketSave(this.selection, seal));
      if (path !== null) this.status = `Blind packet saved to ${path}.`;
      this.report(null);
    } catch (error) {
      this.report(ipc.errorMessage(error));
    }
  }
}

/**
 * The usual set: the band whose promotion cases are most numerous (the lower band on a
 * tie), by their target level in the open framework; null when no case has one.
 */
export function usualBand(cases: readonly CaseSummary[], framework: FrameworkView | null): number | null {
  const counts = new Map<number, number>();
  for (const c of cases) {
    if (c.self_assessment) continue;
    const band =
      framework?.tracks.find((t) => t.id === c.track)?.levels.find((l) => l.id === c.target_level)?.band ??
      c.names?.target.band ??
      null;
    if (band !== null) counts.set(band, (counts.get(band) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [band, n] of counts) {
    const top = best === null ? 0 : (counts.get(best) ?? 0);
    if (best === null || n > top || (n === top && band < best)) best = band;
  }
  return best;
}
