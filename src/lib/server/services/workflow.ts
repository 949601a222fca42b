/**
 * The report workflow: draft → submitted → approved, or returned with a comment (and back to
 * draft when edited). Figures wait in `drafts` until approval, which writes them to
 * `observations` through `applyFigures` in the same transaction, so public pages only ever show
 * approved figures. Every step bumps the draft's version; a step based on a stale version is
 * refused (409), never silently merged. Callers check role and scope first (auth/guard.ts); the
 * rules here are the workflow's own: status transitions and "nobody approves a report they wrote
 * any figure of" (queries/draft-writers.ts). Each step is its own module
 * under workflow/: save (and submit), approve, return and discard (close), and the rules they
 * share.
 */
export { WorkflowError, changes, isOpen, raceAsStale, type ReviewInput } from './workflow/rules.ts';
export { saveReport, type SaveInput, type SaveOutcome } from './workflow/save.ts';
export { approveReport } from './workflow/approve.ts';
export { discardReport, returnReport } from './workflow/close.ts';
