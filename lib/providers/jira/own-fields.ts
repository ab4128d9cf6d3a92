/**
 * A JSON object's own properties, in an object with no prototype (any other value as it is), for
 * a schema to read: a key Jira did not send is then absent, never an `Object.prototype` member
 * (`toString`, `constructor`), and a `__proto__` key is one more key the schema does not read.
 */
export function ownFields(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.assign(Object.create(null) as object, value);
}
