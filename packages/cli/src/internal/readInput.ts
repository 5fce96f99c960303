/**
 * Reading an input and pushing its bytes through the validator, with plain Node (no Effect): the
 * loop `validate`, `import` and `report` share, and what the lean `coaching validate` entry runs.
 * Files are read 64 KiB at a time with the next read already under way while a chunk is checked
 * (the read happens on libuv's thread pool), standard input as it arrives.
 */
import { close, fstatSync, open, read } from "node:fs"
import { collectGarbage } from "./gc.js"
import * as Progress from "./progress.js"
import { DocumentTooLarge, InputValidator, type Outcome, type ValidateOptions } from "../Validate.js"

/** An input to read: a file (its path) or standard input (`path` undefined). */
export interface InputSource {
  /** The name reports show (`<stdin>` for standard input). */
  readonly name: string
  readonly path: string | undefined
  /** The file's size when known (the progress bar's 100 %). */
  readonly size: number | undefined
  /** Whether the same bytes can be read again (a regular file, not a FIFO or a device). */
  readonly rereadable: boolean
}

/** An input that could not be read or checked: `message` is the one line the CLI prints (exit 2). */
export class InputFailure extends Error {
  readonly _tag = "InputFailure"
}

/** Bytes a read asks for: with 1 MiB reads, buffered chunks raised NDJSON's peak RSS by ~15 MiB. */
export const CHUNK_BYTES = 64 * 1024

/**
 * How much input a stream reads between two full collections (see gc.ts), in MiB; the
 * COACHING_GC_EVERY_MIB environment variable overrides it (0: never force one), for measuring.
 */
export const GC_EVERY_MIB = 32

const gcEveryBytes = (): number => {
  const mib = Number(process.env["COACHING_GC_EVERY_MIB"] ?? GC_EVERY_MIB)
  return (Number.isFinite(mib) && mib > 0 ? mib : Number.POSITIVE_INFINITY) * 1024 * 1024
}

// Callback fs, promised here: `node:fs/promises` alone costs a fresh process ~10 ms to load.
const openFd = (path: string) => new Promise<number>((resolve, reject) => open(path, "r", (e, fd) => (e ? reject(e) : resolve(fd))))
const readFd = (fd: number, buffer: Buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES)) =>
  new Promise<Uint8Array>((resolve, reject) => {
    read(fd, buffer, 0, CHUNK_BYTES, null, (e, n) => (e ? reject(e) : resolve(buffer.subarray(0, n))))
  })

/**
 * A file's chunks, the next read issued before the current chunk is handed out. With `reuse`,
 * two buffers take turns (fresh 64 KiB buffers cost page faults and garbage collections): a
 * chunk is then overwritten by the read after next, so the consumer must be done with it (and
 * keep nothing of it) when it asks for the next one.
 */
async function* fileChunks(path: string, reuse: boolean): AsyncGenerator<Uint8Array> {
  const fd = await openFd(path)
  const buffers = reuse ? [Buffer.allocUnsafeSlow(CHUNK_BYTES), Buffer.allocUnsafeSlow(CHUNK_BYTES)] : undefined
  let turn = 0
  const nextRead = () => readFd(fd, buffers?.[turn++ & 1])
  let next: Promise<Uint8Array> | undefined = nextRead()
  try {
    for (;;) {
      const chunk: Uint8Array = await next
      if (chunk.length === 0) {
        next = undefined
        return
      }
      next = nextRead()
      yield chunk
    }
  } finally {
    await next?.catch(() => undefined)
    close(fd, () => undefined)
  }
}

const chunksOf = (source: InputSource, reuse = false): AsyncIterable<Uint8Array> => (source.path === undefined ? process.stdin : fileChunks(source.path, reuse))

const failure = (source: InputSource, error: unknown): InputFailure => {
  if (error instanceof InputFailure) return error
  if (error instanceof DocumentTooLarge) return new InputFailure(error.message)
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (typeof code === "string") {
    const path = source.path ?? "<stdin>"
    return new InputFailure(code === "ENOENT" ? `No such file: ${path}` : code === "EACCES" ? `Permission denied: ${path}` : `Cannot read ${path}: ${(error as Error).message}`)
  }
  return new InputFailure(String(error))
}

/**
 * Whether standard error is a terminal. Not `process.stderr.isTTY`: a process that never writes
 * to stderr need not build its stream; and `node:tty` (which loads `node:net` and the streams,
 * ~10 ms of a fresh process) only when stderr is a character device at all — never in CI, where
 * it is a pipe or a file.
 */
const stderrIsTerminal = async (): Promise<boolean> => {
  try {
    if (!fstatSync(2).isCharacterDevice()) return false
  } catch {
    return false
  }
  const { isatty } = await import("node:tty")
  return isatty(2)
}

/**
 * Streams a source through the validator (with the progress bar when stderr is a terminal).
 * With `keep`, the bytes are kept too (`import` needs the whole document after the verdict).
 * Fails only with an `InputFailure`.
 */
export const checkInput = async (
  source: InputSource,
  options: ValidateOptions,
  keep: boolean
): Promise<{ readonly outcome: Outcome; readonly bytes: Buffer | undefined }> => {
  // A file can be read again, so a JSON document's bytes need not be kept while it streams.
  const rereadable = source.rereadable && !keep
  const bar = await stderrIsTerminal() ? Progress.make((s) => process.stderr.write(s), source.size) : undefined
  const kept: Array<Uint8Array> = []
  let outcome: Outcome
  let validator: InputValidator
  try {
    validator = new InputValidator({ ...options, retainDocument: !rereadable })
    let collectedAt = 0
    const every = gcEveryBytes()
    // A file read again if need be (nothing kept): the validator copies what it holds across
    // chunks, so the reads can take turns in two buffers.
    for await (const chunk of chunksOf(source, rereadable)) {
      validator.push(chunk)
      if (keep) kept.push(chunk)
      // Streams keep peak memory near their live data (see gc.ts).
      if (!keep && validator.bytes - collectedAt >= every) {
        collectedAt = validator.bytes
        collectGarbage()
      }
      bar?.update(validator.bytes, validator.records)
      if (validator.full) break
    }
    outcome = validator.end()
  } catch (error) {
    throw failure(source, error)
  } finally {
    bar?.done()
  }
  if (validator.rereadNeeded && source.rereadable) {
    // The streaming check could not say "valid": decode the whole document for the exact report.
    const again = await checkInput(source, { ...options, input: "json", streamDocument: false }, true)
    return { outcome: again.outcome, bytes: undefined }
  }
  return { outcome, bytes: keep ? Buffer.concat(kept) : undefined }
}

/**
 * A whole input's bytes, for a small file read at once (a playbook); larger than `maxBytes` is
 * refused. Fails only with an `InputFailure`.
 */
export const readAll = async (source: InputSource, maxBytes = 16 * 1024 * 1024): Promise<Buffer> => {
  const kept: Array<Uint8Array> = []
  let total = 0
  try {
    for await (const chunk of chunksOf(source)) {
      total += chunk.length
      if (total > maxBytes) throw new InputFailure(`${source.name} is larger than ${maxBytes / 1024 / 1024} MiB, too large for a playbook.`)
      kept.push(chunk)
    }
  } catch (error) {
    throw failure(source, error)
  }
  return Buffer.concat(kept)
}
