import type { CompilerOptions } from 'typescript';

export function listSources(root: string, dirs: string[], skip?: RegExp): string[];
export function runtimeImports(fileName: string, text: string): string[];
export function buildGraph(root: string, files: string[], compilerOptions: CompilerOptions): Map<string, Set<string>>;
export function loadCompilerOptions(root: string): CompilerOptions;
