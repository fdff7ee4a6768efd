/** Outbound HTTP for the HTTP system task. Implementations enforce timeouts and the address policy. */
export interface HttpRequest {
  uri: string;
  method: string;
  headers: Record<string, string>;
  /** Already serialised body, or undefined for none. */
  body?: string;
  connectionTimeOutMs: number;
  readTimeOutMs: number;
}

export interface HttpResponse {
  statusCode: number;
  reasonPhrase: string;
  headers: Record<string, string | string[]>;
  /** Raw response text. */
  body: string;
}

export interface HttpCaller {
  /**
   * Performs the request.
   * @throws Error for connection failures, timeouts, and addresses refused by policy (loopback,
   *   private, link-local, metadata) unless allow-listed; the message says which.
   */
  call(request: HttpRequest): Promise<HttpResponse>;
}
