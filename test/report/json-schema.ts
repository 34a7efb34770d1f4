/**
 * A small JSON Schema (draft-07) validator covering exactly the keywords the vega-lite schema uses
 * ($ref to #/definitions, anyOf, type, enum, const, properties, additionalProperties, required,
 * items, min/maxItems, minimum/maximum, min/maxLength, minProperties; `format` is ignored), since
 * no validator (ajv) is installed. Errors name the JSON path, and for an anyOf the closest branch.
 */
type Schema = Record<string, unknown> | boolean;

export interface SchemaError {
  path: string;
  message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class JsonSchemaValidator {
  constructor(private readonly root: Record<string, unknown>) {}

  validate(value: unknown): SchemaError[] {
    return this.check(this.root, value, "$");
  }

  private resolve(ref: string): Schema {
    if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = this.root;
    for (const part of ref.slice(2).split("/")) node = (node as Record<string, unknown>)[decodeURIComponent(part.replace(/~1/g, "/").replace(/~0/g, "~"))];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
    return node as Schema;
  }

  private check(schema: Schema, value: unknown, path: string): SchemaError[] {
    if (schema === true) return [];
    if (schema === false) return [{ path, message: "no value is allowed here" }];
    const errors: SchemaError[] = [];
    if (typeof schema.$ref === "string") errors.push(...this.check(this.resolve(schema.$ref), value, path));
    if (Array.isArray(schema.anyOf)) {
      // When no alternative matches, report the closest one: a branch of the right type with the
      // fewest errors (so a misspelled property is reported, not "expected string").
      let best: SchemaError[] | null = null;
      let bestScore = Infinity;
      for (const branch of schema.anyOf as Schema[]) {
        const e = this.check(branch, value, path);
        if (e.length === 0) {
          best = null;
          break;
        }
        const score = e.length + (e.some((x) => x.path === path && x.message.startsWith("expected")) ? 1e6 : 0);
        if (score < bestScore) {
          best = e;
          bestScore = score;
        }
      }
      if (best) errors.push(...best);
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => matchesType(value, t))) {
        errors.push({ path, message: `expected ${types.join(" or ")}, got ${typeOf(value)}${typeof value === "number" ? ` ${String(value)}` : ""}` });
        return errors;
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) errors.push({ path, message: `must be one of ${JSON.stringify(schema.enum)}, got ${JSON.stringify(value)}` });
    if ("const" in schema && !deepEqual(schema.const, value)) errors.push({ path, message: `must be ${JSON.stringify(schema.const)}, got ${JSON.stringify(value)}` });
    if (typeof value === "number") {
      if (typeof schema.minimum === "number" && value < schema.minimum) errors.push({ path, message: `must be >= ${schema.minimum}, got ${value}` });
      if (typeof schema.maximum === "number" && value > schema.maximum) errors.push({ path, message: `must be <= ${schema.maximum}, got ${value}` });
    }
    if (typeof value === "string") {
      if (typeof schema.minLength === "number" && value.length < schema.minLength) errors.push({ path, message: `must have at least ${schema.minLength} characters` });
      if (typeof schema.maxLength === "number" && value.length > schema.maxLength) errors.push({ path, message: `must have at most ${schema.maxLength} characters` });
    }
    if (Array.isArray(value)) {
      if (typeof schema.minItems === "number" && value.length < schema.minItems) errors.push({ path, message: `must have at least ${schema.minItems} items` });
      if (typeof schema.maxItems === "number" && value.length > schema.maxItems) errors.push({ path, message: `must have at most ${schema.maxItems} items` });
      if (schema.items !== undefined) value.forEach((item, i) => errors.push(...this.check(schema.items as Schema, item, `${path}[${i}]`)));
    }
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const obj = value as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      if (Array.isArray(schema.required)) for (const r of schema.required as string[]) if (!(r in obj)) errors.push({ path, message: `missing required property ${r}` });
      if (typeof schema.minProperties === "number" && Object.keys(obj).length < schema.minProperties) errors.push({ path, message: `must have at least ${schema.minProperties} properties` });
      for (const [k, v] of Object.entries(obj)) {
        if (v === undefined) continue;
        if (k in props) errors.push(...this.check(props[k], v, `${path}.${k}`));
        else if (schema.additionalProperties === false) errors.push({ path, message: `unknown property ${k}` });
        else if (typeof schema.additionalProperties === "object") errors.push(...this.check(schema.additionalProperties as Schema, v, `${path}.${k}`));
      }
    }
    return errors;
  }
}
