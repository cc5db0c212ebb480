/**
 * For an HTTP request without TLS (the engine's socket, tcp:// without TLS, a loopback
 * probe): Node's agent works out a TLS server name for every request all the same, testing
 * the Host against its IPv6 pattern — a large regular expression compiled on first use,
 * ~5 ms of a CLI command. An empty name skips it. Spread into agent or request options.
 */
export const NO_TLS_NAME = { servername: '' };
