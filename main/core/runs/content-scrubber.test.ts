import { describe, expect, test } from 'vitest'
import type { StreamPart } from '../../common/stream-parts'
import { ContentScrubber } from './content-scrubber'

const KEY = 'sk-proj-ABCDEFGH12345678'
const OTHER = 'sk-proj-ABCDxyz' // shares a prefix with KEY
const text = (t: string, at = 1): StreamPart => ({ type: 'text', text: t, at })

function run(pieces: string[], secrets = [KEY, OTHER]): { out: string; parts: StreamPart[] } {
  const s = new ContentScrubber(secrets)
  const parts = [...pieces.flatMap((p, i) => s.parts([text(p, i)])), ...s.end()]
  return { out: parts.map((p) => (p.type === 'text' ? p.text : '')).join(''), parts }
}

describe('content scrubber', () => {
  test('removes a key split at every possible point, and never emits any piece of it', () => {
    const content = `before ${KEY} middle ${OTHER} after`
    for (let i = 0; i <= content.length; i++) {
      for (const j of [i, Math.min(content.length, i + 3), Math.min(content.length, i + 11)]) {
        const { out, parts } = run([content.slice(0, i), content.slice(i, j), content.slice(j)])
        expect(out).toBe('before [redacted] middle [redacted] after')
        for (const p of parts) expect(p.type === 'text' && p.text.includes('sk-proj-ABCD')).toBe(false)
      }
    }
  })

  test('text that only looks like the start of a key is held back one chunk, then released intact', () => {
    const { out } = run(['code: sk-pro', 'ject'])
    expect(out).toBe('code: sk-project')
  })

  test('a held tail goes out before the finish part; other parts pass through', () => {
    const s = new ContentScrubber([KEY])
    const first = s.parts([text('ends with sk-')])
    expect(first.map((p) => (p.type === 'text' ? p.text : ''))).toEqual(['ends with '])
    const rest = s.parts([{ type: 'finish', reason: 'stop', at: 2 }])
    expect(rest).toEqual([text('sk-', 1), { type: 'finish', reason: 'stop', at: 2 }])
  })

  test('reasoning and tool-call arguments are scrubbed on their own streams', () => {
    const s = new ContentScrubber([KEY])
    const parts = [
      ...s.parts([
        { type: 'reasoning', text: KEY.slice(0, 10), at: 1 },
        { type: 'tool_call', index: 0, id: 'c1', name: 'f', arguments: `{"k":"${KEY.slice(0, 4)}`, at: 1 },
      ]),
      ...s.parts([
        { type: 'reasoning', text: KEY.slice(10), at: 2 },
        { type: 'tool_call', index: 0, arguments: `${KEY.slice(4)}"}`, at: 2 },
      ]),
      ...s.end(),
    ]
    const reasoning = parts.map((p) => (p.type === 'reasoning' ? p.text : '')).join('')
    const args = parts.map((p) => (p.type === 'tool_call' ? p.arguments : '')).join('')
    expect(reasoning).toBe('[redacted]')
    expect(args).toBe('{"k":"[redacted]"}')
  })

  test('with no keys known, parts pass through untouched', () => {
    const parts = [text('sk-proj-anything')]
    expect(new ContentScrubber([]).parts(parts)).toBe(parts)
  })
})
