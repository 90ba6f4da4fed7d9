import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { defineRules } from './define-rules';

/** Evaluation settings: stamps run, dataset and datapoint ids on every span and the session. */
export class EvaluationConfig {
  /** Whether this tracer records an evaluation (experiment) datapoint. */
  isEvaluation?: boolean | undefined;
  /** Experiment run id. */
  runId?: string | undefined;
  /** Dataset id. */
  datasetId?: string | undefined;
  /** Datapoint id. */
  datapointId?: string | undefined;

  /** @param values - initial values; validated when a tracer is built from them. */
  constructor(values: Partial<EvaluationConfig> = {}) {
    Object.assign(this, values);
  }
}

/** The names of every `EvaluationConfig` field. */
export const EVALUATION_CONFIG_FIELDS = defineRules(EvaluationConfig, {
  isEvaluation: [IsOptional(), IsBoolean()],
  runId: [IsOptional(), IsString()],
  datasetId: [IsOptional(), IsString()],
  datapointId: [IsOptional(), IsString()],
});
