/** `ccsim/testing`: fast-check generators of valid scenarios, for researchers' own property tests. */
export * from "./arbitraries.js";
