/**
 * Finishes the build: writes the ESM entry points as thin wrappers over the CommonJS build, so
 * that `import` and `require` share one module instance (one tracer registry, no dual-package
 * hazard), builds the viewer (its page and stylesheet, its modules compiled for the browser), and
 * makes the CLI executable.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entries = ['index', 'testing/index', 'collector/index', 'nestjs/index', 'ai/index'];
for (const entry of entries) {
  const cjsFile = path.join(root, 'dist/cjs', `${entry}.js`);
  const names = Object.keys(require(cjsFile)).filter((n) => n !== 'default' && n !== '__esModule');
  const outFile = path.join(root, 'dist/esm', `${entry}.mjs`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const rel = path.relative(path.dirname(outFile), cjsFile).split(path.sep).join('/');
  fs.writeFileSync(
    outFile,
    `import cjs from '${rel.startsWith('.') ? rel : './' + rel}';\nexport const { ${names.join(', ')} } = cjs;\nexport default cjs;\n`,
  );
  const relTypes = rel.replace(/\.js$/, '.js');
  fs.writeFileSync(outFile.replace(/\.mjs$/, '.d.mts'), `export * from '${relTypes.startsWith('.') ? relTypes : './' + relTypes}';\n`);
}

// the viewer: its page and stylesheet copied, its TypeScript modules compiled to browser ES modules
const { compileViewerModule } = require(path.join(root, 'dist/cjs/collector/viewer/viewer-assets.js'));
const viewerSrc = path.join(root, 'lib/collector/viewer/app');
const viewerOut = path.join(root, 'dist/cjs/collector/viewer/app');
fs.mkdirSync(viewerOut, { recursive: true });
for (const file of fs.readdirSync(viewerSrc)) {
  const from = path.join(viewerSrc, file);
  if (/\.(html|css)$/.test(file)) fs.copyFileSync(from, path.join(viewerOut, file));
  else if (file.endsWith('.ts') && !file.endsWith('.d.ts'))
    fs.writeFileSync(path.join(viewerOut, file.replace(/\.ts$/, '.js')), compileViewerModule(fs.readFileSync(from, 'utf8'), from));
}
fs.chmodSync(path.join(root, 'dist/cjs/cli/hivetrace.js'), 0o755);
