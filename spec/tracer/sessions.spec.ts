import { expect } from 'chai';
import { createTestTracer } from '../../lib/testing/create-test-tracer';

describe('HoneyHiveTracer sessions', () => {
  describe('.startSession', () => {
    it('starts a new session in the background and returns its id', async () => {
      const kit = createTestTracer({ project: 'p' });
      const id = kit.tracer.startSession({
        sessionName: 'chat-42',
        inputs: { q: 'hi' },
        userProperties: { plan: 'pro' },
      });
      expect(id).to.match(/^[0-9a-f-]{36}$/);
      expect(id).not.to.equal(kit.tracer.sessionId);
      const start = kit.requests().find((r) => (r.body as any).session.session_id === id)!;
      expect(start.path).to.equal('/session/start');
      expect((start.body as any).session).to.deep.include({
        session_name: 'chat-42',
        inputs: { q: 'hi' },
        user_properties: { plan: 'pro' },
      });
    });
  });

  describe('.withSession', () => {
    it('puts spans inside, across awaits, in that session, and enrichSession targets it', async () => {
      const kit = createTestTracer();
      const id = await kit.tracer.withSession({ sessionName: 'req' }, async (sessionId) => {
        await new Promise((r) => setTimeout(r, 2));
        kit.tracer.trace('inside', () => kit.tracer.enrichSession({ metadata: { step: 1 } }));
        return sessionId;
      });
      kit.tracer.trace('outside', () => 1);
      await kit.tracer.flush();
      const [inside, outside] = kit.spans();
      expect(inside!.sessionId).to.equal(id);
      expect(outside!.sessionId).to.equal(kit.tracer.sessionId);
      expect(kit.sessionUpdates()).to.deep.equal([{ event_id: id, metadata: { step: 1 } }]);
    });

    it('joins an existing session without starting one', () => {
      const kit = createTestTracer();
      const existing = '3c1d8c2a-9f4e-4b7a-8d6e-2a1b0c9d8e7f';
      kit.tracer.withSession({ sessionId: existing }, () => kit.tracer.trace('x', () => 1));
      expect(kit.spans()[0]!.sessionId).to.equal(existing);
      expect(kit.requests().filter((r) => (r.body as any)?.session?.session_id === existing)).to.have.length(
        0,
      );
    });

    it('keeps 1,000 concurrent sessions apart on one tracer', async () => {
      const kit = createTestTracer();
      const handle = (i: number) =>
        kit.tracer.withSession({ sessionName: `request-${i}` }, async (sessionId) => {
          await kit.tracer.trace(`handler-${i}`, async () => {
            await new Promise((r) => setTimeout(r, Math.random() * 5));
            await kit.tracer.trace(`step-${i}`, async () => new Promise((r) => setImmediate(r)));
          });
          return { i, sessionId };
        });
      const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => handle(i)));
      await kit.tracer.flush();
      const sessionOf = new Map(results.map((r) => [r.i, r.sessionId]));
      expect(new Set(sessionOf.values()).size).to.equal(1000);
      const spans = kit.spans();
      expect(spans).to.have.length(2000);
      for (const s of spans) {
        const i = Number(s.name.split('-')[1]);
        expect(s.sessionId, s.name).to.equal(sessionOf.get(i));
      }
    });
  });
});
