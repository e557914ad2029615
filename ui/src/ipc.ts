// The one door to the Rust side. Every `@tauri-apps/*` import of the UI lives here:
// one typed wrapper per command, in the order of the shell's `generate_handler!`.
// A command that fails rejects with an `AppError` (`{ kind, message }`); `errorMessage`
// turns whatever a rejection carries into a sentence a person can read.

import { Channel, invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { writeText } from '@tauri-apps/plugin-clipboard-manager';
import type { AboutView } from './bindings/AboutView';
import type { AppError } from './bindings/AppError';
import type { Arrived } from './bindings/Arrived';
import type { BackupsView } from './bindings/BackupsView';
import type { BandComparison } from './bindings/BandComparison';
import type { Calibration } from './bindings/Calibration';
import type { Case } from './bindings/Case';
import type { CaseSummary } from './bindings/CaseSummary';
import type { CaseView } from './bindings/CaseView';
import type { Draft } from './bindings/Draft';
import type { Edit } from './bindings/Edit';
import type { ExportFormat } from './bindings/ExportFormat';
import type { Filters } from './bindings/Filters';
import type { FileToOpen } from './bindings/FileToOpen';
import type { FrameworkSource } from './bindings/FrameworkSource';
import type { FrameworkView } from './bindings/FrameworkView';
import type { HistoryEntry } from './bindings/HistoryEntry';
import type { ImportColumn } from './bindings/ImportColumn';
import type { ImportProgress } from './bindings/ImportProgress';
import type { ImportReportView } from './bindings/ImportReportView';
import type { ImportSourceView } from './bindings/ImportSourceView';
import type { LevelDelta } from './bindings/LevelDelta';
import type { LastView } from './bindings/LastView';
import type { LevelView } from './bindings/LevelView';
import type { LicensesView } from './bindings/LicensesView';
import type { LoadStatus } from './bindings/LoadStatus';
import type { NewCase } from './bindings/NewCase';
import type { OpenedRequest } from './bindings/OpenedRequest';
import type { Restored } from './bindings/Restored';
import type { SavedPeople } from './bindings/SavedPeople';
import type { SealChoice } from './bindings/SealChoice';
import type { Results } from './bindings/Results';
import type { Reviewer } from './bindings/Reviewer';
import type { Selection } from './bindings/Selection';
import type { Trashed } from './bindings/Trashed';
import type { View } from './bindings/View';

// Generated from the Rust types; re-exported for the pages that start and export cases.
export type { ExportFormat, NewCase };

/** Opens the folder given on the command line, else the remembered one, else the bundled framework. */
export function openStartup(): Promise<FrameworkView> {
  return invoke<FrameworkView>('open_startup');
}

/** Opens a framework from its source. */
export function openFramework(source: FrameworkSource): Promise<FrameworkView> {
  return invoke<FrameworkView>('open_framework', { source });
}

/** Shows the native folder picker and opens the chosen folder; `null` if the person cancelled. */
export function chooseFolder(): Promise<FrameworkView | null> {
  return invoke<FrameworkView | null>('choose_folder');
}

/** How far opening the framework has got: files read, then indexing for search, then ready. */
export function loadStatus(): Promise<LoadStatus> {
  return invoke<LoadStatus>('load_status');
}

/**
 * Asks the person for a framework written elsewhere, a file or (with `folder`) a folder,
 * and resolves to what it is (the format detected, a CSV's columns); `null` if they cancelled.
 * With `waiting`, the source is the page handed to Rung that the shell named so.
 */
export function frameworkImportSource(folder: boolean, waiting: number | null = null): Promise<ImportSourceView | null> {
  return invoke<ImportSourceView | null>('framework_import_source', { folder, ...handed(waiting) });
}

/**
 * Asks the person for an empty folder, imports the source picked with
 * `frameworkImportSource` there and resolves to the report; `null` if they cancelled.
 * `from` names the format (`csv`, `markdown`, `progression`, `yaml`, `rung-html`) instead
 * of detecting it, `columns` a CSV's column roles; `onProgress` hears how far it has got.
 */
export function frameworkImport(
  from: string | null,
  columns: ImportColumn[],
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportReportView | null> {
  const progress = new Channel<ImportProgress>(onProgress);
  return invoke<ImportReportView | null>('framework_import', { from, columns, progress });
}

/** One level of the open framework, as the level page shows it. */
export function levelView(track: string, level: string): Promise<LevelView> {
  return invoke<LevelView>('level_view', { track, level });
}

/** What changes from level `from` of a track to `to` (the next level when `to` is null). */
export function levelDelta(track: string, from: string, to: string | null): Promise<LevelDelta> {
  return invoke<LevelDelta>('level_delta', { track, from, to });
}

/** Every track's level on band `band`, side by side. */
export function bandComparison(band: number): Promise<BandComparison> {
  return invoke<BandComparison>('band_comparison', { band });
}

/** The best hits (at most 30) for what the person typed, narrowed by `filters`. */
export function search(query: string, filters: Filters): Promise<Results> {
  return invoke<Results>('search', { query, filters });
}

/** Opens an http(s) or mailto address in the system's browser or mail program. */
export function openExternal(url: string): Promise<void> {
  return invoke<void>('open_external', { url });
}

/** Remembers the page the person is on, to show it again at the next launch. */
export function rememberView(view: LastView): Promise<void> {
  return invoke<void>('remember_view', { view });
}

/** The page the person was on when Rung last closed, if it belongs with the open framework. */
export function lastView(): Promise<LastView | null> {
  return invoke<LastView | null>('last_view');
}

/** Every case, for the list. */
export function casesList(): Promise<CaseSummary[]> {
  return invoke<CaseSummary[]>('cases_list');
}

/** Starts a case on the open framework. */
export function caseNew(c: NewCase): Promise<CaseView> {
  return invoke<CaseView>('case_new', { case: c });
}

/** One case, with its gaps, weak evidence and drift. */
export function caseView(id: string): Promise<CaseView> {
  return invoke<CaseView>('case_view', { id });
}

/**
 * Applies one edit to a case shown at `revision`; resolves to the case as it is now.
 * Rejects with kind `stale` when the case changed since that revision.
 */
export function caseEdit(
  id: string,
  revision: number | null,
  edit: Edit,
  draft: string | null = null,
): Promise<CaseView> {
  return invoke<CaseView>('case_edit', { id, revision, edit, draft });
}

/** What was typed into a case's forms and not saved yet, one draft per form. */
export function caseDrafts(id: string): Promise<Draft[]> {
  return invoke<Draft[]>('case_drafts', { id });
}

/** Keeps what is being typed into `form` of a case shown at `revision`; blank fields drop it. */
export function caseDraftSave(
  id: string,
  form: string,
  fields: Record<string, string>,
  revision: number,
): Promise<void> {
  return invoke<void>('case_draft_save', { id, form, fields, revision });
}

/** Forgets the draft of one form of a case, or of every form when `form` is null. */
export function caseDraftDiscard(id: string, form: string | null): Promise<void> {
  return invoke<void>('case_draft_discard', { id, form });
}

/** Every change made to a case, oldest first. */
export function caseHistory(id: string): Promise<HistoryEntry[]> {
  return invoke<HistoryEntry[]>('case_history', { id });
}

/**
 * Saves a case as a file the person picks in the system's save dialog; resolves to where
 * it went, or `null` if they cancelled.
 */
export function caseSave(id: string, format: ExportFormat, blind: boolean, seal: SealChoice): Promise<string | null> {
  return invoke<string | null>('case_save', { id, format, blind, seal });
}

/**
 * Takes a self-assessment file the person picks into a case shown at `revision`;
 * resolves to the case as it is now, or `null` if they cancelled.
 */
export function caseImportSelf(id: string, revision: number | null, passphrase: string | null = null): Promise<CaseView | null> {
  return invoke<CaseView | null>('case_import_self', { id, revision, ...opening(passphrase) });
}

/**
 * Saves a request for a specialist's view of `expectations` as a file the person picks
 * (blind: the alias, no links); resolves to the file's name, or `null` if they cancelled.
 */
export function caseRequestSave(id: string, expectations: string[], blind: boolean, seal: SealChoice): Promise<string | null> {
  return invoke<string | null>('case_request_save', { id, expectations, blind, seal });
}

/**
 * Takes a specialist's answer file the person picks into a case shown at `revision`;
 * resolves to the case as it is now, or `null` if they cancelled.
 */
export function caseImportView(id: string, revision: number | null, passphrase: string | null = null): Promise<CaseView | null> {
  return invoke<CaseView | null>('case_import_view', { id, revision, ...opening(passphrase) });
}

/**
 * Brings in a case file the person picks, or with `waiting` the file handed to Rung that
 * the shell named so: a case is added; a reviewer's copy is taken into its case when this
 * computer holds it, or else comes back to be rated. `null` if they cancelled.
 */
export function caseImport(passphrase: string | null = null, waiting: number | null = null): Promise<Arrived | null> {
  return invoke<Arrived | null>('case_import', { ...opening(passphrase), ...handed(waiting) });
}

/**
 * Saves a copy of a case for `reviewer` to rate on their own (its expectations and
 * evidence, no one's ratings) where the person picks; resolves to where it went, or
 * `null` if they cancelled.
 */
export function caseReviewExport(id: string, reviewer: Reviewer, seal: SealChoice): Promise<string | null> {
  return invoke<string | null>('case_review_export', { id, reviewer, seal });
}

/**
 * Takes a reviewer's rated copy the person picks into a case; resolves to the case as it
 * is now, or `null` if they cancelled.
 */
export function caseImportReview(id: string, passphrase: string | null = null): Promise<CaseView | null> {
  return invoke<CaseView | null>('case_import_review', { id, ...opening(passphrase) });
}

/** Moves a case to the trash, where it can be restored for 30 days. */
export function caseDelete(id: string): Promise<void> {
  return invoke<void>('case_delete', { id });
}

/** The cases in the trash, the most recently deleted first. */
export function casesTrash(): Promise<Trashed[]> {
  return invoke<Trashed[]>('cases_trash');
}

/** Takes a case out of the trash. */
export function caseRestore(id: string): Promise<void> {
  return invoke<void>('case_restore', { id });
}

/** Opens a specialist request the person picks, to answer it; `null` if they cancelled. */
export function specialistRequestOpen(passphrase: string | null = null): Promise<OpenedRequest | null> {
  return invoke<OpenedRequest | null>('specialist_request_open', opening(passphrase));
}

/**
 * Saves the answer to the request `text` with `view` filled in, checked as importing it
 * will check it, where the person picks; resolves to the file's name, or `null` if they
 * cancelled.
 */
export function specialistAnswerSave(text: string, view: View, seal: SealChoice): Promise<string | null> {
  return invoke<string | null>('specialist_answer_save', { text, view, seal });
}

/** Opens a reviewer's copy of a case the person picks, to rate it; `null` if they cancelled. */
export function reviewOpen(passphrase: string | null = null): Promise<Case | null> {
  return invoke<Case | null>('review_open', opening(passphrase));
}

/**
 * Saves a reviewer's rated copy, checked as importing it will check it, where the person
 * picks; resolves to where it went, or `null` if they cancelled.
 */
export function reviewSave(review: Case, seal: SealChoice): Promise<string | null> {
  return invoke<string | null>('review_save', { review, seal });
}

/**
 * The cases `selection` picks side by side, with their warnings: blind unless `reveal`
 * (a reveal is recorded in each case's history, the first time this session).
 */
export function calibrationView(selection: Selection, reveal: boolean): Promise<Calibration> {
  return invoke<Calibration>('calibration_view', { selection, reveal });
}

/**
 * Acknowledges the warning `key` with `reason` in every case it names; resolves to the
 * calibration as it is now, blind.
 */
export function calibrationAcknowledge(selection: Selection, key: string, reason: string): Promise<Calibration> {
  return invoke<Calibration>('calibration_acknowledge', { selection, key, reason });
}

/**
 * Changes the owner's rating of `expectation` in a case during calibration, with the
 * reason; rejects with kind `stale` when the case changed since `revision` (when given).
 */
export function calibrationRecalibrate(
  caseId: string,
  revision: number | null,
  expectation: string,
  rating: string,
  reason: string,
): Promise<void> {
  return invoke<void>('calibration_recalibrate', { caseId, revision, expectation, rating, reason });
}

/**
 * Saves the blind calibration packet of `selection` (printable HTML, no names) where the
 * person picks; resolves to where it went, or `null` if they cancelled.
 */
export function calibrationPacketSave(selection: Selection, seal: SealChoice): Promise<string | null> {
  return invoke<string | null>('calibration_packet_save', { selection, seal });
}

/** The person's public key (`age1…`), made on first use; others encrypt files for them to it. */
export function myPublicKey(): Promise<string> {
  return invoke<string>('my_public_key');
}

/** Checks a public key as the person types it; rejects with why when it is not one. */
export function checkPublicKey(key: string): Promise<void> {
  return invoke<void>('check_public_key', { key });
}

/** The people whose public keys are saved by name, to encrypt files to. */
export function recipientsList(): Promise<SavedPeople> {
  return invoke<SavedPeople>('recipients_list');
}

/** Saves a public key under a name (a name already saved gets the new key); the people saved. */
export function recipientSave(name: string, key: string): Promise<SavedPeople> {
  return invoke<SavedPeople>('recipient_save', { name, key });
}

/** Forgets the public key saved under a name; the people still saved. */
export function recipientRemove(name: string): Promise<SavedPeople> {
  return invoke<SavedPeople>('recipient_remove', { name });
}

/** The case database, checked (`damaged` says what is wrong), and its backups, newest first. */
export function casesBackups(): Promise<BackupsView> {
  return invoke<BackupsView>('cases_backups');
}

/**
 * Puts a listed backup in place of the case database, after checking it; the cases it
 * replaces are kept (a damaged database is moved aside, untouched).
 */
export function casesRestore(file: string): Promise<Restored> {
  return invoke<Restored>('cases_restore', { file });
}

/** "About Rung": version, commit, the bundled framework, where data and settings live. */
export function about(): Promise<AboutView> {
  return invoke<AboutView>('about');
}

/** The licences of the crates and npm packages this build ships, generated when it was built. */
export function aboutLicenses(): Promise<LicensesView> {
  return invoke<LicensesView>('about_licenses');
}

/** Opens the data folder in the system's file manager (created first when missing). */
export function openDataFolder(): Promise<void> {
  return invoke<void>('open_data_folder');
}

/**
 * The file handed to Rung (double-clicked, or named when it started) that waits for the
 * window to open it, if any; the window asks when it starts.
 */
export function pendingOpen(): Promise<FileToOpen | null> {
  return invoke<FileToOpen | null>('pending_open');
}

/**
 * Calls `handler` with the reloaded framework whenever a file of the open folder changes
 * on disk (the shell's `framework-changed` event). Resolves to a function that stops it.
 */
export function onFrameworkChanged(handler: (framework: FrameworkView) => void): Promise<UnlistenFn> {
  return listen<FrameworkView>('framework-changed', (event) => handler(event.payload));
}

/**
 * Calls `handler` with each file handed to Rung while the window is up (the shell's
 * `open-file` event: a second launch, or the system). Resolves to a function that stops it.
 */
export function onOpenFile(handler: (file: FileToOpen) => void): Promise<UnlistenFn> {
  return listen<FileToOpen>('open-file', (event) => handler(event.payload));
}

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/**
 * The passphrase argument of an import: sent only when the person typed one for this
 * file (the shell then opens the file waiting for it), and never kept.
 */
function opening(passphrase: string | null): { passphrase?: string } {
  return passphrase === null ? {} : { passphrase };
}

/** The file handed to Rung that an import opens, by the number the shell gave it; never a path. */
function handed(waiting: number | null): { waiting?: number } {
  return waiting === null ? {} : { waiting };
}

/** The sentence to show for a failed command, never a raw object. */
export function errorMessage(error: unknown): string {
  if (isAppError(error) && error.message.trim() !== '') return error.message;
  if (typeof error === 'string' && error.trim() !== '') return error;
  return 'Something went wrong inside Rung. Try again, and if it keeps happening, restart the app.';
}

/**
 * Writes `text` to the system clipboard through the shell's clipboard plugin (WebKitGTK
 * refuses the web clipboard); rejects when it could not.
 */
export function copyText(text: string): Promise<void> {
  return writeText(text);
}
