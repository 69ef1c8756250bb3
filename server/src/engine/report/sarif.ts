// SARIF 2.1.0 for GitHub code scanning: code-level findings at their exact region, failing
// project-level checks at the project's anchor file (line 1), skipped files as invocation notes.
import { createHash } from 'crypto';
import { pathToFileURL } from 'url';
import type { CheckResult, Finding, Level, Note, Pillar, ScanResult, Severity } from '../types';
import { titleFromId } from './labels';
import { loadBuiltinChecks } from '../rules/loadChecks';
import { projectOfFinding } from './model';
import { pathToUriReference, relativePath, safeWebUrl } from './paths';

type SarifLevel = 'error' | 'warning' | 'note';
const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'aiPreflight/v1';
const LEVEL_RANK: Record<SarifLevel, number> = { note: 1, warning: 2, error: 3 };
/** GitHub shows a security severity (0–10) for rules tagged `security`. */
const SECURITY_SEVERITY: Record<string, string> = {
  'hardcoded-secrets': '8.9',
  'trust-remote-code': '8.1',
  'unsafe-deserialization': '7.5',
};

interface RuleInfo { id: string; title: string; pillar?: Pillar; docsUrl?: string; level: SarifLevel }

const levelOf = (l: Level | Severity): SarifLevel => (l === 'error' ? 'error' : l === 'warning' ? 'warning' : 'note');
const pascal = (id: string) => id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('') || 'Rule';
const hash = (...parts: (string | number)[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

function artifact(relPath: string) {
  return { uri: pathToUriReference(relPath), uriBaseId: SRCROOT };
}

function region(f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>) {
  const startLine = Math.max(1, Math.floor(f.line || 1));
  const startColumn = Math.max(1, Math.floor(f.column ?? 0) + 1);
  const r: Record<string, number> = { startLine, startColumn };
  const endLine = Math.floor(f.endLine ?? 0);
  const endColumn = Math.floor(f.endColumn ?? -1) + 1;
  if (endLine > startLine || (endLine === startLine && endColumn > startColumn)) {
    r.endLine = endLine;
    r.endColumn = Math.max(1, endColumn);
  }
  return r;
}

/** What a rule looks for, from the rule data itself (code-level and custom rules: their title). */
function describeRule(id: string, title: string): string {
  const def = loadBuiltinChecks().find((d) => d.id === id);
  if (!def) return title;
  return `${def.title}. Looks for ${def.looksFor}. ${def.summary}`;
}

function ruleDescriptor(info: RuleInfo) {
  const description = describeRule(info.id, info.title);
  const helpUri = safeWebUrl(info.docsUrl);
  const tags = ['ai-preflight', 'ai-readiness'];
  if (info.pillar) tags.push(info.pillar);
  const security = SECURITY_SEVERITY[info.id];
  if (security) tags.push('security');
  return {
    id: info.id,
    name: pascal(info.id),
    shortDescription: { text: info.title },
    fullDescription: { text: description },
    ...(helpUri ? { helpUri } : {}),
    help: {
      text: description + (helpUri ? ` See ${helpUri}` : ''),
      markdown: `**${info.title}**\n\n${description}` + (helpUri ? `\n\n[Documentation](${helpUri})` : ''),
    },
    defaultConfiguration: { level: info.level },
    properties: { tags, ...(security ? { 'security-severity': security } : {}), precision: 'high' },
  };
}

function collectRules(result: ScanResult): RuleInfo[] {
  const rules = new Map<string, RuleInfo>();
  const raise = (id: string, make: () => RuleInfo, level: SarifLevel) => {
    const r = rules.get(id) ?? make();
    if (LEVEL_RANK[level] > LEVEL_RANK[r.level]) r.level = level;
    rules.set(id, r);
  };
  for (const p of result.projects ?? []) {
    for (const c of p.checks ?? []) {
      raise(c.id, () => ({ id: c.id, title: c.title || titleFromId(c.id), pillar: c.pillar, docsUrl: c.docsUrl, level: 'note' }),
        c.level === 'off' ? 'note' : levelOf(c.level));
    }
  }
  for (const f of result.findings ?? []) {
    raise(f.ruleId, () => ({ id: f.ruleId, title: titleFromId(f.ruleId), level: 'note' }), levelOf(f.severity));
  }
  return [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function notification(root: string, n: Note) {
  const file = n.file ? relativePath(root, n.file) : undefined;
  return {
    level: n.kind === 'skipped' ? 'note' : n.kind === 'parse-error' ? 'warning' : 'error',
    message: { text: n.message + (n.key ? ` (key: ${n.key})` : '') },
    descriptor: { id: n.kind },
    ...(file ? { locations: [{ physicalLocation: { artifactLocation: artifact(file), ...(n.line ? { region: { startLine: Math.max(1, n.line) } } : {}) } }] } : {}),
  };
}

export function toSarif(result: ScanResult): object {
  const root = result.root;
  const rules = collectRules(result);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: object[] = [];

  const findings = (result.findings ?? []).map((f) => ({ ...f, file: relativePath(root, f.file), project: f.project === undefined ? undefined : relativePath(root, f.project) }));
  const projectRoots = (result.projects ?? []).map((p) => relativePath(root, p.root));
  const seen = new Map<string, number>();
  const exactRulesByProject = new Set<string>();
  for (const f of findings) {
    const owner = projectOfFinding(projectRoots, f);
    if (owner !== undefined) exactRulesByProject.add(owner + '\u0000' + f.ruleId);
    // Fingerprints ignore the line so a finding keeps its identity when code moves; repeats get an ordinal.
    const identity = [f.ruleId, f.file, f.masked ?? f.message].join('\u0000');
    const ordinal = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, ordinal);
    results.push({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: levelOf(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: region(f) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: hash(identity, ordinal) },
      ...(owner !== undefined ? { properties: { project: owner } } : {}),
    });
  }

  for (const p of result.projects ?? []) {
    const projectRoot = relativePath(root, p.root);
    const anchor = relativePath(root, p.anchor || (projectRoot === '.' ? 'README.md' : projectRoot));
    for (const c of p.checks ?? []) {
      if (c.status !== 'fail' || c.level === 'off') continue;
      // A check reported at exact lines (e.g. secrets) is not repeated at the anchor.
      if (exactRulesByProject.has(projectRoot + '\u0000' + c.id)) continue;
      results.push(projectCheckResult(c, p.name, projectRoot, anchor, ruleIndex.get(c.id)));
    }
  }

  const notes = (result.notes ?? []);
  const docsBase = rules.map((r) => safeWebUrl(r.docsUrl)).find(Boolean)?.replace(/#.*$/, '');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: result.tool.name,
          version: result.tool.version,
          semanticVersion: result.tool.version,
          ...(docsBase ? { informationUri: docsBase } : {}),
          rules: rules.map(ruleDescriptor),
        },
      },
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: notes.filter((n) => n.kind !== 'config-error').map((n) => notification(root, n)),
        toolConfigurationNotifications: notes.filter((n) => n.kind === 'config-error').map((n) => notification(root, n)),
      }],
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root).href.replace(/\/?$/, '/') } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

function projectCheckResult(c: CheckResult, projectName: string, projectRoot: string, anchor: string, index: number | undefined) {
  const where = projectRoot === '.' ? `project ${projectName}` : `project ${projectName} (${projectRoot})`;
  return {
    ruleId: c.id,
    ruleIndex: index,
    level: levelOf(c.level),
    message: { text: `${c.title || titleFromId(c.id)} — ${where}: ${c.message}` },
    locations: [{ physicalLocation: { artifactLocation: artifact(anchor), region: { startLine: 1, startColumn: 1 } } }],
    partialFingerprints: { [FINGERPRINT_KEY]: hash('project-check', c.id, projectRoot) },
    properties: { project: projectRoot, pillar: c.pillar, state: c.state },
  };
}
