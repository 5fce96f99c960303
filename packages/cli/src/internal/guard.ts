/**
 * The compiled acceptance guards live in core (`Guard`): one compiler for the CLI's validator and
 * the store's append. Re-exported here for the validator's modules.
 */
import { Guard as CoreGuard } from "@coaching/core"

/** A compiled guard. */
export type Guard = CoreGuard.Guard

/** Compiles a guard for a schema (sound: `true` only for values that decode). */
export const compile = CoreGuard.compile

/** `compile` for an AST node. */
export const compileAst = CoreGuard.compileAst

/** The own keys of every object a guard accepted since the caller last set it to 0. */
export const keysAccepted = CoreGuard.keysAccepted
