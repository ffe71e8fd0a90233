import type { IDataObject } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

const node = { id: 'n', name: 'n', type: 'x.y', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
const workflow = new Workflow({
	nodes: [node],
	connections: {},
	active: false,
	nodeTypes: { getByName: () => undefined as never, getByNameAndVersion: () => undefined as never, getKnownTypes: () => ({}) },
});

/**
 * Evaluates a credential's `={{ }}` expression with n8n's expression engine,
 * the credential's values being both `$self` (as in its own field defaults)
 * and `$credentials` (as in its test request and `authenticate` block).
 */
export function evaluateCredentialExpression(expression: string, self: IDataObject): unknown {
	return workflow.expression.getComplexParameterValue(node, expression, 'internal', { $credentials: self }, undefined, undefined, self);
}
