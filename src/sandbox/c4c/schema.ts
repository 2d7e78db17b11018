// The sandbox's schema, read from the (trimmed) tenant $metadata: entity sets, property types, MaxLength,
// nullability, keys, navigation properties with their targets, sap:creatable/updatable/filterable/deletable,
// ConcurrencyMode, value helps and function imports. Nothing about fields is hard-coded elsewhere.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

export interface PropertyDef {
  name: string;
  type: string;
  maxLength?: number;
  nullable: boolean;
  creatable: boolean;
  updatable: boolean;
  filterable: boolean;
  concurrency: boolean;
  valueHelp?: string;
  displayFormat?: string;
  /** c4c:is-parent-internal-key: a child's copy of its parent's readable id. */
  parentKey: boolean;
}

/** children: target.ParentObjectID = this.ObjectID; parent: the reverse; reference: a foreign key (see REFERENCE_KEYS). */
export interface NavDef {
  name: string;
  targetSet: string;
  many: boolean;
  kind: 'children' | 'parent' | 'reference';
}

export interface EntityTypeDef {
  name: string;
  qualifiedName: string;
  keys: string[];
  properties: Map<string, PropertyDef>;
  navs: Map<string, NavDef>;
  parentType?: string;
}

export interface EntitySetDef {
  name: string;
  type: EntityTypeDef;
  creatable: boolean;
  updatable: boolean;
  deletable: boolean;
  codeList: boolean;
}

export interface FunctionImportDef {
  name: string;
  returnType: string;
  entitySet?: string;
  httpMethod: 'GET' | 'POST';
  params: { name: string; type: string }[];
}

export interface Schema {
  namespace: string;
  metadataXml: string;
  entitySets: Map<string, EntitySetDef>;
  functionImports: Map<string, FunctionImportDef>;
  /** Entity set that holds a type (first one declared). */
  setOfType(typeName: string): EntitySetDef | undefined;
}

/** Navigations that are neither parent nor child links: which local property matches which target property. */
export const REFERENCE_KEYS: Record<string, { local: string; target: string }> = {
  'Contact/CorporateAccount': { local: 'AccountID', target: 'AccountID' },
  'CorporateAccount/ParentAccount': { local: 'ParentAccountID', target: 'AccountID' },
};

type XmlNode = Record<string, unknown>;
const list = (v: unknown): XmlNode[] => (v === undefined ? [] : Array.isArray(v) ? (v as XmlNode[]) : [v as XmlNode]);
const str = (n: XmlNode, a: string): string => String(n[`@_${a}`] ?? '');
const flag = (n: XmlNode, a: string): boolean => n[`@_${a}`] !== 'false';

export const DEFAULT_METADATA_PATH = join(dirname(fileURLToPath(import.meta.url)), 'metadata', 'c4codataapi.xml');

export function loadSchema(path = DEFAULT_METADATA_PATH): Schema {
  return parseSchema(readFileSync(path, 'utf8'));
}

export function parseSchema(xml: string): Schema {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: false });
  const doc = parser.parse(xml) as XmlNode;
  const schemaNode = ((doc['edmx:Edmx'] as XmlNode)['edmx:DataServices'] as XmlNode)['Schema'] as XmlNode;
  const ns = str(schemaNode, 'Namespace');
  const container = schemaNode['EntityContainer'] as XmlNode;

  const assocEnds = new Map<string, Map<string, { type: string; many: boolean }>>();
  for (const a of list(schemaNode['Association'])) {
    const ends = new Map(list(a['End']).map((e) => [str(e, 'Role'), { type: str(e, 'Type'), many: str(e, 'Multiplicity') === '*' }]));
    assocEnds.set(`${ns}.${str(a, 'Name')}`, ends);
  }
  const assocSetEnds = new Map<string, Map<string, string>>();
  for (const s of list(container['AssociationSet'])) {
    assocSetEnds.set(str(s, 'Association'), new Map(list(s['End']).map((e) => [str(e, 'Role'), str(e, 'EntitySet')])));
  }

  const types = new Map<string, EntityTypeDef>();
  const rawNavs: [EntityTypeDef, XmlNode][] = [];
  for (const t of list(schemaNode['EntityType'])) {
    const def: EntityTypeDef = {
      name: str(t, 'Name'),
      qualifiedName: `${ns}.${str(t, 'Name')}`,
      keys: list((t['Key'] as XmlNode)['PropertyRef']).map((k) => str(k, 'Name')),
      properties: new Map(list(t['Property']).map((p) => [str(p, 'Name'), toProperty(p)])),
      navs: new Map(),
      parentType: t['@_c4c:parent-entity-type'] === undefined ? undefined : str(t, 'c4c:parent-entity-type'),
    };
    types.set(def.qualifiedName, def);
    for (const n of list(t['NavigationProperty'])) rawNavs.push([def, n]);
  }

  const entitySets = new Map<string, EntitySetDef>();
  for (const s of list(container['EntitySet'])) {
    const type = types.get(str(s, 'EntityType'));
    if (!type) continue;
    entitySets.set(str(s, 'Name'), {
      name: str(s, 'Name'),
      type,
      creatable: flag(s, 'sap:creatable'),
      updatable: flag(s, 'sap:updatable'),
      deletable: flag(s, 'sap:deletable'),
      codeList: s['@_sap:semantics'] === 'fixed-values',
    });
  }

  for (const [def, n] of rawNavs) {
    const rel = str(n, 'Relationship');
    const toRole = str(n, 'ToRole');
    const end = assocEnds.get(rel)?.get(toRole);
    const targetSet = assocSetEnds.get(rel)?.get(toRole);
    if (!end || !targetSet) continue;
    const targetType = types.get(end.type);
    const kind = targetType?.parentType === def.name ? 'children' : def.parentType === targetType?.name ? 'parent' : 'reference';
    def.navs.set(str(n, 'Name'), { name: str(n, 'Name'), targetSet, many: end.many, kind });
  }

  const functionImports = new Map<string, FunctionImportDef>();
  for (const f of list(container['FunctionImport'])) {
    functionImports.set(str(f, 'Name'), {
      name: str(f, 'Name'),
      returnType: str(f, 'ReturnType'),
      entitySet: f['@_EntitySet'] === undefined ? undefined : str(f, 'EntitySet'),
      httpMethod: str(f, 'm:HttpMethod') === 'POST' ? 'POST' : 'GET',
      params: list(f['Parameter']).map((p) => ({ name: str(p, 'Name'), type: str(p, 'Type') })),
    });
  }

  const setByType = new Map<string, EntitySetDef>();
  for (const s of entitySets.values()) if (!setByType.has(s.type.name)) setByType.set(s.type.name, s);
  return { namespace: ns, metadataXml: xml, entitySets, functionImports, setOfType: (t) => setByType.get(t.replace(`${ns}.`, '')) };
}

function toProperty(p: XmlNode): PropertyDef {
  const maxLength = p['@_MaxLength'] === undefined ? undefined : Number(p['@_MaxLength']);
  return {
    name: str(p, 'Name'),
    type: str(p, 'Type'),
    maxLength: maxLength !== undefined && Number.isFinite(maxLength) ? maxLength : undefined,
    nullable: str(p, 'Nullable') !== 'false',
    creatable: flag(p, 'sap:creatable'),
    updatable: flag(p, 'sap:updatable'),
    filterable: flag(p, 'sap:filterable'),
    concurrency: str(p, 'ConcurrencyMode') === 'Fixed',
    valueHelp: p['@_c4c:value-help'] === undefined ? undefined : str(p, 'c4c:value-help'),
    displayFormat: p['@_sap:display-format'] === undefined ? undefined : str(p, 'sap:display-format'),
    parentKey: p['@_c4c:is-parent-internal-key'] === 'true',
  };
}
