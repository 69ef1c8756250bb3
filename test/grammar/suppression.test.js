// SYNTAX TEST "source.js" "ai-preflight-ignore in JavaScript/TypeScript comments"
const client = new OpenAI(); // ai-preflight-ignore: llm-client-timeout the proxy enforces 30s
//                              ^^^^^^^^^^^^^^^^^^^ keyword.control.directive.suppression.ai-preflight
//                              ^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.js
//                                                   ^^^^^^^^^^^^^^^^^^ entity.name.tag.rule-id.ai-preflight
//                                                                      ^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.ai-preflight
