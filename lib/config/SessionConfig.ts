import { IsBoolean, IsObject, IsOptional, IsString } from 'class-validator';
import { defineRules } from './define-rules';

/** Session-level settings: which session a tracer starts or joins, and what it starts with. */
export class SessionConfig {
  /** Human-readable session name; defaults to the entry script's file name. */
  sessionName?: string | undefined;
  /** Join this session instead of starting a new one (a UUID outside test mode). */
  sessionId?: string | undefined;
  /** Inputs recorded on the session event. */
  inputs?: Record<string, unknown> | undefined;
  /** Metadata recorded on the session event at start. */
  metadata?: Record<string, unknown> | undefined;
  /** User properties recorded on the session event at start. */
  userProperties?: Record<string, unknown> | undefined;
  /** Skip `POST /session/start` (the session already exists, e.g. it was started by the caller). */
  skipSessionStart?: boolean | undefined;

  /** @param values - initial values; validated when a tracer is built from them. */
  constructor(values: Partial<SessionConfig> = {}) {
    Object.assign(this, values);
  }
}

/** The names of every `SessionConfig` field. */
export const SESSION_CONFIG_FIELDS = defineRules(SessionConfig, {
  sessionName: [IsOptional(), IsString()],
  sessionId: [IsOptional(), IsString()],
  inputs: [IsOptional(), IsObject()],
  metadata: [IsOptional(), IsObject()],
  userProperties: [IsOptional(), IsObject()],
  skipSessionStart: [IsOptional(), IsBoolean()],
});
