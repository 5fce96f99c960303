/**
 * `coaching serve` and `coaching tokens`: run the HTTP server (`@coaching/adapter-http`) over a
 * store, and issue or revoke its bearer tokens (stored hashed in the same store).
 *
 * @since 0.2.0
 */
import { type People, Store } from "@coaching/core"
import { Console, Effect, Option, Result, Schema } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import * as Storage from "./internal/storage.js"

/** A bad flag or an unusable store, as one line (exit 2). @since 0.2.0 */
export class ServeInputError extends Schema.TaggedError<ServeInputError>()("ServeInputError", {
  path: Schema.String,
  message: Schema.String
}) {}

/** A token that is not there to revoke (exit 1). @since 0.2.0 */
export class TokenNotFound extends Schema.TaggedError<TokenNotFound>()("TokenNotFound", {
  message: Schema.String
}) {}

/** The HTTP adapter, loaded when a command needs it (the CLI's other commands start without it). */
const http = Effect.promise(() => import("@coaching/adapter-http"))

const storeFlag = Flag.String("store").pipe(
  Flag.withDescription(`The store, ${Object.values(Storage.schemes).map((s) => s.form).join(" or ")} (created if missing).`)
)

const locate = (text: string) =>
  Effect.fromResult(Result.mapError(Storage.parseLocation(text), (message) => new ServeInputError({ path: text, message })))

const unusable = (path: string) => (error: Storage.StoreUnavailable | Store.StoreError | Store.InvalidInput): ServeInputError =>
  new ServeInputError({ path, message: error instanceof Storage.StoreUnavailable ? error.message : `${error.code}: ${error.message}` })

/** `coaching serve --store sqlite:PATH [--port N] [--host H]`. @since 0.2.0 */
export const serve = Command.make(
  "serve",
  {
    store: storeFlag,
    port: Flag.Int("port").pipe(Flag.withDescription("The port (default 8787; 0 picks a free one)."), Flag.withDefault(8787)),
    host: Flag.String("host").pipe(Flag.withDescription("The interface to listen on (default 127.0.0.1: this machine only)."), Flag.withDefault("127.0.0.1"))
  },
  Effect.fn("coaching.serve")(function*({ host, port, store }) {
    const location = yield* locate(store)
    if (port < 0 || port > 65535) return yield* new ServeInputError({ path: "--port", message: `--port must be from 0 to 65535; got ${port}.` })
    const { Server } = yield* http
    yield* Effect.scoped(
      Effect.gen(function*() {
        const server = yield* Server.start({ port, host }, Storage.storeLayer(location)).pipe(
          Effect.mapError((e) => e instanceof Storage.StoreUnavailable || e instanceof Store.StoreError ? unusable(store)(e) : new ServeInputError({ path: `${host}:${port}`, message: `Cannot listen on ${host}:${port}: ${String((e as { cause?: unknown }).cause ?? e)}` }))
        )
        yield* Console.log(`coaching: serving ${store} at ${server.url} (docs at ${server.url}/docs, OpenAPI at ${server.url}/openapi.json; Ctrl-C stops).`)
        return yield* Effect.never
      })
    )
  })
).pipe(
  Command.withDescription(
    "Serve a store over HTTP (@coaching/adapter-http): the journeys, records and reports with the rights enforced on every route, bearer tokens from `coaching tokens create`. Listens on 127.0.0.1 unless --host says otherwise."
  ),
  Command.withExamples([
    { command: "coaching serve --store sqlite:./coaching.db", description: "Serve a SQLite store on http://127.0.0.1:8787" },
    { command: "coaching serve --store sqlite:./coaching.db --port 9000 --host 0.0.0.0", description: "Serve on every interface (put TLS in front)" }
  ])
)

const create = Command.make(
  "create",
  {
    store: storeFlag,
    role: Flag.Literals("role", ["teacher", "coach", "lead", "admin", "store"]).pipe(
      Flag.withDescription("The role the token acts in; store: a trusted service's token for the /store routes (no person).")
    ),
    person: Flag.String("person").pipe(Flag.withDescription("The person the token is for (a registered person holding that role)."), Flag.optional)
  },
  Effect.fn("coaching.tokens.create")(function*({ person, role, store }) {
    const location = yield* locate(store)
    const { Tokens } = yield* http
    if (role !== "store" && Option.isNone(person)) {
      return yield* new ServeInputError({ path: "--person", message: `A ${role}'s token needs --person <id>.` })
    }
    if (role === "store" && Option.isSome(person)) {
      return yield* new ServeInputError({ path: "--person", message: "A store token is for a service, not a person: leave --person out." })
    }
    const made = yield* Effect.gen(function*() {
      if (role !== "store") {
        const id = person.pipe(Option.getOrThrow)
        const found = yield* Effect.flatMap(Store.CoachingStore, (s) => s.records("person").get(id))
        if (Option.isNone(found) || !found.value.roles.includes(role as People.Role)) {
          return yield* new ServeInputError({
            path: "--person",
            message: Option.isNone(found) ? `No person ${id} is registered in ${store}.` : `${id} is registered as ${found.value.roles.join(", ")}, not as a ${role}.`
          })
        }
        return yield* Tokens.create({ _tag: "Person", role: role as People.Role, personId: id })
      }
      return yield* Tokens.create({ _tag: "Store" })
    }).pipe(
      Effect.provide(Storage.storeLayer(location)),
      Effect.mapError((e) => (e instanceof ServeInputError ? e : unusable(store)(e)))
    )
    yield* Console.log(made.token)
    yield* Console.error(`coaching: token ${made.id} created (${role === "store" ? "store routes" : `${person.pipe(Option.getOrThrow)} as ${role}`}); it is stored hashed and shown only this once.`)
  })
).pipe(
  Command.withDescription("Make a bearer token for a person acting in one role (or a store token for a service); prints it once on stdout. Only its hash is stored."),
  Command.withExamples([
    { command: "coaching tokens create --role coach --person c-grace --store sqlite:./coaching.db", description: "A token for Grace, acting as a coach" },
    { command: "coaching tokens create --role store --store sqlite:./coaching.db", description: "A store token for a trusted service" }
  ])
)

const revoke = Command.make(
  "revoke",
  {
    token: Argument.String("token").pipe(Argument.withDescription("The token, or its id (tok-…) as printed when it was created.")),
    store: storeFlag
  },
  Effect.fn("coaching.tokens.revoke")(function*({ store, token }) {
    const location = yield* locate(store)
    const { Tokens } = yield* http
    const done = yield* Tokens.revoke(token).pipe(Effect.provide(Storage.storeLayer(location)), Effect.mapError(unusable(store)))
    if (!done) return yield* new TokenNotFound({ message: `No such token in ${store}; nothing was revoked.` })
    yield* Console.log(`coaching: token ${/^tok-/.test(token) ? token : Tokens.idOf(token)} revoked; the server refuses it from its next request.`)
  })
).pipe(
  Command.withDescription("Revoke a bearer token (given the token or its id): the server refuses it from then on."),
  Command.withExamples([{ command: "coaching tokens revoke tok-0123456789abcdef0123456789abcdef --store sqlite:./coaching.db", description: "Revoke a token by its id" }])
)

/** `coaching tokens create|revoke`. @since 0.2.0 */
export const tokens = Command.make("tokens").pipe(
  Command.withDescription("Issue and revoke the HTTP server's bearer tokens (stored hashed in the store)."),
  Command.withSubcommands([create, revoke])
)
