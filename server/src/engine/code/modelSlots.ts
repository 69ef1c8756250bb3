// Name tests shared by the Python and JS/TS sides of `unpinned-model-version`: which names make a string a
// model the code calls, and which make it a label or an accounting record that only mentions one.

/** Keys of display text (`modelLabel`, `model_title`, `displayModel`): a UI label, not the id sent to a provider. */
export const LABEL_KEY = /label|title|display|description|caption/i;

// Records of spend and usage: `costTracking.addCall({ model })`, `totalUsage: { model }`, `usage = {"model": ...}`,
// `track_usage(model=...)`. They name the model a call used, after the fact; the call itself is elsewhere.
const ACCOUNTING_NAME = /cost|usage|pric(?:e|ing)|billing|spend|track/i;

/**
 * True for the name of a call, key or variable that records spend or usage rather than making a model call. Of a
 * dotted callee only the method and its object count (`costTracking.addCall`), so that a client stored under such
 * a name (`self.cost_tracked_client.chat.completions.create`) still makes a model call.
 */
export function isAccountingName(name: string | undefined): boolean {
  return !!name && ACCOUNTING_NAME.test(name.split('.').slice(-2).join('.'));
}

// Functions that compute or record spend (`estimateCost`, `calculate_price`, `get_usage`): a model name there is a
// key into a price table or a usage log.
const ACCOUNTING_FUNCTION = /^_*(?:estimate|calc|calculate|compute|get|track|record|log|add|update|count)\w*?(?:cost|pric(?:e|ing)|billing|spend|usage)/i;

export function isAccountingFunction(name: string | undefined): boolean {
  return !!name && ACCOUNTING_FUNCTION.test(name);
}

// Wrappers and factories that take a model id as an argument: `getModel("gpt-4o", "openai")`, `init_chat_model("gpt-4o")`,
// `get_llm(...)`, `registry.languageModel(...)`, and model classes such as `OpenAIModel("gpt-4o")` (pydantic-ai).
const MODEL_FACTORY = /^(?:get|create|make|load|init|build|resolve|select|pick|use|new)?_?(?:chat_?|language_?|llm_?|ai_?)?(?:model|llm|chat_?model)$/i;
const MODEL_CLASS = /^[A-Z][A-Za-z]*(?:Model|LLM)$/;

/** True for the last name of a callee that returns a model for the id it is given. */
export function isModelFactoryCall(lastName: string): boolean {
  return MODEL_FACTORY.test(lastName) || MODEL_CLASS.test(lastName);
}
