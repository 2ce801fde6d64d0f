/**
 * The answer stage's one public face (server, eval and bench import from here): the answer
 * pipeline, its corpus view, messages and the answer types.
 */
export { createAnswerer, DEFAULT_ANSWERER } from './pipeline.js';
export type { AnswererDeps, AnswererOptions } from './pipeline.js';
export { corpusViewOf } from './corpus.js';
export type { CorpusView } from './corpus.js';
export { FRENCH_ORIGINALS_HEADING, LEAD_IN, LLM_UNAVAILABLE, SEE_ALSO_HEADING, SOURCES_HEADING, notInDocuments } from './messages.js';
export type { Answer, AnswerEvent, Answerer, AnswerRequest, Citation, Confidence, ConversationTurn, Quote, ShortAnswer, ShortAnswerKind } from './types.js';
export { ANONYMOUS, CLIENT_ID_PATTERN, DEFAULT_SESSIONS, SessionStore, ownerOf, titleOf } from './sessions.js';
export type { ClientRef, Conversation, ConversationStore, ConversationSummary, NewTurn, Session, SessionOptions, StoredTurn, TurnFeedback } from './sessions.js';
export { CONVERSATION_FORMAT_VERSION, FileConversationStore, MemoryConversationStore, summaryOf } from './conversation-store.js';
export { PgConversationStore, pgConversationNames } from './conversation-pg.js';
export type { PgConversationNames, Queryable } from './conversation-pg.js';
export { FileFeedbackStore, MemoryFeedbackStore, latestFeedback } from './feedback.js';
export type { FeedbackRecord, FeedbackStore } from './feedback.js';
