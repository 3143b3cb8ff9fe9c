// Internal modules the client tests look into; not part of the public API.
export { assertSafeEndpoint, isLoopbackHost, MAX_ATTEMPTS, sharedClientCount } from "../../src/providers/clients.js";
export { ssmClient as ssmClientForTest } from "../../src/providers/ssm.js";
