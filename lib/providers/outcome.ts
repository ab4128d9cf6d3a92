/** What every provider returns: items fetched, per-item errors, and the last rate-limit reading. */
import type { WorkItem } from '../flow/model';
import type { FlowError } from '../flow-error';
import type { RateInfo } from './http';
import type { Dependencies, Relation } from './github/dependencies';
import type { RestHistory } from './github/rest-timeline';

/** An item as fetched: its ETag for conditional requests, and a note when the data is partial. */
export interface Fetched {
  item: WorkItem;
  etag?: string;
  /** Why this item's data is incomplete (e.g. public REST data without a token). */
  note?: string;
  /** GitHub issue relations as last fetched, for the next conditional requests. */
  relations?: Partial<Record<Relation, Dependencies>>;
  /**
   * GitHub's REST timeline of the item as last read without a token (its pages' ETags and
   * events), for the next conditional requests; its events are in `item.timeline`.
   */
  history?: RestHistory;
  /**
   * Read only for what another item needs of it (its state, as an upstream item), without its
   * history: good for resolving links, never fresh enough for its own badge.
   */
  partial?: boolean;
}

/** Items by key with their ETags, errors by key, and rate info. */
export interface FetchOutcome {
  items: Map<string, Fetched>;
  errors: Map<string, FlowError>;
  rate: RateInfo;
}

/** An outcome where every key failed the same way. */
export function failedOutcome(keys: string[], error: FlowError): FetchOutcome {
  return { items: new Map(), errors: new Map(keys.map((key) => [key, error])), rate: {} };
}
