// Preloaded (`node --require`) into every process bench/start times: at exit, appends the
// process's own CPU time (user + system, all threads, µs), its peak RSS and the main thread's own
// CPU time (µs; the rest is V8's compiler and garbage-collector threads and libuv's file reads)
// to $BENCH_CPU_FILE.
const { appendFileSync } = require("node:fs")
const file = process.env.BENCH_CPU_FILE
if (file) {
  process.on("exit", () => {
    const { system, user } = process.cpuUsage()
    // process.threadCpuUsage is Node ≥ 22.19 (the project's engines); without it, no main-thread figure
    const main = process.threadCpuUsage?.()
    appendFileSync(file, `${user + system} ${process.resourceUsage().maxRSS} ${main ? main.user + main.system : "NaN"}\n`)
  })
}
