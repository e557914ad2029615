// The people whose public keys are saved by name: offered as checkboxes when a file is
// encrypted, a typed key saved under a name in the same step, and listed with Remove
// under "My key…".

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedPeople } from '../src/bindings/SavedPeople';
import type { SealChoice as Choice } from '../src/bindings/SealChoice';
import PeoplePanel from '../src/components/PeoplePanel.svelte';
import SealDialog from '../src/components/SealDialog.svelte';
import { Sealing } from '../src/state/sealing.svelte';

const ANA = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
const BO = 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj';
const CY = 'age1lggyhqrw2nlhcxprm67z43rta597azn8gknawjehu9d9dl0jq3yqqvfafg';

type Calls = { cmd: string; args: Record<string, unknown> }[];

/** The shell with an address book of Ana and Bo, changed by the commands that change it. */
function shell(): Calls {
  const calls: Calls = [];
  let book: SavedPeople = {
    people: [
      { name: 'Ana Lima', key: ANA },
      { name: 'Bo Chen', key: BO },
    ],
    problems: [],
  };
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: payload });
    switch (cmd) {
      case 'recipients_list':
        return book;
      case 'check_public_key':
        return null;
      case 'recipient_save':
        book = { ...book, people: [...book.people, { name: payload.name as string, key: payload.key as string }] };
        return book;
      case 'recipient_remove':
        book = { ...book, people: book.people.filter((p) => p.name !== payload.name) };
        return book;
      default:
        throw new Error(`unexpected command ${cmd}`);
    }
  });
  return calls;
}

function choosing(sealing = new Sealing()): Promise<Choice | null> {
  render(SealDialog, { sealing });
  return sealing.choose('Export the case');
}

afterEach(() => cleanup());

describe('saved people in the encryption dialog', () => {
  it('offers the saved people by name, with the start of their key', async () => {
    const calls = shell();
    const chosen = choosing();
    const ana = (await screen.findByLabelText(/Ana Lima/)) as HTMLInputElement;
    expect(ana.type).toBe('checkbox');
    expect(ana.checked).toBe(false);
    expect(ana.closest('label')?.querySelector('.seal-key-start')?.textContent).toBe('age1ql3z7hjy…');
    const encrypt = screen.getByRole('button', { name: 'Encrypt and save…' }) as HTMLButtonElement;
    expect(encrypt.disabled, 'no one chosen yet').toBe(true);
    await fireEvent.click(screen.getByLabelText(/Bo Chen/));
    expect(encrypt.disabled).toBe(false);
    await fireEvent.click(encrypt);
    expect(await chosen).toEqual({ plain: false, to: [BO] });
    expect(calls.filter((c) => c.cmd === 'recipient_save')).toEqual([]);
  });

  it('takes saved people and typed keys together, and saves a typed key under the name given', async () => {
    const calls = shell();
    const sealing = new Sealing();
    const chosen = choosing(sealing);
    await fireEvent.click(await screen.findByLabelText(/Ana Lima/));
    await fireEvent.input(screen.getByLabelText(/Other public keys, one a line/), { target: { value: CY } });
    const name = await screen.findByPlaceholderText('their name (optional)');
    expect(name.closest('label')?.textContent).toContain('age1lggyhqrw…');
    await fireEvent.input(name, { target: { value: ' Cy Diaz ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Encrypt and save…' }));
    expect(await chosen).toEqual({ plain: false, to: [ANA, CY] });
    expect(calls.filter((c) => c.cmd === 'recipient_save').map((c) => c.args)).toEqual([{ name: 'Cy Diaz', key: CY }]);
    expect(calls.filter((c) => c.cmd === 'check_public_key').map((c) => c.args.key)).toEqual([CY]);

    // Offered again, Ana is ticked by her name, not repeated as a typed key.
    cleanup();
    sealing.lastKeys = [ANA, CY];
    const again = choosing(sealing);
    await waitFor(() => expect((screen.getByLabelText(/Cy Diaz/) as HTMLInputElement).checked).toBe(true));
    expect((screen.getByLabelText(/Ana Lima/) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText(/Other public keys/) as HTMLTextAreaElement).value).toBe('');
    await fireEvent.click(screen.getByRole('button', { name: 'Encrypt and save…' }));
    expect(await again).toEqual({ plain: false, to: [ANA, CY] });
  });

  it('does not give a saved name another key from the dialog', async () => {
    const calls = shell();
    const chosen = choosing();
    let settled = false;
    void chosen.then(() => (settled = true));
    await fireEvent.input(await screen.findByLabelText(/Other public keys/), { target: { value: CY } });
    await fireEvent.input(await screen.findByPlaceholderText('their name (optional)'), { target: { value: 'ana lima' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Encrypt and save…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('ana lima is saved already; choose another name, or leave it empty.');
    expect(settled).toBe(false);
    expect(calls.filter((c) => c.cmd === 'recipient_save')).toEqual([]);
  });
});

describe('the list of saved people', () => {
  it('lists each person with the start of their key, and removes one', async () => {
    const calls = shell();
    render(PeoplePanel);
    const list = await screen.findByRole('list');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Ana Lima age1ql3z7hjy… Remove',
      'Bo Chen age1zvkyg2lq… Remove',
    ]);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove Ana Lima' }));
    await waitFor(() => expect(screen.queryByText('Ana Lima')).toBeNull());
    expect(screen.getByText('Bo Chen')).toBeTruthy();
    expect(calls.filter((c) => c.cmd === 'recipient_remove').map((c) => c.args)).toEqual([{ name: 'Ana Lima' }]);
  });

  it('says when no one is saved, and which lines of the file were skipped', async () => {
    mockIPC((cmd) => {
      if (cmd !== 'recipients_list') throw new Error(`unexpected command ${cmd}`);
      return { people: [], problems: ['/data/recipients.txt:3:1: a public key without a name'] } satisfies SavedPeople;
    });
    render(PeoplePanel);
    expect((await screen.findByText(/No one is saved yet/)).id).toBe('people-none');
    expect(screen.getByText('Skipped: /data/recipients.txt:3:1: a public key without a name')).toBeTruthy();
  });
});
