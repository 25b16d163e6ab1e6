// The layer rules of docs/architecture.md, checked by `npm run lint`
// (`npm run lint:layers`). Every violation fails: there is no list of tolerated
// ones. A loop or a wrong arrow is mended by moving the piece to the layer it
// belongs to (docs/architecture.md, "Layers and the arrows between them").

/** The files adapters may import from src/: the core's public API. */
const publicApi = ['^src/core/api[.]ts$', '^src/public[.]ts$'];

/** The composition root: the only files in src/ that know the adapters. */
const compositionRoot = ['^src/main[.]ts$', '^src/app[.]ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Folders import each other one way; a loop means two folders are one concept or a piece sits in the wrong one.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^(src|adapters)/' },
      to: { circular: true },
    },
    {
      name: 'no-file-cycles',
      comment: 'Two files that import each other cannot be read or tested one at a time.',
      severity: 'error',
      from: { path: '^(src|adapters)/' },
      to: { circular: true },
    },
    {
      name: 'domain-not-to-dispatcher',
      comment: 'The dispatcher (src/core/index.ts) imports the domain; the domain never imports it back.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/core/', ...compositionRoot] },
      to: { path: '^src/core/index[.]ts$' },
    },
    {
      name: 'only-composition-root-imports-adapters',
      comment: 'Nothing of Slack or Teams leaks into src/: only main.ts and app.ts wire the adapters in.',
      severity: 'error',
      from: { path: '^src/', pathNot: compositionRoot },
      to: { path: '^adapters/' },
    },
    {
      name: 'adapters-only-public-api',
      comment: 'Adapters translate and call the core through its public API, not through its inner files.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^src/', pathNot: publicApi },
    },
  ],
  options: {
    // The composition root imports everything by design, and the files directly in src/
    // (app.ts beside message.ts) count as one folder: left in, every folder would loop
    // through app.ts. Nothing imports the root, so leaving it out hides no arrow that
    // the rules are about.
    exclude: { path: ['^src/main[.]ts$', '^src/app[.]ts$'] },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are arrows too: a type from the wrong layer couples the layers all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js'] },
  },
};
