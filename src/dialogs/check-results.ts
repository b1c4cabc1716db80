/**
 * Tells the bot's check observer how each check ended, exactly once: the use case says what the verdict
 * allowed (or that the VM vanished), and the route, wrapped here, says the rest: no verdict at all (nothing
 * the person may check was found by what they named, or the policy refused) or a failure.
 */
import type { Verdict } from "../core/verdict.js";
import type { CheckObserver, CheckResult } from "./bot-dependencies.js";
import type { Route } from "./routes.js";

/** What the verdict allows now, mode by mode. */
export function checkResultOf(verdict: Verdict): CheckResult {
  const modes = Object.values(verdict.modes);
  const allowed = modes.filter((mode) => mode.allowed).length;
  if (allowed === 0) return "blocked";
  return allowed === modes.length ? "possible" : "partial";
}

/** The check route, telling the observer of the checks that ended before or outside the use case. */
export function observedChecks(inner: Route<"check">): Route<"check"> {
  return {
    ...inner,
    async dispatch(request) {
      const observer = request.deps.checks;
      if (!observer) return inner.dispatch(request);
      let told = false;
      const once: CheckObserver = {
        checkAnswered: (result) => {
          told = true;
          observer.checkAnswered(result);
        },
      };
      try {
        const reply = await inner.dispatch({ ...request, deps: { ...request.deps, checks: once } });
        if (!told) observer.checkAnswered("not-found");
        return reply;
      } catch (error) {
        if (!told) observer.checkAnswered("error");
        throw error;
      }
    },
  };
}
