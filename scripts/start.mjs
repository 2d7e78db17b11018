// `npm start`'s launcher: runs scripts/start.ts from one bundled file instead of through tsx's loader.
//
// Why (issue 18, goal 6): loading the start script's ~600 TypeScript modules through tsx cost about 2 s of CPU on
// every start, cached transform or not (a resolve and a load hook per module); the same code as one file loads in
// about 0.5 s. esbuild (the compiler tsx itself runs on) bundles our sources in a fraction of a second; packages
// stay imports from node_modules. The bundle is kept in .cache/start/ and rebuilt only when one of its input files
// changed (size or modification time), so later starts load it at once.
//
// Sources that find files next to themselves (import.meta.url) get their own file's URL written in, so they read the
// same files as under tsx. If the bundle cannot be built, the start runs through tsx as before.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'scripts/start.ts');
const cacheDir = join(root, '.cache/start');
const bundle = join(cacheDir, 'start.mjs');
const inputsFile = join(cacheDir, 'inputs.json');
/** Files that change how the sources compile, besides the sources themselves. */
const SETTINGS = ['package.json', 'tsconfig.json', 'scripts/start.mjs'];

function signature(file) {
  const stat = statSync(join(root, file));
  return `${stat.size}:${stat.mtimeMs}`;
}

/** True when every input of the last bundle is unchanged. */
function upToDate() {
  try {
    if (!existsSync(bundle)) return false;
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return Object.entries(inputs).every(([file, seen]) => signature(file) === seen);
  } catch {
    return false;
  }
}

/** Replaces `import.meta.url` in our sources by the source file's own URL (the bundle lives elsewhere). */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

async function rebuild() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    outfile: bundle,
    logLevel: 'silent',
    plugins: [ownUrl],
  });
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed: a start running at the same moment reads either bundle whole, never half of one.
  for (const file of result.outputFiles) {
    const aside = `${file.path}.${process.pid}`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...SETTINGS]) inputs[file] = signature(file);
  writeFileSync(inputsFile, JSON.stringify(inputs));
}

let target = pathToFileURL(bundle).href;
try {
  if (!upToDate()) await rebuild();
  // Stack traces name the TypeScript files and lines.
  process.setSourceMapsEnabled(true);
} catch (error) {
  console.warn(`npm start: could not bundle the start script (${error.message.split('\n')[0]}); running it through tsx`);
  const { register } = await import('tsx/esm/api');
  register();
  target = pathToFileURL(entry).href;
}
await import(target);
