import { expect, test } from 'vitest'
import { isLinux, isMac, isWindows, platformFacts, quitWhenAllWindowsClosed } from './platform'

test('macOS keeps running with no window; Windows and Linux quit', () => {
  expect(platformFacts('darwin')).toEqual({
    isMac: true,
    isWindows: false,
    isLinux: false,
    quitWhenAllWindowsClosed: false,
  })
  expect(platformFacts('win32')).toEqual({
    isMac: false,
    isWindows: true,
    isLinux: false,
    quitWhenAllWindowsClosed: true,
  })
  expect(platformFacts('linux')).toEqual({
    isMac: false,
    isWindows: false,
    isLinux: true,
    quitWhenAllWindowsClosed: true,
  })
})

test('the exported constants are this process platform', () => {
  expect({ isMac, isWindows, isLinux, quitWhenAllWindowsClosed }).toEqual(platformFacts(process.platform))
})
