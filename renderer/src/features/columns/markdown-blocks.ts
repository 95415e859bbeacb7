import MarkdownIt from 'markdown-it'

/**
 * Incremental markdown for streaming output. The text is cut into blocks at blank
 * lines and closed code fences (never inside a fence); settled blocks are rendered
 * once and kept, and only the open tail is re-rendered as tokens arrive. A frame
 * therefore costs O(tail), not O(output): no quadratic re-render of long answers.
 */
export class MarkdownBlocks {
  private settledEnd = 0
  private readonly settled: string[] = []
  private readonly html: string[] = []

  constructor(private readonly render: (src: string) => string = renderMarkdown) {}

  /** Feeds the whole text so far (append-only); returns the rendered settled blocks and the raw tail. */
  update(text: string): { blocks: readonly string[]; tail: string } {
    if (text.length < this.settledEnd) this.reset()
    let lineStart = this.settledEnd
    let blockStart = this.settledEnd
    let fence: string | null = null
    while (lineStart < text.length) {
      const nl = text.indexOf('\n', lineStart)
      if (nl === -1) break
      const line = text.slice(lineStart, nl)
      const next = nl + 1
      const marker = fenceMarker(line)
      if (fence === null && marker) {
        fence = marker
      } else if (
        fence !== null &&
        marker &&
        marker[0] === fence[0] &&
        marker.length >= fence.length &&
        isBareFence(line)
      ) {
        fence = null
        this.settle(text.slice(blockStart, next))
        blockStart = next
      } else if (fence === null && line.trim() === '') {
        if (text.slice(blockStart, lineStart).trim() !== '') this.settle(text.slice(blockStart, lineStart))
        blockStart = next
      }
      lineStart = next
    }
    this.settledEnd = blockStart
    return { blocks: this.html, tail: text.slice(blockStart) }
  }

  /** Settled block sources (for tests). */
  get sources(): readonly string[] {
    return this.settled
  }

  private settle(src: string): void {
    this.settled.push(src)
    this.html.push(this.render(src))
  }

  private reset(): void {
    this.settledEnd = 0
    this.settled.length = 0
    this.html.length = 0
  }
}

function fenceMarker(line: string): string | null {
  const m = /^ {0,3}(`{3,}|~{3,})/.exec(line)
  return m ? m[1]! : null
}

function isBareFence(line: string): boolean {
  return /^ {0,3}(`{3,}|~{3,})\s*$/.test(line)
}

/** `html: false`: raw HTML in model output is escaped, so the result is safe to insert. */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false })

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('target', '_blank')
  tokens[idx]!.attrSet('rel', 'noopener noreferrer')
  return defaultLinkOpen(tokens, idx, options, env, self)
}

export function renderMarkdown(src: string): string {
  return md.render(src)
}
