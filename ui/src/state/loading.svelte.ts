// How far opening a framework has got, as the shell says (`loadStatus`): files read,
// then the framework put together, then the search index built in the background after
// the first screen shows. Asked for every POLL_MS while a framework opens, and not at
// all once search is ready, so an idle window asks nothing.

import * as ipc from '../ipc';
import type { LoadStatus } from '../bindings/LoadStatus';

/** How often the shell is asked while a framework opens. */
export const POLL_MS = 200;

const READY: LoadStatus = { stage: 'ready' };

/** A count as people read it: 320,000. */
function count(n: number): string {
  return n.toLocaleString('en');
}

/** Where opening is, in words; null once search is ready. */
export function loadingText(status: LoadStatus): string | null {
  switch (status.stage) {
    case 'reading':
      return status.total > 0
        ? `Reading files: ${count(status.read)} of ${count(status.total)}…`
        : 'Reading files…';
    case 'assembling':
      return `Putting together ${count(status.files)} files…`;
    case 'indexing':
      return `Still indexing ${count(status.expectations)} expectations for search…`;
    case 'ready':
      return null;
  }
}

export class LoadingState {
  /** The latest answer of the shell. */
  status = $state.raw<LoadStatus>(READY);

  /** Whether the shell is being asked now. */
  #polling = false;
  /** Openings asked of the shell and not yet answered: until then its "ready" is the last framework's. */
  #opening = 0;
  /** Resolved when search is ready; kept while a framework opens. */
  #waiters: (() => void)[] = [];

  /** Whether search is ready (nothing is opening). */
  get ready(): boolean {
    return this.status.stage === 'ready';
  }

  /** What the window says about it, or null when there is nothing to say. */
  get text(): string | null {
    return loadingText(this.status);
  }

  /** A framework starts opening: ask the shell how far it has got until it is open and search is ready. */
  begin(): void {
    this.#opening++;
    if (this.ready) this.status = { stage: 'reading', read: 0, total: 0 };
    if (!this.#polling) void this.#poll();
  }

  /** The shell answered an opening (shown, failed or cancelled): ask on until search is ready. */
  settle(): void {
    this.#opening = Math.max(0, this.#opening - 1);
    if (!this.#polling) void this.#poll();
  }

  /** Resolves once search is ready: at once when it is. */
  untilReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async #poll(): Promise<void> {
    this.#polling = true;
    for (;;) {
      try {
        this.status = await ipc.loadStatus();
      } catch {
        // The shell cannot say: searching then simply waits for the index itself.
        this.status = READY;
      }
      // Asked before the shell began the opening, it still says the last one is ready.
      if (this.ready && this.#opening === 0) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    this.#polling = false;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
