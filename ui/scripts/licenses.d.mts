// Types of licenses.mjs, for vite.config.ts.
export interface PackageWithTexts {
  name: string;
  version: string;
  license: string;
  texts: { license: string; text: string }[];
}
export function licenseList(generator: string, packages: PackageWithTexts[]): string;
export function npmLicenseOptions(): import('rollup-plugin-license').Options;
