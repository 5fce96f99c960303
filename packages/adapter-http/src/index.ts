/**
 * `@coaching/adapter-http`: one HTTP contract (`Api`), a server that exposes any `CoachingStore`
 * with core's rights on every route (`Server`), and a client that is just another adapter
 * (`Client.layerHttp`).
 *
 * @since 0.1.0
 */
/** The contract: routes, payloads, wire errors. @since 0.1.0 */
export * as Api from "./Api.js"
/** The client adapter. @since 0.1.0 */
export * as Client from "./Client.js"
/** The server: routes, Node listener, Web handler. @since 0.1.0 */
export * as Server from "./Server.js"
/** Bearer tokens stored hashed in the store: create, revoke, authenticate. @since 0.1.0 */
export * as Tokens from "./Tokens.js"
