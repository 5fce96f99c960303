// Measuring fresh `node` processes, as bench/start, bench/load and bench/validate do: a process's own CPU
// time (user + system, all threads) and peak RSS, taken at its exit by a preloaded hook
// (bench/start/cpu-at-exit.cjs), because this machine is shared and wall times swing with the load; and
// its instruction count under `valgrind --tool=callgrind`, which the load does not disturb at all.
import { spawnSync } from "node:child_process"
import { readFileSync, rmSync } from "node:fs"
import { join } from "node:path"

const preload = new URL("../start/cpu-at-exit.cjs", import.meta.url).pathname

/** The median of some numbers (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * Runs `node ...args` with `env` (a whole environment) to its end, the hook writing to a file in
 * `dir`: wall and CPU time in ms (`offMainCpu`: the part of it spent off the main thread), peak RSS in
 * MiB, and what it printed. Throws if it exits non-zero.
 */
export const timed = (dir, args, env = process.env) => {
  const cpuFile = join(dir, "cpu.txt")
  rmSync(cpuFile, { force: true })
  const t0 = performance.now()
  const r = spawnSync(process.execPath, ["--require", preload, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...env, BENCH_CPU_FILE: cpuFile } })
  const wall = performance.now() - t0
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`)
  const [micros, maxRss, mainMicros] = readFileSync(cpuFile, "utf8").trim().split(" ").map(Number)
  return { wall, cpu: micros / 1000, offMainCpu: (micros - mainMicros) / 1000, rss: maxRss / 1024, stdout: r.stdout }
}

/** Whether instructions can be counted: valgrind is installed and BENCH_SKIP_CALLGRIND is not set. */
export const canCountInstructions = () => !process.env.BENCH_SKIP_CALLGRIND && spawnSync("valgrind", ["--version"]).status === 0

/** The instructions `node ...args` runs under callgrind, with `env` (a whole environment). */
export const instructionsOf = (args, env = process.env) => {
  const r = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, ...args], { encoding: "utf8", env })
  const refs = /I\s+refs:\s+([\d,]+)/.exec(r.stderr)
  if (r.status !== 0 || !refs) throw new Error(`callgrind of node ${args.join(" ")} failed: ${r.stderr.slice(-500)}`)
  return Number(refs[1].replaceAll(",", ""))
}
