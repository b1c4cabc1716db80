/** The Teams door's public surface. Every botbuilder import stays in this folder (one place to migrate). */
export { type AdaptiveCard, renderCard } from "./adaptive-card.js";
export { renderTeamsCard } from "./card-budget.js";
export { type TeamsDoorDecision, teamsDoorDecision } from "./door-decision.js";
export type { TeamsEndpoints } from "./teams-auth.js";
export { createTeamsDoor, type TeamsDoorOptions } from "./teams-door.js";
