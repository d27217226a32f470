// The string formats of the zod 4 schema (zod-schema.mjs), as regular
// expressions, for the validators that take JSON Schema's `pattern` (ajv 8,
// TypeBox): the same checks, character for character. Both are zod 4's own:
// `z.guid()` and `z.iso.datetime({ offset: true })` (zod/v4/core/regexes.js).
export const UUID = "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$";
const date =
  "(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))";
export const DATE_TIME = `^${date}T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$`;
export const SAFE = { minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };
export const INT32 = { minimum: -2147483648, maximum: 2147483647 };
