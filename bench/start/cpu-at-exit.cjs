// Preloaded (`node --require`) into every process bench/start times: at exit, appends the
// process's own CPU time (user + system, all threads, µs) and its peak RSS to $BENCH_CPU_FILE.
const { appendFileSync } = require("node:fs")
const file = process.env.BENCH_CPU_FILE
if (file) {
  process.on("exit", () => {
    const { system, user } = process.cpuUsage()
    appendFileSync(file, `${user + system} ${process.resourceUsage().maxRSS}\n`)
  })
}
