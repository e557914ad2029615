// The licence texts of a generated list, grouped for "About Rung": one group per licence,
// and in it each distinct text with the packages that ship it.

import type { PackageLicenses } from '../bindings/PackageLicenses';

/** One distinct text of a licence, and who ships it (`name version`). */
export type TextUse = { text: string; packages: string[] };

/** A licence and its texts, as the About page folds them. */
export type LicenseGroup = { license: string; texts: TextUse[]; packages: number };

/** The texts of `list` by licence id (alphabetical), each text with the packages that ship it. */
export function groupTexts(list: PackageLicenses): LicenseGroup[] {
  const uses = list.texts.map((t) => ({ license: t.license, text: t.text, packages: [] as string[] }));
  for (const p of list.packages) {
    for (const i of p.texts) uses[i]?.packages.push(`${p.name} ${p.version}`);
  }
  const groups = new Map<string, TextUse[]>();
  for (const use of uses) {
    if (use.packages.length === 0) continue;
    const group = groups.get(use.license) ?? [];
    group.push({ text: use.text, packages: use.packages });
    groups.set(use.license, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([license, texts]) => ({
      license,
      texts,
      packages: new Set(texts.flatMap((t) => t.packages)).size,
    }));
}
