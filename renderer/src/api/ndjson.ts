/**
 * Splits a byte stream of newline-delimited JSON into values. A network read can end
 * mid-line (the server batches per ~16 ms frame), so the tail is kept until its `\n`
 * arrives. See main/web/PROTOCOL.md, "Runs".
 */
export class NdjsonDecoder {
  private readonly text = new TextDecoder()
  private pending = ''

  /** Feeds one read; returns every complete line parsed. */
  push(bytes: Uint8Array): unknown[] {
    this.pending += this.text.decode(bytes, { stream: true })
    return this.drain(false)
  }

  /** Ends the stream; a last line without `\n` is parsed too. */
  end(): unknown[] {
    this.pending += this.text.decode()
    return this.drain(true)
  }

  private drain(final: boolean): unknown[] {
    const out: unknown[] = []
    let start = 0
    for (let nl = this.pending.indexOf('\n', start); nl !== -1; nl = this.pending.indexOf('\n', start)) {
      pushLine(out, this.pending.slice(start, nl))
      start = nl + 1
    }
    this.pending = this.pending.slice(start)
    if (final) {
      pushLine(out, this.pending)
      this.pending = ''
    }
    return out
  }
}

function pushLine(out: unknown[], line: string): void {
  const trimmed = line.trim()
  if (trimmed !== '') out.push(JSON.parse(trimmed))
}
