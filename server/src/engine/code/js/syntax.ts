// Syntax helpers shared by the JavaScript/TypeScript code rules (timeouts, model pinning).
import type { SyntaxNode } from '../parsers';
import { matchOffsets, nodeAt } from '../candidates';

/** local name -> module it is imported from (import ... from 'm', require('m')). */
export function importSources(text: string, root: SyntaxNode): Map<string, string> {
  const sources = new Map<string, string>();
  for (const { index } of matchOffsets(text, /^[ \t]*(import)\b/gm, 1)) {
    const stmt = nodeAt(root, index).parent;
    if (stmt?.type !== 'import_statement') continue;
    const source = stringValue(stmt.childForFieldName('source'));
    if (source === undefined) continue;
    for (const id of stmt.descendantsOfType('identifier')) sources.set(id.text, source);
  }
  for (const { index } of matchOffsets(text, /\brequire\s*\(/g)) {
    const value = nodeAt(root, index, index + 7).parent;
    const decl = value?.parent;
    if (value?.type !== 'call_expression' || decl?.type !== 'variable_declarator' || value.childForFieldName('function')?.text !== 'require') continue;
    const source = stringValue(value.childForFieldName('arguments')?.namedChildren[0]);
    const name = decl.childForFieldName('name');
    if (source === undefined || !name) continue;
    for (const id of name.type === 'identifier' ? [name] : name.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) {
      sources.set(id.text, source);
    }
  }
  return sources;
}

/** Static value of a quoted string or a template string with no substitution. */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'template_string')) return undefined;
  if (node.namedChildren.some((c) => c.type === 'template_substitution')) return undefined;
  return node.text.slice(1, -1);
}

export function propertyKey(node: SyntaxNode): string | undefined {
  if (node.type === 'shorthand_property_identifier') return node.text;
  if (node.type !== 'pair') return undefined;
  const key = node.childForFieldName('key');
  return key?.type === 'property_identifier' ? key.text : stringValue(key);
}

/** `a.b.c` text of an identifier/member chain, else undefined. */
export function memberName(node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier' || node.type === 'this') return node.text;
  if (node.type === 'member_expression') {
    const object = memberName(node.childForFieldName('object'));
    const prop = node.childForFieldName('property')?.text;
    return object !== undefined && prop ? `${object}.${prop}` : undefined;
  }
  return undefined;
}

/** Name a value is stored under: `const c = <v>`, `this.c = <v>`. */
export function storedAs(value: SyntaxNode): string | undefined {
  const parent = value.parent;
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === value.id) return memberName(parent.childForFieldName('name'));
  if (parent?.type === 'assignment_expression' && parent.childForFieldName('right')?.id === value.id) return memberName(parent.childForFieldName('left'));
  if (parent?.type === 'public_field_definition') return `this.${parent.childForFieldName('name')?.text}`;
  return undefined;
}
