export type * from './adk/types.js';
export { configEnvSchema, type OrchestratorConfig, parseConfig } from './config.js';
export { APP_NAME, type AppDeps, createApp } from './http/index.js';
export { defaultServerSpecs } from './mcp/default-servers.js';
export type { CallOptions, HubTool } from './mcp/mcp-connection.js';
export { createMcpHub, type McpHub, type McpHubOptions } from './mcp/mcp-hub.js';
export type { HttpServerSpec, McpServerSpec, StdioServerSpec } from './mcp/mcp-server-spec.js';
export type { ToolOutcome } from './mcp/tool-outcome.js';
export { type ConfiguredModel, createConfiguredModel } from './model/create-model.js';
export { createGeminiModel, type GeminiModelOptions } from './model/gemini-model.js';
export type { Model, ModelChunk, ModelRequest, ModelTurn, ToolDeclaration } from './model/model.js';
export {
  type ModelSettings,
  type ModelSpec,
  modelEnvShape,
  modelSettings,
  parseModelSpec,
} from './model/model-config.js';
export { createUnconfiguredModel } from './model/unconfigured-model.js';
export type { AgentMode } from './runner/agent-tree.js';
export { createRunner, type RunnerConfig, type RunnerDeps } from './runner/runner.js';
export { createSessionStore, openSessionStore } from './store/index.js';
