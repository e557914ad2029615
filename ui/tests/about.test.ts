// "About Rung" against a mocked backend: reached from the header, it shows the version,
// the commit, the bundled framework's hash and the folders; Copy puts the version line on
// the clipboard; "Open data folder" asks the shell; the licences list every package with
// its licence and fold the texts by licence, each text with the packages that ship it.

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AboutView } from '../src/bindings/AboutView';
import type { AppError } from '../src/bindings/AppError';
import type { LicensesView } from '../src/bindings/LicensesView';
import { groupTexts } from '../src/lib/licenses';
import { startApp } from './harness';

const about: AboutView = {
  version: '0.1.0',
  commit: '1a2b3c4',
  framework: { name: 'Rung default framework', version: '2026.1', hash: '9f86d081884c' },
  data_dir: '/home/ana/.local/share/rung',
  config_dir: '/home/ana/.config/rung',
  platform: 'linux x86_64',
  tauri_version: '2.9.5',
  webview_version: '2.48.1',
  version_line:
    'Rung 0.1.0 (1a2b3c4) · linux x86_64 · framework Rung default framework 2026.1 (9f86d081884c) · Tauri 2.9.5 · WebView 2.48.1',
};

const licenses: LicensesView = {
  crates: {
    generator: 'cargo-about 0.9.3',
    packages: [
      { name: 'serde', version: '1.0.228', license: 'MIT OR Apache-2.0', texts: [0] },
      { name: 'tauri', version: '2.9.5', license: 'Apache-2.0 OR MIT', texts: [0] },
      { name: 'unicode-ident', version: '1.0.22', license: '(MIT OR Apache-2.0) AND Unicode-3.0', texts: [0, 1] },
    ],
    texts: [
      { license: 'Apache-2.0', text: 'Apache License\nVersion 2.0' },
      { license: 'Unicode-3.0', text: 'UNICODE LICENSE V3' },
    ],
  },
  npm: {
    generator: 'rollup-plugin-license 3.7.1',
    packages: [{ name: 'svelte', version: '5.57.3', license: 'MIT', texts: [0] }],
    texts: [{ license: 'MIT', text: 'Copyright (c) 2016-2025 Svelte Contributors' }],
  },
};

async function openAbout(overrides: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  const started = await startApp({
    about: () => about,
    about_licenses: () => licenses,
    open_data_folder: () => null,
    'plugin:clipboard-manager|write_text': () => null,
    ...overrides,
  });
  await fireEvent.click(screen.getByRole('button', { name: 'About' }));
  await screen.findByRole('heading', { level: 1, name: 'About Rung' });
  return started;
}

const text = (id: string) => document.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim();

describe('About Rung', () => {
  it('shows the build, the bundled framework and the folders, and copies the version line', async () => {
    const { calls } = await openAbout();
    await screen.findByText('1a2b3c4');
    expect(text('about-version')).toBe('0.1.0');
    expect(text('about-commit')).toBe('1a2b3c4');
    expect(text('about-framework')).toBe('Rung default framework 2026.1');
    expect(text('about-framework-hash')).toBe('9f86d081884c');
    expect(text('about-data-dir')).toBe('/home/ana/.local/share/rung');
    expect(text('about-config-dir')).toBe('/home/ana/.config/rung');
    expect(document.title).toBe('About Rung');
    await fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByRole('button', { name: 'Copied' });
    expect(calls.filter((c) => c.cmd === 'plugin:clipboard-manager|write_text').map((c) => c.args.text)).toEqual([
      about.version_line,
    ]);
    await fireEvent.click(screen.getByRole('button', { name: 'Open data folder' }));
    expect(calls.filter((c) => c.cmd === 'open_data_folder')).toEqual([{ cmd: 'open_data_folder', args: {} }]);
  });

  it('says in place when the file manager cannot open the data folder', async () => {
    await openAbout({
      open_data_folder: () => {
        throw { kind: 'refused', message: 'The file manager could not open /home/ana/.local/share/rung.' } satisfies AppError;
      },
    });
    await fireEvent.click(await screen.findByRole('button', { name: 'Open data folder' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The file manager could not open /home/ana/.local/share/rung.');
  });

  it('lists every package with its licence and folds the texts by licence', async () => {
    await openAbout();
    await screen.findByRole('heading', { level: 3, name: 'Rust crates (3)' });
    const rows = (id: string) =>
      [...document.querySelectorAll(`#licenses-${id} tbody tr`)].map((r) =>
        [...r.querySelectorAll('td')].map((td) => td.textContent),
      );
    expect(rows('crates')).toEqual([
      ['serde', '1.0.228', 'MIT OR Apache-2.0'],
      ['tauri', '2.9.5', 'Apache-2.0 OR MIT'],
      ['unicode-ident', '1.0.22', '(MIT OR Apache-2.0) AND Unicode-3.0'],
    ]);
    expect(rows('npm')).toEqual([['svelte', '5.57.3', 'MIT']]);
    const folded = [...document.querySelectorAll<HTMLDetailsElement>('details.license-text')];
    expect(folded.map((d) => d.querySelector('summary')?.textContent)).toEqual([
      'Apache-2.0 (3 packages)',
      'Unicode-3.0 (1 package)',
      'MIT (1 package)',
    ]);
    expect(folded.every((d) => !d.open)).toBe(true);
    const apache = within(folded[0]);
    expect(apache.getByText('serde 1.0.228, tauri 2.9.5, unicode-ident 1.0.22')).toBeTruthy();
    expect(folded[0].querySelector('pre')?.textContent).toBe('Apache License\nVersion 2.0');
    expect(screen.getByText(/made from the/).textContent?.replace(/\s+/g, ' ')).toContain(
      '3 Rust crates and 1 npm package',
    );
  });

  it('says so when this build carries no licence list', async () => {
    await openAbout({
      about_licenses: () => {
        throw { kind: 'internal', message: 'This build of Rung carries no licence list licenses/crates.json.' } satisfies AppError;
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('This build of Rung carries no licence list licenses/crates.json.');
    expect(document.querySelector('#licenses-crates')).toBeNull();
  });

  it('groups a text once per licence, leaving out texts no package ships', () => {
    const groups = groupTexts({
      generator: 'x',
      packages: [{ name: 'a', version: '1', license: 'MIT', texts: [1] }],
      texts: [
        { license: 'MIT', text: 'unused' },
        { license: 'MIT', text: 'used' },
      ],
    });
    expect(groups).toEqual([{ license: 'MIT', texts: [{ text: 'used', packages: ['a 1'] }], packages: 1 }]);
  });
});
