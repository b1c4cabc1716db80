/**
 * How Teams shows the people a message names (dialogs/people.ts): a Teams person by name as an @mention,
 * `<at>Name</at>` in the text with a mention entity beside it (on the card: `msteams.entities`, which Teams
 * reads for mentions inside Adaptive Cards), so the name is clickable and the person notified. Anyone else,
 * and text that cannot carry entities (an invoke's answer), gets the plain name; a person without a known
 * name (rows of earlier releases) keeps their id, the only thing known about them.
 */
import type { BotMessage, MessagePerson } from "../../dialogs/message.js";
import { resolvePeople } from "../../dialogs/people.js";
import type { AdaptiveCard, MentionEntity } from "./adaptive-card.js";
import { renderTeamsCard } from "./card-budget.js";

const TEAMS_USER = /^teams:(.+)$/;

/** An @mention of `mentioned`: the id Teams knows them by (account id 29:…, or Entra object id) and a name. */
export function mentionOf(mentioned: { id: string; name: string }): MentionEntity | undefined {
  // Markup in the name would break the <at> tag or be escaped in the card, and then not match the entity.
  const label = mentioned.name.replace(/[<>\\*_[\]]/g, "").trim();
  if (!label) return undefined;
  return {
    type: "mention",
    text: `<at>${label}</at>`,
    mentioned: { id: mentioned.id, name: mentioned.name },
  };
}

/** The card of a message, every Teams person it names @mentioned. */
export function teamsCard(message: BotMessage): AdaptiveCard {
  const mentions = new Map<string, MentionEntity>();
  const shown = resolvePeople(message, (person) => {
    const mention = personMention(person);
    if (!mention) return plainName(person);
    mentions.set(mention.text, mention);
    return mention.text;
  });
  const card = renderTeamsCard(shown);
  // A long card is cut to fit (card-budget.ts): an entity whose text was cut away would match nothing.
  const body = JSON.stringify(card.body);
  const entities = [...mentions.values()].filter((mention) =>
    body.includes(JSON.stringify(mention.text).slice(1, -1)),
  );
  return entities.length > 0 ? { ...card, msteams: { ...card.msteams, entities } } : card;
}

/** The message with every person it names by plain name, for text that carries no entities. */
export function withPlainNames(message: BotMessage): BotMessage {
  return resolvePeople(message, plainName);
}

function personMention(person: MessagePerson): MentionEntity | undefined {
  const id = TEAMS_USER.exec(person.id)?.[1];
  return id && person.name ? mentionOf({ id, name: person.name }) : undefined;
}

function plainName(person: MessagePerson): string {
  return person.name ?? person.id;
}
