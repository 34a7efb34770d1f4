/**
 * Big inputs for the loader's benchmarks (bench/case.js validate, csv): scenario files of a given
 * size made of what makes files big — unknown keys, a long list, many contact types and groups —
 * and data files (an empirical-distribution CSV, a replay CSV of two contact types).
 */
import { closeSync, openSync, writeSync } from "node:fs";

const GROUP = "agentGroups:\n  agents: { skills: { calls: 1 }, staffing: { constant: 14 } }\n";
const TOP = "name: big\nhorizon: { days: 1 }\n";

/** Lines from `line(i)` until `bytes` is reached, after `head` and before `tail`. */
function fill(head, line, bytes, tail = "") {
  const parts = [head];
  let n = head.length + tail.length;
  for (let i = 0; n < bytes; i++) {
    const l = line(i);
    parts.push(l);
    n += l.length;
  }
  parts.push(tail);
  return parts.join("");
}

export const SCENARIOS = {
  /** Thousands of unknown top-level keys (each one an error; 50 are listed). */
  "unknown keys": (bytes) => fill(`${TOP}contactTypes:\n  calls: { volume: { perHour: 100 }, handleTime: 300 }\n${GROUP}`, (i) => `junkKey${i}: 1\n`, bytes),
  /** One long valid list: arrival times to replay. */
  "volume.times list": (bytes) =>
    fill(`${TOP}contactTypes:\n  calls:\n    handleTime: 300\n    volume:\n      times:\n`, (i) => `        - ${(i * 0.5 + (i % 7) * 0.01).toFixed(3)}\n`, bytes, GROUP),
  /** Many valid contact types, each served by its own group (references checked both ways). */
  "types and groups": (bytes) => {
    const half = bytes / 2;
    const types = fill(`${TOP}contactTypes:\n`, (i) => `  t${i}: { volume: { perHour: 10 }, handleTime: 300, patience: 120 }\n`, half);
    const count = types.split("\n").length - 4;
    return types + "agentGroups:\n" + Array.from({ length: count }, (_, i) => `  g${i}: { skills: { t${i}: 1 }, staffing: { constant: 2 } }\n`).join("");
  },
};

/** Writes a CSV of about `bytes` bytes: "empirical" (id, seconds) or "replay" (time, type of calls or chats). */
export function writeCsv(file, bytes, kind) {
  const fd = openSync(file, "w");
  try {
    let n = 0;
    let chunk = [kind === "replay" ? "time,type\n" : "id,seconds\n"];
    for (let i = 0, t = 0; n < bytes; i++) {
      t += 0.37 + (i % 5) * 0.01;
      const line = kind === "replay" ? `${t.toFixed(2)},${i % 3 ? "calls" : "chats"}\n` : `${i + 1},${(60 + ((i * 7919) % 5000) / 10).toFixed(1)}\n`;
      chunk.push(line);
      n += line.length;
      if (chunk.length >= 10_000) {
        writeSync(fd, chunk.join(""));
        chunk = [];
      }
    }
    writeSync(fd, chunk.join(""));
  } finally {
    closeSync(fd);
  }
}

/** A scenario reading `csv` as an empirical handle time, or replaying it for two contact types. */
export function csvScenario(csv, kind) {
  return kind === "replay"
    ? `name: replay\nhorizon: { days: 120 }\ncontactTypes:\n  calls: { volume: { replay: ${csv} }, handleTime: 300 }\n  chats: { channel: chat, volume: { replay: ${csv} }, handleTime: 300 }\nagentGroups:\n  agents: { skills: { calls: 1, chats: 1 }, staffing: { constant: 14 } }\n`
    : `name: empirical\nhorizon: { days: 1 }\ncontactTypes:\n  calls: { volume: { perHour: 100 }, handleTime: { dist: empirical, csv: ${csv}, column: seconds } }\n${GROUP}`;
}
