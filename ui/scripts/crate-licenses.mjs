// Turns `cargo about generate --format json` (on stdin) into the crates' licence list of
// "About Rung" (see licenses.mjs), written to the file named by the first argument:
// every third-party crate (not Rung's own, which have no registry source) with the licence
// it declares and the texts cargo about found for it. The second argument names the tool.
// Usage: cargo about generate … --format json | node crate-licenses.mjs OUT 'cargo-about 0.9.3'

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { licenseList } from './licenses.mjs';

const [out, generator] = process.argv.slice(2);
if (!out || !generator) throw new Error('usage: crate-licenses.mjs OUT GENERATOR < about.json');
const about = JSON.parse(readFileSync(0, 'utf8'));
const texts = new Map();
for (const license of about.licenses) {
  for (const use of license.used_by) {
    const list = texts.get(use.crate.id) ?? [];
    list.push({ license: license.id, text: license.text });
    texts.set(use.crate.id, list);
  }
}
const packages = about.crates
  .filter((c) => c.package.source !== null)
  .map((c) => ({
    name: c.package.name,
    version: c.package.version,
    license: c.package.license ?? c.license,
    texts: texts.get(c.package.id) ?? [],
  }));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, licenseList(generator, packages));
