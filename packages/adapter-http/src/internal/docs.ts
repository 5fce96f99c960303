/**
 * The human docs page (`GET /docs`): every route of the contract with its summary, what it takes
 * and what it answers, rendered once from the same OpenAPI document as `/openapi.json`, as plain
 * HTML (no script, no download), readable on a phone.
 */
import { Commands } from "@coaching/core"
import type { OpenApi } from "effect/http-api"

type Json = { readonly [key: string]: any }

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c]!)

/** Escaped text in which `backticks` become code. */
const prose = (text: string | undefined): string =>
  escape(text ?? "").replace(/`([^`]+)`/g, (_, code: string) => `<code>${code}</code>`)

const refName = (ref: string): string => ref.slice(ref.lastIndexOf("/") + 1)

/** A short type for a JSON Schema: `string`, `integer 1–600`, `array of string`, `"refuse" | "merge"`, … */
const typeOf = (schema: Json | undefined, depth = 0): string => {
  if (schema === undefined || depth > 3) return "any"
  if (typeof schema["$ref"] === "string") return refName(schema["$ref"])
  if (Array.isArray(schema["enum"])) return schema["enum"].map((v: unknown) => JSON.stringify(v)).join(" | ")
  const union = schema["anyOf"] ?? schema["oneOf"]
  if (Array.isArray(union)) {
    const tags = union.map((s: Json) => s?.["properties"]?.["_tag"]?.["enum"]?.[0]).filter((t: unknown) => typeof t === "string")
    if (tags.length === union.length && tags.length > 0) return `one of ${tags.length} (${tags.join(", ")})`
    return union.length <= 4 ? union.map((s: Json) => typeOf(s, depth + 1)).join(" | ") : `one of ${union.length} shapes`
  }
  switch (schema["type"]) {
    case "array":
      return `array of ${typeOf(schema["items"], depth + 1)}`
    case "integer":
    case "number": {
      const min = schema["minimum"]
      const max = schema["maximum"]
      return min !== undefined && max !== undefined ? `${schema["type"]} ${min}–${max}` : String(schema["type"])
    }
    case "object":
      return schema["properties"] !== undefined ? "object" : "any JSON"
    case undefined:
      return Object.keys(schema).length === 0 ? "any JSON" : "any"
    default:
      return String(schema["type"])
  }
}

const fieldsTable = (schema: Json | undefined): string => {
  const properties: Json | undefined = schema?.["properties"]
  if (properties === undefined) return `<p>${escape(typeOf(schema))}</p>`
  const required = new Set<string>(schema?.["required"] ?? [])
  const rows = Object.entries(properties).map(([name, s]) =>
    `<tr><td><code>${escape(name)}</code></td><td>${escape(typeOf(s as Json))}</td><td>${required.has(name) ? "yes" : "no"}</td></tr>`
  )
  return `<table tabindex="0"><thead><tr><th>field</th><th>type</th><th>required</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
}

const methods = ["get", "post", "put", "patch", "delete"] as const

const operation = (path: string, method: string, op: Json): string => {
  const id = String(op["operationId"] ?? `${method}-${path}`)
  const parameters: ReadonlyArray<Json> = op["parameters"] ?? []
  const body: Json | undefined = op["requestBody"]?.["content"]?.["application/json"]?.["schema"]
  const responses = Object.entries((op["responses"] ?? {}) as Json)
  const secured = Array.isArray(op["security"]) && op["security"].length > 0
  const parts = [
    `<article id="${escape(id)}">`,
    `<h3><span class="method">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>`,
    op["summary"] !== undefined ? `<p class="summary">${prose(op["summary"])}</p>` : "",
    op["description"] !== undefined ? `<p>${prose(op["description"])}</p>` : "",
    `<p class="token">${secured ? "Needs a bearer token." : "No token needed."}</p>`
  ]
  if (parameters.length > 0) {
    const rows = parameters.map((p) =>
      `<tr><td><code>${escape(String(p["name"]))}</code></td><td>${escape(String(p["in"]))}</td><td>${escape(typeOf(p["schema"]))}</td><td>${p["required"] === true ? "yes" : "no"}</td></tr>`
    )
    parts.push(`<h4>Parameters</h4><table tabindex="0"><thead><tr><th>name</th><th>in</th><th>type</th><th>required</th></tr></thead><tbody>${rows.join("")}</tbody></table>`)
  }
  if (body !== undefined) parts.push(`<h4>Body (JSON)</h4>${fieldsTable(body)}`)
  if (responses.length > 0) {
    const items = responses.map(([status, r]) => `<li><strong>${escape(status)}</strong> ${escape(String((r as Json)["description"] ?? ""))}</li>`)
    parts.push(`<h4>Answers</h4><ul class="answers">${items.join("")}</ul>`)
  }
  parts.push("</article>")
  return parts.join("\n")
}

/**
 * The command field table (`Commands.markdown()`, as `docs/commands.md` shows it) as HTML: its
 * headings, paragraphs and tables are all it holds.
 */
const commandsSection = (): string => {
  const out: Array<string> = []
  let paragraph: Array<string> = []
  let rows: Array<ReadonlyArray<string>> = []
  const flush = () => {
    if (paragraph.length > 0) out.push(`<p>${prose(paragraph.join(" "))}</p>`)
    paragraph = []
    if (rows.length > 0) {
      const [head, , ...body] = rows
      const cells = (row: ReadonlyArray<string>, tag: string) => row.map((c) => `<${tag}>${prose(c)}</${tag}>`).join("")
      out.push(`<table tabindex="0"><thead><tr>${cells(head!, "th")}</tr></thead><tbody>${body.map((r) => `<tr>${cells(r, "td")}</tr>`).join("")}</tbody></table>`)
    }
    rows = []
  }
  for (const line of Commands.markdown().split("\n")) {
    if (line.startsWith("|")) {
      if (paragraph.length > 0) flush()
      rows.push(line.slice(1, -1).split(" | ").map((c) => c.trim()))
    } else if (line.startsWith("#")) {
      flush()
      const text = line.replace(/^#+\s*/, "")
      out.push(`<h3 id="command-${escape(text.replaceAll("`", ""))}">${prose(text)}</h3>`)
    } else if (line.trim() === "") {
      flush()
    } else {
      if (rows.length > 0) flush()
      paragraph.push(line.trim())
    }
  }
  flush()
  return out.join("\n")
}

const style = `
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
h1{margin-top:0}h2{border-bottom:2px solid #ddd;margin-top:2.5rem}h3{margin-bottom:.25rem;overflow-wrap:anywhere}
code{font:14px/1.4 ui-monospace,monospace;background:#f3f3f3;padding:0 .2em;border-radius:3px}
.method{font:700 13px ui-monospace,monospace;background:#234;color:#fff;padding:.1em .4em;border-radius:3px}
.summary{font-weight:600;margin:.25rem 0}.token{color:#555;font-size:14px}
table{border-collapse:collapse;display:block;overflow-x:auto;font-size:14px}th,td{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
article{border-top:1px solid #eee;padding-top:.5rem;margin-top:1rem}nav ul{columns:2 14rem}
`

/** The whole page, from an OpenAPI document. */
export const render = (spec: OpenApi.OpenAPISpec): string => {
  const doc = spec as unknown as Json
  const tags: ReadonlyArray<Json> = doc["tags"] ?? []
  const byTag = new Map<string, Array<string>>()
  for (const [path, item] of Object.entries((doc["paths"] ?? {}) as Json)) {
    for (const method of methods) {
      const op = (item as Json)[method] as Json | undefined
      if (op === undefined) continue
      const tag = String(op["tags"]?.[0] ?? "other")
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(path, method, op)])
    }
  }
  const sections = tags
    .filter((t) => byTag.has(String(t["name"])))
    .map((t) => {
      const name = String(t["name"])
      return `<section id="tag-${escape(name)}"><h2>${escape(name === "system" ? "System" : name)}</h2>${
        t["description"] !== undefined ? `<p>${prose(t["description"])}</p>` : ""
      }\n${byTag.get(name)!.join("\n")}</section>`
    })
  const nav = tags
    .filter((t) => byTag.has(String(t["name"])))
    .map((t) => `<li><a href="#tag-${escape(String(t["name"]))}">${escape(String(t["name"]) === "system" ? "System" : String(t["name"]))}</a> (${byTag.get(String(t["name"]))!.length})</li>`)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(String(doc["info"]?.["title"] ?? "API"))} API</title>
<style>${style}</style>
</head>
<body>
<header>
<h1>${escape(String(doc["info"]?.["title"] ?? "API"))} API</h1>
<p>${prose(doc["info"]?.["description"])}</p>
<p>The same routes, machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
</header>
<section id="basics">
<h2>Before the first request</h2>
<ul>
<li><strong>Signing in.</strong> Every route but <code>/health</code>, <code>/docs</code> and <code>/openapi.json</code> needs <code>Authorization: Bearer &lt;token&gt;</code>. An operator issues tokens with <code>coaching tokens create --role teacher|coach|lead|admin --person ID</code> (shown once, stored hashed) and revokes them with <code>coaching tokens revoke</code>. A person's token acts as that person in that role; a store token opens the store and transfer routes only.</li>
<li><strong>The record is the teacher's.</strong> Every route asks core's rights: a teacher reads their own record, a coach the teachers they coach, a lead aggregates only. A denied read answers exactly as a read of something that does not exist.</li>
<li><strong>Errors.</strong> Every 4xx and 5xx is JSON: <code>{ "_tag", "code", "path", "message" }</code>, with a stable <code>code</code> and the <code>path</code> of the field it is about. 400 bad request (malformed JSON, a wrong type, an unknown field), 401 no or unknown token, 403 not allowed, 404 nothing there, 409 a version conflict, 413 a body over the server's limit, 415 not JSON, 422 refused by the rules (nothing written), 503 the store is unavailable.</li>
<li><strong>Retries are safe.</strong> A command carries your <code>commandId</code>: sent again with the same id (after a timeout or a dropped connection), it is answered with the first result and recorded once.</li>
</ul>
</section>
<nav><h2>Routes</h2><ul>${nav.join("")}<li><a href="#commands">Commands</a></li></ul></nav>
${sections.join("\n")}
<section id="commands">
<h2>Commands</h2>
<p>What <code>POST /journeys/{teacherId}/commands</code> takes as <code>command</code>: every command and its fields. Commands carry no time (the server's clock gives it); <code>by</code> is the person sending it and must be the token's.</p>
${commandsSection()}
</section>
</body>
</html>
`
}
