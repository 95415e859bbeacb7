// Child entry: node bench/lib/peer-child.mjs <measurement> <peer> '<ctx json>'
// Imports bench/<measurement>.mjs, runs its measurePeer() for one peer and
// prints the result as one JSON line. Any wrong output throws: exit 1.

import { peer } from './peers.mjs'

const [measurement, name, ctxJson] = process.argv.slice(2)
try {
  const ctx = JSON.parse(ctxJson)
  const mod = await import(new URL(`../${measurement}.mjs`, import.meta.url).href)
  const client = await peer(name).open(ctx.base)
  const result = await mod.measurePeer(client, ctx)
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exit(0)
} catch (err) {
  console.error(`${measurement}/${name}:`, err)
  process.exit(1)
}
