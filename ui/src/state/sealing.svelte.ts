// Encryption in transit, as the window asks for it: before a file of case data is saved,
// how to lock it (`choose`); when an import finds a file encrypted with a passphrase, the
// passphrase (`askPassphrase`). One question at a time, answered by `SealDialog.svelte`.
// A passphrase typed to open a file goes to the shell for that import only; none is kept.

import type { AppError } from '../bindings/AppError';
import type { SealChoice } from '../bindings/SealChoice';

/** The question the window shows now, if any. */
export type SealQuestion =
  | { kind: 'choose'; title: string; answer: (choice: SealChoice | null) => void }
  | { kind: 'passphrase'; message: string; answer: (passphrase: string | null) => void };

/** The fewest and most characters of a passphrase a file is sealed with (the shell checks too). */
export const MIN_PASSPHRASE = 8;
export const MAX_PASSPHRASE = 1024;

export class Sealing {
  question = $state<SealQuestion | null>(null);
  /** The public keys the last file was encrypted to in this session, offered again. */
  lastKeys = $state<string[]>([]);

  /** How to lock the file about to be saved; `null` when the person cancelled. */
  choose(title: string): Promise<SealChoice | null> {
    return new Promise((resolve) => {
      this.question = {
        kind: 'choose',
        title,
        answer: (choice) => {
          this.question = null;
          resolve(choice);
        },
      };
    });
  }

  /** The passphrase of the file being imported, after `message`; `null` when cancelled. */
  askPassphrase(message: string): Promise<string | null> {
    return new Promise((resolve) => {
      this.question = {
        kind: 'passphrase',
        message,
        answer: (passphrase) => {
          this.question = null;
          resolve(passphrase);
        },
      };
    });
  }

  /** Saves with `save` once the person chose how to lock the file; `null` if they cancelled. */
  async save<T>(title: string, save: (seal: SealChoice) => Promise<T | null>): Promise<T | null> {
    const choice = await this.choose(title);
    if (choice === null) return null;
    return save(choice);
  }

  /**
   * Imports with `open`: first with the person's own key only; when the file needs a
   * passphrase (or the one typed does not open it), asks for it and tries again with it.
   * `null` when the person cancelled.
   */
  async open<T>(open: (passphrase: string | null) => Promise<T | null>): Promise<T | null> {
    let passphrase: string | null = null;
    for (;;) {
      try {
        return await open(passphrase);
      } catch (error) {
        if (!needsPassphrase(error)) throw error;
        passphrase = await this.askPassphrase((error as AppError).message);
        if (passphrase === null) return null;
      }
    }
  }
}

function needsPassphrase(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as AppError).kind === 'passphrase';
}

/** Whether `text` looks like a public key, before the shell checks it: `age1` and 58 more letters or digits. */
export function looksLikeKey(text: string): boolean {
  return /^age1[0-9a-z]{58}$/.test(text.trim());
}

/** The one question asker of the window. */
export const sealing = new Sealing();
