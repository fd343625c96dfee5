/** Each failed test's title and first error line from Mocha's spec output (at most `limit`). */
export function failureHeadlines(output: string, limit?: number): string[];
