import type { Convention } from './convention-types';
import { EXPERIMENT_ATTR, EXPERIMENT_METADATA_KEYS } from './honeyhive';

/**
 * HoneyHive's own attributes outside its namespaces: the online-experiment tags the HoneyHive
 * SDKs (and hivetrace) stamp on spans, into the event's `metadata` as the session carries them.
 */
export const HONEYHIVE_EXTRAS = Object.freeze<Convention>({
  name: 'honeyhive',
  rules: [
    { kind: 'value', attribute: EXPERIMENT_ATTR.id, field: 'metadata', key: EXPERIMENT_METADATA_KEYS.id },
    { kind: 'value', attribute: EXPERIMENT_ATTR.name, field: 'metadata', key: EXPERIMENT_METADATA_KEYS.name },
    {
      kind: 'value',
      attribute: EXPERIMENT_ATTR.variant,
      field: 'metadata',
      key: EXPERIMENT_METADATA_KEYS.variant,
    },
    {
      kind: 'value',
      attribute: EXPERIMENT_ATTR.group,
      field: 'metadata',
      key: EXPERIMENT_METADATA_KEYS.group,
    },
    {
      kind: 'prefix',
      prefix: EXPERIMENT_ATTR.metadataPrefix,
      field: 'metadata',
      into: EXPERIMENT_METADATA_KEYS.metadata,
    },
  ],
});
