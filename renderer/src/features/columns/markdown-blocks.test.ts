import { describe, expect, it } from 'vitest'
import { MarkdownBlocks, renderMarkdown } from './markdown-blocks'

describe('MarkdownBlocks', () => {
  it('settles blocks at blank lines and renders each once', () => {
    let renders = 0
    const md = new MarkdownBlocks((src) => {
      renders += 1
      return renderMarkdown(src)
    })
    const full = '# Title\n\nFirst paragraph.\n\nSecond para'
    let out = md.update(full.slice(0, 10))
    expect(out.blocks).toHaveLength(1)
    expect(out.tail).toBe('F')
    out = md.update(full)
    expect(md.sources).toEqual(['# Title\n', 'First paragraph.\n'])
    expect(out.tail).toBe('Second para')
    expect(renders).toBe(2)
    md.update(`${full}graph goes on`)
    expect(renders).toBe(2)
  })

  it('never cuts inside a code fence, and settles it once closed', () => {
    const md = new MarkdownBlocks()
    const open = 'Intro\n\n```ts\nconst a = 1\n\nconst b = 2\n'
    let out = md.update(open)
    expect(md.sources).toEqual(['Intro\n'])
    expect(out.tail).toBe('```ts\nconst a = 1\n\nconst b = 2\n')
    out = md.update(`${open}\`\`\`\nAfter`)
    expect(md.sources.at(-1)).toBe('```ts\nconst a = 1\n\nconst b = 2\n```\n')
    expect(out.tail).toBe('After')
    expect(out.blocks.at(-1)).toContain('<pre><code class="language-ts">')
  })

  it('gives the same HTML as rendering the whole text at once for simple documents', () => {
    const doc = '## Head\n\nSome *em* text.\n\n- a\n- b\n\n```js\nx()\n```\n\nEnd.\n'
    const md = new MarkdownBlocks()
    let out = md.update('')
    for (let i = 1; i <= doc.length; i += 7) out = md.update(doc.slice(0, i))
    out = md.update(doc)
    const html = out.blocks.join('') + (out.tail ? renderMarkdown(out.tail) : '')
    expect(html.replace(/\n/g, '')).toBe(renderMarkdown(doc).replace(/\n/g, ''))
  })

  it('starts over when given a shorter text', () => {
    const md = new MarkdownBlocks()
    md.update('one\n\ntwo\n\n')
    expect(md.sources).toHaveLength(2)
    md.update('x')
    expect(md.sources).toHaveLength(0)
  })

  it('escapes HTML in model output and hardens links', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://x.dev)')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img')
    expect(html).not.toContain('href="javascript:')
    expect(html).toContain('rel="noopener noreferrer"')
  })

  it('is linear: a long stream does not re-render settled text', () => {
    let rendered = 0
    const md = new MarkdownBlocks((src) => {
      rendered += src.length
      return src
    })
    let text = ''
    for (let i = 0; i < 2000; i++) {
      text += `Paragraph ${i} has some words.\n\n`
      md.update(text)
    }
    // Every character rendered exactly once (the blank separator lines are not part of a block).
    expect(rendered).toBe(text.length - 2000)
  })
})
