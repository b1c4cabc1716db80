/**
 * The work that follows Slack's acknowledgements, a few at a time. A burst of slash commands is acknowledged
 * at once, while the checks behind them (several ARM calls each) take turns, so they neither starve the
 * acknowledgements still arriving nor spend the subscription's ARM read budget all at once.
 */
export { ConcurrencyLimit as WorkQueue } from "../../concurrency-limit.js";
