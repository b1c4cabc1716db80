/**
 * Says which PostgreSQL server an error is about without ever repeating the connection string, which may
 * carry a password.
 */

const DEFAULT_PORT = "5432";

/** "host:port, database name" from a connection string, or a neutral phrase when it is not a URL. */
export function describeTarget(connectionString: string): string {
  const url = parsed(connectionString);
  if (!url) return "the server named by DATABASE_URL (it is not a valid URL)";
  const host = url.hostname || url.searchParams.get("host") || "localhost";
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  return `${host}:${url.port || DEFAULT_PORT}${database ? `, database "${database}"` : ""}`;
}

/** Removes the connection string's password from a driver message, in case a driver ever echoes it. */
export function withoutPassword(message: string, connectionString: string): string {
  const password = parsed(connectionString)?.password;
  if (!password) return message;
  return [password, safeDecode(password)].reduce((text, secret) => text.split(secret).join("***"), message);
}

function parsed(connectionString: string): URL | undefined {
  try {
    return new URL(connectionString);
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
