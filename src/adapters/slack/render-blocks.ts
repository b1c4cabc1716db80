/**
 * A neutral message as Block Kit: a header with the tone, the text, facts as fields, sections, small print as
 * context and buttons (create buttons with Slack's own confirm dialog). Slack's limits are kept here, once:
 * 50 blocks, 3,000 characters per text, 10 fields and 25 buttons per block; what does not fit is cut and
 * counted ("and N more") rather than refused by Slack.
 */
import type { types } from "@slack/bolt";

type KnownBlock = types.KnownBlock;

import {
  type BotMessage,
  buttonsWithDetails,
  type MessageButton,
  type MessagePerson,
  type Tone,
} from "../../dialogs/message.js";
import { resolvePeople } from "../../dialogs/people.js";
import { clipText } from "../../dialogs/wording.js";
import { clipMrkdwn, escapeMarkup, slackCode, slackMrkdwn, slackPlain } from "./slack-text.js";

export const SLACK_LIMITS = {
  blocks: 50,
  text: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  buttons: 25,
  buttonText: 75,
  buttonValue: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

const TONE_EMOJI: Record<Tone, string> = {
  info: ":information_source:",
  success: ":white_check_mark:",
  warning: ":warning:",
  danger: ":x:",
};

export interface SlackMessage {
  /** Notification and screen-reader text. */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Slack user id to mention at the top (the requester, when a result is told). */
  mention?: string;
  /** Small print added first, e.g. who asked through a slash command. */
  preface?: string;
  /** Leave the buttons out (a message Slack will not let the bot update later). */
  withoutButtons?: boolean;
}

/** Each content block with how many items (lines, facts) it carries, so cuts can be counted. */
interface Counted {
  block: KnownBlock;
  items: number;
}

export function renderBlocks(neutral: BotMessage, options: RenderOptions = {}): SlackMessage {
  const message = resolvePeople(neutral, slackPerson);
  const header: KnownBlock = {
    type: "header",
    text: {
      type: "plain_text",
      text: clipText(`${TONE_EMOJI[message.tone]} ${slackPlain(message.title)}`, SLACK_LIMITS.headerText),
      emoji: true,
    },
  };
  const content = [...textBlocks(message, options), ...factBlocks(message), ...sectionBlocks(message)];
  const context = contextBlock(message, options);
  const actions = options.withoutButtons ? undefined : actionsBlock(buttonsWithDetails(message));
  const fixed = 1 + (context ? 1 : 0) + (actions ? 1 : 0);
  const room = SLACK_LIMITS.blocks - fixed;
  const blocks: KnownBlock[] = [header];
  if (content.length <= room) blocks.push(...content.map((each) => each.block));
  else {
    const kept = content.slice(0, room - 1);
    const dropped = content.slice(room - 1).reduce((sum, each) => sum + each.items, 0);
    blocks.push(...kept.map((each) => each.block), moreBlock(dropped));
  }
  if (context) blocks.push(context);
  if (actions) blocks.push(actions);
  return { text: fallbackText(message, options), blocks };
}

/**
 * A Slack person stays the user id, which slack-text.ts turns into a mention that Slack names by itself; anyone
 * else (a Teams or terminal requester of the same VM's job) is named by name.
 */
function slackPerson(person: MessagePerson): string {
  return person.id.startsWith("slack:") ? person.id : (person.name ?? person.id);
}

function textBlocks(message: BotMessage, options: RenderOptions): Counted[] {
  const mention = options.mention ? `<@${options.mention}>` : "";
  const text = [mention, message.text ? slackMrkdwn(message.text) : ""].filter(Boolean).join(" ");
  return text ? chunkLines(text.split("\n")) : [];
}

function factBlocks(message: BotMessage): Counted[] {
  const facts = message.facts ?? [];
  const blocks: Counted[] = [];
  for (let start = 0; start < facts.length; start += SLACK_LIMITS.fields) {
    const group = facts.slice(start, start + SLACK_LIMITS.fields);
    blocks.push({
      items: group.length,
      block: {
        type: "section",
        fields: group.map((fact) => ({
          type: "mrkdwn" as const,
          text: clipMrkdwn(
            `*${slackMrkdwn(fact.label)}*\n${slackMrkdwn(fact.value)}`,
            SLACK_LIMITS.fieldText,
          ),
        })),
      },
    });
  }
  return blocks;
}

function sectionBlocks(message: BotMessage): Counted[] {
  return (message.sections ?? []).flatMap((section) => {
    const lines = section.lines.map(sectionLine);
    const chunks = chunkLines(lines);
    if (section.heading && chunks.length > 0) {
      const first = chunks[0] as Counted;
      const heading = `*${slackMrkdwn(section.heading)}*`;
      const joined = `${heading}\n${(first.block as { text: { text: string } }).text.text}`;
      if (joined.length <= SLACK_LIMITS.text)
        chunks[0] = { items: first.items, block: mrkdwnSection(joined) };
      else chunks.unshift({ items: 0, block: mrkdwnSection(heading) });
    } else if (section.heading)
      chunks.push({ items: 0, block: mrkdwnSection(`*${slackMrkdwn(section.heading)}*`) });
    return chunks;
  });
}

/**
 * A line with line breaks carries text to copy under its first line (a policy rule): that part becomes a code
 * block, its ids left exactly as written.
 */
function sectionLine(line: string): string {
  const [first = "", ...rest] = line.split("\n");
  if (rest.length === 0) return `• ${slackMrkdwn(line)}`;
  return `• ${slackMrkdwn(first)}\n\`\`\`\n${slackCode(dedent(rest).join("\n"))}\n\`\`\``;
}

function dedent(lines: string[]): string[] {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
}

/** Lines packed into as few sections as fit 3,000 characters each; one over-long line is cut on its own. */
function chunkLines(lines: string[]): Counted[] {
  const blocks: Counted[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = () => {
    if (current.length > 0) blocks.push({ items: current.length, block: mrkdwnSection(current.join("\n")) });
    current = [];
    length = 0;
  };
  for (const raw of lines) {
    const line = clipMrkdwn(raw, SLACK_LIMITS.text);
    if (length + line.length + 1 > SLACK_LIMITS.text) flush();
    current.push(line);
    length += line.length + 1;
  }
  flush();
  return blocks;
}

function contextBlock(message: BotMessage, options: RenderOptions): KnownBlock | undefined {
  const links = (message.links ?? []).map((link) => `<${link.url}|${escapeMarkup(slackPlain(link.label))}>`);
  const notes = [options.preface, ...links, ...(message.context ?? []).map(slackMrkdwn)].filter(
    (note): note is string => Boolean(note),
  );
  if (notes.length === 0) return undefined;
  const shown = notes.slice(0, SLACK_LIMITS.contextElements - 1);
  const rest = notes.slice(SLACK_LIMITS.contextElements - 1);
  if (rest.length > 0) shown.push(rest.join(" · "));
  return {
    type: "context",
    elements: shown.map((note) => ({ type: "mrkdwn" as const, text: clipMrkdwn(note, SLACK_LIMITS.text) })),
  };
}

function actionsBlock(buttons: MessageButton[]): KnownBlock | undefined {
  if (buttons.length === 0) return undefined;
  return {
    type: "actions",
    block_id: "rp-actions",
    elements: buttons.slice(0, SLACK_LIMITS.buttons).map((button, index) => ({
      type: "button" as const,
      action_id: `rp:${button.action}:${index}`,
      text: {
        type: "plain_text" as const,
        text: clipText(button.label, SLACK_LIMITS.buttonText),
        emoji: true,
      },
      value: button.value.slice(0, SLACK_LIMITS.buttonValue),
      ...(button.style ? { style: button.style } : {}),
      ...(button.confirm
        ? {
            confirm: {
              title: {
                type: "plain_text" as const,
                text: clipText(button.confirm.title, SLACK_LIMITS.confirmTitle),
              },
              text: {
                type: "plain_text" as const,
                text: clipText(button.confirm.text, SLACK_LIMITS.confirmText),
              },
              confirm: {
                type: "plain_text" as const,
                text: clipText(button.confirm.confirm, SLACK_LIMITS.confirmButton),
              },
              deny: {
                type: "plain_text" as const,
                text: clipText(button.confirm.deny, SLACK_LIMITS.confirmButton),
              },
              ...(button.style === "danger" ? { style: "danger" as const } : {}),
            },
          }
        : {}),
    })),
  };
}

function moreBlock(dropped: number): KnownBlock {
  return {
    type: "context",
    elements: [{ type: "mrkdwn", text: `…and ${dropped} more, too long for one Slack message.` }],
  };
}

function mrkdwnSection(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

/** The top-level text is mrkdwn too (notifications show it): the title is escaped like everything else. */
function fallbackText(message: BotMessage, options: RenderOptions): string {
  const mention = options.mention ? `<@${options.mention}> ` : "";
  const title = escapeMarkup(slackPlain(message.title));
  // A sentence, not "Which one?: …": the title ends as a sentence does before the text follows.
  const body = message.text ? `${/[.?!:]$/.test(title) ? "" : "."} ${slackMrkdwn(message.text)}` : "";
  return clipMrkdwn(`${mention}${title}${body}`, SLACK_LIMITS.text);
}

/** Inline code cannot hold a backtick or a line break: look-alikes keep the echo readable and in one piece. */
const MODIFIER_GRAVE = "\u02cb";

/**
 * "<@U1> asked: `/restorepoint check vm-web-01`", the small print over a slash command's answer: the requester
 * is mentioned on purpose; what they typed is escaped (no mention, broadcast or link comes of it) and clipped
 * so the note stays within Slack's 3,000 characters however long the command was.
 */
export function askedPreface(slackUserId: string, asked: string): string {
  const prefix = `<@${slackUserId}> asked: \``;
  const echoed = escapeMarkup(asked.replace(/`/g, MODIFIER_GRAVE).replace(/\s*\n\s*/g, " "));
  return `${prefix}${clipMrkdwn(echoed, SLACK_LIMITS.text - prefix.length - 1)}\``;
}
