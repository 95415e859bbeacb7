/** Display names of providers, for the picker and for hints ("Set the OpenAI key in Settings"). */
const LABELS: Record<string, string> = {
  simulated: 'Simulated',
  openai: 'OpenAI',
  azure: 'Azure OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Google Gemini',
  ollama: 'Ollama',
  groq: 'Groq',
  together_ai: 'Together AI',
  deepseek: 'DeepSeek',
  xai: 'xAI',
  mistral: 'Mistral',
  openrouter: 'OpenRouter',
  fireworks_ai: 'Fireworks AI',
  perplexity: 'Perplexity',
  lm_studio: 'LM Studio',
  hosted_vllm: 'vLLM',
}

export function providerLabel(provider: string): string {
  return LABELS[provider] ?? provider
}

/** The provider part of `provider/model`. */
export function providerOf(model: string): string {
  const slash = model.indexOf('/')
  return slash < 0 ? '' : model.slice(0, slash)
}
