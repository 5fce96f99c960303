/**
 * Tests that validate in-process (`validateBytes`, `InputValidator`) recompute recorded
 * granularity reports like the bin does. The bin `require`s `@coaching/granularity` on first use;
 * under vitest that resolves to the package's TypeScript source, which Node cannot load, so the
 * module vitest imports is supplied instead. The bin's own loading is tested through the bin.
 */
import * as Granularity from "@coaching/granularity"
import { provideGranularity } from "../../src/internal/checkers.js"

provideGranularity(Granularity)
