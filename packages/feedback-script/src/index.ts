/**
 * `@coaching/feedback-script`: the script of a feedback meeting, written from a coaching cycle.
 *
 * - `generateFeedbackScript(input, options)` → `Result<FeedbackScript, ScriptError>`: the six
 *   parts of the meeting, in order, in the relationship's style and the school's locale.
 * - `renderScript(script, "text" | "markdown" | "html")` → a string.
 * - `lintFeedback(text)` → findings on what a coach writes themselves.
 *
 * @since 0.1.0
 */

/** Writes a feedback-meeting script from a cycle. @since 0.1.0 */
export { type FeedbackInput, generateFeedbackScript, type ScriptOptions, type ScriptResult } from "./Generate.js"

/** Renders a script as text, Markdown or HTML. @since 0.1.0 */
export { type Format, formats, renderScript } from "./Render.js"

/** Lints feedback a coach wrote. @since 0.1.0 */
export { type LintCode, lintCodes, type LintFinding, lintFeedback, type LintRewrite } from "./Lint.js"

/** Why no script could be written: typed errors with stable codes. @since 0.1.0 */
export { CycleNotReady, FollowUpOutOfPolicy, InvalidScriptInput, type ScriptError, scriptErrorCodes } from "./Errors.js"

/** The script's shape: parts, lines, reps, warnings. @since 0.1.0 */
export * from "./Script.js"
