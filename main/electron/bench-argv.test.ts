import { expect, test } from 'vitest'
import { benchArguments } from './bench-argv'

const LINUX = '/opt/EdgeQuake Playground/edgequake-playground'
const MAC = '/Applications/EdgeQuake Playground.app/Contents/MacOS/EdgeQuake Playground'
const WINDOWS = 'C:\\Users\\me\\AppData\\Local\\Programs\\EdgeQuake Playground\\EdgeQuake Playground.exe'
const ELECTRON = '/repo/node_modules/electron/dist/electron'

test('packaged: the user arguments follow the executable', () => {
  for (const exe of [LINUX, MAC, WINDOWS]) {
    expect(benchArguments([exe, 'bench', 'spec.yaml'], false)).toEqual(['bench', 'spec.yaml'])
  }
  expect(benchArguments([LINUX, 'bench', 'spec.yaml', '--out', 'reports', '--no-history'], false)).toEqual([
    'bench',
    'spec.yaml',
    '--out',
    'reports',
    '--no-history',
  ])
})

test('dev (`electron <app path>`): the app path comes first, however it is written', () => {
  expect(benchArguments([ELECTRON, '.', 'bench', 'spec.yaml'], true)).toEqual(['bench', 'spec.yaml'])
  expect(benchArguments([ELECTRON, 'dist/main/electron-main.cjs', 'bench', 's.json'], true)).toEqual([
    'bench',
    's.json',
  ])
  // An app directory that happens to be called bench is the app, not the command.
  expect(benchArguments([ELECTRON, 'bench'], true)).toBeNull()
  expect(benchArguments([ELECTRON, 'bench', 'bench', 'spec.yaml'], true)).toEqual(['bench', 'spec.yaml'])
  // Packaged-style argv read as dev would lose the command: which one it is matters.
  expect(benchArguments([ELECTRON, 'bench', 'spec.yaml'], true)).toBeNull()
})

test('Chromium and Electron switches and macOS -psn_ before the command are skipped', () => {
  expect(
    benchArguments(
      [LINUX, '--no-sandbox', '--user-data-dir=/tmp/eq', '--password-store=basic', 'bench', 'a.yaml'],
      false,
    ),
  ).toEqual(['bench', 'a.yaml'])
  expect(benchArguments([MAC, '-psn_0_1234567', '--use-mock-keychain', 'bench', 'a.yaml'], false)).toEqual([
    'bench',
    'a.yaml',
  ])
  expect(
    benchArguments(
      [ELECTRON, '--inspect=0', 'dist/main/electron-main.cjs', '--enable-logging', 'bench', 'a.yaml'],
      true,
    ),
  ).toEqual(['bench', 'a.yaml'])
})

test('no bench command: the normal app', () => {
  expect(benchArguments([LINUX], false)).toBeNull()
  expect(benchArguments([MAC, '-psn_0_1234567'], false)).toBeNull()
  expect(benchArguments([ELECTRON, '.'], true)).toBeNull()
  expect(benchArguments([ELECTRON, '.', '--no-sandbox'], true)).toBeNull()
  // A file opened with the app, a misspelt command, the command as a switch or not first.
  expect(benchArguments([WINDOWS, 'C:\\reports\\bench.yaml'], false)).toBeNull()
  expect(benchArguments([LINUX, 'Bench', 'spec.yaml'], false)).toBeNull()
  expect(benchArguments([LINUX, '--bench', 'spec.yaml'], false)).toBeNull()
  expect(benchArguments([LINUX, 'spec.yaml', 'bench'], false)).toBeNull()
  expect(benchArguments([], false)).toBeNull()
})

test('after the command, everything is the CLI’s (its parser judges it)', () => {
  expect(benchArguments([LINUX, 'bench', '--out', 'r', '--nonsense'], false)).toEqual([
    'bench',
    '--out',
    'r',
    '--nonsense',
  ])
  expect(benchArguments([LINUX, 'bench'], false)).toEqual(['bench'])
})
