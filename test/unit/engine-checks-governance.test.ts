// Per-check fixtures, governance side: ownership, business-metric, human-fallback, model-card.
// Each check: a present case, an absent case, and look-alikes that must not count (SPEC §5).
import * as assert from 'assert';
import { scan } from '../../server/src/engine/scan';
import { fixturePath } from '../helpers';
import { assertCheck, itCases, ML_BASE, scanTree } from './engine-support.test';

describe('check ownership', () => {
  itCases('ownership', [
    { name: 'root CODEOWNERS with a team', files: { CODEOWNERS: '# owners\n* @acme/ml-platform\n' }, status: 'pass', state: 'present', evidence: 'CODEOWNERS' },
    { name: '.github/CODEOWNERS with an e-mail owner', files: { '.github/CODEOWNERS': '/app/ jane.doe@acme.com\n' }, status: 'pass', evidence: '.github/CODEOWNERS' },
    { name: 'an ownership doc naming the accountable owner', files: { 'docs/ownership.md': '# Ownership\n\nAccountable owner: Priya Shah (Head of Support Ops).\nOn-call: #helpdesk-bot-oncall\n' }, status: 'pass', evidence: 'docs/ownership.md' },
    { name: 'CODEOWNERS scaffold still naming @your-org (incomplete)', files: { '.github/CODEOWNERS': '* @your-org/your-team\n' }, status: 'pass', state: 'incomplete' },
    { name: 'no owner anywhere', files: {}, status: 'fail', state: 'absent' },
    {
      name: 'a roles-and-responsibilities form in a templates folder',
      files: { 'docs/templates/qms/roles_and_responsibilities.md': '# Roles and responsibilities\n\n| Role | Named individual |\n|---|---|\n| Accountable system owner | _TBD_ |\n| Escalation contact | _TBD_ |\n' },
      status: 'fail', state: 'absent',
    },
    { name: 'a README contact line', files: { 'README.md': '# helpdesk-bot\n\nQuestions? Contact jane.doe@acme.com or @jdoe on Slack.\n\n## Maintainer\n\nJane Doe\n' }, status: 'fail', state: 'absent' },
    { name: '`owner:` inside a data contract', files: { 'contracts/tickets.odcs.yaml': 'apiVersion: v3.0.0\nkind: DataContract\nid: tickets\nowner: data-platform-team\nschema:\n  - name: tickets\n' }, status: 'fail', state: 'absent' },
    { name: 'package authors in pyproject.toml', files: { 'pyproject.toml': '[project]\nname = "helpdesk-bot"\nauthors = [{ name = "Jane Doe", email = "jane@acme.com" }]\ndependencies = ["openai>=1.30"]\n' }, status: 'fail', state: 'absent' },
    { name: 'a RACI matrix', files: { 'docs/ml-raci.md': '| Activity | Responsible | Accountable |\n|---|---|---|\n| Model release | ML team | Accountable: Priya Shah |\n' }, status: 'pass', evidence: 'docs/ml-raci.md' },
    { name: 'a tracing guide naming an escalation field (tracing.md is not a RACI file)', files: { 'guides/tracing.md': '# Tracing\n\nRecord for each trace:\n- escalation or handoff needed\n- owner: the route that produced it\n' }, status: 'fail', state: 'absent' },
    { name: 'a CODEOWNERS holding only comments', files: { CODEOWNERS: '# Add owners here, e.g.\n# * @org/team\n' }, status: 'fail', state: 'absent' },
  ]);
});

describe('check business-metric', () => {
  itCases('business-metric', [
    {
      name: 'a KPI with a baseline and a target',
      files: { 'docs/business-metric.md': '# Business metric\n\nKPI: ticket deflection rate.\nBaseline: 12% of tickets resolved without an agent (March).\nTarget: 25% by the end of Q3.\n' },
      status: 'pass', evidence: 'docs/business-metric.md',
    },
    { name: 'no business metric', files: {}, status: 'fail', state: 'absent' },
    {
      name: 'model-quality metrics alone (accuracy with a baseline)',
      files: { 'docs/results.md': '# Results\n\nAccuracy: 0.91 against a majority-class baseline of 0.62.\nF1 improved from 0.70 to 0.84.\n' },
      status: 'fail', state: 'absent',
    },
  ]);
});

describe('check human-fallback', () => {
  itCases('human-fallback', [
    {
      name: 'low-confidence answers escalated to a human in code',
      files: { 'app/route.py': 'THRESHOLD = 0.6\n\ndef route(answer, confidence):\n    if confidence < THRESHOLD:\n        return escalate_to_human(answer)\n    return answer\n' },
      status: 'pass', evidence: 'app/route.py',
    },
    { name: 'a documented review queue', files: { 'docs/operations.md': '# Operations\n\nDrafts below 0.7 confidence go to the human review queue owned by the support leads.\n' }, status: 'pass' },
    { name: 'nothing', files: {}, status: 'fail', state: 'absent' },
    {
      name: "LangGraph's interrupt() pausing the graph for a human",
      files: { 'app/graph.py': 'from langgraph.types import interrupt\n\ndef review(state):\n    decision = interrupt({"draft": state["draft"]})\n    return {"approved": decision}\n' },
      status: 'pass', evidence: 'app/graph.py',
    },
    {
      name: "a method named interrupt, a test script's log line and an agent skill's board status",
      files: {
        'app/agent.py': 'class Agent:\n    def interrupt(self):\n        self._stop = True\n',
        'scripts/devops/test_ldap_tls.py': 'print("MANUAL VERIFICATION: check the certificate chain")\n',
        '.agents/skills/board/_board.py': 'NEEDS_REVIEW = "Needs Review"\n',
      },
      status: 'fail', state: 'absent',
    },
    {
      name: "an SDK's doc comment about approval requests, a scaffold's use-case menu and a test fixture",
      files: {
        'src/resources/items.ts': '/**\n * A request for human approval of a tool invocation.\n */\nexport interface McpApprovalRequest { id: string }\n',
        'src/helpers/use-case.ts': 'export const USE_CASES = ["rag", "hitl", "extractor"];\n',
        'src/__fixtures__/graph.ts': 'export const trace = { node: "human_review" };\n',
        'app/main.py': 'run()  # a human review step may come later\n',
      },
      status: 'fail', state: 'absent',
    },
    {
      name: 'falling back to a default class',
      files: { 'app/classify.py': 'def classify(scores):\n    best = max(scores, key=scores.get)\n    return best if scores[best] > 0.5 else "other"  # fall back to the default class\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: "contributor and coding-agent guides about the pull-request review queue",
      files: {
        'CONTRIBUTING.md': '# Contributing\n\nUnsigned pull requests do not enter the review queue; maintainers review the agent integrations.\n',
        'AGENTS.md': '# For coding agents\n\nA pull request without a signed CLA never enters the review queue. Agents must run the tests.\n',
        'skills/verify/README.md': '# verify skill\n\nRuns the test suite; logical errors in the generated agent code are for human review.\n',
      },
      status: 'fail', state: 'absent',
    },
    {
      name: 'users rating answers ("human-in-the-loop feedback") is no human path',
      files: { 'README.md': '# Math tutor\n\n- **Human-in-the-Loop Feedback**: users rate answers (Yes/No), logged for future learning.\n\n## Human-in-the-loop feedback\nThe agent stores each rating.\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a documented human-in-the-loop step for uncertain answers',
      files: { 'README.md': '# Triage\n\nHuman-in-the-loop: answers the model is unsure of wait for a nurse.\n' },
      status: 'pass',
    },
    {
      name: "a docs-build script's console message and a log line about a manual review (prose in strings)",
      files: {
        'docs/scripts/glossary.js': 'export function done(env) {\n  env.output.appendContent(`Glossary rebuilt: ${env.count} terms. Make sure to perform a manual review before committing.`);\n}\n',
        'app/notify.py': 'def notify(log):\n    log.info("Queued for human review later, maybe")\n    """Docstring: the human review queue is planned."""\n',
      },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a graph node named human_review (a name in a string, not prose)',
      files: { 'app/graph.py': 'def build(graph, review_node):\n    graph.add_node("human_review", review_node)\n    return graph\n' },
      status: 'pass', evidence: 'app/graph.py',
    },
    {
      name: 'methods named interrupt (JS class, TS class): no call that pauses for a person',
      files: {
        'src/chat.js': 'export class Chat {\n  interrupt(route) {\n    this.emit("interrupt", route);\n  }\n}\n',
        'src/stream.ts': 'export class Stream {\n  async interrupt(reason: string): Promise<void> {\n    this.closed = true;\n  }\n}\n',
      },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a bare interrupt() statement in a LangGraph node',
      files: { 'app/graph.py': 'from langgraph.types import interrupt\n\ndef review(state):\n    interrupt({"draft": state["draft"]})\n    return state\n' },
      status: 'pass', evidence: 'app/graph.py',
    },
    {
      name: 'documents that deny a human path ("there is no human review", "without human escalation")',
      files: {
        'README.md': '# Auto-reply\n\nThere is no human review: the model answers every ticket directly.\n',
        'docs/design.md': '# Design\n\nLow-confidence answers are still sent, without human escalation, and the agent logs them.\n',
      },
      status: 'fail', state: 'absent',
    },
    {
      name: "a task catalogue's about page describing human-in-the-loop applications",
      files: { 'packages/tasks/src/tasks/mask-generation/about.md': '## Use Cases\n\n### Human-in-the-loop Computer Vision Applications\n\nFor applications where humans are in the loop, masks a model generates highlight regions for humans to validate.\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: "CopilotKit's useHumanInTheLoop hook",
      files: { 'src/hooks/tools.tsx': 'export function useTools() {\n  useHumanInTheLoop({ name: "scheduleTime", render: Confirm });\n}\n' },
      status: 'pass', evidence: 'src/hooks/tools.tsx',
    },
    {
      name: 'a routing decision to an escalation step',
      files: { 'app/policies.py': 'def final_route(decision):\n    if decision.routing_decision == "emergency_escalation":\n        return notify_adjuster(decision)\n    return decision\n' },
      status: 'pass', evidence: 'app/policies.py',
    },
    {
      name: 'an agent asking the user before it runs the code the model wrote (auto_run off)',
      files: { 'agent/terminal.py': 'def on_code(agent, code):\n    if not agent.auto_run:\n        answer = input(\n            "  Would you like to run this code? (y/n)\\n\\n  "\n        )\n        if answer.strip().lower() != "y":\n            return\n    agent.execute(code)\n' },
      status: 'pass', evidence: 'agent/terminal.py',
    },
    {
      name: 'a tool call approved at a prompt (f-string), and a tool flagged require_confirmation=True',
      files: {
        'app/cli.py': 'def gate(call):\n    return input(f"Approve tool call {call.name}? [y/N] ") == "y"\n',
        'src/tools.ts': 'export const deleteFile = tool({\n  requireConfirmation: true,\n  execute: remove,\n});\n',
      },
      status: 'pass', evidence: 'app/cli.py',
    },
    {
      name: 'a confirmation flag gating execution, with no prompt text (if (!autoApprove))',
      files: { 'src/runner.ts': 'export async function step(opts, action) {\n  if (!opts.autoApprove) {\n    await ask(action);\n  }\n  return run(action);\n}\n' },
      status: 'pass', evidence: 'src/runner.ts',
    },
    {
      name: 'documented confirmation with the user before generated code runs (.mdx)',
      files: { 'docs/safety/introduction.mdx': '# Safety\n\n- Requiring confirmation with the user before the code is actually run. It can be disabled with a flag.\n' },
      status: 'pass', evidence: 'docs/safety/introduction.mdx',
    },
    {
      name: 'plain CLI prompts for data or another round, and a Dash Input id',
      files: {
        'app/main.py': 'name = input("Enter your name: ")\nagain = input("Run another query? (y/n) ")\nmore = input("Do you want to run it again? [y/n]")\n',
        'app/ui.py': 'from dash import Input\ncb = Input("run-button", "n_clicks")\n',
        'docs/usage.md': '# Usage\n\nThe CLI runs the agent without asking for confirmation from the user before running each step.\n',
      },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a prompt telling users where support is',
      files: { 'app/prompts.py': 'SYSTEM = "If you cannot help, tell the user they can email support@acme.com."\n' },
      status: 'fail', state: 'absent',
    },
  ]);
});

const FILLED_CARD = `# Model card: helpdesk-bot

## Intended use
Drafting replies to customer order questions for support agents to review.

## Out-of-scope use
Legal or medical advice; fully automatic replies.

## Evaluation
Scored on 200 golden tickets: 87% of drafts accepted without edits.

## Limitations
Struggles with multi-order questions and non-English tickets.
`;

const HF_TEMPLATE = `---
license: mit
---
# Model Card for helpdesk-bot

## Model Details
- **Developed by:** [More Information Needed]
- **Model type:** [More Information Needed]

## Uses
### Direct Use
[More Information Needed]
### Out-of-Scope Use
[More Information Needed]

## Bias, Risks, and Limitations
[More Information Needed]

## Evaluation
### Metrics
[More Information Needed]
`;

describe('check model-card', () => {
  itCases('model-card', [
    { name: 'a filled MODEL_CARD.md', files: { 'MODEL_CARD.md': FILLED_CARD }, status: 'pass', state: 'present', evidence: 'MODEL_CARD.md' },
    { name: 'a lower-case docs/model_card.md', files: { 'docs/model_card.md': FILLED_CARD }, status: 'pass', state: 'present', evidence: 'docs/model_card.md' },
    { name: 'a template whose fields are all [More Information Needed] (incomplete)', files: { 'MODEL_CARD.md': HF_TEMPLATE }, status: 'pass', state: 'incomplete' },
    { name: 'no model card', files: {}, status: 'fail', state: 'absent' },
    { name: 'an API doc stub', files: { 'docs/api.md': '# API\n\n## POST /reply\n\nReturns the model reply.\n' }, status: 'fail', state: 'absent' },
    { name: 'an empty MODEL_CARD.md', files: { 'MODEL_CARD.md': '' }, status: 'fail', state: 'absent' },
  ]);

  it('lists the placeholders left in an incomplete card', async () => {
    const c = assertCheck(await scanTree({ ...ML_BASE, 'MODEL_CARD.md': HF_TEMPLATE }), 'model-card', { status: 'pass', state: 'incomplete' });
    assert.deepStrictEqual(c.missing, ['[More Information Needed]']);
    assert.match(c.message, /placeholder/);
  });

  it('the llm-app fixture has no model card, owner, evals or monitoring (the CLI demo)', async () => {
    const result = await scan({ root: fixturePath('projects', 'llm-app') });
    for (const id of ['model-card', 'ownership', 'eval-pipeline', 'monitoring', 'rollback', 'guardrails', 'ci', 'business-metric', 'human-fallback', 'data-contract', 'pinned-dependencies']) {
      assertCheck(result, id, { status: 'fail', state: 'absent' });
    }
    assertCheck(result, 'tests', { status: 'pass', state: 'present' });
    assertCheck(result, 'hardcoded-secrets', { status: 'pass' });
    assert.deepStrictEqual(result.findings, [], 'the demo app has a timeout and a dated model: no code findings');
  });
});
