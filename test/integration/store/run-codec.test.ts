/** The run codec on its own: both body kinds, the fields it keeps, and what it refuses, naming the run. */

import { describe, expect, it } from "vitest";
import { decodeRunBody, encodeRunBody, StoredRunError } from "../../../src/store/run-codec.js";
import type { RunBody } from "../../../src/store/run-store.port.js";
import { StoreError } from "../../../src/store/store-error.js";
import { deleteBody, protectBody } from "./run-builders.js";
import { CRASH_PLAN, SAMPLE_VM } from "./store-builders.js";

const json = (value: unknown): string => JSON.stringify(value);
const decode =
  (stored: unknown, kind: RunBody["kind"] = "protect") =>
  () =>
    decodeRunBody("run-1", kind, stored);

describe("run codec", () => {
  it("encodes with the schema version and decodes to the same typed bodies", () => {
    for (const body of [
      protectBody(),
      deleteBody(),
      deleteBody(0, { asked: "clean-up", scopeId: "/s/rg" }),
    ]) {
      const encoded = encodeRunBody("run-1", body.kind, body);
      expect(JSON.parse(encoded)).toMatchObject({ schemaVersion: 1, kind: body.kind });
      expect(decodeRunBody("run-1", body.kind, encoded)).toStrictEqual(body);
    }
  });

  it("stores and reads only the fields of the typed shape, and leaves absent ones absent", () => {
    const body = protectBody();
    const padded = {
      ...body,
      extra: true,
      members: body.members.map((member) => ({ ...member, note: "x" })),
      target: { ...body.target, colour: "blue" },
    };
    expect(JSON.parse(encodeRunBody("run-1", "protect", padded))).toStrictEqual(body);
    // A clean-up's only target: a collection, without a mode or a time.
    const plain = deleteBody(0);
    const decoded = decodeRunBody("run-1", "delete", encodeRunBody("run-1", "delete", plain));
    expect(decoded.kind === "delete" && Object.keys(decoded.targets[0] ?? {})).toStrictEqual([
      "kind",
      "id",
      "name",
      "subscriptionId",
      "resourceGroup",
      "collectionName",
    ]);
  });

  it("refuses to store a body it could not read back, naming the run", () => {
    const body = protectBody({ windowMs: -1 });
    expect(() => encodeRunBody("run-7", "protect", body)).toThrow(
      new StoredRunError("run-7", "cannot be stored: body.windowMs is -1, expected a whole number >= 0."),
    );
    expect(() => encodeRunBody("run-7", "delete", protectBody())).toThrow(
      'The stored body of run "run-7" cannot be stored: body.kind is "protect", but the run is a delete run.',
    );
  });

  it("reports a body it cannot read as a StoreError naming the run and the field at fault", () => {
    const cases: [() => unknown, string][] = [
      [decode(null), "is missing (the column is NULL)."],
      [decode("{"), "is not valid JSON"],
      [decode(json([])), "cannot be read: body is a list, expected an object."],
      [
        decode(json({ ...protectBody(), schemaVersion: undefined })),
        "body.schemaVersion is missing, expected 1.",
      ],
      [decode(json({ ...protectBody(), schemaVersion: "1" })), 'body.schemaVersion is "1", expected 1.'],
      [decode(json({ ...protectBody(), schemaVersion: 3 })), "newer release (run schema version 3;"],
      [
        decode(json({ ...protectBody(), kind: "resize" })),
        'body.kind is "resize", expected one of protect, delete.',
      ],
      [decode(json(protectBody()), "delete"), 'body.kind is "protect", but the run is a delete run.'],
      [
        decode(
          json(
            protectBody({ members: [{ vm: SAMPLE_VM, leftOut: { reason: "r", code: "bored" } } as never] }),
          ),
        ),
        'body.members[0].leftOut.code is "bored", expected one of not-allowed, blocked, error.',
      ],
      [
        decode(
          json(protectBody({ members: [{ vm: SAMPLE_VM, plan: { ...CRASH_PLAN, mode: "Full" } } as never] })),
        ),
        'body.members[0].plan.mode is "Full"',
      ],
      [
        decode(json({ ...protectBody(), target: { kind: "tag", key: "env" } })),
        "body.target.value is missing",
      ],
      [decode(json({ ...deleteBody(), notes: [1] }), "delete"), "body.notes[0] is a number, expected text."],
      [
        decode(json({ ...deleteBody(), targets: [{ ...deleteBody().targets[0], kind: "disk" }] }), "delete"),
        'body.targets[0].kind is "disk", expected one of restore-point, collection.',
      ],
    ];
    for (const [read, problem] of cases) {
      expect(read, problem).toThrow(StoreError);
      expect(read, problem).toThrow(StoredRunError);
      expect(read, problem).toThrow(problem);
      expect(read, problem).toThrow('The stored body of run "run-1" ');
    }
  });
});
