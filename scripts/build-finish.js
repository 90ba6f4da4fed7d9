/**
 * Finishes the build: writes the ESM entry points as thin wrappers over the CommonJS build, so
 * that `import` and `require` share one module instance (one tracer registry, no dual-package
 * hazard), copies the viewer's static assets, and makes the CLI executable.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entries = ['index', 'testing/index', 'collector/index', 'nestjs/index'];
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

fs.cpSync(path.join(root, 'lib/collector/viewer'), path.join(root, 'dist/cjs/collector/viewer'), { recursive: true });
fs.chmodSync(path.join(root, 'dist/cjs/cli/hivetrace.js'), 0o755);
