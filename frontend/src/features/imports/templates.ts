/** One column of an import file, as GET /imports/templates describes it. */
export interface TemplateColumn {
  name: string;
  required: boolean;
  description: string;
  /** The accepted values of an enumerated column; empty for any other. */
  values: string[];
  /** The Norwegian names the column is also known by. */
  norwegian: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The columns of one kind of record in the templates document. */
export function columnsOf(document: unknown, resource: string): TemplateColumn[] {
  const entry = entryOf(document, resource);
  const columns = isObject(entry) ? entry.columns : entry;
  if (!Array.isArray(columns)) return [];
  return columns.filter(isObject).map((column) => ({
    name: String(column.header ?? column.name ?? ""),
    required: Boolean(column.required),
    description: String(column.description ?? ""),
    values: strings(
      (Array.isArray(column.accepted_values) ? column.accepted_values : []).map((v) => (isObject(v) ? v.value : v)),
    ),
    norwegian: strings(column.norwegian_names ?? column.norwegian),
  }));
}

function entryOf(document: unknown, resource: string): unknown {
  if (Array.isArray(document)) return document.find((item) => isObject(item) && item.resource === resource);
  if (!isObject(document)) return undefined;
  for (const list of [document.resources, document.items]) {
    if (Array.isArray(list)) return entryOf(list, resource);
    if (isObject(list)) return list[resource];
  }
  return document[resource];
}
