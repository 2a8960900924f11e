/**
 * Claim-path syntax (product.md): dots nest, quoted names are taken whole. The parser lives in the contract so
 * forms and the CLI reject the same paths; re-exported here for engine code (mapping, test runs).
 */
export { claimPathProblem, formatClaimPath, parseClaimPath, readClaim } from '../../contract/schemas/connection-claim-path.js';
