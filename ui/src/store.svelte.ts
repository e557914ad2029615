// The state of the window: which framework is open, which page shows, what went wrong.
// One `AppState` per window (App creates it), so tests start from a clean slate. Every
// call to the backend goes through `ipc.ts`; this module decides what the UI does with
// the answer.

import * as ipc from './ipc';
import type { FrameworkView } from './bindings/FrameworkView';
import type { LevelRef } from './bindings/LevelRef';
import type { LevelView } from './bindings/LevelView';
import type { TermView } from './bindings/TermView';

/** What the main area shows. */
export type Page = 'loading' | 'failed' | 'home' | 'level';

export class AppState {
  /** The open framework, or null before one opened. */
  framework = $state.raw<FrameworkView | null>(null);
  /** The level the level page shows. */
  level = $state.raw<LevelView | null>(null);
  page = $state<Page>('loading');
  /** The sentence of the last failure, shown in the error banner. */
  error = $state<string | null>(null);
  /** What is being opened right now, for a quiet status line. */
  busy = $state<string | null>(null);
  diagnosticsOpen = $state(false);
  /** Hide expectations inherited from lower levels. */
  onlyNew = $state(false);
  /** The track whose role definition is open on the home page. */
  roleTrack = $state<string | null>(null);
  /** `TRACK/LEVEL` of the level last shown, so home can give its link the focus back. */
  returnTo = $state<string | null>(null);

  glossary: Map<string, TermView> = $derived(
    new Map((this.framework?.glossary ?? []).map((term) => [term.id, term])),
  );

  isBundled: boolean = $derived(this.framework?.source.kind === 'bundled');

  /** Counts every request, so an answer that arrives after a newer request is dropped. */
  #request = 0;

  /** Opens whatever the shell opens at startup. */
  start(): Promise<void> {
    return this.#openWith('Opening the framework…', () => ipc.openStartup());
  }

  /** Opens the framework built into Rung. */
  openBundled(): Promise<void> {
    return this.#openWith('Opening the bundled framework…', () =>
      ipc.openFramework({ kind: 'bundled' }),
    );
  }

  /** Lets the person pick a folder; nothing changes if they cancel. */
  chooseFolder(): Promise<void> {
    return this.#openWith('Opening the folder…', () => ipc.chooseFolder());
  }

  async #openWith(what: string, open: () => Promise<FrameworkView | null>): Promise<void> {
    const request = ++this.#request;
    this.busy = what;
    try {
      const framework = await open();
      if (request !== this.#request) return;
      if (framework === null) {
        // Cancelled: keep what is open.
        if (this.framework === null) this.page = 'failed';
        return;
      }
      this.framework = framework;
      this.level = null;
      this.page = 'home';
      this.error = null;
      this.roleTrack = null;
      this.returnTo = null;
      this.diagnosticsOpen = framework.errors > 0;
    } catch (error) {
      if (request !== this.#request) return;
      this.error = ipc.errorMessage(error);
      if (this.framework === null) this.page = 'failed';
    } finally {
      if (request === this.#request) this.busy = null;
    }
  }

  /** Shows one level of a track. */
  async openLevel(track: string, level: string): Promise<void> {
    const request = ++this.#request;
    this.busy = 'Opening the level…';
    try {
      const view = await ipc.levelView(track, level);
      if (request !== this.#request) return;
      this.level = view;
      this.page = 'level';
      this.error = null;
      this.returnTo = `${view.track_id}/${view.id}`;
    } catch (error) {
      if (request !== this.#request) return;
      this.error = ipc.errorMessage(error);
    } finally {
      if (request === this.#request) this.busy = null;
    }
  }

  /** Moves to the level below (`previous`) or above (`next`) the one shown. */
  step(direction: 'previous' | 'next'): Promise<void> {
    const level = this.level;
    if (this.page !== 'level' || level === null) return Promise.resolve();
    const target: LevelRef | null = level[direction];
    if (target === null) return Promise.resolve();
    return this.openLevel(level.track_id, target.id);
  }

  /** Back to the tracks and levels. */
  goHome(): void {
    if (this.framework === null) return;
    // An answer still on its way must not pull the person back to a level.
    this.#request++;
    this.busy = null;
    this.page = 'home';
  }

  toggleRole(track: string): void {
    this.roleTrack = this.roleTrack === track ? null : track;
  }

  /** Opens an address outside the app in the system's browser. */
  async openExternal(url: string): Promise<void> {
    try {
      await ipc.openExternal(url);
    } catch (error) {
      this.error = ipc.errorMessage(error);
    }
  }

  dismissError(): void {
    this.error = null;
  }
}
