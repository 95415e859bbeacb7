/** The one function of js-yaml 4 the CLI uses (the package ships no types). */
declare module 'js-yaml' {
  export function load(text: string): unknown
}
