// Builds the window's front end into ui/dist (loaded by the Tauri shell from disk, so
// every path is relative) and runs the component tests in jsdom. The build also writes
// dist/licenses/npm.json: the licences of the npm packages bundled into the page, for
// "About Rung" (rollup-plugin-license; the crates' list comes from cargo about, see
// scripts/setup.sh).
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import license from 'rollup-plugin-license';
import { npmLicenseOptions } from './scripts/licenses.mjs';

export default defineConfig({
  base: './',
  plugins: [svelte(), svelteTesting(), license(npmLicenseOptions())],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The CSP allows no inline script or style: keep every asset a file.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
  },
});
