/** The simulator's request and response, independent of node:http so tests can drive routes in memory. */

export interface SimRequest {
  method: string;
  /** Absolute URL on the origin the client used (it becomes the origin of nextLink and poll URLs). */
  url: URL;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  /** Set when the body was present but not JSON. */
  bodyError?: string;
  /** Aborts when the client closes the connection before the answer (absent in memory). */
  signal?: AbortSignal;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON; undefined means an empty body. */
  body?: unknown;
}

export type SimHandler = (request: SimRequest) => Promise<SimResponse>;
