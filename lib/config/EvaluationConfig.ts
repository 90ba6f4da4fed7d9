import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { defineRules } from './define-rules';

/** Evaluation settings: stamps run, dataset and datapoint ids on every span and the session. */
export class EvaluationConfig {
  /** Whether this tracer records an evaluation (experiment) datapoint. */
  isEvaluation?: boolean;
  /** Experiment run id. */
  runId?: string;
  /** Dataset id. */
  datasetId?: string;
  /** Datapoint id. */
  datapointId?: string;

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
