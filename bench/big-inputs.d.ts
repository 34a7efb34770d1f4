/** Types of bench/big-inputs.js (used by the benchmarks and by the loader's scaling tests). */
export declare const SCENARIOS: Record<"unknown keys" | "volume.times list" | "types and groups", (bytes: number) => string>;
export declare function writeCsv(file: string, bytes: number, kind: "empirical" | "replay"): void;
export declare function csvScenario(csv: string, kind: "empirical" | "replay"): string;
