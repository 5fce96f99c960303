/**
 * Every SQL statement of the PostgreSQL adapter, in one place: the versioned migrations, the
 * statements used while opening, the store's statements (prepared once per connection by name)
 * and the raw reads the tests use to check what was really stored.
 *
 * Statements name tables without a schema: each connection's `search_path` is the store's
 * PostgreSQL schema (the `schema` option, default `public`), so one database can hold several
 * stores side by side (the tests give each test its own schema).
 *
 * Tables:
 * - `coaching_schema(version, applied_at, library)`: one row per applied migration.
 * - `events(global_position, stream_id, version, data)`: one row per event, its JSON text in
 *   `data` exactly as given; `(stream_id, version)` is unique, so the database itself refuses a
 *   second event at a version, even from two servers that raced past the check.
 * - `streams(stream_id, version, teacher_id, coach_id, open, follow_up_due)`: one index row per
 *   stream, computed by core at append time; an append locks it (`FOR UPDATE`) before it checks
 *   the expected version.
 * - `records(kind, id, data)`: people, cohorts, relationships and playbooks as JSON text.
 * - `record_refs(kind, ref, id)`: the person ids each record refers to (core's
 *   `Records.table[kind].refs`), so `listRecords` can filter by `ref`.
 *
 * Ids are `COLLATE "C"`: lists and cursors order ids by their bytes, as the other adapters do,
 * whatever the database's own collation is.
 *
 * @since 0.1.0
 */

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
    description: "events, stream index rows, records and their refs",
    statements: [
      `CREATE TABLE IF NOT EXISTS coaching_schema (
        version integer PRIMARY KEY,
        applied_at timestamptz NOT NULL,
        library text NOT NULL
      )`,
      `CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id text COLLATE "C" NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        data text NOT NULL,
        CONSTRAINT events_stream_version UNIQUE (stream_id, version)
      )`,
      `CREATE TABLE streams (
        stream_id text COLLATE "C" PRIMARY KEY,
        version integer NOT NULL CHECK (version >= 1),
        teacher_id text COLLATE "C",
        coach_id text COLLATE "C",
        open boolean NOT NULL,
        follow_up_due text COLLATE "C"
      )`,
      `CREATE TABLE records (
        kind text NOT NULL,
        id text COLLATE "C" NOT NULL,
        data text NOT NULL,
        PRIMARY KEY (kind, id)
      )`,
      // The primary key is the lookup index: the records of a kind that refer to a ref, in id order.
      `CREATE TABLE record_refs (
        kind text NOT NULL,
        ref text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        PRIMARY KEY (kind, ref, id)
      )`,
      // Replacing a record deletes its refs by (kind, id).
      `CREATE INDEX record_refs_by_record ON record_refs (kind, id)`
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
  }
]

/** The schema version this library writes. @since 0.1.0 */
export const LATEST_VERSION = migrations.at(-1)!.version

/** A PostgreSQL schema name the store accepts: a plain lower-case identifier (no quoting needed). @since 0.1.0 */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/** Statements used while opening, before the store's schema is known. @since 0.1.0 */
export const open = {
  /** The tables and views in a PostgreSQL schema ($1: its name); none when it is new. */
  tables: `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
  /** The highest applied migration. */
  schemaVersion: `SELECT coalesce(max(version), 0) AS version FROM coaching_schema`,
  /** Serialises migrations of one schema across processes ($1: the schema name); released at commit. */
  migrationLock: `SELECT pg_advisory_xact_lock(hashtext('coaching_schema:' || $1))`,
  /** Creates the store's PostgreSQL schema (the name is checked against `SCHEMA_NAME` first). */
  createSchema: (schema: string): string => `CREATE SCHEMA IF NOT EXISTS ${schema}`,
  /** Records one applied migration. */
  recordMigration: `INSERT INTO coaching_schema (version, applied_at, library) VALUES ($1, now(), $2)`
} as const

/** The store's statements. Each is prepared once per connection under its key. @since 0.1.0 */
export const store = {
  /** Locks a stream's index row for the rest of the transaction and reads its version. */
  lockStream: `SELECT version FROM streams WHERE stream_id = $1 FOR UPDATE`,
  /** A stream's version, without a lock (after a refused append, to name the version found). */
  streamVersion: `SELECT version FROM streams WHERE stream_id = $1`,
  /** Inserts an append's events: $1 stream, $2 the version before, $3 the JSON texts in order. */
  insertEvents: `INSERT INTO events (stream_id, version, data)
    SELECT $1, $2 + e.n, e.data FROM unnest($3::text[]) WITH ORDINALITY AS e(data, n)`,
  upsertStream: `INSERT INTO streams (stream_id, version, teacher_id, coach_id, open, follow_up_due)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (stream_id) DO UPDATE SET
      version = excluded.version, teacher_id = excluded.teacher_id, coach_id = excluded.coach_id,
      open = excluded.open, follow_up_due = excluded.follow_up_due`,
  /** A stream's version and its events after $2, in one statement (one snapshot); no rows if it does not exist. */
  readStream: `SELECT s.version, e.data FROM streams s
    LEFT JOIN events e ON e.stream_id = s.stream_id AND e.version > $2
    WHERE s.stream_id = $1 ORDER BY e.version`,
  putRecord: `INSERT INTO records (kind, id, data) VALUES ($1, $2, $3)
    ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data`,
  /** A record's refs go before its new ones are written (same transaction as `putRecord`). */
  deleteRefs: `DELETE FROM record_refs WHERE kind = $1 AND id = $2`,
  /** A record's refs: $1 kind, $2 id, $3 the refs (a record naming one person twice keeps one row). */
  insertRefs: `INSERT INTO record_refs (kind, ref, id) SELECT $1, r, $2 FROM unnest($3::text[]) AS r ON CONFLICT DO NOTHING`,
  getRecord: `SELECT data FROM records WHERE kind = $1 AND id = $2`,
  listRecords: `SELECT id, data FROM records WHERE kind = $1 AND id > $2 ORDER BY id LIMIT $3`,
  /** The records of a kind that refer to a ref, in id order (walks `record_refs`' primary key). */
  listRecordsByRef: `SELECT r.id, r.data FROM record_refs x
    JOIN records r ON r.kind = x.kind AND r.id = x.id
    WHERE x.kind = $1 AND x.ref = $2 AND x.id > $3 ORDER BY x.id LIMIT $4`
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
export const listStreams = (shape: StreamFilterShape): string => {
  let n = 1
  return [
    `SELECT stream_id, version, teacher_id, coach_id, open, follow_up_due FROM streams WHERE stream_id > $1`,
    shape.teacherId ? ` AND teacher_id = $${++n}` : "",
    shape.coachId ? ` AND coach_id = $${++n}` : "",
    shape.open ? ` AND open = $${++n}` : "",
    shape.followUpDueBefore ? ` AND follow_up_due < $${++n}` : "",
    ` ORDER BY stream_id LIMIT $${++n}`
  ].join("")
}

/** Raw reads, for tests that check what was really stored. @since 0.1.0 */
export const raw = {
  streamRows: `SELECT version, data AS json FROM events WHERE stream_id = $1 ORDER BY version`,
  streamRow: `SELECT stream_id, version, teacher_id, coach_id, open, follow_up_due FROM streams WHERE stream_id = $1`,
  recordJson: `SELECT data FROM records WHERE kind = $1 AND id = $2`,
  recordRefs: `SELECT ref FROM record_refs WHERE kind = $1 AND id = $2 ORDER BY ref`,
  schemaRows: `SELECT version, library FROM coaching_schema ORDER BY version`,
  /** Versions that hold more than one event in a stream (always none: the unique key forbids it). */
  duplicateVersions: `SELECT stream_id, version, count(*)::int AS n FROM events GROUP BY stream_id, version HAVING count(*) > 1`,
  /** Every stream whose index row's version is not its event count, or whose versions have gaps. */
  inconsistentStreams: `SELECT s.stream_id FROM streams s
    LEFT JOIN (SELECT stream_id, count(*)::int AS n, max(version) AS top FROM events GROUP BY stream_id) e
      ON e.stream_id = s.stream_id
    WHERE e.n IS DISTINCT FROM s.version OR e.top IS DISTINCT FROM s.version`
} as const
