/**
 * The chat model behind the optional LLM composer and condenser: any OpenAI-compatible endpoint
 * (OpenAI, Ollama, llama.cpp, vLLM …) through LangChain's ChatOpenAI. Retries are off: a slow or
 * failing model must fall back to the extractive answer within the configured timeout, not retry
 * behind the user's back.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { LlmConfig } from '../core/config.js';

export interface ChatModelOptions {
  temperature: number;
  maxTokens: number;
}

export const DEFAULT_CHAT_MODEL: ChatModelOptions = { temperature: 0, maxTokens: 512 };

export function createChatModel(config: LlmConfig, options: Partial<ChatModelOptions> = {}): BaseChatModel {
  const opts: ChatModelOptions = { ...DEFAULT_CHAT_MODEL, ...options };
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    configuration: { baseURL: config.baseUrl },
    temperature: opts.temperature,
    maxTokens: opts.maxTokens,
    timeout: config.timeoutMs,
    maxRetries: 0,
  });
}

/**
 * Stream the model's text for these messages, giving up after `timeoutMs` (or when `signal`
 * aborts). The timeout covers the whole completion, not just the first byte.
 */
export async function* streamText(
  model: BaseChatModel,
  messages: BaseMessage[],
  timeoutMs: number,
  signal?: AbortSignal,
): AsyncGenerator<string, void, undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new LlmTimeoutError(timeoutMs)), timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const stream = await model.stream(messages, { signal: controller.signal });
    for await (const chunk of stream) {
      const text = chunk.text;
      if (text) yield text;
    }
  } catch (err) {
    // LangChain reports an abort as its own error; name the real cause (timeout) instead.
    if (controller.signal.aborted && controller.signal.reason instanceof LlmTimeoutError) throw controller.signal.reason;
    throw err;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The whole completion as one string (same timeout rules as streamText). */
export async function completeText(model: BaseChatModel, messages: BaseMessage[], timeoutMs: number, signal?: AbortSignal): Promise<string> {
  let out = '';
  for await (const t of streamText(model, messages, timeoutMs, signal)) out += t;
  return out;
}

export class LlmTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`LLM did not answer within ${timeoutMs} ms`);
    this.name = 'LlmTimeoutError';
  }
}
