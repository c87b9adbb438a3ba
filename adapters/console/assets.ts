/**
 * Static files the page loads: its own script and style, and the browser bundles of the
 * official Adaptive Cards renderer and markdown-it, straight from their npm packages.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const own = (name: string) => fileURLToPath(new URL(`./public/${name}`, import.meta.url));

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

const ASSETS: Record<string, { path: () => string; type: string }> = {
  'console.js': { path: () => own('console.js'), type: JS },
  'search.js': { path: () => own('search.js'), type: JS },
  'console.css': { path: () => own('console.css'), type: CSS },
  'icon.svg': { path: () => own('icon.svg'), type: 'image/svg+xml' },
  'adaptivecards.min.js': {
    path: () => require.resolve('adaptivecards/dist/adaptivecards.min.js'),
    type: JS,
  },
  'adaptivecards.css': { path: () => require.resolve('adaptivecards/dist/adaptivecards.css'), type: CSS },
  'markdown-it.min.js': { path: () => require.resolve('markdown-it/dist/markdown-it.min.js'), type: JS },
};

export interface Asset {
  body: Buffer;
  type: string;
}

export function createAssets() {
  const cache = new Map<string, Asset>();
  return async function asset(name: string): Promise<Asset | null> {
    const spec = ASSETS[name];
    if (!spec) return null;
    const hit = cache.get(name);
    if (hit) return hit;
    const loaded = { body: await readFile(spec.path()), type: spec.type };
    cache.set(name, loaded);
    return loaded;
  };
}
