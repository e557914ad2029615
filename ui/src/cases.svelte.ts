// The cases side of the window: the list, the case being edited, its history, and what
// comes of exporting and importing. Every call goes through `ipc.ts`; a failure becomes
// the sentence the window's error banner shows (through `report`).

import * as ipc from './ipc';
import type { AppError } from './bindings/AppError';
import type { CaseSummary } from './bindings/CaseSummary';
import type { CaseView } from './bindings/CaseView';
import type { Edit } from './bindings/Edit';
import type { HistoryEntry } from './bindings/HistoryEntry';

function isStale(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as AppError).kind === 'stale';
}

export class CaseState {
  /** Every case, once listed. */
  list = $state.raw<CaseSummary[] | null>(null);
  /** Why the list could not be read, when it could not. */
  listFailed = $state<string | null>(null);
  /** The case open in the editor. */
  view = $state.raw<CaseView | null>(null);
  /** The open case's history, while it shows. */
  history = $state.raw<HistoryEntry[] | null>(null);
  /** An edit is on its way: the editor's buttons wait for it. */
  saving = $state(false);
  /** The last thing that went through, said quietly ("Evidence added."). */
  status = $state<string | null>(null);

  /**
   * `report` shows a failure (the window's error banner); `notify` a quiet notice.
   */
  constructor(
    private readonly report: (message: string | null) => void,
    private readonly notify: (message: string) => void,
  ) {}

  /** Fetches the list of cases. */
  async refresh(): Promise<void> {
    try {
      this.list = await ipc.casesList();
      if (this.listFailed !== null) this.report(null);
      this.listFailed = null;
    } catch (error) {
      this.listFailed = ipc.errorMessage(error);
      this.report(this.listFailed);
    }
  }

  /** Starts a case; resolves to whether it started (it is then open). */
  async create(c: ipc.NewCase): Promise<boolean> {
    try {
      this.#show(await ipc.caseNew(c));
      this.report(null);
      return true;
    } catch (error) {
      this.report(ipc.errorMessage(error));
      return false;
    }
  }

  /** Opens one case in the editor. */
  async open(id: string): Promise<boolean> {
    try {
      this.#show(await ipc.caseView(id));
      this.report(null);
      return true;
    } catch (error) {
      this.report(ipc.errorMessage(error));
      return false;
    }
  }

  #show(view: CaseView): void {
    if (this.view?.case.id !== view.case.id) {
      this.history = null;
      this.status = null;
    }
    this.view = view;
  }

  /**
   * Applies an edit to the open case, made on the revision shown. Resolves to whether it
   * went through; when the case changed elsewhere meanwhile, it shows the case as it is.
   */
  async edit(edit: Edit, done: string): Promise<boolean> {
    const view = this.view;
    if (view === null) return false;
    this.saving = true;
    try {
      this.#show(await ipc.caseEdit(view.case.id, view.revision, edit));
      this.status = done;
      this.report(null);
      if (this.history !== null) await this.showHistory();
      return true;
    } catch (error) {
      // Changed elsewhere: show it as it is now, then say why the edit did not go through.
      if (isStale(error)) await this.open(view.case.id);
      this.report(ipc.errorMessage(error));
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** Shows the open case's history (or hides it when `false`). */
  async showHistory(show = true): Promise<void> {
    const view = this.view;
    if (!show || view === null) {
      this.history = null;
      return;
    }
    try {
      this.history = await ipc.caseHistory(view.case.id);
    } catch (error) {
      this.report(ipc.errorMessage(error));
    }
  }

  /** Saves the open case as a file the person picks. */
  async export(format: ipc.ExportFormat, blind: boolean): Promise<void> {
    const view = this.view;
    if (view === null) return;
    try {
      const path = await ipc.caseSave(view.case.id, format, blind);
      if (path !== null) this.notify(`Exported to ${path}`);
    } catch (error) {
      this.report(ipc.errorMessage(error));
    }
  }

  /** Takes a self-assessment file into the open case. */
  async importSelf(): Promise<void> {
    const view = this.view;
    if (view === null) return;
    try {
      const next = await ipc.caseImportSelf(view.case.id, view.revision);
      if (next === null) return;
      this.#show(next);
      const rated = next.ratings.filter((r) => r.candidate !== null).length;
      this.notify(`Self-assessment imported: ${rated} self-ratings now read beside yours.`);
      this.report(null);
    } catch (error) {
      if (isStale(error)) await this.open(view.case.id);
      this.report(ipc.errorMessage(error));
    }
  }

  /** Adds a case from a file; resolves to whether one was added (it is then open). */
  async importCase(): Promise<boolean> {
    try {
      const view = await ipc.caseImport();
      if (view === null) return false;
      this.#show(view);
      this.report(null);
      return true;
    } catch (error) {
      this.report(ipc.errorMessage(error));
      return false;
    }
  }
}
