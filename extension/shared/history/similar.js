// Similar readings over stored representations, ranked by the engine (Rust/wasm).
// Used by the service worker (the panel's "Similar readings") and by the history page
// (the "Similar Readings" of a text export).
import { SimilarityIndex } from '../../../pkg/pith.js';
import { engineReady } from '../engine.js';

/** Neighbours shown for an article (the seed's "Similar Readings (5 items)"). */
export const SIMILAR_COUNT = 5;

const parts = (rep) => [
  rep.version,
  Uint32Array.from(rep.terms),
  Uint32Array.from(rep.counts),
  Uint32Array.from(rep.minhash),
];

/** The engine's index of a set of records, with each record's summary line for results. */
export class SimilarReadings {
  constructor() {
    this.index = new SimilarityIndex();
    this.records = new Map();
  }

  /** Builds the index of `records`. Records of another representation version are left out. */
  static async of(records) {
    await engineReady();
    const readings = new SimilarReadings();
    for (const record of records) readings.add(record);
    return readings;
  }

  add(record) {
    if (this.index.add(record.id, ...parts(record.representation))) {
      this.records.set(record.id, record);
    } else {
      this.remove(record.id);
    }
  }

  remove(id) {
    this.index.remove(id);
    this.records.delete(id);
  }

  /** Is the record `id` the same story as `representation` (not just the same topic)? */
  sameStory(id, representation) {
    return this.query(representation, null, SIMILAR_COUNT + 1).some((hit) => hit.record.id === id && hit.same_story);
  }

  /**
   * The records most similar to `representation` (leaving out `excludeId`), one per story:
   * [{ record, score, same_story, related }], best first. `related`: the engine judges it
   * close enough to show as a similar reading (src/similarity.rs, RELATED_SCORE).
   */
  query(representation, excludeId = null, count = SIMILAR_COUNT) {
    const found = this.index.query(...parts(representation), count, excludeId ?? undefined);
    return found
      .map(({ id, score, same_story, related }) => ({ record: this.records.get(id), score, same_story, related }))
      .filter((hit) => hit.record);
  }

  /**
   * The similar readings to show for `representation` (leaving out `excludeId`): related
   * ones only, never the same story (which is "already read"), at most `count`.
   */
  similar(representation, excludeId = null, count = SIMILAR_COUNT) {
    return this.query(representation, excludeId, count + 1)
      .filter((hit) => hit.related && !hit.same_story)
      .slice(0, count);
  }
}
