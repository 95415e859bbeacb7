// The GitHub release's notes: CHANGELOG.md's section for the version. No dependencies,
// so release.yml's version job can check the section exists before anything is built.

/** CHANGELOG.md's `## [version]` section, without its heading; throws when absent or empty. */
export function releaseNotes(changelog, version) {
  const lines = changelog.split('\n')
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`))
  if (start < 0) throw new Error(`CHANGELOG.md has no '## [${version}]' section: add one before tagging`)
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## ['))
  const notes = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
  if (!notes) throw new Error(`CHANGELOG.md's '## [${version}]' section is empty`)
  return `${notes}\n`
}
