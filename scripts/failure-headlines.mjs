// Which tests failed, read from Mocha's spec reporter output: `npm test`'s summary lists them.

/**
 * Each failed test's title and first error line from Mocha's failure listing, so that the summary
 * (often all of a CI log that is kept) says which tests failed and why.
 */
export function failureHeadlines(output, limit = 10) {
  const headlines = [];
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/);
  // Only the listing after "N failing"; the same numbers mark failed tests as they run.
  let listing = false;
  for (let i = 0; i < lines.length && headlines.length < limit; i++) {
    if (/^\s*\d+ failing\b/.test(lines[i])) listing = true;
    else if (/^\s*\d+ passing\b/.test(lines[i])) listing = false;
    if (!listing || !/^\s+\d+\) \S/.test(lines[i])) continue;
    // Mocha indents the k-th part of a title by 5 + 2k spaces; the message follows, at most one blank line on.
    const title = [lines[i].trim()];
    let j = i + 1;
    for (; j < lines.length && lines[j].match(/^ */)[0].length === 5 + 2 * title.length; j++)
      title.push(lines[j].trim());
    if (!title.at(-1).endsWith(':')) continue;
    if (j < lines.length && lines[j].trim() === '') j++;
    const error = (lines[j] ?? '').trim();
    headlines.push(`${title.join(' ').slice(0, -1)}: ${error}`.slice(0, 300));
    i = j;
  }
  return headlines;
}
