// Generates a big, valid coaching export for the validate benchmark, streamed to disk (never
// held whole in memory): one template journey of `cyclesPerTeacher` demo cycles is decided
// through Cycle.decide (so its events are ones the rules accepted, with a directory of its teacher,
// coach and their relationship), then written once per teacher with that teacher's id and coach.
// Every teacher gets that relationship (active since before the first event), so the copies stay
// valid.
import { Cycle, Demo, Events, Granularity, People, Policy, Time } from "@coaching/core"
import { createWriteStream } from "node:fs"
import { once } from "node:events"

const DAY = 86_400_000
const HOUR = 3_600_000

/** The first day of every relationship: before the template's first event (2026-01-05). */
const SINCE = "2026-01-01"

/** The template's teacher "T", coach "C" and their relationship, as the rules' directory. */
const templatePeople = People.directory({
  people: [
    { id: "T", name: "Teacher", roles: ["teacher"] },
    { id: "C", name: "Coach", roles: ["coach"] }
  ],
  relationships: [{ id: "r-T", coachId: "C", teacherId: "T", style: "balanced", status: "active", since: SINCE }]
})

/** The events of one journey of `cycles` secured demo cycles (teacher "T", coach "C"). */
export const templateJourney = (cycles) => {
  let journey = Cycle.initialState
  const events = []
  let t = Date.parse("2026-01-05T09:00:00.000Z")
  for (let k = 0; k < cycles; k++) {
    const meetingDay = new Date(t + 5 * HOUR).toISOString().slice(0, 10)
    const commands = Demo.cycleCommands(Time.addDays(meetingDay, 7), { teacherId: "T", coachId: "C", cycleId: `cycle-${k + 1}` })
    commands.forEach((command, i) => {
      const c = k > 0 && command._tag === "StartCycle" ? { ...command, follows: `cycle-${k}` } : command
      const at = i === commands.length - 1 ? t + 7 * DAY : t + i * HOUR
      const d = Cycle.decide(journey, c, { policy: Policy.defaultPolicy, clock: () => at, checkActionStep: Granularity.acceptAll, people: templatePeople })
      if (d._tag === "Failure") throw new Error(`template rejected: ${d.failure.code}`)
      for (const e of d.success) {
        events.push(e)
        journey = Cycle.evolve(journey, e)
      }
    })
    t += 10 * DAY
  }
  return events
}

const DEFAULT_COACHES = 200

/**
 * Writes an export of `teachers` teachers × `cyclesPerTeacher` cycles to `path`, as the JSON
 * document (`kind: "json"`, compact) or NDJSON, with `coaches` coaches (default 200). Returns the bytes written.
 */
export const generate = async (path, { teachers, cyclesPerTeacher, kind, coaches: COACHES = DEFAULT_COACHES }) => {
  const encodedEvents = JSON.stringify(templateJourney(cyclesPerTeacher).map((e) => Events.encode(e)))
  const out = createWriteStream(path, { highWaterMark: 1 << 20 })
  let bytes = 0
  const write = async (s) => {
    bytes += Buffer.byteLength(s)
    if (!out.write(s)) await once(out, "drain")
  }
  const pad = (i) => String(i).padStart(6, "0")
  const person = (i) => ({ id: `t-${pad(i)}`, name: `Teacher ${i}`, roles: ["teacher"] })
  const coach = (c) => ({ id: `c-${pad(c)}`, name: `Coach ${c}`, roles: ["coach"], areas: ["questioning"] })
  const relationship = (i) => ({ id: `r-${pad(i)}`, coachId: `c-${pad(i % COACHES)}`, teacherId: `t-${pad(i)}`, style: "balanced", status: "active", since: SINCE })
  const journey = (i) => `{"teacherId":"t-${pad(i)}","events":${encodedEvents.replaceAll("\"T\"", `"t-${pad(i)}"`).replaceAll("\"C\"", `"c-${pad(i % COACHES)}"`)}}`
  if (kind === "ndjson") {
    await write(`{"_tag":"header","format":"coaching-export","version":1}\n`)
    for (let c = 0; c < COACHES; c++) await write(`${JSON.stringify({ _tag: "person", person: coach(c) })}\n`)
    for (let i = 0; i < teachers; i++) await write(`${JSON.stringify({ _tag: "person", person: person(i) })}\n`)
    for (let i = 0; i < teachers; i++) await write(`${JSON.stringify({ _tag: "relationship", relationship: relationship(i) })}\n`)
    for (let i = 0; i < teachers; i++) await write(`{"_tag":"journey","journey":${journey(i)}}\n`)
  } else {
    await write(`{"format":"coaching-export","version":1,"people":[`)
    for (let c = 0; c < COACHES; c++) await write(`${c > 0 ? "," : ""}${JSON.stringify(coach(c))}`)
    for (let i = 0; i < teachers; i++) await write(`,${JSON.stringify(person(i))}`)
    await write(`],"cohorts":[],"relationships":[`)
    for (let i = 0; i < teachers; i++) await write(`${i > 0 ? "," : ""}${JSON.stringify(relationship(i))}`)
    await write(`],"playbooks":[],"journeys":[`)
    for (let i = 0; i < teachers; i++) await write(`${i > 0 ? "," : ""}${journey(i)}`)
    await write("]}\n")
  }
  out.end()
  await once(out, "finish")
  return bytes
}
