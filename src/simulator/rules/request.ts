/** Reads a restore point PUT body: `{ properties: { consistencyMode?, excludeDisks?: [{ id }] } }`. */
import { cloudError } from "../http/errors.js";
import type { SimResponse } from "../http/types.js";
import { asArray, asNumber, asObject, at, stringAt } from "../json.js";

export const CONSISTENCY_MODES = [
  "CrashConsistent",
  "FileSystemConsistent",
  "ApplicationConsistent",
] as const;
export type ConsistencyMode = (typeof CONSISTENCY_MODES)[number];

export interface CreationRequest {
  /** Undefined when the request left it out (the service then picks per OS). */
  mode?: ConsistencyMode;
  excludeDiskIds: string[];
  instantAccessDurationMinutes?: number;
}

export type ParsedCreation = { ok: true; request: CreationRequest } | { ok: false; response: SimResponse };

export function parseCreationBody(body: unknown): ParsedCreation {
  const properties = asObject(at(body, "properties")) ?? {};
  const modeText = stringAt(properties, "consistencyMode");
  const mode = CONSISTENCY_MODES.find((candidate) => candidate.toLowerCase() === modeText?.toLowerCase());
  if (modeText !== undefined && !mode) {
    return invalid(
      `The value '${modeText}' of parameter 'consistencyMode' is not valid. Allowed values: ${CONSISTENCY_MODES.join(", ")}.`,
    );
  }
  if (mode !== undefined && mode !== "CrashConsistent") {
    // ours (code and wording): the REST spec says of consistencyMode that "for now, only CrashConsistent is
    // accepted as a valid input"; application consistency is what a request without it gets.
    return invalid(
      `The value '${modeText}' of parameter 'consistencyMode' is not accepted as input: for now, only CrashConsistent is accepted as a valid input. Leave it out for an application-consistent restore point.`,
    );
  }
  if (properties.excludeDisks !== undefined && !Array.isArray(properties.excludeDisks)) {
    return invalid("The parameter 'excludeDisks' must be an array of { id } references.");
  }
  const excludeDiskIds: string[] = [];
  for (const [index, entry] of asArray(properties.excludeDisks).entries()) {
    const id = stringAt(entry, "id");
    if (!id) return invalid(`The parameter 'excludeDisks[${index}].id' is required.`);
    excludeDiskIds.push(id);
  }
  if (properties.sourceRestorePoint !== undefined) {
    // ours: cross-region copy is outside what the simulator implements.
    return {
      ok: false,
      response: cloudError(
        400,
        "InvalidParameter",
        "The simulator does not implement copying restore points (sourceRestorePoint).",
      ),
    };
  }
  return {
    ok: true,
    request: {
      mode,
      excludeDiskIds,
      instantAccessDurationMinutes: asNumber(properties.instantAccessDurationMinutes),
    },
  };
}

/** InvalidParameter is ARM's code for a malformed property; the exact messages are ours. */
function invalid(message: string): ParsedCreation {
  return { ok: false, response: cloudError(400, "InvalidParameter", message) };
}
