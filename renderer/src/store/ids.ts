let counter = 0

/** A short id unique within this page (columns and turns; runs get theirs from main). */
export function newId(prefix: string): string {
  counter += 1
  return `${prefix}${counter.toString(36)}${Math.floor(Math.random() * 1296)
    .toString(36)
    .padStart(2, '0')}`
}
