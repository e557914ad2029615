// The cases side of the window: the list, the case being edited, its history, and what
// comes of exporting and importing. Every call goes through `ipc.ts`; a failure becomes
// the sentence the window's error banner shows (through `report`).

import * as ipc from '../ipc';
import { sealing } from './sealing.svelte';
import { always, type Request } from './latest';
import type { AppError } from '../bindings/AppError';
import type { Arrived } from '../bindings/Arrived';
import type { CaseSummary } from '../bindings/CaseSummary';
import type { CaseView } from '../bindings/CaseView';
import type { Draft } from '../bindings/Draft';
import type { Edit } from '../bindings/Edit';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import type { Period } from '../bindings/Period';
import type { Reviewer } from '../bindings/Reviewer';
import type { Trashed } from '../bindings/Trashed';

/** How long typing must pause before a draft is written, in milliseconds. */
export const DRAFT_PAUSE = 400;

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
  /** What was typed into the open case's forms and not saved, by form (see `keepDraft`). */
  drafts = $state.raw<ReadonlyMap<string, Draft>>(new Map());
  /** The drafts found when the case was opened, for the "restored" notice; empty once dismissed. */
  restored = $state.raw<Draft[]>([]);
  /** The cases in the trash, once listed. */
  trash = $state.raw<Trashed[] | null>(null);

  /** The case `drafts` belong to. */
  #draftsOf: string | null = null;
  /** Draft saves waiting for the typing to pause, by form. */
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Draft writes and edits go out in order, so a late draft never outlives its save. */
  #queue: Promise<unknown> = Promise.resolve();

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
      this.listFailed = null;
    } catch (error) {
      // Said in place by the cases page (with the backups when the file is damaged),
      // not again in the banner.
      this.listFailed = ipc.errorMessage(error);
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

  /**
   * Opens one case in the editor, with the drafts its forms left behind. When `request`
   * is no longer current by the time the case arrives (the person opened another case or
   * went elsewhere), nothing changes and it resolves to false.
   */
  async open(id: string, request: Request = always): Promise<boolean> {
    try {
      const fresh = this.view?.case.id !== id;
      // The open case again (after a reload): after the edits on their way, so an older
      // state never replaces what a save just returned.
      const view = fresh ? await ipc.caseView(id) : await this.#enqueue(() => ipc.caseView(id));
      if (!request.current()) return false;
      const drafts = fresh ? await this.#readDrafts(id) : null;
      if (!request.current()) return false;
      if (drafts !== null) {
        this.#draftsOf = id;
        this.drafts = new Map(drafts.found.map((d) => [d.form, d]));
        this.restored = drafts.found;
      }
      const problem = drafts?.problem ?? null;
      this.#show(view);
      this.report(problem);
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
      if (this.#draftsOf !== view.case.id) {
        this.flushDrafts();
        this.#draftsOf = view.case.id;
        this.drafts = new Map();
        this.restored = [];
      }
    }
    this.view = view;
  }

  /** Reads the drafts of case `id`, and what went wrong, if anything did. */
  async #readDrafts(id: string): Promise<{ found: Draft[]; problem: string | null }> {
    // The typing of the case open until now is written before another case's drafts load.
    this.flushDrafts();
    let found: Draft[] = [];
    let problem: string | null = null;
    try {
      await this.#queue;
      found = await ipc.caseDrafts(id);
    } catch (error) {
      // The case still opens; its drafts are only missing from the forms.
      problem = `The drafts of this case could not be read: ${ipc.errorMessage(error)}`;
    }
    return { found, problem };
  }

  /** Writes every draft still waiting for a pause now (the window is closing). */
  flushDrafts(): void {
    const view = this.view;
    for (const [form, timer] of this.#timers) {
      clearTimeout(timer);
      if (view === null || this.#draftsOf !== view.case.id) continue;
      // A form emptied since its last draft writes no fields, which drops that draft.
      const fields = this.drafts.get(form)?.fields ?? {};
      void this.#enqueue(() => ipc.caseDraftSave(view.case.id, form, fields, view.revision)).catch(() => undefined);
    }
    this.#timers.clear();
  }

  #forgetPending(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  /** The unsaved fields of one form of the open case, if it left any. */
  draft(form: string): Record<string, string> | null {
    return this.drafts.get(form)?.fields ?? null;
  }

  /**
   * Keeps what is typed into `form` of the open case: saved when the typing pauses
   * (`DRAFT_PAUSE` ms), so a crash loses at most that much. Blank fields drop the draft.
   */
  keepDraft(form: string, fields: Record<string, string>): void {
    const view = this.view;
    if (view === null) return;
    const id = view.case.id;
    const blank = Object.values(fields).every((v) => v.trim() === '');
    const next = new Map(this.drafts);
    if (blank) next.delete(form);
    else next.set(form, { form, fields, revision: view.revision, saved_at: '' });
    this.drafts = next;
    clearTimeout(this.#timers.get(form));
    this.#timers.set(
      form,
      setTimeout(() => {
        this.#timers.delete(form);
        this.#enqueue(() => ipc.caseDraftSave(id, form, fields, view.revision)).catch((error: unknown) =>
          this.report(`Rung could not keep what you typed as a draft: ${ipc.errorMessage(error)}`),
        );
      }, DRAFT_PAUSE),
    );
  }

  /** Forgets the draft of one form (`null`: every draft of the open case). */
  async discardDraft(form: string | null): Promise<void> {
    const view = this.view;
    if (view === null) return;
    if (form === null) {
      this.#forgetPending();
      this.drafts = new Map();
    } else {
      clearTimeout(this.#timers.get(form));
      this.#timers.delete(form);
      const next = new Map(this.drafts);
      next.delete(form);
      this.drafts = next;
    }
    this.restored = form === null ? [] : this.restored.filter((d) => d.form !== form);
    try {
      await this.#enqueue(() => ipc.caseDraftDiscard(view.case.id, form));
    } catch (error) {
      this.report(ipc.errorMessage(error));
    }
  }

  /** Hides the "restored drafts" notice; the drafts stay in their forms. */
  dismissRestored(): void {
    this.restored = [];
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Applies an edit to the open case, made on the revision shown. Resolves to whether it
   * went through; when the case changed elsewhere meanwhile, it shows the case as it is.
   */
  async edit(edit: Edit, done: string, form: string | null = null): Promise<boolean> {
    const view = this.view;
    if (view === null) return false;
    this.saving = true;
    if (form !== null) {
      // The edit carries the form's text: a draft save still waiting would only bring it back.
      clearTimeout(this.#timers.get(form));
      this.#timers.delete(form);
    }
    try {
      this.#show(await this.#enqueue(() => ipc.caseEdit(view.case.id, view.revision, edit, form)));
      if (form !== null && this.drafts.has(form)) {
        const next = new Map(this.drafts);
        next.delete(form);
        this.drafts = next;
        this.restored = this.restored.filter((d) => d.form !== form);
      }
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
      const path = await sealing.save('Export the case', (seal) => ipc.caseSave(view.case.id, format, blind, seal));
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
      const next = await sealing.open((passphrase) => ipc.caseImportSelf(view.case.id, view.revision, passphrase));
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

  /**
   * Saves a request for a specialist's view of `expectations` of the open case as a file
   * the person picks; blind unless told otherwise.
   */
  async requestView(expectations: string[], blind: boolean): Promise<void> {
    const view = this.view;
    if (view === null) return;
    try {
      const path = await sealing.save('Request a specialist view', (seal) =>
        ipc.caseRequestSave(view.case.id, expectations, blind, seal),
      );
      if (path !== null) this.notify(`Request saved to ${path}. Send it to the specialist; import their answer when it comes back.`);
      this.report(null);
    } catch (error) {
      this.report(ipc.errorMessage(error));
    }
  }

  /** Takes a specialist's answer file into the open case. */
  async importView(): Promise<void> {
    const view = this.view;
    if (view === null) return;
    try {
      const next = await sealing.open((passphrase) => ipc.caseImportView(view.case.id, view.revision, passphrase));
      if (next === null) return;
      this.#show(next);
      const who = next.case.specialists.at(-1)?.who ?? 'the specialist';
      this.notify(`The view of ${who} is recorded.`);
      this.report(null);
    } catch (error) {
      if (isStale(error)) await this.open(view.case.id);
      this.report(ipc.errorMessage(error));
    }
  }

  /**
   * Records the open case's owner and review period (either cleared when empty), each as
   * its own edit and only when it changed. Resolves to whether every change went through.
   */
  async setOwnerAndPeriod(owner: string, period: Period | null): Promise<boolean> {
    const view = this.view;
    if (view === null) return false;
    const name = owner.trim() === '' ? null : owner.trim();
    const was = view.case.period ?? null;
    if (name !== (view.case.owner ?? null) && !(await this.edit({ kind: 'owner', name }, 'Owner saved.'))) {
      return false;
    }
    if (period?.from !== was?.from || period?.to !== was?.to) {
      return this.edit({ kind: 'period', period }, 'Review period saved.');
    }
    return true;
  }

  /**
   * Saves a copy of the open case for `reviewer` to rate on their own: its expectations
   * and evidence, no one's ratings.
   */
  async exportForReviewer(reviewer: Reviewer): Promise<boolean> {
    const view = this.view;
    if (view === null) return false;
    try {
      const path = await sealing.save('Export for a reviewer', (seal) => ipc.caseReviewExport(view.case.id, reviewer, seal));
      if (path === null) return false;
      this.notify(`A copy for ${reviewer.name.trim()} saved to ${path}. Send it to them; import it when it comes back rated.`);
      this.report(null);
      return true;
    } catch (error) {
      this.report(ipc.errorMessage(error));
      return false;
    }
  }

  /** Takes a reviewer's rated copy into the open case. */
  async importReview(): Promise<void> {
    const view = this.view;
    if (view === null) return;
    try {
      const next = await sealing.open((passphrase) => ipc.caseImportReview(view.case.id, passphrase));
      if (next === null) return;
      this.#show(next);
      const review = next.case.reviews?.at(-1);
      const rated = review ? Object.keys(review.ratings).length : 0;
      this.notify(`The review of ${review?.reviewer.name ?? 'the reviewer'} is recorded: ${rated} ratings beside yours.`);
      this.report(null);
      if (this.history !== null) await this.showHistory();
    } catch (error) {
      this.report(ipc.errorMessage(error));
    }
  }

  /**
   * Brings in a case file (the one handed to Rung that the shell named `waiting`, else one
   * the person picks); resolves to what it was, or null when nothing came in. A case added
   * or a review taken into its case is then open; a reviewer's copy to rate is the app's
   * to show.
   */
  async importCase(waiting: number | null = null): Promise<Arrived | null> {
    try {
      const arrived = await sealing.open((passphrase) => ipc.caseImport(passphrase, waiting));
      if (arrived === null) return null;
      if (arrived.kind !== 'rate') this.#show(arrived.view);
      this.report(null);
      return arrived;
    } catch (error) {
      this.report(ipc.errorMessage(error));
      return null;
    }
  }

  /**
   * Moves case `id` to the trash, where it can be restored for 30 days; what was typed in
   * its forms and not saved goes with it. Resolves to whether it went; the editor then
   * closes it.
   */
  async deleteCase(id: string): Promise<boolean> {
    this.#forgetPending();
    try {
      await this.#enqueue(() => ipc.caseDelete(id));
    } catch (error) {
      this.report(ipc.errorMessage(error));
      return false;
    }
    if (this.view?.case.id === id) {
      this.view = null;
      this.history = null;
      this.drafts = new Map();
      this.restored = [];
      this.#draftsOf = null;
    }
    this.report(null);
    return true;
  }

  /** Lists the cases in the trash (those kept there more than 30 days are purged first). */
  async showTrash(): Promise<void> {
    try {
      this.trash = await ipc.casesTrash();
    } catch (error) {
      this.report(ipc.errorMessage(error));
    }
  }

  /** Takes case `id` out of the trash; resolves to whether it came back. */
  async restoreDeleted(id: string): Promise<boolean> {
    try {
      await ipc.caseRestore(id);
      this.report(null);
    } catch (error) {
      this.report(ipc.errorMessage(error));
      return false;
    }
    await Promise.all([this.refresh(), this.showTrash()]);
    return true;
  }
}
