package io.metallb.sync;

/**
 * What a handler tells its reconciler (MetalLB's {@code SyncState}, spec §7.3); only the glue turns
 * it into a requeue, a backoff or a full reprocess.
 */
public enum SyncState {
  /** Done; nothing to retry. */
  SUCCESS,
  /** A transient failure: retry this object with backoff. */
  ERROR,
  /** Something changed that may affect every object: reprocess them all. */
  REPROCESS_ALL,
  /** A failure retrying cannot fix; wait for another event. */
  ERROR_NO_RETRY
}
