// @ts-check
/**
 * What `teams:package` needs to know, read from the environment it is handed (the process's, with .env filled
 * in): the bot's app id, who publishes the app and their three pages, and the app's version. Every problem is
 * collected, so one run names everything left to set. Values of URLs are not repeated in messages.
 */

/** The keys match the `${{...}}` placeholders of manifest.json. */
/**
 * @typedef {{
 *   MicrosoftAppId: string,
 *   RPBOT_TEAMS_DEVELOPER_NAME: string,
 *   RPBOT_TEAMS_WEBSITE_URL: string,
 *   RPBOT_TEAMS_PRIVACY_URL: string,
 *   RPBOT_TEAMS_TERMS_URL: string,
 *   version: string,
 * }} PackageValues
 */
/** @typedef {{ ok: true, values: PackageValues } | { ok: false, problems: string[] }} PackageConfigResult */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** MAJOR.MINOR.PATCH without pre-release or build parts: the `semver` pattern of the Teams manifest schema. */
const VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
/** Limits of the Teams manifest schema (developer.name, and every URL). */
const DEVELOPER_NAME_MAX = 32;
const URL_MAX = 2048;

/**
 * @param {Record<string, string | undefined>} env
 * @param {{ version: string, versionSource: string }} version the app's version, and where it came from
 * @returns {PackageConfigResult}
 */
export function readPackageConfig(env, { version, versionSource }) {
  /** @type {string[]} */
  const problems = [];
  const appId = required(
    problems,
    "MicrosoftAppId",
    env.MicrosoftAppId,
    "the Microsoft App ID of your Azure Bot (its Configuration page), a GUID",
  );
  if (appId && !GUID.test(appId)) {
    problems.push("MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000");
  }
  const developerName = required(
    problems,
    "RPBOT_TEAMS_DEVELOPER_NAME",
    env.RPBOT_TEAMS_DEVELOPER_NAME,
    "who publishes the app, as Teams shows it (your organisation)",
  );
  if (developerName.length > DEVELOPER_NAME_MAX) {
    problems.push(`RPBOT_TEAMS_DEVELOPER_NAME must be at most ${DEVELOPER_NAME_MAX} characters`);
  }
  const websiteUrl = httpsUrl(problems, "RPBOT_TEAMS_WEBSITE_URL", env.RPBOT_TEAMS_WEBSITE_URL, "support");
  const privacyUrl = httpsUrl(problems, "RPBOT_TEAMS_PRIVACY_URL", env.RPBOT_TEAMS_PRIVACY_URL, "privacy");
  const termsUrl = httpsUrl(problems, "RPBOT_TEAMS_TERMS_URL", env.RPBOT_TEAMS_TERMS_URL, "terms of use");
  if (!VERSION.test(version)) {
    problems.push(`${versionSource} must be MAJOR.MINOR.PATCH, like 1.4.0 (got "${version}")`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    values: {
      MicrosoftAppId: appId,
      RPBOT_TEAMS_DEVELOPER_NAME: developerName,
      RPBOT_TEAMS_WEBSITE_URL: websiteUrl,
      RPBOT_TEAMS_PRIVACY_URL: privacyUrl,
      RPBOT_TEAMS_TERMS_URL: termsUrl,
      version,
    },
  };
}

/**
 * The trimmed value, or "" after noting that it is missing (an empty value counts as unset, as for the bot).
 * @param {string[]} problems
 * @param {string} name
 * @param {string | undefined} raw
 * @param {string} what
 */
function required(problems, name, raw, what) {
  const value = raw?.trim() ?? "";
  if (!value) problems.push(`${name} is not set: ${what}`);
  return value;
}

/**
 * @param {string[]} problems
 * @param {string} name
 * @param {string | undefined} raw
 * @param {string} page
 */
function httpsUrl(problems, name, raw, page) {
  const value = required(problems, name, raw, `the https:// address of your ${page} page for this app`);
  if (value && !(isHttpsUrl(value) && value.length <= URL_MAX)) {
    problems.push(`${name} must be an https:// URL of at most ${URL_MAX} characters`);
  }
  return value;
}

/** @param {string} value */
function isHttpsUrl(value) {
  // The schema wants the literal "https://" prefix, which `new URL` alone would not insist on ("https:host").
  if (!/^https:\/\//i.test(value)) return false;
  try {
    return new URL(value).hostname !== "";
  } catch {
    return false;
  }
}
