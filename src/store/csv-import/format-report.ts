import path from 'node:path';
import type { ImportReport, RowIssue } from './types.ts';

/** Rejected rows printed in the text report; --json gives them all. */
export const PRINTED_ISSUES = 50;

/** The import report as the terminal shows it. */
export function formatImportReport(report: ImportReport): string {
  const out: string[] = [];
  const seconds = (report.durationMs / 1000).toFixed(1);
  out.push(
    `Imported ${report.kind} from ${path.basename(report.file)} into tenant ${report.tenantId} in ${seconds} s`,
  );
  out.push(
    `  ${report.rows} row${report.rows === 1 ? '' : 's'} read: ${report.imported} imported (new), ` +
      `${report.updated} updated, ${report.rejected} rejected`,
  );
  if (report.createdReps.length > 0) {
    out.push(
      `  ${report.createdReps.length} rep${report.createdReps.length === 1 ? '' : 's'} created: ${report.createdReps.join(', ')}`,
    );
  }
  for (const note of report.notes) out.push(`  note: ${note}`);
  out.push(...issueList('warnings (imported, link left empty)', report.warnings, report.warnings.length));
  out.push(...issueList('rejected (nothing of these rows was written)', report.rejections, report.rejected));
  return out.join('\n');
}

function issueList(title: string, issues: readonly RowIssue[], total: number): string[] {
  if (total === 0) return [];
  const lines = [`  ${title}: ${total}`];
  for (const issue of issues.slice(0, PRINTED_ISSUES)) lines.push(`    line ${issue.line}: ${issue.reason}`);
  const more = total - Math.min(issues.length, PRINTED_ISSUES);
  if (more > 0) lines.push(`    … and ${more} more (--json lists them)`);
  return lines;
}
