/**
 * Bearer tokens kept in the store, hashed: `create` makes a random token for a person acting in
 * one role (or for a trusted service: the store routes), stores only its SHA-256 under the
 * internal record kind `"token"` (never exported) and gives the token back once; `revoke` marks
 * it revoked; `authenticate` is the server's default `Authenticate`.
 *
 * @since 0.1.0
 */
import { Access, People, Store } from "@coaching/core"
import { Effect, Option, Schema } from "effect"
import { createHash, randomBytes } from "node:crypto"
import type * as Api from "./Api.js"

/** What a stored token grants. @since 0.1.0 */
export const TokenRecord = Schema.Struct({
  /** `tok-` and the first 32 hex digits of the token's SHA-256. */
  id: Schema.String,
  /** A person's token (role + person), or a store token. */
  grant: Schema.Union([
    Schema.Struct({ _tag: Schema.Literal("Person"), role: People.Role, personId: Schema.String }),
    Schema.Struct({ _tag: Schema.Literal("Store") })
  ]),
  /** The full SHA-256 of the token (hex), compared on every request. */
  sha256: Schema.String,
  createdAt: Schema.String,
  revokedAt: Schema.optionalKey(Schema.String)
})
/** @since 0.1.0 */
export type TokenRecord = typeof TokenRecord.Type

/** What a token is for. @since 0.1.0 */
export type Grant = TokenRecord["grant"]

const sha256 = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex")

/** The record id of a token (safe to print and log: it does not reveal the token). @since 0.1.0 */
export const idOf = (token: string): string => `tok-${sha256(token).slice(0, 32)}`

const decode = Schema.decodeUnknownOption(Schema.fromJsonString(TokenRecord))

const read = (store: Store.CoachingStoreService, id: string) =>
  Effect.map(store.primitives.getRecord("token", id), (json) => Option.flatMap(json, (j) => decode(j)))

const put = (store: Store.CoachingStoreService, record: TokenRecord) =>
  store.primitives.putRecord({ kind: "token", id: record.id, json: JSON.stringify(record), refs: record.grant._tag === "Person" ? [record.grant.personId] : [] })

/**
 * Makes a token for a grant, stores its hash, and returns the token (shown once: it cannot be
 * read back) and its id (for `revoke` and logs).
 *
 * @since 0.1.0
 */
export const create = (grant: Grant) =>
  Effect.gen(function*() {
    const store = yield* Store.CoachingStore
    if (grant._tag === "Person") {
      const person = yield* Effect.fromResult(Store.validateId(grant.personId, "personId"))
      grant = { ...grant, personId: person }
    }
    const token = `ct_${randomBytes(32).toString("base64url")}`
    const record: TokenRecord = { id: idOf(token), grant, sha256: sha256(token), createdAt: new Date().toISOString() }
    yield* put(store, record)
    return { token, id: record.id }
  })

/**
 * Revokes a token, given the token itself or its id; `false` when no such token is stored.
 *
 * @since 0.1.0
 */
export const revoke = (tokenOrId: string) =>
  Effect.gen(function*() {
    const store = yield* Store.CoachingStore
    const id = /^tok-[0-9a-f]{32}$/.test(tokenOrId) ? tokenOrId : idOf(tokenOrId)
    const found = yield* read(store, id)
    if (Option.isNone(found)) return false
    if (found.value.revokedAt === undefined) yield* put(store, { ...found.value, revokedAt: new Date().toISOString() })
    return true
  })

/**
 * The server's default authentication: the caller of a stored, unrevoked token.
 *
 * @since 0.1.0
 */
export const authenticate = (token: string): Effect.Effect<Option.Option<Api.Caller>, Store.StoreError, Store.CoachingStore> =>
  Effect.gen(function*() {
    if (token.length > 200) return Option.none()
    const store = yield* Store.CoachingStore
    const found = yield* read(store, idOf(token))
    if (Option.isNone(found) || found.value.revokedAt !== undefined || found.value.sha256 !== sha256(token)) return Option.none()
    const grant = found.value.grant
    return Option.some<Api.Caller>(grant._tag === "Store" ? { _tag: "Store" } : { _tag: "Person", principal: Access.principal(grant.role, grant.personId) })
  })
