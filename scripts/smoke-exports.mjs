// Imports every entry point through the package's own exports map, as ESM and as CommonJS.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const entries = { hivetrace: ['HoneyHiveTracer', 'Trace', 'EnrichWith', 'traced', 'evaluate'], 'hivetrace/testing': ['createTestTracer'], 'hivetrace/collector': ['startCollector'], 'hivetrace/nestjs': ['HivetraceModule', 'HivetraceInterceptor'], 'hivetrace/ai': ['aiTelemetry'] };
for (const [entry, names] of Object.entries(entries)) {
  const esm = await import(entry);
  const cjs = require(entry);
  for (const name of names) {
    if (typeof esm[name] !== 'function' || esm[name] !== cjs[name]) throw new Error(`${entry}: ${name} differs between import and require`);
  }
}
const { createTestTracer } = await import('hivetrace/testing');
const { HoneyHiveTracer } = require('hivetrace');
const kit = createTestTracer({ project: 'smoke' });
if (!(kit.tracer instanceof HoneyHiveTracer)) throw new Error('ESM and CJS entry points load different copies');
kit.tracer.trace('smoke', () => 1);
if (kit.spans().length !== 1) throw new Error('no span recorded');
await kit.tracer.close();
if (require('hivetrace/nestjs').HoneyHiveTracer !== HoneyHiveTracer) throw new Error('hivetrace/nestjs provides another HoneyHiveTracer');
console.log('exports OK: hivetrace, hivetrace/testing, hivetrace/collector, hivetrace/nestjs, hivetrace/ai load as ESM and CommonJS, one module instance');
