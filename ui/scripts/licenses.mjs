// The shape of the licence lists the About page shows (`dist/licenses/npm.json` from
// vite.config.ts, `dist/licenses/crates.json` from crate-licenses.mjs): every package with
// its licence, and each distinct licence text once, however many packages ship it. The
// shell reads them back as `PackageLicenses` (src/app/about.rs).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * @param {string} generator the tool that found the licences, with its version
 * @param {{ name: string, version: string, license: string, texts: { license: string, text: string }[] }[]} packages
 */
export function licenseList(generator, packages) {
  const texts = [];
  const seen = new Map();
  const index = ({ license, text }) => {
    const key = `${license}\u0000${text.trim()}`;
    if (!seen.has(key)) {
      seen.set(key, texts.length);
      texts.push({ license, text: text.trim() });
    }
    return seen.get(key);
  };
  const listed = packages
    .map((p) => ({ name: p.name, version: p.version, license: p.license, texts: p.texts.map(index) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  if (listed.length === 0) throw new Error(`${generator} found no package: the licence list would be empty`);
  return JSON.stringify({ generator, packages: listed, texts }) + '\n';
}

/**
 * rollup-plugin-license's options for the page's build: the npm packages bundled into
 * the page (not the tools that build it), each version apart, with their licence texts,
 * written to dist/licenses/npm.json; a package that names no licence fails the build.
 */
export function npmLicenseOptions() {
  const pkg = JSON.parse(
    readFileSync(new URL('../node_modules/rollup-plugin-license/package.json', import.meta.url), 'utf8'),
  );
  return {
    thirdParty: {
      includePrivate: false,
      multipleVersions: true,
      allow: { test: () => true, failOnUnlicensed: true },
      output: {
        file: fileURLToPath(new URL('../dist/licenses/npm.json', import.meta.url)),
        template: (dependencies) =>
          licenseList(
            `rollup-plugin-license ${pkg.version}`,
            dependencies.map((d) => ({
              name: d.name ?? '',
              version: d.version ?? '',
              license: d.license ?? '',
              texts: d.licenseText ? [{ license: d.license ?? '', text: d.licenseText }] : [],
            })),
          ),
      },
    },
  };
}
