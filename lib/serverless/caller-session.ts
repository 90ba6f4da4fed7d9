import type { Context } from '@opentelemetry/api';
import { propagation } from '@opentelemetry/api';
import { BAGGAGE } from '../semconv/honeyhive';

/** True when the caller's propagated context (`baggage`) names a session to continue. */
export function carriesSession(ctx: Context): boolean {
  return propagation.getBaggage(ctx)?.getEntry(BAGGAGE.sessionId) !== undefined;
}
