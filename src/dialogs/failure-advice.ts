/** What to do about a failed restore point, from ARM's error code and message. */

interface Advice {
  matches(code: string, message: string): boolean;
  advice: string;
}

const ADVICE: Advice[] = [
  {
    // First: Compute's 429 body carries code OperationNotAllowed, which alone would read as a changed VM.
    matches: (code, message) =>
      code === "throttled" || code === "TooManyRequests" || /too many requests|throttl/i.test(message),
    advice:
      "Azure throttled the request and nothing was created. Besides the minimum interval the bot checks, Azure allows only about 3 restore point creations per VM per hour for each consistency mode (failed and deleted attempts included), and limits requests per subscription. Try again after the wait Azure asked for.",
  },
  {
    matches: (code, message) => code === "VMRestorePointClientError" && /concurrent/i.test(message),
    advice: "Another restore point of this VM was being created. Wait for it to finish, then try again.",
  },
  {
    matches: (_code, message) => /shared disk/i.test(message),
    advice:
      "A shared disk is attached. Check the VM again: the bot leaves shared disks out when it knows about them.",
  },
  {
    matches: (_code, message) => /snapshot limit|maximum/i.test(message),
    advice:
      "The VM has too many restore points. Delete old restore points (or whole collections) and try again.",
  },
  {
    matches: (code) => code === "VMAgentStatusCommunicationError",
    advice:
      "The VM agent is not reporting. Make sure the VM is running and its agent is Ready (VM > Properties > Agent status), or take a crash-consistent restore point instead.",
  },
  {
    matches: (code) =>
      /^(VMRestorePointInternalError|InternalError|InternalExecutionError|InternalOperationError)$/.test(
        code,
      ),
    advice:
      "Azure had an internal error. Try again in a few minutes; if it keeps failing, open a support case with the restore point id.",
  },
  {
    matches: (code) => code === "OperationNotAllowed",
    advice:
      "Azure does not allow this right now. Check the VM again: something changed since the plan (disks attached or detached, VM state).",
  },
  {
    matches: (code) => code === "Interrupted",
    advice: "Nothing was created. Ask again to create the restore point.",
  },
  {
    matches: (code) => code === "LostTrack",
    advice:
      "The restore point may exist: look at the collection in the Azure portal (or `az restore-point show`) before asking again. The VM is free for a new request.",
  },
  {
    matches: (code) => code === "NotCreated" || code === "PlanChanged" || code === "NotAllowed",
    advice: "Nothing was created. Check the VM again and ask for a new plan.",
  },
  {
    matches: (code) => code === "FollowFailed",
    advice:
      "The restore point may still complete. Ask for the VM's status in a few minutes, or look at its collection in the Azure portal.",
  },
];

export function adviceFor(code: string | undefined, message: string | undefined): string {
  const found = ADVICE.find((entry) => entry.matches(code ?? "", message ?? ""));
  return (
    found?.advice ??
    "Check the VM again; if the problem persists, look at the restore point in the Azure portal."
  );
}
