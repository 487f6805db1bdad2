/**
 * The fuzzer's generators against the spec they are derived from: valid bodies reach every field
 * and every enum value the schema has, each handler comes with the companion its condition asks
 * for, and a broken body breaks the rules of one field only.
 */
import fc from "fast-check";
import { brokenObjectArb, queryArb, queryProblems, validObjectArb } from "../../src/fuzz";
import { listedValues, objectShape, validatorSchema } from "../../src/fuzz/schema";
import { operations } from "../../src/spec";
import { validate, type ValidatorName } from "../../src/spec/validators";

const SEED = 7;
const BODIES: ValidatorName[] = [
  operations.create_sip_endpoint.requestBody.validator,
  operations.update_sip_endpoint.requestBody.validator,
];

describe.each(BODIES)("%s", (validator) => {
  const shape = objectShape(validatorSchema(validator));

  test("valid bodies pass the validator and, together, use every field and every enum value", () => {
    const sample = fc.sample(validObjectArb(validator), { numRuns: 300, seed: SEED });
    for (const c of sample) expect(validate(validator, c.value)).toEqual([]);
    const used = new Set(sample.flatMap((c) => Object.keys(c.value)));
    expect([...used].sort()).toEqual(Object.keys(shape.properties).sort());
    for (const [field, schema] of Object.entries(shape.properties)) {
      const listed = listedValues(schema);
      if (!listed) continue;
      const seen = new Set(sample.map((c) => c.value[field]).filter((v) => v !== undefined));
      expect([...seen].sort()).toEqual([...listed].sort());
    }
  });

  test("a companion added for a condition is exactly what the validator asks for without it", () => {
    const sample = fc
      .sample(validObjectArb(validator), { numRuns: 300, seed: SEED })
      .filter((c) => c.companions.length > 0);
    expect(sample.length).toBeGreaterThan(0);
    for (const c of sample) {
      for (const companion of c.companions) {
        const { [companion]: _removed, ...without } = c.value;
        const missing = validate(validator, without)
          .filter((e) => e.keyword === "required")
          .map((e) => (e.params as { missingProperty: string }).missingProperty);
        expect(missing).toContain(companion);
      }
    }
  });

  test("a broken body breaks the rules of its one field (or of the body as a whole) and nothing else", () => {
    const sample = fc.sample(brokenObjectArb(validator), { numRuns: 300, seed: SEED });
    const fields = new Set<string | null>();
    for (const c of sample) {
      fields.add(c.field);
      const errors = validate(validator, c.value).filter((e) => !["if", "then", "allOf"].includes(e.keyword));
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        const at =
          e.keyword === "required"
            ? (e.params as { missingProperty: string }).missingProperty
            : e.instancePath.split("/")[1];
        expect({ field: c.field, rule: c.rule, at: at ?? null }).toEqual({ field: c.field, rule: c.rule, at: c.field });
      }
    }
    // Every field is broken at some point, and so is the body as a whole.
    expect(fields).toEqual(new Set([null, ...Object.keys(shape.properties)]));
  });
});

test("query cases: valid ones pass the query validator, broken ones fail it on their parameter", () => {
  for (const c of fc.sample(queryArb("list_sip_endpoints"), { numRuns: 300, seed: SEED })) {
    const problems = queryProblems("list_sip_endpoints", c.text);
    if (c.kind === "valid") expect(problems).toEqual([]);
    if (c.kind === "broken") {
      const fields = problems.map((e) =>
        e.keyword === "required" ? (e.params as { missingProperty: string }).missingProperty : e.instancePath.slice(1),
      );
      expect(fields).toContain(c.field);
    }
  }
});
