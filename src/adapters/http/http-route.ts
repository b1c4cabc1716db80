/**
 * The doors' HTTP contract: a handler is a plain function from request to response, so tests can drive a door
 * in memory and the server that carries it (restify) stays in one file.
 */

export interface HttpRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The body exactly as received: Slack signs the raw bytes. */
  rawBody: Buffer;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is (text/plain unless a content-type is given); anything else as JSON. */
  body?: unknown;
}

export type HttpHandler = (request: HttpRequest) => Promise<HttpResponse>;

export interface HttpRoute {
  method: "GET" | "POST";
  path: string;
  handle: HttpHandler;
}
