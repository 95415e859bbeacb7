import { memo } from 'react'
import { useMarkdown } from './use-markdown'

/** Settled blocks are grouped so that the browser tracks a few dozen boxes per column, not thousands. */
const CHUNK = 16

/**
 * Rendered markdown. The HTML comes from markdown-it with `html: false`, which escapes
 * any HTML in the model's output, so inserting it is safe.
 */
export function MarkdownView({ text, resetKey, streaming }: { text: string; resetKey: string; streaming?: boolean }) {
  const { blocks, tailHtml } = useMarkdown(text, resetKey, streaming ?? false)
  const chunks = Math.ceil(blocks.length / CHUNK)
  return (
    <div className="markdown">
      {Array.from({ length: chunks }, (_, k) => (
        // Blocks are append-only: a chunk's index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: settled chunks never move
        <Chunk key={k} blocks={blocks} start={k * CHUNK} end={Math.min(blocks.length, (k + 1) * CHUNK)} />
      ))}
      {tailHtml !== '' && <Html className="md-tail" html={tailHtml} />}
      {streaming && <span className="cursor-blink" aria-hidden="true" />}
    </div>
  )
}

/** `blocks` is one append-only array: a chunk re-renders only when its `end` moves. */
const Chunk = memo(
  function Chunk({ blocks, start, end }: { blocks: readonly string[]; start: number; end: number }) {
    return (
      <div className="md-chunk">
        {blocks.slice(start, end).map((html, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: settled blocks never move
          <Html key={start + i} className="md-block" html={html} />
        ))}
      </div>
    )
  },
  (a, b) => a.blocks === b.blocks && a.start === b.start && a.end === b.end,
)

const Html = memo(function Html({ html, className }: { html: string; className: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it output with html disabled (escaped)
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />
})
