/** The plan codec on its own: the current shapes, release 0.1's unversioned shapes, and what it refuses. */

import { describe, expect, it } from "vitest";
import {
  decodeConfirmationPlan,
  decodeJobPlan,
  encodeConfirmationPlan,
  encodeJobPlan,
  StoredPlanError,
} from "../../../src/store/plan-codec.js";
import { StoreError } from "../../../src/store/store-error.js";
import { APP_PLAN, CRASH_PLAN, confirmationPlanOf, jobPlanOf, SAMPLE_VM } from "./store-builders.js";

const json = (value: unknown): string => JSON.stringify(value);

describe("plan codec", () => {
  it("encodes with the schema version and decodes to the same typed plans", () => {
    const confirmationPlan = confirmationPlanOf([APP_PLAN, CRASH_PLAN]);
    const jobPlan = jobPlanOf(CRASH_PLAN);
    const encodedConfirmation = encodeConfirmationPlan("c-1", confirmationPlan);
    const encodedJob = encodeJobPlan("j-1", jobPlan);

    expect(JSON.parse(encodedConfirmation)).toMatchObject({ schemaVersion: 1 });
    expect(JSON.parse(encodedJob)).toStrictEqual({ schemaVersion: 1, plan: CRASH_PLAN });
    expect(decodeConfirmationPlan("c-1", encodedConfirmation)).toStrictEqual(confirmationPlan);
    expect(decodeJobPlan("j-1", encodedJob)).toStrictEqual(jobPlan);
  });

  it("keeps a scale-set instance's optional fields and leaves absent ones absent", () => {
    const instance = {
      ...SAMPLE_VM,
      type: "scaleSetInstance" as const,
      scaleSetName: "vmss",
      instanceId: "7",
    };
    const withInstance = confirmationPlanOf([CRASH_PLAN], instance);
    expect(decodeConfirmationPlan("c", encodeConfirmationPlan("c", withInstance))).toStrictEqual(
      withInstance,
    );
    const plain = decodeConfirmationPlan("c", encodeConfirmationPlan("c", confirmationPlanOf([CRASH_PLAN])));
    expect(Object.keys(plain.vm)).not.toContain("scaleSetName");
  });

  it("reads release 0.1's unversioned confirmation plan { vm, plans }", () => {
    const stored = json({ vm: SAMPLE_VM, plans: [APP_PLAN, CRASH_PLAN] });
    expect(decodeConfirmationPlan("c-old", stored)).toStrictEqual({
      schemaVersion: 1,
      vm: SAMPLE_VM,
      plans: [APP_PLAN, CRASH_PLAN],
    });
  });

  it("reads release 0.1's unversioned job plan { ...plan, resourceGroup } without the resource group", () => {
    const stored = json({ ...CRASH_PLAN, resourceGroup: "RG-Apps" });
    expect(decodeJobPlan("j-old", stored)).toStrictEqual({ schemaVersion: 1, plan: CRASH_PLAN });
  });

  it("stores and reads only the fields of the typed shape", () => {
    const padded = { ...jobPlanOf(CRASH_PLAN), note: "x", plan: { ...CRASH_PLAN, extra: 1 } };
    expect(JSON.parse(encodeJobPlan("j", padded))).toStrictEqual({ schemaVersion: 1, plan: CRASH_PLAN });
  });

  it("refuses a plan written by a newer release, naming the row and both versions", () => {
    const stored = json({ schemaVersion: 2, plan: CRASH_PLAN });
    expect(() => decodeJobPlan("job-42", stored)).toThrow(
      'The stored plan of job "job-42" was written by a newer release (plan schema version 2; this release reads up to 1).',
    );
  });

  const badCollection = { ...CRASH_PLAN, collection: { ...CRASH_PLAN.collection, id: 7 } };
  const badRule = { ...CRASH_PLAN, excludeDisks: [{ id: "d", name: "d", rule: "nope" }] };
  it.each([
    ["NULL", null, "is missing (the column is NULL)."],
    ["a number", 42, "is number, expected JSON text."],
    ["not JSON", "{not json", "is not valid JSON: "],
    ["a list", json([CRASH_PLAN]), "cannot be read: plan is a list, expected an object."],
    [
      "version 0",
      json({ schemaVersion: 0, vm: SAMPLE_VM, plans: [] }),
      "cannot be read: plan.schemaVersion is 0",
    ],
    ["version as text", json({ schemaVersion: "1", plans: [] }), 'cannot be read: plan.schemaVersion is "1"'],
    [
      "no vm",
      json({ schemaVersion: 1, plans: [] }),
      "cannot be read: plan.vm is missing, expected an object.",
    ],
    [
      "an unknown vm type",
      json({ vm: { ...SAMPLE_VM, type: "vm" }, plans: [] }),
      'cannot be read: plan.vm.type is "vm", expected one of virtualMachine, scaleSetInstance.',
    ],
    [
      "a failed plan",
      json({ vm: SAMPLE_VM, plans: [{ ...CRASH_PLAN, ok: false }] }),
      "cannot be read: plan.plans[0].ok is a boolean, expected true.",
    ],
    [
      "a numeric collection id",
      json({ vm: SAMPLE_VM, plans: [APP_PLAN, badCollection] }),
      "cannot be read: plan.plans[1].collection.id is a number, expected text.",
    ],
    [
      "an unknown rule code",
      json({ vm: SAMPLE_VM, plans: [badRule] }),
      'cannot be read: plan.plans[0].excludeDisks[0].rule is "nope", expected a rule code this release knows.',
    ],
  ])(
    "refuses a confirmation plan that is %s, naming the row and what is wrong",
    (_label, stored, problem) => {
      const decoding = () => decodeConfirmationPlan("conf-7", stored);
      expect(decoding).toThrow(StoredPlanError);
      expect(decoding).toThrow(`The stored plan of confirmation "conf-7" ${problem}`);
    },
  );

  it("refuses a legacy job plan that lacks a field of the RestorePointPlan", () => {
    const { restorePointName: _dropped, ...withoutName } = CRASH_PLAN;
    expect(() => decodeJobPlan("job-9", json({ ...withoutName, resourceGroup: "rg" }))).toThrow(
      'The stored plan of job "job-9" cannot be read: plan.restorePointName is missing, expected text.',
    );
  });

  it("raises a StoreError that carries the owner and the row id", () => {
    const error = (() => {
      try {
        decodeJobPlan("job-1", "null");
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: "store-error", owner: "job", rowId: "job-1" });
  });
});
