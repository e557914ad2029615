// Encryption in transit, in the window: how a file is locked before it is saved (encrypted
// by default, plain only by a deliberate second choice), the passphrase asked on import,
// and the person's public key with its copy button.

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../src/bindings/AppError';
import type { SealChoice as Choice } from '../src/bindings/SealChoice';
import * as ipc from '../src/ipc';
import KeyPanel from '../src/components/KeyPanel.svelte';
import SealDialog from '../src/components/SealDialog.svelte';
import { looksLikeKey, Sealing } from '../src/state/sealing.svelte';

const KEY = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
const MINE = 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj';

type Calls = { cmd: string; args: Record<string, unknown> }[];

function shell(handlers: Record<string, (args: Record<string, unknown>) => unknown>): Calls {
  const calls: Calls = [];
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: payload });
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unexpected command ${cmd}`);
    return handler(payload);
  });
  return calls;
}

/** The dialog, asked how to lock a file; resolves to what the person chose. */
function choosing(): { sealing: Sealing; chosen: Promise<Choice | null> } {
  const sealing = new Sealing();
  render(SealDialog, { sealing });
  const chosen = sealing.choose('Export the case');
  return { sealing, chosen };
}

afterEach(() => cleanup());

describe('how a file is locked before it is saved', () => {
  it('encrypts by default, to keys checked as they are typed and by the shell', async () => {
    const calls = shell({ check_public_key: () => null, my_public_key: () => MINE });
    const { chosen } = choosing();
    await screen.findByRole('heading', { name: 'Export the case' });
    expect((document.getElementById('seal-mode-keys') as HTMLInputElement).checked).toBe(true);
    const encrypt = screen.getByRole('button', { name: 'Encrypt and save…' }) as HTMLButtonElement;
    expect(encrypt.disabled, 'no key yet').toBe(true);
    const keys = screen.getByLabelText(/Public keys, one a line/);
    await fireEvent.input(keys, { target: { value: 'age1nope' } });
    expect(document.getElementById('seal-keys-note')?.textContent).toContain(
      'Not a public key: age1nope. A public key starts with age1 and has 62 characters.',
    );
    expect(encrypt.disabled).toBe(true);
    await fireEvent.input(keys, { target: { value: `${KEY}\n` } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add my own key' }));
    await waitFor(() => expect((keys as HTMLTextAreaElement).value).toBe(`${KEY}\n${MINE}`));
    expect(encrypt.disabled).toBe(false);
    await fireEvent.click(encrypt);
    expect(await chosen).toEqual({ plain: false, to: [KEY, MINE] });
    expect(calls.filter((c) => c.cmd === 'check_public_key').map((c) => c.args.key)).toEqual([KEY, MINE]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("says the shell's refusal of a key and saves nothing", async () => {
    shell({
      check_public_key: () => {
        throw { kind: 'refused', message: 'That is not a valid age public key.' } satisfies AppError;
      },
    });
    const { chosen } = choosing();
    let settled = false;
    void chosen.then(() => (settled = true));
    await fireEvent.input(await screen.findByLabelText(/Public keys, one a line/), { target: { value: KEY } });
    await fireEvent.click(screen.getByRole('button', { name: 'Encrypt and save…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That is not a valid age public key.');
    expect(settled, 'nothing saved').toBe(false);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('takes a passphrase only when typed twice alike and long enough', async () => {
    shell({});
    const { chosen } = choosing();
    await fireEvent.click(await screen.findByLabelText('A passphrase'));
    const encrypt = screen.getByRole('button', { name: 'Encrypt and save…' }) as HTMLButtonElement;
    await fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'short' } });
    expect(document.getElementById('seal-passphrase-note')?.textContent).toContain('A passphrase needs at least 8 characters.');
    await fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'our committee' } });
    await fireEvent.input(screen.getByLabelText('The same passphrase again'), { target: { value: 'our comittee' } });
    expect(document.getElementById('seal-passphrase-note')?.textContent).toContain('The two passphrases differ.');
    expect(encrypt.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText('The same passphrase again'), { target: { value: 'our committee' } });
    expect(encrypt.disabled).toBe(false);
    await fireEvent.click(encrypt);
    expect(await chosen).toEqual({ plain: false, to: [], passphrase: 'our committee' });
  });

  it('saves plain only after a second, deliberate choice that says who can read it', async () => {
    shell({});
    const { chosen } = choosing();
    let settled = false;
    void chosen.then(() => (settled = true));
    await fireEvent.click(await screen.findByRole('button', { name: 'Save without encryption instead' }));
    expect(screen.getByText(/Anyone who gets the file can read it/)).toBeTruthy();
    await Promise.resolve();
    expect(settled, 'the first click only warns').toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Save without encryption…' }));
    expect(await chosen).toEqual({ plain: true, to: [] });
  });

  it('saves nothing when cancelled', async () => {
    shell({});
    const { chosen } = choosing();
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await chosen).toBeNull();
  });

  it('knows a public key by its look before the shell checks it', () => {
    expect(looksLikeKey(KEY)).toBe(true);
    expect(looksLikeKey(` ${KEY} `)).toBe(true);
    expect(looksLikeKey('AGE-SECRET-KEY-1QQQ')).toBe(false);
    expect(looksLikeKey(KEY.slice(0, -1))).toBe(false);
  });
});

describe('the passphrase asked on import', () => {
  const PASS = 'our committee';

  function importing(changed = false): { calls: Calls; opened: Promise<unknown> } {
    const calls = shell({
      case_import: ({ passphrase }) => {
        if (passphrase === undefined) {
          throw { kind: 'passphrase', message: 'This file is encrypted with a passphrase. Type the passphrase the sender gave you.' } satisfies AppError;
        }
        if (changed) {
          throw { kind: 'refused', message: 'case.json.age: this file was changed in transit or is damaged, so it was not opened: ask the sender for it again' } satisfies AppError;
        }
        if (passphrase !== PASS) {
          throw { kind: 'passphrase', message: 'That passphrase does not open this file. Check it and try again.' } satisfies AppError;
        }
        return { opened: true };
      },
    });
    const sealing = new Sealing();
    render(SealDialog, { sealing });
    return { calls, opened: sealing.open((passphrase) => ipc.caseImport(passphrase)) };
  }

  it('asks, says when the passphrase is wrong and asks again, then opens the file', async () => {
    const { calls, opened } = importing();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This file is encrypted with a passphrase. Type the passphrase the sender gave you.',
    );
    await fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'guess' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('That passphrase does not open this file. Check it and try again.'),
    );
    expect((screen.getByLabelText('Passphrase') as HTMLInputElement).value, 'not kept in the field').toBe('');
    await fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: PASS } });
    await fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(await opened).toEqual({ opened: true });
    expect(calls.map((c) => c.args)).toEqual([{}, { passphrase: 'guess' }, { passphrase: PASS }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('refuses a file changed in transit in the words of the shell', async () => {
    const { opened } = importing(true);
    await fireEvent.input(await screen.findByLabelText('Passphrase'), { target: { value: PASS } });
    await fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    await expect(opened).rejects.toEqual({
      kind: 'refused',
      message: 'case.json.age: this file was changed in transit or is damaged, so it was not opened: ask the sender for it again',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('imports nothing when the person cancels', async () => {
    const { calls, opened } = importing();
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await opened).toBeNull();
    expect(calls).toHaveLength(1);
  });
});

describe("the person's key", () => {
  it('shows the public key with a button that copies it through the shell', async () => {
    const calls = shell({
      my_public_key: () => MINE,
      recipients_list: () => ({ people: [], problems: [] }),
      'plugin:clipboard-manager|write_text': () => null,
    });
    render(KeyPanel);
    expect((await screen.findByText(MINE)).id).toBe('my-key');
    expect(screen.getByText(/Send this to whoever sends you case files/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
    expect(calls.filter((c) => c.cmd === 'plugin:clipboard-manager|write_text').map((c) => c.args.text)).toEqual([MINE]);
  });

  it('says so, and keeps the key to select by hand, when the clipboard cannot be written', async () => {
    shell({
      my_public_key: () => MINE,
      recipients_list: () => ({ people: [], problems: [] }),
      'plugin:clipboard-manager|write_text': () => {
        throw new Error('no clipboard');
      },
    });
    render(KeyPanel);
    await fireEvent.click(await screen.findByRole('button', { name: 'Copy' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Rung could not copy the key; select it and copy it by hand.');
    expect(screen.queryByRole('button', { name: 'Copied' }), 'not said to be copied').toBeNull();
    expect(screen.getByText(MINE).id).toBe('my-key');
  });
});
