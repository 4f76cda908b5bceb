/**
 * The submission workflow as a table: which action takes a submission from
 * which status to which, and who may take it. Pure; the server checks every action against it.
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──reopen (admin, reason)──▶ returned
 *     │                  │  ▲                                                       │
 *     │                return│resubmit ◀────────────────────────────────────────────┘
 *     ▼                  ▼  │
 *   withdrawn ◀──────── returned          (withdraw: from draft, submitted or returned)
 */

import type { Role, SubmissionStatus } from './words';

export type { Role, SubmissionStatus };
export type WorkflowAction = 'submit' | 'withdraw' | 'return' | 'approve' | 'reopen';

interface Rule {
	from: readonly SubmissionStatus[];
	to: SubmissionStatus;
	/** Who may: the submission's own reporter, or users of these roles. */
	by: 'own reporter' | readonly Role[];
	/** A comment is required (return) or a reason (reopen). */
	needsComment: boolean;
}

export const WORKFLOW: Readonly<Record<WorkflowAction, Rule>> = {
	submit: { from: ['draft', 'returned'], to: 'submitted', by: 'own reporter', needsComment: false },
	withdraw: {
		from: ['draft', 'submitted', 'returned'],
		to: 'withdrawn',
		by: 'own reporter',
		needsComment: false
	},
	return: { from: ['submitted'], to: 'returned', by: ['reviewer', 'admin'], needsComment: true },
	approve: { from: ['submitted'], to: 'approved', by: ['reviewer', 'admin'], needsComment: false },
	reopen: { from: ['approved'], to: 'returned', by: ['admin'], needsComment: true }
};

export interface Actor {
	role: Role;
	reporterCode: string | null;
}

/** Whether an actor may see a submission at all: its own reporter, or any reviewer or admin (not drafts). */
export function canSee(
	actor: Actor,
	submission: { reporterCode: string; status: SubmissionStatus }
): boolean {
	if (actor.role === 'reporter') return actor.reporterCode === submission.reporterCode;
	return submission.status !== 'draft';
}

/** Whether an actor may take an action on a submission now. */
export function canTake(
	actor: Actor,
	action: WorkflowAction,
	submission: { reporterCode: string; status: SubmissionStatus }
): boolean {
	const rule = WORKFLOW[action];
	if (!rule.from.includes(submission.status)) return false;
	if (rule.by === 'own reporter')
		return actor.role === 'reporter' && actor.reporterCode === submission.reporterCode;
	return rule.by.includes(actor.role);
}

/** The actions an actor may take on a submission now, in display order. */
export function availableActions(
	actor: Actor,
	submission: { reporterCode: string; status: SubmissionStatus }
): WorkflowAction[] {
	return (Object.keys(WORKFLOW) as WorkflowAction[]).filter((a) => canTake(actor, a, submission));
}
