export type TKnownCycle = { units: string[]; why: string };
export function unitOf(file: string): string | null;
export function unitGraph(fileGraph: Map<string, Set<string>>): Map<string, Map<string, string>>;
export function cyclesOf(graph: Map<string, Map<string, string>>): string[][];
export function checkCycles(found: string[][], known: TKnownCycle[], graph: Map<string, Map<string, string>>): string[];
