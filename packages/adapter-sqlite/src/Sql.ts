/**
 * Every SQL statement of the SQLite adapter, in one place: the versioned migrations, the
 * statements the store prepares once at open, and the raw reads the tests use to check what was
 * really stored.
 *
 * Tables:
 * - `coaching_schema(version, applied_at, library)`: one row per applied migration.
 * - `events(global_position, stream_id, version, data)`: one row per event, its JSON in `data`;
 *   `(stream_id, version)` is unique, so a version can never be written twice.
 * - `streams(stream_id, version, teacher_id, coach_id, open, follow_up_due)`: one index row per
 *   stream, computed by core at append time.
 * - `records(kind, id, data)`: people, cohorts, relationships and playbooks as JSON.
 * - `record_refs(kind, ref, id)`: the person ids each record refers to (core's
 *   `Records.table[kind].refs`, handed over as `StoredRecord.refs`), so `listRecords` can filter
 *   by `ref`. Written in the same transaction as the record; replacing a record replaces its refs.
 *
 * @since 0.1.0
 */

/** Marks a file as a coaching store (SQLite `application_id`, "COAC"). @since 0.1.0 */
export const APPLICATION_ID = 0x434f4143

/** One migration: applied in order, each in the same transaction as its schema row. @since 0.1.0 */
export interface Migration {
  readonly version: number
  readonly description: string
  readonly statements: ReadonlyArray<string>
}

/** The migrations, oldest first. Never edit one that has shipped: add the next. @since 0.1.0 */
export const migrations: ReadonlyArray<Migration> = [
  {
    version: 1,
    description: "events, stream index rows and records",
    statements: [
      `CREATE TABLE IF NOT EXISTS coaching_schema (
        version INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL,
        library TEXT NOT NULL
      )`,
      `CREATE TABLE events (
        global_position INTEGER PRIMARY KEY,
        stream_id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        data TEXT NOT NULL,
        UNIQUE (stream_id, version)
      )`,
      `CREATE TABLE streams (
        stream_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version >= 1),
        teacher_id TEXT,
        coach_id TEXT,
        open INTEGER NOT NULL CHECK (open IN (0, 1)),
        follow_up_due TEXT
      ) WITHOUT ROWID`,
      `CREATE TABLE records (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      )`,
      `PRAGMA application_id = ${APPLICATION_ID}`
    ]
  },
  {
    version: 2,
    description: "indexes for the stream queries (by teacher, by coach, by follow-up due)",
    statements: [
      `CREATE INDEX streams_by_teacher ON streams (teacher_id, stream_id)`,
      `CREATE INDEX streams_by_coach ON streams (coach_id, stream_id)`,
      `CREATE INDEX streams_by_due ON streams (follow_up_due) WHERE follow_up_due IS NOT NULL`
    ]
  },
  {
    version: 3,
    description: "record refs: the people each record refers to, for listing records by ref",
    statements: [
      // The primary key is the lookup index: the records of a kind that refer to a ref, in id order.
      `CREATE TABLE record_refs (
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        id TEXT NOT NULL,
        PRIMARY KEY (kind, ref, id)
      ) WITHOUT ROWID`,
      // Replacing a record deletes its refs by (kind, id).
      `CREATE INDEX record_refs_by_record ON record_refs (kind, id)`,
      // Backfill: the refs of the relationships already stored. This mirrors core's
      // `Records.table.relationship.refs` (a relationship refers to its coachId and its teacherId;
      // no other kind refers to anyone). A row whose JSON is damaged gets no refs here and is
      // reported as STORE_CORRUPT when it is read, as before.
      `INSERT OR IGNORE INTO record_refs (kind, ref, id)
        SELECT kind, ref, id FROM (
          SELECT kind, id, CASE WHEN json_valid(data) THEN json_extract(data, '$.coachId') END AS ref
            FROM records WHERE kind = 'relationship'
          UNION ALL
          SELECT kind, id, CASE WHEN json_valid(data) THEN json_extract(data, '$.teacherId') END AS ref
            FROM records WHERE kind = 'relationship'
        ) WHERE typeof(ref) = 'text'`
    ]
  }
]

/** The schema version this library writes. @since 0.1.0 */
export const LATEST_VERSION = migrations.at(-1)!.version

/** Statements used while opening, before the schema is known. @since 0.1.0 */
export const open = {
  /** Names of the user tables (an empty file has none). */
  tables: `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  /** The highest applied migration. */
  schemaVersion: `SELECT coalesce(max(version), 0) AS version FROM coaching_schema`,
  /** Records one applied migration. */
  recordMigration: `INSERT INTO coaching_schema (version, applied_at, library) VALUES (?, ?, ?)`
} as const

/** The store's statements, prepared once at open. @since 0.1.0 */
export const store = {
  streamVersion: `SELECT version FROM streams WHERE stream_id = ?`,
  insertEvent: `INSERT INTO events (stream_id, version, data) VALUES (?, ?, ?)`,
  upsertStream: `INSERT INTO streams (stream_id, version, teacher_id, coach_id, open, follow_up_due)
    VALUES (@streamId, @version, @teacherId, @coachId, @open, @followUpDue)
    ON CONFLICT (stream_id) DO UPDATE SET
      version = excluded.version, teacher_id = excluded.teacher_id, coach_id = excluded.coach_id,
      open = excluded.open, follow_up_due = excluded.follow_up_due`,
  readEvents: `SELECT data FROM events WHERE stream_id = ? AND version > ? ORDER BY version`,
  putRecord: `INSERT INTO records (kind, id, data) VALUES (?, ?, ?)
    ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data`,
  /** A record's refs go before its new ones are written (same transaction as `putRecord`). */
  deleteRefs: `DELETE FROM record_refs WHERE kind = ? AND id = ?`,
  /** One ref of a record (a record naming one person twice keeps one row). */
  insertRef: `INSERT OR IGNORE INTO record_refs (kind, ref, id) VALUES (?, ?, ?)`,
  getRecord: `SELECT data FROM records WHERE kind = ? AND id = ?`,
  listRecords: `SELECT id, data FROM records WHERE kind = ? AND id > ? ORDER BY id LIMIT ?`,
  /** Streams whose events have no index row (at most 100): damage that would hide them from every list. */
  unindexedStreams: `SELECT DISTINCT stream_id FROM events e
    WHERE NOT EXISTS (SELECT 1 FROM streams s WHERE s.stream_id = e.stream_id) ORDER BY stream_id LIMIT 100`,
  /** The records of a kind that refer to a ref, in id order (walks `record_refs`' primary key). */
  listRecordsByRef: `SELECT r.id, r.data FROM record_refs x
    JOIN records r ON r.kind = x.kind AND r.id = x.id
    WHERE x.kind = ? AND x.ref = ? AND x.id > ? ORDER BY x.id LIMIT ?`
} as const

/** Which stream filters a query uses. @since 0.1.0 */
export interface StreamFilterShape {
  readonly teacherId: boolean
  readonly coachId: boolean
  readonly open: boolean
  readonly followUpDueBefore: boolean
}

/**
 * The stream listing for a combination of filters. Parameters, in order: the last stream id
 * already returned ('' for none), then each filter used in this order, then the limit.
 *
 * @since 0.1.0
 */
export const listStreams = (shape: StreamFilterShape): string =>
  [
    `SELECT stream_id, version, teacher_id, coach_id, open, follow_up_due FROM streams WHERE stream_id > ?`,
    shape.teacherId ? ` AND teacher_id = ?` : "",
    shape.coachId ? ` AND coach_id = ?` : "",
    shape.open ? ` AND open = ?` : "",
    shape.followUpDueBefore ? ` AND follow_up_due < ?` : "",
    ` ORDER BY stream_id LIMIT ?`
  ].join("")

/** Pragmas applied after the file is known to be ours (they write to it). @since 0.1.0 */
export const pragmas = (synchronous: "full" | "normal"): ReadonlyArray<string> => [
  `PRAGMA journal_mode = WAL`,
  `PRAGMA synchronous = ${synchronous === "full" ? "FULL" : "NORMAL"}`
]

/** Raw reads, for tests that check what was really stored. @since 0.1.0 */
export const raw = {
  streamRows: `SELECT version, data AS json FROM events WHERE stream_id = ? ORDER BY version`,
  streamRow: `SELECT stream_id, version, teacher_id, coach_id, open, follow_up_due FROM streams WHERE stream_id = ?`,
  recordJson: `SELECT data FROM records WHERE kind = ? AND id = ?`,
  recordRefs: `SELECT ref FROM record_refs WHERE kind = ? AND id = ? ORDER BY ref`,
  integrityCheck: `PRAGMA integrity_check`,
  schemaRows: `SELECT version, library FROM coaching_schema ORDER BY version`
} as const
