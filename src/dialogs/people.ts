/**
 * People in neutral messages. The text names a person by their user id ("slack:T1:U1", "teams:<object id>",
 * "console:alice"), the token the dialogs have always written, and the message lists them in `people` with the
 * display name the chat gave. Each door resolves the tokens as its platform shows people (Slack: a mention,
 * which Slack names by itself; Teams: the name as an @mention; the terminal: the plain name), so the dialogs
 * write no platform syntax and only Teams and the terminal need the stored name.
 */
import type { BotMessage, MessageFact, MessagePerson, MessageSection } from "./message.js";

/** The requester of a confirmation or a job, as a message names them. */
export function requesterOf(record: { requestedBy: string; requestedByName?: string }): MessagePerson {
  const { requestedBy: id, requestedByName: name } = record;
  return name ? { id, name } : { id };
}

/** `message`, also naming `people` (the text must name them by id). */
export function naming(message: BotMessage, people: readonly MessagePerson[]): BotMessage {
  if (people.length === 0) return message;
  return { ...message, people: uniquePeople([...(message.people ?? []), ...people]) };
}

/**
 * The message with each listed person's id replaced by `show(person)`. Ids it does not list stay as written:
 * the person's own id in a policy snippet to copy, or an id someone typed, is never turned into a mention.
 */
export function resolvePeople(message: BotMessage, show: (person: MessagePerson) => string): BotMessage {
  const { people, ...rest } = message;
  const byId = new Map(uniquePeople(people ?? []).map((person) => [person.id, person]));
  if (byId.size === 0) return rest;
  // Longest first, so that an id that starts another one never cuts it short.
  const ids = [...byId.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const token = new RegExp(`(?<![\\w:@-])(?:${ids.join("|")})(?![\\w:@-])`, "g");
  const text = (value: string) => value.replace(token, (id) => show(byId.get(id) ?? { id }));
  return mapTexts(rest, text);
}

/** Every text a person reads, through `text`; absent fields stay absent. */
function mapTexts(message: BotMessage, text: (value: string) => string): BotMessage {
  const section = (each: MessageSection): MessageSection => {
    const mapped: MessageSection = { ...each, lines: each.lines.map(text) };
    if (each.heading !== undefined) mapped.heading = text(each.heading);
    return mapped;
  };
  const fact = (each: MessageFact): MessageFact => ({ label: text(each.label), value: text(each.value) });
  const mapped: BotMessage = { ...message, title: text(message.title) };
  if (message.text !== undefined) mapped.text = text(message.text);
  if (message.facts) mapped.facts = message.facts.map(fact);
  if (message.sections) mapped.sections = message.sections.map(section);
  if (message.context) mapped.context = message.context.map(text);
  if (message.links) mapped.links = message.links.map((link) => ({ ...link, label: text(link.label) }));
  if (message.details)
    mapped.details = { ...message.details, sections: message.details.sections.map(section) };
  return mapped;
}

/** One entry per id; a name given by any entry is kept. */
function uniquePeople(people: readonly MessagePerson[]): MessagePerson[] {
  const byId = new Map<string, MessagePerson>();
  for (const person of people) {
    const known = byId.get(person.id);
    if (!known?.name) byId.set(person.id, known && !person.name ? known : person);
  }
  return [...byId.values()];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
