/**
 * Raw reads: how the suite checks what an adapter *really* stored, bypassing the port. An
 * adapter that can be read directly (SQLite: a second connection to the same file) provides
 * this service in the layer it gives `suite`, and passes `{ raw: true }`.
 *
 * @since 0.1.0
 */
import type { Store } from "@coaching/core"
import { Context, type Effect, type Option } from "effect"

/** One stored event row. @since 0.1.0 */
export interface RawEvent {
  readonly version: number
  /** The event's JSON text as stored. */
  readonly json: string
}

/** Direct reads of an adapter's storage. @since 0.1.0 */
export interface RawReaderService {
  /** A stream's event rows in version order (empty if none). */
  readonly streamRows: (streamId: string) => Effect.Effect<ReadonlyArray<RawEvent>, unknown>
  /** A stream's index row and version as stored, or `None`. */
  readonly streamRow: (streamId: string) => Effect.Effect<Option.Option<Store.StreamSummary>, unknown>
  /** A record's JSON text as stored, or `None`. */
  readonly recordJson: (kind: Store.RecordKind, id: string) => Effect.Effect<Option.Option<string>, unknown>
  /** The refs stored for a record (the ids `listRecords` filters by), in any order; empty if none. @since 0.2.0 */
  readonly recordRefs: (kind: Store.RecordKind, id: string) => Effect.Effect<ReadonlyArray<string>, unknown>
}

/** The raw-read service tag. @since 0.1.0 */
export const RawReader: Context.Service<RawReaderService, RawReaderService> = Context.Service<RawReaderService>(
  "@coaching/adapter-testkit/RawReader"
)
