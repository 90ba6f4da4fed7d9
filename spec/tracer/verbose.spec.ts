import type { DiagLogger } from '@opentelemetry/api';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { expect } from 'chai';
import * as sinon from 'sinon';
import { traced } from '../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';
import type { RecordingServer } from '../helpers/recording-server';
import { startRecordingServer } from '../helpers/recording-server';

/** `verbose` speaks through one `hivetrace` component on OpenTelemetry's diag API. */
describe('verbose', () => {
  let backend: RecordingServer;
  let lines: string[];
  beforeEach(async () => {
    backend = await startRecordingServer(() => ({ status: 200, body: { session_id: 's', success: true } }));
    lines = [];
    const record =
      (level: string) =>
      (...args: unknown[]) =>
        lines.push(`${level} ${args.map(String).join(' ')}`);
    const logger: DiagLogger = {
      error: record('error'),
      warn: record('warn'),
      info: record('info'),
      debug: record('debug'),
      verbose: record('verbose'),
    };
    diag.setLogger(logger, { logLevel: DiagLogLevel.DEBUG, suppressOverrideMessage: true });
    sinon.stub(console, 'debug'); // keep the spec's output clean
  });
  afterEach(async () => {
    diag.disable();
    await backend.close();
  });

  async function run(verbose: boolean): Promise<void> {
    const tracer = HoneyHiveTracer.init({
      apiKey: 'sk-secret-key-123',
      project: 'p',
      serverUrl: backend.url,
      verbose,
    });
    traced(() => 'ok', { name: 'work', tracer })();
    expect(await tracer.flush()).to.equal(true);
    await tracer.close();
  }

  it("reports init, session calls and exports to the application's diag logger, never the API key", async () => {
    await run(true);
    const ours = lines.filter((l) => l.includes('hivetrace'));
    expect(ours.some((l) => /^debug .*tracer ready: project=p/.test(l))).to.equal(true);
    expect(
      ours.some((l) => /^debug .*POST http:\/\/127\.0\.0\.1:\d+\/session\/start → 200/.test(l)),
    ).to.equal(true);
    expect(ours.some((l) => /^debug .*exported 1 span\(s\) to http/.test(l))).to.equal(true);
    expect(lines.join('\n')).to.not.contain('sk-secret-key-123');
  });

  it('is quiet without verbose', async () => {
    await run(false);
    expect(lines.filter((l) => l.startsWith('debug') && l.includes('hivetrace'))).to.deep.equal([]);
  });
});
