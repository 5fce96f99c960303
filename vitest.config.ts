import { defineConfig } from "vitest/config"
import { projects } from "./vitest.workspace.ts"

// Node 20 lacks Map.groupBy / Object.groupBy (Node 21+); vitest 5's failure reporter needs them,
// and it runs in this (main) process, so the polyfill lives here rather than in a setup file.
// The project requires Node ≥ 22.19 (decision 0011), where both are built in and `??=` leaves them
// untouched; the polyfill stays only so that a checkout on an older system Node can still run vitest.
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, Array<T>>
const mapCtor = Map as unknown as { groupBy?: GroupBy }
mapCtor.groupBy ??= (items, key) => {
  const groups = new Map()
  let index = 0
  for (const item of items) {
    const k = key(item, index++)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}
const objectCtor = Object as unknown as { groupBy?: (items: Iterable<unknown>, key: (item: unknown, index: number) => PropertyKey) => object }
objectCtor.groupBy ??= (items, key) => Object.fromEntries(mapCtor.groupBy!(items, key))

export default defineConfig({
  test: {
    projects
  }
})
